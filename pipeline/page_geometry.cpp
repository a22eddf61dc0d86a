#include "page_geometry.h"

#include <algorithm>

#include "binarize.h"
#include "deskew.h"
#include "ocr_words.h"
#include "orientation.h"
#include "perspective.h"
#include "scanner_streaks.h"
#include "unicode_nfc.h"

namespace sopocr {
namespace {

// A born-digital page's text layer is worth more than OCR when it has words: a scan with no
// layer has none, and a page of a few stray glyphs (a page number) is read as an image.
bool has_usable_text_layer(const PageImage& page) {
  constexpr int kMinWords = 10;
  int words = 0;
  for (const LayerWord& word : page.text_layer) {
    const std::u32string code_points = decode_utf8(word.text);
    if (std::any_of(code_points.begin(), code_points.end(), is_letter_or_digit)) ++words;
  }
  return words >= kMinWords;
}

}  // namespace

PreparedPage prepare_page(const PageImage& raw_page, OcrEngine& ocr) {
  PreparedPage prepared;
  // A born-digital page is upright and level as drawn, and its text layer says what it reads.
  prepared.text_from_layer = has_usable_text_layer(raw_page);
  if (prepared.text_from_layer) {
    prepared.page = raw_page;
  } else {
    // A scan's dark border runs along the image's axes, not the page's: it would hold the skew
    // estimate at zero, frame the table in a grid of its own and read as letters. It is painted
    // in the paper's own grey around it: white would meet grey paper in a line that frames the
    // page all the same.
    PageImage scanned = raw_page;
    const cv::Mat border = scan_border(scanned.gray, scanned.dpi);
    paper_background(scanned.gray, border, scanned.dpi).copyTo(scanned.gray, border);
    // Streaks are straight along the image's axes only until the page is turned and levelled.
    scanned.gray = without_scanner_streaks(scanned.gray, border, scanned.dpi);
    prepared.page = deskew(make_upright(scanned, ocr));
  }
  prepared.ink = binarize_ink(prepared.page.gray, prepared.page.dpi);
  if (!prepared.text_from_layer) {
    if (const auto keystone = estimate_perspective(prepared.ink, prepared.page.dpi)) {
      prepared.page = apply_perspective(prepared.page, *keystone);
      prepared.ink = binarize_ink(prepared.page.gray, prepared.page.dpi);
    }
  }
  prepared.rules = extract_rule_masks(prepared.ink, prepared.page.dpi);
  prepared.grids = detect_grids(prepared.rules, prepared.ink.size(), prepared.page.dpi);
  return prepared;
}

}  // namespace sopocr
