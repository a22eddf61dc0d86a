#include "page_analysis.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <regex>
#include <tuple>

#include "arrows.h"
#include "binarize.h"
#include "deskew.h"
#include "grid.h"
#include "labels.h"
#include "line_joining.h"
#include "ocr_words.h"
#include "orientation.h"
#include "text.h"
#include "unicode_nfc.h"

namespace sopocr {
namespace {

// Printed labels of the step table's header (PermenPAN-RB 35/2012) with the variants real
// archives use ("PEJABAT YANG BERTANGGUNG JAWAB" for Pelaksana, "Perlengkapan" for Kelengkapan).
enum class StepColumn { number, activity, lanes, quality, requirements, duration, output, notes };

struct HeaderLabel {
  StepColumn column;
  const char* text;
};

constexpr HeaderLabel kStepHeaderLabels[] = {
    {StepColumn::number, "No"},
    {StepColumn::number, "No."},
    {StepColumn::activity, "Uraian Kegiatan"},
    {StepColumn::activity, "Kegiatan"},
    {StepColumn::activity, "Aktivitas"},
    {StepColumn::lanes, "Pelaksana"},
    {StepColumn::lanes, "Pejabat yang bertanggung jawab"},
    {StepColumn::quality, "Mutu Baku"},
    {StepColumn::requirements, "Kelengkapan"},
    {StepColumn::requirements, "Perlengkapan"},
    {StepColumn::requirements, "Persyaratan/Perlengkapan"},
    {StepColumn::duration, "Waktu"},
    {StepColumn::output, "Output"},
    {StepColumn::output, "Hasil"},
    {StepColumn::notes, "Keterangan"},
    {StepColumn::notes, "Ket."},
    {StepColumn::notes, "Ket"},
};

std::vector<std::string> identity_label_texts() {
  std::vector<std::string> texts;
  for (const IdentityLabel& label : identity_labels()) texts.emplace_back(label.text);
  return texts;
}

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

// The text layer's words whose centre lies in `region`, as lines top to bottom.
OcrText read_text_layer(const std::vector<LayerWord>& layer, const cv::Rect& region) {
  std::vector<const LayerWord*> inside;
  for (const LayerWord& word : layer) {
    const cv::Point centre = (word.bbox_px.tl() + word.bbox_px.br()) / 2;
    if (region.contains(centre)) inside.push_back(&word);
  }
  std::sort(inside.begin(), inside.end(), [](const LayerWord* a, const LayerWord* b) {
    return a->bbox_px.y + a->bbox_px.height / 2 < b->bbox_px.y + b->bbox_px.height / 2;
  });
  // A word whose middle is below the current line's lower half starts a new line.
  std::vector<std::vector<const LayerWord*>> lines;
  int line_middle = 0;
  int line_half_height = 0;
  for (const LayerWord* word : inside) {
    const int middle = word->bbox_px.y + word->bbox_px.height / 2;
    if (lines.empty() || middle - line_middle > line_half_height) {
      lines.emplace_back();
      line_middle = middle;
      line_half_height = std::max(1, word->bbox_px.height / 2);
    }
    lines.back().push_back(word);
  }
  OcrText text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::sort(lines[i].begin(), lines[i].end(),
              [](const LayerWord* a, const LayerWord* b) { return a->bbox_px.x < b->bbox_px.x; });
    if (i > 0) text.text += '\n';
    for (std::size_t w = 0; w < lines[i].size(); ++w) {
      if (w > 0) text.text += ' ';
      text.text += lines[i][w]->text;
    }
  }
  text.confidence = inside.empty() ? 0.0 : 1.0;
  return text;
}

// Reads cells of one page, each at most once: from the text layer of a born-digital page, else
// by OCR where there is ink.
class CellReader {
 public:
  CellReader(const PageImage& page, const cv::Mat& ink, OcrEngine& ocr, bool use_text_layer)
      : page_(page), ink_(ink), ocr_(ocr), use_text_layer_(use_text_layer) {}

  CellText read(const cv::Rect& bbox_px) {
    const auto key = std::make_tuple(bbox_px.x, bbox_px.y, bbox_px.width, bbox_px.height);
    if (auto cached = cache_.find(key); cached != cache_.end()) return cached->second;
    CellText cell = read_uncached(bbox_px);
    cache_.emplace(key, cell);
    return cell;
  }

  // Every reading made so far, top to bottom, for the debug dump.
  std::vector<CellText> readings() const {
    std::vector<CellText> cells;
    for (const auto& [key, cell] : cache_) cells.push_back(cell);
    std::sort(cells.begin(), cells.end(), [](const CellText& a, const CellText& b) {
      return std::tie(a.bbox_px.y, a.bbox_px.x) < std::tie(b.bbox_px.y, b.bbox_px.x);
    });
    return cells;
  }

