#include "term_repair.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <hunspell/hunspell.hxx>
#include <limits>
#include <stdexcept>

#include "domain_lexicon.h"
#include "text.h"
#include "unicode_nfc.h"

namespace sopocr {
namespace {

const std::filesystem::path kHunspellStem = "/usr/share/hunspell/id_ID";

char32_t upper(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - U'a' + U'A';
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;
  return c;
}

bool is_upper(char32_t c) { return word_lower(c) != c; }

std::u32string lowered(std::u32string_view text) {
  std::u32string out(text);
  for (char32_t& c : out) c = word_lower(c);
  return out;
}

// ---------------------------------------------------------------------------------------------
// OCR-aware edit cost

struct Confusion {
  std::u32string_view read;
  std::u32string_view printed;
  double cost;
};

// Shapes OCR takes for one another in degraded scans, either way round. Costs below 1 make these
// cheaper than an arbitrary substitution; the closer the shapes, the cheaper.
constexpr std::array kConfusions{
    Confusion{U"rn", U"m", 0.3}, Confusion{U"ri", U"n", 0.5}, Confusion{U"li", U"h", 0.4},
    Confusion{U"cl", U"d", 0.4}, Confusion{U"ii", U"u", 0.5}, Confusion{U"vv", U"w", 0.4},
    Confusion{U"in", U"m", 0.5}, Confusion{U"nn", U"m", 0.6}, Confusion{U"e", U"c", 0.4},
    Confusion{U"u", U"a", 0.5},  Confusion{U"i", U"l", 0.4},  Confusion{U"l", U"1", 0.4},
    Confusion{U"i", U"1", 0.4},  Confusion{U"o", U"0", 0.3},  Confusion{U"n", U"u", 0.5},
    Confusion{U"a", U"o", 0.6},  Confusion{U"e", U"o", 0.6},  Confusion{U"c", U"o", 0.6},
    Confusion{U"a", U"e", 0.7},  Confusion{U"t", U"f", 0.5},  Confusion{U"h", U"b", 0.6},
    Confusion{U"s", U"5", 0.5},  Confusion{U"g", U"y", 0.6},  Confusion{U"g", U"q", 0.5},
    Confusion{U"m", U"n", 0.6},  Confusion{U"n", U"h", 0.6},  Confusion{U"i", U"j", 0.5},
    Confusion{U"u", U"v", 0.5},  Confusion{U"y", U"v", 0.6},  Confusion{U"b", U"6", 0.5},
    Confusion{U"g", U"9", 0.5},  Confusion{U"l", U"t", 0.7},  Confusion{U"r", U"t", 0.7},
    Confusion{U"l", U"u", 0.8},  Confusion{U"b", U"t", 0.8},
};

constexpr double kEditCost = 1.0;
constexpr double kDoubledLetterCost = 0.5;

double substitution_cost(char32_t read, char32_t printed) {
  if (read == printed) return 0.0;
  for (const Confusion& confusion : kConfusions) {
    if (confusion.read.size() != 1 || confusion.printed.size() != 1) continue;
    if ((confusion.read[0] == read && confusion.printed[0] == printed) ||
        (confusion.read[0] == printed && confusion.printed[0] == read)) {
      return confusion.cost;
    }
  }
  return kEditCost;
}

// ---------------------------------------------------------------------------------------------
// Candidates

struct Context {
  std::string left;   // lower-case word before, empty at the start
  std::string right;  // lower-case word after, empty at the end
};

// Credit for frequency and for having been seen beside the same words: a few tenths of an edit.
double credit(const Lexicon& lexicon, const std::string& word, const Context& context) {
  const long seen_beside = (context.left.empty() ? 0 : lexicon.pair_count(context.left, word)) +
                           (context.right.empty() ? 0 : lexicon.pair_count(word, context.right));
  return 0.25 * std::log10(1.0 + static_cast<double>(lexicon.count(word))) +
         0.5 * std::log10(1.0 + static_cast<double>(seen_beside));
}

bool seen_in_context(const Lexicon& lexicon, const std::string& word, const Context& context) {
  return (!context.left.empty() && lexicon.pair_count(context.left, word) > 0) ||
         (!context.right.empty() && lexicon.pair_count(word, context.right) > 0);
}

// The most a reading may differ from its repair: about one edit in three letters.
double max_cost(std::size_t length) { return std::min(2.5, 0.35 * static_cast<double>(length)); }

// Beyond one and a half edits a reading is repaired only towards a word seen in this context.
constexpr double kMaxCostWithoutContext = 1.5;
// A repair is made only when the best candidate beats the next by this much.
constexpr double kClearMargin = 0.5;

std::string in_case_of(std::u32string_view reading, std::u32string_view lower_word) {
  std::u32string word(lower_word);
  const bool all_upper = std::all_of(reading.begin(), reading.end(), is_upper);
  if (all_upper) {
    for (char32_t& c : word) c = upper(c);
  } else if (!reading.empty() && is_upper(reading[0]) && !word.empty()) {
    word[0] = upper(word[0]);
  }
  return encode_utf8(word);
}

WordRepair repair_word(std::u32string_view reading, const Lexicon& lexicon,
                       const Context& context) {
  WordRepair repair;
  repair.reading = encode_utf8(reading);
  const std::u32string lower_reading = lowered(reading);
  const double limit = max_cost(reading.size());
  struct Scored {
    std::u32string word;
    double cost;
    double score;
    bool in_context;
  };
  std::vector<Scored> scored;
  for (const std::u32string& word : lexicon.domain_words()) {
    const auto length_gap = static_cast<long>(word.size()) - static_cast<long>(reading.size());
    if (length_gap < -2 || length_gap > 2) continue;
    const double cost = ocr_edit_cost(lower_reading, word);
    if (cost > limit) continue;
    const std::string utf8 = encode_utf8(word);
    scored.push_back({word, cost, cost - credit(lexicon, utf8, context),
                      seen_in_context(lexicon, utf8, context)});
  }
  std::sort(scored.begin(), scored.end(),
            [](const Scored& a, const Scored& b) { return a.score < b.score; });
  for (std::size_t i = 0; i < scored.size() && i < 3; ++i) {
    repair.candidates.push_back({in_case_of(reading, scored[i].word), scored[i].cost,
                                 scored[i].score, scored[i].in_context});
  }
  if (scored.empty()) return repair;
  const Scored& best = scored.front();
  const bool clear_margin = scored.size() == 1 || scored[1].score - best.score >= kClearMargin;
  const bool close_enough = best.cost <= kMaxCostWithoutContext || best.in_context;
  if (clear_margin && close_enough) repair.repaired = in_case_of(reading, best.word);
  return repair;
}

// The longest an abbreviation runs in a text set in capitals: "LKIP", "SPPLS", "BPBJ". Longer
// capital words there are words ("PERSIAFAN" for "PERSIAPAN").
constexpr std::size_t kLongestCapitalCode = 5;

// Shaped like a word worth repairing: letters only, four or more, not an abbreviation. Whether
// the lexicon knows it is asked after: that is the costly question. In a text `set_in_capitals`
// (a title or a letterhead), a capital word longer than a code is a word.
bool shaped_like_a_word(std::u32string_view word, bool set_in_capitals) {
  if (word.size() < 4) return false;
  if (!std::all_of(word.begin(), word.end(), is_word_letter)) return false;
  const auto capitals = std::count_if(word.begin(), word.end(), is_upper);
  // SK, LKIP, PPBJ, or SPPLS read without its hyphen: codes, not words.
  return capitals < 2 || (set_in_capitals && word.size() > kLongestCapitalCode);
}

// Whether `text` is set in capitals: no lower-case letter, and two words of four letters or more
// (a lone code is not a text).
bool set_in_capitals(std::u32string_view text) {
  if (std::any_of(text.begin(), text.end(),
                  [](char32_t c) { return is_word_letter(c) && !is_upper(c); })) {
    return false;
  }
  int words = 0;
  std::size_t run = 0;
  for (char32_t c : text) {
    run = is_word_letter(c) ? run + 1 : 0;
    if (run == 4) ++words;
  }
  return words >= 2;
}

// One space-separated token: the letters between its leading and trailing marks, in parts split
// at '-' and '/' ("Perundang-undangan", "PA/KPA").
struct Token {
  std::u32string lead;
  std::vector<std::u32string> parts;  // words and the separators between them, alternating
  std::u32string trail;
};

Token split_token(std::u32string_view token) {
  Token split;
  std::size_t begin = 0;
  std::size_t end = token.size();
  while (begin < end && !is_word_letter(token[begin]) &&
         !(token[begin] >= U'0' && token[begin] <= U'9'))
    ++begin;
  while (end > begin && !is_word_letter(token[end - 1]) &&
         !(token[end - 1] >= U'0' && token[end - 1] <= U'9'))
    --end;
  split.lead = token.substr(0, begin);
  split.trail = token.substr(end);
  std::u32string part;
  for (std::size_t i = begin; i < end; ++i) {
    if (token[i] == U'-' || token[i] == U'/') {
      split.parts.push_back(part);
      split.parts.push_back(std::u32string(1, token[i]));
      part.clear();
    } else {
      part += token[i];
    }
  }
  split.parts.push_back(part);
  return split;
}

std::string core_of(const std::u32string& token) {
  const Token split = split_token(token);
  std::u32string core;
  for (const std::u32string& part : split.parts) core += part;
  return encode_utf8(lowered(core));
}

}  // namespace

bool is_word_letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

std::string word_lower_utf8(std::string_view text) {
  return encode_utf8(lowered(decode_utf8(text)));
}

char32_t word_lower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c - U'A' + U'a';
  // Latin-1 capitals with diacritics.
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  return c;
}

