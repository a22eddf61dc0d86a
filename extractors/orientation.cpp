#include "orientation.h"

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
  turned.rotation_degrees = (page.rotation_degrees + turn) % 360;
  return turned;
}

PageImage make_upright(const PageImage& page, OcrEngine& ocr, const OrientationParams& params) {
  const int dpi = std::min(page.dpi, kOrientationDpi);
  // A scan's dark border reads as text to the engine, the same either way up.
  cv::Mat printed = page.gray.clone();
  printed.setTo(255, edge_ink(binarize_ink(page.gray, page.dpi)));
  const std::optional<PageOrientation> detected =
      ocr.detect_orientation(at_most_dpi(printed, page.dpi, dpi), dpi);
  if (!detected) return page;
  // The engine reports how far the content is turned clockwise; turning on to 360 undoes it.
  const int turned_by = detected->clockwise_degrees;
  const bool quarter_turn = turned_by == 90 || turned_by == 270;
  const double needed =
      quarter_turn ? params.min_quarter_turn_confidence : params.min_half_turn_confidence;
  if (turned_by == 0 || detected->confidence < needed) return page;
  return rotate_clockwise(page, 360 - turned_by);
}

}  // namespace sopocr
