#include "binarize.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace sopocr {

namespace {

// Window about a tenth of an inch, odd: wide enough to span a stroke and its paper, narrow
// enough to follow illumination gradients across the page.
int local_window(int dpi) { return std::max(15, dpi / 10) | 1; }

// The mean of each pixel's `window`, as cv::adaptiveThreshold takes it.
cv::Mat local_mean(const cv::Mat& gray, int window) {
  cv::Mat mean;
  cv::boxFilter(gray, mean, CV_8U, {window, window}, {-1, -1}, true,
                cv::BORDER_REPLICATE | cv::BORDER_ISOLATED);
  return mean;
}

// 255 where a pixel is at least `offset` (whole grey levels) darker than its local `mean`: what
// cv::adaptiveThreshold's mean method gives, from a mean computed once for several offsets.
cv::Mat darker_than_mean(const cv::Mat& gray, const cv::Mat& mean, double offset) {
  cv::Mat darkness;
  cv::subtract(mean, gray, darkness);  // saturates at 0 where the pixel is lighter
  cv::Mat ink;
  cv::threshold(darkness, ink, std::floor(offset) - 1, 255, cv::THRESH_BINARY);
  return ink;
}

// The spread of the paper's grain (scanner noise, paper texture, JPEG ringing) in grey levels: a
// standard deviation, from the median deviation from the local `mean`. Paper is most of any
// page, so ink and the edges of strokes stay above the median. The median of |x| of a normal
// spread is 0.6745 sigma.
double paper_grain_from(const cv::Mat& gray, const cv::Mat& mean) {
  cv::Mat deviation;
  cv::absdiff(gray, mean, deviation);
  return level_at_share(deviation, 0.5) / 0.6745;
}

}  // namespace

// The level below which `share` of an 8-bit image's pixels lie; of those under `mask` where
// one is given.
int level_at_share(const cv::Mat& image, double share, const cv::Mat& mask) {
  const int levels = 256;
  const float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::Mat histogram;
  cv::calcHist(&image, 1, nullptr, mask, histogram, 1, &levels, ranges);
  const double counted = mask.empty() ? static_cast<double>(image.total()) : cv::countNonZero(mask);
  const double wanted = share * counted;
  double seen = 0;
  for (int level = 0; level < levels; ++level) {
    seen += histogram.at<float>(level);
    if (seen >= wanted) return level;
  }
  return levels - 1;
}

double paper_grain(const cv::Mat& gray, int dpi) {
  return paper_grain_from(gray, local_mean(gray, local_window(dpi)));
}

cv::Mat paper_background(const cv::Mat& gray, const cv::Mat& ink, int dpi) {
  if (gray.empty() || gray.type() != CV_8UC1 || ink.size() != gray.size()) {
    throw std::invalid_argument("paper_background: expected a CV_8UC1 image and a mask its size");
  }
  // Averaged over the paper pixels of each window, on a page a quarter the size: the paper's
  // grey changes over inches, not pixels. Shrunk in 8 bits, then summed in floats.
  const double scale = 0.25;
  cv::Mat paper_only = gray.clone();
  paper_only.setTo(0, ink);
  cv::Mat paper_mask;
  cv::threshold(ink, paper_mask, 0, 255, cv::THRESH_BINARY_INV);
  cv::Mat small_gray;
  cv::Mat small_mask;
  cv::resize(paper_only, small_gray, {}, scale, scale, cv::INTER_AREA);
  cv::resize(paper_mask, small_mask, {}, scale, scale, cv::INTER_AREA);
  small_gray.convertTo(small_gray, CV_32F);
  small_mask.convertTo(small_mask, CV_32F, 1.0 / 255);
  const int window = std::max(3, static_cast<int>(dpi * scale / 6)) | 1;
  cv::boxFilter(small_gray, small_gray, -1, {window, window}, {-1, -1}, false,
                cv::BORDER_REPLICATE);
  cv::boxFilter(small_mask, small_mask, -1, {window, window}, {-1, -1}, false,
                cv::BORDER_REPLICATE);
  // A window that is all ink (inside a solid dark area) has no paper of its own: the page's.
  const double page_paper = cv::sum(small_gray)[0] / std::max(1.0, cv::sum(small_mask)[0]);
  cv::Mat small_paper(small_gray.size(), CV_32F);
  for (int y = 0; y < small_paper.rows; ++y) {
    for (int x = 0; x < small_paper.cols; ++x) {
      const float count = small_mask.at<float>(y, x);
      small_paper.at<float>(y, x) =
          count >= 1.0f ? small_gray.at<float>(y, x) / count : static_cast<float>(page_paper);
    }
  }
  cv::Mat paper;
  cv::resize(small_paper, paper, gray.size(), 0, 0, cv::INTER_LINEAR);
  paper.convertTo(paper, CV_8U);
  return paper;
}

