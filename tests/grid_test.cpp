// Ruled-grid detection on grids drawn into the test image: merged header cells, broken rules,
// skew, noise. The cell structure must come out exactly.
#include "grid.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>

#include "binarize.h"
#include "deskew.h"
#include "perspective.h"

namespace sopocr {
namespace {

constexpr int kDpi = 200;

// A step-table-like grid: 6 columns, header of two rows where "Pelaksana" (cols 2-3) and
// "Mutu Baku" (cols 4-5) span two sub-columns and No / Uraian span both header rows, then
// three body rows. Returned with the rule positions used.
struct DrawnGrid {
  cv::Mat page;
  std::vector<int> xs{100, 220, 700, 900, 1100, 1300, 1500};
  std::vector<int> ys{150, 260, 370, 560, 750, 940};
};

// Draws one rule from `from` to `to`; `outer` is true for the table's border.
using RuleStyle = std::function<void(cv::Mat&, cv::Point from, cv::Point to, bool outer)>;

RuleStyle solid(int thickness) {
  return [thickness](cv::Mat& page, cv::Point from, cv::Point to, bool) {
    cv::line(page, from, to, 0, thickness);
  };
}

// Dashes 3 pens + 2.5 pt long with gaps of 2 pens + 1.2 pt, as office templates and the
// randomised fixtures draw them.
RuleStyle dashed(double pen_pt) {
  return [pen_pt](cv::Mat& page, cv::Point from, cv::Point to, bool) {
    const double px_per_pt = kDpi / 72.0;
    const double period = (5 * pen_pt + 3.7) * px_per_pt;
    const double mark = (3 * pen_pt + 2.5) * px_per_pt;
    const int thickness = std::max(1, static_cast<int>(std::lround(pen_pt * px_per_pt)));
    const double length = cv::norm(to - from);
    const cv::Point2d along = cv::Point2d(to - from) / length;
    for (double at = 0; at <= length; at += period) {
      cv::line(page, cv::Point2d(from) + along * at,
               cv::Point2d(from) + along * std::min(length, at + mark), 0, thickness);
    }
  };
}

// Dots one pen wide every 2 pens + 0.9 pt. With `lose_every` above 0, a worn rule: every
// `lose_every`-th dot is missing.
RuleStyle dotted(double pen_pt, int lose_every = 0) {
  return [pen_pt, lose_every](cv::Mat& page, cv::Point from, cv::Point to, bool) {
    const double px_per_pt = kDpi / 72.0;
    const double period = (2 * pen_pt + 0.9) * px_per_pt;
    const int radius = std::max(1, static_cast<int>(std::lround(pen_pt * px_per_pt / 2)));
    const double length = cv::norm(to - from);
    const cv::Point2d along = cv::Point2d(to - from) / length;
    int dot = 0;
    for (double at = 0; at <= length; at += period, ++dot) {
      if (lose_every > 0 && dot % lose_every == lose_every - 1) continue;
      cv::circle(page, cv::Point2d(from) + along * at, radius, 0, cv::FILLED);
    }
  };
}

// The drawn black-on-white page as a grey scan: `ink` on `paper` grey levels, softened by a blur
// of `blur_px`, with a grain of `grain` grey levels.
cv::Mat grainy_scan(const cv::Mat& drawn, double ink, double paper, double blur_px, double grain) {
  cv::Mat scan;
  drawn.convertTo(scan, CV_32F, (paper - ink) / 255.0, ink);
  cv::GaussianBlur(scan, scan, {0, 0}, blur_px);
  cv::Mat noise(scan.size(), CV_32F);
  cv::randn(noise, 0.0, grain);
  scan += noise;
  scan.convertTo(scan, CV_8U);
  return scan;
}

void draw_step_grid(DrawnGrid& drawn, const RuleStyle& rule) {
  drawn.page = cv::Mat(1100, 1650, CV_8UC1, cv::Scalar(255));
  cv::Mat& page = drawn.page;
  const auto& xs = drawn.xs;
  const auto& ys = drawn.ys;
  auto hline = [&](int y, int x0, int x1) {
    rule(page, {x0, y}, {x1, y}, y == ys.front() || y == ys.back());
  };
  auto vline = [&](int x, int y0, int y1) {
    rule(page, {x, y0}, {x, y1}, x == xs.front() || x == xs.back());
  };
  for (int y : {ys[0], ys[2], ys[3], ys[4], ys[5]}) hline(y, xs.front(), xs.back());
  hline(ys[1], xs[2], xs[6]);  // the rule under "Pelaksana" and "Mutu Baku" only
  for (int x : {xs[0], xs[1], xs[2], xs[4], xs[6]}) vline(x, ys.front(), ys.back());
  for (int x : {xs[3], xs[5]}) vline(x, ys[1], ys.back());  // sub-columns start below the spans
  cv::putText(page, "No", {120, 230}, cv::FONT_HERSHEY_SIMPLEX, 1.0, 0, 2);
  cv::putText(page, "Uraian Kegiatan", {260, 230}, cv::FONT_HERSHEY_SIMPLEX, 1.0, 0, 2);
  cv::putText(page, "1", {140, 450}, cv::FONT_HERSHEY_SIMPLEX, 1.0, 0, 2);
  cv::putText(page, "Membuat rencana kerja", {240, 450}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 0, 2);
}

void draw_step_grid(DrawnGrid& drawn) { draw_step_grid(drawn, solid(3)); }

const GridCell& cell_at(const TableGrid& grid, int row, int col) {
  const GridCell* cell = grid.cell_at(row, col);
  EXPECT_NE(cell, nullptr) << "no cell at " << row << "," << col;
  static const GridCell none;
  return cell ? *cell : none;
}

void expect_step_structure(const TableGrid& grid) {
  ASSERT_EQ(grid.row_count(), 5);
  ASSERT_EQ(grid.col_count(), 6);
  // No and Uraian span both header rows; Pelaksana and Mutu Baku span two columns each.
  EXPECT_EQ(cell_at(grid, 0, 0).row_span, 2);
  EXPECT_EQ(cell_at(grid, 0, 1).row_span, 2);
  EXPECT_EQ(cell_at(grid, 0, 2).col_span, 2);
  EXPECT_EQ(cell_at(grid, 0, 4).col_span, 2);
  EXPECT_EQ(cell_at(grid, 1, 2).col_span, 1);
  EXPECT_EQ(cell_at(grid, 1, 3).col_span, 1);
  // 2 + 2 header cells spanning, 4 sub-header cells, 3 body rows of 6.
  EXPECT_EQ(grid.cells.size(), 4u + 4u + 18u);
  for (int row = 2; row < 5; ++row) {
    for (int col = 0; col < 6; ++col) {
      EXPECT_EQ(cell_at(grid, row, col).row_span, 1);
      EXPECT_EQ(cell_at(grid, row, col).col_span, 1);
    }
  }
}

// `found` rules are the `drawn` ones, each within a couple of pixels.
void expect_rules_at(const std::vector<int>& found, const std::vector<int>& drawn) {
  ASSERT_EQ(found.size(), drawn.size());
  for (std::size_t i = 0; i < drawn.size(); ++i) EXPECT_NEAR(found[i], drawn[i], 3) << "rule " << i;
}

// The page holds exactly one table, with the step-table structure.
void expect_one_step_table(const cv::Mat& page) {
  const std::vector<TableGrid> tables = detect_grids(binarize_ink(page, kDpi), kDpi);
  ASSERT_EQ(tables.size(), 1u);
  expect_step_structure(tables[0]);
}

TEST(Grid, FindsMergedHeaderCells) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  const std::vector<TableGrid> tables = detect_grids(binarize_ink(drawn.page, kDpi), kDpi);
  ASSERT_EQ(tables.size(), 1u);
  expect_step_structure(tables[0]);
  for (std::size_t i = 0; i < drawn.xs.size(); ++i) {
    EXPECT_NEAR(tables[0].col_rules_x_px[i], drawn.xs[i], 3);
  }
}

TEST(Grid, CellsNeverOverlapAndStayInsideTheTable) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  const TableGrid grid = detect_grids(binarize_ink(drawn.page, kDpi), kDpi).at(0);
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    EXPECT_EQ(grid.cells[i].bbox_px & grid.bbox_px, grid.cells[i].bbox_px);
    for (std::size_t j = i + 1; j < grid.cells.size(); ++j) {
      const cv::Rect overlap = grid.cells[i].bbox_px & grid.cells[j].bbox_px;
      // Neighbours share a rule line, never an area.
      EXPECT_TRUE(overlap.width <= 1 || overlap.height <= 1) << i << " overlaps " << j;
    }
  }
}

