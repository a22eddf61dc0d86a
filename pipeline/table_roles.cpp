#include "table_roles.h"

#include <algorithm>
#include <map>
#include <opencv2/imgproc.hpp>

#include "duration.h"
#include "labels.h"
#include "line_joining.h"
#include "symbols.h"
#include "text.h"

namespace sopocr {
namespace {

// The header is in the table's top rows: two, a third for the column-number row, and one more
// where a scan's dark border or a title above the table was taken for a first row.
constexpr int kHeaderRowsSearched = 4;

// A flowchart symbol is wider than this; the letters of a heading, which close shapes too, are
// not.
constexpr double kMinStepSymbolInches = 0.2;

// A word of the header band, with the grid cell it was read from: words of two cells have a
// drawn rule between them.
struct HeaderWord {
  std::string text;
  cv::Rect box;
  const GridCell* cell = nullptr;
};

// Words on one text line that belong together: no wide gap and no drawn rule between them.
struct WordRun {
  std::vector<HeaderWord> words;
  cv::Rect box;
  const GridCell* cell = nullptr;

  std::string text() const {
    std::string joined;
    for (const HeaderWord& word : words) joined += (joined.empty() ? "" : " ") + word.text;
    return joined;
  }
};

// A label as printed: its words and where they sit. `fills_cell` when nothing else was read in
// its grid cell, so the cell's extent is the label's.
struct HeaderLabel {
  StepColumn column;
  cv::Rect box;
  const GridCell* cell = nullptr;
  bool fills_cell = false;
};

int column_width(const TableGrid& grid, int col) {
  return grid.col_rules_x_px[col + 1] - grid.col_rules_x_px[col];
}

// Uraian Kegiatan is the widest of the columns [first, end): the step's text needs the room.
int widest_column(const TableGrid& grid, int first, int end) {
  int widest = first;
  for (int col = first + 1; col < end; ++col) {
    if (column_width(grid, col) > column_width(grid, widest)) widest = col;
  }
  return widest;
}

// No is the column right before the activity's when it is less than half as wide.
std::optional<int> narrow_column_before(const TableGrid& grid, int activity_col) {
  if (activity_col <= 0) return std::nullopt;
  return 2 * column_width(grid, activity_col - 1) < column_width(grid, activity_col)
             ? std::optional(activity_col - 1)
             : std::nullopt;
}

int centre_x(const cv::Rect& box) { return box.x + box.width / 2; }
int centre_y(const cv::Rect& box) { return box.y + box.height / 2; }

// True when a rule at `position` is drawn over most of `band`: a vertical rule at x over its
// height (a lane border crosses the header's name row even where the grid, from a broken
// stretch, did not split it), a horizontal one at y over its width.
bool rule_drawn(const cv::Mat& ink, bool vertical, int position, const cv::Rect& band, int dpi) {
  const int half = std::max(2, dpi / 100);
  const cv::Rect strip = (vertical ? cv::Rect(position - half, band.y, 2 * half + 1, band.height)
                                   : cv::Rect(band.x, position - half, band.width, 2 * half + 1)) &
                         cv::Rect(0, 0, ink.cols, ink.rows);
  if (strip.empty()) return false;
  cv::Mat covered;
  cv::reduce(ink(strip), covered, vertical ? 1 : 0, cv::REDUCE_MAX);
  return cv::countNonZero(covered) >= 0.6 * (vertical ? strip.height : strip.width);
}

// The index of the first row rule at or below `y`: the row that starts there is the first one
// wholly below `y`.
int first_row_below(const TableGrid& grid, int y) {
  const auto& rules = grid.row_rules_y_px;
  return static_cast<int>(std::lower_bound(rules.begin(), rules.end(), y) - rules.begin());
}

// True when words were read in `row` right of column `first_col` and every one is a bare
// numeral: the column-number row.
bool only_numerals_in_row(const std::vector<HeaderWord>& words, const TableGrid& grid, int row,
                          int first_col) {
  const int top = grid.row_rules_y_px[row];
  const int bottom = grid.row_rules_y_px[row + 1];
  const int left = grid.col_rules_x_px[std::min(first_col, grid.col_count())];
  int numerals = 0;
  for (const HeaderWord& word : words) {
    const int y = centre_y(word.box);
    if (y < top || y >= bottom || centre_x(word.box) < left) continue;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const bool numeral = std::any_of(word.text.begin(), word.text.end(), digit) &&
                         std::all_of(word.text.begin(), word.text.end(), [&](char c) {
                           return digit(c) || c == '.' || c == ',' || c == ')';
                         });
    if (!numeral) return false;
    ++numerals;
  }
  return numerals > 0;
}

// Every word read in the cells of the header band. A page's text layer gives a cell's text
// without word boxes: the cell's text is then one word as large as the cell.
std::vector<HeaderWord> header_words(const TableGrid& grid, int header_rows, CellReader& reader) {
  std::vector<HeaderWord> words;
  for (const GridCell& cell : grid.cells) {
    if (cell.row >= header_rows) break;
    const CellText text = reader.read(cell.bbox_px);
    if (text.words.empty() && !text.text.empty()) words.push_back({text.text, cell.bbox_px, &cell});
    for (const OcrWord& word : text.words) words.push_back({word.text, word.bbox_px, &cell});
  }
  return words;
}

int median_height(const std::vector<HeaderWord>& words, int fallback) {
  if (words.empty()) return fallback;
  std::vector<int> heights;
  for (const HeaderWord& word : words) heights.push_back(word.box.height);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return std::max(1, heights[heights.size() / 2]);
}

// Words side by side on a line, gap by gap: a label's words are a space apart, two labels that a
// broken rule left in one cell are the cell padding apart or have the rule's remains between.
std::vector<WordRun> word_runs(std::vector<HeaderWord> words, const TableGrid& grid,
                               const cv::Mat& ink, int text_height, int dpi) {
  std::sort(words.begin(), words.end(),
            [](const HeaderWord& a, const HeaderWord& b) { return a.box.x < b.box.x; });
  auto rule_between = [&](const cv::Rect& left, const cv::Rect& right) {
    const cv::Rect band = (left | right) + cv::Size(0, text_height) - cv::Point(0, text_height / 2);
    for (int x : grid.col_rules_x_px) {
      if (x >= left.br().x - 2 && x <= right.x + 2 && rule_drawn(ink, true, x, band, dpi)) {
        return true;
      }
    }
    return false;
  };
  std::vector<WordRun> runs;
  for (HeaderWord& word : words) {
    WordRun* joined = nullptr;
    for (auto run = runs.rbegin(); run != runs.rend() && !joined; ++run) {
      const cv::Rect& last = run->words.back().box;
      const int gap = word.box.x - last.br().x;
      if (run->cell == word.cell && gap >= -text_height / 2 && gap <= text_height &&
          std::abs(centre_y(word.box) - centre_y(last)) <= text_height / 2 &&
          !rule_between(last, word.box)) {
        joined = &*run;
      }
    }
    if (!joined) {
      runs.push_back({{}, word.box, word.cell});
      joined = &runs.back();
    }
    joined->box |= word.box;
    joined->words.push_back(std::move(word));
  }
  return runs;
}

// Runs stacked into the blocks a wrapped label makes ("Uraian" over "Kegiatan"): the next line
// down, overlapping it sideways, in the same cell, with no rule drawn between.
std::vector<std::vector<WordRun>> word_blocks(std::vector<WordRun> runs, const TableGrid& grid,
                                              const cv::Mat& ink, int text_height, int dpi) {
  std::sort(runs.begin(), runs.end(),
            [](const WordRun& a, const WordRun& b) { return a.box.y < b.box.y; });
  auto rule_between = [&](const cv::Rect& upper, const cv::Rect& lower) {
    const int left = std::max(upper.x, lower.x);
    const int right = std::min(upper.br().x, lower.br().x);
    const cv::Rect band(left, 0, std::max(1, right - left), 1);
    for (int y : grid.row_rules_y_px) {
      if (y >= upper.br().y - 2 && y <= lower.y + 2 && rule_drawn(ink, false, y, band, dpi)) {
        return true;
      }
    }
    return false;
  };
  std::vector<std::vector<WordRun>> blocks;
  for (WordRun& run : runs) {
    std::vector<WordRun>* joined = nullptr;
    for (auto block = blocks.rbegin(); block != blocks.rend() && !joined; ++block) {
      const cv::Rect& last = block->back().box;
      const int gap = run.box.y - last.br().y;
      const bool overlap = run.box.x < last.br().x && last.x < run.box.br().x;
      if (block->back().cell == run.cell && overlap && gap >= -text_height / 2 &&
          gap <= text_height && !rule_between(last, run.box)) {
        joined = &*block;
      }
    }
    if (joined) {
      joined->push_back(std::move(run));
    } else {
      blocks.push_back({std::move(run)});
    }
  }
  return blocks;
}

std::string lines_text(const std::vector<WordRun>& lines, std::size_t first, std::size_t end) {
  std::string text;
  for (std::size_t i = first; i < end; ++i) text += (i > first ? "\n" : "") + lines[i].text();
  return normalize_text(unwrap_lines(text));
}

// A line of two labels whose gap was too narrow to split ("Waktu Output" where the rule between
// them broke off): the labels in it, runs of words of at least four letters that read as one,
// when they make up nearly all of the line. A label word inside body text ("Notulen hasil
// rapat") is no label.
void find_labels_in_line(const WordRun& line, std::vector<HeaderLabel>& labels) {
  const std::size_t count = line.words.size();
  std::vector<HeaderLabel> found;
  std::size_t label_letters = 0;
  for (std::size_t first = 0; first < count;) {
    std::size_t matched_end = first;
    for (std::size_t end = std::min(count, first + 4); end > first; --end) {
      std::string text;
      cv::Rect box = line.words[first].box;
      for (std::size_t i = first; i < end; ++i) {
        text += line.words[i].text + " ";
        box |= line.words[i].box;
      }
      const std::size_t letters = letters_only(text).size();
      if (letters < 4) continue;
      if (auto column = step_column_of(text)) {
        found.push_back({*column, box, line.cell, false});
        label_letters += letters;
        matched_end = end;
        break;
      }
    }
    first = matched_end > first ? matched_end : first + 1;
  }
  if (label_letters >= 0.75 * letters_only(line.text()).size()) {
    labels.insert(labels.end(), found.begin(), found.end());
  }
}

// The labels in a block, top down: the run of lines from the top that reads best as a label
// (the shortest of equals: a line of digits or specks below adds no letters), then the lines
// below it, so that "Mutu Baku" over "Waktu" with no rule between gives both.
std::vector<HeaderLabel> find_labels(const std::vector<std::vector<WordRun>>& blocks,
                                     const std::map<const GridCell*, std::size_t>& words_in_cell) {
  std::vector<HeaderLabel> labels;
  for (const std::vector<WordRun>& lines : blocks) {
    for (std::size_t first = 0; first < lines.size();) {
      std::optional<StepColumnMatch> best;
      std::size_t best_end = first;
      for (std::size_t end = first + 1; end <= lines.size(); ++end) {
        const auto match = match_step_column(lines_text(lines, first, end));
        if (match && (!best || match->similarity > best->similarity)) {
          best = match;
          best_end = end;
        }
      }
      if (!best) {
        find_labels_in_line(lines[first], labels);
        ++first;
        continue;
      }
      cv::Rect box = lines[first].box;
      std::size_t words = 0;
      for (std::size_t i = first; i < best_end; ++i) {
        box |= lines[i].box;
        words += lines[i].words.size();
      }
      labels.push_back(
          {best->column, box, lines[first].cell, words == words_in_cell.at(lines[first].cell)});
      first = best_end;
    }
  }
  return labels;
}

// Whether half of `word`'s box or more lies in `band`: a word of the band's text, not one of
// the row above or below that only reaches into it.
bool in_band(const HeaderWord& word, const cv::Rect& band) {
  return (word.box & band).area() * 2 >= word.box.area();
}

// Whether `word` is one of `band`'s and its middle lies in the columns [left_x, right_x).
bool in_band_columns(const HeaderWord& word, const cv::Rect& band, int left_x, int right_x) {
  return in_band(word, band) && centre_x(word.box) >= left_x && centre_x(word.box) < right_x;
}

// True when a word of `band` runs across `rule_x`, by half its height or more either side: no
// rule is drawn through a word, however dark the ink a bold name wrapped over many lines leaves
// along the column's middle. A word that only reaches the rule with its edge, or the rule
// itself read as a "1", is not across it.
bool word_across(const std::vector<HeaderWord>& words, const cv::Rect& band, int rule_x, int dpi) {
  const int slack = std::max(2, dpi / 100);
  return std::any_of(words.begin(), words.end(), [&](const HeaderWord& word) {
    const int overhang = std::max(slack, word.box.height / 2);
    return in_band(word, band) && word.box.x <= rule_x - overhang &&
           word.box.br().x >= rule_x + overhang;
  });
}

// True when the words of `band` centred in the column [left_x, right_x) make two lines or
// more, each centred on the column to within half the words' height.
bool lines_centred_on(const std::vector<HeaderWord>& words, const cv::Rect& band, int left_x,
                      int right_x, int word_height) {
  std::vector<cv::Rect> lines;
  for (const HeaderWord& word : words) {
    if (!in_band_columns(word, band, left_x, right_x)) continue;
    auto line = std::find_if(lines.begin(), lines.end(), [&](const cv::Rect& other) {
      return 2 * std::abs(centre_y(other) - centre_y(word.box)) <= word_height;
    });
    if (line == lines.end()) {
      lines.push_back(word.box);
    } else {
      *line |= word.box;
    }
  }
  return lines.size() >= 2 && std::all_of(lines.begin(), lines.end(), [&](const cv::Rect& line) {
           return std::abs(2 * centre_x(line) - (left_x + right_x)) <= word_height;
         });
}

// True when the name `band` holds a name on each side of the column rule at `rule_x`, each
// centred in its own column [left_x, rule_x) and [rule_x, right_x) (the band may run on past
// both columns), and the two are further apart than words of one name: two lanes whose rule
// between them faded out of the name row. A name centred over both columns is off its column's
// centre, or has a word across the rule: the caller has ruled that out (word_across).
bool names_apart_at(const std::vector<HeaderWord>& words, const cv::Rect& band, int left_x,
                    int rule_x, int right_x) {
  cv::Rect left_names;
  cv::Rect right_names;
  std::vector<int> word_heights;
  for (const HeaderWord& word : words) {
    if (!in_band_columns(word, band, left_x, right_x)) continue;
    cv::Rect& side = centre_x(word.box) < rule_x ? left_names : right_names;
    side = side.empty() ? word.box : (side | word.box);
    word_heights.push_back(word.box.height);
  }
  // How far off its column's centre each side's names are, in pixels.
  auto off_centre = [](const cv::Rect& names, int from, int to) {
    return names.empty() ? to - from : std::abs(2 * centre_x(names) - (from + to)) / 2;
  };
  const int left_off = off_centre(left_names, left_x, rule_x);
  const int right_off = off_centre(right_names, rule_x, right_x);
  if (4 * left_off > rule_x - left_x || 4 * right_off > right_x - rule_x) return false;
  std::nth_element(word_heights.begin(), word_heights.begin() + word_heights.size() / 2,
                   word_heights.end());
  const int word_height = word_heights[word_heights.size() / 2];
  // The space between two words of one name is a fraction of their height; two names in
  // columns of their own are apart by both cells' padding at least. Large type in narrow
  // columns leaves less, but then each name wraps and stands centred on its own column line
  // by line, where what lies either side of a lane's middle of one name's lines does not.
  return right_names.x - left_names.br().x >= word_height ||
         (lines_centred_on(words, band, left_x, rule_x, word_height) &&
          lines_centred_on(words, band, rule_x, right_x, word_height));
}

// The swimlanes in columns [first_col, end_col): one per name cell of `name_row`. Lane names are
// printed under "Pelaksana" (`pelaksana_box`, empty where it was not read), in whatever cell a
// broken rule left them; where the rule between two names faded out, the names' `words` part
// them.
std::vector<LaneColumns> lanes_in_columns(const TableGrid& grid, const cv::Mat& ink, int dpi,
                                          const std::vector<HeaderWord>& words, int name_row,
                                          int first_col, int end_col,
                                          const cv::Rect& pelaksana_box) {
  auto name_band = [&](const GridCell& cell) {
    cv::Rect band = cell.bbox_px;
    if ((pelaksana_box & band).area() > 0 && pelaksana_box.br().y < band.br().y) {
      band.height = band.br().y - pelaksana_box.br().y - 1;
      band.y = pelaksana_box.br().y + 1;
    }
    return band;
  };
  // A rule that splits a lane below its name but does not cross the name is an arrow running
  // down the lane over many rows, not a lane border.
  std::vector<LaneColumns> lanes;
  const GridCell* previous_name = nullptr;
  for (int c = first_col; c < end_col; ++c) {
    const GridCell* name = grid.cell_at(name_row, c);
    bool same_lane = false;
    if (name && name == previous_name) {
      const cv::Rect band = name_band(*name);
      const int rule_x = grid.col_rules_x_px[c];
      same_lane = word_across(words, band, rule_x, dpi) ||
                  (!rule_drawn(ink, true, rule_x, band, dpi) &&
                   !names_apart_at(words, band, grid.col_rules_x_px[lanes.back().first_col], rule_x,
                                   grid.col_rules_x_px[c + 1]));
    }
    if (same_lane) {
      lanes.back().last_col = c;
    } else {
      lanes.push_back({c, c, {}});
    }
    previous_name = name;
  }
  for (LaneColumns& lane : lanes) {
    const GridCell* cell = grid.cell_at(name_row, lane.first_col);
    if (!cell) continue;
    const cv::Rect band = name_band(*cell);
    const int left = grid.col_rules_x_px[lane.first_col];
    const int right = grid.col_rules_x_px[lane.last_col + 1];
    lane.name_box_px = cv::Rect(left, band.y, right - left, band.height);
  }
  return lanes;
}

}  // namespace

std::optional<StepHeader> find_step_header(const TableGrid& grid, const cv::Mat& ink, int dpi,
                                           CellReader& reader, ActivityLabel activity_label) {
  const int header_rows = std::min(kHeaderRowsSearched, grid.row_count());
  const std::vector<HeaderWord> words = header_words(grid, header_rows, reader);
  const int text_height = median_height(words, std::max(4, dpi / 10));
  std::map<const GridCell*, std::size_t> words_in_cell;
  for (const HeaderWord& word : words) ++words_in_cell[word.cell];
  const std::vector<HeaderLabel> labels = find_labels(
      word_blocks(word_runs(words, grid, ink, text_height, dpi), grid, ink, text_height, dpi),
      words_in_cell);

  // The topmost label of each kind: the same word further down is body text.
  auto find = [&](StepColumn column) -> const HeaderLabel* {
    const HeaderLabel* found = nullptr;
    for (const HeaderLabel& label : labels) {
      if (label.column == column && (!found || label.box.y < found->box.y)) found = &label;
    }
    return found;
  };
  // Body text names the activity too ("a. Uraian Kegiatan" in a step's cell): where the header's
  // own activity label went unread, one found below every other label is no label. The activity
  // is then the widest column left of the labels that follow it.
  const HeaderLabel* activity = find(StepColumn::activity);
  const HeaderLabel* lanes_label = find(StepColumn::lanes);
  int others = 0;
  int others_bottom = -1;
  int quality_labels_after_lanes = 0;
  std::optional<int> following_col;
  for (const HeaderLabel& label : labels) {
    if (label.column == StepColumn::activity || label.column == StepColumn::number) continue;
    ++others;
    others_bottom = std::max(others_bottom, label.box.br().y);
    const int col = grid.column_at(label.box.x);
    if (!following_col || col < *following_col) following_col = col;
    if (label.column != StepColumn::lanes && lanes_label && label.box.x > lanes_label->box.x) {
      ++quality_labels_after_lanes;
    }
  }
  const bool activity_in_body = activity && others >= 2 && activity->box.y > others_bottom;
  const bool activity_unread = !activity && activity_label == ActivityLabel::may_be_unread &&
                               quality_labels_after_lanes >= 2;
  if (!activity && !activity_unread) return std::nullopt;
  int activity_col = 0;
  if (activity && !activity_in_body) {
    activity_col = grid.column_at(centre_x(activity->box));
  } else {
    // Only a step table's header has Pelaksana over its lanes; an identity page's lists name
    // Perlengkapan and Pelaksana too, but no lanes.
    activity = nullptr;
    if (!lanes_label || !following_col) return std::nullopt;
    const HeaderLabel* number = find(StepColumn::number);
    const int first = number ? grid.column_at(centre_x(number->box)) + 1 : 0;
    if (first >= *following_col) return std::nullopt;
    activity_col = widest_column(grid, first, *following_col);
  }
  // A label is a column's only where it sits: right of the activity, or the number left of it.
  auto column_of = [&](StepColumn column) -> std::optional<int> {
    const HeaderLabel* label = find(column);
    if (!label) return std::nullopt;
    const int col = grid.column_at(centre_x(label->box));
    const bool in_place = column == StepColumn::number ? col < activity_col : col > activity_col;
    return in_place ? std::optional<int>(col) : std::nullopt;
  };
  const HeaderLabel* lanes = find(StepColumn::lanes);
  if (lanes && centre_x(lanes->box) < grid.col_rules_x_px[activity_col + 1]) lanes = nullptr;
  const HeaderLabel* quality = find(StepColumn::quality);
  if (quality && centre_x(quality->box) < grid.col_rules_x_px[activity_col + 1]) quality = nullptr;

  StepHeader header;
  header.activity_col = activity_col;
  header.number_col = column_of(StepColumn::number);
  // Some templates leave the number column's head blank: a narrow column right before the
  // activity's holds the numbers all the same (they are then read as a sequence, or not at all).
  if (!header.number_col) {
    const std::optional<int> narrow = narrow_column_before(grid, activity_col);
    if (narrow && std::none_of(labels.begin(), labels.end(), [&](const HeaderLabel& label) {
          return grid.column_at(centre_x(label.box)) == *narrow;
        })) {
      header.number_col = narrow;
    }
  }
  header.requirements_col = column_of(StepColumn::requirements);
  header.duration_col = column_of(StepColumn::duration);
  header.output_col = column_of(StepColumn::output);
  header.notes_col = column_of(StepColumn::notes);
  // Mutu Baku spans Kelengkapan | Waktu | Output in that order when their labels were unread.
  if (quality && quality->fills_cell && quality->cell->col_span == 3) {
    if (!header.requirements_col) header.requirements_col = quality->cell->col;
    if (!header.duration_col) header.duration_col = quality->cell->col + 1;
    if (!header.output_col) header.output_col = quality->cell->col + 2;
  }
  // Output follows Waktu (PermenPAN-RB 35/2012): a column after Waktu, before Keterangan, whose
  // label merged into the Mutu Baku cell above it is the output.
  if (!header.output_col && header.duration_col) {
    const int next = *header.duration_col + 1;
    if (next < grid.col_count() && (!header.notes_col || next < *header.notes_col)) {
      header.output_col = next;
    }
  }
  std::optional<int> first_quality_col;
  for (const auto& col : {header.requirements_col, header.duration_col, header.output_col}) {
    if (col && (!first_quality_col || *col < *first_quality_col)) first_quality_col = col;
  }
  if (!first_quality_col && quality) first_quality_col = grid.column_at(quality->box.x);
  if (!lanes && !first_quality_col) return std::nullopt;

  // The header ends at the first row rule under its labels; the number and activity labels
  // are centred in cells spanning every header row, which end there too. Where they disagree,
  // a broken rule joined the longer one to the first step's cell below it.
  const int slack = text_height / 4;
  int header_end = 1;
  for (StepColumn column :
       {StepColumn::number, StepColumn::activity, StepColumn::lanes, StepColumn::quality,
        StepColumn::requirements, StepColumn::duration, StepColumn::output, StepColumn::notes}) {
    if (const HeaderLabel* label = column == StepColumn::activity ? activity : find(column)) {
      header_end = std::max(header_end, first_row_below(grid, label->box.br().y - slack));
    }
  }
  std::optional<int> spanning_end;
  for (const HeaderLabel* spanning : {activity, find(StepColumn::number)}) {
    if (spanning && spanning->fills_cell) {
      const int end = spanning->cell->row + spanning->cell->row_span;
      spanning_end = spanning_end ? std::min(*spanning_end, end) : end;
    }
  }
  if (spanning_end) header_end = std::max(header_end, *spanning_end);
  // Under a "Pelaksana" alone in its cell, past the rule drawn under it, is the row of lane
  // names. Where that rule broke, the names share the label's cell.
  if (lanes && lanes->fills_cell) {
    const int under = first_row_below(grid, lanes->box.br().y - slack);
    if (under < grid.row_count() &&
        rule_drawn(ink, false, grid.row_rules_y_px[under], lanes->box, dpi)) {
      header_end = std::max(header_end, under + 1);
    }
  }
  header_end = std::min(header_end, grid.row_count());
  header.body_start_row = header_end;
  header.lane_name_row = header_end - 1;
  // A header closed by the column-number row (1 2 3 ...) has the lane names above it: the number
  // cell may span that row too where its rule broke.
  if (header.lane_name_row > 0 &&
      only_numerals_in_row(words, grid, header.lane_name_row, activity_col + 1)) {
    --header.lane_name_row;
  }

  // Every column between the activity and Mutu Baku is a lane, whether or not the printed
  // "Pelaksana" spans it (real tables leave the requester's lane, "Tamu / Pengunjung", outside)
  // or could be read at all.
  int lanes_end = grid.col_count();
  if (first_quality_col) {
    lanes_end = *first_quality_col;
  } else if (header.notes_col) {
    lanes_end = *header.notes_col;
  }
  header.lanes = lanes_in_columns(grid, ink, dpi, words, header.lane_name_row, activity_col + 1,
                                  lanes_end, lanes ? lanes->box : cv::Rect());
  return header;
}

// True when most cells of `row` that hold text read as bare numbers, two at least: the
// column-number row (1 2 3 …). A blurred small "4" reads as "t", so one cell is not enough.
bool reads_as_column_numbers(const TableGrid& grid, int row, CellReader& reader) {
  int numerals = 0;
  int words = 0;
  for (const GridCell& cell : grid.cells) {
    if (cell.row != row) continue;
    const std::string text = reader.read(cell.bbox_px).text;
    if (text.empty()) continue;
    const bool numeral =
        letters_only(text).empty() && text.find_first_of("0123456789") != std::string::npos;
    ++(numeral ? numerals : words);
  }
  return numerals >= 2 && numerals > words;
}

// True when the column rule on the left of column `col` runs through the middle of most step
// symbols beside it, two at least: a lane's border never does, the arrow down a lane does. One
// symbol drawn across two lanes (a step two actors share) is not most of them.
bool runs_through_symbols(const TableGrid& grid, int col, const std::vector<cv::Rect>& symbols) {
  const int rule_x = grid.col_rules_x_px[col];
  const int left = grid.col_rules_x_px[col - 1];
  const int right = grid.col_rules_x_px[col + 1];
  int beside = 0;
  int through = 0;
  for (const cv::Rect& symbol : symbols) {
    if (centre_x(symbol) < left || centre_x(symbol) >= right) continue;
    ++beside;
    const int quarter = symbol.width / 4;
    if (symbol.x + quarter < rule_x && symbol.br().x - quarter > rule_x) ++through;
  }
  return through >= 2 && 2 * through > beside;
}

std::optional<StepHeader> find_step_header_by_symbols(const TableGrid& grid,
                                                      const cv::Mat& rule_free_ink, int dpi,
                                                      CellReader& reader) {
  if (grid.col_count() < 3 || grid.row_count() < 2) return std::nullopt;
  int first_lane = grid.col_count();
  int last_lane = -1;
  int top_row = grid.row_count();
  std::vector<int> step_rows;
  std::vector<cv::Rect> step_symbols;
  for (const DetectedSymbol& symbol : detect_symbols(rule_free_ink, grid.bbox_px, dpi)) {
    if (is_connector(symbol.kind) || symbol.bbox_px.width < kMinStepSymbolInches * dpi) continue;
    step_symbols.push_back(symbol.bbox_px);
    const int col = grid.column_at(centre_x(symbol.bbox_px));
    const int row = grid.row_at(centre_y(symbol.bbox_px));
    first_lane = std::min(first_lane, col);
    last_lane = std::max(last_lane, col);
    top_row = std::min(top_row, row);
    step_rows.push_back(row);
  }
  std::sort(step_rows.begin(), step_rows.end());
  step_rows.erase(std::unique(step_rows.begin(), step_rows.end()), step_rows.end());
  // Steps read down the table one row each, their text left of the lanes.
  if (step_rows.size() < 3 || first_lane < 1) return std::nullopt;

  StepHeader header;
  // Uraian Kegiatan is the widest column left of the lanes, No the narrow one before it. Columns
  // between it and the first symbol are lanes no step was drawn in.
  const int activity_col = widest_column(grid, 0, first_lane);
  header.activity_col = activity_col;
  header.number_col = narrow_column_before(grid, activity_col);

  // The body starts with the first step's symbol; a step whose activity cell a broken rule
  // joined to the header keeps its rows below it.
  const GridCell* first_step = grid.cell_at(top_row, activity_col);
  header.body_start_row = first_step && first_step->row > 0 ? first_step->row : top_row;
  header.lane_name_row = header.body_start_row - 1;
  if (header.lane_name_row > 0 && reads_as_column_numbers(grid, header.lane_name_row, reader)) {
    --header.lane_name_row;
  }

  // Right of the lanes: Kelengkapan, Waktu, Output, Keterangan, in that order (PermenPAN-RB
  // 35/2012). The column whose cells read as durations anchors them; lanes no step was drawn in
  // may lie between the last symbol and Kelengkapan.
  std::optional<int> duration_col;
  int best_durations = 0;
  for (int c = last_lane + 1; c < grid.col_count(); ++c) {
    int durations = 0;
    int rows = 0;
    for (const GridCell& cell : grid.cells) {
      if (cell.col != c || cell.row < header.body_start_row) continue;
      ++rows;
      const CellText text = reader.read(cell.bbox_px);
      const auto duration = parse_duration(text.text);
      if (duration && duration->amount) ++durations;
    }
    if (3 * durations >= rows && durations > best_durations) {
      best_durations = durations;
      duration_col = c;
    }
  }
  int lanes_end = last_lane + 1;
  if (duration_col) {
    header.duration_col = duration_col;
    if (*duration_col - 1 > last_lane) {
      header.requirements_col = *duration_col - 1;
      lanes_end = *duration_col - 1;
    } else {
      lanes_end = *duration_col;
    }
  } else {
    if (lanes_end < grid.col_count()) header.requirements_col = lanes_end;
    if (lanes_end + 1 < grid.col_count()) header.duration_col = lanes_end + 1;
  }
  if (header.duration_col && *header.duration_col + 1 < grid.col_count()) {
    header.output_col = *header.duration_col + 1;
  }
  if (header.output_col && *header.output_col + 1 < grid.col_count()) {
    header.notes_col = grid.col_count() - 1;
  }
  // Each column is a lane: the rules between them are the body's, drawn in every row, where the
  // header's cells may have merged over a broken stretch. But a "rule" through the middle of
  // the symbols beside it is the arrow joining them, run down the lane.
  for (int c = activity_col + 1; c < lanes_end; ++c) {
    if (c > activity_col + 1 && runs_through_symbols(grid, c, step_symbols)) {
      header.lanes.back().last_col = c;
    } else {
      header.lanes.push_back({c, c, {}});
    }
  }
  if (header.lane_name_row >= 0) {
    const int top = grid.row_rules_y_px[header.lane_name_row];
    const int height = grid.row_rules_y_px[header.lane_name_row + 1] - top;
    for (LaneColumns& lane : header.lanes) {
      const int left = grid.col_rules_x_px[lane.first_col];
      lane.name_box_px = cv::Rect(left, top, grid.col_rules_x_px[lane.last_col + 1] - left, height);
    }
  }
  return header;
}

}  // namespace sopocr
