#include "layout.h"

#include <glib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "cell_text.h"
#include "route_arrows.h"

namespace sopocr::fixtures {
namespace {

constexpr double kSideMarginPt = 28;
constexpr double kTopMarginPt = 34;
constexpr double kBottomMarginPt = 28;
constexpr double kSmallestFontPt = 5.0;
constexpr double kFontStepPt = 0.5;
constexpr double kMaxRowStretchPt = 45;

// Preferred column widths in points at A4 landscape; lanes are about 20–28 mm as in real tables.
constexpr double kNumberWidthPt = 22;
constexpr double kMinLaneWidthPt = 56.7;  // 20 mm
constexpr double kMaxLaneWidthPt = 79.4;  // 28 mm
constexpr double kPreferredActivityWidthPt = 210;
constexpr double kMinActivityWidthPt = 130;
constexpr double kNarrowestActivityWidthPt = 90;
constexpr double kNarrowestLaneWidthPt = 42;  // ~15 mm, only when 7-8 lanes share a page
constexpr std::array<double, 4> kMutuBakuWidthsPt = {72, 52, 72, 60};  // Kel., Waktu, Output, Ket.

std::string upper_case(const std::string& text) {
  gchar* upper = g_utf8_strup(text.c_str(), static_cast<gssize>(text.size()));
  std::string result(upper);
  g_free(upper);
  return result;
}

// The narrowest a column may be before Pango must split a word: its longest word plus padding.
struct ColumnNeeds {
  double lane = 0;                       // widest word of any actor name (bold header)
  std::array<double, 4> mutu_baku = {};  // Kelengkapan, Waktu, Output, Keterangan
};

double longest_word_pt(const std::string& text, const TextStyle& style,
                       const Typesetter& typesetter) {
  double longest = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) {
      longest = std::max(longest, typesetter.natural_width(text.substr(start, end - start), style));
    }
    start = end + 1;
  }
  return longest;
}

ColumnNeeds column_needs(const SopRecord& record, const DocumentStyle& style, double font_pt,
                         const Typesetter& typesetter) {
  const TextStyle cell = cell_style(style, font_pt);
  const TextStyle header = header_style(style, font_pt);
  const double pad = 2 * kCellPaddingPt + 1;
  ColumnNeeds needs;
  for (const std::string& actor : record.actors) {
    needs.lane = std::max(needs.lane, longest_word_pt(actor, header, typesetter) + pad);
  }
  const std::array<const std::string*, 4> headers = {&style.wording.requirements,
                                                     &style.wording.duration, &style.wording.output,
                                                     &style.wording.notes};
  for (std::size_t column = 0; column < headers.size(); ++column) {
    needs.mutu_baku[column] = longest_word_pt(*headers[column], header, typesetter) + pad;
  }
  const double dash = typesetter.natural_width("- ", cell);
  for (const Step& step : record.steps) {
    const StepCellTexts texts = step_cell_texts(step);
    const std::array<std::pair<const std::string*, double>, 4> cells = {{
        {&texts.requirements, step.requirements.size() > 1 ? dash : 0},
        {&texts.duration, 0},
        {&texts.outputs, step.outputs.size() > 1 ? dash : 0},
        {&texts.notes, 0},
    }};
    for (std::size_t column = 0; column < cells.size(); ++column) {
      const auto& [text, indent] = cells[column];
      needs.mutu_baku[column] = std::max(needs.mutu_baku[column],
                                         longest_word_pt(*text, cell, typesetter) + indent + pad);
    }
  }
  return needs;
}

