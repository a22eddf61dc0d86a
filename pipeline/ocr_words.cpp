#include "ocr_words.h"

#include <algorithm>
#include <cctype>

#include "duration.h"
#include "term_repair.h"
#include "text.h"
#include "unicode_nfc.h"

namespace sopocr {

bool is_letter_or_digit(char32_t c) {
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) != 0;
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}

namespace {

enum class Verdict { text, noise, doubtful };

// Text the engine read unsure of is now and then a word; a long run of it is a region that holds
// no text (a scan's shading, a photo's dark corner, hatching) read as hundreds of letters.
// Kept words in runs of `kLongRun` or more, none read with even half confidence, become
// doubtful: the field is then unread and reviewed, not filled with noise.
void doubt_long_unsure_runs(const std::vector<OcrWord>& words, std::vector<Verdict>& verdicts) {
  constexpr std::size_t kLongRun = 6;
  constexpr double kUnsure = 0.5;
  std::size_t run_start = 0;
  std::size_t run_length = 0;  // kept words in the run
  auto close_run = [&](std::size_t end) {
    if (run_length >= kLongRun) {
      for (std::size_t i = run_start; i < end; ++i) {
        if (verdicts[i] == Verdict::text) verdicts[i] = Verdict::doubtful;
      }
    }
    run_length = 0;
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (verdicts[i] != Verdict::text) continue;  // noise neither makes nor breaks a run
    if (words[i].confidence >= kUnsure) {
      close_run(i);
      continue;
    }
    if (run_length == 0) run_start = i;
    ++run_length;
  }
  close_run(words.size());
}

// Some authors type a space before a comma or colon ("satpam , Jadwal", "yang berisi :"). Such
// a mark sits low on its line, a space after a word, shorter than that word: a speck could do
// the same, but a streak or a rule's fragment crossing the line is as tall as the line or taller.
// A round speck reads as a comma now and then, seldom as a colon's two dots: a comma's tail makes
// it a fifth taller than it is wide at least (at 7 pt, 10 pixels by 7 at 300 ppi). The mark is
// measured against the line's letters, not the word before alone: "nomor ," is no taller than its
// x-height, and a comma hangs below it.
bool is_mark_typed_apart(const std::vector<OcrWord>& words, std::size_t i) {
  constexpr double kSure = 0.75;
  constexpr double kTallestShare = 0.75;
  const OcrWord& mark = words[i];
  const bool comma_or_colon = mark.text == "," || mark.text == ";" || mark.text == ":";
  if (!comma_or_colon || mark.confidence < kSure || i == 0) return false;
  const OcrWord& before = words[i - 1];
  const cv::Rect& word = before.bbox_px;
  std::vector<int> line_heights;
  for (const OcrWord& other : words) {
    if (other.line == mark.line && other.text.size() >= 2) {
      line_heights.push_back(other.bbox_px.height);
    }
  }
  int letter_height = word.height;
  if (!line_heights.empty()) {
    std::nth_element(line_heights.begin(), line_heights.begin() + line_heights.size() / 2,
                     line_heights.end());
    letter_height = std::max(letter_height, line_heights[line_heights.size() / 2]);
  }
  const cv::Rect& box = mark.bbox_px;
  const bool word_before = before.line == mark.line && !before.text.empty() &&
                           std::any_of(before.text.begin(), before.text.end(), [](char c) {
                             return std::isalnum(static_cast<unsigned char>(c)) != 0;
                           });
  const int space = box.x - word.br().x;
  if (mark.text != ":" && 5 * box.height < 6 * box.width) return false;
  const bool lower_half = box.br().y * 2 > word.y * 2 + word.height;
  const bool down_to_the_line = box.br().y <= word.br().y + letter_height / 4;
  return word_before && space >= 0 && space <= letter_height && box.y >= word.y && lower_half &&
         down_to_the_line && box.height <= kTallestShare * letter_height;
}

// A bar before a unit of time ("| hari") may be the amount's digit one, which the Waktu cell's
// reader looks for among the doubtful words.
bool bar_before_a_unit_of_time(const std::vector<OcrWord>& words, std::size_t i) {
  return i + 1 < words.size() && words[i + 1].line == words[i].line &&
         shaped_as_digit_one_before(words[i], words[i + 1]) &&
         names_a_unit_of_time(words[i + 1].text);
}

std::vector<Verdict> judge_words(const std::vector<OcrWord>& words) {
  // A speck read as "5" or "Ia" is a fraction of the height of the words around it.
  std::vector<int> word_heights;
  for (const OcrWord& word : words) {
    if (word.text.size() >= 2) word_heights.push_back(word.bbox_px.height);
  }
  int typical_height = 0;
  if (word_heights.size() >= 2) {
    std::nth_element(word_heights.begin(), word_heights.begin() + word_heights.size() / 2,
                     word_heights.end());
    typical_height = word_heights[word_heights.size() / 2];
  }
  std::vector<Verdict> verdicts;
  int last_kept_line = -1;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const OcrWord& word = words[i];
    const bool starts_line = last_kept_line != word.line;
    const std::u32string code_points = decode_utf8(word.text);
    const bool has_alnum = std::any_of(code_points.begin(), code_points.end(), is_letter_or_digit);
    const bool is_bullet = word.text == "-" || word.text == "•" || word.text == "*";
    // A lone punctuation mark ("," or an em dash) standing apart from every word is a speck,
    // whatever its score.
    const bool lone_mark =
        !has_alnum && code_points.size() == 1 && word.text != "/" && word.text != "&";
    // A lone digit before a word on its line is an amount ("1 jam", "6 hari"), however unsure
    // Tesseract is of a single glyph; alone, it may be a speck.
    const bool amount_before_word = word.text.size() == 1 &&
                                    std::isdigit(static_cast<unsigned char>(word.text[0])) &&
                                    i + 1 < words.size() && words[i + 1].line == word.line &&
                                    std::isalpha(static_cast<unsigned char>(words[i + 1].text[0]));
    // Not a bullet or a dash, which are short by nature.
    const bool speck_sized = word.bbox_px.height * 5 < typical_height * 2;
    // A drawing the engine tried to read (a symbol's outline, an arrow's head): far taller than
    // the words around it, no word it knows, and alone on its line (an underlined name beside
    // its surer first word is taller too).
    const bool alone_on_line = std::none_of(words.begin(), words.end(), [&](const OcrWord& other) {
      return &other != &word && other.line == word.line && other.confidence >= 0.5;
    });
    const bool drawing_read_as_word = typical_height > 0 &&
                                      word.bbox_px.height * 2 > typical_height * 3 &&
                                      word.confidence < 0.5 && alone_on_line;
    bool keep = has_alnum
                    ? !speck_sized && !drawing_read_as_word &&
                          (word.text.size() > 1 || word.confidence >= 0.5 || amount_before_word)
                    : (is_bullet && starts_line) || (!lone_mark && word.confidence >= 0.75) ||
                          is_mark_typed_apart(words, i);
    if (keep) {
      verdicts.push_back(Verdict::text);
      last_kept_line = word.line;
    } else if ((has_alnum && !speck_sized) || (lone_mark && bar_before_a_unit_of_time(words, i))) {
      verdicts.push_back(Verdict::doubtful);
    } else {
      verdicts.push_back(Verdict::noise);
    }
  }
  doubt_long_unsure_runs(words, verdicts);
  return verdicts;
}

