#include "lists.h"

#include <regex>

#include "line_joining.h"
#include "text.h"

namespace sopocr {
namespace {

// A list marker at the start of a line: "-", "•", "*", "1.", "1)", "(1)", "a.", "a)", and the
// same after a speck read as "." or "‘" (".2.", ".b."), or with its letter doubled ("Cc." for
// "c."). A number followed by a word and a year ("23 Tahun 2014") is not a marker: the marker
// needs its '.' or ')' right after the number. Alternatives, not a bracket expression: the dashes
// and bullets are several bytes of UTF-8 each.
const std::regex& marker_pattern() {
  static const std::regex marker(
      "^\\s*(?:[.,'`]|‘|’)?\\s*"
      "(?:(?:-|–|—|•|·|▪|\\*)+|\\(?\\d{1,2}[.)]|\\(?([a-zA-Z])[.)]|(Aa|Bb|Cc|Dd|Ee|Ff|Gg|Hh)[.)]|"
      "\\(\\d{1,2}\\))\\s*(.*)$");
  return marker;
}

// A number at the start of a line whose '.' OCR lost or read as ',' ("1 Undang-Undang …",
// "2, RKPD tahun rencana"), before a word that starts with a capital: a marker only where it
// carries on the list's count (below). "2 Tahun 2017" wrapped from "No." is a year's phrase.
const std::regex& unpunctuated_number_pattern() {
  static const std::regex number("^\\s*(\\d{1,2}),?\\s+((?!Tahun\\b)[A-Z].*)$");
  return number;
}

bool starts_with_capital_word(const std::string& line) {
  return line.size() >= 2 && line[0] >= 'A' && line[0] <= 'Z' && line[1] >= 'a' && line[1] <= 'z';
}

}  // namespace

std::vector<std::string> split_list_items(std::string_view raw,
                                          const std::vector<bool>& broken_on_purpose) {
  const std::vector<std::string> lines = split_lines(raw);
  std::vector<std::smatch> matches(lines.size());
  std::vector<bool> marked(lines.size(), false);
  bool any_marker = false;
  // The count the next numbered item carries on: a number lost its '.' is a marker where it is
  // that count, from 1 at the list's top.
  int next_number = 1;
  std::vector<std::string> unpunctuated_items(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    marked[i] = std::regex_match(lines[i], matches[i], marker_pattern());
    std::smatch number;
    if (marked[i]) {
      const std::string marker = lines[i].substr(0, lines[i].size() - matches[i][3].length());
      const auto digit = marker.find_first_of("0123456789");
      if (digit != std::string::npos) next_number = std::stoi(marker.substr(digit)) + 1;
    } else if (std::regex_match(lines[i], number, unpunctuated_number_pattern()) &&
               std::stoi(number[1].str()) == next_number) {
      marked[i] = true;
      unpunctuated_items[i] = number[2].str();
      ++next_number;
    }
    any_marker = any_marker || marked[i];
  }
  // Each item as its wrapped lines; lines without a marker continue the item above.
  std::vector<std::vector<std::string>> items;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (marked[i]) {
      items.push_back({unpunctuated_items[i].empty() ? matches[i][3].str()
                                                     : unpunctuated_items[i]});
    } else if (items.empty()) {
      items.push_back({lines[i]});
    } else if (any_marker && i > 0 && i - 1 < broken_on_purpose.size() &&
               broken_on_purpose[i - 1] && starts_with_capital_word(lines[i])) {
      items.push_back({lines[i]});
    } else {
      items.back().push_back(lines[i]);
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
