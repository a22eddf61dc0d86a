#include "deskew.h"

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "binarize.h"

namespace sopocr {
namespace {

// Sharpness of the horizontal projection after rotating by `degrees`: level text lines and rules
// concentrate ink in few rows, so the sum of squared row sums peaks at the right angle.
double projection_sharpness(const cv::Mat& small_ink, double degrees) {
  const cv::Point2f centre(small_ink.cols / 2.0f, small_ink.rows / 2.0f);
  cv::Mat rotation = cv::getRotationMatrix2D(centre, degrees, 1.0);
  cv::Mat rotated;
  cv::warpAffine(small_ink, rotated, rotation, small_ink.size(), cv::INTER_NEAREST,
                 cv::BORDER_CONSTANT, 0);
  cv::Mat row_sums;
  cv::reduce(rotated, row_sums, 1, cv::REDUCE_SUM, CV_64F);
  return row_sums.dot(row_sums);
}

double best_angle(const cv::Mat& small_ink, double from, double to, double step) {
  double best = 0.0;
  double best_score = -1.0;
  for (double angle = from; angle <= to + 1e-9; angle += step) {
    const double score = projection_sharpness(small_ink, angle);
    if (score > best_score) {
      best_score = score;
      best = angle;
    }
  }
  return best;
}

// The ink printed on the paper: without specks, which lie on no line, and without the scan's
// edge ink. Both run exactly along the image axes and, left in, pull the estimate to 0
// whatever the page's skew.
cv::Mat ink_of_the_page(const PageImage& page) {
  const cv::Mat ink = binarize_ink(page.gray, page.dpi);
  return ink & ~(speck_mask(ink, page.dpi) | edge_ink(ink));
}

}  // namespace

double estimate_skew_degrees(const cv::Mat& ink, const SkewParams& params) {
  if (ink.empty() || cv::countNonZero(ink) == 0) return 0.0;
  // A quarter-size mask keeps the search cheap; INTER_AREA keeps thin rules as grey, not gone.
  const double scale = std::min(1.0, 1000.0 / std::max(ink.cols, ink.rows));
  cv::Mat small_ink;
  cv::resize(ink, small_ink, cv::Size(), scale, scale, cv::INTER_AREA);
  const double coarse = best_angle(small_ink, -params.max_skew_degrees, params.max_skew_degrees,
                                   params.coarse_step_degrees);
  return best_angle(small_ink, coarse - params.coarse_step_degrees,
                    coarse + params.coarse_step_degrees, params.fine_step_degrees);
}

PageImage deskew(const PageImage& page, const SkewParams& params) {
  PageImage level = page;
  const double skew = estimate_skew_degrees(ink_of_the_page(page), params);
  if (std::fabs(skew) < params.fine_step_degrees) return level;
  const cv::Point2f centre(page.gray.cols / 2.0f, page.gray.rows / 2.0f);
  cv::Mat rotation = cv::getRotationMatrix2D(centre, skew, 1.0);
  // The corners turned in from beyond the image continue the paper at its edge: white would
  // meet grey paper in lines, framing the page in rules of their own.
  cv::warpAffine(page.gray, level.gray, rotation, page.gray.size(), cv::INTER_LINEAR,
                 cv::BORDER_REPLICATE);
  if (!page.coloured_ink.empty()) {
    cv::warpAffine(page.coloured_ink, level.coloured_ink, rotation, page.gray.size(),
                   cv::INTER_NEAREST, cv::BORDER_CONSTANT, 0);
  }
  if (!page.without_coloured_ink.empty()) {
    cv::warpAffine(page.without_coloured_ink, level.without_coloured_ink, rotation,
                   page.gray.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  }
  level.skew_degrees = page.skew_degrees + skew;
  return level;
}

}  // namespace sopocr
