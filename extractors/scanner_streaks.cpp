#include "scanner_streaks.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "binarize.h"

namespace sopocr {
namespace {

// The steepest a streak runs off the image's axis: tan 3°. A scanner draws its streaks along the
// image's axis, but a streaked copy photographed at an angle, or a scan turned in software,
// carries them slanted.
constexpr double kMaxSlope = 0.0525;

// One streak: its centre line runs through x = x0 + slope * y, `half_width` either side.
struct Streak {
  double x0 = 0;
  double slope = 0;
  double half_width = 0;
  double x_at(int y) const { return x0 + slope * y; }
  // The first and last column of row `y` it covers, within an image `cols` wide; first > last
  // where it runs outside the image.
  std::pair<int, int> columns_at(int y, int cols) const {
    const double centre = x_at(y);
    return {std::max(0, static_cast<int>(std::floor(centre - half_width))),
            std::min(cols - 1, static_cast<int>(std::ceil(centre + half_width)))};
  }
};

// 255 where a pixel is darker than the paper `reach` pixels to its left and to its right, by
// three times the paper's grain (which the grain alone seldom reaches) and by no more than a
// fifth of the step from the darkest ink to the paper (a grey streak on a clean scan is faint).
cv::Mat darker_than_both_sides(const cv::Mat& gray, int dpi, int reach) {
  const int paper = level_at_share(gray, 0.75);
  const int ink = level_at_share(gray, 0.01);
  const int contrast = std::max(
      8, static_cast<int>(std::min<double>((paper - ink) / 5.0, 3.0 * paper_grain(gray, dpi))));
  const int inner = gray.cols - 2 * reach;
  cv::Mat evidence = cv::Mat::zeros(gray.size(), CV_8UC1);
  const cv::Mat centre = gray.colRange(reach, reach + inner);
  cv::Mat sides = cv::min(gray.colRange(0, inner), gray.colRange(2 * reach, 2 * reach + inner));
  cv::Mat darkness;
  cv::subtract(sides, centre, darkness);  // saturates at 0 where the centre is lighter
  evidence.colRange(reach, reach + inner) = darkness > contrast;
  return evidence;
}

// The first row from `y` on, stepping by `step`, where the line is seen (not in `unseen`).
int first_seen_row(const cv::Mat& unseen, const Streak& line, int y, int step) {
  if (unseen.empty()) return y;
  for (; y >= 0 && y < unseen.rows; y += step) {
    const int x = static_cast<int>(std::lround(line.x_at(y)));
    if (x < 0 || x >= unseen.cols || unseen.at<unsigned char>(y, x) == 0) return y;
  }
  return y;
}

// Share of the rows [from, to) in which `evidence` holds a pixel within `tolerance` of the line.
double share_along(const cv::Mat& evidence, const Streak& line, int from, int to, int tolerance) {
  int hits = 0;
  for (int y = from; y < to; ++y) {
    const int centre = static_cast<int>(std::lround(line.x_at(y)));
    const int left = std::max(0, centre - tolerance);
    const int right = std::min(evidence.cols - 1, centre + tolerance);
    const unsigned char* row = evidence.ptr<unsigned char>(y);
    if (left <= right && std::any_of(row + left, row + right + 1, [](auto v) { return v != 0; })) {
      ++hits;
    }
  }
  return to > from ? static_cast<double>(hits) / (to - from) : 0.0;
}

// Where near-vertical lines cross the rows [from, to): the column spans where `evidence` within
// `tolerance` columns is present in half the rows, each given by its centre, or by its two ends
// brought in by `tolerance` where it is wider than one line (two streaks close together join in
// one span, and its centre is on neither).
std::vector<int> crossings_of_band(const cv::Mat& evidence, int from, int to, int tolerance) {
  cv::Mat widened;
  cv::dilate(evidence.rowRange(from, to), widened,
             cv::getStructuringElement(cv::MORPH_RECT, {2 * tolerance + 1, 1}));
  cv::Mat counts;
  cv::reduce(widened / 255, counts, 0, cv::REDUCE_SUM, CV_32S);
  std::vector<int> crossings;
  int run_start = -1;
  for (int x = 0; x <= counts.cols; ++x) {
    const bool on = x < counts.cols && 2 * counts.at<int>(0, x) >= to - from;
    if (on && run_start < 0) run_start = x;
    if (!on && run_start >= 0) {
      const int first = run_start + tolerance;
      const int last = x - 1 - tolerance;
      if (last - first <= 2) {
        crossings.push_back((run_start + x - 1) / 2);
      } else {
        crossings.push_back(first);
        crossings.push_back(last);
      }
      run_start = -1;
    }
  }
  return crossings;
}

// `line` moved onto the evidence near it: each sixteenth of the rows gives the median offset of
// the evidence within `reach` of the line, and a straight line is fitted through them.
Streak fitted_to_evidence(const cv::Mat& evidence, const Streak& line, int reach) {
  constexpr int kChunks = 16;
  std::vector<double> ys;
  std::vector<double> xs;
  for (int chunk = 0; chunk < kChunks; ++chunk) {
    const int from = evidence.rows * chunk / kChunks;
    const int to = evidence.rows * (chunk + 1) / kChunks;
    std::vector<double> offsets;
    for (int y = from; y < to; ++y) {
      const double centre = line.x_at(y);
      const int left = std::max(0, static_cast<int>(centre) - reach);
      const int right = std::min(evidence.cols - 1, static_cast<int>(centre) + reach);
      const unsigned char* row = evidence.ptr<unsigned char>(y);
      for (int x = left; x <= right; ++x) {
        if (row[x] != 0) offsets.push_back(x - centre);
      }
    }
    if (offsets.empty()) continue;
    std::nth_element(offsets.begin(), offsets.begin() + offsets.size() / 2, offsets.end());
    ys.push_back((from + to) / 2.0);
    xs.push_back(line.x_at(static_cast<int>(ys.back())) + offsets[offsets.size() / 2]);
  }
  if (ys.size() < 2) return line;
  const double n = static_cast<double>(ys.size());
  double mean_y = 0, mean_x = 0;
  for (std::size_t i = 0; i < ys.size(); ++i) {
    mean_y += ys[i] / n;
    mean_x += xs[i] / n;
  }
  double covariance = 0, variance = 0;
  for (std::size_t i = 0; i < ys.size(); ++i) {
    covariance += (ys[i] - mean_y) * (xs[i] - mean_x);
    variance += (ys[i] - mean_y) * (ys[i] - mean_y);
  }
  Streak fitted = line;
  fitted.slope = variance > 0 ? covariance / variance : line.slope;
  fitted.x0 = mean_x - fitted.slope * mean_y;
  return fitted;
}

// The median width of the evidence runs the line passes through, in pixels.
double width_along(const cv::Mat& evidence, const Streak& line) {
  std::vector<int> widths;
  for (int y = 0; y < evidence.rows; ++y) {
    const int centre = static_cast<int>(std::lround(line.x_at(y)));
    if (centre < 0 || centre >= evidence.cols) continue;
    const unsigned char* row = evidence.ptr<unsigned char>(y);
    if (row[centre] == 0) continue;
    int left = centre;
    int right = centre;
    while (left > 0 && row[left - 1] != 0) --left;
    while (right + 1 < evidence.cols && row[right + 1] != 0) ++right;
    widths.push_back(right - left + 1);
  }
  if (widths.empty()) return 0;
  std::nth_element(widths.begin(), widths.begin() + widths.size() / 2, widths.end());
  return widths[widths.size() / 2];
}

// What a line is checked against: pixels darker than the paper on both sides, the same with
// what the scan does not show (`unseen`, may be empty), and the scales the search works at.
struct StreakEvidence {
  cv::Mat darker;
  cv::Mat evidence;
  cv::Mat unseen;
  int band = 0;    // rows of one band the line is looked for in
  int drift = 0;   // how far a line kMaxSlope off the vertical moves across one band
  int widest = 0;  // the widest a streak is
  int dpi = 0;
};

// `line`, drawn through the crossings of two bands, fitted to the evidence near it: a streak,
// or nullopt where it is none. Where the streak crosses a line of text or a rule, it is no
// darker than its sides: it is found along most of the height, not all of it; at the ends,
// where it is faintest, half. A printed rule stops short of the ends.
std::optional<Streak> confirmed_streak(Streak line, const StreakEvidence& seen) {
  constexpr double kMinShare = 0.6;
  constexpr double kMinShareAtEnds = 0.5;
  constexpr double kMinShareInEachTenth = 0.3;
  const int rows = seen.evidence.rows;
  line = fitted_to_evidence(seen.evidence, line, 2 * seen.drift);
  line = fitted_to_evidence(seen.evidence, line, seen.widest);
  // The ends are where the line comes out from under what the scan does not show: a printed
  // rule leaves a margin of bare paper there, whether or not a dark border lay beyond it. A
  // line off the image's axis may be a skewed page's rule, whose margin a dark border can hide
  // whole: it is a streak only where it is seen to the image's very edges.
  const bool along_axis = std::abs(line.slope) * rows < 1.0;
  const cv::Mat& support = along_axis ? seen.evidence : seen.darker;
  const int top = along_axis ? first_seen_row(seen.unseen, line, 0, 1) : 0;
  const int bottom = along_axis ? first_seen_row(seen.unseen, line, rows - 1, -1) + 1 : rows;
  if (bottom - top < 2 * seen.band || share_along(support, line, 0, rows, 1) < kMinShare ||
      share_along(seen.darker, line, top, top + seen.band, 1) < kMinShareAtEnds ||
      share_along(seen.darker, line, bottom - seen.band, bottom, 1) < kMinShareAtEnds) {
    return std::nullopt;
  }
  // And all along: a column rule of a table cropped close to the image's foot, with a
  // letterhead's emblem over its line at the head, is missing from the text above the table,
  // where a streak crosses the lines of text between their letters.
  for (int tenth = 0; tenth < 10; ++tenth) {
    const int from = top + (bottom - top) * tenth / 10;
    const int to = top + (bottom - top) * (tenth + 1) / 10;
    if (share_along(support, line, from, to, 1) < kMinShareInEachTenth) return std::nullopt;
  }
  // Wider than a streak: a band of shadow or a fold, not dirt on the glass.
  const double width = width_along(seen.evidence, line);
  if (width > seen.widest) return std::nullopt;
  // The streak's blurred rim, lighter than the evidence asks.
  line.half_width = width / 2.0 + std::max(1, seen.dpi / 200);
  return line;
}

// Each line through the crossings of two bands far apart, that crosses the other bands where a
// crossing was found too (a line of text may hide the streak in one of them), confirmed as a
// streak and not yet in `streaks`, appended to them.
void append_streaks_crossing_bands(const StreakEvidence& seen, std::vector<Streak>& streaks) {
  const int band = seen.band;
  const int drift = seen.drift;
  std::vector<std::pair<int, std::vector<int>>> crossings;  // band's middle row, crossings
  for (int tenth : {1, 3, 5, 7, 9}) {
    const int from = seen.evidence.rows * tenth / 10 - band / 2;
    crossings.push_back(
        {from + band / 2, crossings_of_band(seen.evidence, from, from + band, drift)});
  }
  for (std::size_t i = 0; i < crossings.size(); ++i) {
    for (std::size_t j = i + 2; j < crossings.size(); ++j) {
      const int y1 = crossings[i].first;
      const int y2 = crossings[j].first;
      for (int x1 : crossings[i].second) {
        for (int x2 : crossings[j].second) {
          const double slope = static_cast<double>(x2 - x1) / (y2 - y1);
          if (std::abs(slope) > kMaxSlope) continue;
          const Streak line{x1 - slope * y1, slope, 0};
          int bands_crossed = 0;
          for (const auto& [middle, xs] : crossings) {
            const double x = line.x_at(middle);
            bands_crossed += std::any_of(xs.begin(), xs.end(),
                                         [&](int c) { return std::abs(c - x) <= 2 * drift; });
          }
          if (bands_crossed + 1 < static_cast<int>(crossings.size())) continue;
          // A line through a found streak's own crossings is that streak. One through the
          // middle of two streaks' joined crossings is fitted onto one of them.
          const auto known = [&](const Streak& other) {
            return std::any_of(streaks.begin(), streaks.end(), [&](const Streak& s) {
              return std::abs(s.x_at(y1) - other.x_at(y1)) <= s.half_width + 1 &&
                     std::abs(s.x_at(y2) - other.x_at(y2)) <= s.half_width + 1;
            });
          };
          if (known(line)) continue;
          if (std::optional<Streak> streak = confirmed_streak(line, seen)) {
            if (!known(*streak)) streaks.push_back(*streak);
          }
        }
      }
    }
  }
}

// Clears `mask` under `streak`, over its whole width.
void paint_out(cv::Mat& mask, const Streak& streak) {
  for (int y = 0; y < mask.rows; ++y) {
    const auto [first, last] = streak.columns_at(y, mask.cols);
    if (first <= last) mask.row(y).colRange(first, last + 1).setTo(0);
  }
}

// Thin lines darker than the paper on both sides that cross the image from its top edge to its
// bottom edge, straight, at most kMaxSlope off the vertical.
std::vector<Streak> streaks_down(const cv::Mat& gray, const cv::Mat& unseen, int dpi) {
  const int widest = std::max(2, dpi / 35);  // 0.7 mm: a pixel of a 72 ppi scan, and its blur
  const int reach = widest + 1;
  if (gray.cols <= 2 * reach || gray.rows < 40) return {};
  StreakEvidence seen;
  seen.darker = darker_than_both_sides(gray, dpi, reach);
  // Where the scan shows nothing, a streak may run on unseen: no evidence against it.
  seen.evidence = seen.darker.clone();
  if (!unseen.empty()) seen.evidence |= unseen;
  seen.unseen = unseen;
  seen.band = std::max(4, gray.rows * 3 / 100);
  seen.drift = static_cast<int>(std::ceil(kMaxSlope * seen.band)) + 1;
  seen.widest = widest;
  seen.dpi = dpi;

  std::vector<Streak> streaks;
  // Two streaks a few pixels apart cross each band as one run: the line through it confirms
  // one of them. With its evidence painted out, the next search sees the other.
  for (std::size_t found = 0;;) {
    append_streaks_crossing_bands(seen, streaks);
    if (streaks.size() == found) break;
    for (std::size_t i = found; i < streaks.size(); ++i) {
      paint_out(seen.evidence, streaks[i]);
      paint_out(seen.darker, streaks[i]);
    }
    found = streaks.size();
  }
  return streaks;
}

// Each row's pixels under a streak take the straight blend between the pixels that border it.
// A pixel is only ever lightened: where letter strokes lie on both sides, the blend keeps ink.
void lift_off(cv::Mat& gray, const std::vector<Streak>& streaks) {
  for (int y = 0; y < gray.rows; ++y) {
    unsigned char* row = gray.ptr<unsigned char>(y);
    for (const Streak& streak : streaks) {
      const auto [first, last] = streak.columns_at(y, gray.cols);
      if (first > last) continue;
      const int before = row[first > 0 ? first - 1 : std::min(gray.cols - 1, last + 1)];
      const int after = row[last + 1 < gray.cols ? last + 1 : std::max(0, first - 1)];
      const int steps = last - first + 2;
      for (int x = first; x <= last; ++x) {
        const int blend = before + (after - before) * (x - first + 1) / steps;
        row[x] = static_cast<unsigned char>(std::max<int>(row[x], blend));
      }
    }
  }
}

}  // namespace

cv::Mat without_scanner_streaks(const cv::Mat& gray, const cv::Mat& unseen, int dpi) {
  if (gray.empty() || gray.type() != CV_8UC1) {
    throw std::invalid_argument("without_scanner_streaks: expected a non-empty CV_8UC1 image");
  }
  if (!unseen.empty() && (unseen.size() != gray.size() || unseen.type() != CV_8UC1)) {
    throw std::invalid_argument(
        "without_scanner_streaks: `unseen` must be a CV_8UC1 mask of the image's size");
  }
  cv::Mat clean = gray.clone();
  lift_off(clean, streaks_down(gray, unseen, dpi));
  // A page fed sideways, or a file that turned it, runs its streaks along the rows.
  cv::Mat across;
  cv::Mat unseen_across;
  cv::transpose(clean, across);
  if (!unseen.empty()) cv::transpose(unseen, unseen_across);
  lift_off(across, streaks_down(across, unseen_across, dpi));
  cv::transpose(across, clean);
  return clean;
}

}  // namespace sopocr
