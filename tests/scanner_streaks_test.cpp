// Scanner streaks: a line the whole length of the image is dirt on the glass and is lifted off;
// a printed rule keeps a margin and stays, and so does the ink a streak crossed.
#include "scanner_streaks.h"

#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <random>

#include "binarize.h"
#include "grid.h"

namespace sopocr {
namespace {

constexpr int kDpi = 200;
constexpr int kPaper = 232;

// A letter-size page of grainy grey paper with a ruled table of three columns and four rows
// and a few word-like blocks of ink in its cells.
struct TablePage {
  cv::Mat gray;
  std::vector<int> xs{200, 700, 1200, 1500};
  std::vector<int> ys{250, 400, 800, 1200, 1600};
};

TablePage table_page() {
  TablePage page;
  page.gray = cv::Mat(2200, 1700, CV_8UC1, cv::Scalar(kPaper));
  cv::Mat noise(page.gray.size(), CV_16SC1);
  cv::RNG rng(7);
  rng.fill(noise, cv::RNG::NORMAL, 0.0, 4.0);
  cv::add(page.gray, noise, page.gray, cv::noArray(), CV_8UC1);
  for (int x : page.xs) cv::line(page.gray, {x, page.ys.front()}, {x, page.ys.back()}, 20, 3);
  for (int y : page.ys) cv::line(page.gray, {page.xs.front(), y}, {page.xs.back(), y}, 20, 3);
  for (std::size_t row = 0; row + 1 < page.ys.size(); ++row) {
    for (int word = 0; word < 6; ++word) {
      const int x = page.xs[0] + 30 + word * 75;
      cv::putText(page.gray, "kata", {x, page.ys[row] + 60}, cv::FONT_HERSHEY_SIMPLEX, 0.8, 25, 2);
    }
  }
  return page;
}

// A streak as dirt on the glass draws it: one grey line from edge to edge, over what was printed
// (no lighter than the ink it crosses).
void draw_streak(cv::Mat& gray, cv::Point from, cv::Point to, int level) {
  cv::Mat streak(gray.size(), CV_8UC1, cv::Scalar(255));
  cv::line(streak, from, to, level, 2);
  gray = cv::min(gray, streak);
}

// The mean grey of a column between two rows.
double mean_along_column(const cv::Mat& gray, int x, int from_y, int to_y) {
  return cv::mean(gray(cv::Rect(x, from_y, 1, to_y - from_y)))[0];
}

TEST(ScannerStreaks, AStreakTheLengthOfThePageIsLiftedOffAndTheRulesItCrossedStay) {
  TablePage page = table_page();
  const int streak_x = 950;  // through the middle column's cells and every row rule
  draw_streak(page.gray, {streak_x, 0}, {streak_x, page.gray.rows - 1}, 120);
  ASSERT_LT(mean_along_column(page.gray, streak_x, 0, page.gray.rows), 150);

  const cv::Mat clean = without_scanner_streaks(page.gray, cv::Mat(), kDpi);

  EXPECT_GT(mean_along_column(clean, streak_x, 0, page.ys.front() - 10), kPaper - 15);
  EXPECT_GT(mean_along_column(clean, streak_x, page.ys[1] + 10, page.ys[2] - 10), kPaper - 15);
  for (int y : page.ys) {
    EXPECT_LT(clean.at<unsigned char>(y, streak_x), 80) << "the row rule at y " << y;
  }
  const std::vector<TableGrid> grids = detect_grids(binarize_ink(clean, kDpi), kDpi);
  ASSERT_EQ(grids.size(), 1U);
  EXPECT_EQ(grids[0].col_count(), 3) << "the streak is no column rule";
  EXPECT_EQ(grids[0].row_count(), 4);
}

TEST(ScannerStreaks, AStreakSlantedWithTheSheetItWasCopiedOnIsLiftedOff) {
  // A streaked copy photographed at an angle: the streak runs 2° off the image's axis, through
  // the middle column's cells and every row rule.
  TablePage page = table_page();
  const int top_x = 920;
  const int bottom_x =
      top_x + static_cast<int>(std::lround(std::tan(2.0 * CV_PI / 180) * (page.gray.rows - 1)));
  draw_streak(page.gray, {top_x, 0}, {bottom_x, page.gray.rows - 1}, 120);
  auto streak_x = [&](int y) { return top_x + (bottom_x - top_x) * y / (page.gray.rows - 1); };

  const cv::Mat clean = without_scanner_streaks(page.gray, cv::Mat(), kDpi);

  for (int y : {20, page.ys[1] + 100, page.gray.rows - 20}) {
    EXPECT_GT(clean.at<unsigned char>(y, streak_x(y)), kPaper - 25) << "the streak at y " << y;
  }
  for (int y : page.ys) {
    EXPECT_LT(clean.at<unsigned char>(y, streak_x(y)), 80) << "the row rule at y " << y;
  }
  const std::vector<TableGrid> grids = detect_grids(binarize_ink(clean, kDpi), kDpi);
  ASSERT_EQ(grids.size(), 1U);
  EXPECT_EQ(grids[0].col_count(), 3) << "the streak is no column rule";
}

TEST(ScannerStreaks, TwoStreaksAMillimetreOrTwoApartAreBothLiftedOff) {
  // Dirt on the glass in two specks close together: each band of rows sees the pair as one
  // crossing, and the line through it is confirmed on one streak only.
  TablePage page = table_page();
  const int first_x = 950;
  const int second_x = first_x + 11;  // 1.4 mm at 200 dpi
  for (int x : {first_x, second_x}) draw_streak(page.gray, {x, 0}, {x, page.gray.rows - 1}, 120);

  const cv::Mat clean = without_scanner_streaks(page.gray, cv::Mat(), kDpi);

  for (int x : {first_x, second_x}) {
    EXPECT_GT(mean_along_column(clean, x, 0, page.ys.front() - 10), kPaper - 15)
        << "the streak at x " << x;
  }
  const std::vector<TableGrid> grids = detect_grids(binarize_ink(clean, kDpi), kDpi);
  ASSERT_EQ(grids.size(), 1U);
  EXPECT_EQ(grids[0].col_count(), 3) << "neither streak is a column rule";
}

TEST(ScannerStreaks, AStreakSplitsTheTableWhenLeftOnThePage) {
  // Why the stage exists: the same page read without it has a fourth column.
  TablePage page = table_page();
  draw_streak(page.gray, {950, 0}, {950, page.gray.rows - 1}, 120);
  const std::vector<TableGrid> grids = detect_grids(binarize_ink(page.gray, kDpi), kDpi);
  ASSERT_EQ(grids.size(), 1U);
  EXPECT_EQ(grids[0].col_count(), 4);
}

TEST(ScannerStreaks, PrintedRulesThatKeepAMarginStay) {
  TablePage page = table_page();
  // A rule reaching to within a twentieth of the page's height of either edge is still printed.
  const int rule_x = 1600;
  const int rows = page.gray.rows;
  cv::line(page.gray, {rule_x, rows / 20}, {rule_x, rows - rows / 20}, 20, 3);

  const cv::Mat clean = without_scanner_streaks(page.gray, cv::Mat(), kDpi);

  EXPECT_EQ(cv::countNonZero(clean != page.gray), 0);
}

TEST(ScannerStreaks, ASkewedRuleWhoseEndsAreNearADarkBorderThatWasPaintedOutStays) {
  // A rule drawn across the page 1° off level, a twelfth of the page from either edge; the scan's
  // dark border over the outer 4 % of each side was painted out. Bare paper lies between the
  // rule's ends and the border, as no streak leaves it.
  TablePage page = table_page();
  const int cols = page.gray.cols;
  const int drop = static_cast<int>(std::lround(std::tan(CV_PI / 180) * cols * 10 / 12));
  cv::line(page.gray, {cols / 12, 1900}, {cols - cols / 12, 1900 + drop}, 20, 3);
  cv::Mat border(page.gray.size(), CV_8UC1, cv::Scalar(0));
  const int depth = cols * 4 / 100;
  border.colRange(0, depth).setTo(255);
  border.colRange(cols - depth, cols).setTo(255);
  page.gray.setTo(kPaper, border);

  const cv::Mat clean = without_scanner_streaks(page.gray, border, kDpi);

  EXPECT_EQ(cv::countNonZero(clean != page.gray), 0);
}

TEST(ScannerStreaks, ARuleOfATableCroppedCloseToTheImagesFootStays) {
  // A page cut off at its table's foot: a column rule runs from the table's head, a quarter of
  // the way down, to the image's edge; above it, an emblem's upright stroke stands over its
  // line at the image's head, and bare paper between.
  TablePage page = table_page();
  const int rule_x = 1300;
  const int rows = page.gray.rows;
  cv::line(page.gray, {rule_x, rows / 4}, {rule_x, rows - 1}, 20, 3);
  cv::line(page.gray, {rule_x, 5}, {rule_x, rows * 4 / 100}, 20, 3);

  const cv::Mat clean = without_scanner_streaks(page.gray, cv::Mat(), kDpi);

  EXPECT_EQ(cv::countNonZero(clean != page.gray), 0);
}

TEST(ScannerStreaks, AStreakAlongTheRowsOfAPageFedSidewaysIsLiftedOff) {
  TablePage page = table_page();
  const int streak_y = 1000;
  draw_streak(page.gray, {0, streak_y}, {page.gray.cols - 1, streak_y}, 140);

  const cv::Mat clean = without_scanner_streaks(page.gray, cv::Mat(), kDpi);

  const double before = cv::mean(page.gray(cv::Rect(0, streak_y, page.xs[0] - 10, 1)))[0];
  const double after = cv::mean(clean(cv::Rect(0, streak_y, page.xs[0] - 10, 1)))[0];
  EXPECT_LT(before, 180);
  EXPECT_GT(after, kPaper - 15);
  for (int x : page.xs) EXPECT_LT(clean.at<unsigned char>(streak_y, x), 80) << "rule at x " << x;
}

TEST(ScannerStreaks, AStreakRunsOnUnderADarkBorderThatWasPaintedOut) {
  TablePage page = table_page();
  const int streak_x = 950;
  draw_streak(page.gray, {streak_x, 0}, {streak_x, page.gray.rows - 1}, 120);
  // The scan's dark border over the top and bottom 4 % of the image, painted out in paper grey:
  // the streak no longer reaches the image's edges.
  cv::Mat border(page.gray.size(), CV_8UC1, cv::Scalar(0));
  const int depth = page.gray.rows * 4 / 100;
  border.rowRange(0, depth).setTo(255);
  border.rowRange(page.gray.rows - depth, page.gray.rows).setTo(255);
  page.gray.setTo(kPaper, border);

  const cv::Mat clean = without_scanner_streaks(page.gray, border, kDpi);

  EXPECT_GT(mean_along_column(clean, streak_x, depth, page.ys.front() - 10), kPaper - 15);
}

}  // namespace
}  // namespace sopocr
