#include "binarize.h"

#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace sopocr {

cv::Mat binarize_ink(const cv::Mat& gray, int dpi) {
  if (gray.empty() || gray.type() != CV_8UC1) {
    throw std::invalid_argument("binarize_ink: expected a non-empty CV_8UC1 image");
  }
  if (dpi <= 0) throw std::invalid_argument("binarize_ink: dpi must be positive");
  // Window about a tenth of an inch, odd: wide enough to span a stroke and its paper, narrow
  // enough to follow illumination gradients across the page.
  int window = std::max(15, dpi / 10) | 1;
  cv::Mat ink;
  // Mean minus an offset: a pixel is ink when clearly darker than its neighbourhood; the offset
  // keeps JPEG noise and paper texture out of the mask.
  cv::adaptiveThreshold(gray, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, window,
                        12);
  return ink;
}

cv::Mat components_mask(const cv::Mat& labels, const std::vector<unsigned char>& chosen) {
  cv::Mat mask(labels.size(), CV_8UC1);
  for (int y = 0; y < labels.rows; ++y) {
    const int* label_row = labels.ptr<int>(y);
    unsigned char* out = mask.ptr<unsigned char>(y);
    for (int x = 0; x < labels.cols; ++x) {
      out[x] = chosen[static_cast<std::size_t>(label_row[x])] ? 255 : 0;
    }
  }
  return mask;
}

cv::Mat speck_mask(const cv::Mat& ink, int dpi) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  // Up to the size of a full stop at 10 pt; a full stop keeps its place because it sits next to
  // a letter, a speck of dust sits alone.
  const int max_speck_area = std::max(3, dpi * dpi / 3000);
  const int isolation_px = std::max(3, dpi / 30);
  std::vector<unsigned char> small(count, 0);
  for (int label = 1; label < count; ++label) {
    small[label] = stats.at<int>(label, cv::CC_STAT_AREA) <= max_speck_area;
  }
  std::vector<unsigned char> large(count, 0);
  for (int label = 1; label < count; ++label) large[label] = !small[label];
  const cv::Mat substantial = components_mask(labels, large);
  cv::Mat near_ink;
  cv::dilate(
      substantial, near_ink,
      cv::getStructuringElement(cv::MORPH_RECT, {2 * isolation_px + 1, 2 * isolation_px + 1}));
  std::vector<unsigned char> is_speck(count, 0);
  for (int label = 1; label < count; ++label) {
    if (!small[label]) continue;
    const cv::Rect box(
        stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
        stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    is_speck[label] = cv::countNonZero(near_ink(box)) == 0;
  }
  return components_mask(labels, is_speck);
}

cv::Mat edge_ink(const cv::Mat& ink) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<unsigned char> at_edge(static_cast<std::size_t>(count), 0);
  for (int label = 1; label < count; ++label) {
    const int left = stats.at<int>(label, cv::CC_STAT_LEFT);
    const int top = stats.at<int>(label, cv::CC_STAT_TOP);
    at_edge[static_cast<std::size_t>(label)] =
        left == 0 || top == 0 || left + stats.at<int>(label, cv::CC_STAT_WIDTH) == ink.cols ||
        top + stats.at<int>(label, cv::CC_STAT_HEIGHT) == ink.rows;
  }
  return components_mask(labels, at_edge);
}

}  // namespace sopocr
