#include "word_grid.h"

#include <algorithm>
#include <cctype>
#include <opencv2/imgproc.hpp>
#include <string>

#include "labels.h"
#include "line_joining.h"

namespace sopocr {
namespace {

int centre_x(const cv::Rect& box) { return box.x + box.width / 2; }
int centre_y(const cv::Rect& box) { return box.y + box.height / 2; }

bool overlap_sideways(const cv::Rect& a, const cv::Rect& b) {
  return a.x < b.br().x && b.x < a.br().x;
}

// Words side by side on one line, a space apart: a label's words, a line of a cell.
struct WordRun {
  std::vector<OcrWord> words;
  cv::Rect box;

  std::string text() const {
    std::string joined;
    for (const OcrWord& word : words) joined += (joined.empty() ? "" : " ") + word.text;
    return joined;
  }
};

// Runs stacked as the lines of one cell's text ("Uraian" over "Kegiatan").
struct WordBlock {
  std::vector<WordRun> lines;
  cv::Rect box;
};

struct FoundLabel {
  StepColumn column;
  cv::Rect box;
};

int median_text_height(const std::vector<OcrWord>& words, int fallback) {
  std::vector<int> heights;
  for (const OcrWord& word : words) {
    if (letters_only(word.text).size() >= 2) heights.push_back(word.bbox_px.height);
  }
  if (heights.empty()) return fallback;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return std::max(4, heights[heights.size() / 2]);
}

// `items` in groups, in their order: each joins the latest group whose last item it `fits`
// after, or starts a group of its own.
template <typename Item, typename Fits>
std::vector<std::vector<Item>> join_in_order(std::vector<Item> items, Fits fits) {
  std::vector<std::vector<Item>> groups;
  for (Item& item : items) {
    const auto group =
        std::find_if(groups.rbegin(), groups.rend(),
                     [&](const std::vector<Item>& g) { return fits(g.back(), item); });
    if (group == groups.rend()) {
      groups.push_back({std::move(item)});
    } else {
      group->push_back(std::move(item));
    }
  }
  return groups;
}

// The space between two words of a line, as this page prints it: the median gap from a word to
// the next on its line, where most such gaps are a line's spaces.
int word_space(const std::vector<OcrWord>& words, int text_height) {
  std::vector<int> gaps;
  for (const OcrWord& word : words) {
    int next_gap = 3 * text_height;
    for (const OcrWord& other : words) {
      const int gap = other.bbox_px.x - word.bbox_px.br().x;
      if (gap > 0 && gap < next_gap &&
          std::abs(centre_y(other.bbox_px) - centre_y(word.bbox_px)) <= text_height / 2) {
        next_gap = gap;
      }
    }
    if (next_gap < 3 * text_height) gaps.push_back(next_gap);
  }
  if (gaps.empty()) return text_height / 3;
  std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
  return gaps[gaps.size() / 2];
}

// Words at most two spaces from the last word of a run on the same line join it: the padding on
// both sides of a column's rule parts two columns' words by more.
std::vector<WordRun> word_runs(std::vector<OcrWord> words, int text_height) {
  const int space = word_space(words, text_height);
  std::sort(words.begin(), words.end(),
            [](const OcrWord& a, const OcrWord& b) { return a.bbox_px.x < b.bbox_px.x; });
  std::vector<WordRun> runs;
  for (std::vector<OcrWord>&line :
       join_in_order(std::move(words), [&](const OcrWord&last, const OcrWord&word) {
         const int gap = word.bbox_px.x - last.bbox_px.br().x;
         return gap >= -text_height / 2 && gap <= 2 * space &&
                std::abs(centre_y(word.bbox_px) - centre_y(last.bbox_px)) <= text_height / 2;
       })) {
    cv::Rect box = line.front().bbox_px;
    for (const OcrWord& word : line) box |= word.bbox_px;
    runs.push_back({std::move(line), box});
  }
  return runs;
}

// Labels read as several runs of one line, a letter's gap or a rule's dot parting their words
// wider than a space ("Pejabat yang bertanggung jawab", "Proses/ Tahapan Kegiatan").
std::vector<FoundLabel> labels_across_runs(const std::vector<WordRun>& runs, int text_height) {
  std::vector<const WordRun*> by_x;
  for (const WordRun& run : runs) by_x.push_back(&run);
  std::sort(by_x.begin(), by_x.end(),
            [](const WordRun* a, const WordRun* b) { return a->box.x < b->box.x; });
  std::vector<FoundLabel> labels;
  for (std::size_t first = 0; first < by_x.size(); ++first) {
    std::string text = by_x[first]->text();
    cv::Rect box = by_x[first]->box;
    for (std::size_t next = first + 1, joined = 1; next < by_x.size() && joined < 6; ++next) {
      const cv::Rect& beside = by_x[next]->box;
      if (std::abs(centre_y(beside) - centre_y(box)) > text_height / 2) continue;
      if (beside.x - box.br().x > 2 * text_height) break;
      text += " " + by_x[next]->text();
      box |= beside;
      ++joined;
      if (const auto match = match_step_column(text)) labels.push_back({match->column, box});
    }
  }
  return labels;
}

// "1", "12", "3." and the "l", "I" or "|" a thin 1 reads as.
bool is_step_numeral(const std::string& text) {
  std::string kept = text;
  while (!kept.empty() && (kept.back() == '.' || kept.back() == ')')) kept.pop_back();
  if (kept.empty() || kept.size() > 2) return false;
  return std::all_of(kept.begin(), kept.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == 'l' || c == 'I' || c == '|';
  });
}

bool only_numerals(const WordRun& run) {
  return std::all_of(run.words.begin(), run.words.end(),
                     [](const OcrWord& word) { return is_step_numeral(word.text); });
}

// Runs less than a line's height below one another and overlapping sideways are one cell's lines;
// a run of numerals (the column-number row) stays apart from one of words.
std::vector<WordBlock> word_blocks(std::vector<WordRun> runs, int text_height) {
  std::sort(runs.begin(), runs.end(),
            [](const WordRun& a, const WordRun& b) { return a.box.y < b.box.y; });
  std::vector<WordBlock> blocks;
  for (std::vector<WordRun>&lines :
       join_in_order(std::move(runs), [&](const WordRun&last, const WordRun&run) {
         const int gap = run.box.y - last.box.br().y;
         return overlap_sideways(last.box, run.box) && gap >= -text_height / 2 &&
                10 * gap <= 8 * text_height && only_numerals(last) == only_numerals(run);
       })) {
    cv::Rect box = lines.front().box;
    for (const WordRun& line : lines) box |= line.box;
    blocks.push_back({std::move(lines), box});
  }
  return blocks;
}

// The labels in a block, top down: the run of lines from the top that reads best as a label,
// then the lines below it ("Mutu Baku" over "Waktu" where no rule parted them).
std::vector<FoundLabel> labels_in(const WordBlock& block) {
  std::vector<FoundLabel> labels;
  const std::vector<WordRun>& lines = block.lines;
  for (std::size_t first = 0; first < lines.size();) {
    std::optional<StepColumnMatch> best;
    std::size_t best_end = first + 1;
    std::string text;
    for (std::size_t end = first + 1; end <= lines.size() && end <= first + 4; ++end) {
      text += (end > first + 1 ? "\n" : "") + lines[end - 1].text();
      const auto match = match_step_column(unwrap_lines(text));
      if (match && (!best || match->similarity > best->similarity)) {
        best = match;
        best_end = end;
      }
    }
    if (best) {
      cv::Rect box = lines[first].box;
      for (std::size_t i = first; i < best_end; ++i) box |= lines[i].box;
      labels.push_back({best->column, box});
    }
    first = best_end;
  }
  return labels;
}

// The step numbers of the table that were read: numerals below the activity label and left of
// its text (which starts at `activity_left`), with words of letters following on their line, as
// the activity's text follows its number. The column-number row's "1" has a numeral after it.
std::vector<cv::Rect> step_numbers(const std::vector<OcrWord>& words, int below_y,
                                   int activity_left, int text_height) {
  std::vector<cv::Rect> numbers;
  for (const OcrWord& word : words) {
    const cv::Rect& box = word.bbox_px;
    if (!is_step_numeral(word.text) || box.y < below_y || centre_x(box) >= activity_left) {
      continue;
    }
    const OcrWord* next = nullptr;
    for (const OcrWord& other : words) {
      const cv::Rect& beside = other.bbox_px;
      if (beside.x <= box.br().x || beside.x > box.br().x + 6 * text_height ||
          std::abs(centre_y(beside) - centre_y(box)) > text_height / 2) {
        continue;
      }
      if (!next || beside.x < next->bbox_px.x) next = &other;
    }
    if (next && !letters_only(next->text).empty()) numbers.push_back(box);
  }
  std::sort(numbers.begin(), numbers.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
  std::vector<cv::Rect> distinct;
  for (const cv::Rect& number : numbers) {
    if (distinct.empty() || number.y > distinct.back().br().y) distinct.push_back(number);
  }
  return distinct;
}

// Where a column rule would stand between two columns whose header text ends at `left` and
// starts again at `right`: in the middle of the widest stretch between them that no word of
// the body crosses (the activity's lines run on past its centred label).
int rule_between(int left, int right, const std::vector<OcrWord>& body) {
  std::vector<bool> covered(std::max(1, right - left), false);
  for (const OcrWord& word : body) {
    const int from = std::max(left, word.bbox_px.x);
    const int to = std::min(right, word.bbox_px.br().x);
    for (int x = from; x < to; ++x) covered[x - left] = true;
  }
  int best_start = 0;
  int best_length = 0;
  for (int start = 0; start < static_cast<int>(covered.size());) {
    if (covered[start]) {
      ++start;
      continue;
    }
    int end = start;
    while (end < static_cast<int>(covered.size()) && !covered[end]) ++end;
    if (end - start > best_length) {
      best_length = end - start;
      best_start = start;
    }
    start = end;
  }
  if (best_length == 0) return (left + right) / 2;
  return left + best_start + best_length / 2;
}

// The boxes of the ink's connected marks inside `area`, on the page's coordinates.
std::vector<cv::Rect> marks_in(const cv::Mat& ink, const cv::Rect& area) {
  const cv::Rect inside = area & cv::Rect(0, 0, ink.cols, ink.rows);
  std::vector<cv::Rect> marks;
  if (inside.empty()) return marks;
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink(inside), labels, stats, centroids, 8);
  for (int i = 1; i < count; ++i) {
    marks.emplace_back(stats.at<int>(i, cv::CC_STAT_LEFT) + inside.x,
                       stats.at<int>(i, cv::CC_STAT_TOP) + inside.y,
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
  }
  return marks;
}

// A mark as tall as a letter: a third of a line at least (a lower-case letter), two at most.
bool letter_tall(const cv::Rect& mark, int text_height) {
  return 3 * mark.height >= text_height && mark.height <= 2 * text_height;
}

// Marks of a letter's size inside `area`: a step number the OCR did not read. Letters touching
// each other make one mark in a word; alone, a number is a letter or two wide.
std::vector<cv::Rect> letter_marks(const cv::Mat& ink, const cv::Rect& area, int text_height) {
  std::vector<cv::Rect> marks;
  for (const cv::Rect& mark : marks_in(ink, area)) {
    if (letter_tall(mark, text_height) && mark.width <= 2 * text_height) marks.push_back(mark);
  }
  return marks;
}

// Where a rule goes between text above and text below in [from, to): the middle of the lowest
// run of rows holding the least ink within `spans` (column ranges), give or take a speck's worth.
// The lowest, as a line the OCR missed above it (the last of a lane's name, the end of an
// activity) belongs to the cell above.
int rule_row_between(const cv::Mat& ink, const std::vector<std::pair<int, int>>& spans, int from,
                     int to) {
  from = std::max(from, 0);
  to = std::min(to, ink.rows);
  if (to - from < 2) return (from + to) / 2;
  std::vector<int> counts;
  for (int y = from; y < to; ++y) {
    int count = 0;
    for (const auto& [x0, x1] : spans) {
      const int a = std::max(0, x0);
      const int b = std::min(ink.cols, x1);
      if (b > a) count += cv::countNonZero(ink.row(y).colRange(a, b));
    }
    counts.push_back(count);
  }
  const int least = *std::min_element(counts.begin(), counts.end()) + 2;
  int end = static_cast<int>(counts.size());
  while (end > 0 && counts[end - 1] > least) --end;
  int start = end;
  while (start > 0 && counts[start - 1] <= least) --start;
  return from + (start + end) / 2;
}

// The bottom of the last step: its words and the marks of a letter's size or more below its
// number (its symbol, an arrow to the end), each within two text heights of the one above.
int last_step_bottom(int start, int left, int right, const std::vector<OcrWord>& words,
                     const cv::Mat& ink, int text_height) {
  std::vector<cv::Rect> marks;
  for (const OcrWord& word : words) {
    if (word.bbox_px.y >= start && centre_x(word.bbox_px) >= left &&
        centre_x(word.bbox_px) < right) {
      marks.push_back(word.bbox_px);
    }
  }
  for (const cv::Rect& mark : marks_in(ink, {left, start, right - left, ink.rows - start})) {
    if (2 * std::max(mark.width, mark.height) >= text_height) marks.push_back(mark);
  }
  std::sort(marks.begin(), marks.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
  int bottom = start + text_height;
  for (const cv::Rect& mark : marks) {
    if (mark.y > bottom + 2 * text_height) break;
    bottom = std::max(bottom, mark.br().y);
  }
  return bottom;
}

// The words of a page that holds a step table, and what they say before any rule is placed.
struct TableWords {
  std::vector<OcrWord> words;  // boxed to their letters
  int text_height = 0;
  std::vector<WordRun> runs;
  std::vector<WordBlock> blocks;
  std::vector<FoundLabel> labels;
  cv::Rect activity_label;
  // The activity's paragraphs below its label, top to bottom: one per step, or per sub-item.
  std::vector<cv::Rect> activity_paragraphs;
  int activity_left = 0;          // where the activity's text starts
  std::vector<cv::Rect> numbers;  // the step numbers that were read, top to bottom
  int body_top = 0;               // where the first step starts
};

// The header's lines by what they do: name one column, span several (Pelaksana, Mutu Baku), or
// number the columns (1 2 3 ...).
struct HeaderLines {
  int top = 0;
  std::vector<cv::Rect> naming;
  std::vector<cv::Rect> spanning;
  std::vector<cv::Rect> numerals;
};

// Column rules and the roles the grid placement needs.
struct PlacedColumns {
  TableGrid grid;  // its column rules only
  int activity_col = 0;
  std::vector<int> text_cols;  // Kelengkapan, Waktu, Output, Keterangan: text level with a step
};

bool is_span_label(const FoundLabel& label) {
  return label.column == StepColumn::lanes || label.column == StepColumn::quality;
}

// The words the engine read with some confidence that hold a letter or digit (a lone digit too:
// a column-number row is made of them), each boxed to its letter-sized marks: the engine's box
// may take in specks or a rule's dots beside them, and a "word" of no such marks is noise.
std::vector<OcrWord> lettered_words(const std::vector<OcrWord>& read, const cv::Mat& ink, int dpi,
                                    int& text_height) {
  std::vector<OcrWord> words;
  for (const OcrWord& word : read) {
    const bool has_text = std::any_of(word.text.begin(), word.text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c));
    });
    if (word.confidence >= 0.3 && has_text) words.push_back(word);
  }
  text_height = median_text_height(words, std::max(4, dpi / 10));
  std::vector<OcrWord> lettered;
  for (OcrWord& word : words) {
    std::vector<cv::Rect> marks;
    for (const cv::Rect& mark : marks_in(ink, word.bbox_px)) {
      if (letter_tall(mark, text_height)) marks.push_back(mark);
    }
    if (marks.empty()) continue;
    // The letters stand on one line: a speck above or below them is no part of the word.
    std::vector<int> middles;
    for (const cv::Rect& mark : marks) middles.push_back(centre_y(mark));
    std::nth_element(middles.begin(), middles.begin() + middles.size() / 2, middles.end());
    const int middle = middles[middles.size() / 2];
    cv::Rect box;
    for (const cv::Rect& mark : marks) {
      if (std::abs(centre_y(mark) - middle) <= text_height / 2) {
        box = box.empty() ? mark : box | mark;
      }
    }
    word.bbox_px = box;
    lettered.push_back(std::move(word));
  }
  text_height = median_text_height(lettered, text_height);
  // Grain a photographed page's paper shows is read as short "words" of a speck or two.
  lettered.erase(
      std::remove_if(lettered.begin(), lettered.end(),
                     [&](const OcrWord& word) { return 2 * word.bbox_px.height < text_height; }),
      lettered.end());
  return lettered;
}

