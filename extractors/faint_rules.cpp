#include "faint_rules.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "binarize.h"

namespace sopocr {
namespace {

// How a line is looked for along the rows of a page's darkness.
struct LineSearch {
  int length = 0;          // the window along the line, in pixels
  int near = 0;            // how far beside the line its sides are looked at, in pixels
  double contrast = 0;     // how much darker than its sides the line is, on the window's mean
  double dark_pixel = 0;   // a pixel this much below the paper is dark
  double dark_share = 0;   // the share of the window's pixels that are dark
  int dark_span = 0;       // a line lies within a span this long about a dark pixel
};

// 255 where a thin line runs along the rows of `evidence`, the darkness (CV_32F, how far each
// pixel is below the paper) that may belong to a line, beside `darkness`, all of the page's. Over
// `search.length` along the row:
// - the evidence's mean stands `contrast` above the darkness's means `near` and twice that above
//   and below, and is at least twice either of them. Beside the top or bottom edge of a line of
//   text lie the letters' bodies, and the edge fails.
// - `dark_share` of its pixels are `dark_pixel` dark. A speck's darkness, spread over the window,
//   would pass the first test alone.
cv::Mat lines_along_rows(const cv::Mat& evidence, const cv::Mat& darkness,
                         const LineSearch& search) {
  const cv::Size window(search.length, 1);
  cv::Mat along;
  cv::boxFilter(evidence, along, CV_32F, window, {-1, -1}, true, cv::BORDER_REPLICATE);
  cv::Mat darkness_along;
  if (evidence.data == darkness.data) {
    darkness_along = along;
  } else {
    cv::boxFilter(darkness, darkness_along, CV_32F, window, {-1, -1}, true, cv::BORDER_REPLICATE);
  }
  cv::Mat sides(along.size(), CV_32F, cv::Scalar(0));
  for (int offset : {-2 * search.near, -search.near, search.near, 2 * search.near}) {
    cv::Mat shifted(along.size(), CV_32F, cv::Scalar(0));
    const int from = std::max(0, offset);
    const int to = std::min(along.rows, along.rows + offset);
    if (to > from) {
      darkness_along.rowRange(from, to).copyTo(shifted.rowRange(from - offset, to - offset));
    }
    sides = cv::max(sides, shifted);
  }
  cv::Mat dark_pixels;
  cv::threshold(evidence, dark_pixels, search.dark_pixel, 1.0, cv::THRESH_BINARY);
  cv::Mat dark_share;
  cv::boxFilter(dark_pixels, dark_share, CV_32F, window, {-1, -1}, true, cv::BORDER_REPLICATE);
  const cv::Mat line = (along - sides >= search.contrast) & (sides * 2 <= along) &
                       (dark_share >= search.dark_share);
  // Only what lasts a whole window: the mean of a short dark stroke fades over it.
  cv::Mat lasting;
  cv::morphologyEx(line, lasting, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, window));
  // The window's mean runs on half a window past the rule's end: the rule ends near where its
  // last dark pixel (or dot) does.
  cv::Mat near_dark;
  dark_pixels.convertTo(near_dark, CV_8U, 255);
  cv::dilate(near_dark, near_dark, cv::getStructuringElement(cv::MORPH_RECT, {search.dark_span, 1}));
  return lasting & near_dark;
}

// lines_along_rows along the columns.
cv::Mat lines_along_columns(const cv::Mat& evidence, const cv::Mat& darkness,
                            const LineSearch& search) {
  cv::Mat evidence_across;
  cv::transpose(evidence, evidence_across);
  cv::Mat darkness_across;
  if (evidence.data == darkness.data) {
    darkness_across = evidence_across;
  } else {
    cv::transpose(darkness, darkness_across);
  }
  cv::Mat lines;
  cv::transpose(lines_along_rows(evidence_across, darkness_across, search), lines);
  return lines;
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
  // A pixel is dark past the paper's grain, which most paper pixels stay within. The mean over
  // the window varies far less, though neighbouring pixels of a JPEG or of an image blown up from
  // a low resolution share their grain: half the grain is a margin paper's means seldom reach.
  const double grain = paper_grain(gray, dpi);
  // A pale rule: over a quarter inch, as extract_rule_masks's shortest rule, a quarter of its
  // pixels dark; sides a third and two thirds of a millimetre away, past a hairline's blur.
  LineSearch pale;
  pale.length = std::max(15, dpi / 4);
  pale.near = std::max(2, dpi / 75);
  pale.contrast = std::max(2.0, grain / 2);
  pale.dark_pixel = std::max(3.0, grain);
  pale.dark_share = 0.25;
  pale.dark_span = pale.length / 4;
  // A hairline a bilevel scan at a low resolution kept only where noise tipped it past the
  // threshold, or a rule faded for stretches, is dark in far fewer of its pixels: over an inch,
  // one in twenty-four. Over an inch a column's left-aligned letters line up as well, so only what
  // lies away from any letter counts as its evidence: dots, and paper darkened between them.
  LineSearch sparse = pale;
  sparse.length = std::max(4 * pale.length, dpi);
  sparse.dark_share = 1.0 / 24;
  sparse.dark_span = sparse.length / 2;
  cv::Mat letters = ink & ~dot_sized_ink(ink, dpi);
  cv::dilate(letters, letters,
             cv::getStructuringElement(cv::MORPH_RECT, {2 * pale.near + 1, 2 * pale.near + 1}));
  cv::Mat away_from_letters = darkness.clone();
  away_from_letters.setTo(0, letters);
  RuleMasks rules;
  rules.horizontal = lines_along_rows(darkness, darkness, pale) |
                     lines_along_rows(away_from_letters, darkness, sparse);
  rules.vertical = lines_along_columns(darkness, darkness, pale) |
                   lines_along_columns(away_from_letters, darkness, sparse);
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
