#include "cell_reader.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include "binarize.h"
#include "line_joining.h"
#include "ocr_words.h"
#include "small_type.h"
#include "text.h"
#include "unicode_nfc.h"

namespace sopocr {
namespace {

// A cell read with less mean word confidence than this is read again from its ink alone
// (CellReader::read_ink_only), and the clearly surer reading kept. Clean scans rarely fall below
// it: their grey edges, which the ink-only image drops, help the engine.
constexpr double kRereadBelowConfidence = 0.75;
// The two readings' mean confidences are over different words: the second is kept only when it
// is clearly surer. A "1" and "jam" read unsurely as two words can come back as a surer "Ajam".
constexpr double kRereadMargin = 0.1;

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

// Pixels with `letters` ink within `reach` on both their left and their right.
cv::Mat between_letters_across(const cv::Mat& letters, int reach) {
  const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, {reach, 1});
  cv::Mat right;
  cv::Mat left;
  cv::dilate(letters, right, kernel, {0, 0});
  cv::dilate(letters, left, kernel, {reach - 1, 0});
  return right & left;
}

// The page without specks and rules, as OCR should see it.
cv::Mat text_only(const cv::Mat& gray, const cv::Mat& paper, const cv::Mat& ink,
                  const cv::Mat& specks, const RuleMasks& rules, int dpi) {
  cv::Mat clean = gray.clone();
  paper.copyTo(clean, specks);
  const int reach = 2 * std::max(2, dpi / 60) + 1;
  // A column rule beside text is never part of it: left in, the cell's left rule reads as a
  // "1" before a value printed against it. Its scanned ragged edge, a pixel or two the rule
  // mask left out, goes with it. Only where a stroke crosses it, ink on both sides, is it kept.
  const int fringe = 2 * std::max(1, dpi / 150) + 1;
  cv::Mat vertical;
  cv::dilate(rules.vertical, vertical, cv::getStructuringElement(cv::MORPH_RECT, {fringe, 1}));
  const cv::Mat letters = ink & ~(rules.horizontal | vertical);
  // A letter's own pixels in the fringe (a stroke touching the rule) join its body and stay.
  cv::Mat letters_near;
  cv::dilate(letters, letters_near, cv::getStructuringElement(cv::MORPH_RECT, {fringe, fringe}));
  const cv::Mat letters_own = letters_near & ink & ~rules.vertical;
  const cv::Mat column_rule =
      vertical & ~between_letters_across(letters, reach + fringe) & ~letters_own;
  // Where a letter stands on an underline or its stroke crosses it (a comma's tail), the
  // underline's pixels are the letter's too: keep those, or "," reads as ".".
  cv::Mat above_or_below;
  cv::dilate(letters, above_or_below, cv::getStructuringElement(cv::MORPH_RECT, {1, reach}));
  paper.copyTo(clean, (rules.horizontal & ~above_or_below) | column_rule);
  return clean;
}

// The median of `values` (CV_8UC1) where `where` is set; nullopt where it is nowhere set.
std::optional<int> median_where(const cv::Mat& values, const cv::Mat& where) {
  std::vector<uchar> chosen;
  for (int y = 0; y < values.rows; ++y) {
    for (int x = 0; x < values.cols; ++x) {
      if (where.at<uchar>(y, x) != 0) chosen.push_back(values.at<uchar>(y, x));
    }
  }
  if (chosen.empty()) return std::nullopt;
  std::nth_element(chosen.begin(), chosen.begin() + chosen.size() / 2, chosen.end());
  return chosen[chosen.size() / 2];
}

// A connected piece of ink: its box and how many pixels it holds.
struct Mark {
  cv::Rect box;
  int area = 0;
};

std::vector<Mark> marks_in(const cv::Mat& ink) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<Mark> marks;
  for (int label = 1; label < count; ++label) {
    marks.push_back(
        {cv::Rect(stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
                  stats.at<int>(label, cv::CC_STAT_WIDTH),
                  stats.at<int>(label, cv::CC_STAT_HEIGHT)),
         stats.at<int>(label, cv::CC_STAT_AREA)});
  }
  return marks;
}

