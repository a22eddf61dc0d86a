// An identity page whose rules the scan lost: grey or hairline rules a bilevel scan dropped
// whole. The page is still there in where its labels stand: the keys ("Nomor SOP", "Tanggal
// Pembuatan", …, "Disahkan Oleh") down one column with their values beside them, the
// letterhead to their left, the list headings ("Dasar Hukum", "Kualifikasi Pelaksana", …) in
// pairs over their items. This stage places those cells, for the identity reader to read as if
// ruled.
#pragma once

#include <vector>

#include "grid.h"
#include "ocr_engine.h"

namespace sopocr {

// The key table's grid (letterhead | keys | values, a row per key) and the lists' grid (two
// columns, a heading row over an items row for each pair of headings), from the words read
// anywhere on the page (OcrEngine::read_scattered, on the page's coordinates). Empty where
// fewer than three keys are found: then the words show no identity page. The lists' grid is
// left out where no heading is found under the keys.
std::vector<TableGrid> identity_grids_from_words(const std::vector<OcrWord>& words);

}  // namespace sopocr