// Column widths: lanes about 20–28 mm, Mutu Baku columns at their usual widths, the activity
// column the rest. When many lanes leave the activity too narrow, the Mutu Baku columns and then
// the lanes give way, but not below their longest word (or their usual width, if less). nullopt
// when even that is too narrow (the caller then tries a smaller font).
std::optional<StepTableColumns> step_table_columns(double page_width_pt, std::size_t lane_count,
                                                   const ColumnNeeds& needs, bool squeeze_lanes) {
  const double available = page_width_pt - 2 * kSideMarginPt;
  const double lanes = static_cast<double>(lane_count);
  std::array<double, 4> mutu_baku = kMutuBakuWidthsPt;
  std::array<double, 4> mutu_baku_floor = {};
  for (std::size_t i = 0; i < mutu_baku.size(); ++i) {
    mutu_baku_floor[i] = std::min(needs.mutu_baku[i], kMutuBakuWidthsPt[i]);
  }
  auto total = [](const std::array<double, 4>& widths) {
    return widths[0] + widths[1] + widths[2] + widths[3];
  };
  // A lane may split a long actor name ("Pengadminis-trasi"), as real tables do, so its floor
  // stays within 15–20 mm whatever the names.
  const double lane_floor = std::clamp(needs.lane, kNarrowestLaneWidthPt, kMinLaneWidthPt);
  double lane_width = std::clamp(
      (available - kNumberWidthPt - total(mutu_baku) - kPreferredActivityWidthPt) / lanes,
      kMinLaneWidthPt, kMaxLaneWidthPt);
  auto activity = [&]() {
    return available - kNumberWidthPt - total(mutu_baku) - lane_width * lanes;
  };
  if (activity() < kMinActivityWidthPt) {
    const double spare = total(mutu_baku) - total(mutu_baku_floor);
    const double give = std::min(spare, kMinActivityWidthPt - activity());
    for (std::size_t i = 0; i < mutu_baku.size(); ++i) {
      if (spare > 0) mutu_baku[i] -= give * (mutu_baku[i] - mutu_baku_floor[i]) / spare;
    }
  }
  if (activity() < kMinActivityWidthPt) {
    lane_width = std::max(lane_floor, lane_width - (kMinActivityWidthPt - activity()) / lanes);
  }
  // Eight or nine lanes of long names that fit at no text size: the lanes split their names
  // further, down to 15 mm.
  if (activity() < kNarrowestActivityWidthPt && squeeze_lanes) {
    lane_width = std::max(kNarrowestLaneWidthPt,
                          lane_width - (kNarrowestActivityWidthPt - activity()) / lanes);
  }
  if (activity() < kNarrowestActivityWidthPt) return std::nullopt;

  StepTableColumns columns;
  columns.lane_count = lane_count;
  double x = kSideMarginPt;
  columns.edges.push_back(x);
  auto add = [&](double width) {
    x += width;
    columns.edges.push_back(x);
  };
  add(kNumberWidthPt);
  add(activity());
  for (std::size_t lane = 0; lane < lane_count; ++lane) add(lane_width);
  for (double width : mutu_baku) add(width);
  return columns;
}

// PermenPAN-RB 35/2012 shapes at a size that leaves a lane room for arrows beside them, times
// the document's symbol scale.
Box symbol_box(SymbolKind kind, double centre_x, double centre_y, double lane_width, double scale,
               double symbol_scale) {
  double width = std::min(0.56 * lane_width, 46.0);
  double height = 15 * scale;
  switch (kind) {
    case SymbolKind::terminator:
      height = 13 * scale;
      break;
    case SymbolKind::process:
      break;
    case SymbolKind::decision:
      width = std::min(0.5 * lane_width, 34 * scale);
      height = 24 * scale;
      break;
    case SymbolKind::connector:
      width = height = 11 * scale;
      break;
    case SymbolKind::off_page_connector:
      width = height = 13 * scale;
      break;
  }
  width = std::min(width * symbol_scale, 0.92 * lane_width);
  height *= symbol_scale;
  return {centre_x - width / 2, centre_y - height / 2, width, height};
}

[[noreturn]] void fail(const TruthSop& sop, const std::string& reason) {
  throw FixtureError(sop.truth_file.string() + ": SOP '" + sop.truth_id + "': " + reason);
}

std::size_t actor_index(const TruthSop& sop, const std::string& actor, const std::string& where) {
  const std::vector<std::string>& actors = sop.record.actors;
  auto it = std::find(actors.begin(), actors.end(), actor);
  if (it == actors.end()) fail(sop, where + ": actor '" + actor + "' is not one of actors");
  return static_cast<std::size_t>(it - actors.begin());
}