// An identity page's head: the letterhead's cell spans every key row on the left; beside it, key
// rows of two cells. A gap in the bottom key row's rules joins that row's cells to the letterhead
// (an L of atoms). Its bounding box would cover every key cell above: the cells stay rectangles
// the L fills, the letterhead whole and the joined row beside it, and the L's box is reported as
// a region whose own rules may part it otherwise.
TEST(Grid, AGapThatJoinsACellToATallNeighbourInOneRowOverlapsNoOtherCell) {
  cv::Mat page(900, 1500, CV_8UC1, cv::Scalar(255));
  const std::vector<int> xs{100, 600, 900, 1400};
  const std::vector<int> ys{100, 200, 300, 400, 500};
  for (int y : {ys.front(), ys.back()}) cv::line(page, {xs.front(), y}, {xs.back(), y}, 0, 3);
  for (std::size_t r = 1; r + 1 < ys.size(); ++r) {
    cv::line(page, {xs[1], ys[r]}, {xs.back(), ys[r]}, 0, 3);
  }
  for (int x : {xs.front(), xs.back()}) cv::line(page, {x, ys.front()}, {x, ys.back()}, 0, 3);
  // The rules left of and between the key cells stop above the bottom row.
  for (int x : {xs[1], xs[2]}) cv::line(page, {x, ys.front()}, {x, ys[3]}, 0, 3);

  const std::vector<TableGrid> tables = detect_grids(binarize_ink(page, kDpi), kDpi);

  ASSERT_EQ(tables.size(), 1u);
  const TableGrid& grid = tables[0];
  ASSERT_EQ(grid.row_count(), 4);
  ASSERT_EQ(grid.col_count(), 3);
  const GridCell& letterhead = cell_at(grid, 0, 0);
  EXPECT_EQ(letterhead.row_span, 4);
  EXPECT_EQ(letterhead.col_span, 1);
  const GridCell& bottom_row = cell_at(grid, 3, 1);
  EXPECT_EQ(bottom_row.row_span, 1);
  EXPECT_EQ(bottom_row.col_span, 2);
  for (int row = 0; row < 3; ++row) {
    EXPECT_EQ(cell_at(grid, row, 1).col, 1) << "the key in row " << row;
    EXPECT_EQ(cell_at(grid, row, 2).col, 2) << "the value in row " << row;
  }
  // The L's box is kept as a region to look into: the whole table here.
  ASSERT_EQ(grid.joined_regions_px.size(), 1u);
  EXPECT_EQ(grid.joined_regions_px[0], grid.bbox_px);
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    for (std::size_t j = i + 1; j < grid.cells.size(); ++j) {
      const cv::Rect overlap = grid.cells[i].bbox_px & grid.cells[j].bbox_px;
      EXPECT_TRUE(overlap.width <= 1 || overlap.height <= 1) << i << " overlaps " << j;
    }
  }
}