// In a sans-serif font a capital I is a bare bar, and the engine reads the roman numeral of
// "Asisten I" surely as "|". Rules are painted out before OCR, so a sure bar after a word on its
// line, as tall as that word's capitals, is the letter.
bool is_capital_i_read_as_bar(const std::vector<OcrWord>& words, std::size_t i) {
  constexpr double kSure = 0.75;
  constexpr double kCapitalShare = 0.6;
  constexpr double kTallestShare = 1.1;
  const OcrWord& word = words[i];
  // "|," of "peringatan I, II dan III": the bar and the mark after it, read as one word.
  const bool bar = word.text == "|" || (word.text.size() == 2 && word.text[0] == '|' &&
                                        std::string_view(",.;:").find(word.text[1]) !=
                                            std::string_view::npos);
  if (!bar || word.confidence < kSure || i == 0) return false;
  // After a word, a space away, not a number: beside a step's number, or far along the line
  // at a cell's edge, or taller than the letters, a bar is what is left of a rule.
  const OcrWord& before = words[i - 1];
  const int space = word.bbox_px.x - before.bbox_px.br().x;
  return before.line == word.line && !before.text.empty() &&
         std::isalpha(static_cast<unsigned char>(before.text.back())) &&
         space <= before.bbox_px.height &&
         word.bbox_px.height >= kCapitalShare * before.bbox_px.height &&
         word.bbox_px.height <= kTallestShare * before.bbox_px.height;
}

}  // namespace

