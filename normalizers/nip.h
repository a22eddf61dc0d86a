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

// Whether a line of an approver's block is its NIP's: "NIP" at its start or after what a stamp
// left there, or fourteen digits and more where the stamp took the word.
bool reads_as_nip_line(const std::string& line);

// Whether a line of an approver's block is its NIP's where a stamp took part of it too:
// reads_as_nip_line, or ten digits and more anywhere on the line. No name, rank or position
// has them.
bool holds_nip_digits(const std::string& line);

}  // namespace sopocr
