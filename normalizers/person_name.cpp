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
// dot ends in one; "M.Si" and "SE" do not. A colon after it is a speck ("M.Si:").
std::string printed_degree(const std::string& word) {
  std::string core = word;
  while (!core.empty() && (core.back() == ':' || core.back() == ';')) core.pop_back();
  std::string tail;
  while (!core.empty() && (core.back() == '.' || core.back() == ',')) {
    tail.insert(tail.begin(), core.back());
    core.pop_back();
  }
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

}  // namespace

std::string normalize_person_name(const std::string& reading) {
  // "H..Ahmad" and "H.Ahmad": one dot, then a space before the next word.
  static const std::regex honorific("^(H|Hj|Dr|Drs|Dra|Ir|Prof|dr)[.,]+\\s*(?=[A-Z])");
  // A name begins with a capital: marks before it ("- H. Ahmad", "‘ ABDURRAHMAN") and a
  // lower-case letter or two standing before its first word ("i, ABDURRAHMAN") are what a
  // stamp's ring or a signature's stroke left there. "dr." is an honorific.
  static const std::regex left_before_name("^[^A-Za-z]*([a-ce-z][a-z]?[^A-Za-z]+)?(?=[A-Z])");
  std::string text = std::regex_replace(normalize_text(reading), left_before_name, "");
  text = std::regex_replace(text, honorific, "$1. ");
  std::vector<std::string> words = split_words(text);
  // Degrees are the run of degree-shaped words at the end; the name keeps at least one word.
  std::size_t first_degree = words.size();
  while (first_degree > 1 && is_degree(words[first_degree - 1])) --first_degree;
  if (first_degree == words.size()) return text;
  std::string name;
  for (std::size_t i = 0; i < first_degree; ++i) name += (name.empty() ? "" : " ") + words[i];
  while (!name.empty() && (name.back() == '.' || name.back() == ',')) name.pop_back();
  for (std::size_t i = first_degree; i < words.size(); ++i) {
    name += ", " + printed_degree(words[i]);
  }
  return name;
}

}  // namespace sopocr
