#include "identity_page.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "labels.h"
#include "line_joining.h"
#include "nip.h"
#include "ocr_words.h"
#include "person_name.h"
#include "text.h"
#include "title_line.h"
#include "unicode_nfc.h"

namespace sopocr {
namespace {

// Strips the label and a following ':' from the first line; returns the rest with line breaks.
std::string value_after_label(const std::string& original, std::size_t label_end_in_first_line) {
  std::vector<std::string> lines = split_lines(original);
  if (lines.empty()) return {};
  std::string first = lines.front().size() > label_end_in_first_line
                          ? lines.front().substr(label_end_in_first_line)
                          : std::string();
  first = normalize_text(first);
  if (!first.empty() && first.front() == ':') first = normalize_text(first.substr(1));
  // The label's own full stop or a speck after it ("No.SOP." read without its space).
  if (first.find_first_not_of(".,:;' ") == std::string::npos) first.clear();
  std::string value = first;
  for (std::size_t i = 1; i < lines.size(); ++i) value += (value.empty() ? "" : "\n") + lines[i];
  return value;
}

// A line without a word of four letters: a stamp's, an emblem's or a speck's reading.
bool reads_as_noise(const std::string& line) {
  int run = 0;
  for (char c : line) {
    run = std::isalpha(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run >= 4) return false;
  }
  return true;
}

// A letterhead line that carries on a name from the line or cell above it ("KOTA BONTANG",
// "PERUMAHAN RAKYAT PROVINSI KALIMANTAN TIMUR"): capitals, a word of three letters or more, no
// digits. An address ("Jalan … No. 12 Telp. …") has digits and lower case; an emblem reads as
// stray marks.
bool continues_a_name(const std::string& text) {
  int letters = 0;
  int capitals = 0;
  int longest_word = 0;
  int word = 0;
  for (const char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) return false;
    const bool letter = std::isalpha(static_cast<unsigned char>(c));
    word = letter ? word + 1 : 0;
    longest_word = std::max(longest_word, word);
    letters += letter;
    capitals += letter && std::isupper(static_cast<unsigned char>(c));
  }
  static const std::regex sop_heading("STANDAR\\s+OPERASIONAL|PROSEDUR");
  return longest_word >= 3 && 10 * capitals >= 9 * letters && !std::regex_search(text, sop_heading);
}

// The institution's name in a cell of the identity page, from its first keyword ("DINAS …") on:
// the logo above or beside it reads as stray letters.
std::optional<CellText> institution_name_in(const CellText& cell) {
  // A page's heading may share the strip above the table with the letterhead: the name ends
  // where "STANDAR OPERASIONAL PROSEDUR" begins, and a keyword in the SOP's name under it
  // ("… DI KANTOR …") names no institution.
  static const std::regex heading("S\\s*T\\s*A\\s*N\\s*D\\s*A\\s*R\\s+OPERASIONAL",
                                  std::regex::icase);
  std::smatch heading_match;
  const std::string before_heading =
      std::regex_search(cell.original, heading_match, heading)
          ? cell.original.substr(0, static_cast<std::size_t>(heading_match.position(0)))
          : cell.original;
  static const std::regex keywords(
      "\\b(PEMERINTAH|DINAS|BADAN|KANTOR|SEKRETARIAT|INSPEKTORAT|SUB BAGIAN|SUBBAGIAN|BAGIAN|"
      "BIRO|SATUAN|RUMAH SAKIT|KECAMATAN|KELURAHAN|UPT|BALAI|DIREKTORAT|KEMENTERIAN|LEMBAGA|"
      "SUB BIDANG|BIDANG|SEKSI)\\b");
  std::smatch match;
  if (!std::regex_search(before_heading, match, keywords)) return std::nullopt;
  // The name's lines are capitals; the address, telephone and web lines under it in the same
  // cell, or the whole text beside a table whose rules were lost, are not.
  const std::vector<std::string> lines =
      split_lines(before_heading.substr(static_cast<std::size_t>(match.position(0))));
  CellText name = cell;
  name.original = lines.front();
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (continues_a_name(lines[i])) {
      name.original += "\n" + lines[i];
    } else if (!reads_as_noise(lines[i])) {
      break;
    }
  }
  name.text = normalize_text(unwrap_lines(name.original));
  return name;
}

// The institution's name. The letterhead may spread it over cells stacked in one column
// ("PEMERINTAH PROVINSI ...", "SATUAN POLISI PAMONG PRAJA", "SUB BAGIAN UMUM"): the name is the
// longest name read and the names stacked right above and below it, from the top down. A cell
// stacked on a name may carry it on without a keyword of its own ("DINAS KETENAGAKERJAAN" over
// "KOTA BONTANG").
std::optional<CellText> institution_of(const std::vector<CellText>& unlabelled, int dpi) {
  struct NameCell {
    CellText cell;
    bool has_keyword = false;
  };
  std::vector<NameCell> found;
  for (const CellText& cell : unlabelled) {
    if (std::optional<CellText> name = institution_name_in(cell)) {
      found.push_back({*name, true});
    } else if (continues_a_name(cell.text)) {
      found.push_back({cell, false});
      found.back().cell.text = normalize_text(unwrap_lines(cell.original));
    }
  }
  std::sort(found.begin(), found.end(), [](const NameCell& a, const NameCell& b) {
    return a.cell.bbox_px.y < b.cell.bbox_px.y;
  });
  std::size_t longest = found.size();
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (!found[i].has_keyword) continue;
    if (longest == found.size() || found[i].cell.text.size() > found[longest].cell.text.size()) {
      longest = i;
    }
  }
  if (longest == found.size()) return std::nullopt;
  std::vector<CellText> names;
  for (NameCell& name : found) names.push_back(std::move(name.cell));
  // Cells of one letterhead share their rules and most of their width.
  const int gap = std::max(4, dpi / 8);
  auto stacked = [&](const CellText& upper, const CellText& lower) {
    const cv::Rect& a = upper.bbox_px;
    const cv::Rect& b = lower.bbox_px;
    const int shared = std::min(a.br().x, b.br().x) - std::max(a.x, b.x);
    return 2 * shared > std::min(a.width, b.width) && b.y - a.br().y <= gap;
  };
  std::size_t first = longest;
  while (first > 0 && stacked(names[first - 1], names[first])) --first;
  std::size_t last = longest;
  while (last + 1 < names.size() && stacked(names[last], names[last + 1])) ++last;
  CellText joined = names[first];
  int lines = static_cast<int>(split_lines(joined.original).size());
  for (std::size_t i = first + 1; i <= last; ++i) {
    const CellText& next = names[i];
    joined.original += "\n" + next.original;
    for (OcrWord word : next.words) {
      word.line += lines;
      joined.words.push_back(std::move(word));
    }
    joined.doubtful_words.insert(joined.doubtful_words.end(), next.doubtful_words.begin(),
                                 next.doubtful_words.end());
    lines += static_cast<int>(split_lines(next.original).size());
    joined.confidence = std::min(joined.confidence, next.confidence);
    joined.bbox_px |= next.bbox_px;
  }
  joined.text = normalize_text(unwrap_lines(joined.original));
  return joined;
}

