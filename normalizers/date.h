// Indonesian dates as printed on SOP identity pages ("04 Januari 2021", "4-1-2021",
// "10 Desernber 2019" with an OCR-garbled month) to ISO YYYY-MM-DD.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sopocr {

struct ParsedDate {
  std::optional<std::string> iso;  // nullopt when no valid date could be read
  // A garbled month name, day ("l" for 1) or year ("9019") was read fuzzily: reviewed.
  bool repaired = false;
  std::string problem;  // why `iso` is empty: "impossible date", "no day" (a month and a
                        // year only), "unknown month '…'", "no date found"
};

ParsedDate parse_indonesian_date(std::string_view raw);

}  // namespace sopocr
