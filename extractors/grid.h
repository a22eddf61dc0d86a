// Ruled-table detection: finds the tables drawn with rules on a page and their cells, including
// cells merged across rows or columns (the "Pelaksana" and "Mutu Baku" header cells).
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace sopocr {

// Ink that belongs to long straight rules, split by direction (255 = rule).
struct RuleMasks {
  cv::Mat horizontal;
  cv::Mat vertical;
};

struct GridCell {
  int row = 0;  // index of the first atomic row the cell covers
  int col = 0;
  int row_span = 1;
  int col_span = 1;
  cv::Rect bbox_px;  // from rule centre to rule centre
};

struct TableGrid {
  cv::Rect bbox_px;
  std::vector<int> row_rules_y_px;  // ascending; atomic row r lies between [r] and [r + 1]
  std::vector<int> col_rules_x_px;  // ascending; atomic column c lies between [c] and [c + 1]
  std::vector<GridCell> cells;  // row-major by (row, col) of their top-left atom; no two overlap
  // Atoms joined into a shape no rectangle fills (an L), each by its bounding box, which its
  // rectangles in `cells` tile with the cells inside it. Across a whole table such a shape says
  // the table's rules do not part this region (an identity page's key rows beside the
  // letterhead, under the column rules of the lists below): a region whose own rules, found
  // inside it (detect_subgrid), may.
  std::vector<cv::Rect> joined_regions_px;

  int row_count() const { return static_cast<int>(row_rules_y_px.size()) - 1; }
  int col_count() const { return static_cast<int>(col_rules_x_px.size()) - 1; }
  // The cell covering atomic position (row, col), or nullptr outside the grid.
  const GridCell* cell_at(int row, int col) const;
  // The atomic column holding `x`; the first or last column for an x outside the table.
  int column_at(int x) const;
  // The atomic row holding `y`; the first or last row for a y outside the table.
  int row_at(int y) const;
};

struct GridParams {
  // A horizontal rule must cover this share of its table's width to separate rows: less than
  // the rule under "Pelaksana" and "Mutu Baku" or a key/value row beside a logo. Arrows across
  // several lanes may pass too; the step-table reader takes its rows from the activity column.
  double min_row_rule_coverage = 0.25;
  // A vertical rule must cover this share of its table's height: more than a vertical arrow
  // running down a lane over a few rows.
  double min_col_rule_coverage = 0.45;
  // A separator between two atomic cells exists when this share of its length is rule ink.
  double min_separator_presence = 0.5;
  // A table is at least this wide (share of the page) and this tall (inches).
  double min_table_width_fraction = 0.25;
  double min_table_height_inches = 0.4;
};

// Rules from an ink mask (binarize_ink). Kernels scale with `dpi`: short gaps in faded or broken
// rules are closed, text strokes are too short to survive.
RuleMasks extract_rule_masks(const cv::Mat& ink, int dpi);

// Tables top to bottom. `ink` is a binarize_ink() mask of a level (deskewed) page.
std::vector<TableGrid> detect_grids(const cv::Mat& ink, int dpi, const GridParams& params = {});
// The same from rules already extracted from a page of size `page_size`.
std::vector<TableGrid> detect_grids(const RuleMasks& rules, cv::Size page_size, int dpi,
                                    const GridParams& params = {});

// The ruled structure inside one cell of a table, where rules need only span that cell: an
// identity page's key/value block sits inside one cell of the page's outer frame. Returns a
// grid with a single cell when there is no structure inside.
TableGrid detect_subgrid(const RuleMasks& rules, const cv::Rect& cell_px, int dpi,
                         const GridParams& params = {});

// Erasing a rule from an ink mask cuts every line that crossed it: an arrow running across a
// lane border, a symbol's outline touching one. Refills each erased band wherever ink meets it
// on both sides.
void bridge_erased_rules(cv::Mat& ink, const std::vector<cv::Rect>& erased_bands_px);

}  // namespace sopocr