// A word of one or two characters standing apart from the next, further than four times the
// line's height: the emblem of a letterhead cell that a missing rule left beside the keys ("*
// Tgl. Revisi", "en Tgl. Efektif"), not a list's number ("1. Peraturan …"), which a hanging
// indent keeps within about two heights of its item.
bool is_speck_before(const std::vector<const OcrWord*>& words, std::size_t index) {
  if (index + 1 >= words.size() || decode_utf8(words[index]->text).size() > 2) return false;
  const int height = std::max(words[index + 1]->bbox_px.height, 1);
  return words[index + 1]->bbox_px.x - words[index]->bbox_px.br().x > 4 * height;
}

// A label at the start of a line, or after one or two specks read before it, or after a gap
// wider than one and a half of its letters' heights (a word space is half of one): the
// letterhead's address beside the keys, the rule between them lost ("Jalan Jenderal Sudirman
// No. 12 Telp. (0561) 734521   Judul SOP").
struct LabelAtLineStart {
  LabelMatch match;       // its end counts from `start`
  std::size_t word = 0;   // the line's word it starts at: the specks before it
  std::size_t start = 0;  // where it starts in the line
  bool after_other_text = false;  // found past a column's gap after words of another cell
};

std::optional<LabelAtLineStart> label_at_line_start(const std::string& line,
                                                    const std::vector<const OcrWord*>& words,
                                                    double min_similarity) {
  static const std::vector<std::string> label_texts = identity_label_texts();
  // The line's words as the engine boxed them, one space apart.
  const bool words_boxed = split_words(line).size() == words.size();
  std::size_t start = 0;
  for (std::size_t specks = 0; specks <= 2; ++specks) {
    if (auto match = match_label_prefix(line.substr(start), label_texts, min_similarity)) {
      return LabelAtLineStart{*match, specks, start};
    }
    const std::size_t space = line.find(' ', start);
    if (space == std::string::npos || !words_boxed || !is_speck_before(words, specks)) break;
    start = space + 1;
  }
  if (!words_boxed) return std::nullopt;
  constexpr double kBesideTheLetterhead = 0.8;
  std::size_t word_start = 0;
  std::optional<std::size_t> last_word;  // the last word before, not a speck
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (w > 0) word_start = line.find(' ', word_start) + 1;
    const int height = std::max(words[w]->bbox_px.height, 1);
    if (last_word && 2 * (words[w]->bbox_px.x - words[*last_word]->bbox_px.br().x) > 3 * height) {
      if (auto match = match_label_prefix(line.substr(word_start), label_texts,
                                          std::max(min_similarity, kBesideTheLetterhead))) {
        return LabelAtLineStart{*match, w, word_start, true};
      }
    }
    if (decode_utf8(words[w]->text).size() > 1) last_word = w;
  }
  return std::nullopt;
}

// A label read in a cell, what follows it there, and the grid column it is printed in. A rule
// broken between two labels' cells leaves both in one cell ("Dasar Hukum : Kualifikasi
// Pelaksana :"): each keeps the words after it up to the next, and the lines below that start
// in its column. A rule broken between two key rows leaves one label under the other
// ("Nomor SOP 065/71\nTanggal Pembuatan 2024"): each keeps its own line.
struct LabelInCell {
  const IdentityLabel* label = nullptr;
  std::string value_original;  // line breaks kept
  int col = 0;
  int end_col = 0;            // past its last column: the next label's column, or the cell's end
  bool below = false;         // found at the start of a later line than the cell's first label
  int line_middle_y_px = -1;  // the middle of the label's line; -1 where no word was boxed
  double similarity = 1.0;    // how closely the reading spelled the label
  // Where the label's last word ends and the first word after it on its line begins; -1 where
  // the words were not boxed or none follows.
  int label_right_px = -1;
  int value_left_px = -1;
  int label_height_px = 0;  // the label's last word's
  bool after_other_text = false;  // see LabelAtLineStart
};

