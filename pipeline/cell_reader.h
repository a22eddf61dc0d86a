// Reads the text of a page's cells: from the text layer of a born-digital page, else by OCR of
// the cells that hold ink. Each region is read once per page; the readings stay for debugging.
#pragma once

#include <map>
#include <memory>
#include <opencv2/core.hpp>
#include <optional>
#include <tuple>
#include <vector>

#include "ocr_engine.h"
#include "page_content.h"
#include "page_geometry.h"
#include "page_image.h"
#include "small_type.h"

namespace sopocr {

// One page's reader. `text_ink` is the page's ink without specks and rules: a region with too
// little of it is blank. `ocr_image` is what the OCR engine reads; empty, the page's text layer
// is read instead. `paper` is the page's paper grey (paper_background), what ink painted out
// of `ocr_image` becomes.
// A page as scanned where a round stamp was filled in before OCR: its image and text ink with
// the stamp's rings still in them.
struct StampLeftIn {
  cv::Mat ocr_image;
  cv::Mat text_ink;
  cv::Mat stamp_ink;  // where the stamp was filled in
};

class CellReader {
 public:
  // `ocr_scale` above 1: a cell the engine read weakly is read again that much larger.
  CellReader(const PageImage& page, cv::Mat text_ink, cv::Mat ocr_image, cv::Mat paper,
             OcrEngine& ocr, StampLeftIn stamp_left_in = {}, double ocr_scale = 1.0);

  CellText read(const cv::Rect& bbox_px);

  // A step's number cell: one or two digits alone in a tall cell, in which the engine's layout
  // analysis often finds no line of text and reads nothing. Read so, its first line of marks is
  // read again as one line; where that reads nothing either, the cell holds letters unread
  // (CellText::letters_unread), not a blank: a printed number is never silently absent. What
  // read() gives for the cell stays as it was: the number's reading is not cached.
  CellText read_number(const cv::Rect& bbox_px);

  // The cell read as if the coloured ink in it (a signature or stamp over the approver's name)
  // were not there; as read() on a grey page or a cell without coloured ink. Not cached.
  CellText read_without_coloured_ink(const cv::Rect& bbox_px);

  // The cell read on the page as black ink alone (PageImage::without_coloured_ink): black ink
  // under a stamp stays, and the blurred edges of letters that took the stamp's hue. Nullopt on a
  // grey page or a cell without coloured ink. Not cached.
  std::optional<CellText> read_black_ink_only(const cv::Rect& bbox_px);

  // The cell read with the round stamp over it left as scanned: filling a ring in takes the
  // strokes of the letters it runs along with it ("Ahmad" read as "mad"), where OCR may still
  // read them through the ring. Nullopt where no stamp was filled in there. Not cached.
  std::optional<CellText> read_with_stamp_left_in(const cv::Rect& bbox_px);

  // The words of the page anywhere in `bbox_px`, read with no cell to hold them (a table whose
  // rules were lost); none on a page read from its text layer. Not cached.
  std::vector<OcrWord> read_scattered_words(const cv::Rect& bbox_px);

  // The rows of `band_px` read alone as one line, the page's paper in place of what lies above
  // and below them: a line whose ink ran into an emblem or a signature over it, so that no line
  // of the cell's reading stands there. None on a page read from its text layer. Not cached.
  std::vector<OcrWord> read_line_alone(const cv::Rect& band_px);

  // Every reading made so far, top to bottom, for the debug dump.
  std::vector<CellText> readings() const;

 private:
  // The cell inside its rules, on the page.
  cv::Rect interior_of(const cv::Rect& bbox_px) const;
  // Whether `marks` (a mask of the page) has any pixel in the cell, on a page read by OCR.
  bool marks_in_cell(const cv::Mat& marks, const cv::Rect& bbox_px) const;
  // The cell read on another version of the page (`page_image`, `text_ink`), the engine handed
  // back the usual one after.
  CellText read_on(const cv::Rect& bbox_px, const cv::Mat& text_ink, const cv::Mat& page_image);
  // Reads with the engine as last set_page'd (`page_image`), `text_ink` saying where the text is.
  CellText read_uncached(const cv::Rect& bbox_px, const cv::Mat& text_ink,
                         const cv::Mat& page_image);
  // `region` of `page_image` read again with all but its text ink made white. The engine
  // thresholds a region as a whole: over grainy paper or a JPEG's ringing around faint letters
  // its threshold falls in the grain and a clear line reads as "na". Our own ink mask, measured
  // locally, holds the letters; their grey levels inside it stay for the engine.
  OcrText read_ink_only(const cv::Rect& region, const cv::Mat& text_ink, const cv::Mat& page_image);
  // The part of a cell's interior that holds `text_ink`, with a margin.
  cv::Rect around_text(const cv::Rect& interior, const cv::Mat& text_ink) const;

  const PageImage& page_;
  cv::Mat text_ink_;
  cv::Mat ocr_image_;  // kept alive for the engine, which reads it until the next set_page
  cv::Mat paper_;
  OcrEngine& ocr_;
  std::unique_ptr<ScaledOcrEngine> enlarged_ocr_;  // `ocr_` reading small type enlarged, if any
  StampLeftIn stamp_left_in_;
  bool use_text_layer_ = false;
  std::map<std::tuple<int, int, int, int>, CellText> cache_;
};

// The reader of a prepared page. Unless the page has a text layer, hands the OCR
// engine the page as OCR should see it: no dust, and no rules or underlines, which merge with
// the letters they touch (an underlined approver's name is often not read at all). Where the
// page's type is small (small_type.h), a cell read weakly is read again enlarged.
CellReader open_cell_reader(const PreparedPage& prepared, OcrEngine& ocr);

}  // namespace sopocr
