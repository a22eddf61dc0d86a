#include "date.h"

#include <array>
#include <cctype>
#include <regex>

#include "text.h"

namespace sopocr {
namespace {

// Month names and the old spellings still printed (Pebruari, Nopember) and common abbreviations.
constexpr std::array<std::array<const char*, 4>, 12> kMonthNames{{
    {"januari", "jan", "january", ""},
    {"februari", "pebruari", "feb", "february"},
    {"maret", "mar", "march", ""},
    {"april", "apr", "", ""},
    {"mei", "may", "", ""},
    {"juni", "jun", "june", ""},
    {"juli", "jul", "july", ""},
    {"agustus", "agt", "agu", "august"},
    {"september", "sept", "sep", ""},
    {"oktober", "okt", "october", ""},
    {"november", "nopember", "nov", ""},
    {"desember", "des", "december", ""},
}};

// A month's name a stamp or a signature crossed keeps its first letter and little else
// ("Noyerfiben", "Deserfher", "Sepyertker"): read among the months that begin with that letter,
// where the word is as long as the name give or take a few letters and one of them clearly wins.
// The date is marked repaired, so it is reviewed.
std::optional<int> month_by_first_letter(const std::string& word, bool& repaired) {
  if (word.size() < 4) return std::nullopt;
  int best_month = -1;
  double best = 0.0;
  double second = 0.0;
  for (int month = 0; month < 12; ++month) {
    double month_best = 0.0;
    for (const char* name : kMonthNames[month]) {
      const std::string_view full(name);
      if (full.size() < 4 || full.front() != word.front()) continue;
      const int length_difference = static_cast<int>(word.size()) - static_cast<int>(full.size());
      if (length_difference < -2 || length_difference > 3) continue;
      month_best = std::max(month_best, similarity(word, full));
    }
    if (month_best > best) {
      second = best;
      best = month_best;
      best_month = month;
    } else {
      second = std::max(second, month_best);
    }
  }
  if (best_month < 0 || best < 0.45 || best - second < 0.2) return std::nullopt;
  repaired = true;
  return best_month + 1;
}

// 1-based month for a month word; fuzzy for full names (OCR garbles like "Desernber").
std::optional<int> month_of_word(const std::string& word, bool& repaired) {
  for (int month = 0; month < 12; ++month) {
    for (const char* name : kMonthNames[month]) {
      if (*name != '\0' && word == name) return month + 1;
    }
  }
  // Fuzzy: only full names of 4+ letters, and only when one month clearly wins.
  int best_month = -1;
  double best = 0.0;
  double second = 0.0;
  for (int month = 0; month < 12; ++month) {
    for (const char* name : kMonthNames[month]) {
      if (std::string_view(name).size() < 4) continue;
      const double score = similarity(word, name);
      if (score > best) {
        if (best_month != month) second = best;
        best = score;
        best_month = month;
      } else if (month != best_month && score > second) {
        second = score;
      }
    }
  }
  if (best >= 0.7 && best - second >= 0.15) {
    repaired = true;
    return best_month + 1;
  }
  return month_by_first_letter(word, repaired);
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool is_valid_date(int year, int month, int day) {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  const int days = kDays[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
  return day <= days;
}

int expand_year(int year) {
  // Two-digit years on SOPs are this century: they were all written after 2000.
  return year < 100 ? 2000 + year : year;
}

// A stamp's ring through a year takes a stroke from a digit or adds one to it ("9019", "2918"): a
// year no date has (before 1900 or after 2100) that a change of one digit brings into 2000–2049
// in one way only is that year. PermenPAN-RB 35/2012 SOPs are all dated after 2000.
std::optional<int> year_one_digit_off(int year) {
  if (year >= 1900 && year <= 2100) return std::nullopt;
  if (year < 1000 || year > 9999) return std::nullopt;
  std::optional<int> found;
  for (int candidate = 2000; candidate <= 2049; ++candidate) {
    int differing = 0;
    for (int a = year, b = candidate; a > 0; a /= 10, b /= 10) differing += a % 10 != b % 10;
    if (differing != 1) continue;
    if (found) return std::nullopt;
    found = candidate;
  }
  return found;
}

ParsedDate make_date(int year, int month, int day, bool repaired) {
  ParsedDate parsed;
  if (const std::optional<int> near = year_one_digit_off(year)) {
    year = *near;
    repaired = true;
  }
  parsed.repaired = repaired;
  if (!is_valid_date(year, month, day)) {
    parsed.problem = "impossible date";
    return parsed;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  parsed.iso = buffer;
  return parsed;
}

}  // namespace

ParsedDate parse_indonesian_date(std::string_view raw) {
  const std::string lower = ascii_lower(normalize_text(raw));
  std::smatch match;
  static const std::regex iso("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  if (std::regex_search(lower, match, iso)) {
    return make_date(std::stoi(match[1]), std::stoi(match[2]), std::stoi(match[3]), false);
  }
  static const std::regex numeric("(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{2,4})");
  if (std::regex_search(lower, match, numeric)) {
    return make_date(expand_year(std::stoi(match[3])), std::stoi(match[2]), std::stoi(match[1]),
                     false);
  }
  // OCR splits or glues the words, and reads a day's 1 as "l", "i" or "I" and its 0 as "o"
  // (lower-cased here): such a day is read, and the date reviewed as repaired. A lone letter
  // is no day: before "Agustus 2023" it is a speck or the edge of a rule far more often than
  // a "1" (the real scans print month-and-year dates so), and it would invent the 1st.
  // A year's four digits may be read with a space among them ("201 9", "20 19"). A year runs
  // to its last digit: "20,9" and "20I9" are a four-digit year a stamp garbled, not 2020.
  // A day of three digits ("101 Mei", "310 Desember") is a day with the cell's rule or a speck
  // read before it: its last two digits are the day, and the date is reviewed as repaired.
  static const std::regex words(
      "(^|[^a-z0-9])([0-9lio]{1,3})\\s*[.,-]?\\s*([a-z]{3,})\\s*[.,-]?\\s*"
      "(\\d{4}|\\d{3} \\d|\\d{2} \\d{2}|\\d \\d{3}|\\d{2}(?![a-z]))(?![0-9]|[.,'][0-9])");
  auto lone_letter = [](const std::string& day) {
    return day.size() == 1 && !std::isdigit(static_cast<unsigned char>(day[0]));
  };
  if (std::regex_search(lower, match, words) && !lone_letter(match[2].str())) {
    bool repaired = false;
    std::string day = match[2].str();
    for (char& c : day) {
      if (c == 'l' || c == 'i') c = '1';
      if (c == 'o') c = '0';
    }
    repaired = day != match[2].str();
    if (day.size() == 3) {
      day.erase(0, 1);
      repaired = true;
    }
    if (auto month = month_of_word(match[3].str(), repaired)) {
      std::string year = match[4].str();
      std::erase(year, ' ');
      return make_date(expand_year(std::stoi(year)), *month, std::stoi(day), repaired);
    }
    ParsedDate parsed;
    parsed.problem = "unknown month '" + match[3].str() + "'";
    return parsed;
  }
  // "Agustus 2023": a month and a year are no date of the contract's YYYY-MM-DD.
  static const std::regex month_year("(^|[^a-z0-9])([a-z]{3,})\\s*[.,-]?\\s*(\\d{4})\\b");
  if (std::regex_search(lower, match, month_year)) {
    bool repaired = false;
    if (month_of_word(match[2].str(), repaired)) {
      ParsedDate parsed;
      parsed.problem = "no day";
      return parsed;
    }
  }
  ParsedDate parsed;
  parsed.problem = "no date found";
  return parsed;
}

}  // namespace sopocr
