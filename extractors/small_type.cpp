#include "small_type.h"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace sopocr {

std::optional<double> median_word_height(const cv::Mat& text_ink, int dpi) {
  if (text_ink.empty()) return std::nullopt;
  // Letters of a word stand a fraction of their height apart; words stand further.
  const int join_across = std::max(3, dpi / 43);
  const int join_down = std::max(1, dpi / 100);
  cv::Mat words;
  cv::dilate(text_ink, words, cv::getStructuringElement(cv::MORPH_RECT, {join_across, join_down}));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(words, labels, stats, centroids, 8, CV_32S);
  // A word is 1/50 to 1/4 inch tall (3.5 to 18 pt type) and at least as wide as tall: a lone
  // letter, a stroke of a symbol or an arrow's head is not measured.
  const int shortest = std::max(4, dpi / 50);
  const int tallest = dpi / 4;
  std::vector<int> heights;
  for (int i = 1; i < count; ++i) {
    const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT) - (join_down - 1);
    const int width = stats.at<int>(i, cv::CC_STAT_WIDTH) - (join_across - 1);
    if (height >= shortest && height <= tallest && width >= height) heights.push_back(height);
  }
  if (heights.empty()) return std::nullopt;
  const auto middle = heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2);
  std::nth_element(heights.begin(), middle, heights.end());
  return *middle;
}

double ocr_scale_for(std::optional<double> word_height_px) {
  if (!word_height_px || *word_height_px <= 0) return 1.0;
  // A median word of 10 pt type is about 0.11 inch tall, ascenders and descenders in: what
  // 300 ppi makes 32 px, the size the recogniser was trained on.
  constexpr double kBestWordHeightPx = 32.0;
  constexpr double kLargest = 2.0;
  // Enlarging what is nearly the best size already only blurs it.
  constexpr double kSmallestWorthIt = 1.2;
  const double scale = kBestWordHeightPx / *word_height_px;
  if (scale < kSmallestWorthIt) return 1.0;
  return std::min(scale, kLargest);
}

ScaledOcrEngine::ScaledOcrEngine(OcrEngine& inner, double scale) : inner_(inner), scale_(scale) {}

void ScaledOcrEngine::set_page(const cv::Mat& gray, int dpi) {
  page_ = gray;
  dpi_ = dpi;
}

OcrText ScaledOcrEngine::read_region(const cv::Rect& region_px) {
  return read_enlarged(region_px, Mode::region);
}

OcrText ScaledOcrEngine::read_line(const cv::Rect& region_px) {
  return read_enlarged(region_px, Mode::line);
}

OcrText ScaledOcrEngine::read_scattered(const cv::Rect& region_px) {
  return read_enlarged(region_px, Mode::scattered);
}

std::optional<PageOrientation> ScaledOcrEngine::detect_orientation(const cv::Mat& gray, int dpi) {
  return inner_.detect_orientation(gray, dpi);
}

OcrText ScaledOcrEngine::read_enlarged(const cv::Rect& region_px, Mode mode) {
  const cv::Rect region = region_px & cv::Rect(0, 0, page_.cols, page_.rows);
  if (region.empty()) return {};
  cv::resize(page_(region), enlarged_, cv::Size(), scale_, scale_, cv::INTER_CUBIC);
  inner_.set_page(enlarged_, static_cast<int>(std::lround(dpi_ * scale_)));
  const cv::Rect whole(0, 0, enlarged_.cols, enlarged_.rows);
  OcrText text = mode == Mode::line        ? inner_.read_line(whole)
                 : mode == Mode::scattered ? inner_.read_scattered(whole)
                                           : inner_.read_region(whole);
  for (OcrWord& word : text.words) {
    const cv::Rect& box = word.bbox_px;
    const int left = static_cast<int>(std::floor(box.x / scale_));
    const int top = static_cast<int>(std::floor(box.y / scale_));
    const int right = static_cast<int>(std::ceil(box.br().x / scale_));
    const int bottom = static_cast<int>(std::ceil(box.br().y / scale_));
    word.bbox_px = cv::Rect(cv::Point(left, top), cv::Point(right, bottom)) + region.tl();
  }
  return text;
}

}  // namespace sopocr