// Some templates frame a table twice, a second border just outside the first. The strip
// between the frames is no row or column: left in, it became one ring-shaped cell whose
// bounding box is the whole table, and every cell beside it read as part of it.
TEST(Grid, ATableFramedTwiceIsTheTableInsideItsInnerFrame) {
  for (const double gap_pt : {2.0, 4.0, 6.0}) {
    SCOPED_TRACE("frames " + std::to_string(gap_pt) + " pt apart");
    DrawnGrid drawn;
    draw_step_grid(drawn);
    const int gap = static_cast<int>(std::lround(gap_pt * kDpi / 72.0)) + 3;
    cv::rectangle(drawn.page, {drawn.xs.front() - gap, drawn.ys.front() - gap},
                  {drawn.xs.back() + gap, drawn.ys.back() + gap}, 0, 3);
    const std::vector<TableGrid> tables = detect_grids(binarize_ink(drawn.page, kDpi), kDpi);
    ASSERT_EQ(tables.size(), 1u);
    expect_step_structure(tables[0]);
    // Frames too close to tell apart are one rule between them; those apart, the inner one.
    const cv::Rect inner(drawn.xs.front(), drawn.ys.front(), drawn.xs.back() - drawn.xs.front(),
                         drawn.ys.back() - drawn.ys.front());
    const cv::Rect& found = tables[0].bbox_px;
    EXPECT_LE(std::abs(found.x - inner.x), gap / 2 + 2);
    EXPECT_LE(std::abs(found.y - inner.y), gap / 2 + 2);
    EXPECT_LE(std::abs(found.br().x - inner.br().x), gap / 2 + 2);
    EXPECT_LE(std::abs(found.br().y - inner.br().y), gap / 2 + 2);
  }
}

TEST(Grid, BridgesGapsInBrokenRules) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  // Erase short stretches of every rule, as a faded photocopy does.
  for (int x = 130; x < 1500; x += 170) drawn.page(cv::Rect(x, 0, 4, drawn.page.rows)) = 255;
  for (int y = 300; y < 940; y += 130) drawn.page(cv::Rect(0, y, drawn.page.cols, 4)) = 255;
  expect_one_step_table(drawn.page);
}

TEST(Grid, SurvivesSpeckleNoise) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  std::mt19937 random(7);
  std::uniform_int_distribution<int> x(0, drawn.page.cols - 1);
  std::uniform_int_distribution<int> y(0, drawn.page.rows - 1);
  for (int i = 0; i < 4000; ++i) drawn.page.at<uchar>(y(random), x(random)) = 0;
  cv::GaussianBlur(drawn.page, drawn.page, {3, 3}, 0.8);
  expect_one_step_table(drawn.page);
}

TEST(Grid, FindsTheStructureAfterDeskewingA2DegreeRotation) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  const cv::Mat rotation =
      cv::getRotationMatrix2D({drawn.page.cols / 2.0f, drawn.page.rows / 2.0f}, 2.0, 1.0);
  PageImage page;
  page.dpi = kDpi;
  cv::warpAffine(drawn.page, page.gray, rotation, drawn.page.size(), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, 255);
  const PageImage level = deskew(page);
  EXPECT_NEAR(level.skew_degrees, -2.0, 0.1);
  expect_one_step_table(level.gray);
}

// A phone held not square to the sheet: each corner of the page pulled in by 1-3 % of its size,
// as the randomised fixtures' photos are, on grey paper. (The desk around the sheet is the scan
// border's matter.)
cv::Mat photographed(const cv::Mat& drawn, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<float> pull(0.01f, 0.03f);
  const float w = static_cast<float>(drawn.cols), h = static_cast<float>(drawn.rows);
  const std::vector<cv::Point2f> corners{{0, 0}, {w, 0}, {w, h}, {0, h}};
  const std::vector<cv::Point2f> inward{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}};
  std::vector<cv::Point2f> pulled = corners;
  for (std::size_t i = 0; i < corners.size(); ++i) {
    pulled[i] += cv::Point2f(inward[i].x * pull(random) * w, inward[i].y * pull(random) * h);
  }
  cv::Mat photo;
  cv::warpPerspective(drawn, photo, cv::getPerspectiveTransform(corners, pulled), drawn.size(),
                      cv::INTER_LINEAR, cv::BORDER_CONSTANT, 255);
  return grainy_scan(photo, 30, 225, 0.8, 4);
}