std::vector<LabelInCell> labels_in_cell(const CellText& text, const GridCell& cell,
                                        const TableGrid& grid) {
  static const std::vector<std::string> label_texts = identity_label_texts();
  const std::vector<std::string> lines = split_lines(text.original);
  // The words of each line as printed: reading_of() put them one space apart.
  std::vector<std::vector<const OcrWord*>> line_words(lines.size());
  for (const OcrWord& word : text.words) {
    if (word.line >= 0 && static_cast<std::size_t>(word.line) < lines.size()) {
      line_words[static_cast<std::size_t>(word.line)].push_back(&word);
    }
  }
  auto middle_of_line = [&](std::size_t line) {
    if (line_words[line].empty()) return -1;
    int top = line_words[line].front()->bbox_px.y;
    int bottom = line_words[line].front()->bbox_px.br().y;
    for (const OcrWord* word : line_words[line]) {
      top = std::min(top, word->bbox_px.y);
      bottom = std::max(bottom, word->bbox_px.br().y);
    }
    return (top + bottom) / 2;
  };
  auto column_of_word = [&](std::size_t line, std::size_t index) {
    if (index >= line_words[line].size()) return cell.col;
    return std::clamp(grid.column_at(line_words[line][index]->bbox_px.x), cell.col,
                      cell.col + cell.col_span - 1);
  };
  std::size_t label_line = 0;
  // "No. SOP" has no word of four letters either.
  while (label_line + 1 < lines.size() && reads_as_noise(lines[label_line]) &&
         !match_label_prefix(lines[label_line], label_texts, 0.75)) {
    ++label_line;
  }
  if (label_line >= lines.size()) return {};
  const std::string& first = lines[label_line];
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 1; i < first.size(); ++i) {
    if (first[i - 1] == ' ' && first[i] != ' ') starts.push_back(i);
  }
  std::vector<LabelInCell> found;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // label start, label end in `first`
  const auto first_label = label_at_line_start(first, line_words[label_line], 0.75);
  if (!first_label) return {};
  for (std::size_t w = first_label->word; w < starts.size(); ++w) {
    // A label starts at a word, not at the colon before it ("Dasar Hukum : Kualifikasi").
    const std::string_view word =
        std::string_view(first).substr(starts[w], first.find(' ', starts[w]) - starts[w]);
    if (!found.empty() && std::none_of(word.begin(), word.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) != 0;
        })) {
      continue;
    }
    // Only the line's first label may be garbled (matched loosely): a value seldom holds one.
    const auto match = found.empty()
                           ? std::optional(first_label->match)
                           : match_label_prefix(first.substr(starts[w]), label_texts, 0.9);
    if (!match) continue;
    found.push_back({&identity_labels()[match->index],
                     {},
                     column_of_word(label_line, w),
                     0,
                     false,
                     middle_of_line(label_line),
                     match->similarity});
    found.back().after_other_text = found.size() == 1 && first_label->after_other_text;
    spans.emplace_back(starts[w], starts[w] + match->end);
    while (w + 1 < starts.size() && starts[w + 1] < spans.back().second) ++w;
  }
  const bool first_line_boxed = line_words[label_line].size() == starts.size();
  for (std::size_t j = 0; j < found.size(); ++j) {
    if (first_line_boxed) {
      std::size_t after = 0;
      while (after < starts.size() && starts[after] < spans[j].second) ++after;
      if (after > 0) {
        found[j].label_right_px = line_words[label_line][after - 1]->bbox_px.br().x;
        found[j].label_height_px = line_words[label_line][after - 1]->bbox_px.height;
      }
      const std::size_t next_label = j + 1 < found.size() ? spans[j + 1].first : first.size();
      if (after < starts.size() && starts[after] < next_label) {
        found[j].value_left_px = line_words[label_line][after]->bbox_px.x;
      }
    }
    found[j].end_col = j + 1 < found.size() ? found[j + 1].col : cell.col + cell.col_span;
    const std::size_t end = j + 1 < found.size() ? spans[j + 1].first : first.size();
    found[j].value_original = value_after_label(first.substr(spans[j].first, end - spans[j].first),
                                                spans[j].second - spans[j].first);
  }
  // Between two list headings of one line there are no items: what reads there with no word
  // of four letters is a speck ("Dasar Hukum Ta Kualifikasi Pelaksana").
  if (found.size() > 1) {
    for (LabelInCell& label : found) {
      if (label.label->is_list && reads_as_noise(label.value_original))
        label.value_original.clear();
    }
  }
  const std::size_t side_by_side = found.size();
  for (std::size_t i = label_line + 1; i < lines.size(); ++i) {
    const int col = column_of_word(i, 0);
    // Under a single key, a line that starts with another key is that key's row.
    if (side_by_side == 1) {
      if (const auto label = label_at_line_start(lines[i], line_words[i], 0.85)) {
        found.push_back({&identity_labels()[label->match.index],
                         value_after_label(lines[i], label->start + label->match.end), col,
                         cell.col + cell.col_span, true, middle_of_line(i),
                         label->match.similarity});
        continue;
      }
    }
    std::size_t owner = found.size() > side_by_side ? found.size() - 1 : 0;
    while (owner + 1 < side_by_side && found[owner + 1].col <= col) ++owner;
    std::string& value = found[owner].value_original;
    value += (value.empty() ? "" : "\n") + lines[i];
  }
  return found;
}

// Where a key's value lies past a rule of the table's columns that its row lost: a dashed or
// faded key|value rule that other rows keep leaves key and value in one cell, and what is left
// of the rule there reads as a "1" or a "j" glued to the value ("1061/016/BID.BIKON"). The value
// is then read from the rule on, where the key ends before the rule and the value starts at it
// (within a letter's height: the glued stroke widens the word's box to the left).
std::optional<cv::Rect> value_past_lost_rule(const TableGrid& grid, const GridCell& cell,
                                             const LabelInCell& key) {
  if (key.label->is_list || key.below || key.label_right_px < 0 || key.value_left_px < 0) {
    return std::nullopt;
  }
  const int right = grid.col_rules_x_px[static_cast<std::size_t>(key.end_col)];
  for (int col = cell.col + 1; col < key.end_col; ++col) {
    const int rule = grid.col_rules_x_px[static_cast<std::size_t>(col)];
    if (rule <= key.label_right_px) continue;
    if (key.value_left_px < rule - key.label_height_px) return std::nullopt;
    return cv::Rect(rule, cell.bbox_px.y, right - rule, cell.bbox_px.height);
  }
  return std::nullopt;
}

// The cell's reading cut to what follows `key` in it.
CellText value_after_key(const CellText& cell, const LabelInCell& key) {
  CellText value = cell;
  value.original = key.value_original;
  value.text = normalize_text(unwrap_lines(value.original));
  return value;
}