// Tesseract's Indonesian model reads nearly every ";" as ",": its training text holds few. A word
// read ending in "," ends in ";" where its last mark, the comma, has a dot straight above it and
// nothing else in that column: a roundish mark as wide and as tall as the comma's head and no more
// than two thirds of its height, clear of it by at least its own height. A comma that an erased
// underline cut in two is a head and a tail almost touching, and is left alone.
void mend_semicolons(std::vector<OcrWord>& words, const cv::Mat& text_ink) {
  for (OcrWord& word : words) {
    if (!word.text.ends_with(',')) continue;
    const cv::Rect box = word.bbox_px & cv::Rect(0, 0, text_ink.cols, text_ink.rows);
    if (box.empty()) continue;
    const std::vector<Mark> marks = marks_in(text_ink(box));
    if (marks.size() < 2) continue;
    const Mark& last =
        *std::max_element(marks.begin(), marks.end(),
                          [](const Mark& a, const Mark& b) { return a.box.br().x < b.box.br().x; });
    std::vector<const Mark*> in_column;
    for (const Mark& mark : marks) {
      const int common =
          std::min(mark.box.br().x, last.box.br().x) - std::max(mark.box.x, last.box.x);
      if (2 * common >= std::min(mark.box.width, last.box.width)) in_column.push_back(&mark);
    }
    if (in_column.size() != 2) continue;
    const Mark& dot = in_column[0]->box.y < in_column[1]->box.y ? *in_column[0] : *in_column[1];
    const Mark& comma = &dot == in_column[0] ? *in_column[1] : *in_column[0];
    const int gap = comma.box.y - dot.box.br().y;
    const bool round = dot.box.width <= 2 * dot.box.height && dot.box.height <= 2 * dot.box.width;
    // A speck of noise above a comma is a fraction of its width; a semicolon's dot is the
    // comma's head.
    const bool head_sized = 3 * std::min(dot.box.width, dot.box.height) >= 2 * comma.box.width;
    if (round && head_sized && gap >= dot.box.height &&
        3 * dot.box.height <= 2 * comma.box.height) {
      word.text.back() = ';';
    }
  }
}

// The engine's box for a lone comma or colon is what its own thresholding kept, at times only a
// comma's head: a round mark, as a speck is. The mark's shape is the ink's: the pieces under the
// box, as long as they are of a mark's size and not a letter the mark touches.
void fit_lone_marks_to_their_ink(std::vector<OcrWord>& words, const cv::Mat& text_ink) {
  constexpr int kMostGrowth = 3;  // a comma's tail under its head, not a word beside it
  for (OcrWord& word : words) {
    if (word.text != "," && word.text != ";" && word.text != ":") continue;
    const cv::Rect image(0, 0, text_ink.cols, text_ink.rows);
    const cv::Rect box = word.bbox_px & image;
    if (box.empty()) continue;
    // Its pieces lie whole in a neighbourhood the size of the box around it: one that reaches
    // the neighbourhood's edge is part of something larger, a letter or a rule.
    const cv::Rect around =
        (box - cv::Point(box.width, box.height) + cv::Size(2 * box.width, 2 * box.height)) & image;
    cv::Rect fitted;
    bool cut = false;
    for (const Mark& mark : marks_in(text_ink(around))) {
      const cv::Rect piece = mark.box + around.tl();
      if ((piece & box).empty()) continue;
      cut = cut || mark.box.x == 0 || mark.box.y == 0 || mark.box.br().x == around.width ||
            mark.box.br().y == around.height;
      fitted = fitted.empty() ? piece : (fitted | piece);
    }
    if (fitted.empty() || cut || fitted.width > kMostGrowth * box.width ||
        fitted.height > kMostGrowth * box.height) {
      continue;
    }
    word.bbox_px = fitted;
  }
}

// The least height of a letter's mark: a small letter's x-height in 5 pt type.
int least_letter_height(int dpi) { return std::max(3, dpi / 30); }

// Whether `ink` holds at least three marks of a letter's size: as tall as the least letter and
// no wider than a word. A placeholder dash is thinner, a speck smaller, a rule's ragged edge both.
bool holds_letter_sized_marks(const cv::Mat& ink, int dpi) {
  constexpr long kFewestLetters = 3;
  const int widest = std::max(6, dpi / 3);
  const std::vector<Mark> marks = marks_in(ink);
  return std::count_if(marks.begin(), marks.end(), [&](const Mark& mark) {
           return mark.box.height >= least_letter_height(dpi) && mark.box.width <= widest;
         }) >= kFewestLetters;
}

// Where `ink` (a cell's interior) holds nothing but a placeholder dash ("-" for no revision, no
// notes), the dash's box. The engine reads a lone dash as letters ("ee", "an", "oh") or drops it,
// so a cell printed empty on purpose came back as an unreadable value. A dash is a straight bar
// at least one and a half times as wide as it is thick (blur thickens a short hyphen), from a
// hyphen at 7 pt (1/40 inch) to an em rule at 12 pt (1/6 inch) and no thicker than a bold stroke
// (1/24 inch), clear of the cell's edges, where a rule's remains lie. Beside it only what the speck
// mask left of dust: marks smaller than the least letter that are no bar or lie against the edge,
// or slivers with a quarter of a dot's ink.
std::optional<cv::Rect> lone_dash(const cv::Mat& ink, int dpi) {
  const int dot = std::max(2, dpi / 40);
  std::optional<cv::Rect> dash;
  for (const Mark& mark : marks_in(ink)) {
    const cv::Rect& box = mark.box;
    constexpr double kBarFill = 0.6;  // a bar fills its box; a tilde or a pen's stroke does not
    const bool bar = 2 * box.width >= 3 * box.height && box.height <= std::max(2, dpi / 24) &&
                     box.width >= dot && box.width <= dpi / 6 && mark.area >= kBarFill * box.area();
    const bool clear_of_edges =
        box.x > 0 && box.y > 0 && box.br().x < ink.cols && box.br().y < ink.rows;
    const bool sliver = 4 * mark.area <= dot * dot;
    const bool speck = (!bar || !clear_of_edges) && box.width < least_letter_height(dpi) &&
                       box.height < least_letter_height(dpi);
    if (sliver || speck) continue;
    if (!bar || !clear_of_edges || dash) return std::nullopt;
    dash = box;
  }
  return dash;
}

