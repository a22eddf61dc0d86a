#include "text_compare.h"

#include <algorithm>

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
