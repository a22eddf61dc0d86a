// The clean-up every prose field (activity, note, title) and list item goes through, in order:
// stray punctuation from specks (punctuation.h), then garbled words (term_repair.h); list items
// also lose the marks around them. Normalising twice changes nothing more.
#pragma once

#include <string_view>

#include "term_repair.h"

namespace sopocr {

// Without a lexicon, words are kept as read; so are `as_printed` (term_repair.h).
TermRepair normalize_prose(std::string_view text, const Lexicon* lexicon,
                           const WordsReadAsPrinted& as_printed = {});
TermRepair normalize_list_item(std::string_view item, const Lexicon* lexicon,
                               const WordsReadAsPrinted& as_printed = {});

}  // namespace sopocr