// Lines printed close (tight leading, low resolution, blur) touch where a descender meets the
// ascender below, and leave no blank row between them; the rows between still hold far less ink
// than either line's letters. A run of inked rows is cut where its ink falls to this share of the
// ink on both sides.
constexpr double kValleyShareOfLine = 0.15;

// The rows [begin, end) of `row_ink` as lines: cut at the deepest valley (each side at least
// `shortest` rows), then each side the same way.
void split_at_valleys(const cv::Mat& row_ink, int begin, int end, int shortest,
                      std::vector<std::pair<int, int>>& lines) {
  // The most ink in a row above each row, and from it down.
  std::vector<int> most_above(end - begin + 1, 0);
  std::vector<int> most_below(end - begin + 1, 0);
  for (int row = begin; row < end; ++row) {
    most_above[row - begin + 1] = std::max(most_above[row - begin], row_ink.at<int>(row));
  }
  for (int row = end - 1; row >= begin; --row) {
    most_below[row - begin] = std::max(most_below[row - begin + 1], row_ink.at<int>(row));
  }
  int cut = -1;
  double deepest = kValleyShareOfLine;
  for (int row = begin + shortest; row + shortest <= end; ++row) {
    const int either_side = std::min(most_above[row - begin], most_below[row - begin]);
    const double share = row_ink.at<int>(row) / static_cast<double>(either_side);
    if (share <= deepest) {
      deepest = share;
      cut = row;
    }
  }
  if (cut < 0) {
    lines.emplace_back(begin, end);
    return;
  }
  split_at_valleys(row_ink, begin, cut, shortest, lines);
  split_at_valleys(row_ink, cut, end, shortest, lines);
}

// The rows of `text_ink` inside `region` that hold a line of text: runs of inked rows, cut
// between touching lines, at least half as tall as a line and no more than twice `text_height`,
// each with ink enough for a few letters. A line is as tall as `text_height` or as the region's
// runs, the shorter: words read across two lines make `text_height` taller than a line.
std::vector<std::pair<int, int>> text_line_bands(const cv::Mat& text_ink, const cv::Rect& region,
                                                 int text_height) {
  cv::Mat row_ink;
  cv::reduce(text_ink(region) / 255, row_ink, 1, cv::REDUCE_SUM, CV_32S);
  std::vector<std::pair<int, int>> runs;
  int top = -1;
  for (int row = 0; row <= row_ink.rows; ++row) {
    const bool inked = row < row_ink.rows && row_ink.at<int>(row) > 0;
    if (inked && top < 0) top = row;
    if (inked || top < 0) continue;
    split_at_valleys(row_ink, top, row, std::max(2, text_height / 3), runs);
    top = -1;
  }
  std::vector<int> run_heights;
  for (const auto& [begin, end] : runs) {
    if (3 * (end - begin) >= text_height) run_heights.push_back(end - begin);
  }
  if (run_heights.empty()) return {};
  std::nth_element(run_heights.begin(), run_heights.begin() + run_heights.size() / 2,
                   run_heights.end());
  const int line_height = std::min(text_height, run_heights[run_heights.size() / 2]);
  std::vector<std::pair<int, int>> bands;
  for (const auto& [begin, end] : runs) {
    const int height = end - begin;
    int ink = 0;
    for (int row = begin; row < end; ++row) ink += row_ink.at<int>(row);
    // A letter of the line's height holds about a third of its square in ink.
    const int letter_height = std::min(height, text_height);
    const bool letters = ink >= letter_height * letter_height;
    if (2 * height >= line_height && height <= 2 * text_height && letters) {
      bands.emplace_back(region.y + begin, region.y + end);
    }
  }
  return bands;
}