// Whether one of the lines of `cell` reads as a valid NIP.
bool holds_valid_nip(const CellText& cell) {
  for (const std::string& line : split_lines(cell.original)) {
    if (parse_nip(line).valid) return true;
  }
  return false;
}

bool holds_nip_line(const CellText& cell) {
  const std::vector<std::string> lines = split_lines(cell.original);
  return std::any_of(lines.begin(), lines.end(),
                     [](const std::string& line) { return reads_as_nip_line(line); });
}

// The lines of `cell` after the last that reads as a NIP, where some follow it: the approver's
// block ran on into the cell below where the rule between them was lost, and no title or
// other key's value holds a NIP.
void drop_lines_through_nip(CellText& cell) {
  const std::vector<std::string> lines = split_lines(cell.original);
  std::optional<std::size_t> last_nip;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (reads_as_nip_line(lines[i])) last_nip = i;
  }
  if (!last_nip || *last_nip + 1 >= lines.size()) return;
  const auto first_kept = static_cast<int>(*last_nip + 1);
  cell.original.clear();
  for (std::size_t i = *last_nip + 1; i < lines.size(); ++i) {
    cell.original += (cell.original.empty() ? "" : "\n") + lines[i];
  }
  cell.text = normalize_text(unwrap_lines(cell.original));
  std::erase_if(cell.words, [&](const OcrWord& word) { return word.line < first_kept; });
  for (OcrWord& word : cell.words) word.line -= first_kept;
}

// The bottom of the lowest line of `cell` that reads as a NIP, if one does: where an approver's
// block ends.
std::optional<int> nip_line_bottom(const CellText& cell) {
  std::optional<int> bottom;
  for (std::size_t first = 0; first < cell.words.size();) {
    std::size_t end = first;
    std::string line;
    int line_bottom = 0;
    for (; end < cell.words.size() && cell.words[end].line == cell.words[first].line; ++end) {
      line += (line.empty() ? "" : " ") + cell.words[end].text;
      line_bottom = std::max(line_bottom, cell.words[end].bbox_px.br().y);
    }
    if (reads_as_nip_line(line)) bottom = std::max(bottom.value_or(0), line_bottom);
    first = end;
  }
  return bottom;
}

bool is_date_key(std::string_view key) {
  return key == "created" || key == "revised" || key == "effective";
}

// Keys printed under each other in one cell with no rule between them ("Nomor SOP", "Tanggal
// Pembuatan", …, "Disahkan oleh"): each key's value sits beside it, at its line's height.
// Keys printed with their values in the same cell ("Nomor SOP 061/016", "Tgl. Pembuatan 10 Mei
// 2019") keep those; the keys of a label cell have nothing after them on their lines.
bool keys_stacked(const std::vector<LabelInCell>& labels) {
  if (labels.size() < 2) return false;
  const auto bare = std::count_if(labels.begin(), labels.end(), [](const LabelInCell& label) {
    return normalize_text(label.value_original).empty();
  });
  if (2 * bare < static_cast<long>(labels.size())) return false;
  for (std::size_t j = 0; j < labels.size(); ++j) {
    const LabelInCell& label = labels[j];
    if (label.label->is_list || label.line_middle_y_px < 0 || label.below != (j > 0)) return false;
    if (j > 0 && label.line_middle_y_px <= labels[j - 1].line_middle_y_px) return false;
  }
  return true;
}

// The rows of the page a stacked key owns: from halfway to the key above to halfway to the key
// below, the cell's own edges at the ends.
std::pair<int, int> stacked_key_band(const std::vector<LabelInCell>& labels, std::size_t j,
                                     const cv::Rect& cell) {
  const int top =
      j == 0 ? cell.y : (labels[j - 1].line_middle_y_px + labels[j].line_middle_y_px) / 2;
  const int bottom = j + 1 == labels.size()
                         ? cell.br().y
                         : (labels[j].line_middle_y_px + labels[j + 1].line_middle_y_px) / 2;
  return {top, bottom};
}

// A value read under a key row's label, with how closely the label read.
struct KeyedValue {
  std::string key;
  double label_similarity = 1.0;
  CellText value;
};

// Accumulates what the identity page's tables say, cell by cell.
struct IdentityScan {
  IdentityContent identity;
  std::vector<KeyedValue> keyed;  // in the order read
  int labels_found = 0;
  std::vector<CellText> unlabelled;
};

// One line of a cell's reading: where its words stand down the page (the median of their
// middles and heights: a word a stamp's ring ran into reads taller) and its text.
struct ReadLine {
  int line = 0;
  int middle = 0;
  int height = 0;
  std::string text;
};

std::vector<ReadLine> read_lines(const std::vector<OcrWord>& words) {
  std::vector<ReadLine> lines;
  for (std::size_t first = 0; first < words.size();) {
    std::size_t end = first;
    std::vector<int> middles;
    std::vector<int> heights;
    ReadLine line{words[first].line, 0, 0, ""};
    for (; end < words.size() && words[end].line == line.line; ++end) {
      middles.push_back(words[end].bbox_px.y + words[end].bbox_px.height / 2);
      heights.push_back(words[end].bbox_px.height);
      line.text += (line.text.empty() ? "" : " ") + words[end].text;
    }
    std::nth_element(middles.begin(), middles.begin() + middles.size() / 2, middles.end());
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    line.middle = middles[middles.size() / 2];
    line.height = heights[heights.size() / 2];
    lines.push_back(std::move(line));
    first = end;
  }
  return lines;
}