 private:
  CellText read_uncached(const cv::Rect& bbox_px) {
    CellText cell;
    cell.bbox_px = bbox_px;
    cell.page = page_.page_number;
    cell.confidence = 1.0;
    // Stay clear of the rules around the cell: their ink is not text.
    const int inset = std::max(3, page_.dpi / 40);
    cv::Rect interior(bbox_px.x + inset, bbox_px.y + inset, bbox_px.width - 2 * inset,
                      bbox_px.height - 2 * inset);
    interior &= cv::Rect(0, 0, ink_.cols, ink_.rows);
    if (interior.width <= 0 || interior.height <= 0) return cell;
    // A few specks of noise are not text: a character at 8 pt holds far more ink than this.
    const int min_ink_pixels = std::max(20, page_.dpi * page_.dpi / 2000);
    cell.has_ink = cv::countNonZero(ink_(interior)) >= min_ink_pixels;
    if (!cell.has_ink) return cell;
    const OcrText text =
        use_text_layer_ ? read_text_layer(page_.text_layer, bbox_px) : ocr_.read_region(interior);
    if (text.words.empty()) {
      cell.original = text.text;
    } else {
      SiftedWords sifted = sift_words(text.words);
      cell.words = std::move(sifted.text);
      cell.doubtful_words = std::move(sifted.doubtful);
      cell.original = reading_of(cell.words);
    }
    cell.text = normalize_text(unwrap_lines(cell.original));
    cell.confidence = text.confidence;
    return cell;
  }

