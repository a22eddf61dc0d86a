#include "scanner_streaks.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <vector>

#include "binarize.h"

namespace sopocr {
namespace {

// Adjacent columns of one streak, first to last.
struct ColumnSpan {
  int first = 0;
  int last = 0;
};

// Spans of columns darker than the paper on both sides along most of the image's height and
// at both of its ends.
std::vector<ColumnSpan> streak_columns(const cv::Mat& gray, const cv::Mat& unseen, int dpi) {
  const int widest = std::max(2, dpi / 35);  // 0.7 mm: a pixel of a 72 ppi scan, and its blur
  const int reach = widest + 1;
  if (gray.cols <= 2 * reach || gray.rows < 10) return {};
  // Darker than both sides by three times the paper's grain, which the grain alone seldom
  // reaches, and by no more than a fifth of the step from the darkest ink to the paper: a grey
  // streak on a clean scan is faint.
  const int paper = level_at_share(gray, 0.75);
  const int ink = level_at_share(gray, 0.01);
  const int contrast = std::max(
      8, static_cast<int>(std::min<double>((paper - ink) / 5.0, 3.0 * paper_grain(gray, dpi))));

  const int inner = gray.cols - 2 * reach;
  const cv::Mat centre = gray.colRange(reach, reach + inner);
  cv::Mat sides = cv::min(gray.colRange(0, inner), gray.colRange(2 * reach, 2 * reach + inner));
  cv::Mat darkness;
  cv::subtract(sides, centre, darkness);  // saturates at 0 where the centre is lighter
  cv::Mat evidence = darkness > contrast;
  if (!unseen.empty()) evidence |= unseen.colRange(reach, reach + inner);

  const int band = std::max(1, gray.rows * 3 / 100);
  auto share_of_rows = [&](int from, int to) {
    cv::Mat counts;
    cv::reduce(evidence.rowRange(from, to) / 255, counts, 0, cv::REDUCE_SUM, CV_32S);
    std::vector<double> shares(static_cast<std::size_t>(inner));
    for (int x = 0; x < inner; ++x)
      shares[static_cast<std::size_t>(x)] = counts.at<int>(0, x) / static_cast<double>(to - from);
    return shares;
  };
  // Where the streak crosses a line of text or a rule, it is no darker than its sides: most of
  // the height, not all of it; at the ends, where it is faintest, half. A printed rule stops
  // short of the ends.
  constexpr double kMinShare = 0.6;
  constexpr double kMinShareAtEnds = 0.5;
  const std::vector<double> whole = share_of_rows(0, gray.rows);
  const std::vector<double> top = share_of_rows(0, band);
  const std::vector<double> bottom = share_of_rows(gray.rows - band, gray.rows);
  std::vector<ColumnSpan> spans;
  for (int x = 0; x < inner; ++x) {
    const auto i = static_cast<std::size_t>(x);
    if (whole[i] < kMinShare || top[i] < kMinShareAtEnds || bottom[i] < kMinShareAtEnds) continue;
    const int column = x + reach;
    if (!spans.empty() && spans.back().last == column - 1) {
      spans.back().last = column;
    } else {
      spans.push_back({column, column});
    }
  }
  // Wider than a streak: a band of shadow or a fold, not dirt on the glass.
  std::erase_if(spans, [&](const ColumnSpan& span) { return span.last - span.first + 1 > widest; });
  // The streak's blurred rim, lighter than the test above asks.
  const int rim = std::max(1, dpi / 200);
  for (ColumnSpan& span : spans) {
    span.first = std::max(0, span.first - rim);
    span.last = std::min(gray.cols - 1, span.last + rim);
  }
  return spans;
}

// Each row's pixels in `spans` take the straight blend between the pixels that border the span.
// A pixel is only ever lightened: where letter strokes lie on both sides, the blend keeps ink.
void bridge_spans(cv::Mat& gray, const std::vector<ColumnSpan>& spans) {
  for (int y = 0; y < gray.rows; ++y) {
    unsigned char* row = gray.ptr<unsigned char>(y);
    for (const ColumnSpan& span : spans) {
      const int before = row[span.first > 0 ? span.first - 1 : span.last + 1];
      const int after = row[span.last + 1 < gray.cols ? span.last + 1 : span.first - 1];
      const int steps = span.last - span.first + 2;
      for (int x = span.first; x <= span.last; ++x) {
        const int blend = before + (after - before) * (x - span.first + 1) / steps;
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
  bridge_spans(clean, streak_columns(gray, unseen, dpi));
  // A page fed sideways, or a file that turned it, runs its streaks along the rows.
  cv::Mat across;
  cv::Mat unseen_across;
  cv::transpose(clean, across);
  if (!unseen.empty()) cv::transpose(unseen, unseen_across);
  bridge_spans(across, streak_columns(across, unseen_across, dpi));
  cv::transpose(across, clean);
  return clean;
}

}  // namespace sopocr
