#include "identity_words.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "labels.h"
#include "text.h"

namespace sopocr {
namespace {

// Words side by side at one height, left to right: across the whole page, so a line may hold
// the letterhead's words, a key and its value.
struct TextLine {
  std::vector<const OcrWord*> words;
  int top = 0;
  int bottom = 0;
};

int middle_y(const cv::Rect& box) { return box.y + box.height / 2; }

// The height of a line of the page's text: the median height of its words of two letters or
// more (a speck or a stop is lower, a stamp's mark may be taller).
int text_height(const std::vector<OcrWord>& words) {
  std::vector<int> heights;
  for (const OcrWord& word : words) {
    if (word.text.size() >= 2) heights.push_back(word.bbox_px.height);
  }
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

std::vector<TextLine> lines_of(const std::vector<OcrWord>& words, int height) {
  std::vector<const OcrWord*> by_middle;
  for (const OcrWord& word : words) by_middle.push_back(&word);
  std::sort(by_middle.begin(), by_middle.end(), [](const OcrWord* a, const OcrWord* b) {
    return middle_y(a->bbox_px) < middle_y(b->bbox_px);
  });
  std::vector<TextLine> lines;
  for (const OcrWord* word : by_middle) {
    // A word belongs to the line whose first word's middle is within half a line of its own.
    if (lines.empty() ||
        middle_y(word->bbox_px) - middle_y(lines.back().words.front()->bbox_px) > height / 2) {
      lines.push_back({{}, word->bbox_px.y, word->bbox_px.br().y});
    }
    TextLine& line = lines.back();
    line.words.push_back(word);
    line.top = std::min(line.top, word->bbox_px.y);
    line.bottom = std::max(line.bottom, word->bbox_px.br().y);
  }
  for (TextLine& line : lines) {
    std::sort(line.words.begin(), line.words.end(),
              [](const OcrWord* a, const OcrWord* b) { return a->bbox_px.x < b->bbox_px.x; });
  }
  return lines;
}

// A label read on a line, where its words stand.
struct PlacedLabel {
  const IdentityLabel* label = nullptr;
  std::size_t line = 0;
  int left = 0;
  int right = 0;
  // Where the first word after the label (past a colon or a speck) begins; nullopt where none
  // follows on the line.
  std::optional<int> value_left;
};

// A word of one character, or of no letter or digit: a speck, a stop, a rule's dot.
bool is_speck(const std::string& text) {
  return text.size() <= 1 || std::none_of(text.begin(), text.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0;
         });
}

// The labels on each line. A label starts a phrase (the word before it, if any, stands more
// than a letter's height away: the letterhead's words beside a key), and a list's heading ends
// one (nothing follows it but a colon or a gap: the heading beside it): a list item that mentions
// "peralatan" is no heading.
std::vector<PlacedLabel> labels_on(const std::vector<TextLine>& lines, int height) {
  static const std::vector<std::string> texts = identity_label_texts();
  constexpr std::size_t kLongestLabelInWords = 4;
  constexpr double kMinSimilarity = 0.8;
  std::vector<PlacedLabel> placed;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const std::vector<const OcrWord*>& words = lines[l].words;
    auto stands_apart = [&](std::size_t before, std::size_t after) {
      return words[after]->bbox_px.x - words[before]->bbox_px.br().x > height;
    };
    // A speck or a dotted rule's dot read beside a label ("! Kualifikasi") is no word before it.
    auto word_before = [&](std::size_t i) -> std::optional<std::size_t> {
      while (i-- > 0) {
        if (!is_speck(words[i]->text)) return i;
      }
      return std::nullopt;
    };
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (is_speck(words[i]->text)) continue;
      if (const auto before = word_before(i); before && !stands_apart(*before, i)) continue;
      std::string text;
      std::vector<std::size_t> word_ends;  // in normalize_text(text)
      for (std::size_t j = i; j < words.size() && j < i + kLongestLabelInWords; ++j) {
        if (j > i && stands_apart(j - 1, j)) break;
        text += (text.empty() ? "" : " ") + words[j]->text;
        word_ends.push_back(normalize_text(text).size());
      }
      const std::optional<LabelMatch> match = match_label_prefix(text, texts, kMinSimilarity);
      if (!match) continue;
      std::size_t last = i;
      while (last - i + 1 < word_ends.size() && word_ends[last - i] < match->end) ++last;
      const IdentityLabel& label = identity_labels()[match->index];
      std::size_t next = last + 1;
      while (next < words.size() && is_speck(words[next]->text)) ++next;
      if (label.is_list && next < words.size() && !stands_apart(last, next)) continue;
      placed.push_back(
          {&label, l, words[i]->bbox_px.x, words[last]->bbox_px.br().x,
           next < words.size() ? std::optional(words[next]->bbox_px.x) : std::nullopt});
      i = last;
    }
  }
  return placed;
}

