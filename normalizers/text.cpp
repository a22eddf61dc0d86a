#include "text.h"

#include <algorithm>

#include "unicode_nfc.h"

namespace sopocr {
namespace {

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v' ||
         c == 0xA0 || c == 0x2009 || c == 0x202F;
}

bool is_rule_remnant(char32_t c) { return c == U'|' || c == U'_'; }

}  // namespace

std::string to_nfc(std::string_view utf8) { return encode_utf8(to_nfc(decode_utf8(utf8))); }

std::string normalize_text(std::string_view raw) {
  const std::u32string input = to_nfc(decode_utf8(raw));
  std::u32string output;
  bool pending_space = false;
  for (char32_t c : input) {
    if (is_space(c)) {
      pending_space = !output.empty();
      continue;
    }
    if (pending_space) output.push_back(U' ');
    pending_space = false;
    output.push_back(c);
  }
  // Trim rule remnants and the spaces they leave, at both ends.
  std::size_t begin = 0;
  std::size_t end = output.size();
  while (begin < end && (is_rule_remnant(output[begin]) || is_space(output[begin]))) ++begin;
  while (end > begin && (is_rule_remnant(output[end - 1]) || is_space(output[end - 1]))) --end;
  return encode_utf8(std::u32string_view(output).substr(begin, end - begin));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool ascii_letters_only(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
  });
}

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return edit_distance(decode_utf8(a), decode_utf8(b));
}

double similarity(std::string_view a, std::string_view b) {
  const std::u32string left = decode_utf8(a);
  const std::u32string right = decode_utf8(b);
  const std::size_t longer = std::max(left.size(), right.size());
  if (longer == 0) return 1.0;
  return 1.0 - static_cast<double>(edit_distance(left, right)) / longer;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line = normalize_text(text.substr(start, end - start));
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

bool is_placeholder(std::string_view text) { return text == "-" || text == "–" || text == "—"; }

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) {
    if (word.empty()) continue;
    if (!text.empty()) text += ' ';
    text += word;
  }
  return text;
}

std::size_t reduplicated_root_length(std::string_view first, std::string_view second) {
  constexpr std::size_t kShortestRoot = 4;
  const std::string before = ascii_lower(first);
  const std::string next = ascii_lower(second);
  for (std::size_t root = std::min(before.size(), next.size()); root >= kShortestRoot; --root) {
    if (before.compare(before.size() - root, root, next, 0, root) == 0) return root;
  }
  return 0;
}

}  // namespace sopocr
