// The geometry of a rendered fixture document: pages, step-table columns and rows, symbol boxes,
// arrow routes. All lengths are PDF points with the origin at the page's top-left corner.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sop_record.h"

namespace sopocr::fixtures {

struct Point {
  double x = 0;
  double y = 0;
};

struct Box {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;

  double right() const { return x + width; }
  double bottom() const { return y + height; }
  double centre_x() const { return x + width / 2; }
  double centre_y() const { return y + height / 2; }
  // True when `inner` lies within this box, allowing `slack_pt` on every side.
  bool contains(const Box& inner, double slack_pt = 0) const {
    return inner.x >= x - slack_pt && inner.y >= y - slack_pt &&
           inner.right() <= right() + slack_pt && inner.bottom() <= bottom() + slack_pt;
  }
};

enum class Orientation { portrait, landscape };

// How a numbered list is bulleted on the identity page; documents differ, as real ones do.
enum class BulletStyle { numbers, dashes, letters };

enum class RuleDash { solid, dashed, dotted };

// Terminators (Mulai / Selesai) as archives draw them: PermenPAN-RB 35/2012's capsule, or a
// rounded rectangle or an ellipse from an office suite's shape menu.
enum class TerminatorShape { capsule, rounded_rectangle, ellipse };

// How an arrow's head is drawn: a filled triangle, or open as a chevron of two strokes ("->").
struct ArrowHead {
  bool open = false;
  double length_pt = 5.0;
  double half_width_pt = 2.2;
};

// The printed words of a step table's header; archives word them differently.
struct HeaderWording {
  std::string number = "No";
  std::string activity = "Uraian Kegiatan";
  std::string lanes = "Pelaksana";
  std::string quality = "Mutu Baku";
  std::string requirements = "Kelengkapan";
  std::string duration = "Waktu";
  std::string output = "Output";
  std::string notes = "Keterangan";
};

// How an identity page is laid out; institutions' templates differ.
enum class IdentityLayout {
  grid,              // the letterhead's block left of the key | value rows (PermenPAN-RB 35/2012)
  letterhead_cells,  // the emblem, each line of the institution's name and its address: a cell each
  inline_labels,     // "Nomor SOP : 000/12" in one cell, no rule between key and value
  title_in_head,     // the title centred above the grid, under "STANDAR OPERASIONAL PROSEDUR"
};

// The printed keys of an identity page; archives word them differently.
struct IdentityLabels {
  std::string sop_number = "Nomor SOP";
  std::string created = "Tanggal Pembuatan";
  std::string revised = "Tanggal Revisi";
  std::string effective = "Tanggal Efektif";
  std::string approved_by = "Disahkan Oleh";
  std::string title = "Nama SOP";
};

struct InkColour {
  double red = 0;
  double green = 0;
  double blue = 0;
};

// The approval block's pen and stamp: black or blue signatures, violet or blue stamps pressed
// over the approver's position and name.
struct ApprovalInk {
  InkColour signature;
  bool signature_over_name = false;  // the scribble runs through the printed name
  std::optional<InkColour> stamp;
  // The stamp's size and rings: offices' stamps run from about 26 to 46 mm across, with one
  // ring, two, or a double outer rim and an inner ring.
  double stamp_diameter_mm = 34;
  int stamp_rings = 2;
  double stamp_ring_pt = 1.4;
};

// The look of one document: from its position in docs.json for the curated fixtures, or drawn
// at random by the generator and written into docs.json ("style").
struct DocumentStyle {
  std::string font_family = "Liberation Sans";
  BulletStyle bullets = BulletStyle::numbers;
  std::string paper_name = "A4";
  double paper_short_pt = 595.28;  // A4 210 mm; F4 (folio) 215 mm
  double paper_long_pt = 841.89;   // A4 297 mm; F4 330 mm
  double table_font_pt = 8.5;      // preferred step-table text size, shrunk when rows don't fit
  double rule_pt = 0.6;            // inner table rules
  double outer_rule_pt = 0.9;      // a table's outer border
  double rule_grey = 0;            // 0 black, 1 white
  RuleDash rule_dash = RuleDash::solid;
  bool double_border = false;  // a second border drawn just outside the first
  // An activity written as sub-items ("a. … b. …") is printed one sub-item per cell, with rules
  // between them across the activity column only (the number, lanes and Mutu Baku span them).
  bool activity_sub_item_cells = false;
  double symbol_stroke_pt = 0.9;
  double arrow_stroke_pt = 0.7;
  ArrowHead arrow_head;
  double symbol_scale = 1.0;  // symbol size against the usual (width 56 % of its lane)
  TerminatorShape terminator = TerminatorShape::capsule;
  double row_stretch = 1.0;  // share of the usual spread of a page's free height over its rows
  HeaderWording wording;
  IdentityLayout identity_layout = IdentityLayout::grid;
  // The keys from the SOP number to the approver share one label cell, each printed at its
  // value's height, with no rule between them (as some provinces' templates draw it).
  bool stacked_keys = false;
  IdentityLabels identity_labels;
  ApprovalInk approval_ink;
};

// The vertical rules of a step table, left to right: No | Uraian Kegiatan | one lane per actor |
// Kelengkapan | Waktu | Output | Keterangan.
struct StepTableColumns {
  std::vector<double> edges;  // x of every vertical rule; size() == column count + 1
  std::size_t lane_count = 0;

