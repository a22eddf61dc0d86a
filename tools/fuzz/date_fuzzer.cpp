// libFuzzer target: parse_indonesian_date on any text. A date it returns is a real calendar
// date written YYYY-MM-DD.
#include <cstdint>
#include <string>
#include <string_view>

#include "date.h"

namespace {

bool is_real_iso_date(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return false;
  }
  const int year = std::stoi(iso.substr(0, 4));
  const int month = std::stoi(iso.substr(5, 2));
  const int day = std::stoi(iso.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day <= days[month - 1];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const sopocr::ParsedDate date = sopocr::parse_indonesian_date(raw);
  if (date.iso && !is_real_iso_date(*date.iso)) __builtin_trap();
  if (!date.iso && date.problem.empty()) __builtin_trap();
  return 0;
}