  const PageImage& page_;
  const cv::Mat& ink_;
  OcrEngine& ocr_;
  bool use_text_layer_ = false;
  std::map<std::tuple<int, int, int, int>, CellText> cache_;
};

cv::Rect cell_rect(const TableGrid& grid, int row, int col, int row_span = 1, int col_span = 1) {
  const int x0 = grid.col_rules_x_px[col];
  const int x1 = grid.col_rules_x_px[col + col_span];
  const int y0 = grid.row_rules_y_px[row];
  const int y1 = grid.row_rules_y_px[row + row_span];
  return {x0, y0, x1 - x0, y1 - y0};
}

// Letters and single spaces only: scan specks read as ", ; ." around a label do not count.
std::string letters_only(const std::string& text) {
  std::string letters;
  for (char c : ascii_lower(text)) {
    if ((c >= 'a' && c <= 'z') || c == ' ') letters += c;
  }
  return normalize_text(letters);
}

std::optional<StepColumn> header_label_of(const std::string& text) {
  const std::string lower = letters_only(text);
  if (lower.empty()) return std::nullopt;
  std::optional<StepColumn> best;
  double best_score = 0.0;
  for (const HeaderLabel& label : kStepHeaderLabels) {
    const double score = similarity(lower, letters_only(label.text));
    if (score > best_score) {
      best_score = score;
      best = label.column;
    }
  }
  // Short labels ("No") need an exact reading; longer ones tolerate OCR garbles and a stray
  // letter or two read from specks.
  const double needed = lower.size() <= 3 ? 0.99 : 0.7;
  return best_score >= needed ? best : std::nullopt;
}

struct HeaderCell {
  StepColumn column;
  const GridCell* cell;
};

// One swimlane: the atomic grid columns under its name cell, first to last inclusive.
struct LaneColumns {
  int first_col = 0;
  int last_col = 0;
};

// Step-table header roles, found in the top rows of a grid.
struct StepHeader {
  std::optional<int> number_col;
  std::optional<int> activity_col;
  std::vector<LaneColumns> lanes;
  std::optional<int> requirements_col;
  std::optional<int> duration_col;
  std::optional<int> output_col;
  std::optional<int> notes_col;
  int lane_name_row = -1;
  int body_start_row = 0;
};

// True when a vertical rule at `x` is drawn over most of the height of `band`: a lane border
// crosses the header's name row even where the grid, from a broken stretch, did not split it.
bool rule_drawn_across(const cv::Mat& ink, int x, const cv::Rect& band, int dpi) {
  const int half = std::max(2, dpi / 100);
  const cv::Rect strip =
      cv::Rect(x - half, band.y, 2 * half + 1, band.height) & cv::Rect(0, 0, ink.cols, ink.rows);
  if (strip.empty()) return false;
  cv::Mat rows_with_ink;
  cv::reduce(ink(strip), rows_with_ink, 1, cv::REDUCE_MAX);
  return cv::countNonZero(rows_with_ink) >= 0.6 * strip.height;
}

std::optional<StepHeader> find_step_header(const TableGrid& grid, const cv::Mat& ink, int dpi,
                                           CellReader& reader) {
  const int header_rows = std::min(3, grid.row_count());
  std::vector<HeaderCell> found;
  for (const GridCell& cell : grid.cells) {
    if (cell.row >= header_rows) break;
    const CellText text = reader.read(cell.bbox_px);
    if (auto column = header_label_of(text.text)) found.push_back({*column, &cell});
  }
  auto find = [&](StepColumn column) -> const GridCell* {
    for (const HeaderCell& header : found) {
      if (header.column == column) return header.cell;
    }
    return nullptr;
  };
  const GridCell* activity = find(StepColumn::activity);
  const GridCell* lanes = find(StepColumn::lanes);
  const GridCell* quality = find(StepColumn::quality);
  // A faded rule can merge "Pelaksana" and "Mutu Baku" into one unreadable cell; the labels
  // under Mutu Baku still say where the lanes end.
  const GridCell* first_quality_cell = quality;
  for (StepColumn column : {StepColumn::requirements, StepColumn::duration, StepColumn::output}) {
    const GridCell* cell = find(column);
    if (cell && (!first_quality_cell || cell->col < first_quality_cell->col)) {
      first_quality_cell = cell;
    }
  }
  if (!activity || (!lanes && !first_quality_cell)) return std::nullopt;

  StepHeader header;
  header.activity_col = activity->col;
  if (const GridCell* number = find(StepColumn::number)) header.number_col = number->col;
  int header_end = activity->row + activity->row_span;
  if (lanes) {
    header.lane_name_row = lanes->row + lanes->row_span;
    header_end = std::max(header_end, header.lane_name_row + 1);
  }
  auto sub_column = [&](StepColumn column) -> std::optional<int> {
    if (const GridCell* cell = find(column)) {
      header_end = std::max(header_end, cell->row + cell->row_span);
      return cell->col;
    }
    return std::nullopt;
  };
  header.requirements_col = sub_column(StepColumn::requirements);
  header.duration_col = sub_column(StepColumn::duration);
  header.output_col = sub_column(StepColumn::output);
  header.notes_col = sub_column(StepColumn::notes);
  if (quality) {
    header_end = std::max(header_end, quality->row + quality->row_span + 1);
    // Mutu Baku spans Kelengkapan | Waktu | Output in that order when their labels were unread.
    if (quality->col_span == 3) {
      if (!header.requirements_col) header.requirements_col = quality->col;
      if (!header.duration_col) header.duration_col = quality->col + 1;
      if (!header.output_col) header.output_col = quality->col + 2;
    }
  }
  // Output follows Waktu (PermenPAN-RB 35/2012): a column after Waktu, before Keterangan, whose
  // label merged into the Mutu Baku cell above it is the output.
  if (!header.output_col && header.duration_col) {
    const int next = *header.duration_col + 1;
    if (next < grid.col_count() && (!header.notes_col || next < *header.notes_col)) {
      header.output_col = next;
    }
  }
  // Every column between the activity and Mutu Baku is a lane, whether or not the printed
  // "Pelaksana" spans it (real tables leave the requester's lane, "Tamu / Pengunjung", outside)
  // or could be read at all.
  const int first_quality_col = first_quality_cell ? first_quality_cell->col
                                : lanes            ? lanes->col + lanes->col_span
                                                   : grid.col_count();
  // Without a readable "Pelaksana", the lane names are in the header's last row.
  if (!lanes) header.lane_name_row = header_end - 1;
  // A rule that splits a lane below its name but does not cross the name is an arrow running
  // down the lane over many rows, not a lane border.
  const GridCell* previous_name = nullptr;
  for (int c = activity->col + activity->col_span; c < first_quality_col; ++c) {
    const GridCell* name =
        header.lane_name_row < grid.row_count() ? grid.cell_at(header.lane_name_row, c) : nullptr;
    if (name && name == previous_name &&
        !rule_drawn_across(ink, grid.col_rules_x_px[c], name->bbox_px, dpi)) {
      header.lanes.back().last_col = c;
    } else {
      header.lanes.push_back({c, c});
    }
    previous_name = name;
  }
  header.body_start_row = std::min(header_end, grid.row_count());
  return header;
}

// The column-number row (1 2 3 ...) under the header is not a step: "2" (and no words, a speck
// or two aside) under Uraian Kegiatan. The "1" under No is not needed: it is often misread.
bool is_column_number_row(const StepRowContent& row) {
  const std::string& activity = row.activity.text;
  const std::size_t first_digit = activity.find_first_of("0123456789");
  if (first_digit == std::string::npos || activity[first_digit] != '2') return false;
  return letters_only(activity).size() <= 3;
}

// The activity-column cells below the header, top to bottom: one per step. Arrows crossing
// several lanes can add rules that split a row in the lanes, never across "Uraian Kegiatan".
std::vector<const GridCell*> step_cells(const TableGrid& grid, const StepHeader& header) {
  std::vector<const GridCell*> cells;
  for (const GridCell& cell : grid.cells) {
    if (cell.col <= *header.activity_col && cell.col + cell.col_span > *header.activity_col &&
        cell.row >= header.body_start_row) {
      cells.push_back(&cell);
    }
  }
  return cells;
}

// The ink mask without the table's rules, so that symbols and arrows stand alone, with the
// lines that crossed a rule bridged. What the grid took for a rule but is an arrow stays: a
// column rule inside a lane, a body row rule that bounds no step.
cv::Mat erase_rules(const cv::Mat& ink, const TableGrid& grid, const StepHeader& header,
                    const std::vector<const GridCell*>& steps, int dpi) {
  std::vector<bool> row_rule_is_real(grid.row_rules_y_px.size(), false);
  for (int r = 0; r <= header.body_start_row && r < grid.row_count() + 1; ++r) {
    row_rule_is_real[r] = true;
  }
  for (const GridCell* step : steps) {
    row_rule_is_real[step->row] = true;
    row_rule_is_real[step->row + step->row_span] = true;
  }
  std::vector<bool> col_rule_is_real(grid.col_rules_x_px.size(), true);
  for (const LaneColumns& lane : header.lanes) {
    for (int c = lane.first_col + 1; c <= lane.last_col; ++c) col_rule_is_real[c] = false;
  }

  cv::Mat rule_free = ink.clone();
  std::vector<cv::Rect> erased;
  const int half = std::max(3, dpi / 60);
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  // Rules end at the outer rules: below the table sit the off-page connectors.
  const int left = grid.col_rules_x_px.front() - half;
  const int right = grid.col_rules_x_px.back() + half + 1;
  const int top = grid.row_rules_y_px.front() - half;
  const int bottom = grid.row_rules_y_px.back() + half + 1;
  auto erase = [&](const cv::Rect& band) {
    const cv::Rect on_page = band & page;
    rule_free(on_page) = 0;
    erased.push_back(on_page);
  };
  for (std::size_t r = 0; r < grid.row_rules_y_px.size(); ++r) {
    if (!row_rule_is_real[r]) continue;
    erase({left, grid.row_rules_y_px[r] - half, right - left, 2 * half + 1});
  }
  for (std::size_t c = 0; c < grid.col_rules_x_px.size(); ++c) {
    if (!col_rule_is_real[c]) continue;
    erase({grid.col_rules_x_px[c] - half, top, 2 * half + 1, bottom - top});
  }
  bridge_erased_rules(rule_free, erased);
  return rule_free;
}

// One arrow per target: a line traced twice (in two pieces, or as a merge) is one arrow.
void add_arrow(std::vector<StepArrow>& arrows, StepArrow arrow) {
  const bool known = std::any_of(arrows.begin(), arrows.end(), [&](const StepArrow& other) {
    return other.row_offset == arrow.row_offset && other.connector_mark == arrow.connector_mark;
  });
  if (!known) arrows.push_back(std::move(arrow));
}

// Follows the arrows between the rows' symbols and the off-page connectors drawn under the
// table, and records them on the rows they leave and reach.
void trace_step_arrows(StepTableContent& table, const TableGrid& grid, const cv::Mat& rule_free,
                       int lanes_left, int lanes_right, const PageImage& page, CellReader& reader) {
  if (table.rows.empty()) return;
  struct Node {
    int row = -1;  // -1: a connector under the table
    const DetectedSymbol* symbol = nullptr;
  };
  std::vector<Node> nodes;
  std::vector<cv::Rect> boxes;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (const PlacedSymbol& placed : table.rows[r].symbols) {
      nodes.push_back({static_cast<int>(r), &placed.symbol});
      boxes.push_back(placed.symbol.bbox_px);
    }
  }
  // PermenPAN-RB 35/2012 draws the connector to the next page under the table's last row.
  const cv::Rect below_table(lanes_left, grid.row_rules_y_px.back(), lanes_right - lanes_left,
                             static_cast<int>(page.dpi * 0.6));
  const std::vector<DetectedSymbol> exits = detect_symbols(rule_free, below_table, page.dpi);
  for (const DetectedSymbol& exit : exits) {
    nodes.push_back({-1, &exit});
    boxes.push_back(exit.bbox_px);
  }
  const int top = table.rows.front().lanes_bbox_px.y;
  const cv::Rect area(lanes_left, top, lanes_right - lanes_left, below_table.br().y - top);
  const ArrowTrace trace = trace_arrows(rule_free, area, boxes, page.dpi);

