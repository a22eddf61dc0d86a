// One page through its stages: page geometry (upright, level, ink, rules, ruled tables), the
// cell reader, then the step tables (column roles, rows, symbols, arrows) or the identity page,
// and the debug overlay. Returns the page's content without its pixels.
#pragma once

#include <filesystem>

#include "ocr_engine.h"
#include "page_content.h"
#include "page_image.h"

namespace sopocr {

struct PageAnalysisOptions {
  // When set, `<stem>.png` shows the level page with the detected tables, cells and symbols
  // drawn on it, and `<stem>.json` holds every cell's reading (to_debug_json).
  std::filesystem::path debug_stem;
};

PageContent analyze_page(const PageImage& page, OcrEngine& ocr,
                         const PageAnalysisOptions& options = {});

}  // namespace sopocr
