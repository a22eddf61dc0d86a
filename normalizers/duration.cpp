#include "duration.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <regex>
#include <string>

#include "term_repair.h"
#include "text.h"
#include "unicode_nfc.h"

namespace sopocr {
namespace {

struct UnitWord {
  const char* pattern;  // regex alternative, lower case
  DurationUnit unit;
  // The unit's name in full, which a word OCR garbled is matched against; empty for a unit of
  // two words ("hari kerja": its garbles are read word by word).
  std::string_view name;
};

// Longest first: "hari kerja" before "hari". OCR and scribal variants included.
constexpr std::array<UnitWord, 7> kUnitWords{{
    {"hari\\s*kerja|hk", DurationUnit::working_day, ""},
    {"menit|mnt|minit|mnit|menlt|men1t|mins?", DurationUnit::minute, "menit"},
    {"jam|j", DurationUnit::hour, "jam"},
    {"hari|hr", DurationUnit::day, "hari"},
    {"minggu|mgg|pekan", DurationUnit::week, "minggu"},
    {"bulan|bln", DurationUnit::month, "bulan"},
    {"tahun|thn", DurationUnit::year, "tahun"},
}};

std::string format_amount(double amount) {
  if (amount == std::floor(amount) && std::fabs(amount) < 1e15) {
    return std::to_string(static_cast<long long>(amount));
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", amount);
  return buffer;
}

double parse_number(std::string text) {
  for (char& c : text) {
    if (c == ',') c = '.';  // Indonesian decimal comma: "1,5 menit" is 1.5
  }
  return std::stod(text);
}

std::optional<DurationUnit> unit_of_word(const std::string& word) {
  for (const UnitWord& candidate : kUnitWords) {
    if (std::regex_match(word, std::regex(candidate.pattern))) return candidate.unit;
  }
  return std::nullopt;
}

// The unit a word OCR garbled still names ("ment", "merit", "men" for menit; "han", "hart" for
// hari; "butan" for bulan). The word keeps the name's first letter, is at most one edit off a
// name of four letters or fewer and two off a longer one, counted as OCR misreads letters
// (ocr_edit_cost: "n" for "ri" is less than an edit), and is nearer that name than any other.
// A short name's other words stay themselves: "hal" is no "hari".
std::optional<DurationUnit> unit_of_garbled_word(const std::string& word) {
  if (word.size() < 3) return std::nullopt;
  const std::u32string reading = decode_utf8(word);
  std::optional<DurationUnit> nearest;
  double nearest_cost = 0.0;
  bool tied = false;
  for (const UnitWord& candidate : kUnitWords) {
    if (candidate.name.empty() || word.front() != candidate.name.front()) continue;
    const double cost = ocr_edit_cost(reading, decode_utf8(candidate.name));
    const double allowed = candidate.name.size() <= 4 ? 1.0 : 2.0;
    if (cost > allowed) continue;
    if (!nearest || cost < nearest_cost) {
      nearest = candidate.unit;
      nearest_cost = cost;
      tied = false;
    } else if (cost == nearest_cost) {
      tied = true;
    }
  }
  if (tied) return std::nullopt;
  return nearest;
}

// "kerja" after a day's unit, as printed or garbled ("kena", "keria").
bool reads_as_kerja(const std::string& word) {
  return word.size() >= 3 && word.front() == 'k' &&
         ocr_edit_cost(decode_utf8(word), U"kerja") <= 2.0;
}

// The unit that `word` (and `next_word`, the one after it, for "hari kerja") names, as printed
// or as garbled by OCR. Read on the randomised set and the real scans, every garbled unit word
// this takes was the unit printed: the repair is certain and the reading needs no review.
std::optional<DurationUnit> unit_of_words(const std::string& word, const std::string& next_word) {
  std::optional<DurationUnit> unit = unit_of_word(word);
  if (!unit) unit = unit_of_garbled_word(word);
  if (unit == DurationUnit::day && reads_as_kerja(next_word)) return DurationUnit::working_day;
  return unit;
}

Duration amountless(std::string text, DurationUnit unit) {
  Duration duration;
  duration.text = std::move(text);
  duration.unit = unit;
  return duration;
}

}  // namespace

std::optional<double> minutes_per_unit(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::minute:
      return 1.0;
    case DurationUnit::hour:
      return 60.0;
    case DurationUnit::day:
    case DurationUnit::working_day:
      return 480.0;
    case DurationUnit::week:
      return 2400.0;
    case DurationUnit::month:
      return 9600.0;
    case DurationUnit::year:
      return 115200.0;
    default:
      return std::nullopt;
  }
}

std::optional<std::string> iso8601_duration(double amount, DurationUnit unit) {
  const std::string number = format_amount(amount);
  switch (unit) {
    case DurationUnit::minute:
      return "PT" + number + "M";
    case DurationUnit::hour:
      return "PT" + number + "H";
    case DurationUnit::day:
    case DurationUnit::working_day:
      return "P" + number + "D";
    case DurationUnit::week:
      return "P" + number + "W";
    case DurationUnit::month:
      return "P" + number + "M";
    case DurationUnit::year:
      return "P" + number + "Y";
    default:
      return std::nullopt;
  }
}

namespace {

// OCR's marks inside a Waktu cell that no duration prints: quote marks from specks ("30
// “menit"), a dot or a dash read for the space between an amount and its unit ("120.menit",
// "1. jam", "1-hari"), and the "1" of "1 hari" read as "l" or "I" ("lhari", "I (satu) hari
// kerja", "I-jam"), at the cell's start also as "i" or "|" before a garbled unit ("lhan",
// "ihart").
std::string without_stray_marks(std::string_view raw) {
  static const std::regex quotes("\u201C|\u201D|\u2018|\u2019|[\"'`]");
  static const std::regex mark_for_space("(\\d)\\s*[.-]\\s*(?=[A-Za-z])");
  static const std::regex letter_for_one(
      "(^|\\s)[lI][\\s-]*(\\([A-Za-z\\s]+\\)\\s*)?(menit|jam|hari|minggu|bulan|tahun)\\b",
      std::regex::icase);
  static const std::regex letter_then_word("^[lIi|][\\s-]*((?:\\([A-Za-z\\s]+\\)\\s*)?)([A-Za-z]+)");
  std::string text = std::regex_replace(std::string(raw), quotes, "");
  text = std::regex_replace(text, mark_for_space, "$1 ");
  text = std::regex_replace(text, letter_for_one, "$011 $2$3");
  std::smatch match;
  if (std::regex_search(text, match, letter_then_word) &&
      unit_of_garbled_word(ascii_lower(match[2].str()))) {
    text = "1 " + match[1].str() + match[2].str() + match.suffix().str();
  }
  return text;
}

// A unit alone, as printed or garbled ("menit", "& Hari", "han"): the amount beside it was lost,
// most often a thin "1" against the cell's rule. No Waktu cell prints a unit without an amount.
bool unit_alone(const std::string& lower) {
  std::string letters;
  for (char c : lower) {
    if (std::isalpha(static_cast<unsigned char>(c)) || c == ' ') letters += c;
  }
  letters = normalize_text(letters);
  return !letters.empty() && unit_of_words(letters, "").has_value();
}

// A unit whose amount OCR read as letters: a word ending in a unit with no letter of the
// language before it ("Shari" for "5 hari", the 5 read as "S" and glued), or a unit after a
// token of one or two characters that no amount reads as ("Il hari", "M hari", "f han" for
// "7 hari"). The unit may be garbled as well. Wording that names a unit keeps a word of its own
// before it ("Setiap hari", "Sehari").
bool amount_read_as_letters(const std::string& lower) {
  const std::vector<std::string> words = split_words(lower);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (unit_of_words(word, "")) {
      const std::string before = i > 0 ? words[i - 1] : std::string();
      const bool word_of_its_own = before == "di" || before == "ke";
      if (!before.empty() && before.size() <= 2 && !word_of_its_own &&
          std::none_of(before.begin(), before.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        return true;
      }
      continue;
    }
    // The glued letter stands alone before the unit's name.
    if (word.size() >= 4 && std::isalpha(static_cast<unsigned char>(word[0])) &&
        unit_of_words(word.substr(1), "") && word.substr(0, 2) != "se") {
      return true;
    }
  }
  return false;
}

}  // namespace

bool names_a_unit_of_time(std::string_view word) {
  std::string letters = ascii_lower(std::string(word));
  while (!letters.empty() && std::ispunct(static_cast<unsigned char>(letters.back()))) {
    letters.pop_back();
  }
  return !letters.empty() && unit_of_words(letters, "").has_value();
}

std::optional<Duration> parse_duration(std::string_view raw) {
  // Until nothing changes, so that the text parses as itself: trimming marks can uncover more
  // ("IJaM_" ends in a rule remnant that hides the "1").
  std::string text = normalize_text(raw);
  for (int pass = 0; pass < 8; ++pass) {
    std::string cleaner = normalize_text(without_stray_marks(text));
    if (cleaner == text) break;
    text = std::move(cleaner);
  }
  if (text.empty()) return {};
  const std::string lower = ascii_lower(text);

  static const std::regex as_needed("^sesuai\\s+(kebutuhan|keperluan)\\b.*");
  static const std::regex per_contract("^sesuai\\s+(kontrak|perjanjian)\\b.*");
  static const std::regex not_applicable("^(n\\s*/\\s*a|na|-+|–|—)$");
  if (std::regex_match(lower, as_needed)) return {amountless(text, DurationUnit::as_needed)};
  if (std::regex_match(lower, per_contract)) return {amountless(text, DurationUnit::per_contract)};
  if (std::regex_match(lower, not_applicable)) {
    return {amountless(text, DurationUnit::not_applicable)};
  }

  // amount [- amount_max] [(in words)] unit [kerja], anywhere after qualifiers such as "Paling
  // lambat", "maksimal" or "±", which stay in `text`.
  static const std::regex amount_and_unit(
      "(\\d+(?:[.,]\\d+)?)(?:\\s*(?:-|–|s\\.?d\\.?|sampai)\\s*(\\d+(?:[.,]\\d+)?))?"
      "\\s*(?:\\([a-z\\s]+\\)\\s*)?([a-z]+)(?:\\s+([a-z]+))?");
  std::smatch match;
  // A unit before the first amount whose own amount was read as letters ("Shari kerja (2 jam/
  // hari)"): the amount found is another's.
  if (std::regex_search(lower, match, amount_and_unit) &&
      !amount_read_as_letters(match.prefix().str())) {
    if (auto unit = unit_of_words(match[3].str(), match[4].str())) {
      Duration duration;
      duration.text = text;
      duration.unit = *unit;
      duration.amount = parse_number(match[1].str());
      if (match[2].matched) duration.amount_max = parse_number(match[2].str());
      // No step takes a million of anything: such an amount is digits run together by OCR.
      constexpr double kMaxAmount = 1e6;
      if (*duration.amount > kMaxAmount || duration.amount_max.value_or(0) > kMaxAmount) {
        return {};
      }
      duration.iso8601 = iso8601_duration(*duration.amount, *unit);
      duration.minutes = *duration.amount * *minutes_per_unit(*unit);
      return duration;
    }
  }
  // A number without a unit cannot be read safely; wording without any number is "other".
  static const std::regex any_digit("\\d");
  if (std::regex_search(lower, any_digit)) return {};
  if (unit_alone(lower)) return {};
  if (amount_read_as_letters(lower)) return {};
  static const std::regex has_letters("[a-z]{2,}");
  if (std::regex_search(lower, has_letters)) return {amountless(text, DurationUnit::other)};
  return {};
}

}  // namespace sopocr