TEST(Grid, FindsTheStructureOfAPagePhotographedAtAnAngle) {
  for (unsigned seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    DrawnGrid drawn;
    draw_step_grid(drawn, solid(2));
    PageImage page;
    page.dpi = kDpi;
    page.gray = photographed(drawn.page, seed);
    // Levelling takes out the rotation; the rules still converge.
    const PageImage level = deskew(page);
    // Corners pulled in alike only shrink the page: there is nothing to straighten.
    const auto keystone = estimate_perspective(binarize_ink(level.gray, kDpi), kDpi);
    const PageImage straight = keystone ? apply_perspective(level, *keystone) : level;
    if (keystone) {
      EXPECT_EQ(straight.perspective, *keystone);
    }
    expect_one_step_table(straight.gray);
  }
}

TEST(Grid, APageScannedFlatIsNotStraightened) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  EXPECT_FALSE(estimate_perspective(binarize_ink(drawn.page, kDpi), kDpi).has_value());
  // Nor one turned on the scanner's glass: levelling squares it, and the corners it turns in
  // from beyond the image must frame it in no leaning lines.
  PageImage page;
  page.dpi = kDpi;
  const cv::Mat rotation =
      cv::getRotationMatrix2D({drawn.page.cols / 2.0f, drawn.page.rows / 2.0f}, 2.5, 1.0);
  cv::warpAffine(grainy_scan(drawn.page, 30, 200, 0.8, 4), page.gray, rotation, drawn.page.size(),
                 cv::INTER_LINEAR, cv::BORDER_CONSTANT, 200);
  const PageImage level = deskew(page);
  EXPECT_FALSE(estimate_perspective(binarize_ink(level.gray, kDpi), kDpi).has_value());
}

TEST(Grid, AnArrowDownALaneThroughItsSymbolsIsNoColumnRule) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  // A flow in the lane between x 700 and 900: boxes in each body row joined by one vertical
  // arrow from the first row to below the table, longer than half the table's height.
  for (int y : {465, 655, 845}) {
    cv::rectangle(drawn.page, {760, y - 25}, {840, y + 25}, 0, 3);
    drawn.page(cv::Rect(762, y - 23, 77, 47)) = 255;  // the box is empty inside
  }
  for (int y = 490; y < 1000; ++y) {
    if (drawn.page.at<uchar>(y, 800) == 255 && (y < 630 || y > 680) && (y < 820 || y > 870)) {
      cv::line(drawn.page, {800, y}, {800, y}, 0, 3);
    }
  }
  expect_one_step_table(drawn.page);
}

TEST(Grid, FindsDottedRules) {
  DrawnGrid drawn;
  draw_step_grid(drawn, [](cv::Mat& page, cv::Point from, cv::Point to, bool) {
    // Dots of 3 px every 7 px, as a dotted border prints at 200 dpi.
    const cv::Point step = (to - from) * (7.0 / cv::norm(to - from));
    const int dots = static_cast<int>(cv::norm(to - from) / 7.0);
    for (int i = 0; i <= dots; ++i) cv::circle(page, from + step * i, 1, 0, cv::FILLED);
  });
  expect_one_step_table(drawn.page);
}

// Dashed and dotted rules as office templates draw them, as the randomised fixtures draw them:
// dashes 3 pens + 2.5 pt long with gaps of 2 pens + 1.2 pt at pens of 0.3-2 pt; dots one pen
// wide every 2 pens + 0.9 pt at pens of 0.3-1 pt. No run of a
// dash or a dot lasts as long as a letter's stroke.
TEST(Grid, FindsDashedRulesOfAnyPenWeightAndLightDottedRules) {
  std::mt19937 rng(20261202);
  std::uniform_real_distribution<double> dash_pen_pt(0.3, 2.0);
  std::uniform_real_distribution<double> dot_pen_pt(0.3, 1.0);
  for (int variant = 0; variant < 12; ++variant) {
    const bool dots = variant % 2 == 1;
    const double pen = dots ? dot_pen_pt(rng) : dash_pen_pt(rng);
    DrawnGrid drawn;
    draw_step_grid(drawn, dots ? dotted(pen) : dashed(pen));
    // Body text of 7 pt in the cells, lines starting under each other: its letters are as close
    // as dashes and as regular down the margin, and must not pass for rules.
    for (int line = 0; line < 6; ++line) {
      cv::putText(drawn.page, "surat tindak lanjut aduan masyarakat", {230, 600 + 24 * line},
                  cv::FONT_HERSHEY_SIMPLEX, 0.6, 0, 1);
    }
    SCOPED_TRACE((dots ? "dotted, pen " : "dashed, pen ") + std::to_string(pen) + " pt");
    expect_one_step_table(drawn.page);
  }
}

