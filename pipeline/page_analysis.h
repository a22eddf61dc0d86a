// One page through the pixel stages: deskew, ink mask, ruled grids, table roles, OCR of the
// cells that matter, symbols in the swimlanes. Returns the page's content without its pixels.
#pragma once

#include <filesystem>

#include "ocr_engine.h"
#include "page_content.h"
#include "page_image.h"

namespace sopocr {

struct PageAnalysisOptions {
  // When set, a PNG of the level page with the detected tables, cells and symbols drawn on it.
  std::filesystem::path debug_overlay_png;
};

PageContent analyze_page(const PageImage& page, OcrEngine& ocr,
                         const PageAnalysisOptions& options = {});

}  // namespace sopocr