// The line in rows [top, bottom) of `region` read on its own, with its own paper in place of the
// lines above and below: Tesseract's line reader finds no line at all in a box that takes in the
// descenders above and the ascenders below. The paper put in is as light as the line's own, where
// a paper estimate lighter or darker than the scan draws the box's edges as lines.
OcrText read_line_alone(int top, int bottom, const cv::Rect& region, const cv::Mat& text_ink,
                        const cv::Mat& page_image, int dpi, OcrEngine& ocr) {
  const int margin = std::max(2, (bottom - top) / 2);
  const cv::Rect box = cv::Rect(region.x, top - margin, region.width, bottom - top + 2 * margin) &
                       cv::Rect(0, 0, page_image.cols, page_image.rows);
  const cv::Rect band = cv::Rect(region.x, top, region.width, bottom - top) & box;
  std::vector<uchar> paper_of_line;
  for (int y = band.y; y < band.br().y; ++y) {
    for (int x = band.x; x < band.br().x; ++x) {
      if (text_ink.at<uchar>(y, x) == 0) paper_of_line.push_back(page_image.at<uchar>(y, x));
    }
  }
  if (paper_of_line.empty()) return {};
  std::nth_element(paper_of_line.begin(), paper_of_line.begin() + paper_of_line.size() / 2,
                   paper_of_line.end());
  cv::Mat line_image(box.size(), CV_8UC1, cv::Scalar(paper_of_line[paper_of_line.size() / 2]));
  page_image(band).copyTo(line_image(band - box.tl()));
  ocr.set_page(line_image, dpi);
  OcrText line = ocr.read_line(cv::Rect(cv::Point(0, 0), box.size()));
  ocr.set_page(page_image, dpi);
  for (OcrWord& word : line.words) word.bbox_px += box.tl();
  return line;
}

// Of the columns of `band` (rows [first, second) of `region`) that hold text ink, how many lie
// under one of `words` centred in the band; and how many there are.
struct ColumnsRead {
  int under_words = 0;
  int inked = 0;
};

ColumnsRead columns_read(const std::vector<OcrWord>& words, const cv::Mat& text_ink,
                         const cv::Rect& region, const std::pair<int, int>& band) {
  cv::Mat column_ink;
  cv::reduce(text_ink(cv::Rect(region.x, band.first, region.width, band.second - band.first)),
             column_ink, 0, cv::REDUCE_MAX);
  std::vector<bool> under_word(static_cast<std::size_t>(region.width), false);
  for (const OcrWord& word : words) {
    const int middle = word.bbox_px.y + word.bbox_px.height / 2;
    if (middle < band.first || middle >= band.second) continue;
    const int from = std::max(0, word.bbox_px.x - region.x);
    const int to = std::min(region.width, word.bbox_px.br().x - region.x);
    for (int x = from; x < to; ++x) under_word[static_cast<std::size_t>(x)] = true;
  }
  ColumnsRead read;
  for (int x = 0; x < region.width; ++x) {
    if (column_ink.at<uchar>(0, x) == 0) continue;
    ++read.inked;
    if (under_word[static_cast<std::size_t>(x)]) ++read.under_words;
  }
  return read;
}

int letters_in(const std::vector<OcrWord>& words) {
  int letters = 0;
  for (const OcrWord& word : words) letters += static_cast<int>(word.text.size());
  return letters;
}

// The mean confidence of `words`, which must not be empty.
double mean_confidence(const std::vector<OcrWord>& words) {
  double sum = 0.0;
  for (const OcrWord& word : words) sum += word.confidence;
  return sum / static_cast<double>(words.size());
}

