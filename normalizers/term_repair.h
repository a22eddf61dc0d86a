// Repairs words OCR garbled ("Undangun" → "Undangan") against a lexicon: Debian's Indonesian
// hunspell dictionary says which words are Indonesian, and a domain lexicon of SOP vocabulary
// (built from the seed transcriptions and the fixture truth, with counts) supplies the
// candidates, their frequency and the words seen beside them.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

class Hunspell;

namespace sopocr {

// Word and word-pair counts of the SOP vocabulary, lower-case, plus the hunspell dictionary.
// Not copyable (it owns the dictionary); share it by const reference, also across threads.
class Lexicon {
 public:
  // `domain_tsv`: lines "word<TAB>count" and "word word<TAB>count" (a pair seen side by side).
  // Without `hunspell_stem` (the path without ".aff"/".dic") only the domain words are known.
  explicit Lexicon(std::string_view domain_tsv,
                   const std::optional<std::filesystem::path>& hunspell_stem = std::nullopt);
  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Whether `word` is Indonesian or SOP vocabulary, in any letter case.
  bool knows(std::string_view word) const;
  // knows(), or a known word of four or more letters with one prefix or suffix the dictionary
  // lacks the form of ("fasilitas" + "i", "lanjut" + "i", "urai" + "kan").
  bool knows_form(std::string_view word) const;
  long count(std::string_view lower_word) const;
  long pair_count(std::string_view lower_left, std::string_view lower_right) const;
  const std::vector<std::u32string>& domain_words() const { return words_by_length_; }

 private:
  std::unordered_map<std::string, long> words_;
  std::unordered_map<std::string, long> pairs_;
  std::vector<std::u32string> words_by_length_;
  std::unique_ptr<Hunspell> hunspell_;
  mutable std::mutex hunspell_mutex_;  // Hunspell's lookups are not documented as thread-safe
};

// What the lexicon counts as a letter of a word (ASCII and U+00C0–U+024F letters), and its lower
// case: the lexicon's builder (tools/lexicon) and the repair must split words alike.
bool is_word_letter(char32_t c);
char32_t word_lower(char32_t c);
// `text` with every letter in that lower case.
std::string word_lower_utf8(std::string_view text);

// Words split by a space, where a narrow cell wrapped them without a hyphen or OCR saw a gap
// ("Pengadminis trasi Umum"): two neighbouring pieces of letters, the second in lower case, are
// joined when the lexicon knows the joined word but not both pieces ("di kirim" stays). Sets
// `joined` when a join was made.
std::string join_split_words(std::string_view text, const Lexicon& lexicon, bool& joined);

// Words OCR read without the space between them, in a tight cell ("PengadministrasiUmum"): a
// run of letters the lexicon does not know is split at a small letter followed by a capital
// where both parts are words it knows. A run of capitals stays whole: an acronym the lexicon
// lacks ("PPID") spells two it knows ("PP", "ID") as often as not. A run the lexicon knows
// ("PjPHP") stays. Sets `split` when a split was made.
std::string split_run_together_words(std::string_view text, const Lexicon& lexicon, bool& split);

// The lexicon the pipeline ships: the domain lexicon compiled into the program and the hunspell
// dictionary of Debian's hunspell-id. Throws std::runtime_error naming the missing file.
std::unique_ptr<Lexicon> load_default_lexicon();

// Edit cost of reading `reading` where `word` was printed, both lower-case: 1 per letter
// substituted, dropped or added, less for the confusions OCR makes (rn/m, li/h, cl/d, e/c, u/a,
// i/l/1, O/0, a doubled or dropped double letter).
double ocr_edit_cost(std::u32string_view reading, std::u32string_view word);

struct TermCandidate {
  std::string word;         // in the reading's letter case
  double cost = 0.0;        // ocr_edit_cost
  double score = 0.0;       // cost less the credit of frequency and context: lower is better
  bool in_context = false;  // seen beside the reading's neighbours in the domain lexicon
};

struct WordRepair {
  std::string reading;
  std::optional<std::string> repaired;    // set when one candidate clearly won
  std::vector<TermCandidate> candidates;  // best first, at most three
};

struct TermRepair {
  std::string text;                 // the input with every clear repair made in place
  std::vector<WordRepair> repairs;  // clear repairs
  std::vector<WordRepair> doubts;   // unknown words kept as read: no candidate won clearly
};

// Words the OCR read so surely that, known to the lexicon or not, they are what was printed:
// lower case, letters only (a word's parts between '-' and '/' each). An unknown one is the
// author's own spelling ("telahaan", "Satya", "Menginput"), which the record keeps.
using WordsReadAsPrinted = std::unordered_set<std::string>;

// Repairs the unknown words of `text`. Never touches a word the lexicon knows (knows_form), a word
// with a digit, an all-capital abbreviation or code (SK, RKA, LKIP; in a text set in capitals,
// one of five letters or fewer), a word under four letters, or one of `as_printed`.
TermRepair repair_terms(std::string_view text, const Lexicon& lexicon,
                        const WordsReadAsPrinted& as_printed = {});

}  // namespace sopocr
