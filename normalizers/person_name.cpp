#include "person_name.h"

#include <regex>
#include <vector>

#include "text.h"

namespace sopocr {
namespace {

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// A degree as printed after a name: dotted parts ("S.T.", "S.Sos.", "M.Si", "M.Kes") or a
// known undotted one ("SE", "MM"; an unknown run of capitals may be a name, "SRI"), with the
// separator after it. OCR reads a dot as a comma or a colon and back, so all count inside a
// degree, and a part's capital S as a 5 ("S:H", "S.5os").
bool is_degree(const std::string& word) {
  static const std::regex dotted("[A-Z5][a-z]{0,3}([.,:;][A-Z5][A-Za-z]{0,3})+[.,:;]*");
  static const std::regex undotted(
      "(SE|SH|ST|SP|SIP|SKM|SKom|SPd|SSos|MM|MH|MT|MAP|MPA|MBA|MSi|MKes|MPd|MSc|PhD|Ak)[.,:;]*");
  return std::regex_match(word, dotted) || std::regex_match(word, undotted);
}

// The degree with its inner separators as dots and the trailing dot it is printed with: a
// dotted degree whose last part is one capital ("S.T.", "M.T.") or that was read with a
// dot ends in one; "M.Si" and "SE" do not. A colon after it is a speck ("M.Si:"). A degree
// whose second part has small letters is printed dotted ("M.Si", "S.Sos", "M.Kes", never
// "MSi"): read without its dot, the dot went unseen.
std::string printed_degree(const std::string& word) {
  std::string core = word;
  while (!core.empty() && (core.back() == ':' || core.back() == ';')) core.pop_back();
  std::string tail;
  while (!core.empty() && (core.back() == '.' || core.back() == ',')) {
    tail.insert(tail.begin(), core.back());
    core.pop_back();
  }
  static const std::regex dot_unseen("([A-Z])([A-Z][a-z]+)");
  if (std::regex_match(core, dot_unseen)) core = std::regex_replace(core, dot_unseen, "$1.$2");
  bool dotted = false;
  for (std::size_t i = 0; i < core.size(); ++i) {
    char& c = core[i];
    if (c == ',' || c == ':' || c == ';') c = '.';
    if (c == '5' && (i == 0 || core[i - 1] == '.')) c = 'S';
    dotted = dotted || c == '.';
  }
  if (!dotted) return core;
  const std::size_t last_dot = core.rfind('.');
  const bool single_letter_end = core.size() - last_dot == 2;
  const bool read_with_dot = tail.find('.') != std::string::npos;
  return (single_letter_end || read_with_dot) ? core + "." : core;
}

// Two degrees read as one word where OCR took the comma and space between them for a dot, or a
// speck joined them ("SE.M.Si", "SE,-M.Si"): the degrees apart, each with the mark after it.
// Degrees printed with a comma and no space ("S.H.,M.H") stay as printed, and so does a
// reading of them with two dots ("S.H..M.H": the comma read as a dot, no space lost) or more
// ("S.T...M.L.", specks).
std::vector<std::string> glued_degrees_apart(const std::string& word) {
  if (is_degree(word)) return {word};
  for (std::size_t at = 1; at + 1 < word.size(); ++at) {
    const std::size_t after = word.find_first_not_of(".,-", at);
    if (after == std::string::npos || after == at) continue;
    const std::string separator = word.substr(at, after - at);
    const bool lost_comma = separator == ".";
    const bool speck = separator == "-" || separator == ".-" || separator == ",-";
    const std::string left = word.substr(0, at) + (lost_comma ? separator : std::string());
    const std::string right = word.substr(after);
    if ((lost_comma || speck) && is_degree(left) && is_degree(right)) return {left, right};
    at = after - 1;
  }
  return {word};
}

// "AhmadAznem": a small letter then a capital inside a word of a name is where OCR lost the
// space between two of its words.
std::string with_lost_spaces(const std::string& word) {
  static const std::regex joined("([A-Za-z]*[a-z])([A-Z][a-z]+[.,]*)");
  std::smatch parts;
  if (!std::regex_match(word, parts, joined) || parts[1].length() < 2) return word;
  return parts[1].str() + " " + parts[2].str();
}

// The reading's words, the honorific's dot put back and glued degrees apart, and where the run
// of degrees at its end begins (`words.size()` where there is none).
struct NameWords {
  std::string text;
  std::vector<std::string> words;
  std::size_t first_degree = 0;
};

NameWords name_words(const std::string& reading) {
  // "H..Ahmad", "H.Ahmad" and "H Ahmad": one dot, then a space before the next word.
  static const std::regex honorific("^(H|Hj|Dr|Drs|Dra|Ir|Prof|dr)([.,]+\\s*|\\s+)(?=[A-Z])");
  // A name begins with a capital: marks before it ("- H. Ahmad", "‘ ABDURRAHMAN") and a
  // lower-case letter or two standing before its first word ("i, ABDURRAHMAN") are what a
  // stamp's ring or a signature's stroke left there. "dr." is an honorific.
  static const std::regex left_before_name("^[^A-Za-z]*([a-ce-z][a-z]?[^A-Za-z]+)?(?=[A-Z])");
  NameWords name;
  name.text = std::regex_replace(normalize_text(reading), left_before_name, "");
  name.text = std::regex_replace(name.text, honorific, "$1. ");
  std::vector<std::string>& words = name.words;
  for (const std::string& word : split_words(name.text)) {
    for (std::string& part : glued_degrees_apart(word)) words.push_back(std::move(part));
  }
  // Degrees are the run of degree-shaped words at the end; the name keeps at least one word.
  // A degree's dot can go unseen with its first capital standing apart ("M Si").
  std::size_t first_degree = words.size();
  while (first_degree > 1) {
    const std::string& last = words[first_degree - 1];
    const std::string& before = words[first_degree - 2];
    if (is_degree(last)) {
      --first_degree;
    } else if (first_degree > 2 && before.size() == 1 && is_degree(before + "." + last)) {
      words[first_degree - 2] = before + "." + last;
      words.erase(words.begin() + static_cast<std::ptrdiff_t>(first_degree - 1));
      --first_degree;
    } else {
      break;
    }
  }
  name.first_degree = first_degree;
  return name;
}

}  // namespace

std::string normalize_person_name(const std::string& reading) {
  const NameWords read = name_words(reading);
  if (read.first_degree == read.words.size()) return read.text;
  std::string name;
  for (std::size_t i = 0; i < read.first_degree; ++i) {
    name += (name.empty() ? "" : " ") + with_lost_spaces(read.words[i]);
  }
  while (!name.empty() && (name.back() == '.' || name.back() == ',')) name.pop_back();
  for (std::size_t i = read.first_degree; i < read.words.size(); ++i) {
    name += ", " + printed_degree(read.words[i]);
  }
  return name;
}

bool reads_as_name_with_degrees(const std::string& reading) {
  const NameWords read = name_words(reading);
  return read.first_degree < read.words.size();
}

}  // namespace sopocr