// ---------------------------------------------------------------------------------------------

Lexicon::Lexicon(std::string_view domain_tsv,
                 const std::optional<std::filesystem::path>& hunspell_stem) {
  std::size_t start = 0;
  while (start < domain_tsv.size()) {
    std::size_t end = domain_tsv.find('\n', start);
    if (end == std::string_view::npos) end = domain_tsv.size();
    const std::string_view line = domain_tsv.substr(start, end - start);
    start = end + 1;
    const std::size_t tab = line.find('\t');
    if (line.empty() || line[0] == '#' || tab == std::string_view::npos) continue;
    const std::string key = word_lower_utf8(line.substr(0, tab));
    const long count = std::strtol(std::string(line.substr(tab + 1)).c_str(), nullptr, 10);
    if (key.find(' ') != std::string::npos) {
      pairs_[key] += count;
    } else {
      words_[key] += count;
    }
  }
  for (const auto& [word, count] : words_) words_by_length_.push_back(decode_utf8(word));
  std::sort(words_by_length_.begin(), words_by_length_.end(),
            [](const std::u32string& a, const std::u32string& b) {
              return std::make_pair(a.size(), a) < std::make_pair(b.size(), b);
            });
  if (hunspell_stem) {
    std::filesystem::path aff = *hunspell_stem;
    aff += ".aff";
    std::filesystem::path dic = *hunspell_stem;
    dic += ".dic";
    for (const std::filesystem::path& file : {aff, dic}) {
      if (!std::filesystem::exists(file)) {
        throw std::runtime_error("hunspell dictionary " + file.string() +
                                 " not found (Debian package hunspell-id)");
      }
    }
    hunspell_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  }
}