// Dashed rules on a noisy grey scan: specks of paper noise sit between the dashes and stick to
// their sides, so a dash's box is no longer solid and the next piece along the line is a speck.
TEST(Grid, FindsDashedRulesAmongNoiseSpecks) {
  std::mt19937 rng(20261204);
  std::uniform_real_distribution<double> pen_pt(0.4, 1.2);
  for (int variant = 0; variant < 4; ++variant) {
    const double pen = pen_pt(rng);
    DrawnGrid drawn;
    draw_step_grid(drawn, dashed(pen));
    // Dark grey ink on grey paper, softened, with grain as strong as a cheap scanner's.
    const cv::Mat scan = grainy_scan(drawn.page, 49, 224, 1.0, 16);
    SCOPED_TRACE("dashes of " + std::to_string(pen) + " pt");
    expect_one_step_table(scan);
  }
}

// Heavy dotted rules worn along their length: a faded stretch loses a dot every few dots, on
// every rule.
TEST(Grid, FindsHeavyDottedRulesThatLostDots) {
  std::mt19937 rng(20261205);
  std::uniform_real_distribution<double> pen_pt(1.0, 1.8);
  for (int variant = 0; variant < 4; ++variant) {
    const double pen = pen_pt(rng);
    DrawnGrid drawn;
    draw_step_grid(drawn, dotted(pen, 4));
    SCOPED_TRACE("dots of " + std::to_string(pen) + " pt");
    expect_one_step_table(drawn.page);
  }
}

// Dotted rules as a worn scan keeps them: on every rule, stretches of several millimetres where
// the dots faded out altogether, so that no stretch between two fades holds enough dots to be
// sure of on its own; the border drawn in heavier dots than the rules inside.
TEST(Grid, FindsDottedRulesWhoseDotsFadedOutInStretches) {
  std::mt19937 rng(20261203);
  cv::theRNG().state = 20261203;  // the scan's grain, whatever ran before
  std::uniform_real_distribution<double> pen_pt(1.2, 2.0);
  for (int variant = 0; variant < 4; ++variant) {
    const double pen = pen_pt(rng);
    const double border_pen = pen + 0.3;
    const RuleStyle worn = [&](cv::Mat& page, cv::Point from, cv::Point to, bool outer) {
      const double px_per_pt = kDpi / 72.0;
      const double rule_pen = outer ? border_pen : pen;
      const double period = (2 * rule_pen + 0.9) * px_per_pt;
      const int radius = std::max(1, static_cast<int>(std::lround(rule_pen * px_per_pt / 2)));
      const double length = cv::norm(to - from);
      const cv::Point2d along = cv::Point2d(to - from) / length;
      // Four dots kept, then a fade of 3 to 6 dots' length, along the rule up to its last dots.
      std::uniform_int_distribution<int> fade_dots(3, 6);
      int kept = 0;
      for (double at = 0; at <= length; at += period) {
        if (kept == 4) {
          const double fade = fade_dots(rng) * period;
          if (at + fade + 4 * period < length) at += fade;
          kept = 0;
        }
        cv::circle(page, cv::Point2d(from) + along * at, radius, 0, cv::FILLED);
        ++kept;
      }
    };
    DrawnGrid drawn;
    draw_step_grid(drawn, worn);
    SCOPED_TRACE("dots of " + std::to_string(pen) + " pt, border " + std::to_string(border_pen));
    // Every rule is found where it was drawn; which cells a fade at a rule's very end leaves
    // open is the cell builder's business, not this test's.
    const cv::Mat scan = grainy_scan(drawn.page, 40, 225, 0.8, 6);
    const std::vector<TableGrid> tables = detect_grids(binarize_ink(scan, kDpi), kDpi);
    ASSERT_EQ(tables.size(), 1u);
    expect_rules_at(tables[0].col_rules_x_px, drawn.xs);
    expect_rules_at(tables[0].row_rules_y_px, drawn.ys);
  }
}

// A photographed sheet: its edges drawn as lines along the top and bottom of the image, and a
// streak down the whole page that crosses the table and joins them to its rules. The table is
// under half the page's height; its columns are measured against its rows, not the page.
TEST(Grid, AStreakDownThePageDoesNotHideTheTablesColumns) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  cv::Mat page(2400, drawn.page.cols, CV_8UC1, cv::Scalar(255));
  drawn.page.copyTo(page(cv::Rect(0, 0, drawn.page.cols, drawn.page.rows)));
  cv::line(page, {0, 2}, {page.cols - 1, 2}, 0, 3);
  cv::line(page, {0, page.rows - 3}, {page.cols - 1, page.rows - 3}, 0, 3);
  const int streak_x = 1400;
  cv::line(page, {streak_x, 0}, {streak_x, page.rows - 1}, 0, 2);
  const std::vector<TableGrid> tables = detect_grids(binarize_ink(page, kDpi), kDpi);
  ASSERT_EQ(tables.size(), 1u);
  const std::vector<int>& columns = tables[0].col_rules_x_px;
  for (int x : drawn.xs) {
    EXPECT_TRUE(std::any_of(columns.begin(), columns.end(),
                            [&](int found) { return std::abs(found - x) <= 3; }))
        << "the column rule at x " << x;
  }
}

// Light grey rules on a grainy scan: the rules are fainter than the grain's reach, which keeps
// the grain out of the ink, and are still rules.
TEST(Grid, FindsLightGreyRulesOnAGrainyScan) {
  DrawnGrid drawn;
  draw_step_grid(drawn, solid(3));
  expect_one_step_table(grainy_scan(drawn.page, 180, 224, 0.8, 10));
}