// `words` as line `line` of the block's reading, before the line there. The block's text may
// start after a key read in its cell ("Disahkan Oleh : Kepala Dinas"): its lines before `line`
// stay as they are. Where the text's lines do not follow the words' (a line of nothing but
// marks the text dropped), the block stays as it was.
void insert_line(CellText& block, int line, std::vector<OcrWord> words) {
  const std::vector<std::string> lines_kept = split_lines(block.original);
  std::vector<int> line_numbers;
  for (const OcrWord& word : block.words) line_numbers.push_back(word.line);
  std::sort(line_numbers.begin(), line_numbers.end());
  line_numbers.erase(std::unique(line_numbers.begin(), line_numbers.end()), line_numbers.end());
  const std::ptrdiff_t lines_before_text = std::ssize(line_numbers) - std::ssize(lines_kept);
  const std::ptrdiff_t lines_above =
      std::lower_bound(line_numbers.begin(), line_numbers.end(), line) - line_numbers.begin();
  if (lines_before_text < 0 || lines_above < lines_before_text) return;
  std::vector<OcrWord> all = block.words;
  for (OcrWord& word : all) word.line += word.line >= line ? 1 : 0;
  for (OcrWord& word : words) word.line = line;
  all.insert(all.end(), words.begin(), words.end());
  std::stable_sort(all.begin(), all.end(),
                   [](const OcrWord& a, const OcrWord& b) { return a.line < b.line; });
  const std::vector<std::string> lines_read = split_lines(reading_of(all));
  if (std::ssize(lines_read) != std::ssize(line_numbers) + 1) return;
  std::vector<std::string> lines(lines_kept.begin(),
                                 lines_kept.begin() + (lines_above - lines_before_text));
  lines.insert(lines.end(), lines_read.begin() + lines_above, lines_read.end());
  block.words = std::move(all);
  block.original.clear();
  for (const std::string& text : lines) {
    block.original += (block.original.empty() ? "" : "\n") + text;
  }
  block.text = normalize_text(unwrap_lines(block.original));
}

// The approver's bold, underlined name sits under the stamp's emblem and the signature, and
// their ink runs into its letters: the cell's reading can leave the whole line out, with no gap
// in the ink to find it by. The block's lines below it (rank, NIP) stand one line pitch apart,
// and the name one pitch above them: where no line of the block reads as a name with degrees,
// the band there is read alone, and its reading taken where it reads as one, surely.
void read_name_line_left_out(CellReader& reader, CellText& block) {
  // Alone, a band of an emblem's or a signature's strokes with a degree-like word in it ("Pree
  // tee CT MT") reads unsure; the names read so read surely.
  constexpr double kSureName = 0.7;
  const std::vector<ReadLine> lines = read_lines(block.words);
  const auto nip = std::find_if(lines.rbegin(), lines.rend(),
                                [](const ReadLine& line) { return holds_nip_digits(line.text); });
  if (nip == lines.rend() || nip + 1 == lines.rend()) return;
  if (std::any_of(nip + 1, lines.rend(),
                  [](const ReadLine& line) { return reads_as_name_with_degrees(line.text); })) {
    return;
  }
  // The pitch from the NIP's line to the one above, where that is a line or two's height: the
  // lines under the name are printed at one spacing.
  const int pitch = nip->middle - (nip + 1)->middle;
  if (pitch < nip->height || 2 * pitch > 5 * nip->height) return;
  auto lowest_above_name = nip;
  while (lowest_above_name + 1 != lines.rend() &&
         4 * (lowest_above_name->middle - (lowest_above_name + 1)->middle) <= 5 * pitch) {
    ++lowest_above_name;
  }
  const ReadLine& lowest = *lowest_above_name;
  const ReadLine* above =
      lowest_above_name + 1 != lines.rend() ? &*(lowest_above_name + 1) : nullptr;
  // A line read one pitch above them stands where the name does, though it does not read as one.
  if (above && 2 * std::abs(above->middle - (lowest.middle - pitch)) < pitch) return;
  // The name, bold and underlined, may stand further above: the band reaches two pitches up, or
  // to the line above.
  int band_top = lowest.middle - 2 * pitch;
  if (above) band_top = std::max(band_top, above->middle + above->height / 2);
  const int band_bottom = lowest.middle - lowest.height / 2;
  if (band_bottom <= band_top) return;
  const cv::Rect band(block.bbox_px.x, band_top, block.bbox_px.width, band_bottom - band_top);
  std::vector<OcrWord> name = sift_words(reader.read_line_alone(band)).text;
  std::string name_text;
  for (const OcrWord& word : name) name_text += (name_text.empty() ? "" : " ") + word.text;
  double confidence = 0.0;
  for (const OcrWord& word : name) confidence += word.confidence / static_cast<double>(name.size());
  if (confidence < kSureName || !reads_as_name_with_degrees(name_text)) return;
  insert_line(block, lowest.line, std::move(name));
}

// The approver signs and stamps over the printed name and NIP, in a pen's or a stamp's colour
// where the scan kept it: the block is read without those colours, and where its NIP then does
// not read as one, on black ink alone. A round stamp filled in before OCR takes the letters its
// rings run along with it (a NIP a digit short): a block still without a valid NIP is read again
// with the stamp left in, and taken if it then holds one.
CellText read_approver_block(CellReader& reader, const cv::Rect& box) {
  CellText block = reader.read_without_coloured_ink(box);
  if (!holds_valid_nip(block)) {
    std::optional<CellText> black = reader.read_black_ink_only(box);
    if (black && holds_valid_nip(*black)) block = std::move(*black);
  }
  if (!holds_valid_nip(block)) {
    std::optional<CellText> stamped = reader.read_with_stamp_left_in(box);
    if (stamped && holds_valid_nip(*stamped)) block = std::move(*stamped);
  }
  return block;
}

// A value shaped like an SOP's number ("067.1/094/Disnaker.01", "800/12/BKD"): digit groups
// joined by a slash or a stop, and at most two words of four letters or more. A title is words.
bool reads_as_sop_number(const std::string& text) {
  static const std::regex joined_digits("\\d\\s?[./]\\s?\\d|\\d\\s?/|/\\s?\\d");
  static const std::regex long_word("[A-Za-z]{4,}");
  const auto words = std::distance(std::sregex_iterator(text.begin(), text.end(), long_word),
                                   std::sregex_iterator());
  return std::regex_search(text, joined_digits) && words <= 2;
}

