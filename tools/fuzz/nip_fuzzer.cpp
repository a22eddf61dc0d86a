// libFuzzer target: parse_nip on any text. A NIP it returns is digits only; a valid one is the
// 18 digits the civil-service number has.
#include <cstdint>
#include <string_view>

#include "nip.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  const sopocr::ParsedNip nip = sopocr::parse_nip(raw);
  if (nip.valid && (!nip.nip || nip.nip->size() != 18)) __builtin_trap();
  if (nip.valid && !nip.problem.empty()) __builtin_trap();
  if (nip.nip && nip.valid) {
    for (char c : *nip.nip) {
      if (c < '0' || c > '9') __builtin_trap();
    }
  }
  return 0;
}