// Heavy dots (pens of 1-2 pt), as the randomised fixtures draw them: on a page of little text
// they outnumber the letters, and must not pass for its letters' height.
TEST(Grid, FindsHeavyDottedRules) {
  std::mt19937 rng(20261203);
  std::uniform_real_distribution<double> pen_pt(1.0, 2.0);
  for (int variant = 0; variant < 6; ++variant) {
    const double pen = pen_pt(rng);
    DrawnGrid drawn;
    draw_step_grid(drawn, dotted(pen));
    SCOPED_TRACE("dots of " + std::to_string(pen) + " pt");
    expect_one_step_table(drawn.page);
  }
}

// A table drawn cell by cell with a heavier border stroked over it: along the border two dot
// patterns of different sizes, each from its own corner, lie over each other, regular in
// neither their dots nor their steps.
TEST(Grid, FindsAHeavierDottedBorderDrawnOverTheCellsOwnDots) {
  std::mt19937 rng(20261203);
  std::uniform_real_distribution<double> pen_pt(0.8, 1.6);
  std::uniform_real_distribution<double> heavier(1.3, 1.8);
  for (int variant = 0; variant < 6; ++variant) {
    const double pen = pen_pt(rng);
    const double border_pen = pen * heavier(rng);
    DrawnGrid drawn;
    draw_step_grid(drawn, [&](cv::Mat& page, cv::Point from, cv::Point to, bool outer) {
      dotted(pen)(page, to, from, outer);
      if (outer) dotted(border_pen)(page, from, to, outer);
    });
    SCOPED_TRACE("dots of " + std::to_string(pen) + " pt under a border of " +
                 std::to_string(border_pen) + " pt");
    expect_one_step_table(drawn.page);
  }
}

TEST(Ink, ColouredInkIsAPensOrStampsNotPrintedBlackOrTintedPaper) {
  cv::Mat page(200, 300, CV_8UC3, cv::Scalar(200, 235, 245));  // cream paper (BGR)
  cv::putText(page, "NIP 1970", {10, 60}, cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(40, 40, 40), 2);
  cv::line(page, {20, 150}, {280, 100}, cv::Scalar(170, 60, 40), 3);  // blue pen
  cv::circle(page, {240, 60}, 30, cv::Scalar(140, 50, 120), 2);       // violet stamp
  const cv::Mat coloured = coloured_ink_mask(page);
  EXPECT_EQ(coloured.at<uchar>(125, 150), 255) << "the pen stroke";
  EXPECT_EQ(coloured.at<uchar>(60, 270), 255) << "the stamp's ring";
  EXPECT_EQ(coloured.at<uchar>(5, 5), 0) << "tinted paper";
  cv::Mat black_text;
  cv::inRange(page, cv::Scalar(30, 30, 30), cv::Scalar(50, 50, 50), black_text);
  EXPECT_EQ(cv::countNonZero(coloured & black_text), 0) << "printed black";
}

