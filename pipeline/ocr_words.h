// What of an OCR reading is text: scan specks and rule fragments come back from the engine as
// weak words of punctuation (", ; ." or a lone letter) and as tiny "5" or "Ia" beside real words.
#pragma once

#include <string>
#include <vector>

#include "ocr_engine.h"

namespace sopocr {

// ASCII letters and digits and the Latin letters with diacritics; not dashes, quotes or bullets.
bool is_letter_or_digit(char32_t c);

struct SiftedWords {
  // The text: a list bullet at the start of a line, a lone digit before a word ("1 jam"), and
  // every word that holds a letter or digit read with some confidence and is neither a fraction
  // of the height of the words around it nor, read with little confidence, half again as tall.
  std::vector<OcrWord> text;
  // Dropped, but may have been text after all: a lone letter or digit of the height of the
  // words around it, read with little confidence ("I" of "semester I"), and a bar shaped as
  // the digit one before a unit of time ("| hari", read_as_digit_one).
  std::vector<OcrWord> doubtful;
};

// Whether `glyph`, a mark read as one or two characters ("|", "I", "t", "Il"), has the shape and
// place of the digit one before `word` on its line: a bar no wider than half its height, as
// tall as the word's letters (digits stand as tall as ascenders), a space or less to its left.
// Tesseract reads a serif "1" that way before a word ("1 hari" as "| hari", "I hari", "Il hari").
bool shaped_as_digit_one_before(const OcrWord& glyph, const OcrWord& word);

// `words` sorted into text, doubtful words and (left out) noise.
SiftedWords sift_words(const std::vector<OcrWord>& words);

class Lexicon;

// The words with each token a narrow cell broke over two lines without a hyphen joined again
// ("pemberitahuan/peri" over "ngatan"): a word processor breaks inside a token only where it is
// longer than the line, so the line before holds that token alone, and was wrapped, not broken
// on purpose (lines_broken_on_purpose); the second piece, in lower case, is no word of its own,
// and the lexicon knows the joined word. "Foto" ending a line of several words over "copy", and
// "satya" over "lencana", stay two; a space typed within a line is the author's and stays.
std::vector<OcrWord> with_wrapped_words_joined(const std::vector<OcrWord>& words,
                                               const Lexicon& lexicon);

// The words as text: single spaces, each line of the reading on its own line.
std::string reading_of(const std::vector<OcrWord>& words);

// For each line of reading_of(words) but the last: whether it ended although the next line's
// first word would have fitted after it, within the right edge the cell's text reaches. Such a
// break was typed, not wrapped.
std::vector<bool> lines_broken_on_purpose(const std::vector<OcrWord>& words);

}  // namespace sopocr
