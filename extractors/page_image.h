// The pixels of one page as they flow into the extractors, and the geometry types the
// extractors hand back. All coordinates are pixels of `gray` after orientation correction.
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace sopocr {

// A word of a PDF's own text layer (born-digital pages), placed in pixels of `PageImage::gray`.
struct LayerWord {
  std::string text;  // UTF-8
  cv::Rect bbox_px;
};

struct PageImage {
  int page_number = 0;  // 1-based page of the source file
  int dpi = 300;        // pixels per inch of the paper: what every threshold in inches scales with
  // Pixels per inch of the file's page box, the resolution a renderer must use to reproduce
  // `gray` (before rotation_degrees and skew_degrees); 0 when the same as `dpi`. They differ
  // when the page box lies about the paper (see page_source).
  int box_dpi = 0;
  cv::Mat gray;  // CV_8UC1, white paper, dark ink
  // CV_8UC1, 255 where the ink is coloured (a pen's blue, a stamp's violet) on a colour raster;
  // empty for a grey one. Turned and levelled with `gray`.
  cv::Mat coloured_ink;
  // CV_8UC1, the page's grey as if its coloured ink were not there (black_ink_only): black ink
  // under a stamp's violet and the blurred edges of letters beside it stay, the stamp does not.
  // Set where `coloured_ink` is; turned and levelled with `gray`.
  cv::Mat without_coloured_ink;
  int rotation_degrees = 0;   // clockwise rotation applied to reach `gray` from the raster
  double skew_degrees = 0.0;  // residual skew removed from `gray`
  // Then the keystone of a photographed page straightened: maps the level page's pixels to
  // `gray`'s. The identity for a scan laid flat.
  cv::Matx33d perspective = cv::Matx33d::eye();
  // Words of the PDF's text layer, upright like `gray`; empty for scans and images.
  std::vector<LayerWord> text_layer;
};

}  // namespace sopocr
