#include "text.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace sopocr {
namespace {

struct Composition {
  char32_t base;
  char32_t combining;
  char32_t composed;
};

// Precomposed Latin-1 and Latin Extended-A letters reachable from one combining accent.
constexpr std::array<Composition, 58> kCompositions{{
    {U'A', 0x300, 0xC0},  {U'A', 0x301, 0xC1},  {U'A', 0x302, 0xC2},  {U'A', 0x303, 0xC3},
    {U'A', 0x308, 0xC4},  {U'A', 0x30A, 0xC5},  {U'C', 0x327, 0xC7},  {U'E', 0x300, 0xC8},
    {U'E', 0x301, 0xC9},  {U'E', 0x302, 0xCA},  {U'E', 0x308, 0xCB},  {U'I', 0x300, 0xCC},
    {U'I', 0x301, 0xCD},  {U'I', 0x302, 0xCE},  {U'I', 0x308, 0xCF},  {U'N', 0x303, 0xD1},
    {U'O', 0x300, 0xD2},  {U'O', 0x301, 0xD3},  {U'O', 0x302, 0xD4},  {U'O', 0x303, 0xD5},
    {U'O', 0x308, 0xD6},  {U'U', 0x300, 0xD9},  {U'U', 0x301, 0xDA},  {U'U', 0x302, 0xDB},
    {U'U', 0x308, 0xDC},  {U'Y', 0x301, 0xDD},  {U'a', 0x300, 0xE0},  {U'a', 0x301, 0xE1},
    {U'a', 0x302, 0xE2},  {U'a', 0x303, 0xE3},  {U'a', 0x308, 0xE4},  {U'a', 0x30A, 0xE5},
    {U'c', 0x327, 0xE7},  {U'e', 0x300, 0xE8},  {U'e', 0x301, 0xE9},  {U'e', 0x302, 0xEA},
    {U'e', 0x308, 0xEB},  {U'i', 0x300, 0xEC},  {U'i', 0x301, 0xED},  {U'i', 0x302, 0xEE},
    {U'i', 0x308, 0xEF},  {U'n', 0x303, 0xF1},  {U'o', 0x300, 0xF2},  {U'o', 0x301, 0xF3},
    {U'o', 0x302, 0xF4},  {U'o', 0x303, 0xF5},  {U'o', 0x308, 0xF6},  {U'u', 0x300, 0xF9},
    {U'u', 0x301, 0xFA},  {U'u', 0x302, 0xFB},  {U'u', 0x308, 0xFC},  {U'y', 0x301, 0xFD},
    {U'y', 0x308, 0xFF},  {U'C', 0x30C, 0x10C}, {U'c', 0x30C, 0x10D}, {U'S', 0x30C, 0x160},
    {U's', 0x30C, 0x161}, {U'Z', 0x30C, 0x17D},
}};

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v' ||
         c == 0xA0 || c == 0x2009 || c == 0x202F;
}

bool is_rule_remnant(char32_t c) { return c == U'|' || c == U'_'; }

}  // namespace

std::u32string to_code_points(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    int length = byte < 0x80           ? 1
                 : (byte >> 5) == 0x6  ? 2
                 : (byte >> 4) == 0xE  ? 3
                 : (byte >> 3) == 0x1E ? 4
                                       : 0;
    if (length == 0 || i + length > utf8.size()) {
      out.push_back(0xFFFD);  // invalid byte: replacement character, move on
      ++i;
      continue;
    }
    char32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (int k = 1; k < length; ++k) code = (code << 6) | (utf8[i + k] & 0x3F);
    out.push_back(code);
    i += length;
  }
  return out;
}

std::string to_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (char32_t c : code_points) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string to_nfc(std::string_view utf8) {
  const std::u32string input = to_code_points(utf8);
  std::u32string output;
  output.reserve(input.size());
  for (char32_t c : input) {
    if (!output.empty()) {
      auto found = std::find_if(
          kCompositions.begin(), kCompositions.end(), [&](const Composition& composition) {
            return composition.base == output.back() && composition.combining == c;
          });
      if (found != kCompositions.end()) {
        output.back() = found->composed;
        continue;
      }
    }
    output.push_back(c);
  }
  return to_utf8(output);
}

std::string normalize_text(std::string_view raw) {
  const std::u32string input = to_code_points(to_nfc(raw));
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
  return to_utf8(std::u32string_view(output).substr(begin, end - begin));
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
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
  return edit_distance(to_code_points(a), to_code_points(b));
}

double similarity(std::string_view a, std::string_view b) {
  const std::u32string left = to_code_points(a);
  const std::u32string right = to_code_points(b);
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

}  // namespace sopocr
