// One page through the pixel stages: deskew, ink mask, ruled grids, table roles, OCR of the
// cells that matter, symbols in the swimlanes. Returns the page's content without its pixels.
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
