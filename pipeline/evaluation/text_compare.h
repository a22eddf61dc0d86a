// How the evaluation compares text: NFC, whitespace collapsed, distances over Unicode code points
// (never bytes). Pure functions of their arguments. The distance is the normalisers'
// sopocr::edit_distance (text.h), so the metrics and the pipeline count edits alike.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "text.h"

namespace sopocr::evaluation {

// NFC (see unicode_nfc.h), every run of whitespace one U+0020 space, no leading or trailing space:
// the form the record contract (sop-record.md) promises for all text. Unlike sopocr::normalize_text
// it trims nothing else ('|', '_'), so OCR errors of that kind still count in the metrics.
std::u32string normalize_text(std::string_view text);

// normalize_text, then letters lower-cased (ASCII and Latin-1 Supplement only). Used for SOP
// matching by title, never for scoring.
std::u32string normalize_for_matching(std::string_view text);

// Character error rate of `predicted` against `truth`, both normalised: edit distance divided by
// the truth's length in code points. An empty truth gives 0 when the prediction is empty too and
// 1 otherwise, so the rate stays finite.
double character_error_rate(std::string_view truth, std::string_view predicted);

// 1 − edit distance / length of the longer string, over normalize_for_matching forms: 1 for equal
// titles, 0 for titles sharing nothing. Two empty titles are equal.
double title_similarity(std::string_view a, std::string_view b);

}  // namespace sopocr::evaluation