bool shaped_as_digit_one_before(const OcrWord& glyph, const OcrWord& word) {
  constexpr double kShortest = 0.75;
  constexpr double kTallest = 1.25;
  const cv::Rect& bar = glyph.bbox_px;
  const cv::Rect& next = word.bbox_px;
  const int space = next.x - bar.br().x;
  const int bar_middle = bar.y + bar.height / 2;
  return decode_utf8(glyph.text).size() <= 2 && 2 * bar.width <= bar.height &&
         bar.height >= kShortest * next.height && bar.height <= kTallest * next.height &&
         space >= 0 && space <= next.height && bar_middle > next.y && bar_middle < next.br().y;
}

SiftedWords sift_words(const std::vector<OcrWord>& words) {
  const std::vector<Verdict> verdicts = judge_words(words);
  SiftedWords sifted;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (is_capital_i_read_as_bar(words, i)) {
      OcrWord letter = words[i];
      letter.text = "I" + words[i].text.substr(1);
      sifted.text.push_back(std::move(letter));
      continue;
    }
    if (verdicts[i] == Verdict::text) sifted.text.push_back(words[i]);
    if (verdicts[i] == Verdict::doubtful) sifted.doubtful.push_back(words[i]);
  }
  return sifted;
}

std::string reading_of(const std::vector<OcrWord>& words) {
  std::string reading;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) reading += words[i].line != words[i - 1].line ? '\n' : ' ';
    reading += words[i].text;
  }
  return reading;
}

std::vector<bool> lines_broken_on_purpose(const std::vector<OcrWord>& words) {
  struct Line {
    int right = 0;
    int first_word_width = 0;
    int height = 0;
  };
  std::vector<Line> lines;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const cv::Rect& box = words[i].bbox_px;
    if (i == 0 || words[i].line != words[i - 1].line) {
      lines.push_back({box.br().x, box.width, box.height});
    } else {
      lines.back().right = std::max(lines.back().right, box.br().x);
      lines.back().height = std::max(lines.back().height, box.height);
    }
  }
  int text_right = 0;
  for (const Line& line : lines) text_right = std::max(text_right, line.right);
  std::vector<bool> broken(lines.empty() ? 0 : lines.size() - 1, false);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    // A space is about a third of the text height.
    const int space = lines[i].height / 3;
    broken[i] = lines[i].right + space + lines[i + 1].first_word_width <= text_right;
  }
  return broken;
}

std::vector<OcrWord> with_wrapped_words_joined(const std::vector<OcrWord>& words,
                                               const Lexicon& lexicon) {
  const std::vector<bool> on_purpose = lines_broken_on_purpose(words);
  std::vector<OcrWord> joined;
  std::size_t line_index = 0;  // of words[i]'s line among the reading's lines
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool first_of_its_line = i > 0 && words[i].line != words[i - 1].line;
    if (first_of_its_line) ++line_index;
    // Only a token longer than its line is broken inside: the line before holds it alone.
    const bool after_a_line_of_one_token =
        first_of_its_line && (i == 1 || words[i - 2].line != words[i - 1].line);
    if (after_a_line_of_one_token && !joined.empty() && !on_purpose[line_index - 1]) {
      OcrWord& before = joined.back();
      // The first piece is the end of the line's last token ("pemberitahuan/peri"), the second
      // the next line's first word without the marks after it ("an" of "an,").
      const std::string head = before.text.substr(before.text.rfind('/') + 1);
      std::string tail = words[i].text;
      while (!tail.empty() && std::ispunct(static_cast<unsigned char>(tail.back()))) {
        tail.pop_back();
      }
      const bool carries_on = ascii_letters_only(head) && ascii_letters_only(tail) &&
                              std::islower(static_cast<unsigned char>(tail.front())) &&
                              lexicon.knows(head + tail) && !lexicon.knows_form(tail);
      if (carries_on) {
        // The joined word stands where its second piece did, so that the rest of that line
        // keeps its place after it ("an |, II": the bar is no line's first mark).
        OcrWord word = words[i];
        word.text = before.text + words[i].text;
        word.confidence = std::min(before.confidence, words[i].confidence);
        before = std::move(word);
        continue;
      }
    }
    joined.push_back(words[i]);
  }
  return joined;
}

}  // namespace sopocr