// The step index an edge points to: by printed number, or by to_index when the number is null.
std::size_t edge_target(const TruthSop& sop, std::size_t step, std::size_t edge_number) {
  const Edge& edge = sop.record.steps[step].next[edge_number];
  const std::string where =
      "/steps/" + std::to_string(step) + "/next/" + std::to_string(edge_number);
  const std::vector<Step>& steps = sop.record.steps;
  if (edge.to) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].no == edge.to) return i;
    }
    fail(sop, where + ": no step is numbered " + std::to_string(*edge.to));
  }
  if (edge.to_index && *edge.to_index >= 0 &&
      static_cast<std::size_t>(*edge.to_index) < steps.size()) {
    return static_cast<std::size_t>(*edge.to_index);
  }
  fail(sop, where + ": 'to' is null and 'to_index' does not name a step");
}

// What one step-table page must hold, before sizes are known.
struct StepPagePlan {
  std::vector<std::size_t> steps;
  std::vector<PageEdge> edges;
  bool has_incoming = false;
  bool has_outgoing = false;
  std::optional<std::string> title_line;
};

std::vector<StepPagePlan> plan_step_pages(const TruthSop& sop, std::size_t page_count,
                                          bool regulation) {
  const std::vector<Step>& steps = sop.record.steps;
  std::vector<StepPagePlan> plans(page_count);
  std::vector<std::size_t> page_of_step(steps.size());
  std::size_t step = 0;
  const std::vector<std::size_t> counts = rows_per_page(steps.size(), page_count);
  for (std::size_t page = 0; page < page_count; ++page) {
    for (std::size_t row = 0; row < counts[page]; ++row, ++step) {
      plans[page].steps.push_back(step);
      page_of_step[step] = page;
    }
  }
  if (regulation && !plans.empty()) {
    // The regulation appendix titles each SOP's first table page.
    std::string title = "STANDAR OPERASIONAL PROSEDUR (SOP)";
    if (sop.record.header.title) title += " " + upper_case(*sop.record.header.title);
    plans.front().title_line = title;
  }

  char next_mark = 'A';
  for (std::size_t from = 0; from < steps.size(); ++from) {
    const bool decision = steps[from].symbol == SymbolKind::decision;
    bool bottom_taken = false;
    for (std::size_t e = 0; e < steps[from].next.size(); ++e) {
      PageEdge edge;
      edge.from_step = from;
      edge.to_step = edge_target(sop, from, e);
      edge.label = steps[from].next[e].label;
      // The main flow leaves from the bottom; a decision's other branch and every arrow going
      // back up leave from the side, as drawn in PermenPAN-RB 35/2012 tables.
      const bool forward = edge.to_step > from;
      if (forward && (!bottom_taken || !decision)) {
        edge.exit = ExitSide::bottom;
        bottom_taken = true;
      } else {
        edge.exit = ExitSide::side;
      }
      const std::size_t source_page = page_of_step[from];
      const std::size_t target_page = page_of_step[edge.to_step];
      if (source_page == target_page) {
        plans[source_page].edges.push_back(edge);
        continue;
      }
      edge.mark = std::string(1, next_mark);
      next_mark = next_mark == 'Z' ? 'A' : static_cast<char>(next_mark + 1);
      PageEdge outgoing = edge;
      outgoing.span = EdgeSpan::outgoing;
      plans[source_page].edges.push_back(outgoing);
      plans[source_page].has_outgoing = true;
      PageEdge incoming = edge;
      incoming.span = EdgeSpan::incoming;
      plans[target_page].edges.push_back(incoming);
      plans[target_page].has_incoming = true;
    }
  }
  return plans;
}

