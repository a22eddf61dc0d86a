#include "text_compare.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "unicode_nfc.h"

namespace sopocr::evaluation {
namespace {

// Unicode White_Space code points, as OCR output and PDF text layers produce them.
bool is_whitespace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

char32_t to_lower_latin(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + (U'a' - U'A');
  // À–Þ map to à–þ, except × (U+00D7), which is no letter.
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  return c;
}

}  // namespace

std::u32string normalize_text(std::string_view text) {
  const std::u32string composed = to_nfc(decode_utf8(text));
  std::u32string out;
  out.reserve(composed.size());
  bool pending_space = false;
  for (char32_t c : composed) {
    if (is_whitespace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::u32string normalize_for_matching(std::string_view text) {
  std::u32string out = normalize_text(text);
  std::transform(out.begin(), out.end(), out.begin(), to_lower_latin);
  return out;
}

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
  // Two rows of the dynamic programme: previous[j] is the distance between a[0, i) and b[0, j).
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

double character_error_rate(std::string_view truth, std::string_view predicted) {
  const std::u32string truth_text = normalize_text(truth);
  const std::u32string predicted_text = normalize_text(predicted);
  if (truth_text.empty()) return predicted_text.empty() ? 0.0 : 1.0;
  return static_cast<double>(edit_distance(truth_text, predicted_text)) /
         static_cast<double>(truth_text.size());
}

double title_similarity(std::string_view a, std::string_view b) {
  const std::u32string a_text = normalize_for_matching(a);
  const std::u32string b_text = normalize_for_matching(b);
  const std::size_t longer = std::max(a_text.size(), b_text.size());
  if (longer == 0) return 1.0;
  return 1.0 - static_cast<double>(edit_distance(a_text, b_text)) / static_cast<double>(longer);
}

}  // namespace sopocr::evaluation
