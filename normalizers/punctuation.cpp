#include "punctuation.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "text.h"

namespace sopocr {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// "No.", "dll.", "Ms.", "S.T.", "a.n.": a dot that belongs to the word.
bool is_abbreviation(std::string_view word_with_dot) {
  const std::string_view stem = word_with_dot.substr(0, word_with_dot.size() - 1);
  if (stem.find('.') != std::string_view::npos) return true;
  const auto letters = std::count_if(stem.begin(), stem.end(), is_ascii_letter);
  return letters <= 3 && letters == static_cast<long>(stem.size());
}

// "a.", "b)", "1.", "12.": a list marker, which a lower-case word may follow.
bool is_list_marker(std::string_view word) {
  if (word.size() < 2 || (word.back() != '.' && word.back() != ')')) return false;
  const std::string_view body = word.substr(0, word.size() - 1);
  if (body.size() == 1 && is_ascii_letter(body[0])) return true;
  return body.size() <= 2 && std::all_of(body.begin(), body.end(),
                                         [](char c) { return c >= '0' && c <= '9'; });
}

// Two words a speck glued together: "jasa.konstruksi", "honor'dan" (not "Jum'at"), and a year
// and the next word ("2012-tentang"). "www.x.go.id", "S.T", "No.5" and "SPP-LS" stay.
std::string unglue_words(const std::string& word_with_marks) {
  // Marks after the word ("dibutuhkan.dan:") stay after it.
  std::size_t end = word_with_marks.size();
  while (end > 0 && std::string_view(".,:;").find(word_with_marks[end - 1]) != std::string::npos) {
    --end;
  }
  const std::string word = word_with_marks.substr(0, end);
  const std::string marks = word_with_marks.substr(end);
  for (const char glue : {'.', '\'', '-'}) {
    const std::size_t at = word.find(glue);
    if (at == std::string::npos || word.find(glue, at + 1) != std::string::npos) continue;
    const std::string_view left = std::string_view(word).substr(0, at);
    const std::string_view right = std::string_view(word).substr(at + 1);
    const auto word_of = [](std::string_view part, auto is_char) {
      return part.size() >= 3 && std::all_of(part.begin(), part.end(), is_char);
    };
    bool glued = false;
    if (glue == '.') glued = word_of(left, is_ascii_letter) && word_of(right, is_ascii_letter);
    if (glue == '\'') glued = word_of(left, is_lower) && word_of(right, is_lower);
    if (glue == '-') {
      glued = left.size() == 4 &&
              std::all_of(left.begin(), left.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
              word_of(right, is_lower);
    }
    if (glued) return std::string(left) + ' ' + std::string(right) + marks;
  }
  return word_with_marks;
}

constexpr std::string_view kQuotes[] = {"‘", "’", "'", "`"};

std::size_t leading_quote(std::string_view word) {
  for (std::string_view quote : kQuotes) {
    if (word.size() > quote.size() && word.starts_with(quote)) return quote.size();
  }
  return 0;
}

std::size_t trailing_quote(std::string_view word) {
  for (std::string_view quote : kQuotes) {
    if (word.size() > quote.size() && word.ends_with(quote)) return quote.size();
  }
  return 0;
}

// A quote opening a word with none closing a later word, or closing one with none opening an
// earlier word, is a speck ("‘Auditor", "Notulen'"). Quotes inside a word ("Jum'at") stay.
void drop_unpaired_quotes(std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (const std::size_t size = leading_quote(words[i])) {
      const bool closed = std::any_of(words.begin() + static_cast<long>(i), words.end(),
                                      [](const std::string& w) { return trailing_quote(w) > 0; });
      if (!closed) words[i].erase(0, size);
    }
    if (const std::size_t size = trailing_quote(words[i])) {
      const bool opened = std::any_of(words.begin(), words.begin() + static_cast<long>(i) + 1,
                                      [](const std::string& w) { return leading_quote(w) > 0; });
      if (!opened) words[i].erase(words[i].size() - size);
    }
  }
}

// "Pemeriksa/ Penyidik" → "Pemeriksa/Penyidik": the space was a speck's gap.
std::optional<std::string> joined_after_slash(const std::string& left, const std::string& right) {
  if (left.size() >= 2 && left.back() == '/' && is_ascii_letter(left[left.size() - 2]) &&
      !right.empty() && is_ascii_letter(right[0])) {
    return left + right;
  }
  return std::nullopt;
}

bool is_letters(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), is_ascii_letter);
}

