#include "line_joining.h"

#include "text.h"

namespace sopocr {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_lower_start(const std::string& line) {
  // Lower-case ASCII or a UTF-8 lead byte: Indonesian words break before lower-case letters.
  return !line.empty() && line.front() >= 'a' && line.front() <= 'z';
}

// "Perundang-" + "undangan": the hyphen of a reduplication is part of the word.
bool ends_in_reduplication_hyphen(const std::string& joined, const std::string& line) {
  const std::string text = joined.substr(0, joined.size() - 1);  // without the hyphen
  const std::size_t space = text.rfind(' ');
  const std::string_view before =
      std::string_view(text).substr(space == std::string::npos ? 0 : space + 1);
  return reduplicated_root_length(before, std::string_view(line).substr(0, line.find(' '))) > 0;
}

}  // namespace

std::string join_wrapped_lines(const std::vector<std::string>& lines) {
  std::string joined;
  for (const std::string& raw_line : lines) {
    const std::string line = normalize_text(raw_line);
    if (line.empty()) continue;
    if (joined.empty()) {
      joined = line;
      continue;
    }
    const char last = joined.back();
    const bool hyphen_after_letter =
        last == '-' && joined.size() >= 2 && is_ascii_letter(joined[joined.size() - 2]);
    if (hyphen_after_letter) {
      if (is_lower_start(line) && !ends_in_reduplication_hyphen(joined, line)) joined.pop_back();
      joined += line;
    } else if (last == '/' && !(joined.size() >= 2 && joined[joined.size() - 2] == ' ')) {
      // "Surat/" + "Caraka": the typesetter broke the token after its slash. A slash standing
      // apart ("Tamu /" + "Pengunjung") is spaced on both sides.
      joined += line;
    } else {
      joined += ' ' + line;
    }
  }
  return joined;
}

std::string unwrap_lines(std::string_view text) { return join_wrapped_lines(split_lines(text)); }

}  // namespace sopocr
