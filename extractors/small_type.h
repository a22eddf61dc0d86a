// Small type read larger. Tesseract reads words best at about a third of an inch tall at
// 300 ppi (10 pt type, an x-height near 20 px); below that it drops lone short lines whole (a
// lane named "Bank" in 6 pt reads as nothing) and confuses letters, where the same pixels
// enlarged read clean. A page's type size is measured on the page, not taken from its
// resolution: a 7 pt table and a 12 pt letterhead are both printed at 300 ppi.
#pragma once

#include <opencv2/core.hpp>
#include <optional>

#include "ocr_engine.h"

namespace sopocr {

// The median height in pixels of the words `text_ink` holds (CV_8UC1, 255 on ink, without
// rules and specks): its letters joined across the gaps between them and the breaks of faint
// strokes, so that a word is measured whole, ascenders and descenders included. `dpi` is the
// page's true resolution. nullopt where the page holds no word-shaped ink.
std::optional<double> median_word_height(const cv::Mat& text_ink, int dpi);

// How much to enlarge a page whose words are `word_height_px` tall (median_word_height) for
// the engine to read them at the size it reads best: 1 for type of 10 pt and over at 300 ppi,
// at most 2.
double ocr_scale_for(std::optional<double> word_height_px);

// Reads each region of the page `scale` times larger, the words' boxes put back in the page's
// pixels. Each read hands `inner` the enlarged region alone, so that a page is never enlarged
// whole.
class ScaledOcrEngine final : public OcrEngine {
 public:
  ScaledOcrEngine(OcrEngine& inner, double scale);

  void set_page(const cv::Mat& gray, int dpi) override;
  OcrText read_region(const cv::Rect& region_px) override;
  OcrText read_line(const cv::Rect& region_px) override;
  OcrText read_scattered(const cv::Rect& region_px) override;
  std::optional<PageOrientation> detect_orientation(const cv::Mat& gray, int dpi) override;

 private:
  enum class Mode { region, line, scattered };
  OcrText read_enlarged(const cv::Rect& region_px, Mode mode);

  OcrEngine& inner_;
  double scale_;
  cv::Mat page_;
  int dpi_ = 300;
  cv::Mat enlarged_;  // what `inner_` reads until the next read
};

}  // namespace sopocr