// Lays out one step-table page at `font_pt`; nullopt when its rows do not fit the page.
std::optional<StepTablePage> lay_out_step_page(const StepPagePlan& plan, const TruthSop& sop,
                                               std::size_t sop_index, const DocumentStyle& style,
                                               double page_width, double page_height,
                                               double font_pt, const Typesetter& typesetter) {
  const SopRecord& record = sop.record;
  const double scale = std::max(0.7, font_pt / style.table_font_pt);
  const double pad = kCellPaddingPt;
  const TextStyle cell = cell_style(style, font_pt);
  const TextStyle header = header_style(style, font_pt);

  StepTablePage page;
  page.sop = sop_index;
  page.font_pt = font_pt;
  const std::optional<StepTableColumns> fitted_columns = step_table_columns(
      page_width, std::max<std::size_t>(1, record.actors.size()),
      column_needs(record, style, font_pt, typesetter), font_pt <= kSmallestFontPt + 1e-9);
  if (!fitted_columns) return std::nullopt;
  page.columns = *fitted_columns;
  const StepTableColumns& columns = page.columns;
  const double table_left = columns.edges.front();
  const double table_width = columns.edges.back() - table_left;
  auto inner = [&](std::size_t column) { return columns.width(column) - 2 * pad; };

  double y = kTopMarginPt;
  if (plan.title_line) {
    TextStyle title = header_style(style, style.table_font_pt + 1.5);
    const double height = typesetter.height(*plan.title_line, title, table_width);
    page.title_line = plan.title_line;
    page.title_box = {table_left, y, table_width, height};
    y += height + 8;
  }

  page.table_top = y;
  const HeaderWording& wording = style.wording;
  // The group labels wrap within the lanes and the Mutu Baku columns they span: "Pejabat yang
  // bertanggung jawab" over a single lane takes three lines.
  const double lanes_width =
      columns.right(columns.lane(columns.lane_count - 1)) - columns.left(columns.lane(0)) - 2 * pad;
  const double quality_width =
      columns.right(columns.outputs()) - columns.left(columns.requirements()) - 2 * pad;
  const double group_height = std::max(typesetter.height(wording.lanes, header, lanes_width),
                                       typesetter.height(wording.quality, header, quality_width)) +
                              2 * pad;
  double names_height = 0;
  for (std::size_t actor = 0; actor < record.actors.size(); ++actor) {
    names_height = std::max(
        names_height, typesetter.height(record.actors[actor], header, inner(columns.lane(actor))));
  }
  names_height =
      std::max({names_height,
                typesetter.height(wording.requirements, header, inner(columns.requirements())),
                typesetter.height(wording.duration, header, inner(columns.duration())),
                typesetter.height(wording.output, header, inner(columns.outputs()))}) +
      2 * pad;
  // "No", "Uraian Kegiatan" and "Keterangan" span both header rows.
  const double spanning =
      std::max({typesetter.height(wording.activity, header, inner(columns.kActivity)),
                typesetter.height(wording.notes, header, inner(columns.notes())),
                typesetter.height(wording.number, header, inner(columns.kNumber))});
  names_height = std::max(names_height, spanning + 2 * pad - group_height);
  page.group_row_bottom = y + group_height;
  page.header_bottom = page.group_row_bottom + names_height;
  page.number_row_bottom = page.header_bottom;
  if (sop.entry.column_number_row) {
    page.number_row_bottom += typesetter.height("1", cell, -1) + 2 * pad;
  }
  y = page.number_row_bottom;

  // Row heights: the tallest cell text, or the symbol with room for arrows, whichever is more.
  const double clearance = 11 * scale;  // above the symbol for an arrowhead, below for a run
  std::vector<double> heights;
  for (std::size_t row_number = 0; row_number < plan.steps.size(); ++row_number) {
    const Step& step = record.steps[plan.steps[row_number]];
    const StepCellTexts texts = step_cell_texts(step);
    double activity_height = 0;
    for (const std::string& item : activity_cells(texts.activity, style)) {
      activity_height += typesetter.height(item, cell, inner(columns.kActivity)) + 2 * pad;
    }
    const double text_height = std::max(
        {typesetter.height(texts.number, cell, inner(columns.kNumber)), activity_height - 2 * pad,
         typesetter.height(texts.requirements, dash_list_style(cell, step.requirements, typesetter),
                           inner(columns.requirements())),
         typesetter.height(texts.duration, cell, inner(columns.duration())),
         typesetter.height(texts.outputs, dash_list_style(cell, step.outputs, typesetter),
                           inner(columns.outputs())),
         typesetter.height(texts.notes, cell, inner(columns.notes()))});
    const double band =
        row_number == 0 && plan.has_incoming ? incoming_connector_band_pt(scale) : 0;
    const SymbolKind kind = step.symbol.value_or(SymbolKind::process);
    const double symbol_height =
        symbol_box(kind, 0, 0, columns.width(columns.lane(0)), scale, style.symbol_scale).height;
    heights.push_back(std::max(text_height + 2 * pad, band + symbol_height + 2 * clearance));
  }
  double total = 0;
  for (double height : heights) total += height;
  const double available = page_height - kBottomMarginPt - page.number_row_bottom -
                           (plan.has_outgoing ? outgoing_connector_band_pt(scale) : 0);
  if (total > available) return std::nullopt;
  // Real tables are drawn with roomy rows; spread part of the free space over the rows.
  if (!heights.empty()) {
    const double extra = style.row_stretch *
                         std::min((available - total) * 0.8 / static_cast<double>(heights.size()),
                                  kMaxRowStretchPt * scale);
    for (double& height : heights) height += extra;
  }

  for (std::size_t row_number = 0; row_number < plan.steps.size(); ++row_number) {
    const std::size_t step_index = plan.steps[row_number];
    const Step& step = record.steps[step_index];
    const double band =
        row_number == 0 && plan.has_incoming ? incoming_connector_band_pt(scale) : 0;
    StepRow row;
    row.step_index = step_index;
    row.box = {table_left, y, table_width, heights[row_number]};
    row.content_top = y + band;
    const double symbol_centre_y = (row.content_top + row.box.bottom()) / 2;
    const std::string where = "/steps/" + std::to_string(step_index);
    if (step.symbol && step.actor) {
      const std::size_t actor = actor_index(sop, *step.actor, where + "/actor");
      row.symbol =
          PlacedSymbol{*step.symbol, actor,
                       symbol_box(*step.symbol, columns.lane_centre(actor), symbol_centre_y,
                                  columns.width(columns.lane(actor)), scale, style.symbol_scale)};
      for (const std::string& other : step.other_actors) {
        const std::size_t other_actor = actor_index(sop, other, where + "/other_actors");
        row.other_symbols.push_back(PlacedSymbol{
            *step.symbol, other_actor,
            symbol_box(*step.symbol, columns.lane_centre(other_actor), symbol_centre_y,
                       columns.width(columns.lane(other_actor)), scale, style.symbol_scale)});
      }
    }
    page.rows.push_back(std::move(row));
    y += heights[row_number];
  }
  page.table_bottom = y;

  PageArrows arrows =
      route_arrows(page, plan.edges, arrow_label_style(style, font_pt), typesetter, scale);
  page.arrows = std::move(arrows.arrows);
  page.connectors = std::move(arrows.connectors);
  return page;
}