// The page's words as a step table's, or nullopt: an activity label with a lane or Mutu Baku
// label right of it, level with it or a few lines above (a label spanning the lanes' names), and
// the activity's paragraphs below it.
std::optional<TableWords> table_words(const std::vector<OcrWord>& read, const cv::Mat& ink,
                                      int dpi) {
  TableWords table;
  table.words = lettered_words(read, ink, dpi, table.text_height);
  if (table.words.size() < 10) return std::nullopt;
  const int text_height = table.text_height;
  table.runs = word_runs(table.words, text_height);
  table.blocks = word_blocks(table.runs, text_height);
  for (const WordBlock& block : table.blocks) {
    for (const FoundLabel& label : labels_in(block)) table.labels.push_back(label);
  }
  for (const FoundLabel& label : labels_across_runs(table.runs, text_height)) {
    table.labels.push_back(label);
  }
  // The topmost activity label, whole: its part alone ("Kegiatan" of "Proses/ Tahapan
  // Kegiatan") would leave the rest of it as a column of its own.
  const FoundLabel* activity = nullptr;
  for (const FoundLabel& label : table.labels) {
    if (label.column == StepColumn::activity && (!activity || label.box.y < activity->box.y)) {
      activity = &label;
    }
  }
  if (!activity) return std::nullopt;
  for (const FoundLabel& label : table.labels) {
    if (label.column == StepColumn::activity && (label.box & activity->box) == activity->box) {
      activity = &label;
    }
  }
  const cv::Rect label = activity->box;
  table.activity_label = label;
  const bool step_header =
      std::any_of(table.labels.begin(), table.labels.end(), [&](const FoundLabel& other) {
        return other.column != StepColumn::activity && other.column != StepColumn::number &&
               other.box.x > label.br().x && other.box.br().y > label.y - 4 * text_height &&
               other.box.y < label.br().y + 2 * text_height;
      });
  if (!step_header) return std::nullopt;

  // The activity's column starts right of the header's text left of its label ("No"), if any;
  // its paragraphs are left-aligned where the label is centred.
  int column_left = 0;
  for (const WordBlock& block : table.blocks) {
    const cv::Rect& box = block.box;
    if (box.br().x <= label.x && box.y < label.br().y + text_height &&
        box.br().y > label.y - text_height) {
      column_left = std::max(column_left, box.br().x);
    }
  }
  for (const WordBlock& block : table.blocks) {
    const cv::Rect& box = block.box;
    if (box.y > label.br().y && box.x > column_left && box.x < centre_x(label) &&
        !std::all_of(block.lines.begin(), block.lines.end(), only_numerals)) {
      table.activity_paragraphs.push_back(box);
    }
  }
  if (table.activity_paragraphs.empty()) return std::nullopt;
  std::sort(table.activity_paragraphs.begin(), table.activity_paragraphs.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
  table.activity_left = table.activity_paragraphs.front().x;
  for (const cv::Rect& box : table.activity_paragraphs) {
    table.activity_left = std::min(table.activity_left, box.x);
  }
  table.numbers = step_numbers(table.words, label.br().y, table.activity_left, text_height);
  table.body_top = table.activity_paragraphs.front().y;
  if (!table.numbers.empty()) table.body_top = std::min(table.body_top, table.numbers.front().y);
  return table;
}

// The header's lines: those level with the activity label and those stacked on them up to the
// header's top (Pelaksana and Mutu Baku a few lines above), down to the body.
HeaderLines header_lines(const TableWords& table) {
  const cv::Rect& label = table.activity_label;
  const int text_height = table.text_height;
  HeaderLines header;
  header.top = label.y;
  for (const WordRun& run : table.runs) {
    if (run.box.y < label.br().y + text_height && run.box.br().y > label.y - text_height &&
        run.box.br().y <= table.body_top - text_height / 4) {
      header.top = std::min(header.top, run.box.y);
    }
  }
  for (const FoundLabel& span : table.labels) {
    if (is_span_label(span) && span.box.y < header.top &&
        span.box.br().y >= header.top - 4 * text_height) {
      header.top = span.box.y;
    }
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const WordRun& run : table.runs) {
      if (run.box.y < header.top && run.box.br().y >= header.top - 3 * text_height / 2) {
        header.top = run.box.y;
        grew = true;
      }
    }
  }
  std::vector<const WordRun*> lines;
  for (const WordRun& run : table.runs) {
    if (run.box.y >= header.top && run.box.br().y <= table.body_top - text_height / 4) {
      lines.push_back(&run);
    }
  }
  // A line spans columns where it is (part of) a label naming the lanes or Mutu Baku, or lies
  // over lines that stand apart from each other (two lanes' names) and reach out past it: a wrapped
  // name's first line lies over the words of its second, which stand apart too where the engine
  // parted them. The others name one column each. A line of numerals below the labels is the
  // column-number row.
  for (const WordRun* line : lines) {
    const cv::Rect& box = line->box;
    if (only_numerals(*line)) {
      if (box.y > label.br().y) header.numerals.push_back(box);
      continue;
    }
    // A label read in parts stands as a whole: the widest label the line is part of.
    const FoundLabel* part_of = nullptr;
    for (const FoundLabel& found : table.labels) {
      if ((found.box & box).area() * 2 >= box.area() &&
          (!part_of || found.box.width > part_of->box.width)) {
        part_of = &found;
      }
    }
    if (part_of) {
      std::vector<cv::Rect>& kind = is_span_label(*part_of) ? header.spanning : header.naming;
      if (std::find(kind.begin(), kind.end(), part_of->box) == kind.end()) {
        kind.push_back(part_of->box);
      }
      continue;
    }
    std::vector<cv::Rect> below;
    for (const WordRun* other : lines) {
      if (other->box.y >= box.br().y - text_height / 4 && overlap_sideways(box, other->box) &&
          !only_numerals(*other)) {
        below.push_back(other->box);
      }
    }
    bool over_apart = false;
    for (std::size_t a = 0; a < below.size() && !over_apart; ++a) {
      for (std::size_t b = a + 1; b < below.size() && !over_apart; ++b) {
        over_apart = !overlap_sideways(below[a], below[b]);
      }
    }
    over_apart =
        over_apart && std::any_of(below.begin(), below.end(), [&](const cv::Rect& under) {
          return under.x < box.x - text_height / 2 || under.br().x > box.br().x + text_height / 2;
        });
    (over_apart ? header.spanning : header.naming).push_back(box);
  }
  return header;
}

