// Round stamps: their rings are found at any stamp size, ring count and scan resolution, over
// the text they are pressed on; text, table rules, flowchart symbols and a filled logo are no
// stamp. What OCR should not see is the rings and the emblem, not the letters they cross.
#include "stamp_rings.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace sopocr {
namespace {

constexpr double kMmPerInch = 25.4;

int px(double mm, int dpi) { return static_cast<int>(std::lround(mm / kMmPerInch * dpi)); }

// An A5-sized ink mask (255 on ink) with lines of word-like text across it, 4.5 mm apart.
cv::Mat text_page(int dpi) {
  cv::Mat ink = cv::Mat::zeros(px(210, dpi), px(148, dpi), CV_8UC1);
  const double letter_scale = dpi / 300.0;
  for (int y = px(15, dpi); y < ink.rows - px(10, dpi); y += px(4.5, dpi)) {
    cv::putText(ink, "Kepala Dinas Pekerjaan Umum dan Penataan Ruang", {px(8, dpi), y},
                cv::FONT_HERSHEY_SIMPLEX, letter_scale, 255, std::max(1, dpi / 150));
  }
  return ink;
}

struct DrawnStamp {
  cv::Point centre;
  std::vector<int> radii_px;
  int stroke_px = 0;
};

// A stamp as offices' stamps are drawn: a rim, an inner ring, a doubled rim (as many as
// `rings`), a star in the middle.
DrawnStamp draw_stamp(cv::Mat& ink, cv::Point centre, double diameter_mm, int rings, int dpi) {
  DrawnStamp stamp;
  stamp.centre = centre;
  stamp.stroke_px = std::max(2, px(0.5, dpi));
  const int rim = px(diameter_mm / 2, dpi);
  const double fractions[] = {1.0, 0.66, 0.94};
  for (int ring = 0; ring < rings; ++ring) {
    stamp.radii_px.push_back(static_cast<int>(rim * fractions[ring]));
    cv::circle(ink, centre, stamp.radii_px.back(), 255, stamp.stroke_px, cv::LINE_8);
  }
  std::vector<cv::Point> star;
  for (int point = 0; point < 10; ++point) {
    const double angle = -std::numbers::pi / 2 + point * std::numbers::pi / 5;
    const double reach = (point % 2 == 0 ? 0.3 : 0.12) * rim;
    star.emplace_back(centre.x + static_cast<int>(reach * std::cos(angle)),
                      centre.y + static_cast<int>(reach * std::sin(angle)));
  }
  cv::fillPoly(ink, std::vector<std::vector<cv::Point>>{star}, 255);
  return stamp;
}

TEST(StampRings, EveryRingOfAStampIsFoundAtAnySizeRingCountAndResolution) {
  for (const int dpi : {100, 200, 300}) {
    for (const double diameter_mm : {26.0, 36.0, 46.0}) {
      for (const int rings : {1, 2, 3}) {
        cv::Mat ink = text_page(dpi);
        const DrawnStamp drawn =
            draw_stamp(ink, {px(60, dpi), px(80, dpi)}, diameter_mm, rings, dpi);

        const std::vector<StampRing> found = find_stamp_rings(ink, dpi);

        const std::string where = std::to_string(dpi) + " dpi, " + std::to_string(diameter_mm) +
                                  " mm, " + std::to_string(rings) + " rings";
        // A doubled rim's two lines, a stroke apart, may be found as one wide ring.
        EXPECT_GE(found.size(), std::min<std::size_t>(drawn.radii_px.size(), 2)) << where;
        EXPECT_LE(found.size(), drawn.radii_px.size()) << where;
        for (const int radius : drawn.radii_px) {
          const bool matched = std::any_of(found.begin(), found.end(), [&](const StampRing& ring) {
            return std::abs(ring.radius_px - radius) <= ring.width_px / 2 + drawn.stroke_px &&
                   cv::norm(ring.centre_px - cv::Point2f(drawn.centre)) <= drawn.stroke_px;
          });
          EXPECT_TRUE(matched) << where << ": the ring of radius " << radius << " px";
        }
      }
    }
  }
}

TEST(StampRings, TextRulesFlowchartSymbolsAndAFilledLogoAreNoStamp) {
  constexpr int kDpi = 200;
  cv::Mat ink = text_page(kDpi);
  // A table's rules, a flowchart's connector circle and terminator, a round filled logo.
  cv::rectangle(ink, {px(5, kDpi), px(5, kDpi)}, {px(143, kDpi), px(205, kDpi)}, 255, 3);
  cv::line(ink, {px(70, kDpi), px(5, kDpi)}, {px(70, kDpi), px(205, kDpi)}, 255, 3);
  cv::circle(ink, {px(100, kDpi), px(40, kDpi)}, px(4, kDpi), 255, 3);
  cv::ellipse(ink, {px(40, kDpi), px(120, kDpi)}, {px(15, kDpi), px(5, kDpi)}, 0, 0, 360, 255, 3);
  cv::circle(ink, {px(100, kDpi), px(150, kDpi)}, px(12, kDpi), 255, cv::FILLED);

  EXPECT_TRUE(find_stamp_rings(ink, kDpi).empty());
}

TEST(StampRings, OcrLosesTheRingsAndTheEmblemButNotTheLettersTheyCross) {
  constexpr int kDpi = 300;
  cv::Mat ink = cv::Mat::zeros(px(100, kDpi), px(100, kDpi), CV_8UC1);
  const cv::Point centre(px(50, kDpi), px(50, kDpi));
  // A letter's stem crossing the rim, and a name's underline from the stamp's middle out past
  // it: printed matter, drawn before the stamp.
  const int stem_x = centre.x + px(2, kDpi);
  const cv::Rect stem(stem_x, centre.y - px(20, kDpi), px(0.4, kDpi), px(6, kDpi));
  cv::rectangle(ink, stem, 255, cv::FILLED);
  const int underline_y = centre.y + px(6, kDpi);
  cv::line(ink, {centre.x - px(5, kDpi), underline_y}, {centre.x + px(40, kDpi), underline_y}, 255,
           3);
  const cv::Mat printed = ink.clone();
  draw_stamp(ink, centre, 36, 2, kDpi);
  const std::vector<StampRing> rings = find_stamp_rings(ink, kDpi);
  ASSERT_EQ(rings.size(), 2U);

  const cv::Mat stamp = stamp_ink(rings, ink, kDpi);

  const cv::Mat stamp_only = ink & ~printed;
  const double stamp_taken =
      cv::countNonZero(stamp & stamp_only) / double(cv::countNonZero(stamp_only));
  EXPECT_GT(stamp_taken, 0.95) << "of the rings' and the star's ink";
  cv::Mat stem_pixels = cv::Mat::zeros(ink.size(), CV_8UC1);
  cv::rectangle(stem_pixels, stem, 255, cv::FILLED);
  // Where the rim crosses it, the stem has about 40 pixels: a pixel or two at its edge may go.
  EXPECT_LE(cv::countNonZero(stamp & stem_pixels), 2) << "the stem crosses the rim and stays";
  const cv::Mat underline = printed(cv::Rect(0, underline_y - 1, ink.cols, 3));
  const cv::Mat underline_taken = stamp(cv::Rect(0, underline_y - 1, ink.cols, 3)) & underline;
  EXPECT_LT(cv::countNonZero(underline_taken), 0.05 * cv::countNonZero(underline))
      << "the underline runs out of the stamp: it is no emblem";
}

TEST(StampRings, TheLetteringAroundTheRimGoesAndPrintedLinesAcrossItStay) {
  constexpr int kDpi = 300;
  cv::Mat ink = cv::Mat::zeros(px(120, kDpi), px(160, kDpi), CV_8UC1);
  const cv::Point centre(px(80, kDpi), px(60, kDpi));
  const int rim = px(18, kDpi);
  const int lettering_radius = static_cast<int>(rim * 0.83);
  // Printed lines: one level with the lettering's top, one through the stamp's middle, both
  // running on past the stamp to either side.
  for (const int y : {centre.y - lettering_radius + px(1, kDpi), centre.y + px(2, kDpi)}) {
    cv::putText(ink, "Kepala Dinas Ketenagakerjaan Kota Bontang", {px(20, kDpi), y},
                cv::FONT_HERSHEY_SIMPLEX, 1.0, 255, 2);
  }
  const cv::Mat printed = ink.clone();
  cv::circle(ink, centre, rim, 255, px(0.5, kDpi));
  // The office's name in capitals around the upper 300° of the ring, each letter turned to
  // face the centre.
  const std::string name = "DINAS KETENAGAKERJAAN KOTA";
  cv::Mat lettering = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == ' ') continue;
    const double angle = -std::numbers::pi / 2 - 5 * std::numbers::pi / 6 +
                         i * (5 * std::numbers::pi / 3) / (name.size() - 1);
    const cv::Point at(centre.x + static_cast<int>(lettering_radius * std::cos(angle)),
                       centre.y + static_cast<int>(lettering_radius * std::sin(angle)));
    cv::Mat letter = cv::Mat::zeros(60, 60, CV_8UC1);
    cv::putText(letter, std::string(1, name[i]), {18, 42}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 255, 2);
    const cv::Mat turn =
        cv::getRotationMatrix2D({30, 30}, -(angle * 180 / std::numbers::pi + 90), 1);
    cv::warpAffine(letter, letter, turn, letter.size());
    cv::Mat place = lettering(cv::Rect(at.x - 30, at.y - 30, 60, 60));
    place |= letter > 128;
  }
  ink |= lettering;
  const std::vector<StampRing> rings = find_stamp_rings(ink, kDpi);
  ASSERT_EQ(rings.size(), 1U);

  const cv::Mat stamp = stamp_ink(rings, ink, kDpi);

  const cv::Mat lettering_alone = lettering & ~printed;
  EXPECT_GT(cv::countNonZero(stamp & lettering_alone), 0.6 * cv::countNonZero(lettering_alone))
      << "of the lettering's ink";
  EXPECT_LT(cv::countNonZero(stamp & printed), 0.03 * cv::countNonZero(printed))
      << "of the printed lines' ink";
}