// The two words as the one reduplication they are, its hyphen spaced on one side or lost
// ("Perundang -undangan", "Perundang undangan"); nothing where they are two words. With no
// hyphen read at all, the root must be most of the first word ("dilaksanakan akan" shares a
// suffix, not a root) and the words must differ: "kegiatan kegiatan" may be how the author typed
// it.
std::optional<std::string> reduplication_of(std::string_view left, std::string_view right) {
  if (left.size() >= 2 && left.back() == '-') {
    left.remove_suffix(1);
  } else if (right.size() >= 2 && right.front() == '-') {
    right.remove_prefix(1);
  } else {
    constexpr std::size_t kShortestLostHyphenRoot = 5;
    const std::size_t root = reduplicated_root_length(left, right);
    const bool lost_hyphen = root >= kShortestLostHyphenRoot && 3 * root >= 2 * left.size() &&
                             is_letters(left) && ascii_lower(left) != ascii_lower(right);
    if (!lost_hyphen) return std::nullopt;
  }
  // A spaced hyphen may be a dash between two phrases; only a reduplication is one word.
  if (!is_letters(left) || reduplicated_root_length(left, right) == 0) return std::nullopt;
  return std::string(left) + '-' + std::string(right);
}

// Each word joined to the one before it where `joined` makes the two one word, left to right:
// a word so joined may join the next too ("a/ b/ c").
template <typename Join>
void join_neighbours(std::vector<std::string>& words, Join joined) {
  std::vector<std::string> kept;
  for (std::string& word : words) {
    if (kept.empty()) {
      kept.push_back(std::move(word));
    } else if (std::optional<std::string> whole = joined(kept.back(), word)) {
      kept.back() = std::move(*whole);
    } else {
      kept.push_back(std::move(word));
    }
  }
  words = std::move(kept);
}

}  // namespace

// "a Menerima …; b Menyusun …": sub-items' letters whose stops the scan lost, or read in the
// wrong case ("C." after "a." and "b."). A lone letter is no Indonesian word: one that opens the
// text, or follows a colon or semicolon, before a capital is the first marker; the letter after
// the last marker, read alone, is the next one.
void restore_marker_stops(std::vector<std::string>& words) {
  char next_marker = 'a';
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    std::string& word = words[i];
    const bool printed_marker = word.size() == 2 && word[1] == '.';
    const bool lone_letter = word.size() == 1;
    if (!printed_marker && !lone_letter) continue;
    if (std::tolower(static_cast<unsigned char>(word[0])) != next_marker) continue;
    if (next_marker == 'a') {
      const bool opens = i == 0 || words[i - 1].ends_with(':') || words[i - 1].ends_with(';');
      if (word[0] != 'a' || (lone_letter && !(opens && is_upper(words[i + 1][0])))) continue;
    }
    word = std::string(1, next_marker) + '.';
    ++next_marker;
  }
}

std::string repair_stray_punctuation(std::string_view text) {
  std::vector<std::string> words = split_words(text);
  restore_marker_stops(words);
  drop_unpaired_quotes(words);
  join_neighbours(words, joined_after_slash);
  join_neighbours(words, reduplication_of);
  bool seen_jika = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string& word = words[i];
    // ".maka", ":penyedia": a speck before the word.
    while (word.size() >= 2 && (word[0] == '.' || word[0] == ':') && is_lower(word[1])) {
      word.erase(0, 1);
    }
    word = unglue_words(word);
    const bool next_is_lower =
        i + 1 < words.size() && !words[i + 1].empty() && is_lower(words[i + 1][0]);
    const bool next_is_marker = i + 1 < words.size() && is_list_marker(words[i + 1]);
    if (word.size() >= 2 && next_is_lower && !next_is_marker) {
      const char last = word.back();
      const bool next_is_jika = words[i + 1].rfind("jika", 0) == 0;
      if (last == ':' && next_is_jika && seen_jika) {
        word.back() = ';';
      } else if ((last == ':' || (last == '.' && !is_abbreviation(word) &&
                                  !is_list_marker(word))) &&
                 is_ascii_letter(word[word.size() - 2])) {
        word.pop_back();
      }
    }
    if (ascii_lower(word).starts_with("jika")) seen_jika = true;
  }
  return join_words(words);
}

std::string repair_reduplication_hyphens(std::string_view text) {
  std::vector<std::string> words = split_words(text);
  join_neighbours(words, reduplication_of);
  return join_words(words);
}

std::string trim_item_punctuation(std::string_view item) {
  std::string text = normalize_text(item);
  const auto is_mark = [](char c) {
    return c == '.' || c == ':' || c == ';' || c == ',' || c == '-';
  };
  std::size_t start = 0;
  while (start < text.size() && (is_mark(text[start]) || text[start] == ' ')) ++start;
  text.erase(0, start);
  while (!text.empty() && is_mark(text.back())) {
    if (text.back() == '.') {
      const std::size_t space = text.rfind(' ');
      const std::string_view last_word =
          std::string_view(text).substr(space == std::string::npos ? 0 : space + 1);
      if (is_abbreviation(last_word)) break;
    }
    text.pop_back();
  }
  return normalize_text(text);
}

}  // namespace sopocr
