// The roles of a ruled table's columns, read from its header: which column holds the step
// numbers, the activities, each swimlane (Pelaksana), Kelengkapan, Waktu, Output, Keterangan.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <vector>

#include "cell_reader.h"
#include "grid.h"

namespace sopocr {

// One swimlane: the atomic grid columns under its name, first to last inclusive, and where its
// name is printed (empty when the header has no row for it).
struct LaneColumns {
  int first_col = 0;
  int last_col = 0;
  cv::Rect name_box_px;
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

// The header of a step table (PermenPAN-RB 35/2012) in the top rows of `grid`, or nullopt when
// the grid is no step table: it needs an activity column and either "Pelaksana" or a Mutu Baku
// label after the lanes. Roles come from where the label words sit over the table's columns,
// not from how the header cells merged: a rule broken in the header leaves two labels in one
// cell. `ink` is the page's ink mask, for rules the grid did not split on.
//
// With `ActivityLabel::may_be_unread`, a header whose activity label garbled past matching
// ("Alanatas" at low resolution) is still taken where Pelaksana stands with two of the Mutu
// Baku and Keterangan labels after it, in that order (an identity page's lists name Pelaksana
// and Perlengkapan, no more): the activity is the widest column before the lanes. The symbols
// (find_step_header_by_symbols) and the words of a table whose rules were lost place a table's
// roles better where they can, so this is the last resort.
enum class ActivityLabel { must_read, may_be_unread };
std::optional<StepHeader> find_step_header(const TableGrid& grid, const cv::Mat& ink, int dpi,
                                           CellReader& reader,
                                           ActivityLabel activity_label = ActivityLabel::must_read);

// The roles of a step table whose header labels were not read (lost to low resolution, faint
// print, a stamp), from its body: the swimlanes are the columns holding flowchart symbols, the
// activity the widest column left of them, the number a narrow one before it; right of them
// Kelengkapan, Waktu, Output and Keterangan in the order PermenPAN-RB 35/2012 prints them, placed
// by the column whose cells read as durations. nullopt unless symbols stand in three rows or
// more with a column left of them. `rule_free_ink` is the ink mask with the grid's rules erased.
std::optional<StepHeader> find_step_header_by_symbols(const TableGrid& grid,
                                                      const cv::Mat& rule_free_ink, int dpi,
                                                      CellReader& reader);

}  // namespace sopocr
