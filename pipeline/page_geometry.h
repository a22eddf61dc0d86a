// The first stage of a page: turns the rendered page upright and level (a born-digital page is
// both as drawn) and finds its ink, its rules and the ruled tables they make.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "grid.h"
#include "ocr_engine.h"
#include "page_image.h"

namespace sopocr {

struct PreparedPage {
  PageImage page;                // upright and level; what every later pixel coordinate is on
  bool text_from_layer = false;  // a born-digital page, read from its own text layer
  cv::Mat ink;                   // binarize_ink() of page.gray
  RuleMasks rules;
  // 255 on the ink of round stamps (stamp_ink), which OCR should not see; empty if none.
  cv::Mat stamp_ink;
  std::vector<TableGrid> grids;  // top to bottom
};

// Uses the OCR engine only to tell a sideways or upside-down scan's text direction.
PreparedPage prepare_page(const PageImage& raw_page, OcrEngine& ocr);

}  // namespace sopocr
