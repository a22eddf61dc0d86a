#include "table_roles.h"

#include <opencv2/imgproc.hpp>

#include "labels.h"

namespace sopocr {
namespace {

struct HeaderCell {
  StepColumn column;
  const GridCell* cell;
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

}  // namespace

std::optional<StepHeader> find_step_header(const TableGrid& grid, const cv::Mat& ink, int dpi,
                                           CellReader& reader) {
  const int header_rows = std::min(3, grid.row_count());
  std::vector<HeaderCell> found;
  for (const GridCell& cell : grid.cells) {
    if (cell.row >= header_rows) break;
    const CellText text = reader.read(cell.bbox_px);
    if (auto column = step_column_of(text.text)) found.push_back({*column, &cell});
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

}  // namespace sopocr