// The column rules: the naming lines overlapping sideways are one column's, and the step numbers
// the number column's, whether or not its head was printed or read; each rule between two stands
// where rule_between puts it, the outer ones half a line outside the table's text. Where neither
// the number column's head nor its numbers were read, marks of a letter's size left of the
// activity's text, level with the start of most of its paragraphs, are its numbers. nullopt for
// fewer than four columns.
std::optional<PlacedColumns> place_columns(const TableWords& table, const HeaderLines& header,
                                           const cv::Mat& ink) {
  const int text_height = table.text_height;
  std::vector<cv::Rect> column_text = header.naming;
  if (!table.numbers.empty()) {
    cv::Rect number_span = table.numbers.front();
    for (const cv::Rect& number : table.numbers) number_span |= number;
    column_text.push_back(number_span);
  }
  std::sort(column_text.begin(), column_text.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
  std::vector<std::pair<int, int>> columns;
  for (const cv::Rect& box : column_text) {
    if (!columns.empty() && box.x < columns.back().second) {
      columns.back().second = std::max(columns.back().second, box.br().x);
    } else {
      columns.emplace_back(box.x, box.br().x);
    }
  }
  if (columns.size() < 4) return std::nullopt;

  std::vector<OcrWord> body;
  int left = columns.front().first;
  int right = columns.back().second;
  for (const OcrWord& word : table.words) {
    if (word.bbox_px.y >= table.body_top - text_height / 2) {
      body.push_back(word);
      left = std::min(left, word.bbox_px.x);
      right = std::max(right, word.bbox_px.br().x);
    }
  }
  for (const cv::Rect& box : header.spanning) {
    left = std::min(left, box.x);
    right = std::max(right, box.br().x);
  }
  const int margin = text_height / 2;
  PlacedColumns placed;
  placed.grid.col_rules_x_px.push_back(std::max(0, left - margin));
  for (std::size_t c = 0; c + 1 < columns.size(); ++c) {
    placed.grid.col_rules_x_px.push_back(
        rule_between(columns[c].second, columns[c + 1].first, body));
  }
  placed.grid.col_rules_x_px.push_back(std::min(ink.cols - 1, right + margin));

  placed.activity_col = placed.grid.column_at(centre_x(table.activity_label));
  if (placed.activity_col == 0) {
    const int reach = 5 * text_height;
    int numbered = 0;
    cv::Rect number_span;
    for (const cv::Rect& paragraph : table.activity_paragraphs) {
      const cv::Rect beside(table.activity_left - reach, paragraph.y - text_height / 2,
                            reach - text_height / 4, 2 * text_height);
      const std::vector<cv::Rect> marks = letter_marks(ink, beside, text_height);
      if (!marks.empty()) ++numbered;
      for (const cv::Rect& mark : marks) {
        number_span = number_span.empty() ? mark : number_span | mark;
      }
    }
    if (2 * numbered >= static_cast<int>(table.activity_paragraphs.size())) {
      placed.grid.col_rules_x_px.front() =
          std::max(0, std::min(placed.grid.col_rules_x_px.front(), number_span.x - margin));
      placed.grid.col_rules_x_px.insert(placed.grid.col_rules_x_px.begin() + 1,
                                        (number_span.br().x + table.activity_left) / 2);
      placed.activity_col = 1;
    }
  }
  for (const FoundLabel& label : table.labels) {
    const bool text_column =
        label.column == StepColumn::requirements || label.column == StepColumn::duration ||
        label.column == StepColumn::output || label.column == StepColumn::notes;
    const int col = placed.grid.column_at(centre_x(label.box));
    if (text_column && label.box.br().y <= table.body_top && col > placed.activity_col) {
      placed.text_cols.push_back(col);
    }
  }
  return placed;
}

// Where each step starts: where the activity's paragraph starts level with its number (read, or
// a mark in the number column) or with a paragraph of Kelengkapan, Waktu, Output or Keterangan.
// A sub-item's paragraph ("b. ...") has neither and stays in its step's row.
std::vector<int> step_starts(const TableWords& table, const PlacedColumns& columns,
                             const cv::Mat& ink) {
  const int text_height = table.text_height;
  std::vector<int> text_tops;
  for (const WordBlock& block : table.blocks) {
    const int col = columns.grid.column_at(block.box.x + text_height / 4);
    if (block.box.y >= table.body_top - text_height / 2 &&
        std::find(columns.text_cols.begin(), columns.text_cols.end(), col) !=
            columns.text_cols.end()) {
      text_tops.push_back(block.box.y);
    }
  }
  std::vector<int> number_tops;
  for (const cv::Rect& number : table.numbers) number_tops.push_back(number.y);
  auto near = [&](const std::vector<int>& tops, int y) {
    return std::any_of(tops.begin(), tops.end(),
                       [&](int top) { return std::abs(top - y) <= text_height / 2; });
  };
  const int number_col = columns.activity_col - 1;
  auto starts_a_step = [&](int y) {
    if (near(number_tops, y) || near(text_tops, y)) return true;
    if (number_col < 0) return false;
    const int from = columns.grid.col_rules_x_px[number_col] + text_height / 4;
    const int to = columns.grid.col_rules_x_px[number_col + 1] - text_height / 4;
    return to > from &&
           !letter_marks(ink, {from, y - text_height / 2, to - from, 2 * text_height}, text_height)
                .empty();
  };
  std::vector<int> candidates = number_tops;
  for (const cv::Rect& paragraph : table.activity_paragraphs) candidates.push_back(paragraph.y);
  std::sort(candidates.begin(), candidates.end());
  std::vector<int> starts;
  for (int y : candidates) {
    if (!starts.empty() && y - starts.back() < text_height) continue;
    if (starts.empty() || starts_a_step(y)) starts.push_back(y);
  }
  return starts;
}

// The cells of a grid whose rules are placed: one atom each, but for the header's first two rows
// where a label spans columns (`spanned_by` names the label over each column, -1 for none): the
// label gets one cell across the columns it crosses, and every other column one cell down both.
std::vector<GridCell> cells_of(const TableGrid& grid, const std::vector<int>& spanned_by,
                               bool spanning_row) {
  std::vector<GridCell> cells;
  auto add_cell = [&](int row, int col, int row_span, int col_span) {
    const int x = grid.col_rules_x_px[col];
    const int y = grid.row_rules_y_px[row];
    cells.push_back({row, col, row_span, col_span,
                     cv::Rect(x, y, grid.col_rules_x_px[col + col_span] - x,
                              grid.row_rules_y_px[row + row_span] - y)});
  };
  for (int row = 0; row < grid.row_count(); ++row) {
    for (int col = 0; col < grid.col_count();) {
      if (!spanning_row || row > 1) {
        add_cell(row, col, 1, 1);
        ++col;
        continue;
      }
      const int spanner = spanned_by[col];
      int end = col + 1;
      if (row == 0 && spanner >= 0) {
        while (end < grid.col_count() && spanned_by[end] == spanner) ++end;
        add_cell(0, col, 1, end - col);
      } else if (row == 0) {
        add_cell(0, col, 2, 1);
      } else if (spanner >= 0) {
        add_cell(1, col, 1, 1);
      }
      col = end;
    }
  }
  return cells;
}

}  // namespace

