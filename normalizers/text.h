// Text clean-up shared by every normaliser: Unicode NFC, single spaces, no stray rule remnants,
// and code-point edit distance for fuzzy matching of OCR readings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sopocr {

// NFC of UTF-8 text: the UTF-8 face of to_nfc in unicode_nfc.h, which says what it covers
// (the Latin letters with diacritics). Other text passes as is.
std::string to_nfc(std::string_view utf8);

// NFC, every run of whitespace (including newlines) to one space, trimmed; also trims the '|'
// and '_' that OCR reads from table rules touching a cell's text.
std::string normalize_text(std::string_view raw);

// Lower-cases ASCII letters only: the labels and vocabulary compared this way are ASCII.
std::string ascii_lower(std::string_view text);

// Whether `text` is a run of ASCII letters, one at least: a piece of a word with no mark in it.
bool ascii_letters_only(std::string_view text);

// Levenshtein distance over code points (decode_utf8 in unicode_nfc.h gives them).
std::size_t edit_distance(std::u32string_view a, std::u32string_view b);
std::size_t edit_distance(std::string_view a, std::string_view b);

// 1 - edit distance / length of the longer text, in [0, 1]; 1 for two empty texts.
double similarity(std::string_view a, std::string_view b);

// Splits on '\n', dropping empty lines and trimming each.
std::vector<std::string> split_lines(std::string_view text);

// Splits on ' ', dropping empty words; marks stay on the words they touch ("Dinas,").
std::vector<std::string> split_words(std::string_view text);

// The non-empty `words`, one space between each.
std::string join_words(const std::vector<std::string>& words);

// A dash printed where a value would stand ("-", "–", "—"): the document has none.
bool is_placeholder(std::string_view text);

// Indonesian reduplication: the length of the longest end of `first` that `second` starts with,
// four letters or more, case aside ("Perundang" + "undangan": 6, "kegiatan" + "kegiatan": 8);
// 0 where there is none.
std::size_t reduplicated_root_length(std::string_view first, std::string_view second);

}  // namespace sopocr