// Pen ink is translucent: where a signature crosses a printed letter the letter stays near-black,
// tinted by the pen, and JPEG smears the pen's hue onto it. Those pixels are the letter's: taken
// out with the pen, "SUHERMAN" lost the last stroke of its N.
TEST(Ink, ALetterUnderAPenStrokeStaysPrinted) {
  cv::Mat page(120, 200, CV_8UC3, cv::Scalar(235, 240, 242));
  cv::putText(page, "N 19", {10, 60}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(30, 30, 30), 4);
  cv::Mat pen(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  cv::line(pen, {0, 45}, {199, 35}, cv::Scalar(200, 90, 50), 5);  // blue ballpoint
  cv::multiply(page, pen, page, 1.0 / 255);
  const cv::Mat coloured = coloured_ink_mask(page);
  EXPECT_EQ(coloured.at<uchar>(35, 195), 255) << "the pen stroke beyond the letters";
  cv::Mat under_pen;
  cv::inRange(page, cv::Scalar(0, 0, 0), cv::Scalar(40, 30, 25), under_pen);
  ASSERT_GT(cv::countNonZero(under_pen), 0);
  EXPECT_EQ(cv::countNonZero(coloured & under_pen), 0) << "the letters' pixels under the pen";
}

// A stamp's letters are fine strokes: blurred by the scan and smeared by JPEG's coarser colour,
// their edges keep the stamp's hue but lose most of its strength. Left on the page they are
// ghost outlines that OCR reads as "4", "'g" or "ri" beside the approver's name.
TEST(Ink, AStampsBlurredEdgesGoWithTheStamp) {
  cv::Mat page(160, 420, CV_8UC3, cv::Scalar(205, 215, 222));  // grey-cream paper (BGR)
  cv::putText(page, "H. Ahmad", {20, 120}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(25, 25, 25),
              3);
  cv::Mat stamp(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  cv::putText(stamp, "DINAS", {150, 70}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(120, 45, 20),
              2);  // a dark blue stamp's lettering
  cv::multiply(page, stamp, page, 1.0 / 255);
  cv::GaussianBlur(page, page, {0, 0}, 1.5);
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", page, jpeg, {cv::IMWRITE_JPEG_QUALITY, 50});
  page = cv::imdecode(jpeg, cv::IMREAD_COLOR);

  const cv::Mat coloured = coloured_ink_mask(page);
  cv::Mat gray;
  cv::cvtColor(page, gray, cv::COLOR_BGR2GRAY);
  const cv::Mat paper_grey(page.size(), CV_8UC1, cv::Scalar(213));
  cv::Mat cleaned = gray.clone();
  paper_grey.copyTo(cleaned, coloured);
  // What a binariser would take for ink where only the stamp was drawn.
  cv::Mat stamp_only;
  cv::inRange(stamp, cv::Scalar(0, 0, 0), cv::Scalar(254, 254, 254), stamp_only);
  cv::dilate(stamp_only, stamp_only, cv::getStructuringElement(cv::MORPH_RECT, {7, 7}));
  const cv::Rect stamp_area(140, 20, 270, 60);
  const int stamp_dark = cv::countNonZero((gray(stamp_area) < 160) & stamp_only(stamp_area));
  const int left_dark = cv::countNonZero((cleaned(stamp_area) < 160) & stamp_only(stamp_area));
  ASSERT_GT(stamp_dark, 1000);
  EXPECT_LT(left_dark, stamp_dark / 20) << "dark pixels of the stamp left on the page";
  // The printed name beside it is untouched.
  cv::Mat name_ink = gray < 100;
  name_ink(stamp_area).setTo(0);
  ASSERT_GT(cv::countNonZero(name_ink), 300);
  EXPECT_LT(cv::countNonZero(coloured & name_ink), cv::countNonZero(name_ink) / 50)
      << "the printed name's pixels";
}

// A stamp pressed over the approver's name: where its ring crosses a letter the pixel is the
// letter's near-black tinted by the stamp, and JPEG smears the ring's hue onto the letters beside
// it. The page as black ink alone keeps every letter pixel dark and lets the ring go.
TEST(Ink, BlackInkOnlyKeepsTheLettersUnderAStampAndDropsTheStamp) {
  cv::Mat page(160, 420, CV_8UC3, cv::Scalar(210, 228, 238));  // cream paper (BGR)
  cv::Mat letters(page.size(), CV_8UC1, cv::Scalar(0));
  cv::putText(letters, "H. Ahmad", {20, 110}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(255), 4);
  page.setTo(cv::Scalar(30, 30, 30), letters);
  cv::Mat stamp(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  cv::Mat ring(page.size(), CV_8UC1, cv::Scalar(0));
  cv::circle(ring, {200, 60}, 70, cv::Scalar(255), 4);
  stamp.setTo(cv::Scalar(150, 70, 125), ring);  // a dull violet, as a stamp pad leaves it
  cv::multiply(page, stamp, page, 1.0 / 255);
  cv::GaussianBlur(page, page, {0, 0}, 1.0);
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", page, jpeg, {cv::IMWRITE_JPEG_QUALITY, 50});
  page = cv::imdecode(jpeg, cv::IMREAD_COLOR);

  const cv::Mat black = black_ink_only(page, coloured_ink_mask(page));
  ASSERT_EQ(black.type(), CV_8UC1);
  ASSERT_EQ(black.size(), page.size());
  cv::Mat letter_cores;
  cv::erode(letters, letter_cores, cv::Mat());
  cv::Mat ring_alone;
  cv::dilate(letters, ring_alone, cv::getStructuringElement(cv::MORPH_RECT, {9, 9}));
  ring_alone = ring & ~ring_alone;
  ASSERT_GT(cv::countNonZero(letter_cores & ring), 20) << "the ring crosses the letters";
  EXPECT_EQ(cv::countNonZero(letter_cores & (black >= 128)), 0) << "letter pixels left light";
  EXPECT_GT(cv::mean(black, ring_alone)[0], 200) << "the ring away from the letters";
}

TEST(Grid, AScannersDarkBorderIsNoPartOfTheTable) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  // The lid's shadow down the left edge and along the top, and the paper's edge at the bottom.
  drawn.page(cv::Rect(0, 0, 14, drawn.page.rows)) = 30;
  drawn.page(cv::Rect(0, 0, drawn.page.cols, 10)) = 30;
  drawn.page(cv::Rect(0, drawn.page.rows - 6, drawn.page.cols, 6)) = 60;
  expect_one_step_table(drawn.page);
}

// A clean page with a few words on it has no dark border: the darkest hundredth of it is paper.
TEST(Ink, ACleanPageWithLittleInkHasNoScanBorder) {
  cv::Mat page(1100, 850, CV_8UC1, cv::Scalar(255));
  cv::putText(page, "Uraian Kegiatan", {100, 100}, cv::FONT_HERSHEY_SIMPLEX, 0.4, 0, 1);
  cv::putText(page, "Kepala Dinas", {400, 100}, cv::FONT_HERSHEY_SIMPLEX, 0.4, 0, 1);
  EXPECT_EQ(cv::countNonZero(scan_border(page, 100)), 0);
}

TEST(Grid, ASheetsEdgeAcrossPartOfTheTableDoesNotFindItTwice) {
  // The edge of a sheet laid askew on the glass, above the table and down its left side: the
  // grid the edge frames takes in the table's upper left rules, half of it or more.
  for (const int right_end : {1000, 1300}) {
    SCOPED_TRACE("edge to x = " + std::to_string(right_end));
    DrawnGrid drawn;
    draw_step_grid(drawn);
    cv::line(drawn.page, {40, 60}, {right_end, 60}, 0, 3);
    cv::line(drawn.page, {40, 60}, {40, 560}, 0, 3);
    expect_one_step_table(drawn.page);
  }
}

TEST(Grid, AnArrowRunAlongARowRuleAMillimetreAwayIsNoRowOfItsOwn) {
  // Compact rows leave an arrow no room but along the rule under its symbol: a line half the
  // table wide, a millimetre and a half above the rule.
  DrawnGrid drawn;
  draw_step_grid(drawn);
  const int above = static_cast<int>(std::lround(1.5 * kDpi / 25.4));
  cv::line(drawn.page, {250, drawn.ys[3] - above}, {1000, drawn.ys[3] - above}, 0, 1);
  expect_one_step_table(drawn.page);
}

TEST(Grid, FindsThickBordersAroundHairlineInnerRules) {
  DrawnGrid drawn;
  draw_step_grid(drawn, [](cv::Mat& page, cv::Point from, cv::Point to, bool outer) {
    cv::line(page, from, to, 0, outer ? 7 : 1);
  });
  expect_one_step_table(drawn.page);
}

TEST(Grid, FindsFadedGreyRules) {
  DrawnGrid drawn;
  draw_step_grid(drawn, [](cv::Mat& page, cv::Point from, cv::Point to, bool) {
    cv::line(page, from, to, 175, 2);
  });
  expect_one_step_table(drawn.page);
}

TEST(Grid, IgnoresAStampAndASignatureOverTheRules) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  // A round stamp over the rule between two body rows, and a signature stroke across a column
  // rule: curves and rings, neither a straight run.
  cv::circle(drawn.page, {1000, 750}, 90, 0, 5);
  cv::circle(drawn.page, {1000, 750}, 70, 0, 2);
  cv::putText(drawn.page, "DINAS", {950, 760}, cv::FONT_HERSHEY_SIMPLEX, 0.8, 0, 2);
  std::vector<cv::Point> signature;
  for (int x = 600; x < 1000; x += 4) {
    signature.emplace_back(x, 640 + static_cast<int>(40 * std::sin(x / 25.0)));
  }
  cv::polylines(drawn.page, signature, false, 0, 3);
  expect_one_step_table(drawn.page);
}

TEST(Grid, TextTouchingTheRulesDoesNotAddOrMoveRules) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  // Lines of text that sit on a rule and run into the next column's rule.
  cv::putText(drawn.page, "Dokumen tagihan LS beserta", {1110, 560}, cv::FONT_HERSHEY_SIMPLEX, 0.9,
              0, 2);
  cv::putText(drawn.page, "Kelengkapan administrasi", {230, 752}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 0,
              2);
  const std::vector<TableGrid> tables = detect_grids(binarize_ink(drawn.page, kDpi), kDpi);
  ASSERT_EQ(tables.size(), 1u);
  expect_step_structure(tables[0]);
  for (std::size_t i = 0; i < drawn.ys.size(); ++i) {
    EXPECT_NEAR(tables[0].row_rules_y_px[i], drawn.ys[i], 3);
  }
}