// A grid of whole cells between the given rules; `spanning_first_column` makes the first
// column one cell down all rows (the letterhead beside the keys).
TableGrid lattice(std::vector<int> row_rules, std::vector<int> col_rules,
                  bool spanning_first_column) {
  TableGrid grid;
  grid.row_rules_y_px = std::move(row_rules);
  grid.col_rules_x_px = std::move(col_rules);
  const int rows = grid.row_count();
  const int cols = grid.col_count();
  const auto& ys = grid.row_rules_y_px;
  const auto& xs = grid.col_rules_x_px;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (spanning_first_column && c == 0) {
        if (r == 0)
          grid.cells.push_back(
              {0, 0, rows, 1, cv::Rect(xs[0], ys[0], xs[1] - xs[0], ys.back() - ys[0])});
        continue;
      }
      grid.cells.push_back(
          {r, c, 1, 1, cv::Rect(xs[c], ys[r], xs[c + 1] - xs[c], ys[r + 1] - ys[r])});
    }
  }
  grid.bbox_px = cv::Rect(xs.front(), ys.front(), xs.back() - xs.front(), ys.back() - ys.front());
  return grid;
}

// Rules must rise: a rule no lower than the one before it is dropped.
std::vector<int> rising(const std::vector<int>& rules) {
  std::vector<int> kept;
  for (int rule : rules) {
    if (kept.empty() || rule > kept.back()) kept.push_back(rule);
  }
  return kept;
}

// The middle of the widest stretch of x in [from_x, to_x) that no word of `lines` from
// `first_line` on crosses; nullopt where every x is crossed.
std::optional<int> widest_free_stretch(const std::vector<TextLine>& lines, std::size_t first_line,
                                       int from_x, int to_x) {
  if (to_x <= from_x) return std::nullopt;
  std::vector<bool> crossed(static_cast<std::size_t>(to_x - from_x), false);
  for (std::size_t l = first_line; l < lines.size(); ++l) {
    for (const OcrWord* word : lines[l].words) {
      const int from = std::max(word->bbox_px.x, from_x);
      const int to = std::min(word->bbox_px.br().x, to_x);
      for (int x = from; x < to; ++x) crossed[static_cast<std::size_t>(x - from_x)] = true;
    }
  }
  std::optional<int> middle;
  std::size_t widest = 0;
  for (std::size_t x = 0; x < crossed.size();) {
    std::size_t end = x;
    while (end < crossed.size() && !crossed[end]) ++end;
    if (end - x > widest) {
      widest = end - x;
      middle = from_x + static_cast<int>(x + end) / 2;
    }
    x = std::max(end, x + 1);
  }
  return middle;
}

// Fewer keys than this in the words are no identity page: a letter's "Nomor" and "Tanggal".
constexpr std::size_t kFewestKeys = 3;

// Where the page's words stand, with the height of its text.
struct PageText {
  std::vector<TextLine> lines;
  int height = 0;
  int left = 0;  // the words' extent, a margin around it
  int right = 0;
  int bottom = 0;
};

// The key table: letterhead | keys | values, the values' column only where the values start
// right of the longest key (not where each follows its key in one cell). A key's row starts
// just above its line (a value starts level with its key); the last ends above the first list
// heading under it, or where the lines in the values' column under it stop.
std::optional<TableGrid> keys_grid(const PageText& page, const std::vector<PlacedLabel>& keys,
                                   std::optional<std::size_t> first_heading_line) {
  const int height = page.height;
  const int margin = height / 2;
  int keys_left = keys.front().left;
  int keys_right = keys.front().right;
  std::optional<int> values_left;
  for (const PlacedLabel& key : keys) {
    keys_left = std::min(keys_left, key.left);
    keys_right = std::max(keys_right, key.right);
    if (key.value_left) {
      values_left = std::min(values_left.value_or(*key.value_left), *key.value_left);
    }
  }
  std::vector<int> columns;
  const bool letterhead_beside = keys_left - page.left > 3 * height;
  if (letterhead_beside) columns.push_back(page.left);
  columns.push_back(letterhead_beside ? keys_left - margin : page.left);
  if (!values_left || *values_left > keys_right) {
    columns.push_back(values_left ? std::max(keys_right + 1, *values_left - margin)
                                  : keys_right + height);
  }
  columns.push_back(page.right);

  const int gap = height / 3;
  const int values_from = columns[columns.size() - 2];
  auto in_values = [&](const TextLine& line) {
    return std::any_of(line.words.begin(), line.words.end(),
                       [&](const OcrWord* word) { return word->bbox_px.x >= values_from; });
  };
  std::vector<int> rows;
  for (const PlacedLabel& key : keys) rows.push_back(page.lines[key.line].top - gap);
  const std::size_t last_key_line = keys.back().line;
  int bottom = page.lines[last_key_line].bottom + gap;
  if (first_heading_line) {
    bottom = page.lines[*first_heading_line].top - gap;
  } else {
    for (std::size_t l = last_key_line + 1; l < page.lines.size(); ++l) {
      if (!in_values(page.lines[l]) || page.lines[l].top - bottom > 2 * height) break;
      bottom = page.lines[l].bottom + gap;
    }
  }
  rows.push_back(bottom);
  rows = rising(rows);
  if (rows.size() < kFewestKeys + 1) return std::nullopt;
  return lattice(rows, columns, letterhead_beside);
}