cv::Mat binarize_ink(const cv::Mat& gray, int dpi) {
  if (gray.empty() || gray.type() != CV_8UC1) {
    throw std::invalid_argument("binarize_ink: expected a non-empty CV_8UC1 image");
  }
  if (dpi <= 0) throw std::invalid_argument("binarize_ink: dpi must be positive");
  const int window = local_window(dpi);
  // Mean minus an offset: a pixel is ink when clearly darker than its neighbourhood; the offset
  // keeps a clean scan's JPEG ringing and paper texture out of the mask.
  constexpr double kCleanOffset = 12;
  const cv::Mat mean = local_mean(gray, window);
  const cv::Mat ink = darker_than_mean(gray, mean, kCleanOffset);
  // A grainy scan's paper reaches past that offset in specks everywhere, and the specks break
  // dashed rules and crowd the letters. Ink is then what reaches three times the measured grain,
  // and the faint marks as long as a rule: a light grey rule whose contrast is all under the
  // grain's reach.
  const double grain_offset = 3.0 * paper_grain_from(gray, mean);
  if (grain_offset <= kCleanOffset) return ink;
  const cv::Mat strong = darker_than_mean(gray, mean, grain_offset);
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<unsigned char> rule_long(static_cast<std::size_t>(count), 0);
  const int min_length = std::max(15, dpi / 4);
  for (int label = 1; label < count; ++label) {
    rule_long[label] = std::max(stats.at<int>(label, cv::CC_STAT_WIDTH),
                                stats.at<int>(label, cv::CC_STAT_HEIGHT)) >= min_length;
  }
  return strong | components_mask(labels, rule_long);
}

cv::Mat components_mask(const cv::Mat& labels, const std::vector<unsigned char>& chosen) {
  cv::Mat mask(labels.size(), CV_8UC1);
  for (int y = 0; y < labels.rows; ++y) {
    const int* label_row = labels.ptr<int>(y);
    unsigned char* out = mask.ptr<unsigned char>(y);
    for (int x = 0; x < labels.cols; ++x) {
      out[x] = chosen[static_cast<std::size_t>(label_row[x])] ? 255 : 0;
    }
  }
  return mask;
}

cv::Mat speck_mask(const cv::Mat& ink, int dpi) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  // Up to the size of a full stop at 10 pt; a full stop keeps its place because it sits next to
  // a letter, a speck of dust sits alone.
  const int max_speck_area = std::max(3, dpi * dpi / 3000);
  const int isolation_px = std::max(3, dpi / 30);
  std::vector<unsigned char> small(count, 0);
  for (int label = 1; label < count; ++label) {
    small[label] = stats.at<int>(label, cv::CC_STAT_AREA) <= max_speck_area;
  }
  std::vector<unsigned char> large(count, 0);
  for (int label = 1; label < count; ++label) large[label] = !small[label];
  const cv::Mat substantial = components_mask(labels, large);
  cv::Mat near_ink;
  cv::dilate(
      substantial, near_ink,
      cv::getStructuringElement(cv::MORPH_RECT, {2 * isolation_px + 1, 2 * isolation_px + 1}));
  std::vector<unsigned char> is_speck(count, 0);
  for (int label = 1; label < count; ++label) {
    if (!small[label]) continue;
    const cv::Rect box(
        stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
        stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    is_speck[label] = cv::countNonZero(near_ink(box)) == 0;
  }
  return components_mask(labels, is_speck);
}

