// Orientation: a page scanned sideways or upside down is turned upright on the engine's
// text-direction answer, and left alone when that answer is weak.
#include "orientation.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace sopocr {
namespace {

constexpr int kDpi = 150;

// A page of ruled text lines with a heavy mark at the top-left so tests can tell where "up" went.
PageImage lined_page() {
  PageImage page;
  page.dpi = kDpi;
  page.gray = cv::Mat(1650, 1200, CV_8UC1, cv::Scalar(255));
  // Different words on every line, so letters do not stack into columns.
  const std::vector<std::string> words{"Menyusun", "rencana", "kerja",      "dan",   "anggaran",
                                       "Kepala",   "Dinas",   "menyetujui", "draft", "SK"};
  for (int line = 0; line < 30; ++line) {
    std::string text;
    for (int w = 0; w < 5; ++w) text += words[(line * 3 + w * 7) % words.size()] + " ";
    cv::putText(page.gray, text, {100 + (line * 37) % 90, 150 + line * 45},
                cv::FONT_HERSHEY_SIMPLEX, 1.1, 0, 2);
  }
  cv::rectangle(page.gray, {20, 20}, {60, 60}, 0, cv::FILLED);
  return page;
}

bool mark_at_top_left(const cv::Mat& gray) { return gray.at<uchar>(40, 40) == 0; }

class FixedOrientationEngine final : public OcrEngine {
 public:
  explicit FixedOrientationEngine(std::optional<PageOrientation> answer) : answer_(answer) {}
  void set_page(const cv::Mat&, int) override {}
  OcrText read_region(const cv::Rect&) override { return {}; }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return answer_;
  }

 private:
  std::optional<PageOrientation> answer_;
};

TEST(Orientation, RotatingClockwiseRecordsTheTurn) {
  const PageImage turned = rotate_clockwise(lined_page(), 90);
  EXPECT_EQ(turned.gray.cols, 1650);
  EXPECT_EQ(turned.rotation_degrees, 90);
  // The top-left mark is now at the top-right.
  EXPECT_EQ(turned.gray.at<uchar>(40, turned.gray.cols - 41), 0);
}

TEST(Orientation, ASidewaysPageIsTurnedBackTheWayTheEngineSays) {
  const PageImage scanned = rotate_clockwise(lined_page(), 90);
  FixedOrientationEngine engine(PageOrientation{90, 12.0});
  const PageImage upright = make_upright(scanned, engine);
  EXPECT_EQ(upright.gray.size(), lined_page().gray.size());
  EXPECT_TRUE(mark_at_top_left(upright.gray));

  const PageImage other_way = rotate_clockwise(lined_page(), 270);
  FixedOrientationEngine other_engine(PageOrientation{270, 12.0});
  EXPECT_TRUE(mark_at_top_left(make_upright(other_way, other_engine).gray));
}

TEST(Orientation, APageStaysAsItIsWhenTheEngineIsUnsureOrSilent) {
  FixedOrientationEngine unsure(PageOrientation{180, 1.0});
  const PageImage page = make_upright(lined_page(), unsure);
  EXPECT_EQ(page.rotation_degrees, 0);
  EXPECT_TRUE(mark_at_top_left(page.gray));
  FixedOrientationEngine silent(std::nullopt);
  EXPECT_EQ(make_upright(lined_page(), silent).rotation_degrees, 0);
}

TEST(Orientation, AnUpsideDownPageIsTurnedOnClearEvidence) {
  FixedOrientationEngine sure(PageOrientation{180, 9.0});
  const PageImage page = make_upright(rotate_clockwise(lined_page(), 180), sure);
  EXPECT_EQ(page.rotation_degrees, 0);  // 180 + 180
  EXPECT_TRUE(mark_at_top_left(page.gray));
}

// An engine whose direction detection always answers `answer` but which reads the page as it is
// given: confidently where the page is upright (its mark at the top left), doubtfully otherwise.
class ReadsUprightTextEngine final : public OcrEngine {
 public:
  explicit ReadsUprightTextEngine(PageOrientation answer) : answer_(answer) {}
  void set_page(const cv::Mat& gray, int) override { page_ = gray; }
  OcrText read_region(const cv::Rect& region) override {
    const bool upright = mark_at_top_left(page_);
    OcrWord word{upright ? "Menyusun" : "unsnʎuǝW", upright ? 0.93 : 0.21, region, 0};
    return {word.text, word.confidence, {word}};
  }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return answer_;
  }

 private:
  PageOrientation answer_;
  cv::Mat page_;
};

TEST(Orientation, AnUpsideDownGuessThePagesOwnReadingContradictsIsNotTaken) {
  ReadsUprightTextEngine wrong_guess(PageOrientation{180, 9.0});
  const PageImage page = make_upright(lined_page(), wrong_guess);
  EXPECT_EQ(page.rotation_degrees, 0);
  EXPECT_TRUE(mark_at_top_left(page.gray));

  ReadsUprightTextEngine right_guess(PageOrientation{180, 9.0});
  const PageImage turned = make_upright(rotate_clockwise(lined_page(), 180), right_guess);
  EXPECT_EQ(turned.rotation_degrees, 0);  // 180 + 180
  EXPECT_TRUE(mark_at_top_left(turned.gray));
}

// Tesseract's reading, behind a direction detection that wrongly says "upside down".
class WrongHalfTurnTesseract final : public OcrEngine {
 public:
  WrongHalfTurnTesseract() : tesseract_(make_ocr_engine("tesseract", OcrOptions{})) {}
  void set_page(const cv::Mat& gray, int dpi) override { tesseract_->set_page(gray, dpi); }
  OcrText read_region(const cv::Rect& region) override { return tesseract_->read_region(region); }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return PageOrientation{180, 9.0};
  }

 private:
  std::unique_ptr<OcrEngine> tesseract_;
};

TEST(Orientation, TesseractReadsAnUprightPageBetterThanTurnedSoAWrongHalfTurnIsOverruled) {
  WrongHalfTurnTesseract engine;
  EXPECT_EQ(make_upright(lined_page(), engine).rotation_degrees, 0);
  EXPECT_EQ(make_upright(rotate_clockwise(lined_page(), 180), engine).rotation_degrees, 0);
}

TEST(Orientation, TesseractReportsAQuarterTurnOfARenderedPage) {
  // The real engine on real text: the direction convention the code relies on.
  auto engine = make_ocr_engine("tesseract", OcrOptions{});
  PageImage page = lined_page();
  const auto detected = engine->detect_orientation(rotate_clockwise(page, 90).gray, kDpi);
  ASSERT_TRUE(detected);
  EXPECT_EQ(detected->clockwise_degrees, 90);
}

}  // namespace
}  // namespace sopocr
