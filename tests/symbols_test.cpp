// Symbol classification on shapes drawn into the test image: the five PermenPAN-RB 35/2012
// kinds in several sizes and stroke widths, with an attached arrow and with broken outlines.
#include "symbols.h"

#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "binarize.h"

namespace sopocr {
namespace {

constexpr int kDpi = 200;

// Draws `kind` centred at `centre` with the given half-width / half-height, black on white.
void draw_symbol(cv::Mat& page, SymbolKind kind, cv::Point centre, int half_w, int half_h,
                 int stroke) {
  const int x0 = centre.x - half_w, x1 = centre.x + half_w;
  const int y0 = centre.y - half_h, y1 = centre.y + half_h;
  switch (kind) {
    case SymbolKind::process:
      cv::rectangle(page, {x0, y0}, {x1, y1}, 0, stroke);
      break;
    case SymbolKind::terminator: {
      const int r = half_h;
      cv::line(page, {x0 + r, y0}, {x1 - r, y0}, 0, stroke);
      cv::line(page, {x0 + r, y1}, {x1 - r, y1}, 0, stroke);
      cv::ellipse(page, {x0 + r, centre.y}, {r, r}, 0, 90, 270, 0, stroke);
      cv::ellipse(page, {x1 - r, centre.y}, {r, r}, 0, -90, 90, 0, stroke);
      break;
    }
    case SymbolKind::decision: {
      std::vector<cv::Point> diamond{
          {centre.x, y0}, {x1, centre.y}, {centre.x, y1}, {x0, centre.y}};
      cv::polylines(page, diamond, true, 0, stroke);
      break;
    }
    case SymbolKind::connector:
      cv::circle(page, centre, half_h, 0, stroke);
      break;
    case SymbolKind::off_page_connector: {
      const int shoulder = y0 + (y1 - y0) * 6 / 10;
      std::vector<cv::Point> pentagon{
          {x0, y0}, {x1, y0}, {x1, shoulder}, {centre.x, y1}, {x0, shoulder}};
      cv::polylines(page, pentagon, true, 0, stroke);
      break;
    }
  }
}

struct ShapeCase {
  SymbolKind kind;
  int half_w;
  int half_h;
  int stroke;
};

class SymbolKinds : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(SymbolKinds, AreClassifiedByShape) {
  const ShapeCase& shape = GetParam();
  cv::Mat page(300, 500, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, shape.kind, {250, 150}, shape.half_w, shape.half_h, shape.stroke);
  // An arrow leaving the bottom of the symbol, as in every step row but the last.
  cv::line(page, {250, 150 + shape.half_h}, {250, 295}, 0, 2);
  const std::vector<DetectedSymbol> found =
      detect_symbols(binarize_ink(page, kDpi), {0, 0, page.cols, page.rows}, kDpi);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(to_string(found[0].kind), to_string(shape.kind));
  EXPECT_NEAR(found[0].bbox_px.x + found[0].bbox_px.width / 2, 250, 6);
}

INSTANTIATE_TEST_SUITE_P(SizesAndStrokes, SymbolKinds,
                         ::testing::Values(ShapeCase{SymbolKind::process, 70, 30, 2},
                                           ShapeCase{SymbolKind::process, 90, 40, 4},
                                           ShapeCase{SymbolKind::terminator, 70, 25, 2},
                                           ShapeCase{SymbolKind::terminator, 100, 35, 3},
                                           ShapeCase{SymbolKind::decision, 60, 40, 2},
                                           ShapeCase{SymbolKind::decision, 80, 55, 3},
                                           ShapeCase{SymbolKind::connector, 25, 25, 2},
                                           ShapeCase{SymbolKind::off_page_connector, 30, 35, 2}));

TEST(Symbols, ArrowheadsAndStrokesAloneAreNotSymbols) {
  cv::Mat page(300, 500, CV_8UC1, cv::Scalar(255));
  cv::line(page, {50, 150}, {450, 150}, 0, 2);
  std::vector<cv::Point> head{{450, 150}, {435, 142}, {435, 158}};
  cv::fillConvexPoly(page, head, 0);
  EXPECT_TRUE(detect_symbols(binarize_ink(page, kDpi), {0, 0, page.cols, page.rows}, kDpi).empty());
}

TEST(Symbols, APocketArrowsCloseAgainstADecisionIsNotASymbol) {
  cv::Mat page(400, 600, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, SymbolKind::decision, {350, 150}, 70, 50, 2);
  // "Tidak" out of the left corner and down a channel; "Ya" out of the bottom corner and left
  // to the same channel: with the diamond's lower-left edge they close a convex pocket.
  cv::line(page, {280, 150}, {150, 150}, 0, 2);
  cv::line(page, {150, 150}, {150, 380}, 0, 2);
  cv::line(page, {350, 200}, {350, 240}, 0, 2);
  cv::line(page, {350, 240}, {150, 240}, 0, 2);
  const auto found = detect_symbols(binarize_ink(page, kDpi), {0, 0, page.cols, page.rows}, kDpi);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, SymbolKind::decision);
}

// A terminator as office suites draw it: a rectangle whose corners are rounded by `radius`.
void draw_rounded_rectangle(cv::Mat& page, cv::Point centre, int half_w, int half_h, int radius,
                            int stroke) {
  const int x0 = centre.x - half_w, x1 = centre.x + half_w;
  const int y0 = centre.y - half_h, y1 = centre.y + half_h;
  cv::line(page, {x0 + radius, y0}, {x1 - radius, y0}, 0, stroke);
  cv::line(page, {x0 + radius, y1}, {x1 - radius, y1}, 0, stroke);
  cv::line(page, {x0, y0 + radius}, {x0, y1 - radius}, 0, stroke);
  cv::line(page, {x1, y0 + radius}, {x1, y1 - radius}, 0, stroke);
  cv::ellipse(page, {x0 + radius, y0 + radius}, {radius, radius}, 0, 180, 270, 0, stroke);
  cv::ellipse(page, {x1 - radius, y0 + radius}, {radius, radius}, 0, 270, 360, 0, stroke);
  cv::ellipse(page, {x1 - radius, y1 - radius}, {radius, radius}, 0, 0, 90, 0, stroke);
  cv::ellipse(page, {x0 + radius, y1 - radius}, {radius, radius}, 0, 90, 180, 0, stroke);
}

struct RoundedCase {
  int half_h;
  double radius_of_height;
  int stroke;
  bool blurred;
};

class RoundedRectangles : public ::testing::TestWithParam<RoundedCase> {};

// Rounded by a tenth of the height or more, the rectangle is a terminator, not a process: its
// corners are cut where a process box's are square, however blurred.
TEST_P(RoundedRectangles, AreTerminators) {
  const RoundedCase& shape = GetParam();
  cv::Mat page(300, 500, CV_8UC1, cv::Scalar(255));
  const int radius = static_cast<int>(std::lround(2 * shape.half_h * shape.radius_of_height));
  draw_rounded_rectangle(page, {250, 150}, 3 * shape.half_h, shape.half_h, radius, shape.stroke);
  cv::line(page, {250, 150 + shape.half_h}, {250, 295}, 0, 2);
  if (shape.blurred) cv::GaussianBlur(page, page, {5, 5}, 1.2);
  const std::vector<DetectedSymbol> found =
      detect_symbols(binarize_ink(page, kDpi), {0, 0, page.cols, page.rows}, kDpi);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(to_string(found[0].kind), to_string(SymbolKind::terminator));
}

INSTANTIATE_TEST_SUITE_P(RadiiAndStrokes, RoundedRectangles,
                         ::testing::Values(RoundedCase{30, 0.18, 2, false},
                                           RoundedCase{30, 0.12, 2, false},
                                           RoundedCase{45, 0.10, 3, false},
                                           RoundedCase{40, 0.18, 4, true},
                                           RoundedCase{25, 0.18, 2, true}));

enum class Break { top_edge, bottom_edge_at_the_arrow, side };

class LongOutlineBreaks : public ::testing::TestWithParam<Break> {};

// A faded stretch of 2.5 mm in one side of a box leaves no closed interior; bridged along the
// side, the box is found, and found less surely than an unbroken one.
TEST_P(LongOutlineBreaks, AreBridgedWhenAskedFor) {
  cv::Mat page(300, 500, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, SymbolKind::process, {250, 150}, 80, 30, 2);
  cv::line(page, {250, 180}, {250, 295}, 0, 2);
  const int gap = static_cast<int>(2.5 / 25.4 * kDpi);
  switch (GetParam()) {
    case Break::top_edge:
      cv::rectangle(page, cv::Rect(200, 116, gap, 8), 255, cv::FILLED);
      break;
    case Break::bottom_edge_at_the_arrow:
      cv::rectangle(page, cv::Rect(250 - gap / 2, 176, gap, 8), 255, cv::FILLED);
      break;
    case Break::side:
      cv::rectangle(page, cv::Rect(166, 150 - gap / 2, 8, gap), 255, cv::FILLED);
      break;
  }
  const cv::Mat ink = binarize_ink(page, kDpi);
  const cv::Rect all(0, 0, page.cols, page.rows);
  EXPECT_TRUE(detect_symbols(ink, all, kDpi).empty());
  SymbolParams bridging;
  bridging.outline_gap_inches = 0.13;
  const std::vector<DetectedSymbol> found = detect_symbols(ink, all, kDpi, bridging);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(to_string(found[0].kind), to_string(SymbolKind::process));
  EXPECT_NEAR(found[0].bbox_px.x + found[0].bbox_px.width / 2, 250, 6);
  EXPECT_LT(found[0].confidence, 0.9);
}

INSTANTIATE_TEST_SUITE_P(WhereTheOutlineFaded, LongOutlineBreaks,
                         ::testing::Values(Break::top_edge, Break::bottom_edge_at_the_arrow,
                                           Break::side));

enum class Damage { gap_in_outline, speckle_noise, text_inside, blur };

struct DamageCase {
  SymbolKind kind;
  Damage damage;
};

class DamagedSymbols : public ::testing::TestWithParam<DamageCase> {};

// What scans and real flowcharts do to symbols: a faded stretch of outline, speckle, a word
// written inside ("Mulai", "Ya?"), blur.
TEST_P(DamagedSymbols, KeepTheirKind) {
  const DamageCase& shape = GetParam();
  const bool small =
      shape.kind == SymbolKind::connector || shape.kind == SymbolKind::off_page_connector;
  cv::Mat page(300, 500, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, shape.kind, {250, 150}, small ? 30 : 80, small ? 30 : 40, 2);
  switch (shape.damage) {
    case Damage::gap_in_outline:
      // Two pixels of the top outline faded to nothing, left of the centre.
      cv::rectangle(page, cv::Rect(235, 150 - (small ? 30 : 40) - 2, 2, 6), 255, cv::FILLED);
      break;
    case Damage::speckle_noise: {
      cv::RNG noise(7);
      for (int speck = 0; speck < 600; ++speck) {
        page.at<uchar>(noise.uniform(0, page.rows), noise.uniform(0, page.cols)) = 0;
      }
      break;
    }
    case Damage::text_inside:
      cv::putText(page, small ? "A" : "Mulai", {small ? 240 : 215, 158}, cv::FONT_HERSHEY_SIMPLEX,
                  0.5, 0, 1);
      break;
    case Damage::blur:
      cv::GaussianBlur(page, page, {5, 5}, 1.2);
      break;
  }
  const std::vector<DetectedSymbol> found =
      detect_symbols(binarize_ink(page, kDpi), {0, 0, page.cols, page.rows}, kDpi);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(to_string(found[0].kind), to_string(shape.kind));
}

INSTANTIATE_TEST_SUITE_P(ScanDamage, DamagedSymbols, ::testing::ValuesIn([] {
                           std::vector<DamageCase> cases;
                           for (SymbolKind kind :
                                {SymbolKind::process, SymbolKind::terminator, SymbolKind::decision,
                                 SymbolKind::connector, SymbolKind::off_page_connector}) {
                             for (Damage damage : {Damage::gap_in_outline, Damage::speckle_noise,
                                                   Damage::text_inside, Damage::blur}) {
                               cases.push_back({kind, damage});
                             }
                           }
                           return cases;
                         }()));

TEST(Symbols, AreReportedLeftToRight) {
  cv::Mat page(300, 900, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, SymbolKind::decision, {650, 150}, 70, 50, 2);
  draw_symbol(page, SymbolKind::process, {200, 150}, 80, 35, 2);
  const auto found = detect_symbols(binarize_ink(page, kDpi), {0, 0, page.cols, page.rows}, kDpi);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, SymbolKind::process);
  EXPECT_EQ(found[1].kind, SymbolKind::decision);
}

}  // namespace
}  // namespace sopocr