// The median height of `words`, which must not be empty: the text height of a cell's lines.
int median_word_height(const std::vector<OcrWord>& words) {
  std::vector<int> heights;
  for (const OcrWord& word : words) heights.push_back(word.bbox_px.height);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

// Tesseract's line finder drops a line of a short cell now and then, most often at low
// resolution ("Kepala" over "Perangkat Daerah"), or takes two touching lines for one and reads
// words across both: a band of text ink in which no word was read, or a word across it and the
// next, is read again on its own, as one line, and its words take the place of those read in it.
// Returns the bands it read again.
std::vector<std::pair<int, int>> read_lines_left_out(OcrText& text, const cv::Mat& text_ink,
                                                     const cv::Rect& region,
                                                     const cv::Mat& page_image, int dpi,
                                                     OcrEngine& ocr) {
  std::vector<std::pair<int, int>> read_alone;
  if (text.words.empty()) return read_alone;
  const int text_height = median_word_height(text.words);
  const std::vector<std::pair<int, int>> bands = text_line_bands(text_ink, region, text_height);
  const auto centred_in = [](const OcrWord& word, const std::pair<int, int>& band) {
    const int middle = word.bbox_px.y + word.bbox_px.height / 2;
    return middle >= band.first && middle < band.second;
  };
  const auto across_lines = [&](const OcrWord& word) {
    const auto covers = [&](const std::pair<int, int>& band) {
      const int overlap =
          std::min(band.second, word.bbox_px.br().y) - std::max(band.first, word.bbox_px.y);
      return 2 * overlap >= band.second - band.first;
    };
    return std::count_if(bands.begin(), bands.end(), covers) >= 2;
  };
  const auto read_in = [&](const std::pair<int, int>& band) {
    bool any = false;
    for (const OcrWord& word : text.words) {
      if (!centred_in(word, band)) continue;
      if (across_lines(word)) return false;
      any = true;
    }
    return any;
  };
  int next_line = 0;
  for (const OcrWord& word : text.words) next_line = std::max(next_line, word.line + 1);
  const int first_added_line = next_line;
  for (const auto& band : bands) {
    if (read_in(band)) continue;
    OcrText line = read_line_alone(band.first, band.second, region, text_ink, page_image, dpi, ocr);
    if (line.words.empty()) continue;
    std::erase_if(text.words, [&](const OcrWord& word) { return centred_in(word, band); });
    read_alone.push_back(band);
    for (OcrWord& word : line.words) {
      word.line = next_line;
      text.words.push_back(std::move(word));
    }
    ++next_line;
  }
  if (next_line == first_added_line) return read_alone;
  // The lines in reading order again: top to bottom by their highest word's middle.
  std::vector<int> line_middle(next_line, std::numeric_limits<int>::max());
  for (const OcrWord& word : text.words) {
    line_middle[word.line] =
        std::min(line_middle[word.line], word.bbox_px.y + word.bbox_px.height / 2);
  }
  std::vector<int> rank_of_line(next_line);
  std::vector<int> lines_in_order(next_line);
  for (int line = 0; line < next_line; ++line) lines_in_order[line] = line;
  std::stable_sort(lines_in_order.begin(), lines_in_order.end(),
                   [&](int a, int b) { return line_middle[a] < line_middle[b]; });
  for (int rank = 0; rank < next_line; ++rank) rank_of_line[lines_in_order[rank]] = rank;
  for (OcrWord& word : text.words) word.line = rank_of_line[word.line];
  std::stable_sort(text.words.begin(), text.words.end(),
                   [](const OcrWord& a, const OcrWord& b) { return a.line < b.line; });
  text.confidence = mean_confidence(text.words);
  return read_alone;
}

// Beside a stamp's emblem or a signature Tesseract reads a line in part ("M.Si" of "H. Ahmad
// Aznem, SE, M.Si"), though it reads the whole line on its own. A line of words that lie over
// less than two thirds of the inked columns of their rows is read alone, and that reading takes
// its place where it reads more of those columns, more letters, and surely enough: alone, a band
// of a stamp's lettering or a scribble reads as a run of unsure letters. Lines already read alone
// (`read_alone`, read_lines_left_out) are left as they are.
void read_lines_read_in_part(OcrText& text, const cv::Mat& text_ink, const cv::Rect& region,
                             const cv::Mat& page_image, int dpi, OcrEngine& ocr,
                             const std::vector<std::pair<int, int>>& read_alone) {
  constexpr double kSureEnough = 0.6;
  if (text.words.empty()) return;
  const int text_height = median_word_height(text.words);
  int line_count = 0;
  for (const OcrWord& word : text.words) line_count = std::max(line_count, word.line + 1);
  bool changed = false;
  for (int line = 0; line < line_count; ++line) {
    int top = std::numeric_limits<int>::max();
    int bottom = 0;
    for (const OcrWord& word : text.words) {
      if (word.line != line) continue;
      top = std::min(top, word.bbox_px.y);
      bottom = std::max(bottom, word.bbox_px.br().y);
    }
    top = std::max(top, region.y);
    bottom = std::min(bottom, region.br().y);
    // A line's words, not a word read across two lines.
    if (bottom <= top || 2 * (bottom - top) > 3 * text_height) continue;
    const std::pair<int, int> band{top, bottom};
    const int band_middle = (top + bottom) / 2;
    if (std::any_of(read_alone.begin(), read_alone.end(), [&](const std::pair<int, int>& alone) {
          return band_middle >= alone.first && band_middle < alone.second;
        })) {
      continue;
    }
    const auto centred_in_band = [&](const OcrWord& word) {
      const int middle = word.bbox_px.y + word.bbox_px.height / 2;
      return middle >= top && middle < bottom;
    };
    std::vector<OcrWord> read_before;
    std::copy_if(text.words.begin(), text.words.end(), std::back_inserter(read_before),
                 centred_in_band);
    const ColumnsRead before = columns_read(read_before, text_ink, region, band);
    if (3 * before.under_words >= 2 * before.inked) continue;
    OcrText alone = read_line_alone(top, bottom, region, text_ink, page_image, dpi, ocr);
    if (alone.words.empty()) continue;
    const bool sure = mean_confidence(alone.words) >= kSureEnough;
    const bool reads_more =
        columns_read(alone.words, text_ink, region, band).under_words > before.under_words &&
        letters_in(alone.words) > letters_in(read_before);
    if (!sure || !reads_more) continue;
    // The words read alone take the place of every word read in the band, in its first word's.
    std::vector<OcrWord> words;
    bool placed = false;
    for (OcrWord& word : text.words) {
      if (!centred_in_band(word)) {
        words.push_back(std::move(word));
        continue;
      }
      if (placed) continue;
      for (OcrWord& read : alone.words) {
        read.line = word.line;
        words.push_back(std::move(read));
      }
      placed = true;
    }
    text.words = std::move(words);
    changed = true;
  }
  if (!changed) return;
  text.confidence = mean_confidence(text.words);
}

}  // namespace

