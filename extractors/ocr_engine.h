// Reads text from regions of a page. One engine instance per worker thread: engines are not
// thread-safe. `set_page` once per page, then `read_region` per cell.
#pragma once

#include <memory>
#include <opencv2/core.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sopocr {

struct OcrWord {
  std::string text;
  double confidence = 0.0;  // [0, 1]
  cv::Rect bbox_px;
  int line = 0;  // 0-based text line within the region
};

struct OcrText {
  std::string text;         // lines separated by '\n', as the engine read them
  double confidence = 0.0;  // mean word confidence in [0, 1]; 0 when nothing was read
  std::vector<OcrWord> words;
};

// Which way up a page is, from the direction of its text.
struct PageOrientation {
  int clockwise_degrees = 0;  // how far the page content is turned: 0, 90, 180 or 270
  double confidence = 0.0;    // the engine's own scale; Tesseract: 15 is fairly sure
};

// The engine could not start or failed on a page. Carries what to do about it.
class OcrError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // `gray` must outlive the calls to read_region that follow.
  virtual void set_page(const cv::Mat& gray, int dpi) = 0;
  virtual OcrText read_region(const cv::Rect& region_px) = 0;
  // The region as one line of text. An engine without such a mode reads it as a region.
  virtual OcrText read_line(const cv::Rect& region_px) { return read_region(region_px); }
  // The words of a region wherever they stand, in no order of lines or columns: a page whose
  // table rules were lost, read to find where its columns are. An engine without such a mode
  // reads it as a region.
  virtual OcrText read_scattered(const cv::Rect& region_px) { return read_region(region_px); }
  // nullopt when the engine cannot tell (too little text) or does not detect orientation.
  // Independent of set_page.
  virtual std::optional<PageOrientation> detect_orientation(const cv::Mat& gray, int dpi) = 0;
};

struct OcrOptions {
  std::string languages = "ind+eng";
  std::string tessdata_dir;  // empty: Tesseract's default (or TESSDATA_PREFIX)
};

// Known kinds: "tesseract". An unknown kind throws std::invalid_argument listing the known ones.
std::unique_ptr<OcrEngine> make_ocr_engine(const std::string& kind, const OcrOptions& options);

}  // namespace sopocr
