#include "perspective.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sopocr {
namespace {

// A rule as it runs along an image's rows: y = offset + slope * (x - middle column). Columns
// are measured the same way on the transposed image.
struct LeaningRule {
  double offset = 0;
  double slope = 0;
  double length = 0;
};

// How the rules of one direction lean: slope = lean + lean_change * offset. Rules converging
// on one vanishing point lean exactly so. `first` and `last` are the outermost rules' offsets.
struct Pencil {
  double lean = 0;
  double lean_change = 0;
  double first = 0;
  double last = 0;

  double slope_at(double offset) const { return lean + lean_change * offset; }
};

// The least-squares line through the mean row of `label`'s pixels in each column of `box`.
// Letters touching the rule add a bump of a few columns; a bent or doubled line leaves a large
// residual, returned as its root mean square.
std::pair<LeaningRule, double> fit_rule(const cv::Mat& labels, int label, const cv::Rect& box,
                                        double middle_column) {
  std::vector<cv::Point2d> centres;
  centres.reserve(static_cast<std::size_t>(box.width));
  for (int x = box.x; x < box.x + box.width; ++x) {
    double sum = 0;
    int count = 0;
    for (int y = box.y; y < box.y + box.height; ++y) {
      if (labels.at<int>(y, x) == label) {
        sum += y;
        ++count;
      }
    }
    if (count > 0) centres.emplace_back(x - middle_column, sum / count);
  }
  const double n = static_cast<double>(centres.size());
  double mean_x = 0, mean_y = 0;
  for (const cv::Point2d& centre : centres) {
    mean_x += centre.x / n;
    mean_y += centre.y / n;
  }
  double covariance = 0, variance = 0;
  for (const cv::Point2d& centre : centres) {
    covariance += (centre.x - mean_x) * (centre.y - mean_y);
    variance += (centre.x - mean_x) * (centre.x - mean_x);
  }
  LeaningRule rule;
  rule.slope = variance > 0 ? covariance / variance : 0;
  rule.offset = mean_y - rule.slope * mean_x;
  rule.length = box.width;
  double squared_residuals = 0;
  for (const cv::Point2d& centre : centres) {
    const double residual = centre.y - (rule.offset + rule.slope * centre.x);
    squared_residuals += residual * residual;
  }
  return {rule, std::sqrt(squared_residuals / std::max(1.0, n))};
}

std::vector<LeaningRule> rules_along_rows(const cv::Mat& ink, int dpi,
                                          const PerspectiveParams& params) {
  // Runs of 1/10 inch outlast a letter's strokes at body sizes, yet are shorter than the steps
  // of a thin leaning rule (a 2 px rule leaning 1 in 20 steps every 40 px): the rule stays one
  // piece, following its lean.
  const int run = std::max(5, dpi / 10);
  cv::Mat runs;
  cv::morphologyEx(ink, runs, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(run, 1)));
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(runs, labels, stats, centroids, 8, CV_32S);
  const double min_length = params.min_rule_inches * dpi;
  const double middle_column = ink.cols / 2.0;
  std::vector<LeaningRule> rules;
  for (int label = 1; label < count; ++label) {
    const cv::Rect box(
        stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
        stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    // A rule leans at most a few percent; something taller is a block of ink, not a line.
    if (box.width < min_length || box.height > 0.1 * box.width + dpi / 10.0) continue;
    // Printed rules keep a margin. A line reaching the image's edge is a scanner's streak,
    // which runs the image's length and leans as the image was turned, not as it was printed.
    if ((box & cv::Rect(1, 1, ink.cols - 2, ink.rows - 2)) != box) continue;
    const auto [rule, residual] = fit_rule(labels, label, box, middle_column);
    if (residual <= dpi / 50.0) rules.push_back(rule);
  }
  return rules;
}

// Weighted least squares of slope against offset over the rules `used`, weighted by length.
// Rules bunched within an inch say how they lean, not how the lean changes.
Pencil fit_pencil_to(const std::vector<LeaningRule>& rules, const std::vector<bool>& used,
                     int dpi) {
  double weight = 0, mean_offset = 0, mean_slope = 0;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (!used[i]) continue;
    weight += rules[i].length;
    mean_offset += rules[i].length * rules[i].offset;
    mean_slope += rules[i].length * rules[i].slope;
  }
  mean_offset /= weight;
  mean_slope /= weight;
  double covariance = 0, variance = 0;
  Pencil pencil{0, 0, 1e18, -1e18};
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (!used[i]) continue;
    const double from_mean = rules[i].offset - mean_offset;
    covariance += rules[i].length * from_mean * (rules[i].slope - mean_slope);
    variance += rules[i].length * from_mean * from_mean;
    pencil.first = std::min(pencil.first, rules[i].offset);
    pencil.last = std::max(pencil.last, rules[i].offset);
  }
  if (pencil.last - pencil.first >= dpi && variance > 0) {
    pencil.lean_change = covariance / variance;
  }
  pencil.lean = mean_slope - pencil.lean_change * mean_offset;
  return pencil;
}

// The rules that lean as `pencil` says, within what a slope is measured to: about a pixel over
// a rule's length, 2 in 1000 with letters touching it.
std::vector<bool> rules_agreeing(const std::vector<LeaningRule>& rules, const Pencil& pencil) {
  constexpr double kSlopeTolerance = 0.002;
  std::vector<bool> agree(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    agree[i] = std::abs(rules[i].slope - pencil.slope_at(rules[i].offset)) <= kSlopeTolerance;
  }
  return agree;
}

