#include "lists.h"

#include <regex>

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
  std::vector<std::string> items;
  bool any_marker = false;
  std::string current;
  auto finish_item = [&] {
    std::string item = normalize_text(current);
    if (!item.empty()) items.push_back(std::move(item));
    current.clear();
  };
  for (const std::string& line : split_lines(raw)) {
    std::smatch match;
    // A single letter followed by '.' starts an item only when it opens a sequence; "a." inside
    // running text is rare in cells, so accept it.
    if (std::regex_match(line, match, marker_pattern())) {
      any_marker = true;
      finish_item();
      current = match[1].str();
      continue;
    }
    current += current.empty() ? line : " " + line;
  }
  finish_item();
  if (!any_marker && items.size() > 1) {
    // No markers: the lines are one wrapped item.
    std::string joined;
    for (const std::string& item : items) joined += joined.empty() ? item : " " + item;
    return {normalize_text(joined)};
  }
  return items;
}

}  // namespace sopocr
