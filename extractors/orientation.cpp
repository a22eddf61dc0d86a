#include "orientation.h"

#include <algorithm>
#include <cctype>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "binarize.h"

namespace sopocr {
namespace {

// Orientation detection needs words, not fine detail: 200 dpi is plenty and quicker than 300.
constexpr int kOrientationDpi = 200;

cv::Mat at_most_dpi(const cv::Mat& gray, int dpi, int max_dpi) {
  if (dpi <= max_dpi) return gray;
  cv::Mat small;
  const double scale = static_cast<double>(max_dpi) / dpi;
  cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
  return small;
}

// How well the engine reads `gray`: the letters and digits of the words it read, each weighed by
// the word's confidence. Text upside down reads as fewer, doubtful words. The whole page, not a
// band of it: a line cut at a band's edge can throw the engine's reading of every line below.
double reading_strength(const cv::Mat& gray, int dpi, OcrEngine& ocr) {
  ocr.set_page(gray, dpi);
  const OcrText text = ocr.read_region(cv::Rect(0, 0, gray.cols, gray.rows));
  double strength = 0;
  for (const OcrWord& word : text.words) {
    const auto letters = std::count_if(word.text.begin(), word.text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0;
    });
    strength += static_cast<double>(letters) * word.confidence;
  }
  return strength;
}

// Whether the page reads better turned half round than as it is. The engine's direction
// detection can take small serif type on a noisy bilevel scan for text upside down, and a page
// turned on that guess loses every cell; reading the text settles it. Where neither way reads,
// the detection stands.
bool reads_better_turned_half_round(const cv::Mat& gray, int dpi, OcrEngine& ocr) {
  cv::Mat turned;
  cv::rotate(gray, turned, cv::ROTATE_180);
  return reading_strength(turned, dpi, ocr) >= reading_strength(gray, dpi, ocr);
}

}  // namespace

PageImage rotate_clockwise(const PageImage& page, int degrees) {
  PageImage turned = page;
  const int turn = ((degrees % 360) + 360) % 360;
  int rotation = 0;
  switch (turn) {
    case 90:
      rotation = cv::ROTATE_90_CLOCKWISE;
      break;
    case 180:
      rotation = cv::ROTATE_180;
      break;
    case 270:
      rotation = cv::ROTATE_90_COUNTERCLOCKWISE;
      break;
    default:
      return turned;
  }
  cv::rotate(page.gray, turned.gray, rotation);
  if (!page.coloured_ink.empty()) cv::rotate(page.coloured_ink, turned.coloured_ink, rotation);
  if (!page.without_coloured_ink.empty()) {
    cv::rotate(page.without_coloured_ink, turned.without_coloured_ink, rotation);
  }
  turned.rotation_degrees = (page.rotation_degrees + turn) % 360;
  return turned;
}

PageImage make_upright(const PageImage& page, OcrEngine& ocr, const OrientationParams& params) {
  const int dpi = std::min(page.dpi, kOrientationDpi);
  // A scan's dark border reads as text to the engine, the same either way up.
  cv::Mat printed = page.gray.clone();
  printed.setTo(255, edge_ink(binarize_ink(page.gray, page.dpi)));
  const cv::Mat small = at_most_dpi(printed, page.dpi, dpi);
  const std::optional<PageOrientation> detected = ocr.detect_orientation(small, dpi);
  if (!detected) return page;
  // The engine reports how far the content is turned clockwise; turning on to 360 undoes it.
  const int turned_by = detected->clockwise_degrees;
  const bool quarter_turn = turned_by == 90 || turned_by == 270;
  const double needed =
      quarter_turn ? params.min_quarter_turn_confidence : params.min_half_turn_confidence;
  if (turned_by == 0 || detected->confidence < needed) return page;
  if (turned_by == 180 && !reads_better_turned_half_round(small, dpi, ocr)) return page;
  return rotate_clockwise(page, 360 - turned_by);
}

}  // namespace sopocr
