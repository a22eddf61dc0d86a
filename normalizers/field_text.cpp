#include "field_text.h"

#include "punctuation.h"

namespace sopocr {
namespace {

TermRepair with_words_repaired(std::string text, const Lexicon* lexicon,
                               const WordsReadAsPrinted& as_printed) {
  if (!lexicon) return TermRepair{std::move(text), {}, {}};
  return repair_terms(text, *lexicon, as_printed);
}

}  // namespace

TermRepair normalize_prose(std::string_view text, const Lexicon* lexicon,
                           const WordsReadAsPrinted& as_printed) {
  return with_words_repaired(repair_stray_punctuation(text), lexicon, as_printed);
}

TermRepair normalize_list_item(std::string_view item, const Lexicon* lexicon,
                               const WordsReadAsPrinted& as_printed) {
  return with_words_repaired(trim_item_punctuation(repair_stray_punctuation(item)), lexicon,
                             as_printed);
}

}  // namespace sopocr