cv::Mat scan_border(const cv::Mat& gray, int dpi) {
  // Dark is below halfway from the paper (the 75th percentile: paper is most of a page) to the
  // darkest hundredth.
  const int dark_below = (level_at_share(gray, 0.01) + level_at_share(gray, 0.75)) / 2;
  cv::Mat dark;
  cv::threshold(gray, dark, dark_below, 255, cv::THRESH_BINARY_INV);
  // An area, not a stroke: what a square a millimetre wide fits in. A 2 pt border rule is
  // narrower.
  const int stroke_free = std::max(5, dpi / 25) | 1;
  const cv::Mat square = cv::getStructuringElement(cv::MORPH_RECT, {stroke_free, stroke_free});
  cv::morphologyEx(dark, dark, cv::MORPH_OPEN, square);
  cv::Mat border = edge_ink(dark);
  // The rim: the area's blurred edge and the opening's rounding.
  const int rim = stroke_free + std::max(3, dpi / 50);
  cv::dilate(border, border, cv::getStructuringElement(cv::MORPH_RECT, {rim, rim}));
  return border;
}

cv::Mat edge_ink(const cv::Mat& ink) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<unsigned char> at_edge(static_cast<std::size_t>(count), 0);
  for (int label = 1; label < count; ++label) {
    const int left = stats.at<int>(label, cv::CC_STAT_LEFT);
    const int top = stats.at<int>(label, cv::CC_STAT_TOP);
    at_edge[static_cast<std::size_t>(label)] =
        left == 0 || top == 0 || left + stats.at<int>(label, cv::CC_STAT_WIDTH) == ink.cols ||
        top + stats.at<int>(label, cv::CC_STAT_HEIGHT) == ink.rows;
  }
  return components_mask(labels, at_edge);
}

cv::Mat coloured_ink_mask(const cv::Mat& bgr) {
  if (bgr.empty() || (bgr.type() != CV_8UC3 && bgr.type() != CV_8UC4)) {
    throw std::invalid_argument("coloured_ink_mask: expected a non-empty CV_8UC3 or CV_8UC4 image");
  }
  // A scan's black ink and grey paper stay within a few tens of levels across their channels
  // (JPEG's colour noise included); a blue pen stroke is well over a hundred apart.
  constexpr int kMinChroma = 60;
  // Tinted paper is coloured too, but light: ink is darker than this.
  constexpr int kMaxInkGrey = 200;
  std::vector<cv::Mat> channels;
  cv::split(bgr, channels);
  cv::Mat brightest = cv::max(cv::max(channels[0], channels[1]), channels[2]);
  cv::Mat darkest = cv::min(cv::min(channels[0], channels[1]), channels[2]);
  cv::Mat grey;
  cv::cvtColor(bgr, grey, bgr.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  const cv::Mat chromatic = (brightest - darkest) >= kMinChroma;
  cv::Mat mask = chromatic & (grey <= kMaxInkGrey);
  cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_RECT, {3, 3}));
  // Where a pen stroke crosses a printed letter the pixel is the letter's near-black with the
  // pen's hue over it (and JPEG smears the hue onto the letter's edge). Painted out, the letter
  // loses a stroke: "SUHERMAN" reads "SUHERMAI". A pixel as dark in every channel as the page's
  // own black text is that text.
  const cv::Mat black_text = ~chromatic & (grey <= kMaxInkGrey);
  if (cv::countNonZero(black_text) > 0) {
    const int text_brightest = level_at_share(brightest, 0.5, black_text);
    mask &= brightest > text_brightest;
  }
  return mask;
}

}  // namespace sopocr
