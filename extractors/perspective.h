// Keystone of a photographed page: a phone held not square to the sheet draws the table's rules
// converging, so rows lean one way at the top of the table and the other way at the bottom, and
// columns likewise from left to right. No rotation levels them all; a homography does.
#pragma once

#include <opencv2/core.hpp>
#include <optional>

#include "page_image.h"

namespace sopocr {

struct PerspectiveParams {
  // A rule shows its lean when at least this long; shorter strokes are letters and arrows.
  double min_rule_inches = 1.5;
  // A page is left alone unless straightening moves a corner of its rules by this much: less is
  // within what the grid's tolerances absorb, and every warp blurs a little.
  double min_correction_inches = 0.02;
};

// The homography that turns a level page's long rules exactly horizontal and vertical, from the
// lean of every rule measured on `ink` (a binarize_ink() mask): the rows' lean changes
// steadily down the page and the columns' across it, as lines through one vanishing point do.
// Nothing when the rules already stand square, or too few are long enough to tell.
std::optional<cv::Matx33d> estimate_perspective(const cv::Mat& ink, int dpi,
                                                const PerspectiveParams& params = {});

// The page seen through `homography` (gray and coloured ink), which it records.
PageImage apply_perspective(const PageImage& page, const cv::Matx33d& homography);

}  // namespace sopocr