std::string page_list(const std::vector<int>& pages) {
  std::string text = "[";
  for (std::size_t i = 0; i < pages.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(pages[i]);
  }
  return text + "]";
}

}  // namespace

std::vector<std::size_t> rows_per_page(std::size_t row_count, std::size_t page_count) {
  std::vector<std::size_t> counts(page_count, 0);
  if (page_count == 0) return counts;
  for (std::size_t page = 0; page < page_count; ++page) {
    counts[page] = row_count / page_count + (page < row_count % page_count ? 1 : 0);
  }
  return counts;
}

namespace {

void set_paper(DocumentStyle& style, const std::string& name) {
  struct Paper {
    const char* name;
    double short_pt;
    double long_pt;
  };
  static constexpr Paper kPapers[] = {
      {"A4", 595.28, 841.89}, {"F4", 609.45, 935.43}, {"Letter", 612, 792}};
  for (const Paper& paper : kPapers) {
    if (name == paper.name) {
      style.paper_name = paper.name;
      style.paper_short_pt = paper.short_pt;
      style.paper_long_pt = paper.long_pt;
      return;
    }
  }
  throw FixtureError("unknown paper '" + name + "' (known: A4, F4, Letter)");
}

// The document's "style" from docs.json, key by key over the defaults. Throws FixtureError
// naming the document and the key for an unknown key or a value out of range.
// Sets each printed word `object` names ({"activity": "Aktivitas"}) through `targets`; a key
// that names none, or a value that is no string, is an error at `where`.
void assign_printed_words(const nlohmann::json& object,
                          std::initializer_list<std::pair<const char*, std::string*>> targets,
                          const std::string& where, const char* unknown) {
  if (!object.is_object()) throw FixtureError(where + ": expected an object");
  for (const auto& [key, word] : object.items()) {
    auto found = std::find_if(targets.begin(), targets.end(),
                              [&](const auto& entry) { return key == entry.first; });
    if (found == targets.end() || !word.is_string()) {
      throw FixtureError(where + "." + key + ": " + unknown);
    }
    *found->second = word.get<std::string>();
  }
}

InkColour ink_named(const std::string& name, const std::string& where) {
  if (name == "black") return {0.08, 0.08, 0.1};
  if (name == "blue") return {0.1, 0.2, 0.65};
  if (name == "violet") return {0.45, 0.2, 0.65};
  throw FixtureError(where + ": unknown ink '" + name + "' (known: black, blue, violet)");
}

// style.identity: {"layout", "stacked_keys", "labels": {...}, "signature_ink",
// "signature_over_name", "stamp", "stamp_shape"}.
void apply_identity_style(DocumentStyle& style, const nlohmann::json& identity,
                          const std::string& where) {
  if (!identity.is_object()) throw FixtureError(where + ": expected an object");
  for (const auto& [key, value] : identity.items()) {
    const std::string at = where + "." + key;
    auto text = [&]() {
      if (!value.is_string()) throw FixtureError(at + ": expected a string");
      return value.get<std::string>();
    };
    if (key == "layout") {
      const std::string layout = text();
      if (layout == "grid") {
        style.identity_layout = IdentityLayout::grid;
      } else if (layout == "letterhead_cells") {
        style.identity_layout = IdentityLayout::letterhead_cells;
      } else if (layout == "inline_labels") {
        style.identity_layout = IdentityLayout::inline_labels;
      } else if (layout == "title_in_head") {
        style.identity_layout = IdentityLayout::title_in_head;
      } else {
        throw FixtureError(at + ": unknown layout '" + layout +
                           "' (known: grid, letterhead_cells, inline_labels, title_in_head)");
      }
    } else if (key == "stacked_keys") {
      if (!value.is_boolean()) throw FixtureError(at + ": expected true or false");
      style.stacked_keys = value.get<bool>();
    } else if (key == "labels") {
      IdentityLabels& labels = style.identity_labels;
      assign_printed_words(value,
                           {{"sop_number", &labels.sop_number},
                            {"created", &labels.created},
                            {"revised", &labels.revised},
                            {"effective", &labels.effective},
                            {"approved_by", &labels.approved_by},
                            {"title", &labels.title}},
                           at, "not an identity-page key");
    } else if (key == "signature_ink") {
      style.approval_ink.signature = ink_named(text(), at);
    } else if (key == "signature_over_name") {
      if (!value.is_boolean()) throw FixtureError(at + ": expected true or false");
      style.approval_ink.signature_over_name = value.get<bool>();
    } else if (key == "stamp") {
      const std::string stamp = text();
      style.approval_ink.stamp =
          stamp == "none" ? std::nullopt : std::optional(ink_named(stamp, at));
    } else if (key == "stamp_shape") {
      // {"diameter_mm", "rings", "ring_pt"}
      if (!value.is_object()) throw FixtureError(at + ": expected an object");
      for (const auto& [part, number] : value.items()) {
        const std::string part_at = at + "." + part;
        if (!number.is_number()) throw FixtureError(part_at + ": expected a number");
        const double amount = number.get<double>();
        if (part == "diameter_mm" && amount >= 20 && amount <= 60) {
          style.approval_ink.stamp_diameter_mm = amount;
        } else if (part == "rings" && number.is_number_integer() && amount >= 1 && amount <= 3) {
          style.approval_ink.stamp_rings = static_cast<int>(amount);
        } else if (part == "ring_pt" && amount >= 0.3 && amount <= 3) {
          style.approval_ink.stamp_ring_pt = amount;
        } else {
          throw FixtureError(part_at +
                             ": unknown part or out of range (diameter_mm 20-60, rings 1-3 whole, "
                             "ring_pt 0.3-3)");
        }
      }
    } else {
      throw FixtureError(at + ": unknown identity-page style key");
    }
  }
}

// style.arrow_head: {"shape": "filled" | "open", "length_pt", "half_width_pt"}.
void apply_arrow_head_style(ArrowHead& head, const nlohmann::json& keys, const std::string& where) {
  if (!keys.is_object()) throw FixtureError(where + ": expected an object");
  for (const auto& [key, value] : keys.items()) {
    const std::string at = where + "." + key;
    if (key == "shape" && value.is_string() &&
        (value.get<std::string>() == "filled" || value.get<std::string>() == "open")) {
      head.open = value.get<std::string>() == "open";
    } else if (key == "length_pt" && value.is_number() && value.get<double>() >= 2 &&
               value.get<double>() <= 10) {
      head.length_pt = value.get<double>();
    } else if (key == "half_width_pt" && value.is_number() && value.get<double>() >= 1 &&
               value.get<double>() <= 5) {
      head.half_width_pt = value.get<double>();
    } else {
      throw FixtureError(at + ": unknown key or out of range (shape filled or open, length_pt 2-10, "
                              "half_width_pt 1-5)");
    }
  }
}

void apply_style(DocumentStyle& style, const nlohmann::json& keys, const std::string& document) {
  for (const auto& [key, value] : keys.items()) {
    const std::string where = "document '" + document + "': style." + key;
    auto number = [&](double low, double high) {
      if (!value.is_number() || value.get<double>() < low || value.get<double>() > high) {
        throw FixtureError(where + ": expected a number from " + std::to_string(low) + " to " +
                           std::to_string(high));
      }
      return value.get<double>();
    };
    auto text = [&]() {
      if (!value.is_string()) throw FixtureError(where + ": expected a string");
      return value.get<std::string>();
    };
    auto one_of = [&](std::initializer_list<const char*> names) {
      const std::string chosen = text();
      int index = 0;
      std::string known;
      for (const char* name : names) {
        if (chosen == name) return index;
        known += (known.empty() ? "" : ", ") + std::string(name);
        ++index;
      }
      throw FixtureError(where + ": unknown value '" + chosen + "' (known: " + known + ")");
    };
    if (key == "font_family") {
      style.font_family = text();
    } else if (key == "table_font_pt") {
      style.table_font_pt = number(5, 14);
    } else if (key == "bullets") {
      style.bullets = static_cast<BulletStyle>(one_of({"numbers", "dashes", "letters"}));
    } else if (key == "paper") {
      try {
        set_paper(style, text());
      } catch (const FixtureError& error) {
        throw FixtureError(where + ": " + error.what());
      }
    } else if (key == "rule_pt") {
      style.rule_pt = number(0.1, 3);
    } else if (key == "outer_rule_pt") {
      style.outer_rule_pt = number(0.1, 4);
    } else if (key == "rule_grey") {
      style.rule_grey = number(0, 0.8);
    } else if (key == "rule_dash") {
      style.rule_dash = static_cast<RuleDash>(one_of({"solid", "dashed", "dotted"}));
    } else if (key == "double_border") {
      if (!value.is_boolean()) throw FixtureError(where + ": expected true or false");
      style.double_border = value.get<bool>();
    } else if (key == "activity_sub_item_cells") {
      if (!value.is_boolean()) throw FixtureError(where + ": expected true or false");
      style.activity_sub_item_cells = value.get<bool>();
    } else if (key == "symbol_stroke_pt") {
      style.symbol_stroke_pt = number(0.1, 3);
    } else if (key == "arrow_stroke_pt") {
      style.arrow_stroke_pt = number(0.1, 3);
    } else if (key == "arrow_head") {
      apply_arrow_head_style(style.arrow_head, value, where);
    } else if (key == "symbol_scale") {
      style.symbol_scale = number(0.3, 2);
    } else if (key == "terminator") {
      style.terminator =
          static_cast<TerminatorShape>(one_of({"capsule", "rounded_rectangle", "ellipse"}));
    } else if (key == "row_stretch") {
      style.row_stretch = number(0, 1);
    } else if (key == "wording") {
      HeaderWording& wording = style.wording;
      assign_printed_words(value,
                           {{"number", &wording.number},
                            {"activity", &wording.activity},
                            {"lanes", &wording.lanes},
                            {"quality", &wording.quality},
                            {"requirements", &wording.requirements},
                            {"duration", &wording.duration},
                            {"output", &wording.output},
                            {"notes", &wording.notes}},
                           where, "not a header word");
    } else if (key == "identity") {
      apply_identity_style(style, value, where);
    } else {
      throw FixtureError(where + ": unknown style key");
    }
  }
}

}  // namespace

