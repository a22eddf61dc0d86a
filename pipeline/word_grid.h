// A step table whose rules the scan lost: a dotted or hairline grid scanned at a low resolution
// keeps a dot here and there, too few for any rule to be found. The table is still there in
// where its words stand: the header's labels over its columns, a step number at the start of
// each row. This stage places the grid from them, for the step-table reader to read as if ruled.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <vector>

#include "grid.h"
#include "ocr_engine.h"

namespace sopocr {

// The grid of a step table from the words read anywhere on its page (OcrEngine::read_scattered,
// on the page's coordinates), or nullopt where they show no step-table header (an activity label
// with a lane or Mutu Baku label level with it) over numbered steps. Columns part where the
// header's labels leave a gap, placed in the widest stretch of it the body's text leaves free;
// a step's row starts at its number; a label over several columns (Pelaksana, Mutu Baku) gets
// one cell across them. `ink` (binarize_ink of the page) carries the table's bottom down past
// the last step's symbols.
std::optional<TableGrid> grid_from_words(const std::vector<OcrWord>& words, const cv::Mat& ink,
                                         int dpi);

}  // namespace sopocr