  auto is_connector_node = [&](const Node& node) {
    return node.row < 0 || is_connector(node.symbol->kind);
  };
  for (const TracedArrow& arrow : trace.arrows) {
    const Node& from = nodes[arrow.from];
    const Node& to = nodes[arrow.to];
    if (is_connector_node(from) && is_connector_node(to)) continue;
    if (is_connector_node(from)) {
      table.rows[to.row].arrives_from_connectors.push_back(
          connector_glyph(rule_free, from.symbol->bbox_px, page.dpi));
      continue;
    }
    StepArrow step_arrow;
    if (is_connector_node(to)) {
      step_arrow.connector_mark = connector_glyph(rule_free, to.symbol->bbox_px, page.dpi);
    } else if (to.row != from.row) {
      step_arrow.row_offset = to.row - from.row;
    } else {
      continue;  // between two symbols of one step
    }
    // PermenPAN-RB 35/2012 labels a decision's branches ("Ya" / "Tidak") beside their exits.
    if (from.symbol->kind == SymbolKind::decision && arrow.label_bbox_px) {
      const int margin = page.dpi / 40 + 3;
      const cv::Rect label = *arrow.label_bbox_px;
      step_arrow.label = reader.read(cv::Rect(label.x - margin, label.y - margin,
                                              label.width + 2 * margin, label.height + 2 * margin));
    }
    add_arrow(table.rows[from.row].arrows_out, std::move(step_arrow));
  }
  // A headless line runs from the step above to the step below: the table lists the steps in
  // the order they happen.
  for (const TracedArrow& line : trace.headless) {
    const Node& a = nodes[line.from];
    const Node& b = nodes[line.to];
    if (is_connector_node(a) || is_connector_node(b) || a.row == b.row) continue;
    const Node& upper = a.row < b.row ? a : b;
    const Node& lower = a.row < b.row ? b : a;
    StepArrow step_arrow;
    step_arrow.row_offset = lower.row - upper.row;
    step_arrow.headless = true;
    add_arrow(table.rows[upper.row].arrows_out, std::move(step_arrow));
  }
  for (int symbol : trace.loose_starts) {
    if (nodes[symbol].row >= 0) ++table.rows[nodes[symbol].row].loose_arrow_ends;
  }
  for (int symbol : trace.loose_ends) {
    if (nodes[symbol].row >= 0) ++table.rows[nodes[symbol].row].loose_arrow_ends;
  }
}

