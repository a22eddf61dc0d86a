// Residual skew of a scanned page: estimates the small rotation (up to a few degrees) that makes
// text lines and table rules horizontal, and removes it.
#pragma once

#include <opencv2/core.hpp>

#include "page_image.h"

namespace sopocr {

struct SkewParams {
  double max_skew_degrees = 5.0;
  double coarse_step_degrees = 0.2;
  double fine_step_degrees = 0.02;
};

// Angle in degrees, counter-clockwise positive, by which the page content is rotated.
// `ink` is a binarize_ink() mask. Returns 0 for a blank page.
double estimate_skew_degrees(const cv::Mat& ink, const SkewParams& params = {});

// Returns the page rotated so its content is level; `skew_degrees` records what was removed.
PageImage deskew(const PageImage& page, const SkewParams& params = {});

}  // namespace sopocr