  static constexpr std::size_t kNumber = 0;
  static constexpr std::size_t kActivity = 1;
  std::size_t lane(std::size_t actor) const { return 2 + actor; }
  std::size_t requirements() const { return 2 + lane_count; }
  std::size_t duration() const { return 3 + lane_count; }
  std::size_t outputs() const { return 4 + lane_count; }
  std::size_t notes() const { return 5 + lane_count; }
  std::size_t count() const { return edges.empty() ? 0 : edges.size() - 1; }

  double left(std::size_t column) const { return edges.at(column); }
  double right(std::size_t column) const { return edges.at(column + 1); }
  double width(std::size_t column) const { return right(column) - left(column); }
  double lane_centre(std::size_t actor) const {
    return (left(lane(actor)) + right(lane(actor))) / 2;
  }
};

struct PlacedSymbol {
  SymbolKind kind = SymbolKind::process;
  std::size_t actor = 0;  // lane index (index into the SOP's actors)
  Box box;
};

struct StepRow {
  std::size_t step_index = 0;  // index into the SOP's steps
  Box box;                     // the whole row, from the table's left rule to its right rule
  double content_top = 0;      // where text and symbol space start (below an incoming connector)
  std::optional<PlacedSymbol> symbol;       // in the step's actor lane
  std::vector<PlacedSymbol> other_symbols;  // copies in the lanes of `other_actors`
};

// One arrow: an orthogonal polyline whose last point carries the arrowhead.
struct ArrowRoute {
  std::size_t from_step = 0;
  std::size_t to_step = 0;
  std::vector<Point> points;
  std::optional<std::string> label;  // "Ya" / "Tidak" beside a decision's exit
  Box label_box;
};

// PermenPAN-RB 35/2012 off-page connector (pentagon pointing down) that carries an arrow to or
// from another page; both ends carry the same mark.
struct OffPageConnector {
  Box box;
  std::string mark;
  bool outgoing = false;  // below the table, where the arrow leaves this page
  std::size_t from_step = 0;
  std::size_t to_step = 0;
};

struct StepTablePage {
  std::size_t sop = 0;                    // index into the document's SOPs
  std::optional<std::string> title_line;  // regulation: "STANDAR OPERASIONAL PROSEDUR (SOP) …"
  Box title_box;
  double font_pt = 8.5;  // cell text size on this page
  StepTableColumns columns;
  double table_top = 0;
  double group_row_bottom = 0;   // "Pelaksana" / "Mutu Baku" row
  double header_bottom = 0;      // actor names / Kelengkapan Waktu Output row
  double number_row_bottom = 0;  // == header_bottom when there is no column-number row
  double table_bottom = 0;
  std::vector<StepRow> rows;
  std::vector<ArrowRoute> arrows;
  std::vector<OffPageConnector> connectors;
};

struct IdentityPage {
  std::size_t sop = 0;
};

struct PreamblePage {
  std::size_t index = 0;  // into the regulation's preamble_pages
};

struct PageLayout {
  int number = 1;  // 1-based
  double width_pt = 0;
  double height_pt = 0;
  Orientation orientation = Orientation::portrait;
  std::variant<IdentityPage, PreamblePage, StepTablePage> content;
};

struct DocumentLayout {
  DocumentStyle style;
  std::vector<PageLayout> pages;
};

}  // namespace sopocr::fixtures
