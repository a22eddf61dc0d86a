// What one page says, before it is joined with other pages into SOPs: the text of the cells that
// matter with their raw OCR reading, confidence and place, and the symbols in the swimlanes.
// Holds no pixels, so a long document's pages cost little memory.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ocr_engine.h"
#include "symbols.h"

namespace sopocr {

struct CellText {
  std::string text;         // normalize_text() of the reading
  std::string original;     // as the OCR read it, line breaks kept
  double confidence = 0.0;  // OCR confidence in [0, 1]; 1 for a cell with no ink
  cv::Rect bbox_px;         // where on the (deskewed) page
  int page = 0;
  bool has_ink = false;  // the cell is not blank, whether or not the OCR read anything
  // The engine read nothing, though the cell holds marks of a letter's size: text it could not
  // read (a date under a stamp), not a dash or a rule's ragged edge.
  bool letters_unread = false;
  std::vector<OcrWord>
      words;  // the words of `original` with their confidence; none from a text layer
  std::vector<OcrWord> doubtful_words;  // dropped as noise, though they may have been text
  // Read with a pen's or a stamp's coloured ink taken out: the letters it crossed lost pixels.
  bool coloured_ink_removed = false;
};

// Identity page: key/value table and the two-column metadata grid. Keys are stable names:
// "sop_number", "created", "revised", "effective", "approved_by", "title" for fields and
// "legal_basis", "qualifications", "related_sops", "equipment", "warnings", "recording".
struct IdentityContent {
  std::map<std::string, CellText> fields;
  std::map<std::string, CellText> lists;
  std::optional<CellText> institution;
  // Keys whose label went unread (a stamp pressed over "Disahkan Oleh") but whose value was
  // known by what it holds: a person should check that it is the value.
  std::set<std::string> keys_placed_by_content;
  // Set where the page's rules were lost and its cells were placed from where the labels stand:
  // the table's extent, for a reviewer to check what was read where.
  std::optional<CellText> rules_lost;
};

struct PlacedSymbol {
  DetectedSymbol symbol;
  int lane = 0;  // 0-based index into StepTableContent::lane_names
  // The symbol reaches well into a neighbouring lane: its centre chose the lane, narrowly.
  bool lane_uncertain = false;
  // An arrow (or a headless line) reaches it from a step above or from an off-page connector:
  // where a row draws several symbols, the one the flow enters is the step's actor.
  bool flow_enters = false;
};

// An arrow leaving a step's symbol, as traced on its page.
struct StepArrow {
  // The target: a row of the same table, counted from this one (+1 the next row, -2 two rows
  // up), or an off-page connector whose mark (empty if none) names where the flow resumes.
  std::optional<int> row_offset;
  std::optional<ConnectorGlyph> connector_mark;
  std::optional<CellText> label;  // beside a decision's exit: "Ya", "Tidak", ...
  // Drawn without a head: directed down the table, as PermenPAN-RB 35/2012 orders the steps.
  bool headless = false;
  // Its line is lost for a stretch (faded out of the scan) and was joined over it.
  bool joined_across_gap = false;
};

struct StepRowContent {
  CellText number;
  CellText activity;
  CellText requirements;
  CellText duration;
  CellText outputs;
  CellText notes;
  std::vector<PlacedSymbol> symbols;
  std::vector<StepArrow> arrows_out;
  // Marks of the connectors whose arrow ends at this step.
  std::vector<ConnectorGlyph> arrives_from_connectors;
  // Lines that leave this step's symbols and stop short of any other: where the step leads is
  // not all known.
  int loose_arrow_starts = 0;
  // Arrowheads at this step's symbols whose lines start at no symbol: the step they come from
  // was not seen to lead here.
  int arrivals_from_nowhere = 0;
  cv::Rect lanes_bbox_px;
  int page = 0;
};

struct StepTableContent {
  std::vector<CellText> lane_names;
  std::vector<StepRowContent> rows;
  std::optional<CellText> title_line;  // "STANDAR OPERASIONAL PROSEDUR (SOP) <NAME>", if any
  // Where the header is whose labels were not read: the columns' roles were inferred from where
  // the symbols stand (find_step_header_by_symbols). nullopt when the labels gave them.
  std::optional<CellText> unread_header;
  // Where the table is whose rules the scan lost: its rows and columns were placed from where its
  // words stand (grid_from_words). nullopt when its rules were found.
  std::optional<CellText> rules_lost;
};

enum class PageKind { identity, step_table, other };

struct PageContent {
  int page_number = 0;
  int dpi = 0;
  // What was done to the rendered page before any pixel coordinate here was measured: a
  // clockwise quarter-turn rotation, then a small counter-clockwise deskew about the centre,
  // then a photographed page's keystone straightened.
  int rotation_degrees = 0;
  double skew_degrees = 0.0;
  cv::Matx33d perspective = cv::Matx33d::eye();
  bool text_from_layer = false;  // cells read from a born-digital PDF's text layer, not OCR
  PageKind kind = PageKind::other;
  std::optional<IdentityContent> identity;
  std::optional<StepTableContent> steps;
  std::vector<std::string> problems;  // what went wrong on this page, for the document's report
};

// Everything read on the page, cell by cell, for a person debugging the pipeline.
nlohmann::json to_debug_json(const PageContent& page);
nlohmann::json to_debug_json(const CellText& cell);

}  // namespace sopocr
