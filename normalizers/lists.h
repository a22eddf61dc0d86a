// Splits a list cell (Kelengkapan, Output, Dasar Hukum, …) into items on the document's own
// bullets, dashes and numbering, dropping the marker. Lines without a marker continue the item
// above them: cell text wraps.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sopocr {

// `raw` keeps the line breaks the OCR read. A cell with no marker at all is one item.
// `broken_on_purpose[i]`, where known, says line i ended although the next line's first word
// would have fitted after it: in a list with markers, a next line that starts with a capital
// then begins an item whose marker the scan lost ("- Aplikasi SPSE" / "Formulir permohonan").
std::vector<std::string> split_list_items(std::string_view raw,
                                          const std::vector<bool>& broken_on_purpose = {});

}  // namespace sopocr
