#include "lists.h"

#include <regex>

#include "line_joining.h"
#include "text.h"

namespace sopocr {
namespace {

// A list marker at the start of a line: "-", "•", "*", "1.", "1)", "(1)", "a.", "a)".
// A number followed by a word and a year ("23 Tahun 2014") is not a marker: the marker needs
// its '.' or ')' right after the number.
const std::regex& marker_pattern() {
  static const std::regex marker(
      "^\\s*(?:[-–—•·▪*]+|\\(?\\d{1,2}[.)]|\\(?[a-zA-Z][.)]|\\(\\d{1,2}\\))\\s*(.*)$");
  return marker;
}

}  // namespace

std::vector<std::string> split_list_items(std::string_view raw) {
  // Each item as its wrapped lines; lines without a marker continue the item above.
  std::vector<std::vector<std::string>> items;
  for (const std::string& line : split_lines(raw)) {
    std::smatch match;
    if (std::regex_match(line, match, marker_pattern())) {
      items.push_back({match[1].str()});
    } else if (items.empty()) {
      items.push_back({line});
    } else {
      items.back().push_back(line);
    }
  }
  std::vector<std::string> joined;
  for (const std::vector<std::string>& item_lines : items) {
    std::string item = join_wrapped_lines(item_lines);
    if (!item.empty()) joined.push_back(std::move(item));
  }
  return joined;
}

}  // namespace sopocr
