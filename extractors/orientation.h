// Page orientation: finds pages scanned sideways or upside down (no /Rotate flag tells) and
// turns them upright before anything else looks at them.
#pragma once

#include "ocr_engine.h"
#include "page_image.h"

namespace sopocr {

struct OrientationParams {
  // The engine's confidence needed to act (Tesseract's OSD scale; 15 is fairly sure). A quarter
  // turn is cheap to trust: a sideways page yields nothing upright. A half turn is not: an upside
  // down guess ruins a good page.
  double min_quarter_turn_confidence = 2.0;
  double min_half_turn_confidence = 5.0;
};

// `page` turned upright by the OCR engine's text-direction detection; `rotation_degrees` says
// by how much it was turned clockwise to get there. A page whose direction the engine cannot
// tell stays as it is.
PageImage make_upright(const PageImage& page, OcrEngine& ocr, const OrientationParams& params = {});

// `page` turned clockwise by a multiple of 90 degrees.
PageImage rotate_clockwise(const PageImage& page, int degrees);

}  // namespace sopocr
