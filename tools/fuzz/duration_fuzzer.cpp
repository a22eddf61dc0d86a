// libFuzzer target: parse_duration on any text. Beyond not crashing, a parsed duration keeps
// its promises: minutes follow the working-time calendar, and its text parses to the same value.
#include <cmath>
#include <cstdint>
#include <string_view>

#include "duration.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const auto duration = sopocr::parse_duration(raw);
  if (!duration) return 0;
  if (duration->amount) {
    const auto per_unit = sopocr::minutes_per_unit(duration->unit);
    if (!per_unit || !duration->minutes) __builtin_trap();
    if (std::fabs(*duration->minutes - *duration->amount * *per_unit) > 1e-6) __builtin_trap();
  } else if (duration->minutes) {
    __builtin_trap();
  }
  const auto again = sopocr::parse_duration(duration->text);
  if (!again || again->unit != duration->unit || again->amount != duration->amount ||
      again->text != duration->text) {
    __builtin_trap();
  }
  return 0;
}