StepTableContent read_step_table(const TableGrid& grid, const StepHeader& header,
                                 const PageImage& page, const cv::Mat& ink, CellReader& reader) {
  StepTableContent table;
  for (const LaneColumns& lane : header.lanes) {
    CellText name;
    if (header.lane_name_row >= 0 && header.lane_name_row < grid.row_count()) {
      // The lane's name may sit in a cell spanning the header rows, or share a cell with the
      // next lane's where a broken border did not split it: read the lane's own columns.
      if (const GridCell* cell = grid.cell_at(header.lane_name_row, lane.first_col)) {
        const int left = grid.col_rules_x_px[lane.first_col];
        const int right = grid.col_rules_x_px[lane.last_col + 1];
        name = reader.read(cv::Rect(left, cell->bbox_px.y, right - left, cell->bbox_px.height));
      }
    }
    table.lane_names.push_back(name);
  }
  const std::vector<const GridCell*> steps = step_cells(grid, header);
  const cv::Mat rule_free = erase_rules(ink, grid, header, steps, page.dpi);
  const int lanes_left = grid.col_rules_x_px[header.lanes.front().first_col];
  const int lanes_right = grid.col_rules_x_px[header.lanes.back().last_col + 1];
  const int min_row_height = page.dpi / 8;

  for (const GridCell* activity_cell : steps) {
    const int row = activity_cell->row;
    const int span = activity_cell->row_span;
    const cv::Rect row_rect = cell_rect(grid, row, 0, span, grid.col_count());
    if (row_rect.height < min_row_height) continue;
    auto read_column = [&](std::optional<int> col) -> CellText {
      if (!col) return {};
      return reader.read(cell_rect(grid, row, *col, span, 1));
    };
    StepRowContent content;
    content.page = page.page_number;
    content.number = read_column(header.number_col);
    content.activity = reader.read(activity_cell->bbox_px);
    if (row == header.body_start_row && is_column_number_row(content)) continue;
    content.requirements = read_column(header.requirements_col);
    content.duration = read_column(header.duration_col);
    content.outputs = read_column(header.output_col);
    content.notes = read_column(header.notes_col);
    content.lanes_bbox_px =
        cv::Rect(lanes_left, row_rect.y, lanes_right - lanes_left, row_rect.height);
    for (const DetectedSymbol& symbol :
         detect_symbols(rule_free, content.lanes_bbox_px, page.dpi)) {
      const int centre_x = symbol.bbox_px.x + symbol.bbox_px.width / 2;
      for (std::size_t lane = 0; lane < header.lanes.size(); ++lane) {
        const int left = grid.col_rules_x_px[header.lanes[lane].first_col];
        const int right = grid.col_rules_x_px[header.lanes[lane].last_col + 1];
        if (centre_x < left || centre_x >= right) continue;
        const int outside =
            std::max(0, left - symbol.bbox_px.x) + std::max(0, symbol.bbox_px.br().x - right);
        content.symbols.push_back(
            {symbol, static_cast<int>(lane), outside * 4 > symbol.bbox_px.width});
        break;
      }
    }
    const bool empty_row =
        !content.number.has_ink && !content.activity.has_ink && content.symbols.empty();
    if (!empty_row) table.rows.push_back(std::move(content));
  }
  trace_step_arrows(table, grid, rule_free, lanes_left, lanes_right, page, reader);
  return table;
}

