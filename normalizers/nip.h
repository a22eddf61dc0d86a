// NIP, the 18-digit Indonesian civil-servant number: birth date YYYYMMDD, appointment YYYYMM,
// sex digit (1 male, 2 female), three-digit sequence. Printed with spaces ("19691101 199303 1
// 009").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sopocr {

struct ParsedNip {
  std::optional<std::string>
      nip;  // as read, "NIP" prefix, spaces and dots removed; nullopt if empty
  bool valid = false;
  std::string problem;  // why it is not valid
};

ParsedNip parse_nip(std::string_view raw);

}  // namespace sopocr