// Each key's value: the first read under it. "Nomor SOP" and "Nama SOP" differ by two letters,
// and a garbled "Nomor" can read closer to "Nama": the SOP's number then sits under the title's
// key, and the title's own row ("Judul SOP") finds the key taken. A value under a misread title
// label that reads as an SOP number, where no other reading under the number's key does, is
// the number.
std::map<std::string, CellText> values_by_key(std::vector<KeyedValue> keyed) {
  auto number_read = [&] {
    return std::any_of(keyed.begin(), keyed.end(), [](const KeyedValue& reading) {
      return reading.key == "sop_number" && reads_as_sop_number(reading.value.text);
    });
  };
  // Two values under the title's key: one of them was read under a number's key misread
  // exactly as "Nama SOP".
  const bool title_twice = std::count_if(keyed.begin(), keyed.end(), [](const KeyedValue& reading) {
                             return reading.key == "title";
                           }) > 1;
  for (KeyedValue& reading : keyed) {
    if (reading.key == "title" && (reading.label_similarity < 1.0 || title_twice) &&
        reads_as_sop_number(reading.value.text) && !number_read()) {
      reading.key = "sop_number";
    }
  }
  std::map<std::string, CellText> fields;
  for (KeyedValue& reading : keyed) fields.emplace(reading.key, std::move(reading.value));
  return fields;
}