// The title line of a regulation's appendix table sits just above the table.
std::optional<CellText> read_title_line(const TableGrid& grid, const PageImage& page,
                                        CellReader& reader) {
  const int strip_height = std::min(grid.bbox_px.y, static_cast<int>(page.dpi * 1.2));
  if (strip_height < page.dpi / 6) return std::nullopt;
  CellText strip = reader.read(
      cv::Rect(grid.bbox_px.x, grid.bbox_px.y - strip_height, grid.bbox_px.width, strip_height));
  static const std::regex title(
      ".*?S\\s*T\\s*A\\s*N\\s*D\\s*A\\s*R\\s+OPERASIONAL\\s+PROSEDUR\\s*(?:\\(\\s*SOP\\s*\\))?\\s*("
      ".+)",
      std::regex::icase);
  std::smatch match;
  if (!std::regex_match(strip.text, match, title)) return std::nullopt;
  strip.text = normalize_text(match[1].str());
  if (strip.text.empty()) return std::nullopt;
  return strip;
}

// Strips the label and a following ':' from the first line; returns the rest with line breaks.
std::string value_after_label(const std::string& original, std::size_t label_end_in_first_line) {
  std::vector<std::string> lines = split_lines(original);
  if (lines.empty()) return {};
  std::string first = lines.front().size() > label_end_in_first_line
                          ? lines.front().substr(label_end_in_first_line)
                          : std::string();
  first = normalize_text(first);
  if (!first.empty() && first.front() == ':') first = normalize_text(first.substr(1));
  std::string value = first;
  for (std::size_t i = 1; i < lines.size(); ++i) value += (value.empty() ? "" : "\n") + lines[i];
  return value;
}

// The institution's name in a cell of the identity page, from its first keyword ("DINAS …") on:
// the logo above or beside it reads as stray letters.
std::optional<CellText> institution_name_in(const CellText& cell) {
  static const std::regex keywords(
      "\\b(PEMERINTAH|DINAS|BADAN|KANTOR|SEKRETARIAT|INSPEKTORAT|BAGIAN|BIRO|SATUAN|RUMAH SAKIT|"
      "KECAMATAN|KELURAHAN|UPT|BALAI|DIREKTORAT|KEMENTERIAN|LEMBAGA)\\b");
  std::smatch match;
  if (!std::regex_search(cell.original, match, keywords)) return std::nullopt;
  CellText name = cell;
  name.original = cell.original.substr(static_cast<std::size_t>(match.position(0)));
  name.text = normalize_text(unwrap_lines(name.original));
  return name;
}

// Accumulates what the identity page's tables say, cell by cell.
struct IdentityScan {
  IdentityContent identity;
  int labels_found = 0;
  std::vector<CellText> unlabelled;
};

void scan_identity_grid(const TableGrid& grid, const RuleMasks& rules, const PageImage& page,
                        CellReader& reader, IdentityScan& scan, int depth) {
  static const std::vector<std::string> label_texts = identity_label_texts();
  // A large cell may hold a ruled block of its own (the key/value table beside the logo).
  std::vector<std::optional<TableGrid>> inner(grid.cells.size());
  std::vector<CellText> texts(grid.cells.size());
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    const cv::Rect& box = grid.cells[i].bbox_px;
    if (depth < 3 && box.height > page.dpi / 2 && box.width > page.dpi) {
      TableGrid sub = detect_subgrid(rules, box, page.dpi);
      // A block of key/value rows has rows and columns; a lone underline (the approver's name)
      // or a signature stroke makes at most rows.
      if (sub.row_count() >= 2 && sub.col_count() >= 2) {
        inner[i] = std::move(sub);
        continue;
      }
    }
    texts[i] = reader.read(box);
  }
  std::vector<bool> used(grid.cells.size(), false);
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    if (inner[i]) {
      used[i] = true;
      scan_identity_grid(*inner[i], rules, page, reader, scan, depth + 1);
      continue;
    }
    const std::vector<std::string> lines = split_lines(texts[i].original);
    if (lines.empty()) continue;
    auto match = match_label_prefix(lines.front(), label_texts);
    if (!match) continue;
    const IdentityLabel& label = identity_labels()[match->index];
    ++scan.labels_found;
    used[i] = true;
    CellText value = texts[i];
    value.original = value_after_label(texts[i].original, match->end);
    value.text = normalize_text(unwrap_lines(value.original));
    // A key's value sits in the cell to its right (a speck under the label can read as "1"); a
    // list heading's items follow it in its own cell or fill the cell below.
    if (value.text.empty() || !label.is_list) {
      const GridCell& cell = grid.cells[i];
      for (int step = 0; step < 2; ++step) {
        const GridCell* neighbour = label.is_list
                                        ? grid.cell_at(cell.row + cell.row_span, cell.col)
                                        : grid.cell_at(cell.row, cell.col + cell.col_span + step);
        if (!neighbour) break;
        const auto index = static_cast<std::size_t>(neighbour - grid.cells.data());
        if (inner[index]) break;
        if (texts[index].text == ":" && !label.is_list) {
          used[index] = true;
          continue;
        }
        if (texts[index].text.empty() && !value.text.empty()) break;
        used[index] = true;
        value = texts[index];
        if (!value.text.empty() && value.text.front() == ':') {
          value.original = value.original.substr(value.original.find(':') + 1);
          value.text = normalize_text(unwrap_lines(value.original));
        }
        break;
      }
    }
    auto& target = label.is_list ? scan.identity.lists : scan.identity.fields;
    target.emplace(label.key, value);
  }
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    if (!used[i] && !texts[i].text.empty()) scan.unlabelled.push_back(texts[i]);
  }
}

