// Tesseract behind the OcrEngine interface: checks Init's result, turns Tesseract's char*
// into std::string at once, SetImage once per page and SetRectangle per region.
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <memory>
#include <sstream>

#include "ocr_engine.h"

namespace sopocr {
namespace {

std::string take_text(char* text) {
  std::unique_ptr<char[]> owned(text);
  return owned ? std::string(owned.get()) : std::string();
}

class TesseractEngine final : public OcrEngine {
 public:
  explicit TesseractEngine(const OcrOptions& options) : options_(options) {
    const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
    if (api_.Init(datapath, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      throw OcrError("Tesseract could not load languages '" + options.languages +
                     "': install tesseract-ocr-ind and tesseract-ocr-eng (tools/install-deps) "
                     "or point TESSDATA_PREFIX at a tessdata folder holding them");
    }
    // Tesseract prints diagnostics ("Line cannot be recognized!!") on stderr for tiny regions;
    // they say nothing a user can act on, and our own report names the file and page.
    api_.SetVariable("debug_file", "/dev/null");
    // A cell is one block of text, possibly several lines.
    api_.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    // Keep interword spaces as printed; tables align text with extra spaces we normalise later.
    api_.SetVariable("preserve_interword_spaces", "0");
  }
  ~TesseractEngine() override {
    api_.End();
    osd_.End();
  }

  void set_page(const cv::Mat& gray, int dpi) override {
    if (gray.empty() || gray.type() != CV_8UC1) {
      throw OcrError("Tesseract expects a grayscale 8-bit page image");
    }
    api_.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
    api_.SetSourceResolution(dpi);
    page_size_ = gray.size();
  }

  OcrText read_region(const cv::Rect& region_px) override {
    const cv::Rect region = region_px & cv::Rect(0, 0, page_size_.width, page_size_.height);
    OcrText result;
    if (region.width < 4 || region.height < 4) return result;
    api_.SetRectangle(region.x, region.y, region.width, region.height);
    if (api_.Recognize(nullptr) != 0) throw OcrError("Tesseract failed to recognise a region");
    std::unique_ptr<tesseract::ResultIterator> words(api_.GetIterator());
    double confidence_sum = 0.0;
    int line = -1;
    if (words) {
      do {
        if (words->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
        std::string text = take_text(words->GetUTF8Text(tesseract::RIL_WORD));
        if (text.empty()) continue;
        int left = 0, top = 0, right = 0, bottom = 0;
        words->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom);
        const double confidence = words->Confidence(tesseract::RIL_WORD) / 100.0;
        confidence_sum += confidence;
        result.words.push_back(OcrWord{std::move(text), confidence,
                                       cv::Rect(left, top, right - left, bottom - top),
                                       std::max(line, 0)});
      } while (words->Next(tesseract::RIL_WORD));
    }
    result.text = take_text(api_.GetUTF8Text());
    if (!result.words.empty()) result.confidence = confidence_sum / result.words.size();
    return result;
  }

  OcrText read_line(const cv::Rect& region_px) override {
    api_.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    OcrText text = read_region(region_px);
    api_.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    return text;
  }

  OcrText read_scattered(const cv::Rect& region_px) override {
    api_.SetPageSegMode(tesseract::PSM_SPARSE_TEXT);
    OcrText text = read_region(region_px);
    api_.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    return text;
  }

  std::optional<PageOrientation> detect_orientation(const cv::Mat& gray, int dpi) override {
    if (!osd_ready_) {
      // Orientation needs Tesseract's separate "osd" model (tesseract-ocr-osd); load it once.
      const char* datapath =
          options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
      if (osd_.Init(datapath, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
        throw OcrError(
            "Tesseract could not load its orientation model 'osd': install "
            "tesseract-ocr-osd (tools/install-deps)");
      }
      osd_.SetPageSegMode(tesseract::PSM_OSD_ONLY);
      osd_.SetVariable("debug_file", "/dev/null");
      osd_ready_ = true;
    }
    osd_.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
    osd_.SetSourceResolution(dpi);
    int degrees = 0;
    float confidence = 0.0f;
    const char* script = nullptr;
    float script_confidence = 0.0f;
    if (!osd_.DetectOrientationScript(&degrees, &confidence, &script, &script_confidence)) {
      return std::nullopt;
    }
    return PageOrientation{degrees, confidence};
  }

 private:
  OcrOptions options_;
  tesseract::TessBaseAPI api_;
  tesseract::TessBaseAPI osd_;
  bool osd_ready_ = false;
  cv::Size page_size_;
};

}  // namespace

std::unique_ptr<OcrEngine> make_ocr_engine(const std::string& kind, const OcrOptions& options) {
  if (kind == "tesseract") return std::make_unique<TesseractEngine>(options);
  throw std::invalid_argument("unknown OCR engine '" + kind + "'; known engines: tesseract");
}

}  // namespace sopocr