Lexicon::~Lexicon() = default;

bool Lexicon::knows(std::string_view word) const {
  const std::string lower_word = word_lower_utf8(word);
  if (words_.count(lower_word) > 0) return true;
  if (!hunspell_) return false;
  const std::lock_guard<std::mutex> lock(hunspell_mutex_);
  return hunspell_->spell(std::string(word)) || hunspell_->spell(lower_word);
}

bool Lexicon::knows_form(std::string_view word) const {
  if (knows(word)) return true;
  const std::string lower_word = word_lower_utf8(word);
  constexpr std::string_view kSuffixes[] = {"kan", "an", "i", "nya", "lah", "pun"};
  constexpr std::string_view kPrefixes[] = {"meng", "meny", "mem", "men", "me",  "di", "ber", "ter",
                                            "peng", "peny", "pem", "pen", "per", "pe", "ke",  "se"};
  constexpr std::size_t kMinBase = 4;
  for (std::string_view suffix : kSuffixes) {
    if (lower_word.size() >= suffix.size() + kMinBase && lower_word.ends_with(suffix) &&
        knows(std::string_view(lower_word).substr(0, lower_word.size() - suffix.size()))) {
      return true;
    }
  }
  for (std::string_view prefix : kPrefixes) {
    if (lower_word.size() >= prefix.size() + kMinBase && lower_word.starts_with(prefix) &&
        knows(std::string_view(lower_word).substr(prefix.size()))) {
      return true;
    }
  }
  return false;
}