std::optional<IdentityContent> read_identity(const std::vector<TableGrid>& grids,
                                             const RuleMasks& rules, const PageImage& page,
                                             CellReader& reader) {
  IdentityScan scan;
  for (const TableGrid& grid : grids) scan_identity_grid(grid, rules, page, reader, scan, 0);
  if (scan.labels_found < 2) return std::nullopt;
  // The institution block may be a cell of the table or text beside or above it.
  if (!grids.empty() && grids.front().bbox_px.x > page.dpi) {
    const cv::Rect left(0, grids.front().bbox_px.y, grids.front().bbox_px.x - page.dpi / 20,
                        grids.front().bbox_px.height);
    scan.unlabelled.push_back(reader.read(left));
  }
  if (!grids.empty() && grids.front().bbox_px.y > page.dpi) {
    scan.unlabelled.push_back(reader.read(cv::Rect(0, 0, page.gray.cols, grids.front().bbox_px.y)));
  }
  IdentityContent& identity = scan.identity;
  for (const CellText& cell : scan.unlabelled) {
    const std::optional<CellText> candidate = institution_name_in(cell);
    if (candidate &&
        (!identity.institution || candidate->text.size() > identity.institution->text.size())) {
      identity.institution = candidate;
    }
  }
  return identity;
}

// The page as OCR should see it: no dust, and no rules or underlines, which merge with the
// letters they touch (an underlined approver's name is often not read at all).
cv::Mat text_only(const cv::Mat& gray, const cv::Mat& ink, const cv::Mat& specks,
                  const RuleMasks& rules, int dpi) {
  cv::Mat clean = gray.clone();
  clean.setTo(255, specks);
  // Where a letter's stroke crosses the rule (a comma's tail through an underline), the rule's
  // pixels are the stroke's too: keep those, or "," reads as ".".
  const int reach = 2 * std::max(2, dpi / 60) + 1;
  const cv::Mat letters = ink & ~(rules.horizontal | rules.vertical);
  cv::Mat above_or_below;
  cv::Mat beside;
  cv::dilate(letters, above_or_below, cv::getStructuringElement(cv::MORPH_RECT, {1, reach}));
  cv::dilate(letters, beside, cv::getStructuringElement(cv::MORPH_RECT, {reach, 1}));
  clean.setTo(255, (rules.horizontal & ~above_or_below) | (rules.vertical & ~beside));
  return clean;
}

// Tables in blue, cells in green, step symbols in red with their kind, traced arrows in magenta
// (symbol centre to symbol centre, a dot at the target; a stub down for an arrow off the page),
// for a person to check.
void write_overlay(const std::filesystem::path& png, const PageImage& page,
                   const std::vector<TableGrid>& grids, const PageContent& content) {
  cv::Mat overlay;
  cv::cvtColor(page.gray, overlay, cv::COLOR_GRAY2BGR);
  const int thickness = std::max(2, page.dpi / 100);
  for (const TableGrid& grid : grids) {
    for (const GridCell& cell : grid.cells) {
      cv::rectangle(overlay, cell.bbox_px, {0, 160, 0}, thickness);
    }
    cv::rectangle(overlay, grid.bbox_px, {255, 0, 0}, thickness * 2);
  }
  if (content.steps) {
    for (const StepRowContent& row : content.steps->rows) {
      cv::rectangle(overlay, row.lanes_bbox_px, {0, 200, 255}, thickness);
      for (const PlacedSymbol& placed : row.symbols) {
        cv::rectangle(overlay, placed.symbol.bbox_px, {0, 0, 255}, thickness * 2);
        cv::putText(overlay,
                    std::string(to_string(placed.symbol.kind)) + " L" + std::to_string(placed.lane),
                    placed.symbol.bbox_px.tl() + cv::Point(0, -6), cv::FONT_HERSHEY_SIMPLEX,
                    page.dpi / 300.0, {0, 0, 255}, thickness);
      }
    }
    const auto& rows = content.steps->rows;
    auto centre_of = [](const StepRowContent& row) {
      const cv::Rect& box = row.symbols.front().symbol.bbox_px;
      return (box.tl() + box.br()) / 2;
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].symbols.empty()) continue;
      for (const StepArrow& arrow : rows[r].arrows_out) {
        const cv::Point from = centre_of(rows[r]);
        if (arrow.connector_mark) {
          cv::line(overlay, from, from + cv::Point(0, page.dpi / 3), {255, 0, 255}, thickness);
          continue;
        }
        const long target = static_cast<long>(r) + arrow.row_offset.value_or(0);
        if (target < 0 || target >= static_cast<long>(rows.size()) || rows[target].symbols.empty())
          continue;
        const cv::Point to = centre_of(rows[target]);
        cv::line(overlay, from, to, {255, 0, 255}, thickness);
        cv::circle(overlay, to, thickness * 4, {255, 0, 255}, cv::FILLED);
      }
    }
  }
  // Small enough to open at once in any viewer; detail enough to see a misplaced rule.
  const double scale = std::min(1.0, 1800.0 / std::max(overlay.cols, overlay.rows));
  cv::resize(overlay, overlay, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::imwrite(png.string(), overlay);
}

