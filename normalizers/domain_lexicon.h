// The domain lexicon of SOP vocabulary, normalizers/data/sop-lexicon.tsv, compiled into the
// program so that no data file has to be found at run time. See tools/lexicon for how it is built.
#pragma once

#include <string_view>

namespace sopocr {

// "word<TAB>count" and "word word<TAB>count" lines, lower-case.
std::string_view domain_lexicon_tsv();

}  // namespace sopocr