long Lexicon::count(std::string_view lower_word) const {
  const auto found = words_.find(std::string(lower_word));
  return found == words_.end() ? 0 : found->second;
}

long Lexicon::pair_count(std::string_view lower_left, std::string_view lower_right) const {
  std::string key(lower_left);
  key += ' ';
  key += lower_right;
  const auto found = pairs_.find(key);
  return found == pairs_.end() ? 0 : found->second;
}

std::string join_split_words(std::string_view text, const Lexicon& lexicon, bool& joined) {
  const std::vector<std::string> pieces = split_words(text);
  // Of a pair written with a slash ("Sekretaris/Kabi"), the piece is its last word.
  auto last_word = [](const std::string& word) { return word.substr(word.rfind('/') + 1); };
  std::vector<std::string> words;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::string word = pieces[i];
    while (i + 1 < pieces.size() && ascii_letters_only(last_word(word)) &&
           ascii_letters_only(pieces[i + 1]) &&
           std::islower(static_cast<unsigned char>(pieces[i + 1].front())) &&
           lexicon.knows(last_word(word) + pieces[i + 1]) &&
           !(lexicon.knows(last_word(word)) && lexicon.knows(pieces[i + 1]))) {
      word += pieces[++i];
      joined = true;
    }
    words.push_back(std::move(word));
  }
  return join_words(words);
}

std::string split_run_together_words(std::string_view text, const Lexicon& lexicon, bool& split) {
  constexpr std::size_t kShortestPart = 2;
  auto is_ascii_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  auto upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
  auto known = [&](const std::string& part) {
    return part.size() >= kShortestPart && lexicon.count(ascii_lower(part)) > 0;
  };
  // The one place a run of letters splits into two known words at a small letter followed by a
  // capital, if there is exactly one.
  auto split_point = [&](const std::string& run) -> std::size_t {
    if (run.size() < 2 * kShortestPart || lexicon.knows(run)) return 0;
    std::size_t found = 0;
    for (std::size_t at = kShortestPart; at + kShortestPart <= run.size(); ++at) {
      const bool boundary = !upper(run[at - 1]) && upper(run[at]);
      if (!boundary || !known(run.substr(0, at)) || !known(run.substr(at))) continue;
      if (found != 0) return 0;  // two ways to split: neither is sure
      found = at;
    }
    return found;
  };
  std::string result;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_ascii_letter(text[i])) {
      result += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_ascii_letter(text[end])) ++end;
    const std::string run(text.substr(i, end - i));
    const std::size_t at = split_point(run);
    if (at == 0) {
      result += run;
    } else {
      result += run.substr(0, at) + " " + run.substr(at);
      split = true;
    }
    i = end;
  }
  return result;
}

std::unique_ptr<Lexicon> load_default_lexicon() {
  return std::make_unique<Lexicon>(domain_lexicon_tsv(), kHunspellStem);
}

double ocr_edit_cost(std::u32string_view reading, std::u32string_view word) {
  const std::size_t n = reading.size();
  const std::size_t m = word.size();
  constexpr double kUnreached = std::numeric_limits<double>::infinity();
  std::vector<double> cost((n + 1) * (m + 1), kUnreached);
  auto at = [&](std::size_t i, std::size_t j) -> double& { return cost[i * (m + 1) + j]; };
  at(0, 0) = 0.0;
  auto relax = [&](std::size_t i, std::size_t j, double value) {
    if (value < at(i, j)) at(i, j) = value;
  };
  for (std::size_t i = 0; i <= n; ++i) {
    for (std::size_t j = 0; j <= m; ++j) {
      const double here = at(i, j);
      if (here == kUnreached) continue;
      if (i < n && j < m) relax(i + 1, j + 1, here + substitution_cost(reading[i], word[j]));
      if (i < n) {
        const bool doubled = i > 0 && reading[i] == reading[i - 1];
        relax(i + 1, j, here + (doubled ? kDoubledLetterCost : kEditCost));
      }
      if (j < m) {
        const bool double_dropped = j > 0 && word[j] == word[j - 1];
        relax(i, j + 1, here + (double_dropped ? kDoubledLetterCost : kEditCost));
      }
      for (const Confusion& confusion : kConfusions) {
        if (confusion.read.size() == 1 && confusion.printed.size() == 1) continue;
        // Either way round: "rn" read for "m", or "m" read for "rn".
        for (const auto& [read, printed] : {std::pair{confusion.read, confusion.printed},
                                            std::pair{confusion.printed, confusion.read}}) {
          if (reading.substr(i).starts_with(read) && word.substr(j).starts_with(printed)) {
            relax(i + read.size(), j + printed.size(), here + confusion.cost);
          }
        }
      }
    }
  }
  return at(n, m);
}