// The lists: a heading row over an items row for each line of headings, the two columns parted
// in the widest stretch between the left-hand and the right-hand headings of a pair that no
// word of the lists crosses.
std::optional<TableGrid> lists_grid(const PageText& page,
                                    const std::vector<PlacedLabel>& headings) {
  std::vector<std::size_t> heading_lines;
  std::optional<int> left_headings_end;
  std::optional<int> right_headings_start;
  for (std::size_t h = 0; h < headings.size(); ++h) {
    const PlacedLabel& heading = headings[h];
    if (heading_lines.empty() || heading_lines.back() != heading.line) {
      heading_lines.push_back(heading.line);
    }
    // Headings come in pairs on a line, left to right.
    if (h + 1 < headings.size() && headings[h + 1].line == heading.line) {
      left_headings_end = std::max(left_headings_end.value_or(heading.right), heading.right);
      const int start = headings[h + 1].left;
      right_headings_start = std::min(right_headings_start.value_or(start), start);
    }
  }
  if (heading_lines.empty()) return std::nullopt;
  std::optional<int> split;
  if (left_headings_end && right_headings_start) {
    split = widest_free_stretch(page.lines, heading_lines.front(), *left_headings_end,
                                *right_headings_start);
    if (!split && *right_headings_start > *left_headings_end) {
      split = *right_headings_start - page.height / 2;
    }
  }
  const int gap = page.height / 3;
  std::vector<int> rows;
  for (const std::size_t line : heading_lines) {
    rows.push_back(page.lines[line].top - gap);
    rows.push_back(page.lines[line].bottom + gap);
  }
  rows.push_back(page.bottom);
  rows = rising(rows);
  if (rows.size() < 2) return std::nullopt;
  return lattice(rows, {page.left, split.value_or((page.left + page.right) / 2), page.right},
                 false);
}

}  // namespace

std::vector<TableGrid> identity_grids_from_words(const std::vector<OcrWord>& words) {
  PageText page;
  page.height = text_height(words);
  if (page.height <= 0) return {};
  page.lines = lines_of(words, page.height);
  const std::vector<PlacedLabel> labels = labels_on(page.lines, page.height);

  // Each key once, the first read.
  std::map<std::string, PlacedLabel> first_of_key;
  for (const PlacedLabel& placed : labels) {
    if (!placed.label->is_list) first_of_key.emplace(placed.label->key, placed);
  }
  if (first_of_key.size() < kFewestKeys) return {};
  std::vector<PlacedLabel> keys;
  for (const auto& [key, placed] : first_of_key) keys.push_back(placed);
  std::sort(keys.begin(), keys.end(),
            [](const PlacedLabel& a, const PlacedLabel& b) { return a.line < b.line; });
  // The lists' headings under the keys.
  std::vector<PlacedLabel> headings;
  for (const PlacedLabel& placed : labels) {
    if (placed.label->is_list && placed.line > keys.back().line) headings.push_back(placed);
  }

  const int margin = page.height / 2;
  int content_left = words.front().bbox_px.x;
  int content_right = words.front().bbox_px.br().x;
  int content_bottom = 0;
  for (const OcrWord& word : words) {
    content_left = std::min(content_left, word.bbox_px.x);
    content_right = std::max(content_right, word.bbox_px.br().x);
    content_bottom = std::max(content_bottom, word.bbox_px.br().y);
  }
  page.left = std::max(0, content_left - margin);
  page.right = content_right + margin;
  page.bottom = content_bottom + margin;

  const std::optional<TableGrid> keys_table =
      keys_grid(page, keys, headings.empty() ? std::nullopt : std::optional(headings.front().line));
  if (!keys_table) return {};
  std::vector<TableGrid> grids{*keys_table};
  if (std::optional<TableGrid> lists = lists_grid(page, headings)) grids.push_back(*lists);
  return grids;
}

}  // namespace sopocr