TEST(Grid, ToleratesResidualSkewLeftAfterDeskewing) {
  DrawnGrid drawn;
  draw_step_grid(drawn);
  const cv::Mat rotation =
      cv::getRotationMatrix2D({drawn.page.cols / 2.0f, drawn.page.rows / 2.0f}, 0.3, 1.0);
  cv::Mat skewed;
  cv::warpAffine(drawn.page, skewed, rotation, drawn.page.size(), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, 255);
  expect_one_step_table(skewed);
}

TEST(Grid, FindsABorderBentOffTheStraightLine) {
  DrawnGrid drawn;
  // The right border leans 3 degrees, as where part of a sheet lay crooked in the scanner.
  draw_step_grid(drawn, [&drawn](cv::Mat& page, cv::Point from, cv::Point to, bool) {
    const bool right_border = from.x == drawn.xs.back() && to.x == drawn.xs.back();
    if (right_border) to.x -= 42;
    cv::line(page, from, to, 0, 3);
  });
  const std::vector<TableGrid> tables = detect_grids(binarize_ink(drawn.page, kDpi), kDpi);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].col_count(), 6) << ::testing::PrintToString(tables[0].col_rules_x_px);
}

TEST(Grid, SurvivesHeavyJpegCompression) {
  DrawnGrid drawn;
  draw_step_grid(drawn, solid(2));
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", drawn.page, jpeg, {cv::IMWRITE_JPEG_QUALITY, 25});
  const cv::Mat decoded = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
  expect_one_step_table(decoded);
}

TEST(Grid, ABlankPageHasNoTables) {
  const cv::Mat blank(800, 600, CV_8UC1, cv::Scalar(255));
  EXPECT_TRUE(detect_grids(binarize_ink(blank, kDpi), kDpi).empty());
}

}  // namespace
}  // namespace sopocr