// A serif capital J, its hook cut by a low resolution, reads as a closing mark: "SPJ" as "SP)",
// "SP]", "SP}" or "SP!", "UKPBJ" as "UKPB}". Such a mark after a code of capitals, closing no
// bracket opened before it, is the J where the code with a J is one the domain lexicon knows.
// `open_before`: brackets opened and not closed earlier in the text.
bool j_read_as_closing_mark(Token& token, int open_before, const Lexicon& lexicon) {
  if (token.trail.empty() || token.parts.empty()) return false;
  const char32_t mark = token.trail.front();
  const bool closing = mark == U')' || mark == U']' || mark == U'}' || mark == U'!';
  if (!closing || (mark != U'!' && open_before > 0)) return false;
  if (std::any_of(token.lead.begin(), token.lead.end(),
                  [](char32_t c) { return c == U'(' || c == U'[' || c == U'{'; })) {
    return false;
  }
  std::u32string& code = token.parts.back();
  if (code.size() < 2 || !std::all_of(code.begin(), code.end(), is_upper)) return false;
  if (lexicon.count(encode_utf8(lowered(code + U'J'))) == 0) return false;
  code += U'J';
  token.trail.erase(0, 1);
  return true;
}

TermRepair repair_terms(std::string_view text, const Lexicon& lexicon,
                        const WordsReadAsPrinted& as_printed) {
  TermRepair result;
  std::vector<std::u32string> tokens;
  const std::u32string code_points = decode_utf8(text);
  std::u32string current;
  for (char32_t c : code_points) {
    if (c == U' ') {
      tokens.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  tokens.push_back(current);

  const bool capitals = set_in_capitals(code_points);
  std::u32string repaired_text;
  int open_brackets = 0;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    if (t > 0) repaired_text += U' ';
    Token token = split_token(tokens[t]);
    const std::u32string read_as = tokens[t];
    if (j_read_as_closing_mark(token, open_brackets, lexicon)) {
      WordRepair repair;
      repair.reading = encode_utf8(read_as);
      std::u32string repaired_token = token.lead;
      for (const std::u32string& part : token.parts) repaired_token += part;
      repaired_token += token.trail;
      repair.repaired = encode_utf8(repaired_token);
      result.repairs.push_back(std::move(repair));
    }
    for (char32_t c : tokens[t]) {
      if (c == U'(' || c == U'[' || c == U'{') ++open_brackets;
      if ((c == U')' || c == U']' || c == U'}') && open_brackets > 0) --open_brackets;
    }
    // "Perundang-undangan" is known whole though its parts are not checked alone.
    std::optional<bool> whole_known;
    for (std::u32string& part : token.parts) {
      if (!shaped_like_a_word(part, capitals)) continue;
      if (!whole_known) {
        std::u32string whole;
        for (const std::u32string& piece : token.parts) whole += piece;
        whole_known = lexicon.knows_form(encode_utf8(whole));
      }
      if (*whole_known) break;
      if (token.parts.size() > 1 && lexicon.knows_form(encode_utf8(part))) continue;
      if (as_printed.count(encode_utf8(lowered(part))) > 0) continue;
      const Context context{t > 0 ? core_of(tokens[t - 1]) : std::string(),
                            t + 1 < tokens.size() ? core_of(tokens[t + 1]) : std::string()};
      WordRepair repair = repair_word(part, lexicon, context);
      if (repair.repaired) {
        part = decode_utf8(*repair.repaired);
        result.repairs.push_back(std::move(repair));
      } else {
        result.doubts.push_back(std::move(repair));
      }
    }
    repaired_text += token.lead;
    for (const std::u32string& part : token.parts) repaired_text += part;
    repaired_text += token.trail;
  }
  result.text = encode_utf8(repaired_text);
  return result;
}

}  // namespace sopocr
