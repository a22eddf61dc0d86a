#include "page_analysis.h"

#include "cell_reader.h"
#include "debug_overlay.h"
#include "identity_page.h"
#include "identity_words.h"
#include "page_geometry.h"
#include "step_table.h"
#include "word_grid.h"

namespace sopocr {
namespace {

// Where a table whose rules the scan lost was placed from its words, for the review list.
CellText placed_from_words(const cv::Rect& bbox_px, int page) {
  CellText where;
  where.bbox_px = bbox_px;
  where.page = page;
  return where;
}

}  // namespace

PageContent analyze_page(const PageImage& raw_page, OcrEngine& ocr,
                         const PageAnalysisOptions& options) {
  const PreparedPage prepared = prepare_page(raw_page, ocr);
  PageContent content;
  content.page_number = raw_page.page_number;
  // The review page re-renders the file's page box: the geometry names the box's resolution.
  content.dpi = raw_page.box_dpi > 0 ? raw_page.box_dpi : raw_page.dpi;
  content.text_from_layer = prepared.text_from_layer;
  content.rotation_degrees = prepared.page.rotation_degrees;
  content.skew_degrees = prepared.page.skew_degrees;
  content.perspective = prepared.page.perspective;
  CellReader reader = open_cell_reader(prepared, ocr);
  if (!prepared.grids.empty()) {
    content.steps = read_step_tables(prepared, reader, content.problems);
    if (content.steps) {
      content.kind = PageKind::step_table;
    } else if (auto identity = read_identity(prepared, reader)) {
      content.kind = PageKind::identity;
      content.identity = std::move(identity);
    } else if ((content.steps = read_unlabelled_step_tables(prepared, reader, content.problems))) {
      content.kind = PageKind::step_table;
    }
  }
  // A page with no step table or identity table in its rules may hold one whose rules the scan
  // lost.
  if (content.kind == PageKind::other && !prepared.text_from_layer) {
    const cv::Rect whole_page(0, 0, prepared.ink.cols, prepared.ink.rows);
    const std::vector<OcrWord> words = reader.read_scattered_words(whole_page);
    if (auto grid = grid_from_words(words, prepared.ink, prepared.page.dpi)) {
      PreparedPage placed = prepared;
      placed.grids = {*grid};
      if ((content.steps = read_step_tables(placed, reader, content.problems))) {
        content.kind = PageKind::step_table;
        content.steps->rules_lost = placed_from_words(grid->bbox_px, content.page_number);
        content.problems.push_back(
            "no ruled step table found: its rows and columns were placed from where its words "
            "stand");
        write_debug_files(options.debug_stem, placed, content, &reader);
        return content;
      }
    }
    PreparedPage placed = prepared;
    placed.grids = identity_grids_from_words(words);
    if (!placed.grids.empty()) {
      if (auto identity = read_identity(placed, reader)) {
        content.kind = PageKind::identity;
        content.identity = std::move(identity);
        content.identity->rules_lost =
            placed_from_words(placed.grids.front().bbox_px, content.page_number);
        content.problems.push_back(
            "no ruled identity table found: its keys, values and lists were placed from where "
            "their labels stand");
        write_debug_files(options.debug_stem, placed, content, &reader);
        return content;
      }
    }
  }
  // Last, a table whose header read but for its activity label ("Alanatas" at low resolution).
  if (content.kind == PageKind::other && !prepared.grids.empty() &&
      (content.steps =
           read_step_tables(prepared, reader, content.problems, ActivityLabel::may_be_unread))) {
    content.kind = PageKind::step_table;
  }
  write_debug_files(options.debug_stem, prepared, content, &reader);
  return content;
}

}  // namespace sopocr
