// Splits a list cell (Kelengkapan, Output, Dasar Hukum, …) into items on the document's own
// bullets, dashes and numbering, dropping the marker. Lines without a marker continue the item
// above them: cell text wraps.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sopocr {

// `raw` keeps the line breaks the OCR read. A cell with no marker at all is one item.
std::vector<std::string> split_list_items(std::string_view raw);

}  // namespace sopocr
