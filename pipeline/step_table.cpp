#include "step_table.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

#include "arrows.h"
#include "labels.h"
#include "line_joining.h"
#include "ocr_words.h"
#include "symbols.h"
#include "table_roles.h"
#include "text.h"
#include "title_line.h"

namespace sopocr {
namespace {

// A scan's faded stretch or a broken outline leaves a symbol's side open by up to 3 mm.
constexpr double kLongestOutlineBreakInches = 0.13;

cv::Rect cell_rect(const TableGrid& grid, int row, int col, int row_span = 1, int col_span = 1) {
  const int x0 = grid.col_rules_x_px[col];
  const int x1 = grid.col_rules_x_px[col + col_span];
  const int y0 = grid.row_rules_y_px[row];
  const int y1 = grid.row_rules_y_px[row + row_span];
  return {x0, y0, x1 - x0, y1 - y0};
}

// The column-number row (1 2 3 ...) under the header is not a step: no words (a speck or two
// aside) under Uraian Kegiatan, and "2" there, or, where that was lost, bare numbers in two of
// the columns after the lanes. The "1" under No is not needed: it is often misread.
bool is_column_number_row(const StepRowContent& row) {
  const std::string& activity = row.activity.text;
  if (letters_only(activity).size() > 3) return false;
  const std::size_t first_digit = activity.find_first_of("0123456789");
  if (first_digit != std::string::npos && activity[first_digit] == '2') return true;
  auto bare_number = [](const CellText& cell) {
    return !cell.text.empty() && std::all_of(cell.text.begin(), cell.text.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
  };
  const int numbered = bare_number(row.requirements) + bare_number(row.duration) +
                       bare_number(row.outputs) + bare_number(row.notes);
  return numbered >= 2;
}

// Where the scan garbled the numbers under Uraian Kegiatan and Mutu Baku, the column-number row
// is still known by its other cells, the lanes' included: most of them hold a bare number ("3",
// "4.", "3 4" where a lost rule joined two), rising from left to right. A step's row holds words,
// and symbols in its lanes; an arrow's line down a lane that OCR reads as "1" does not rise.
bool numbered_across(const TableGrid& grid, int row, CellReader& reader) {
  // The first number of a cell that holds nothing but numbers, with their stray marks.
  auto first_number = [](const std::string& text) -> std::optional<int> {
    std::istringstream words(text);
    std::optional<int> first;
    for (std::string word; words >> word;) {
      const auto is_alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)); };
      const auto begin = std::find_if(word.begin(), word.end(), is_alnum);
      const auto end = std::find_if(word.rbegin(), word.rend(), is_alnum).base();
      constexpr long kLongestColumnNumber = 2;
      if (begin >= end || end - begin > kLongestColumnNumber ||
          !std::all_of(begin, end,
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        return std::nullopt;
      }
      if (!first) first = std::stoi(std::string(begin, end));
    }
    return first;
  };
  int read = 0;
  int rising = 0;
  int last_number = -1;
  for (const GridCell& cell : grid.cells) {  // row-major: left to right along the row
    if (cell.row != row) continue;
    const std::string text = reader.read(cell.bbox_px).text;
    if (text.empty()) continue;
    ++read;
    const std::optional<int> number = first_number(text);
    if (number && *number > last_number) {
      ++rising;
      last_number = *number;
    }
  }
  constexpr int kLeastNumberedCells = 4;
  return rising >= kLeastNumberedCells && 2 * rising >= read;
}

// The activity-column cells below the header, top to bottom: one per step. Arrows crossing
// several lanes can add rules that split a row in the lanes, never across "Uraian Kegiatan". A
// cell that a broken rule joined to the header keeps only its rows below the header, and one
// joined to its number's cell only the columns after the number's ("2 Memperbaiki ...").
std::vector<GridCell> step_cells(const TableGrid& grid, const StepHeader& header) {
  std::vector<GridCell> cells;
  for (const GridCell& cell : grid.cells) {
    const int end = cell.row + cell.row_span;
    if (cell.col > *header.activity_col || cell.col + cell.col_span <= *header.activity_col ||
        end <= header.body_start_row) {
      continue;
    }
    GridCell body = cell;
    if (body.row < header.body_start_row) {
      body.row = header.body_start_row;
      body.row_span = end - body.row;
      const int top = grid.row_rules_y_px[body.row];
      body.bbox_px.height = body.bbox_px.br().y - top;
      body.bbox_px.y = top;
    }
    if (header.number_col && *header.number_col < *header.activity_col &&
        body.col <= *header.number_col) {
      const int left = grid.col_rules_x_px[*header.number_col + 1];
      body.col_span -= *header.number_col + 1 - body.col;
      body.col = *header.number_col + 1;
      body.bbox_px.width = body.bbox_px.br().x - left;
      body.bbox_px.x = left;
    }
    cells.push_back(body);
  }
  return cells;
}

// The columns right of the lanes that hold a step's own text: Kelengkapan, Waktu, Output and
// Keterangan, where the table has them.
std::vector<int> mutu_baku_columns(const StepHeader& header) {
  std::vector<int> columns;
  for (const std::optional<int>& col :
       {header.requirements_col, header.duration_col, header.output_col, header.notes_col}) {
    if (col) columns.push_back(*col);
  }
  return columns;
}

// Some tables print a step's activity as sub-items ("a. …", "b. …"), each in a cell of its own,
// with rules across the activity column only: one step, one number, one Kelengkapan and Waktu.
// Two activity cells are one step where the number cell spans both, and so do most cells of the
// columns right of the lanes. The lanes are not asked: an arrow across them adds rules of its
// own. A faded stretch of a step's rule parts no cell on both sides of the activity column at
// once. Without a number column there is too little to tell sub-items from steps whose rules
// went unseen (a dotted table at a low resolution), and the cells stay apart.
std::vector<GridCell> join_sub_item_cells(const TableGrid& grid, const StepHeader& header,
                                          std::vector<GridCell> cells) {
  if (!header.number_col) return cells;
  const std::vector<int> text_columns = mutu_baku_columns(header);
  auto spans_boundary = [&](int col, int row_above, int row_below) {
    const GridCell* above = grid.cell_at(row_above, col);
    return above && above == grid.cell_at(row_below, col);
  };
  std::vector<GridCell> joined;
  for (const GridCell& cell : cells) {
    if (!joined.empty()) {
      GridCell& last = joined.back();
      const int above = last.row + last.row_span - 1;
      int spanning = 0;
      for (int col : text_columns) spanning += spans_boundary(col, above, cell.row);
      const bool number_spans = spans_boundary(*header.number_col, above, cell.row);
      if (cell.row == above + 1 && text_columns.size() >= 2 && number_spans &&
          3 * spanning >= 2 * static_cast<int>(text_columns.size())) {
        last.row_span = cell.row + cell.row_span - last.row;
        last.bbox_px |= cell.bbox_px;
        continue;
      }
    }
    joined.push_back(cell);
  }
  return joined;
}

// A step's rule faded or broken across the number and activity columns leaves two steps in one
// activity cell, while the columns right of the lanes, where the rule held, still part them
// (a dotted rule faded over 15 mm runs across a 10 mm No column and half an activity column).
// The activity cell is parted again at such a rule where most of those columns are and each
// part holds text of its own. A sub-item's rule is the other way round: it parts the activity
// column and none of the others (join_sub_item_cells).
std::vector<GridCell> part_steps_a_faded_rule_joined(const TableGrid& grid,
                                                     const StepHeader& header,
                                                     const std::vector<GridCell>& cells,
                                                     CellReader& reader) {
  const std::vector<int> text_columns = mutu_baku_columns(header);
  if (text_columns.empty()) return cells;
  auto part = [&](const GridCell& cell, int first_row, int end_row) {
    GridCell piece = cell;
    piece.row = first_row;
    piece.row_span = end_row - first_row;
    const int top = grid.row_rules_y_px[first_row];
    piece.bbox_px.y = top;
    piece.bbox_px.height = grid.row_rules_y_px[end_row] - top;
    return piece;
  };
  std::vector<GridCell> parted;
  for (const GridCell& cell : cells) {
    const int end_row = cell.row + cell.row_span;
    int first_row = cell.row;
    for (int rule = cell.row + 1; rule < end_row; ++rule) {
      int columns_parted = 0;
      for (int col : text_columns) {
        columns_parted += grid.cell_at(rule - 1, col) != grid.cell_at(rule, col);
      }
      if (3 * columns_parted < 2 * static_cast<int>(text_columns.size())) continue;
      const GridCell upper = part(cell, first_row, rule);
      const GridCell lower = part(cell, rule, end_row);
      if (!reader.read(upper.bbox_px).has_ink || !reader.read(lower.bbox_px).has_ink) continue;
      parted.push_back(upper);
      first_row = rule;
    }
    parted.push_back(part(cell, first_row, end_row));
  }
  return parted;
}

// Rows [begin, end) of `box` in `ink` holding a line of text: runs of rows with ink at least a
// quarter of `min_height` tall (a rule's remnant or a speck is thinner).
std::vector<std::pair<int, int>> inked_lines(const cv::Mat& ink, const cv::Rect& box,
                                             int min_height) {
  cv::Mat row_ink;
  cv::reduce(ink(box & cv::Rect(0, 0, ink.cols, ink.rows)) / 255, row_ink, 1, cv::REDUCE_SUM,
             CV_32S);
  std::vector<std::pair<int, int>> lines;
  int top = -1;
  for (int row = 0; row <= row_ink.rows; ++row) {
    const bool inked = row < row_ink.rows && row_ink.at<int>(row) > 0;
    if (inked && top < 0) top = row;
    if (inked || top < 0) continue;
    if (4 * (row - top) >= min_height) lines.emplace_back(box.y + top, box.y + row);
    top = -1;
  }
  return lines;
}

// A step's rule faded across the whole table leaves two steps one cell in every column, and the
// grid no rule to part them at. Their numbers still stand apart in the number column, each level
// with its step's first line, where OCR may not read a lone digit in a tall cell: a cell whose
// number column holds a second mark of its first number's height, more than two lines below
// it, level with a line of the activity column that follows a blank line, is parted just above
// that mark, as far above it as the first number stands below the cell's top (the row's
// padding, measured on the page). The sequence of the step numbers then settles what the mark
// reads. The parts keep the cell's atomic rows: they are told apart by their boxes.
std::vector<GridCell> part_steps_by_their_numbers(const TableGrid& grid, const StepHeader& header,
                                                  const std::vector<GridCell>& cells,
                                                  const cv::Mat& ink, int dpi) {
  if (!header.number_col) return cells;
  // Clear of the rules round the cell, of a column rule a little aslant too.
  const int rule_margin = std::max(2, dpi / 60);
  const int column_rule_margin = std::max(3, dpi / 25);
  auto interior = [&](const cv::Rect& box) {
    return cv::Rect(box.x + column_rule_margin, box.y + rule_margin,
                    box.width - 2 * column_rule_margin, box.height - 2 * rule_margin);
  };
  const int smallest_number = std::max(4, dpi / 30);  // 5 pt type
  std::vector<GridCell> parted;
  for (const GridCell& cell : cells) {
    const cv::Rect number_box =
        interior(cell_rect(grid, cell.row, *header.number_col, cell.row_span, 1));
    const cv::Rect activity_box = interior(cell.bbox_px);
    if (number_box.width <= 0 || number_box.height <= 0 || activity_box.height <= 0) {
      parted.push_back(cell);
      continue;
    }
    // The first mark a number's height is the step's number: a rule's ragged edge or a speck may
    // lie above it.
    auto numbers = inked_lines(ink, number_box, smallest_number);
    const auto first = std::find_if(numbers.begin(), numbers.end(), [&](auto line) {
      return line.second - line.first >= smallest_number;
    });
    numbers.erase(numbers.begin(), first);
    if (numbers.size() < 2) {
      parted.push_back(cell);
      continue;
    }
    const int number_height = numbers.front().second - numbers.front().first;
    // Lines of text at least half a number's height: a remnant of the faded rule or a speck
    // would close the blank line before a step's first line.
    const auto activity_lines = inked_lines(ink, activity_box, 2 * number_height);
    const int padding = std::max(1, numbers.front().first - cell.bbox_px.y);
    int top = cell.bbox_px.y;
    int last_number_bottom = numbers.front().second;
    for (std::size_t i = 1; i < numbers.size(); ++i) {
      const auto [begin, end] = numbers[i];
      const int height = end - begin;
      const bool number_sized = 3 * height >= 2 * number_height && 2 * height <= 3 * number_height;
      const bool far_below = begin - last_number_bottom > 2 * number_height;
      // The activity's line level with it, after a blank line: a step's first line.
      const auto level = std::find_if(activity_lines.begin(), activity_lines.end(), [&](auto line) {
        return std::abs(line.first - begin) <= number_height / 2;
      });
      const bool starts_a_step =
          level != activity_lines.end() &&
          (level == activity_lines.begin() || level->first - (level - 1)->second >= number_height);
      if (!number_sized || !far_below || !starts_a_step) continue;
      const int boundary = begin - padding;
      GridCell upper = cell;
      upper.bbox_px.y = top;
      upper.bbox_px.height = boundary - top;
      parted.push_back(upper);
      top = boundary;
      last_number_bottom = end;
    }
    GridCell last = cell;
    last.bbox_px.y = top;
    last.bbox_px.height = cell.bbox_px.br().y - top;
    parted.push_back(last);
  }
  return parted;
}

// How far either side of a rule's middle its erasure reaches: a rule's width and its blur.
int erased_rule_half_width(int dpi) { return std::max(3, dpi / 60); }

// The ink mask without the table's rules, so that symbols and arrows stand alone, with the
// lines that crossed a rule bridged. What the grid took for a rule but is an arrow stays: a
// column rule inside a lane, a body row rule that bounds no step.
cv::Mat erase_rules(const cv::Mat& ink, const TableGrid& grid, const StepHeader& header,
                    const std::vector<GridCell>& steps, int dpi) {
  std::vector<bool> row_rule_is_real(grid.row_rules_y_px.size(), false);
  for (int r = 0; r <= header.body_start_row && r < grid.row_count() + 1; ++r) {
    row_rule_is_real[r] = true;
  }
  for (const GridCell& step : steps) {
    row_rule_is_real[step.row] = true;
    row_rule_is_real[step.row + step.row_span] = true;
  }
  std::vector<bool> col_rule_is_real(grid.col_rules_x_px.size(), true);
  for (const LaneColumns& lane : header.lanes) {
    for (int c = lane.first_col + 1; c <= lane.last_col; ++c) col_rule_is_real[c] = false;
  }

  cv::Mat rule_free = ink.clone();
  std::vector<cv::Rect> erased;
  const int half = erased_rule_half_width(dpi);
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

// `rule_free` with the ink of the lanes' rules (their edges and the rules between them) put back
// within `band`, one row of the lanes.
cv::Mat with_lane_rules_kept(const cv::Mat& rule_free, const cv::Mat& ink, const TableGrid& grid,
                             const StepHeader& header, const cv::Rect& band, int dpi) {
  cv::Mat kept = rule_free.clone();
  const int half = erased_rule_half_width(dpi);
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  for (const LaneColumns& lane : header.lanes) {
    for (const int col : {lane.first_col, lane.last_col + 1}) {
      const int x = grid.col_rules_x_px[col];
      const cv::Rect rule = cv::Rect(x - half, band.y, 2 * half + 1, band.height) & page;
      ink(rule).copyTo(kept(rule));
    }
  }
  return kept;
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
    PlacedSymbol* placed = nullptr;  // in table.rows[row].symbols; null for a connector under it
  };
  std::vector<Node> nodes;
  std::vector<cv::Rect> boxes;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (PlacedSymbol& placed : table.rows[r].symbols) {
      nodes.push_back({static_cast<int>(r), &placed.symbol, &placed});
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

  // PermenPAN-RB 35/2012 labels a decision's branches ("Ya" / "Tidak") beside their exits.
  auto branch_label = [&](const Node& from,
                          const std::optional<cv::Rect>& label_bbox) -> std::optional<CellText> {
    if (from.symbol->kind != SymbolKind::decision || !label_bbox) return std::nullopt;
    const int margin = page.dpi / 40 + 3;
    const cv::Rect label = *label_bbox;
    return reader.read(cv::Rect(label.x - margin, label.y - margin, label.width + 2 * margin,
                                label.height + 2 * margin));
  };
  auto is_connector_node = [&](const Node& node) {
    return node.row < 0 || is_connector(node.symbol->kind);
  };
  // The flow enters a step from the steps above it or from an off-page connector; a branch
  // looping back up into a row's other symbol is not how the step is reached in order.
  const auto flow_enters = [&](const Node& from, const Node& to) {
    if (to.placed && (is_connector_node(from) || from.row < to.row)) to.placed->flow_enters = true;
  };
  for (const TracedArrow& arrow : trace.arrows) {
    const Node& from = nodes[arrow.from];
    const Node& to = nodes[arrow.to];
    if (is_connector_node(from) && is_connector_node(to)) continue;
    flow_enters(from, to);
    if (is_connector_node(from)) {
      table.rows[to.row].arrives_from_connectors.push_back(
          connector_glyph(rule_free, from.symbol->bbox_px, page.dpi));
      continue;
    }
    StepArrow step_arrow;
    step_arrow.joined_across_gap = arrow.joined_across_gap;
    if (is_connector_node(to)) {
      step_arrow.connector_mark = connector_glyph(rule_free, to.symbol->bbox_px, page.dpi);
    } else if (to.row != from.row) {
      step_arrow.row_offset = to.row - from.row;
    } else {
      continue;  // between two symbols of one step
    }
    step_arrow.label = branch_label(from, arrow.label_bbox_px);
    add_arrow(table.rows[from.row].arrows_out, std::move(step_arrow));
  }
  // A headless line runs from the step above to the step below: the table lists the steps in
  // the order they happen. But only a decision branches: where the step above is none and
  // already has its way out, an arrow with its head, a line from it down to a decision is that
  // decision's branch looping back up into it.
  const auto has_its_way_out = [&](const Node& step) {
    const std::vector<StepArrow>& out = table.rows[step.row].arrows_out;
    return step.symbol->kind != SymbolKind::decision &&
           std::any_of(out.begin(), out.end(),
                       [](const StepArrow& arrow) { return !arrow.headless; });
  };
  for (const TracedArrow& line : trace.headless) {
    const Node& a = nodes[line.from];
    const Node& b = nodes[line.to];
    if (is_connector_node(a) || is_connector_node(b) || a.row == b.row) continue;
    const Node& upper = a.row < b.row ? a : b;
    const Node& lower = a.row < b.row ? b : a;
    const bool loops_back = lower.symbol->kind == SymbolKind::decision && has_its_way_out(upper);
    const Node& from = loops_back ? lower : upper;
    const Node& to = loops_back ? upper : lower;
    flow_enters(from, to);
    StepArrow step_arrow;
    step_arrow.row_offset = to.row - from.row;
    step_arrow.headless = true;
    step_arrow.joined_across_gap = line.joined_across_gap;
    // The label sits by the end the line leaves from.
    step_arrow.label =
        branch_label(from, &from == &a ? line.label_bbox_px : line.end_label_bbox_px);
    add_arrow(table.rows[from.row].arrows_out, std::move(step_arrow));
  }
  for (int symbol : trace.loose_starts) {
    if (nodes[symbol].row >= 0) ++table.rows[nodes[symbol].row].loose_arrow_starts;
  }
  for (int symbol : trace.loose_ends) {
    if (nodes[symbol].row >= 0) ++table.rows[nodes[symbol].row].arrivals_from_nowhere;
  }
}

// A lane's name whose cell a broken rule joined to the column-number row ends in that row's
// number, on a line of its own: no part of the name.
CellText without_column_number(CellText name) {
  auto bare_numeral = [](const OcrWord& word) {
    return !word.text.empty() && std::all_of(word.text.begin(), word.text.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == '.';
    });
  };
  bool trimmed = false;
  while (!name.words.empty()) {
    const int last_line = name.words.back().line;
    const auto line_start =
        std::find_if(name.words.begin(), name.words.end(),
                     [&](const OcrWord& word) { return word.line == last_line; });
    if (line_start == name.words.begin() ||
        !std::all_of(line_start, name.words.end(), bare_numeral)) {
      break;
    }
    name.words.erase(line_start, name.words.end());
    trimmed = true;
  }
  if (trimmed) {
    name.original = reading_of(name.words);
    name.text = normalize_text(unwrap_lines(name.original));
  }
  return name;
}

StepTableContent read_step_table(const TableGrid& grid, const StepHeader& header,
                                 const PageImage& page, const cv::Mat& ink, CellReader& reader) {
  StepTableContent table;
  for (const LaneColumns& lane : header.lanes) {
    table.lane_names.push_back(lane.name_box_px.empty()
                                   ? CellText{}
                                   : without_column_number(reader.read(lane.name_box_px)));
  }
  const std::vector<GridCell> steps = part_steps_by_their_numbers(
      grid, header,
      part_steps_a_faded_rule_joined(
          grid, header, join_sub_item_cells(grid, header, step_cells(grid, header)), reader),
      ink, page.dpi);
  const cv::Mat rule_free = erase_rules(ink, grid, header, steps, page.dpi);
  const int lanes_left = grid.col_rules_x_px[header.lanes.front().first_col];
  const int lanes_right = grid.col_rules_x_px[header.lanes.back().last_col + 1];
  const int min_row_height = page.dpi / 8;

  for (const GridCell& activity_cell : steps) {
    const int row = activity_cell.row;
    // The step's band of the table: its atomic rows, or the part of them its number stands
    // beside where a faded rule left two steps in one row (part_steps_by_their_numbers).
    const int top = activity_cell.bbox_px.y;
    const int height = activity_cell.bbox_px.height;
    if (height < min_row_height) continue;
    auto column_box = [&](int col) {
      const cv::Rect column = cell_rect(grid, row, col, activity_cell.row_span, 1);
      return cv::Rect(column.x, top, column.width, height);
    };
    auto read_column = [&](std::optional<int> col) -> CellText {
      return col ? reader.read(column_box(*col)) : CellText{};
    };
    StepRowContent content;
    content.page = page.page_number;
    if (header.number_col) content.number = reader.read_number(column_box(*header.number_col));
    content.activity = reader.read(activity_cell.bbox_px);
    content.requirements = read_column(header.requirements_col);
    content.duration = read_column(header.duration_col);
    content.outputs = read_column(header.output_col);
    content.notes = read_column(header.notes_col);
    if (row == header.body_start_row &&
        (is_column_number_row(content) || numbered_across(grid, row, reader))) {
      continue;
    }
    content.lanes_bbox_px = cv::Rect(lanes_left, top, lanes_right - lanes_left, height);
    std::vector<DetectedSymbol> symbols =
        detect_symbols(rule_free, content.lanes_bbox_px, page.dpi);
    // Every step has its symbol: in a row without one, look again across longer breaks, and
    // then for a box by its sides. The connectors where a flow resumes on this page's first row
    // are no step's symbol.
    const auto no_step_symbol = [](const std::vector<DetectedSymbol>& found) {
      return std::all_of(found.begin(), found.end(),
                         [](const DetectedSymbol& symbol) { return is_connector(symbol.kind); });
    };
    // A symbol drawn wider than its lane reaches past the lanes' outer rule: looked for again,
    // the band reaches a little past them (its centre still places it in a lane).
    const int overflow = page.dpi / 10;
    const cv::Rect past_the_lanes = cv::Rect(content.lanes_bbox_px.x - overflow, top,
                                             content.lanes_bbox_px.width + 2 * overflow, height) &
                                    cv::Rect(0, 0, ink.cols, ink.rows);
    if (no_step_symbol(symbols)) {
      SymbolParams bridging;
      bridging.outline_gap_inches = kLongestOutlineBreakInches;
      symbols = detect_symbols(rule_free, past_the_lanes, page.dpi, bridging);
    }
    const auto take_a_box_by_its_sides = [&](const cv::Mat& searched) {
      for (const DetectedSymbol& box : boxes_from_sides(searched, past_the_lanes, page.dpi)) {
        const bool on_a_connector =
            std::any_of(symbols.begin(), symbols.end(), [&](const DetectedSymbol& connector) {
              return (box.bbox_px & connector.bbox_px).area() > 0;
            });
        if (on_a_connector) continue;
        symbols.push_back(box);
        return;
      }
    };
    if (no_step_symbol(symbols)) take_a_box_by_its_sides(rule_free);
    // A box drawn as wide as its lane has a side on the lane's rule, which went with the rule:
    // its sides are looked for once more with the lanes' rules in this row left in.
    if (no_step_symbol(symbols)) {
      take_a_box_by_its_sides(
          with_lane_rules_kept(rule_free, ink, grid, header, past_the_lanes, page.dpi));
    }
    for (const DetectedSymbol& symbol : symbols) {
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

// The page's step tables whose header `find_header` finds, rows in one table top to bottom.
template <typename FindHeader>
std::optional<StepTableContent> read_tables_with(const PreparedPage& prepared, CellReader& reader,
                                                 std::vector<std::string>& problems,
                                                 FindHeader find_header) {
  std::optional<StepTableContent> steps;
  for (const TableGrid& grid : prepared.grids) {
    auto header = find_header(grid);
    if (!header) continue;
    if (header->lanes.empty()) {
      problems.push_back("step table without swimlane columns");
      continue;
    }
    StepTableContent table = read_step_table(grid, *header, prepared.page, prepared.ink, reader);
    table.title_line = read_title_line(grid, prepared.page, reader);
    if (!steps) {
      steps = std::move(table);
    } else {
      for (StepRowContent& row : table.rows) steps->rows.push_back(std::move(row));
    }
  }
  return steps;
}

}  // namespace

std::optional<StepTableContent> read_step_tables(const PreparedPage& prepared, CellReader& reader,
                                                 std::vector<std::string>& problems,
                                                 ActivityLabel activity_label) {
  return read_tables_with(prepared, reader, problems, [&](const TableGrid& grid) {
    return find_step_header(grid, prepared.ink, prepared.page.dpi, reader, activity_label);
  });
}

std::optional<StepTableContent> read_unlabelled_step_tables(const PreparedPage& prepared,
                                                            CellReader& reader,
                                                            std::vector<std::string>& problems) {
  CellText header_area;
  header_area.page = prepared.page.page_number;
  auto steps = read_tables_with(prepared, reader, problems, [&](const TableGrid& grid) {
    StepHeader every_rule;
    every_rule.body_start_row = grid.row_count();
    const cv::Mat rule_free = erase_rules(prepared.ink, grid, every_rule, {}, prepared.page.dpi);
    auto header = find_step_header_by_symbols(grid, rule_free, prepared.page.dpi, reader);
    if (header && header_area.bbox_px.empty()) {
      header_area.bbox_px = cell_rect(grid, 0, 0, header->body_start_row, grid.col_count());
    }
    return header;
  });
  if (steps) steps->unread_header = header_area;
  return steps;
}

}  // namespace sopocr
