#include "lists.h"

#include <cctype>
#include <optional>
#include <regex>
#include <string_view>

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

// A number or a letter at the start of a line whose '.' OCR lost or read as ',' or ':' ("1
// Undang-Undang …", "2, RKPD tahun rencana", "b Mampu …", "c: Kuitansi …"), before a word that
// starts with a capital: a marker only where it is the list's next count (below). "2 Tahun
// 2017" wrapped from "No." is a year's phrase.
const std::regex& unpunctuated_marker_pattern() {
  static const std::regex marker("^\\s*(\\d{1,2}|[a-zA-Z]|\\|)[,:;]?\\s+((?!Tahun\\b)[A-Z].*)$");
  return marker;
}

// The count a marker gives its item: its number, or its letter's place in the alphabet (an
// "a." marks the first item); 0 for a dash or a bullet.
int count_of_marker(const std::string& marker) {
  const auto digit = marker.find_first_of("0123456789");
  if (digit != std::string::npos) return std::stoi(marker.substr(digit));
  for (char c : marker) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      return std::tolower(static_cast<unsigned char>(c)) - 'a' + 1;
    }
  }
  return 0;
}

bool starts_with_capital_word(const std::string& line) {
  return line.size() >= 2 && line[0] >= 'A' && line[0] <= 'Z' && line[1] >= 'a' && line[1] <= 'z';
}

}  // namespace

std::vector<std::string> split_list_items(std::string_view raw,
                                          const std::vector<bool>& broken_on_purpose) {
  const std::vector<std::string> lines = split_lines(raw);
  // Each marked line's item, without its marker.
  std::vector<std::optional<std::string>> marked_item(lines.size());
  bool any_marker = false;
  // The items begun so far, counted as their markers count them. A number or a letter that
  // lost its stop is a marker where it is the next count: "2" or "b" after a first item whose
  // marker was lost as well, and a first item's "1." read as "l", "L", "I" or "|".
  int items_begun = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch match;
    if (std::regex_match(lines[i], match, marker_pattern())) {
      const int count = count_of_marker(lines[i].substr(0, lines[i].size() - match[3].length()));
      items_begun = count > 0 ? count : items_begun + 1;
      marked_item[i] = match[3].str();
    } else if (std::regex_match(lines[i], match, unpunctuated_marker_pattern())) {
      const std::string marker = match[1].str();
      const bool reads_as_one =
          items_begun == 0 && std::string_view("lLI|").find(marker) != std::string_view::npos;
      if (reads_as_one || count_of_marker(marker) == items_begun + 1) {
        marked_item[i] = match[2].str();
        ++items_begun;
      }
    }
    if (!marked_item[i] && i == 0) items_begun = 1;  // the first item, its marker lost
    any_marker = any_marker || marked_item[i];
  }
  // Each item as its wrapped lines; lines without a marker continue the item above.
  std::vector<std::vector<std::string>> items;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (marked_item[i]) {
      items.push_back({*marked_item[i]});
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
