// Small type read larger: a page's word height is measured from its ink, whatever its letters'
// breaks; type under 10 pt at 300 ppi is enlarged for the engine, never more than twice, and
// the words the engine finds on the enlarged region land back on the page where they stand.
#include "small_type.h"

#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace sopocr {
namespace {

// A page of ink (255) with lines of words of block letters `letter_height_px` tall: letters 0.6
// of their height wide and 0.1 apart, five to a word, words 0.8 of a letter's height apart.
// `broken` splits each letter across its middle with a pixel row of paper, as faint toner does.
cv::Mat page_of_words(int letter_height_px, bool broken) {
  cv::Mat ink = cv::Mat::zeros(1200, 1600, CV_8UC1);
  const int width = std::max(2, letter_height_px * 6 / 10);
  const int gap = std::max(1, letter_height_px / 10);
  const int word_gap = letter_height_px * 8 / 10;
  for (int y = 40; y + letter_height_px < ink.rows - 40; y += 2 * letter_height_px) {
    int x = 40;
    while (x + 5 * (width + gap) < ink.cols - 40) {
      for (int letter = 0; letter < 5; ++letter) {
        cv::rectangle(ink, cv::Rect(x, y, width, letter_height_px), 255, cv::FILLED);
        if (broken) ink.row(y + letter_height_px / 2).colRange(x, x + width).setTo(0);
        x += width + gap;
      }
      x += word_gap;
    }
  }
  return ink;
}

TEST(MedianWordHeight, IsTheHeightOfTheWordsOnThePage) {
  for (int height : {12, 18, 25, 33, 45}) {
    const std::optional<double> measured = median_word_height(page_of_words(height, false), 300);
    ASSERT_TRUE(measured.has_value()) << height;
    EXPECT_NEAR(*measured, height, 1.0) << height;
  }
}

TEST(MedianWordHeight, MeasuresAFaintLetterBrokenAcrossItsMiddleWhole) {
  const std::optional<double> measured = median_word_height(page_of_words(20, true), 300);
  ASSERT_TRUE(measured.has_value());
  EXPECT_NEAR(*measured, 20, 1.0);
}

TEST(MedianWordHeight, IgnoresStrokesThatAreNoWords) {
  cv::Mat ink = page_of_words(18, false);
  // A symbol's outline, long rules' remnants and lone tall strokes outnumbering nothing.
  cv::rectangle(ink, cv::Rect(100, 100, 400, 200), 255, 3);
  for (int x = 60; x < 1500; x += 20) cv::line(ink, {x, 900}, {x, 1000}, 255, 2);
  const std::optional<double> measured = median_word_height(ink, 300);
  ASSERT_TRUE(measured.has_value());
  EXPECT_NEAR(*measured, 18, 1.0);
}

TEST(MedianWordHeight, IsUnknownOnABlankPage) {
  EXPECT_FALSE(median_word_height(cv::Mat::zeros(500, 500, CV_8UC1), 300).has_value());
}

TEST(OcrScale, EnlargesTypeUnderTenPointToTheSizeTheEngineReadsBest) {
  EXPECT_DOUBLE_EQ(ocr_scale_for(32.0), 1.0);
  EXPECT_DOUBLE_EQ(ocr_scale_for(45.0), 1.0);  // large type stays as it is
  EXPECT_DOUBLE_EQ(ocr_scale_for(28.0), 1.0);  // nearly the best size: not worth the blur
  EXPECT_NEAR(ocr_scale_for(20.0), 1.6, 1e-9);
  EXPECT_DOUBLE_EQ(ocr_scale_for(12.0), 2.0);  // at most twice
  EXPECT_DOUBLE_EQ(ocr_scale_for(std::nullopt), 1.0);
}

// Records what it was handed and answers with one word covering the whole image it read.
class RecordingEngine final : public OcrEngine {
 public:
  void set_page(const cv::Mat& gray, int dpi) override {
    page_size = gray.size();
    page_dpi = dpi;
  }
  OcrText read_region(const cv::Rect& region_px) override { return answer("region", region_px); }
  OcrText read_line(const cv::Rect& region_px) override { return answer("line", region_px); }
  OcrText read_scattered(const cv::Rect& region_px) override {
    return answer("scattered", region_px);
  }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return PageOrientation{90, 20.0};
  }

  cv::Size page_size;
  int page_dpi = 0;
  std::string mode;
  cv::Rect region;

 private:
  OcrText answer(std::string how, const cv::Rect& region_px) {
    mode = std::move(how);
    region = region_px;
    OcrText text;
    text.text = "Bank";
    text.confidence = 0.9;
    text.words.push_back(OcrWord{"Bank", 0.9, region_px, 0});
    return text;
  }
};

TEST(ScaledOcrEngine, HandsTheEngineTheRegionAloneEnlargedAtTheEnlargedResolution) {
  RecordingEngine inner;
  ScaledOcrEngine scaled(inner, 1.5);
  const cv::Mat page(1000, 800, CV_8UC1, cv::Scalar(255));
  scaled.set_page(page, 300);
  scaled.read_region(cv::Rect(100, 200, 60, 40));
  EXPECT_EQ(inner.page_size, cv::Size(90, 60));
  EXPECT_EQ(inner.page_dpi, 450);
  EXPECT_EQ(inner.mode, "region");
  EXPECT_EQ(inner.region, cv::Rect(0, 0, 90, 60));
}

TEST(ScaledOcrEngine, PutsTheWordsBackWhereTheyStandOnThePage) {
  RecordingEngine inner;
  ScaledOcrEngine scaled(inner, 2.0);
  const cv::Mat page(1000, 800, CV_8UC1, cv::Scalar(255));
  scaled.set_page(page, 300);
  const OcrText text = scaled.read_region(cv::Rect(100, 200, 61, 41));
  ASSERT_EQ(text.words.size(), 1u);
  EXPECT_EQ(text.words[0].bbox_px, cv::Rect(100, 200, 61, 41));
  EXPECT_EQ(text.text, "Bank");
}

TEST(ScaledOcrEngine, KeepsTheWayOfReadingAndReadsOnlyWhatLiesOnThePage) {
  RecordingEngine inner;
  ScaledOcrEngine scaled(inner, 2.0);
  const cv::Mat page(100, 100, CV_8UC1, cv::Scalar(255));
  scaled.set_page(page, 300);
  scaled.read_line(cv::Rect(10, 10, 20, 10));
  EXPECT_EQ(inner.mode, "line");
  scaled.read_scattered(cv::Rect(80, 90, 50, 50));
  EXPECT_EQ(inner.mode, "scattered");
  EXPECT_EQ(inner.page_size, cv::Size(40, 20));  // the 20 x 10 that lies on the page
  EXPECT_TRUE(scaled.read_region(cv::Rect(200, 200, 10, 10)).words.empty());
  EXPECT_EQ(scaled.detect_orientation(page, 300)->clockwise_degrees, 90);
}

}  // namespace
}  // namespace sopocr