void scan_identity_grid(const TableGrid& grid, const RuleMasks& rules, const PageImage& page,
                        CellReader& reader, IdentityScan& scan, int depth) {
  // A region the table's rules did not part (the key rows beside the letterhead, under the
  // column rules of the lists below) is read by the rules found inside it, where they make a
  // block of rows and columns: its keys' values are those. Its cells in this grid, cut by rules
  // of the table that do not run there, are read too, for the lists: a heading on the region's
  // last row has its items in the row below, outside the region. They are no unlabelled text.
  IdentityScan in_regions;
  std::vector<bool> in_region(grid.cells.size(), false);
  if (depth == 0) {
    for (const cv::Rect& region : grid.joined_regions_px) {
      const TableGrid sub = detect_subgrid(rules, region, page.dpi);
      if (sub.row_count() < 2 || sub.col_count() < 2 || sub.cells.size() < 2) continue;
      for (std::size_t i = 0; i < grid.cells.size(); ++i) {
        if ((grid.cells[i].bbox_px & region) == grid.cells[i].bbox_px) in_region[i] = true;
      }
      scan_identity_grid(sub, rules, page, reader, in_regions, depth + 1);
    }
  }
  const std::size_t keyed_before = scan.keyed.size();
  // A large cell may hold a ruled block of its own (the key/value table beside the logo).
  std::vector<std::optional<TableGrid>> inner(grid.cells.size());
  std::vector<CellText> texts(grid.cells.size());
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    const cv::Rect& box = grid.cells[i].bbox_px;
    if (depth < 3 && box.width > page.dpi && !in_region[i]) {
      TableGrid sub = detect_subgrid(rules, box, page.dpi);
      // A block of key/value rows has rows and columns of cells. The approver's underlined name
      // and a signature stroke through it find rules in both directions, but the short rules
      // part no cell from another.
      if (box.height > page.dpi / 2 && sub.row_count() >= 2 && sub.col_count() >= 2 &&
          sub.cells.size() >= 2) {
        inner[i] = std::move(sub);
        continue;
      }
      // A key row, an inch high at most, parted by rules drawn over only part of the table
      // ("Nama SOP" | its value, under a label|value rule that stops above the lists): cells of
      // their own when read whole it starts with no key (the key, centred beside a value of two
      // lines, is read between them, or after the letterhead's address) but one of the parts
      // reads as a key.
      const auto starts_with_no_key = [](const std::vector<LabelInCell>& labels) {
        return labels.empty() || labels.front().after_other_text;
      };
      if (box.height <= page.dpi && sub.row_count() == 1 && sub.cells.size() >= 2 &&
          starts_with_no_key(labels_in_cell(reader.read(box), grid.cells[i], grid)) &&
          std::any_of(sub.cells.begin(), sub.cells.end(), [&](const GridCell& part) {
            // A list heading's items are in the row below, outside this one.
            const auto keys = labels_in_cell(reader.read(part.bbox_px), part, sub);
            return std::any_of(keys.begin(), keys.end(),
                               [](const LabelInCell& key) { return !key.label->is_list; });
          })) {
        inner[i] = std::move(sub);
        continue;
      }
    }
    texts[i] = reader.read(box);
  }
  std::vector<bool> used = in_region;
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    if (inner[i]) continue;
    const std::vector<LabelInCell> labels = labels_in_cell(texts[i], grid.cells[i], grid);
    const bool stacked = keys_stacked(labels);
    for (std::size_t j = 0; j < labels.size(); ++j) {
      const LabelInCell& found = labels[j];
      const IdentityLabel& label = *found.label;
      ++scan.labels_found;
      used[i] = true;
      CellText value = value_after_key(texts[i], found);
      if (!value.text.empty()) {
        if (const auto past_rule = value_past_lost_rule(grid, grid.cells[i], found)) {
          CellText read_past_rule = reader.read(*past_rule);
          if (!read_past_rule.text.empty()) value = std::move(read_past_rule);
        }
      }
      // A key's value sits in the cell to its right (a speck under the label can read as "1");
      // a list heading's items follow it in its own cell or fill the cell below. The cell to
      // the right of a key found under another one is the upper key's.
      // Stacked keys each look beside their own line.
      const bool look_beside =
          stacked ? value.text.empty() : !found.below && (value.text.empty() || !label.is_list);
      if (look_beside) {
        const GridCell& cell = grid.cells[i];
        const int value_row = stacked ? std::clamp(grid.row_at(found.line_middle_y_px), cell.row,
                                                   cell.row + cell.row_span - 1)
                                      : cell.row;
        for (int step = 0; step < 2; ++step) {
          const GridCell* neighbour =
              label.is_list ? grid.cell_at(cell.row + cell.row_span, found.col)
                            : grid.cell_at(value_row, cell.col + cell.col_span + step);
          if (!neighbour) break;
          const auto index = static_cast<std::size_t>(neighbour - grid.cells.data());
          // A key's value is the cell beside it, whatever strokes in it looked like rules (a
          // signature through the approver's underlined name), unless it holds keys itself.
          if (inner[index]) {
            if (label.is_list) break;
            texts[index] = reader.read(neighbour->bbox_px);
            if (!labels_in_cell(texts[index], *neighbour, grid).empty()) break;
            inner[index].reset();
          }
          if (texts[index].text == ":" && !label.is_list) {
            used[index] = true;
            continue;
          }
          if (texts[index].text.empty() && !value.text.empty()) break;
          used[index] = true;
          cv::Rect value_box = neighbour->bbox_px;
          if (stacked) {
            // Values not parted by rules either: this key's are the lines in its band.
            const auto [band_top, band_bottom] = stacked_key_band(labels, j, cell.bbox_px);
            const bool shared = std::any_of(labels.begin(), labels.end(), [&](const auto& other) {
              return &other != &found && other.line_middle_y_px >= value_box.y &&
                     other.line_middle_y_px < value_box.br().y;
            });
            if (shared) {
              int top = std::max(value_box.y, band_top);
              int bottom = std::min(value_box.br().y, band_bottom);
              // An approver's block taller than its key's row reaches past halfway to the next
              // key, its NIP level with that key: the block ends with its NIP's line.
              const std::optional<int> block_end = nip_line_bottom(texts[index]);
              constexpr std::string_view kApprover = "approved_by";
              if (block_end && j > 0 && labels[j - 1].label->key == kApprover) {
                top = std::max(top, *block_end);
              }
              if (block_end && label.key == kApprover) bottom = std::max(bottom, *block_end);
              value_box = cv::Rect(value_box.x, top, value_box.width, std::max(0, bottom - top));
            }
          }
          const bool approver = label.key == std::string_view("approved_by");
          if (approver && !stacked) {
            // The approver's block is all that lies beside its key. A signature's stroke and the
            // name's underline find short rules inside it that cut it into cells of their own.
            const int right = grid.col_rules_x_px.back();
            value_box = cv::Rect(neighbour->bbox_px.x, cell.bbox_px.y, right - neighbour->bbox_px.x,
                                 cell.bbox_px.height);
          }
          // A value beside one key ends with the key's row where the next row has a key or a
          // list heading of its own: the rule under the value faded, and what lies below it is
          // the next row's ("Kualifikasi Pelaksana :" and its items under the title).
          if (!label.is_list && !approver && !stacked && value_box.br().y > cell.bbox_px.br().y) {
            const GridCell* below = grid.cell_at(cell.row + cell.row_span, cell.col);
            if (below && below->bbox_px.y < value_box.br().y) {
              const auto below_index = static_cast<std::size_t>(below - grid.cells.data());
              if (!labels_in_cell(texts[below_index], *below, grid).empty()) {
                value_box.height = cell.bbox_px.br().y - value_box.y;
              }
            }
          }
          // Nor does it start above the key's row where the row above has a key of its own: the
          // rule between the two values faded, and what lies above is the upper key's (the
          // approver's block over the title beside "Nama SOP").
          if (!label.is_list && !approver && !stacked && value_box.y < cell.bbox_px.y &&
              cell.row > 0) {
            const GridCell* above = grid.cell_at(cell.row - 1, cell.col);
            if (above && above != &cell) {
              const auto above_index = static_cast<std::size_t>(above - grid.cells.data());
              if (!labels_in_cell(texts[above_index], *above, grid).empty()) {
                value_box.height = value_box.br().y - cell.bbox_px.y;
                value_box.y = cell.bbox_px.y;
              }
            }
          }
          const bool whole_cell = value_box == neighbour->bbox_px;
          value = approver     ? read_approver_block(reader, value_box)
                  : whole_cell ? texts[index]
                               : reader.read(value_box);
          // A stamp pressed over a date (the row above the approver's block) garbles it. Where
          // the scan kept the stamp's colour and the date does not read as one, it is read
          // again without that ink and taken if it then does, or reads its month without a
          // repair where the first reading needed one, or is the placeholder dash a stamp's
          // rim beside it had hidden. Only dates: on real scans the colour
          // mask also takes in faint parts of typed text (a code's dots), so a reading that was
          // valid as printed stays.
          const ParsedDate as_read = parse_indonesian_date(value.text);
          if (is_date_key(label.key) && (!as_read.iso || as_read.repaired)) {
            const auto reads_better = [&](const CellText& through) {
              const ParsedDate read_through = parse_indonesian_date(through.text);
              const bool dated = read_through.iso && (!as_read.iso || !read_through.repaired);
              return through.coloured_ink_removed && (dated || is_placeholder(through.text));
            };
            // Painting the coloured ink out misses what the colour mask missed (a dull stamp's thin
            // strokes, which JPEG left little hue) and takes what it took wrongly (letters' edges
            // that took the hue): the page as black ink alone tells them apart by the stamp's hue.
            CellText through = reader.read_without_coloured_ink(value_box);
            if (!reads_better(through)) {
              if (std::optional<CellText> black = reader.read_black_ink_only(value_box)) {
                through = std::move(*black);
              }
            }
            if (reads_better(through)) value = std::move(through);
          }
          // A round stamp filled in before OCR takes the letters its rings run along with it
          // ("Noveme 2023"): a date that still reads as none is read again with the stamp left
          // in, and taken if it then reads as one.
          if (is_date_key(label.key) && !parse_indonesian_date(value.text).iso) {
            std::optional<CellText> stamped = reader.read_with_stamp_left_in(value_box);
            if (stamped && parse_indonesian_date(stamped->text).iso) value = std::move(*stamped);
          }
          // Items under two list headings that share a cell share the cell below too: this
          // heading's are the ones in its columns. And a streak or a fold taken for a rule
          // below the heading leaves a strip under it too narrow for items (narrower than three
          // of the heading's letter heights): they are the ones under all of its columns.
          const bool strip = neighbour->bbox_px.width < 3 * found.label_height_px;
          if (label.is_list && (strip || neighbour->col < found.col ||
                                neighbour->col + neighbour->col_span > found.end_col)) {
            const int left = grid.col_rules_x_px[found.col];
            const int right = grid.col_rules_x_px[found.end_col];
            value = reader.read(
                cv::Rect(left, neighbour->bbox_px.y, right - left, neighbour->bbox_px.height));
          }
          if (!value.text.empty() && value.text.front() == ':') {
            value.original = value.original.substr(value.original.find(':') + 1);
            value.text = normalize_text(unwrap_lines(value.original));
          }
          break;
        }
      }
      // The key's cell may have merged with the letterhead beside it where the rule between
      // them was lost: the text after "Disahkan Oleh" is then the letterhead's lines, no
      // approver's block, which ends in a NIP. The block is the cell beside the key's line
      // where that one holds a NIP.
      if (label.key == std::string_view("approved_by") && !look_beside &&
          found.line_middle_y_px >= 0 && !holds_nip_line(value)) {
        const GridCell& cell = grid.cells[i];
        const int key_row =
            std::clamp(grid.row_at(found.line_middle_y_px), cell.row, cell.row + cell.row_span - 1);
        if (const GridCell* beside = grid.cell_at(key_row, cell.col + cell.col_span)) {
          const auto index = static_cast<std::size_t>(beside - grid.cells.data());
          if (!inner[index] && holds_nip_line(texts[index])) {
            value = read_approver_block(reader, beside->bbox_px);
            used[index] = true;
          }
        }
      }
      if (label.key == std::string_view("approved_by") && value.bbox_px == texts[i].bbox_px) {
        // The approver's block printed in its key's own cell is signed and stamped over as
        // much as one beside it: read again without the pen's and the stamp's colours.
        const CellText through = reader.read_without_coloured_ink(grid.cells[i].bbox_px);
        if (through.coloured_ink_removed) {
          for (const LabelInCell& again : labels_in_cell(through, grid.cells[i], grid)) {
            if (again.label == found.label) value = value_after_key(through, again);
          }
        }
      }
      if (label.is_list) {
        scan.identity.lists.emplace(label.key, value);
      } else {
        scan.keyed.push_back({label.key, found.similarity, value});
      }
    }
  }
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    if (!inner[i]) continue;
    used[i] = true;
    scan_identity_grid(*inner[i], rules, page, reader, scan, depth + 1);
  }
  for (std::size_t i = 0; i < grid.cells.size(); ++i) {
    if (!used[i] && !texts[i].text.empty()) scan.unlabelled.push_back(texts[i]);
  }
  // The regions' keys come first; their lists only where this grid found none.
  scan.keyed.insert(scan.keyed.begin() + static_cast<std::ptrdiff_t>(keyed_before),
                    in_regions.keyed.begin(), in_regions.keyed.end());
  scan.identity.lists.merge(in_regions.identity.lists);
  scan.labels_found += in_regions.labels_found;
  scan.unlabelled.insert(scan.unlabelled.end(), in_regions.unlabelled.begin(),
                         in_regions.unlabelled.end());
}

}  // namespace

