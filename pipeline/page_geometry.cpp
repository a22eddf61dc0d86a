#include "page_geometry.h"

#include <algorithm>

#include "binarize.h"
#include "deskew.h"
#include "faint_rules.h"
#include "ocr_words.h"
#include "orientation.h"
#include "perspective.h"
#include "scanner_streaks.h"
#include "stamp_rings.h"
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

// The area the grids rule, in pixels.
double ruled_area(const std::vector<TableGrid>& grids) {
  double area = 0;
  for (const TableGrid& grid : grids) area += grid.bbox_px.area();
  return area;
}

// How many rules the grids draw inside their frames.
int inner_rules(const std::vector<TableGrid>& grids) {
  int rules = 0;
  for (const TableGrid& grid : grids) rules += grid.row_count() - 1 + grid.col_count() - 1;
  return rules;
}

// A table ruled in pale toner, dotted hairlines or a thin grey scanned at a low resolution
// leaves rules no pixel of which binarises as ink: the grid found on the ink is a fragment of the
// table, its frame with the rules between the steps missing, or nothing. The page then takes the
// grid its faint rules draw as well, where that rules a quarter more of the page, or as much of
// it with more rules inside. On a page whose rules are ink the two grids are the same.
void take_faint_rules_where_they_rule_more(PreparedPage& prepared) {
  const int dpi = prepared.page.dpi;
  const RuleMasks faint = faint_rule_masks(
      prepared.page.gray, prepared.ink, prepared.rules.horizontal | prepared.rules.vertical, dpi);
  const RuleMasks with_faint{prepared.rules.horizontal | faint.horizontal,
                             prepared.rules.vertical | faint.vertical};
  std::vector<TableGrid> grids = detect_grids(with_faint, prepared.ink.size(), dpi);
  const double area = ruled_area(grids);
  const double ink_grids_area = ruled_area(prepared.grids);
  const bool rules_more = area >= 1.25 * ink_grids_area;
  const bool parts_more =
      area >= 0.95 * ink_grids_area && inner_rules(grids) > inner_rules(prepared.grids);
  if (grids.empty() || !(rules_more || parts_more)) return;
  const RuleMasks on_rules = on_grid_rules(faint, grids, std::max(3, dpi / 60));
  prepared.rules.horizontal |= on_rules.horizontal;
  prepared.rules.vertical |= on_rules.vertical;
  prepared.grids = std::move(grids);
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
  const int dpi = prepared.page.dpi;
  prepared.rules = extract_rule_masks(prepared.ink, dpi);
  prepared.grids = detect_grids(prepared.rules, prepared.ink.size(), dpi);
  if (!prepared.text_from_layer) {
    take_faint_rules_where_they_rule_more(prepared);
    prepared.stamp_ink = stamp_ink(find_stamp_rings(prepared.ink, dpi), prepared.ink, dpi);
  }
  return prepared;
}

}  // namespace sopocr