CellReader open_cell_reader(const PreparedPage& prepared, OcrEngine& ocr) {
  const PageImage& page = prepared.page;
  // A cell holding only specks, or the edge of a rule, is empty: OCR would binarise its bare
  // paper into letters.
  const cv::Mat specks = speck_mask(prepared.ink, page.dpi);
  cv::Mat text_ink = prepared.ink & ~(specks | prepared.rules.horizontal | prepared.rules.vertical);
  if (prepared.text_from_layer) return CellReader(page, text_ink, {}, {}, ocr);
  cv::Mat paper = paper_background(page.gray, prepared.ink, page.dpi);
  cv::Mat ocr_image = text_only(page.gray, paper, prepared.ink, specks, prepared.rules, page.dpi);
  // A stamp's rings, lettering and emblem read as letters that are not there ("(" or "9" before
  // the approver's name) and turn the letters they cross into others. They are filled in from
  // what surrounds them, not painted paper: a stroke a ring cut across is joined up again.
  StampLeftIn stamp_left_in;
  if (!prepared.stamp_ink.empty() && cv::countNonZero(prepared.stamp_ink) > 0) {
    stamp_left_in = {ocr_image.clone(), text_ink.clone(), prepared.stamp_ink};
    cv::Mat gone;
    cv::dilate(prepared.stamp_ink, gone, cv::Mat());
    // Filled from a neighbourhood about a stroke's width across, which must lie in the region.
    const int reach = std::max(3, page.dpi / 100);
    const cv::Rect around = (cv::boundingRect(gone) - cv::Point(reach + 1, reach + 1) +
                             cv::Size(2 * reach + 2, 2 * reach + 2)) &
                            cv::Rect(0, 0, ocr_image.cols, ocr_image.rows);
    cv::Mat filled;
    cv::inpaint(ocr_image(around), gone(around), filled, reach, cv::INPAINT_TELEA);
    filled.copyTo(ocr_image(around));
    text_ink.setTo(0, prepared.stamp_ink);
  }
  const double ocr_scale = ocr_scale_for(median_word_height(text_ink, page.dpi));
  return CellReader(page, text_ink, std::move(ocr_image), std::move(paper), ocr,
                    std::move(stamp_left_in), ocr_scale);
}

CellReader::CellReader(const PageImage& page, cv::Mat text_ink, cv::Mat ocr_image, cv::Mat paper,
                       OcrEngine& ocr, StampLeftIn stamp_left_in, double ocr_scale)
    : page_(page),
      text_ink_(std::move(text_ink)),
      ocr_image_(std::move(ocr_image)),
      paper_(std::move(paper)),
      ocr_(ocr),
      enlarged_ocr_(ocr_scale > 1.0 ? std::make_unique<ScaledOcrEngine>(ocr, ocr_scale) : nullptr),
      stamp_left_in_(std::move(stamp_left_in)),
      use_text_layer_(ocr_image_.empty()) {
  if (!use_text_layer_) ocr_.set_page(ocr_image_, page_.dpi);
}

CellText CellReader::read(const cv::Rect& bbox_px) {
  const auto key = std::make_tuple(bbox_px.x, bbox_px.y, bbox_px.width, bbox_px.height);
  if (auto cached = cache_.find(key); cached != cache_.end()) return cached->second;
  CellText cell = read_uncached(bbox_px, text_ink_, ocr_image_);
  cache_.emplace(key, cell);
  return cell;
}

CellText CellReader::read_number(const cv::Rect& bbox_px) {
  CellText cell = read(bbox_px);
  if (use_text_layer_ || !cell.has_ink || !cell.original.empty() || !cell.doubtful_words.empty()) {
    return cell;
  }
  const cv::Rect interior = interior_of(bbox_px);
  if (interior.empty()) return cell;
  // The topmost mark of a digit's size, and the marks beside it: the number's line.
  std::vector<cv::Rect> digits;
  for (const Mark& mark : marks_in(text_ink_(interior))) {
    if (mark.box.height >= least_letter_height(page_.dpi) && mark.box.width <= page_.dpi / 6) {
      digits.push_back(mark.box + interior.tl());
    }
  }
  if (digits.empty()) return cell;
  const cv::Rect first = *std::min_element(
      digits.begin(), digits.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.y < b.y; });
  cv::Rect line = first;
  for (const cv::Rect& digit : digits) {
    if (digit.y < first.br().y && digit.br().y > first.y) line |= digit;
  }
  const std::vector<OcrWord> words =
      read_line_alone(cv::Rect(interior.x, line.y, interior.width, line.height));
  if (words.empty()) {
    cell.letters_unread = true;
  } else {
    cell.words = words;
    cell.original = reading_of(words);
    cell.text = normalize_text(cell.original);
    cell.confidence =
        std::min_element(words.begin(), words.end(), [](const auto& a, const auto& b) {
          return a.confidence < b.confidence;
        })->confidence;
  }
  return cell;
}