// The pencil the most rule length agrees on, each hypothesis confirmed by a rule it was not
// drawn from: a lean alone by a second rule, a lean changing across the page (through two
// rules) by a third. An arrow's shaft, a streak or a rule bent by the paper leans its own way
// and is outvoted; two rules that disagree prove nothing.
std::optional<Pencil> fit_pencil(const std::vector<LeaningRule>& rules, int dpi) {
  std::optional<Pencil> best;
  double best_length = 0;
  const auto consider = [&](const std::vector<bool>& drawn_from, std::size_t min_agreeing) {
    const Pencil hypothesis = fit_pencil_to(rules, drawn_from, dpi);
    const std::vector<bool> agree = rules_agreeing(rules, hypothesis);
    std::size_t count = 0;
    double length = 0;
    for (std::size_t i = 0; i < rules.size(); ++i) {
      count += agree[i];
      length += agree[i] ? rules[i].length : 0;
    }
    if (count < min_agreeing || length <= best_length) return;
    best_length = length;
    best = fit_pencil_to(rules, agree, dpi);
  };
  for (std::size_t i = 0; i < rules.size(); ++i) {
    std::vector<bool> drawn_from(rules.size(), false);
    drawn_from[i] = true;
    consider(drawn_from, 2);
    for (std::size_t j = i + 1; j < rules.size(); ++j) {
      if (std::abs(rules[i].offset - rules[j].offset) < dpi) continue;
      drawn_from[j] = true;
      consider(drawn_from, 3);
      drawn_from[j] = false;
    }
  }
  return best;
}

// Where the row rule at `row_offset` meets the column rule at `column_offset`.
cv::Point2d crossing(const Pencil& rows, double row_offset, const Pencil& columns,
                     double column_offset, cv::Point2d middle) {
  const double row_slope = rows.slope_at(row_offset);
  const double column_slope = columns.slope_at(column_offset);
  const double y = (row_offset + row_slope * (column_offset - middle.x - column_slope * middle.y)) /
                   (1 - row_slope * column_slope);
  return {column_offset + column_slope * (y - middle.y), y};
}

}  // namespace

std::optional<cv::Matx33d> estimate_perspective(const cv::Mat& ink, int dpi,
                                                const PerspectiveParams& params) {
  if (ink.empty()) return std::nullopt;
  cv::Mat transposed;
  cv::transpose(ink, transposed);
  const std::vector<LeaningRule> row_rules = rules_along_rows(ink, dpi, params);
  const std::vector<LeaningRule> column_rules = rules_along_rows(transposed, dpi, params);
  std::optional<Pencil> rows = fit_pencil(row_rules, dpi);
  std::optional<Pencil> columns = fit_pencil(column_rules, dpi);
  if (!rows && !columns) return std::nullopt;
  // One direction alone still straightens; the other then stands as drawn, over the extent
  // of the rules that were found.
  const cv::Point2d middle(ink.cols / 2.0, ink.rows / 2.0);
  const auto square_over = [](const std::vector<LeaningRule>& rules, double middle_offset) {
    double longest = 0;
    for (const LeaningRule& rule : rules) longest = std::max(longest, rule.length);
    return Pencil{0, 0, middle_offset - longest / 2, middle_offset + longest / 2};
  };
  if (!rows) rows = square_over(column_rules, middle.y);
  if (!columns) columns = square_over(row_rules, middle.x);

  const std::array<cv::Point2d, 4> corners = {
      crossing(*rows, rows->first, *columns, columns->first, middle),
      crossing(*rows, rows->first, *columns, columns->last, middle),
      crossing(*rows, rows->last, *columns, columns->last, middle),
      crossing(*rows, rows->last, *columns, columns->first, middle)};
  const double left = (corners[0].x + corners[3].x) / 2;
  const double right = (corners[1].x + corners[2].x) / 2;
  const double top = (corners[0].y + corners[1].y) / 2;
  const double bottom = (corners[2].y + corners[3].y) / 2;
  const std::array<cv::Point2d, 4> square = {cv::Point2d(left, top), cv::Point2d(right, top),
                                             cv::Point2d(right, bottom), cv::Point2d(left, bottom)};
  double largest_move = 0;
  for (std::size_t i = 0; i < corners.size(); ++i) {
    largest_move = std::max(largest_move, cv::norm(corners[i] - square[i]));
  }
  if (right - left < dpi || bottom - top < dpi ||
      largest_move < std::max(1.5, params.min_correction_inches * dpi)) {
    return std::nullopt;
  }
  std::array<cv::Point2f, 4> from, to;
  for (std::size_t i = 0; i < corners.size(); ++i) {
    from[i] = cv::Point2f(static_cast<float>(corners[i].x), static_cast<float>(corners[i].y));
    to[i] = cv::Point2f(static_cast<float>(square[i].x), static_cast<float>(square[i].y));
  }
  return cv::Matx33d(cv::getPerspectiveTransform(from.data(), to.data()));
}

PageImage apply_perspective(const PageImage& page, const cv::Matx33d& homography) {
  PageImage straight = page;
  // What comes in from beyond the image continues the paper at its edge: a white fill would
  // meet grey paper in a line, a rule framing the page.
  cv::warpPerspective(page.gray, straight.gray, homography, page.gray.size(), cv::INTER_LINEAR,
                      cv::BORDER_REPLICATE);
  if (!page.coloured_ink.empty()) {
    cv::warpPerspective(page.coloured_ink, straight.coloured_ink, homography, page.gray.size(),
                        cv::INTER_NEAREST, cv::BORDER_CONSTANT, 0);
  }
  if (!page.without_coloured_ink.empty()) {
    cv::warpPerspective(page.without_coloured_ink, straight.without_coloured_ink, homography,
                        page.gray.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  }
  straight.perspective = homography * page.perspective;
  return straight;
}

}  // namespace sopocr