DocumentStyle style_for_document(const DocumentSpec& document) {
  // Real archives mix fonts (Arial-like and wider sans), bullets and A4 / F4 paper; cycling
  // through them by position keeps every fixture stable while the set as a whole varies.
  DocumentStyle style;
  const int position = document.position;
  style.font_family = position % 2 == 0 ? "Liberation Sans" : "DejaVu Sans";
  style.table_font_pt = position % 2 == 0 ? 8.5 : 8.0;
  static constexpr std::array<BulletStyle, 3> kBullets = {BulletStyle::numbers, BulletStyle::dashes,
                                                          BulletStyle::letters};
  style.bullets = kBullets[static_cast<std::size_t>(position) % kBullets.size()];
  if (position % 3 == 2) set_paper(style, "F4");
  apply_style(style, document.style, document.id);
  return style;
}

DocumentLayout layout_document(const DocumentSpec& document, const std::vector<TruthSop>& sops,
                               const Typesetter& typesetter) {
  DocumentLayout layout;
  layout.style = style_for_document(document);
  const DocumentStyle& style = layout.style;
  const bool regulation = document.kind == DocumentKind::regulation;

  auto add_portrait = [&](auto content) {
    PageLayout page;
    page.number = static_cast<int>(layout.pages.size()) + 1;
    page.width_pt = style.paper_short_pt;
    page.height_pt = style.paper_long_pt;
    page.orientation = Orientation::portrait;
    page.content = content;
    layout.pages.push_back(std::move(page));
  };

  if (regulation) {
    if (!document.regulation || document.regulation->preamble_pages.empty()) {
      throw FixtureError("document '" + document.id + "': a regulation needs preamble pages");
    }
    for (std::size_t i = 0; i < document.regulation->preamble_pages.size(); ++i) {
      add_portrait(PreamblePage{i});
    }
  }

  for (std::size_t sop_index = 0; sop_index < sops.size(); ++sop_index) {
    const TruthSop& sop = sops[sop_index];
    const std::vector<int>& truth_pages = sop.record.source.pages;
    const int first_page = static_cast<int>(layout.pages.size()) + 1;
    if (!regulation) add_portrait(IdentityPage{sop_index});

    // Layout rule: an SOP's step table takes its truth page count less the identity page.
    const int identity_pages = regulation ? 0 : 1;
    const int step_page_count = static_cast<int>(truth_pages.size()) - identity_pages;
    if (step_page_count < 0 || (step_page_count == 0 && !sop.record.steps.empty())) {
      fail(sop, "source.pages lists " + std::to_string(truth_pages.size()) +
                    " page(s), which leaves no page for the " +
                    std::to_string(sop.record.steps.size()) + " step rows");
    }
    const std::vector<StepPagePlan> plans =
        plan_step_pages(sop, static_cast<std::size_t>(step_page_count), regulation);

    // One text size for all of the SOP's table pages: the largest at which every page fits.
    double font_pt = style.table_font_pt;
    std::vector<StepTablePage> tables;
    for (; font_pt >= kSmallestFontPt - 1e-9; font_pt -= kFontStepPt) {
      tables.clear();
      for (const StepPagePlan& plan : plans) {
        std::optional<StepTablePage> table =
            lay_out_step_page(plan, sop, sop_index, style, style.paper_long_pt,
                              style.paper_short_pt, font_pt, typesetter);
        if (!table) break;
        tables.push_back(std::move(*table));
      }
      if (tables.size() == plans.size()) break;
    }
    if (tables.size() != plans.size()) {
      fail(sop, "the step rows for table page " + std::to_string(tables.size() + 1) +
                    " do not fit even at " + std::to_string(static_cast<int>(kSmallestFontPt)) +
                    " pt; give the SOP more pages in source.pages");
    }
    for (StepTablePage& table : tables) {
      PageLayout page;
      page.number = static_cast<int>(layout.pages.size()) + 1;
      page.width_pt = style.paper_long_pt;
      page.height_pt = style.paper_short_pt;
      page.orientation = Orientation::landscape;
      page.content = std::move(table);
      layout.pages.push_back(std::move(page));
    }

    std::vector<int> produced;
    for (int page = first_page; page <= static_cast<int>(layout.pages.size()); ++page) {
      produced.push_back(page);
    }
    if (produced != truth_pages) {
      fail(sop, "in document '" + document.id + "' (" + document.file + "), source.pages is " +
                    page_list(truth_pages) + " but the renderer put the SOP on pages " +
                    page_list(produced));
    }
  }
  return layout;
}

}  // namespace sopocr::fixtures