cv::Rect CellReader::interior_of(const cv::Rect& bbox_px) const {
  // Stay clear of the rules around the cell: their ink is not text.
  const int inset = std::max(3, page_.dpi / 40);
  return cv::Rect(bbox_px.x + inset, bbox_px.y + inset, bbox_px.width - 2 * inset,
                  bbox_px.height - 2 * inset) &
         cv::Rect(0, 0, text_ink_.cols, text_ink_.rows);
}

bool CellReader::marks_in_cell(const cv::Mat& marks, const cv::Rect& bbox_px) const {
  const cv::Rect box = bbox_px & cv::Rect(0, 0, text_ink_.cols, text_ink_.rows);
  return !use_text_layer_ && !marks.empty() && !box.empty() && cv::countNonZero(marks(box)) > 0;
}

CellText CellReader::read_on(const cv::Rect& bbox_px, const cv::Mat& text_ink,
                             const cv::Mat& page_image) {
  ocr_.set_page(page_image, page_.dpi);
  CellText cell = read_uncached(bbox_px, text_ink, page_image);
  ocr_.set_page(ocr_image_, page_.dpi);
  return cell;
}

CellText CellReader::read_without_coloured_ink(const cv::Rect& bbox_px) {
  const cv::Mat& coloured = page_.coloured_ink;
  if (!marks_in_cell(coloured, bbox_px)) return read(bbox_px);
  const cv::Rect box = bbox_px & cv::Rect(0, 0, text_ink_.cols, text_ink_.rows);
  cv::Mat image = ocr_image_.clone();
  paper_(box).copyTo(image(box), coloured(box));
  cv::Mat text_ink = text_ink_.clone();
  text_ink(box).setTo(0, coloured(box));
  CellText cell = read_on(bbox_px, text_ink, image);
  cell.coloured_ink_removed = true;
  return cell;
}

std::optional<CellText> CellReader::read_black_ink_only(const cv::Rect& bbox_px) {
  const cv::Mat& coloured = page_.coloured_ink;
  const cv::Mat& black = page_.without_coloured_ink;
  if (black.empty() || !marks_in_cell(coloured, bbox_px)) return std::nullopt;
  const cv::Rect box = bbox_px & cv::Rect(0, 0, text_ink_.cols, text_ink_.rows);
  // The black ink's pixels take the place of the coloured ink and a pixel around it (JPEG keeps
  // colour at half resolution), at the grey page's paper level.
  cv::Mat taken;
  cv::dilate(coloured(box), taken, cv::Mat());
  const cv::Mat clear = taken == 0;
  const std::optional<int> black_paper = median_where(black(box), clear & (text_ink_(box) == 0));
  const std::optional<int> grey_paper = median_where(paper_(box), clear);
  if (!black_paper || !grey_paper || *black_paper == 0) return std::nullopt;
  cv::Mat scaled;
  black(box).convertTo(scaled, CV_8U, static_cast<double>(*grey_paper) / *black_paper);
  cv::Mat image = ocr_image_.clone();
  scaled.copyTo(image(box), taken);
  // What stays dark there is ink: darker than halfway from the paper to the letters the
  // coloured ink left alone.
  cv::Mat text_ink = text_ink_.clone();
  const std::optional<int> letters = median_where(ocr_image_(box), clear & text_ink_(box));
  const int ink_below = letters ? (*letters + *grey_paper) / 2 : *grey_paper * 2 / 3;
  text_ink(box).setTo(0, taken);
  text_ink(box).setTo(255, taken & (scaled < ink_below));
  CellText cell = read_on(bbox_px, text_ink, image);
  cell.coloured_ink_removed = true;
  return cell;
}

std::optional<CellText> CellReader::read_with_stamp_left_in(const cv::Rect& bbox_px) {
  if (!marks_in_cell(stamp_left_in_.stamp_ink, bbox_px)) return std::nullopt;
  return read_on(bbox_px, stamp_left_in_.text_ink, stamp_left_in_.ocr_image);
}

std::vector<OcrWord> CellReader::read_scattered_words(const cv::Rect& bbox_px) {
  if (use_text_layer_) return {};
  // Over a whole page the engine misses small, lone words (a lane's name, a step's number),
  // some on the page as OCR sees it, others on its ink alone, black on white: read both, and
  // where two readings cover one place keep the surer.
  std::vector<OcrWord> words = ocr_.read_scattered(bbox_px).words;
  cv::Mat ink_only;
  cv::bitwise_not(text_ink_, ink_only);
  ocr_.set_page(ink_only, page_.dpi);
  const std::vector<OcrWord> from_ink = ocr_.read_scattered(bbox_px).words;
  ocr_.set_page(ocr_image_, page_.dpi);
  for (const OcrWord& word : from_ink) {
    bool placed = false;
    for (OcrWord& known : words) {
      const cv::Rect common = known.bbox_px & word.bbox_px;
      if (2 * common.area() < std::min(known.bbox_px.area(), word.bbox_px.area())) continue;
      if (word.confidence > known.confidence) known = word;
      placed = true;
      break;
    }
    if (!placed) words.push_back(word);
  }
  return words;
}