void write_debug_files(const std::filesystem::path& stem, const PageImage& page,
                       const std::vector<TableGrid>& grids, const PageContent& content,
                       const CellReader* reader) {
  if (stem.empty()) return;
  std::filesystem::create_directories(stem.parent_path());
  write_overlay(stem.string() + ".png", page, grids, content);
  nlohmann::json dump = to_debug_json(content);
  dump["grids"] = nlohmann::json::array();
  for (const TableGrid& grid : grids) {
    dump["grids"].push_back(
        {{"bbox", {grid.bbox_px.x, grid.bbox_px.y, grid.bbox_px.width, grid.bbox_px.height}},
         {"row_rules_y", grid.row_rules_y_px},
         {"col_rules_x", grid.col_rules_x_px},
         {"cells", grid.cells.size()}});
  }
  dump["readings"] = nlohmann::json::array();
  if (reader) {
    for (const CellText& cell : reader->readings()) dump["readings"].push_back(to_debug_json(cell));
  }
  std::ofstream json(stem.string() + ".json");
  json << dump.dump(2) << '\n';
}

}  // namespace

PageContent analyze_page(const PageImage& raw_page, OcrEngine& ocr,
                         const PageAnalysisOptions& options) {
  PageContent content;
  content.page_number = raw_page.page_number;
  content.dpi = raw_page.dpi;
  // A born-digital page is upright and level as drawn, and its text layer says what it reads.
  const bool use_text_layer = has_usable_text_layer(raw_page);
  const PageImage page = use_text_layer ? raw_page : deskew(make_upright(raw_page, ocr));
  content.text_from_layer = use_text_layer;
  content.rotation_degrees = page.rotation_degrees;
  content.skew_degrees = page.skew_degrees;
  const cv::Mat ink = binarize_ink(page.gray, page.dpi);
  const RuleMasks rules = extract_rule_masks(ink, page.dpi);
  const std::vector<TableGrid> grids = detect_grids(rules, ink.size(), page.dpi);
  if (grids.empty()) {
    write_debug_files(options.debug_stem, page, grids, content, nullptr);
    return content;
  }
  // A cell holding only specks, or the edge of a rule, is empty: OCR would binarise its bare
  // paper into letters.
  const cv::Mat specks = speck_mask(ink, page.dpi);
  const cv::Mat text_ink = ink & ~(specks | rules.horizontal | rules.vertical);
  cv::Mat ocr_image;
  if (!use_text_layer) {
    ocr_image = text_only(page.gray, ink, specks, rules, page.dpi);
    ocr.set_page(ocr_image, page.dpi);
  }
  CellReader reader(page, text_ink, ocr, use_text_layer);

  for (const TableGrid& grid : grids) {
    if (auto header = find_step_header(grid, ink, page.dpi, reader)) {
      if (header->lanes.empty()) {
        content.problems.push_back("step table without swimlane columns");
        continue;
      }
      StepTableContent table = read_step_table(grid, *header, page, ink, reader);
      table.title_line = read_title_line(grid, page, reader);
      if (!content.steps) {
        content.steps = std::move(table);
      } else {
        for (StepRowContent& row : table.rows) content.steps->rows.push_back(std::move(row));
      }
    }
  }
  if (content.steps) {
    content.kind = PageKind::step_table;
  } else if (auto identity = read_identity(grids, rules, page, reader)) {
    content.kind = PageKind::identity;
    content.identity = std::move(identity);
  }
  write_debug_files(options.debug_stem, page, grids, content, &reader);
  return content;
}

}  // namespace sopocr
