// Faint rules: a table ruled in pale toner or dotted hairlines, whose rules no pixel of binarises,
// is still ruled; specks and lines of text are no rules.
#include "faint_rules.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "binarize.h"
#include "grid.h"

namespace sopocr {
namespace {

constexpr int kDpi = 300;
constexpr int kPaper = 225;

cv::Mat grainy_paper(cv::Size size, double grain) {
  cv::Mat page(size, CV_8UC1, cv::Scalar(kPaper));
  cv::Mat noise(size, CV_16SC1);
  cv::RNG rng(11);
  rng.fill(noise, cv::RNG::NORMAL, 0.0, grain);
  cv::add(page, noise, page, cv::noArray(), CV_8UC1);
  return page;
}

// A dotted rule in pale toner: dots two pixels wide every six, `depth` grey levels below the
// paper.
void pale_dotted_line(cv::Mat& page, cv::Point from, cv::Point to, int depth) {
  const double length = cv::norm(to - from);
  const cv::Point2d along = cv::Point2d(to - from) / length;
  for (double at = 0; at <= length; at += 6) {
    const cv::Point2d dot = cv::Point2d(from) + along * at;
    cv::rectangle(page, cv::Rect(cv::Point(dot), cv::Size(2, 2)), cv::Scalar(kPaper - depth),
                  cv::FILLED);
  }
}

struct PaleTable {
  cv::Mat page;
  std::vector<int> xs{200, 700, 1200, 1700, 2200};
  std::vector<int> ys{300, 500, 900, 1300};
};

PaleTable pale_table() {
  PaleTable table{grainy_paper({2400, 1600}, 4.0)};
  for (int x : table.xs) {
    pale_dotted_line(table.page, {x, table.ys.front()}, {x, table.ys.back()}, 20);
  }
  for (int y : table.ys) {
    pale_dotted_line(table.page, {table.xs.front(), y}, {table.xs.back(), y}, 20);
  }
  for (std::size_t row = 0; row + 1 < table.ys.size(); ++row) {
    for (std::size_t col = 0; col + 1 < table.xs.size(); ++col) {
      cv::putText(table.page, "Menyusun", {table.xs[col] + 40, table.ys[row] + 80},
                  cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(40), 4);
    }
  }
  cv::GaussianBlur(table.page, table.page, {5, 5}, 1.0);
  return table;
}

TEST(FaintRules, APaleDottedTableTheInkMissesIsRuledByItsFaintRules) {
  const PaleTable table = pale_table();
  const cv::Mat ink = binarize_ink(table.page, kDpi);
  const RuleMasks ink_rules = extract_rule_masks(ink, kDpi);
  const std::vector<TableGrid> from_ink = detect_grids(ink_rules, ink.size(), kDpi);
  ASSERT_TRUE(from_ink.empty()) << "the test's rules must be too pale to binarise";

  const RuleMasks faint = faint_rule_masks(table.page, ink, cv::Mat(), kDpi);
  const RuleMasks both{ink_rules.horizontal | faint.horizontal,
                       ink_rules.vertical | faint.vertical};
  const std::vector<TableGrid> grids = detect_grids(both, ink.size(), kDpi);

  ASSERT_EQ(grids.size(), 1U);
  EXPECT_EQ(grids[0].col_count(), 4);
  EXPECT_EQ(grids[0].row_count(), 3);
}

// A hairline a bilevel scan at a low resolution kept only where the noise tipped it past the
// threshold: black dots, two pixels across, 10 to 60 pixels apart at random (one pixel in about
// seventeen along the line), nothing between them.
void scattered_dot_line(cv::Mat& page, cv::Point from, cv::Point to, cv::RNG& rng) {
  const double length = cv::norm(to - from);
  const cv::Point2d along = cv::Point2d(to - from) / length;
  for (double at = 0; at <= length; at += rng.uniform(10, 61)) {
    const cv::Point2d dot = cv::Point2d(from) + along * at;
    cv::rectangle(page, cv::Rect(cv::Point(dot), cv::Size(2, 2)), cv::Scalar(0), cv::FILLED);
  }
}

TEST(FaintRules, AHairlineABilevelScanKeptInScatteredDotsStillRulesTheTable) {
  cv::Mat page(1600, 2400, CV_8UC1, cv::Scalar(255));
  const std::vector<int> xs{200, 700, 1200, 1700, 2200};
  const std::vector<int> ys{300, 500, 900, 1300};
  cv::RNG rng(7);
  for (int x : xs) scattered_dot_line(page, {x, ys.front()}, {x, ys.back()}, rng);
  for (int y : ys) scattered_dot_line(page, {xs.front(), y}, {xs.back(), y}, rng);
  for (std::size_t row = 0; row + 1 < ys.size(); ++row) {
    for (std::size_t col = 0; col + 1 < xs.size(); ++col) {
      cv::putText(page, "Menyusun", {xs[col] + 40, ys[row] + 80}, cv::FONT_HERSHEY_SIMPLEX, 1.6,
                  cv::Scalar(0), 4);
    }
  }
  const cv::Mat ink = binarize_ink(page, kDpi);
  const RuleMasks ink_rules = extract_rule_masks(ink, kDpi);
  ASSERT_TRUE(detect_grids(ink_rules, ink.size(), kDpi).empty())
      << "the test's dots must lie too far apart to join as a dotted rule";

  const RuleMasks faint = faint_rule_masks(page, ink, cv::Mat(), kDpi);
  const RuleMasks both{ink_rules.horizontal | faint.horizontal,
                       ink_rules.vertical | faint.vertical};
  const std::vector<TableGrid> grids = detect_grids(both, ink.size(), kDpi);

  ASSERT_EQ(grids.size(), 1U);
  EXPECT_EQ(grids[0].col_count(), 4);
  EXPECT_EQ(grids[0].row_count(), 3);
}

TEST(FaintRules, NeitherSpecksNorLinesOfTextAreFaintRules) {
  cv::Mat page = grainy_paper({2400, 1600}, 4.0);
  for (int line = 0; line < 12; ++line) {
    cv::putText(page, "Menyusun rencana kerja dan anggaran tahunan", {150, 200 + line * 90},
                cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(40), 4);
  }
  cv::RNG rng(5);
  for (int speck = 0; speck < 300; ++speck) {
    cv::circle(page, {rng.uniform(0, page.cols), rng.uniform(0, page.rows)}, 2, cv::Scalar(30),
               cv::FILLED);
  }
  cv::GaussianBlur(page, page, {5, 5}, 1.0);
  const RuleMasks faint = faint_rule_masks(page, binarize_ink(page, kDpi), cv::Mat(), kDpi);
  EXPECT_EQ(cv::countNonZero(faint.horizontal), 0);
  EXPECT_EQ(detect_grids(faint, page.size(), kDpi).size(), 0U);
}

}  // namespace
}  // namespace sopocr
