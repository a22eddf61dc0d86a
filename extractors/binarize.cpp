#include "binarize.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <vector>

namespace sopocr {

namespace {

// A scan's dark border is far darker than its paper: grey levels apart at least.
constexpr int kLeastBorderContrast = 32;

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

cv::Mat dot_sized_ink(const cv::Mat& ink, int dpi) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int max_dot = std::max(2, dpi / 40);
  std::vector<unsigned char> is_dot(count, 0);
  for (int label = 1; label < count; ++label) {
    is_dot[label] = stats.at<int>(label, cv::CC_STAT_WIDTH) <= max_dot &&
                    stats.at<int>(label, cv::CC_STAT_HEIGHT) <= max_dot;
  }
  return components_mask(labels, is_dot);
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
  const int darkest = level_at_share(gray, 0.01);
  const int paper = level_at_share(gray, 0.75);
  // A clean page whose ink covers less than a hundredth of it has no dark area at all: halfway
  // to its paper would make all of it dark.
  if (paper - darkest < kLeastBorderContrast) return cv::Mat(gray.size(), CV_8UC1, cv::Scalar(0));
  const int dark_below = (darkest + paper) / 2;
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

namespace {

// The paper's colour under each pixel of `colour` (CV_8UC3): the brightest of each channel
// around it (tinted paper, shadows and uneven light included), over a thirtieth of the page's
// longer side (about a third of an inch on any paper and at any resolution). Worked out on a
// quarter-size copy: paper varies slowly.
cv::Mat paper_colour(const cv::Mat& colour) {
  constexpr int kQuarter = 4;
  cv::Mat small;
  cv::resize(colour, small, {}, 1.0 / kQuarter, 1.0 / kQuarter, cv::INTER_AREA);
  const int window = std::max(3, std::max(colour.cols, colour.rows) / 30 / kQuarter) | 1;
  cv::Mat paper_small;
  cv::dilate(small, paper_small, cv::getStructuringElement(cv::MORPH_RECT, {window, window}));
  cv::blur(paper_small, paper_small, {window, window});
  cv::Mat paper;
  cv::resize(paper_small, paper, colour.size(), 0, 0, cv::INTER_LINEAR);
  return paper;
}

}  // namespace

cv::Mat coloured_ink_mask(const cv::Mat& bgr) {
  if (bgr.empty() || (bgr.type() != CV_8UC3 && bgr.type() != CV_8UC4)) {
    throw std::invalid_argument("coloured_ink_mask: expected a non-empty CV_8UC3 or CV_8UC4 image");
  }
  cv::Mat colour = bgr;
  if (bgr.channels() == 4) cv::cvtColor(bgr, colour, cv::COLOR_BGRA2BGR);
  // Each pixel is judged by what its ink took from the paper under it, channel by channel: the
  // paper's colour is the brightest of each channel around it (tinted paper, shadows and uneven
  // light included), over a thirtieth of the page's longer side (about a third of an inch on
  // any paper and at any resolution). Worked out on a quarter-size copy: paper varies slowly.
  constexpr int kQuarter = 4;
  cv::Mat small;
  cv::resize(colour, small, {}, 1.0 / kQuarter, 1.0 / kQuarter, cv::INTER_AREA);
  {
    // A greyscale scan stored as colour has no hue anywhere: nothing to find, and a colour
    // page's full-size working copies (tens of megapixels on a phone's page) are not needed.
    constexpr int kLeastHue = 24;
    std::vector<cv::Mat> small_channels;
    cv::split(small, small_channels);
    const cv::Mat hue_spread =
        cv::max(cv::max(small_channels[0], small_channels[1]), small_channels[2]) -
        cv::min(cv::min(small_channels[0], small_channels[1]), small_channels[2]);
    if (cv::countNonZero(hue_spread >= kLeastHue) == 0)
      return cv::Mat::zeros(colour.size(), CV_8UC1);
  }
  cv::Mat paper = paper_colour(colour);
  // What the ink absorbed of the paper's light, per channel, as a share (in 255ths): ink
  // multiplies the paper's colour, so black ink absorbs every channel alike on white, cream or
  // shaded paper. One 8-bit channel at a time: a phone's page is tens of megapixels.
  std::vector<cv::Mat> pixel_channels;
  std::vector<cv::Mat> paper_channels;
  cv::split(colour, pixel_channels);
  cv::split(paper, paper_channels);
  paper.release();
  cv::Mat most;
  cv::Mat least;
  for (std::size_t channel = 0; channel < 3; ++channel) {
    cv::Mat taken;
    cv::subtract(paper_channels[channel], pixel_channels[channel], taken);  // saturates at 0
    cv::Mat absorbed;  // 0 where the paper itself is black: divide gives 0 for a 0 divisor
    cv::divide(taken, paper_channels[channel], absorbed, 255.0);
    if (channel == 0) {
      most = absorbed.clone();
      least = absorbed;
    } else {
      most = cv::max(most, absorbed);
      least = cv::min(least, absorbed);
    }
  }
  const cv::Mat spread = most - least;
  // Black or grey ink absorbs every channel alike, however faint the pixel: a letter's blurred
  // edge as much as its core. A pen's blue or a stamp's violet absorbs one or two channels far
  // more than the rest, and so do the blurred edges of its strokes, which an absolute chroma
  // threshold leaves on the page as ghost outlines that OCR reads as letters. JPEG keeps colour
  // at half resolution in 8-pixel blocks: a fine stroke's hue is smeared over its neighbours, so
  // the share is taken over each pixel's 5 x 5 neighbourhood, in the codec's pixels.
  constexpr double kMinChromaShare = 0.15;
  // Less than this absorbed is the paper's grain: no binariser takes it for ink.
  constexpr double kMinAbsorbed = 0.07 * 255;
  cv::Mat spread_around;
  cv::Mat most_around;
  cv::boxFilter(spread, spread_around, CV_16U, {5, 5}, {-1, -1}, false);
  cv::boxFilter(most, most_around, CV_16U, {5, 5}, {-1, -1}, false);
  // Where a translucent stroke crosses a printed letter the pixel stays the letter's near-black
  // ("SUHERMAN" kept its N under the pen), though the stroke tints it: a pixel dark in every
  // channel, as dark in its brightest channel as three in four of the page's black text pixels
  // are, is the letter's.
  constexpr double kNeutralShare = 0.12;
  constexpr double kDarkAbsorbed = 0.4 * 255;
  const cv::Mat black_text = (spread < most * kNeutralShare) & (most >= kDarkAbsorbed);
  cv::Mat printed = black_text.clone();
  if (cv::countNonZero(black_text) > 0) {
    const cv::Mat brightest =
        cv::max(cv::max(pixel_channels[0], pixel_channels[1]), pixel_channels[2]);
    printed |= brightest <= level_at_share(brightest, 0.75, black_text);
  }
  cv::Mat mask =
      (spread_around >= most_around * kMinChromaShare) & (most >= kMinAbsorbed) & ~printed;
  return mask;
}

cv::Mat black_ink_only(const cv::Mat& bgr, const cv::Mat& coloured) {
  cv::Mat colour = bgr;
  if (bgr.channels() == 4) cv::cvtColor(bgr, colour, cv::COLOR_BGRA2BGR);
  const cv::Mat paper = paper_colour(colour);
  // Absorbance of a channel value against its paper: ln(paper) - ln(value), from a table.
  std::array<float, 256> log_of{};
  for (int value = 0; value < 256; ++value) log_of[value] = std::log(std::max(value, 1) / 255.0f);
  const auto absorbance = [&](const cv::Vec3b& pixel, const cv::Vec3b& under) {
    cv::Vec3f a;
    for (int c = 0; c < 3; ++c) a[c] = std::max(0.0f, log_of[under[c]] - log_of[pixel[c]]);
    return a;
  };
  // The coloured ink's hue, measured where it is dense enough (a third of the light taken in its
  // strongest channel). Where it crosses black ink or a letter's edge takes its hue (JPEG keeps
  // colour at half resolution) the two mix, nearer grey: the hue is the median direction of the
  // third of those pixels furthest from grey.
  constexpr float kDenseEnough = 0.4f;
  const cv::Vec3f grey(1.0f / std::sqrt(3.0f), 1.0f / std::sqrt(3.0f), 1.0f / std::sqrt(3.0f));
  struct Sample {
    cv::Vec3f direction;
    float least = 0;  // the absorbance of its least absorbed channel
  };
  std::vector<Sample> samples;
  for (int y = 0; y < colour.rows; y += 2) {
    for (int x = 0; x < colour.cols; x += 2) {
      if (coloured.at<uchar>(y, x) == 0) continue;
      const cv::Vec3f a = absorbance(colour.at<cv::Vec3b>(y, x), paper.at<cv::Vec3b>(y, x));
      if (std::max({a[0], a[1], a[2]}) < kDenseEnough) continue;
      samples.push_back({a / static_cast<float>(cv::norm(a)), std::min({a[0], a[1], a[2]})});
    }
  }
  cv::Vec3f hue = grey;
  // A pixel whose least absorbed channel takes more than the coloured ink ever does there is
  // black ink under it: in the darkest pixels a channel's logarithm is mostly noise, and the
  // split would give the black to the colour.
  float coloured_least_most = std::numeric_limits<float>::max();
  if (!samples.empty()) {
    const auto nearer_grey = [&](const Sample& a, const Sample& b) {
      return a.direction.dot(grey) < b.direction.dot(grey);
    };
    const std::size_t third = std::max<std::size_t>(1, samples.size() / 3);
    std::nth_element(samples.begin(), samples.begin() + third, samples.end(), nearer_grey);
    const auto median_of = [&](const auto& value_of) {
      std::vector<float> values;
      for (std::size_t i = 0; i < third; ++i) values.push_back(value_of(samples[i]));
      std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
      return values[values.size() / 2];
    };
    for (int c = 0; c < 3; ++c) {
      hue[c] = median_of([c](const Sample& sample) { return sample.direction[c]; });
    }
    hue /= static_cast<float>(cv::norm(hue));
    std::vector<float> least;
    for (std::size_t i = 0; i < third; ++i) least.push_back(samples[i].least);
    const std::size_t most = least.size() * 19 / 20;
    std::nth_element(least.begin(), least.begin() + most, least.end());
    coloured_least_most = 1.5f * least[most];
  }
  cv::Mat black(colour.size(), CV_8UC1);
  // Least squares of absorbance = amount of black x grey + amount of colour x hue, for the
  // black amount; a hue too near grey to tell apart leaves the pixel's own grey.
  const float overlap = grey.dot(hue);
  const float determinant = 1.0f - overlap * overlap;
  constexpr float kLeastDeterminant = 0.02f;
  for (int y = 0; y < colour.rows; ++y) {
    for (int x = 0; x < colour.cols; ++x) {
      const cv::Vec3f a = absorbance(colour.at<cv::Vec3b>(y, x), paper.at<cv::Vec3b>(y, x));
      const float along_grey = a.dot(grey);
      const float along_hue = a.dot(hue);
      float amount = along_grey;
      const bool under_black = std::min({a[0], a[1], a[2]}) > coloured_least_most;
      if (determinant >= kLeastDeterminant && !under_black) {
        amount = (along_grey - overlap * along_hue) / determinant;
        const float colour_amount = (along_hue - overlap * along_grey) / determinant;
        if (colour_amount < 0) amount = along_grey;
      }
      // Each channel of black ink takes amount / sqrt(3) of absorbance.
      const float value = 255.0f * std::exp(-std::max(0.0f, amount) / std::sqrt(3.0f));
      black.at<uchar>(y, x) = cv::saturate_cast<uchar>(value);
    }
  }
  return black;
}

}  // namespace sopocr