std::optional<TableGrid> grid_from_words(const std::vector<OcrWord>& read, const cv::Mat& ink,
                                         int dpi) {
  if (ink.empty()) return std::nullopt;
  const std::optional<TableWords> table = table_words(read, ink, dpi);
  if (!table) return std::nullopt;
  const HeaderLines header = header_lines(*table);
  const std::optional<PlacedColumns> columns = place_columns(*table, header, ink);
  if (!columns) return std::nullopt;
  const std::vector<int> starts = step_starts(*table, *columns, ink);
  const int text_height = table->text_height;
  const int margin = text_height / 2;

  TableGrid grid = columns->grid;
  const int left = grid.col_rules_x_px.front();
  const int right = grid.col_rules_x_px.back();
  // Each row rule goes in the emptiest rows between the text above and below it: a line the OCR
  // missed (the last of a lane's name) still has its ink there.
  const std::vector<std::pair<int, int>> whole_width = {{left, right}};
  std::vector<std::pair<int, int>> text_spans;
  for (int col = 0; col < grid.col_count(); ++col) {
    const bool text = col <= columns->activity_col ||
                      std::find(columns->text_cols.begin(), columns->text_cols.end(), col) !=
                          columns->text_cols.end();
    if (text) text_spans.emplace_back(grid.col_rules_x_px[col], grid.col_rules_x_px[col + 1]);
  }
  grid.row_rules_y_px.push_back(std::max(0, header.top - margin));
  int naming_bottom = header.top;
  for (const cv::Rect& box : header.naming) naming_bottom = std::max(naming_bottom, box.br().y);
  // The columns under a label spanning several (Pelaksana, Mutu Baku) have a row for it above
  // their names; the others' cells span both rows.
  std::vector<int> spanned_by(grid.col_count(), -1);
  int spanning_bottom = -1;
  for (std::size_t i = 0; i < header.spanning.size(); ++i) {
    const cv::Rect& span = header.spanning[i];
    const int first = grid.column_at(span.x + margin / 2);
    const int last = grid.column_at(span.br().x - margin / 2);
    for (int col = first; col <= last; ++col) spanned_by[col] = static_cast<int>(i);
    spanning_bottom = std::max(spanning_bottom, span.br().y);
  }
  bool spanning_row = false;
  if (spanning_bottom >= 0) {
    int under = table->body_top;
    for (const cv::Rect& box : header.naming) {
      if (spanned_by[grid.column_at(centre_x(box))] >= 0) under = std::min(under, box.y);
    }
    std::vector<std::pair<int, int>> spanned_columns;
    for (int col = 0; col < grid.col_count(); ++col) {
      if (spanned_by[col] >= 0) {
        spanned_columns.emplace_back(grid.col_rules_x_px[col], grid.col_rules_x_px[col + 1]);
      }
    }
    if (under > spanning_bottom) {
      grid.row_rules_y_px.push_back(rule_row_between(ink, spanned_columns, spanning_bottom, under));
      spanning_row = true;
    }
  }
  int header_bottom = naming_bottom;
  if (!header.numerals.empty()) {
    int numerals_top = table->body_top;
    int numerals_bottom = naming_bottom;
    for (const cv::Rect& box : header.numerals) {
      numerals_top = std::min(numerals_top, box.y);
      numerals_bottom = std::max(numerals_bottom, box.br().y);
    }
    if (numerals_top > naming_bottom) {
      grid.row_rules_y_px.push_back(
          rule_row_between(ink, whole_width, naming_bottom, numerals_top));
    }
    header_bottom = numerals_bottom;
  }
  grid.row_rules_y_px.push_back(rule_row_between(ink, whole_width, header_bottom, table->body_top));
  for (std::size_t k = 1; k < starts.size(); ++k) {
    int above = starts[k - 1];
    for (const OcrWord& word : table->words) {
      const int middle = centre_y(word.bbox_px);
      if (middle >= starts[k - 1] && middle < starts[k] - text_height / 4 &&
          centre_x(word.bbox_px) >= left && centre_x(word.bbox_px) < right) {
        above = std::max(above, word.bbox_px.br().y);
      }
    }
    grid.row_rules_y_px.push_back(above < starts[k]
                                      ? rule_row_between(ink, text_spans, above, starts[k])
                                      : starts[k] - text_height / 4);
  }
  const int bottom = last_step_bottom(starts.back(), left, right, table->words, ink, text_height);
  grid.row_rules_y_px.push_back(std::min(ink.rows - 1, bottom + margin));
  if (!std::is_sorted(grid.row_rules_y_px.begin(), grid.row_rules_y_px.end()) ||
      std::adjacent_find(grid.row_rules_y_px.begin(), grid.row_rules_y_px.end()) !=
          grid.row_rules_y_px.end()) {
    return std::nullopt;
  }
  grid.bbox_px = cv::Rect(left, grid.row_rules_y_px.front(), right - left,
                          grid.row_rules_y_px.back() - grid.row_rules_y_px.front());

  grid.cells = cells_of(grid, spanned_by, spanning_row);
  return grid;
}

}  // namespace sopocr