std::vector<OcrWord> CellReader::read_line_alone(const cv::Rect& band_px) {
  const cv::Rect band = band_px & cv::Rect(0, 0, text_ink_.cols, text_ink_.rows);
  if (use_text_layer_ || band.empty()) return {};
  return sopocr::read_line_alone(band.y, band.br().y, band, text_ink_, ocr_image_, page_.dpi, ocr_)
      .words;
}

std::vector<CellText> CellReader::readings() const {
  std::vector<CellText> cells;
  for (const auto& [key, cell] : cache_) cells.push_back(cell);
  std::sort(cells.begin(), cells.end(), [](const CellText& a, const CellText& b) {
    return std::tie(a.bbox_px.y, a.bbox_px.x) < std::tie(b.bbox_px.y, b.bbox_px.x);
  });
  return cells;
}

cv::Rect CellReader::around_text(const cv::Rect& interior, const cv::Mat& text_ink) const {
  // The engine binarises what it is given as a whole: a wide cell of noisy paper around one
  // short label is mostly paper, and its threshold then falls inside the paper's noise.
  const cv::Rect ink = cv::boundingRect(text_ink(interior)) + interior.tl();
  const int margin = std::max(3, page_.dpi / 12);
  return (ink - cv::Point(margin, margin) + cv::Size(2 * margin, 2 * margin)) & interior;
}

OcrText CellReader::read_ink_only(const cv::Rect& region, const cv::Mat& text_ink,
                                  const cv::Mat& page_image) {
  cv::Mat ink_only(region.size(), CV_8UC1, cv::Scalar(255));
  page_image(region).copyTo(ink_only, text_ink(region));
  ocr_.set_page(ink_only, page_.dpi);
  OcrText text = ocr_.read_region(cv::Rect(cv::Point(0, 0), region.size()));
  ocr_.set_page(page_image, page_.dpi);
  for (OcrWord& word : text.words) word.bbox_px += region.tl();
  return text;
}

CellText CellReader::read_uncached(const cv::Rect& bbox_px, const cv::Mat& text_ink,
                                   const cv::Mat& page_image) {
  CellText cell;
  cell.bbox_px = bbox_px;
  cell.page = page_.page_number;
  cell.confidence = 1.0;
  const cv::Rect interior = interior_of(bbox_px);
  if (interior.empty()) return cell;
  // A few specks of noise are not text: a character at 8 pt holds far more ink than this.
  const int min_ink_pixels = std::max(20, page_.dpi * page_.dpi / 2000);
  cell.has_ink = cv::countNonZero(text_ink(interior)) >= min_ink_pixels;
  if (!cell.has_ink) return cell;
  OcrText text;
  if (use_text_layer_) {
    text = read_text_layer(page_.text_layer, bbox_px);
  } else if (const std::optional<cv::Rect> dash = lone_dash(text_ink(interior), page_.dpi)) {
    text.text = "-";
    text.confidence = 1.0;
    text.words.push_back(OcrWord{"-", 1.0, *dash + interior.tl(), 0});
  } else {
    const cv::Rect region = around_text(interior, text_ink);
    text = ocr_.read_region(region);
    if (text.confidence < kRereadBelowConfidence) {
      OcrText ink_only = read_ink_only(region, text_ink, page_image);
      if (ink_only.confidence >= text.confidence + kRereadMargin) text = std::move(ink_only);
    }
    if (enlarged_ocr_ && !text.words.empty() && text.confidence < kRereadBelowConfidence) {
      // Small type read weakly is read again enlarged, and the surer reading kept: where the
      // scan itself was coarse, enlarging blurs what the engine read better as it was. A cell
      // read as nothing is left so: enlarged, a word too faint to read at all is as often read
      // surely as another ("Bank" as "Rank").
      enlarged_ocr_->set_page(page_image, page_.dpi);
      OcrText enlarged = enlarged_ocr_->read_region(region);
      ocr_.set_page(page_image, page_.dpi);
      if (enlarged.confidence >= text.confidence + kRereadMargin) text = std::move(enlarged);
    }
    const std::vector<std::pair<int, int>> read_alone =
        read_lines_left_out(text, text_ink, region, page_image, page_.dpi, ocr_);
    read_lines_read_in_part(text, text_ink, region, page_image, page_.dpi, ocr_, read_alone);
    mend_semicolons(text.words, text_ink);
    fit_lone_marks_to_their_ink(text.words, text_ink);
  }
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
  cell.letters_unread = cell.original.empty() && cell.doubtful_words.empty() &&
                        holds_letter_sized_marks(text_ink(interior), page_.dpi);
  return cell;
}

}  // namespace sopocr
