#include "nip.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "text.h"

namespace sopocr {
namespace {

bool is_plausible_date(int year, int month, int day) {
  return year >= 1940 && year <= 2010 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

ParsedNip parse_nip(std::string_view raw) {
  ParsedNip parsed;
  std::string text = normalize_text(raw);
  // What a stamp or signature left before the NIP ("9 NIP. 1969…") is no part of it: the NIP
  // starts after its "NIP". Where that word was lost too ("IP 1969…"), it is the run of digits
  // long enough to be one.
  // Marks after the word are its punctuation or a speck ("NIP., 1969…"), never a digit's; a
  // comma among the digits is a dot or a speck ("19730614,2001121004").
  static const std::regex prefix("N\\s*[I1l]\\s*P\\b[\\s.:,;'`]*", std::regex::icase);
  static const std::regex digit_run("\\d[\\d .,]{12,}\\d");
  std::smatch match;
  if (std::regex_search(text, match, prefix)) {
    text = match.suffix().str();
  } else if (std::regex_search(text, match, digit_run)) {
    text = match.str();
  }
  std::string compact;
  for (char c : text) {
    if (c != ' ' && c != '.' && c != ',') compact += c;
  }
  // What a signature's stroke left after the last digit ("…1 004-", "…1 003AT") is no part of a
  // NIP, which holds digits only; eighteen digits before it are the whole number.
  const std::size_t digits = static_cast<std::size_t>(
      std::find_if(compact.begin(), compact.end(), [](char c) { return !std::isdigit(c); }) -
      compact.begin());
  if (digits == 18) compact.resize(digits);
  if (compact.empty()) {
    parsed.problem = "no NIP found";
    return parsed;
  }
  parsed.nip = compact;
  if (compact.size() != 18 ||
      !std::all_of(compact.begin(), compact.end(), [](char c) { return std::isdigit(c); })) {
    parsed.problem = "a NIP has 18 digits";
    return parsed;
  }
  const int birth_year = std::stoi(compact.substr(0, 4));
  const int birth_month = std::stoi(compact.substr(4, 2));
  const int birth_day = std::stoi(compact.substr(6, 2));
  const int appointment_year = std::stoi(compact.substr(8, 4));
  const int appointment_month = std::stoi(compact.substr(12, 2));
  const char sex = compact[14];
  if (!is_plausible_date(birth_year, birth_month, birth_day)) {
    parsed.problem = "digits 1-8 are not a plausible birth date";
  } else if (appointment_month < 1 || appointment_month > 12 || appointment_year > 2100) {
    parsed.problem = "digits 9-14 are not an appointment year and month";
  } else if (appointment_year * 12 + appointment_month < (birth_year + 18) * 12 + birth_month) {
    parsed.problem = "appointment before the 18th birthday";
  } else if (sex != '1' && sex != '2') {
    parsed.problem = "digit 15 (sex) must be 1 or 2";
  } else {
    parsed.valid = true;
  }
  return parsed;
}

bool reads_as_nip_line(const std::string& line) {
  static const std::regex nip_line("(^|[^A-Za-z])N\\s*[I1l]\\s*P\\b|\\d([ .]?\\d){13}",
                                   std::regex::icase);
  return std::regex_search(line, nip_line);
}

bool holds_nip_digits(const std::string& line) {
  constexpr long kFewestNipDigits = 10;
  return reads_as_nip_line(line) || std::count_if(line.begin(), line.end(), [](char c) {
                                      return c >= '0' && c <= '9';
                                    }) >= kFewestNipDigits;
}

}  // namespace sopocr