namespace sopocr {
namespace {

// A small box at 300 dpi: its interior is only a few outline widths high.
TEST(Symbols, ASmallProcessBoxIsStillAProcessAt300Dpi) {
  cv::Mat page(300, 400, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, SymbolKind::process, {200, 150}, 36, 16, 3);
  const auto found = detect_symbols(binarize_ink(page, 300), {0, 0, page.cols, page.rows}, 300);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(to_string(found[0].kind), "process");
}

// A small capsule is flat: 0.23 x 0.09 in, lower than the smallest symbol is wide. The holes of
// letters at 12 pt are far smaller still.
TEST(Symbols, ASmallFlatTerminatorIsStillATerminatorButLettersAreNone) {
  cv::Mat page(300, 400, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, SymbolKind::terminator, {200, 100}, 34, 13, 3);
  cv::putText(page, "OBAD", {120, 250}, cv::FONT_HERSHEY_SIMPLEX, 1.4, 0, 3);
  const auto found = detect_symbols(binarize_ink(page, 300), {0, 0, page.cols, page.rows}, 300);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(to_string(found[0].kind), "terminator");
  EXPECT_LT(found[0].bbox_px.y, 150);
}

// Two arrows drawn side by side a millimetre and a half apart, joined at both ends, close a strip
// as low as a small capsule but far longer: no symbol.
TEST(Symbols, TheStripBetweenTwoArrowsSideBySideIsNoSymbol) {
  cv::Mat page(300, 600, CV_8UC1, cv::Scalar(255));
  cv::rectangle(page, cv::Rect(100, 100, 400, 18), 0, 3);
  EXPECT_TRUE(detect_symbols(binarize_ink(page, 300), {0, 0, page.cols, page.rows}, 300).empty());
}

TEST(Symbols, TheBoxTwoCrossingPairsOfConnectorsEncloseIsNoSymbol) {
  // One decision's "Tidak" runs right and turns down a channel; the next decision's "Tidak"
  // runs up another channel a few millimetres beside it, and a "Ya" crosses both on its way to
  // a box: the channels and the two crossing lines enclose a box whose corners the lines run
  // past. The box the "Ya" enters has its sides stop at its corners.
  cv::Mat page(400, 600, CV_8UC1, cv::Scalar(255));
  cv::line(page, {100, 120}, {245, 120}, 0, 3);
  cv::line(page, {245, 120}, {245, 380}, 0, 3);
  cv::line(page, {200, 30}, {200, 360}, 0, 3);
  cv::line(page, {150, 200}, {450, 200}, 0, 3);
  cv::line(page, {450, 200}, {450, 250}, 0, 3);
  draw_symbol(page, SymbolKind::process, {450, 290}, 70, 35, 3);
  const auto found = detect_symbols(binarize_ink(page, 300), {0, 0, page.cols, page.rows}, 300);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, SymbolKind::process);
  EXPECT_GT(found[0].bbox_px.x, 350);
}

// A scan of 75 ppi blown up to 300: the box's square corners come out cut by a few pixels, as a
// small rounded rectangle's are, but by a far smaller part of its height.
TEST(Symbols, AProcessBoxBlownUpFromALowResolutionScanStaysAProcess) {
  cv::Mat page(400, 800, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, SymbolKind::process, {400, 200}, 220, 48, 4);
  cv::line(page, {400, 248}, {400, 395}, 0, 4);
  cv::Mat scanned;
  cv::resize(page, scanned, {}, 0.25, 0.25, cv::INTER_AREA);
  cv::resize(scanned, page, page.size(), 0, 0, cv::INTER_LINEAR);
  const auto found = detect_symbols(binarize_ink(page, 300), {0, 0, page.cols, page.rows}, 300);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(to_string(found[0].kind), "process");
}

// A small box (a seventh of an inch high) scanned at low resolution with the sensor's noise and
// blown up again: blur and noise round its interior's corners by a few pixels, most of a patch
// an eighth of its size, yet by far less of its height than a capsule's round ends or a circle
// cut theirs. The capsule beside it stays a terminator, the circle a connector.
TEST(Symbols, ASmallBlurredBoxIsAProcessAndSmallRoundShapesAreNot) {
  cv::Mat page(300, 900, CV_8UC1, cv::Scalar(255));
  // Square outer corners: a thick rectangle's stroke has round joins.
  cv::rectangle(page, cv::Rect(110, 130, 80, 40), 0, cv::FILLED);
  cv::rectangle(page, cv::Rect(116, 136, 68, 28), 255, cv::FILLED);
  draw_symbol(page, SymbolKind::terminator, {450, 150}, 40, 20, 6);
  draw_symbol(page, SymbolKind::connector, {750, 150}, 22, 22, 6);
  // Scanned at 120 ppi with the sensor's noise, blown up to 300 again.
  cv::Mat scanned;
  cv::resize(page, scanned, {}, 0.4, 0.4, cv::INTER_AREA);
  cv::Mat noise(scanned.size(), CV_16SC1);
  cv::RNG(11).fill(noise, cv::RNG::NORMAL, 0, 12);
  scanned.convertTo(scanned, CV_16SC1);
  scanned += noise;
  scanned.convertTo(scanned, CV_8UC1);
  cv::resize(scanned, page, page.size(), 0, 0, cv::INTER_CUBIC);
  const auto found = detect_symbols(binarize_ink(page, 300), {0, 0, page.cols, page.rows}, 300);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(to_string(found[0].kind), "process");
  EXPECT_EQ(to_string(found[1].kind), "terminator");
  EXPECT_EQ(to_string(found[2].kind), "connector");
}

// A box whose top faded for most of its length (a scan's fade runs 20 mm, far longer than any
// bridging), with the arrow into it, and one whose bottom-right corner is gone, a third of its
// bottom and of its right side with it: neither encloses its interior, both are boxes by their
// sides.
TEST(BoxesFromSides, ABoxThatLostALongStretchOrACornerIsFoundByItsSides) {
  cv::Mat page(300, 900, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, SymbolKind::process, {200, 150}, 110, 45, 3);
  cv::rectangle(page, cv::Rect(130, 100, 185, 10), 255, cv::FILLED);
  cv::line(page, {200, 20}, {200, 95}, 0, 3);
  draw_symbol(page, SymbolKind::process, {650, 150}, 110, 45, 3);
  cv::rectangle(page, cv::Rect(690, 165, 80, 40), 255, cv::FILLED);
  cv::line(page, {650, 195}, {650, 290}, 0, 3);
  const cv::Mat ink = binarize_ink(page, kDpi);
  ASSERT_TRUE(detect_symbols(ink, {0, 0, page.cols, page.rows}, kDpi).empty());
  std::vector<DetectedSymbol> found = boxes_from_sides(ink, {0, 0, page.cols, page.rows}, kDpi);
  ASSERT_EQ(found.size(), 2u);
  std::sort(found.begin(), found.end(), [](const DetectedSymbol& a, const DetectedSymbol& b) {
    return a.bbox_px.x < b.bbox_px.x;
  });
  for (const DetectedSymbol& box : found) EXPECT_EQ(to_string(box.kind), "process");
  EXPECT_NEAR(found[0].bbox_px.x, 90, 4);
  EXPECT_NEAR(found[0].bbox_px.width, 220, 8);
  EXPECT_NEAR(found[1].bbox_px.y, 105, 4);
  EXPECT_NEAR(found[1].bbox_px.height, 90, 8);
}

// What arrows draw is no box: a loop back (out right, up, back left) leaves its fourth side bare,
// an elbow has two sides, two arrows side by side enclose a strip far longer than high.
TEST(BoxesFromSides, ArrowsLoopingBackOrTurningMakeNoBox) {
  cv::Mat page(300, 900, CV_8UC1, cv::Scalar(255));
  cv::line(page, {40, 60}, {200, 60}, 0, 3);
  cv::line(page, {200, 60}, {200, 200}, 0, 3);
  cv::line(page, {200, 200}, {40, 200}, 0, 3);
  cv::line(page, {300, 40}, {300, 150}, 0, 3);
  cv::line(page, {300, 150}, {500, 150}, 0, 3);
  cv::line(page, {500, 150}, {500, 260}, 0, 3);
  cv::rectangle(page, cv::Rect(560, 100, 300, 18), 0, 3);
  const cv::Mat ink = binarize_ink(page, kDpi);
  EXPECT_TRUE(boxes_from_sides(ink, {0, 0, page.cols, page.rows}, kDpi).empty());
}

}  // namespace
}  // namespace sopocr

