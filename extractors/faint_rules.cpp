#include "faint_rules.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "binarize.h"

namespace sopocr {
namespace {

// 255 where a thin line runs along the rows of `darkness` (CV_32F, how far each pixel is below
// the paper). Over `length` along the row:
// - its mean darkness stands `contrast` above the means `near` and twice that above and below,
//   and is at least twice either of them. Beside the top or bottom edge of a line of text lie
//   the letters' bodies, and the edge fails.
// - a quarter of its pixels are `dark_pixel` dark. A speck's darkness, spread over the window,
//   would pass the first test alone.
cv::Mat lines_along_rows(const cv::Mat& darkness, int length, int near, double contrast,
                         double dark_pixel) {
  cv::Mat along;
  cv::boxFilter(darkness, along, CV_32F, {length, 1}, {-1, -1}, true, cv::BORDER_REPLICATE);
  cv::Mat sides(along.size(), CV_32F, cv::Scalar(0));
  for (int offset : {-2 * near, -near, near, 2 * near}) {
    cv::Mat shifted(along.size(), CV_32F, cv::Scalar(0));
    const int from = std::max(0, offset);
    const int to = std::min(along.rows, along.rows + offset);
    if (to > from) along.rowRange(from, to).copyTo(shifted.rowRange(from - offset, to - offset));
    sides = cv::max(sides, shifted);
  }
  cv::Mat dark_pixels;
  cv::threshold(darkness, dark_pixels, dark_pixel, 1.0, cv::THRESH_BINARY);
  cv::Mat dark_share;
  cv::boxFilter(dark_pixels, dark_share, CV_32F, {length, 1}, {-1, -1}, true, cv::BORDER_REPLICATE);
  const cv::Mat line = (along - sides >= contrast) & (sides * 2 <= along) & (dark_share >= 0.25);
  // Only what lasts a whole `length`: the mean of a short dark stroke fades over the window.
  cv::Mat lasting;
  cv::morphologyEx(line, lasting, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {length, 1}));
  // The window's mean runs on half a window past the rule's end: the rule ends where its last
  // dark pixel (or dot) does.
  cv::Mat near_dark;
  dark_pixels.convertTo(near_dark, CV_8U, 255);
  cv::dilate(near_dark, near_dark, cv::getStructuringElement(cv::MORPH_RECT, {length / 4, 1}));
  return lasting & near_dark;
}

}  // namespace

RuleMasks faint_rule_masks(const cv::Mat& gray, const cv::Mat& ink, const cv::Mat& ink_rules,
                           int dpi) {
  if (gray.empty() || gray.type() != CV_8UC1 || ink.size() != gray.size() ||
      (!ink_rules.empty() && ink_rules.size() != gray.size())) {
    throw std::invalid_argument(
        "faint_rule_masks: expected a CV_8UC1 page, its ink mask and its rules' mask");
  }
  // Over a quarter inch, 150 ppi shows a hairline as well as 300 does, at a quarter of the cost.
  constexpr int kEnoughDpi = 150;
  if (dpi >= 2 * kEnoughDpi) {
    cv::Mat small_gray;
    cv::Mat small_ink;
    cv::resize(gray, small_gray, {}, 0.5, 0.5, cv::INTER_AREA);
    cv::resize(ink, small_ink, {}, 0.5, 0.5, cv::INTER_AREA);
    cv::threshold(small_ink, small_ink, 127, 255, cv::THRESH_BINARY);
    cv::Mat small_rules;
    if (!ink_rules.empty()) {
      cv::resize(ink_rules, small_rules, {}, 0.5, 0.5, cv::INTER_AREA);
      cv::threshold(small_rules, small_rules, 0, 255, cv::THRESH_BINARY);
    }
    const RuleMasks small = faint_rule_masks(small_gray, small_ink, small_rules, dpi / 2);
    RuleMasks rules;
    cv::resize(small.horizontal, rules.horizontal, gray.size(), 0, 0, cv::INTER_NEAREST);
    cv::resize(small.vertical, rules.vertical, gray.size(), 0, 0, cv::INTER_NEAREST);
    return rules;
  }
  cv::Mat darkness;
  cv::subtract(paper_background(gray, ink, dpi), gray, darkness, cv::noArray(), CV_32F);
  darkness = cv::max(darkness, 0.0);
  // A rule the ink shows is no faint rule's darkness; beside a faint rule's end, where it meets
  // one, it would stand as dark as the faint rule itself and hide its last quarter inch.
  if (!ink_rules.empty()) darkness.setTo(0, ink_rules);
  // A quarter inch along, as extract_rule_masks's shortest rule; sides a third and two thirds
  // of a millimetre away, past a hairline's blur.
  const int length = std::max(15, dpi / 4);
  const int near = std::max(2, dpi / 75);
  // A pixel is dark past the paper's grain, which most paper pixels stay within. The mean over
  // the window varies far less, though neighbouring pixels of a JPEG or of an image blown up from
  // a low resolution share their grain: half the grain is a margin paper's means seldom reach.
  const double grain = paper_grain(gray, dpi);
  const double dark_pixel = std::max(3.0, grain);
  const double contrast = std::max(2.0, grain / 2);
  RuleMasks rules;
  rules.horizontal = lines_along_rows(darkness, length, near, contrast, dark_pixel);
  cv::Mat across;
  cv::transpose(darkness, across);
  cv::transpose(lines_along_rows(across, length, near, contrast, dark_pixel), rules.vertical);
  return rules;
}

RuleMasks on_grid_rules(const RuleMasks& masks, const std::vector<TableGrid>& grids,
                        int tolerance) {
  cv::Mat rows(masks.horizontal.size(), CV_8UC1, cv::Scalar(0));
  cv::Mat cols(masks.vertical.size(), CV_8UC1, cv::Scalar(0));
  const cv::Rect page(0, 0, rows.cols, rows.rows);
  for (const TableGrid& grid : grids) {
    const cv::Rect box(grid.bbox_px.x - tolerance, grid.bbox_px.y - tolerance,
                       grid.bbox_px.width + 2 * tolerance, grid.bbox_px.height + 2 * tolerance);
    for (int y : grid.row_rules_y_px) {
      rows(cv::Rect(box.x, y - tolerance, box.width, 2 * tolerance + 1) & page).setTo(255);
    }
    for (int x : grid.col_rules_x_px) {
      cols(cv::Rect(x - tolerance, box.y, 2 * tolerance + 1, box.height) & page).setTo(255);
    }
  }
  return {masks.horizontal & rows, masks.vertical & cols};
}

}  // namespace sopocr
