// Turns a grayscale page into an ink mask: 255 where there is ink, 0 on paper.
// Adaptive, so uneven illumination and grey paper tone do not turn into ink.
#pragma once

#include <opencv2/core.hpp>

namespace sopocr {

// `gray` is CV_8UC1. The threshold window scales with `dpi` (about 1/10 inch).
cv::Mat binarize_ink(const cv::Mat& gray, int dpi);

// `gray` with isolated specks of ink (scanner dust, salt noise) painted white, for OCR, which
// otherwise reads them as punctuation or stray letters. A speck is an ink component no larger
// than a full stop with no other ink within 1/30 inch.
cv::Mat without_specks(const cv::Mat& gray, const cv::Mat& ink, int dpi);

}  // namespace sopocr