namespace sopocr {
namespace {

// An off-page connector with its mark, as both ends of a link print it.
ConnectorGlyph glyph_of_connector(const std::string& mark, int noise_seed) {
  cv::Mat page(200, 200, CV_8UC1, cv::Scalar(255));
  draw_symbol(page, SymbolKind::off_page_connector, {100, 100}, 30, 35, 2);
  cv::putText(page, mark, {88, 100}, cv::FONT_HERSHEY_SIMPLEX, 0.8, 0, 2);
  cv::line(page, {100, 10}, {100, 65}, 0, 2);  // the arrow into it
  cv::RNG noise(noise_seed);
  for (int speck = 0; speck < 40; ++speck) {
    page.at<uchar>(noise.uniform(0, 200), noise.uniform(0, 200)) = 0;
  }
  const auto found = detect_symbols(binarize_ink(page, kDpi), {0, 0, 200, 200}, kDpi);
  if (found.size() != 1) return {};
  return connector_glyph(binarize_ink(page, kDpi), found[0].bbox_px, kDpi);
}

TEST(ConnectorGlyphs, TheSameMarkMatchesAndAnotherDoesNot) {
  const ConnectorGlyph a_out = glyph_of_connector("A", 1);
  const ConnectorGlyph a_in = glyph_of_connector("A", 2);
  const ConnectorGlyph b_in = glyph_of_connector("B", 3);
  ASSERT_EQ(a_out.size(), static_cast<std::size_t>(kGlyphRows * kGlyphCols));
  ASSERT_EQ(b_in.size(), a_out.size());
  EXPECT_GT(glyph_similarity(a_out, a_in), 0.8);
  EXPECT_LT(glyph_similarity(a_out, b_in), 0.6);
  EXPECT_EQ(glyph_similarity(a_out, {}), 0.0);
}

TEST(ConnectorGlyphs, AnEmptyConnectorHasNoGlyph) {
  EXPECT_TRUE(glyph_of_connector("", 4).empty());
}

}  // namespace
}  // namespace sopocr