TEST(StampRings, AnUnderlinedNameInsideAOneRingStampIsNoEmblem) {
  constexpr int kDpi = 200;
  cv::Mat ink = cv::Mat::zeros(px(100, kDpi), px(100, kDpi), CV_8UC1);
  const cv::Point centre(px(50, kDpi), px(50, kDpi));
  // A short name whose letters stand on their underline: one mark 14 mm long, inside the rim.
  const cv::Point name_at(centre.x - px(7, kDpi), centre.y + px(8, kDpi));
  cv::putText(ink, "BUDI, S.T.", name_at, cv::FONT_HERSHEY_SIMPLEX, 0.9, 255, 2);
  cv::line(ink, name_at, name_at + cv::Point(px(14, kDpi), 0), 255, 3);
  const cv::Mat printed = ink.clone();
  draw_stamp(ink, centre, 40, 1, kDpi);
  const std::vector<StampRing> rings = find_stamp_rings(ink, kDpi);
  ASSERT_EQ(rings.size(), 1U);

  const cv::Mat stamp = stamp_ink(rings, ink, kDpi);

  EXPECT_LT(cv::countNonZero(stamp & printed), 0.05 * cv::countNonZero(printed));
}

TEST(StampRings, APageWithoutAStampOrTooSmallForOneHasNoneAndABadResolutionIsAnError) {
  EXPECT_TRUE(find_stamp_rings(text_page(150), 150).empty());
  EXPECT_TRUE(stamp_ink({}, text_page(150), 150).empty());
  EXPECT_TRUE(find_stamp_rings(cv::Mat(40, 40, CV_8UC1, cv::Scalar(0)), 300).empty());
  EXPECT_THROW(find_stamp_rings(text_page(150), 0), std::invalid_argument);
  EXPECT_THROW(find_stamp_rings(cv::Mat(), 150), std::invalid_argument);
}

}  // namespace
}  // namespace sopocr