std::optional<IdentityContent> read_identity(const PreparedPage& prepared, CellReader& reader) {
  const std::vector<TableGrid>& grids = prepared.grids;
  const RuleMasks& rules = prepared.rules;
  const PageImage& page = prepared.page;
  IdentityScan scan;
  for (const TableGrid& grid : grids) scan_identity_grid(grid, rules, page, reader, scan, 0);
  if (scan.labels_found < 2) return std::nullopt;
  scan.identity.fields = values_by_key(std::move(scan.keyed));
  if (auto title = scan.identity.fields.find("title"); title != scan.identity.fields.end()) {
    drop_lines_through_nip(title->second);
  }
  // A stamp is pressed over the approval key as often as over the block beside it. Where no
  // "Disahkan Oleh" was read, a cell no key claimed that holds a NIP's line is the approver's
  // block: nothing else on an identity page prints a NIP.
  if (!scan.identity.fields.contains("approved_by")) {
    const auto block = std::find_if(scan.unlabelled.begin(), scan.unlabelled.end(),
                                    [](const CellText& cell) { return holds_nip_line(cell); });
    if (block != scan.unlabelled.end()) {
      scan.identity.fields["approved_by"] = read_approver_block(reader, block->bbox_px);
      scan.identity.keys_placed_by_content.insert("approved_by");
      scan.unlabelled.erase(block);
    }
  }
  if (auto approver = scan.identity.fields.find("approved_by");
      approver != scan.identity.fields.end()) {
    read_name_line_left_out(reader, approver->second);
  }
  // The institution block may be a cell of the table or text beside or above it.
  if (!grids.empty() && grids.front().bbox_px.x > page.dpi) {
    const cv::Rect left(0, grids.front().bbox_px.y, grids.front().bbox_px.x - page.dpi / 20,
                        grids.front().bbox_px.height);
    scan.unlabelled.push_back(reader.read(left));
  }
  if (!grids.empty() && grids.front().bbox_px.y > page.dpi) {
    scan.unlabelled.push_back(reader.read(cv::Rect(0, 0, page.gray.cols, grids.front().bbox_px.y)));
  }
  scan.identity.institution = institution_of(scan.unlabelled, page.dpi);
  // Some templates print the SOP's name as the page's heading instead of in a key row.
  if (!scan.identity.fields.contains("title") && !grids.empty()) {
    if (std::optional<CellText> heading = read_title_line(grids.front(), page, reader)) {
      scan.identity.fields["title"] = std::move(*heading);
    }
  }
  return scan.identity;
}

}  // namespace sopocr
