// sopocr-build-lexicon SEEDS_DIR TRUTH_DIR TERMS_FILE > normalizers/data/sop-lexicon.tsv
//
// Counts the words, and the pairs of words side by side, of the seed transcriptions (*.txt, HTML
// tags dropped) and of the text values of the fixture truth (*.json), and takes every term of
// TERMS_FILE (tools/lexicon/government-terms.txt: the first word of each line, '#' comments). The
// seeds are OCR output and hold garbles ("Undangun"), so a seed word enters the lexicon only when
// hunspell-id knows it, the truth uses it, or the seeds print it at least kMinSeedCount times
// (domain words hunspell lacks: "Renja", "reviu"). Truth words are typed by hand and always enter.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "term_repair.h"
#include "unicode_nfc.h"

namespace {

constexpr long kMinSeedCount = 10;
constexpr long kMinPairCount = 2;

using Counts = std::map<std::string, long>;

struct Corpus {
  Counts words;
  Counts pairs;
};

// Words are runs of letters; two words are a pair when only spaces part them.
void count_text(std::string_view text, Corpus& corpus) {
  const std::u32string code_points = sopocr::decode_utf8(text);
  std::string previous;
  std::u32string word;
  bool only_spaces_since_previous = false;
  auto finish_word = [&] {
    if (word.empty()) return;
    const std::string utf8 = sopocr::encode_utf8(word);
    ++corpus.words[utf8];
    if (!previous.empty() && only_spaces_since_previous) ++corpus.pairs[previous + " " + utf8];
    previous = utf8;
    word.clear();
    only_spaces_since_previous = true;
  };
  for (char32_t c : code_points) {
    if (sopocr::is_word_letter(c)) {
      word += sopocr::word_lower(c);
      continue;
    }
    finish_word();
    if (c != U' ') only_spaces_since_previous = false;
  }
  finish_word();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text values of a truth record, not its keys, file names or hashes.
void collect_strings(const nlohmann::json& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) collect_strings(item, out);
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key == "source" || key == "review" || key == "symbol" || key == "unit" ||
          key == "iso8601" || key == "schema_version") {
        continue;
      }
      collect_strings(item, out);
    }
  }
}

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                            const std::string& extension) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The first word of each line that is not a '#' comment, lower-case.
std::vector<std::string> listed_terms(const std::filesystem::path& file) {
  std::vector<std::string> terms;
  std::istringstream lines(read_file(file));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string term;
    if (!(words >> term) || term.front() == '#') continue;
    Corpus corpus;
    count_text(term, corpus);
    for (const auto& [word, count] : corpus.words) terms.push_back(word);
  }
  return terms;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: sopocr-build-lexicon SEEDS_DIR TRUTH_DIR TERMS_FILE > sop-lexicon.tsv\n";
    return 2;
  }
  try {
    Corpus seeds;
    static const std::regex tag("<[^>]*>");
    for (const auto& file : files_in(argv[1], ".txt")) {
      count_text(std::regex_replace(read_file(file), tag, " "), seeds);
    }
    Corpus truth;
    for (const auto& file : files_in(argv[2], ".json")) {
      const nlohmann::json document = nlohmann::json::parse(read_file(file));
      std::vector<std::string> texts;
      collect_strings(document, texts);
      for (const std::string& text : texts) count_text(text, truth);
    }
    const sopocr::Lexicon hunspell("", std::filesystem::path("/usr/share/hunspell/id_ID"));
    std::set<std::string> accepted;
    for (const auto& [word, count] : truth.words) accepted.insert(word);
    for (const std::string& term : listed_terms(argv[3])) {
      accepted.insert(term);
      ++truth.words[term];
    }
    for (const auto& [word, count] : seeds.words) {
      if (count >= kMinSeedCount || hunspell.knows(word)) accepted.insert(word);
    }
    std::cout << "# SOP domain lexicon: word or word pair, TAB, count. Built by\n"
                 "# tools/lexicon (sopocr-build-lexicon ../shared/seeds fixtures/truth\n"
                 "# tools/lexicon/government-terms.txt).\n";
    for (const std::string& word : accepted) {
      const long count = seeds.words[word] + truth.words[word];
      std::cout << word << '\t' << count << '\n';
    }
    Counts pairs = seeds.pairs;
    for (const auto& [pair, count] : truth.pairs) pairs[pair] += count;
    for (const auto& [pair, count] : pairs) {
      const std::size_t space = pair.find(' ');
      if (count < kMinPairCount || !accepted.count(pair.substr(0, space)) ||
          !accepted.count(pair.substr(space + 1))) {
        continue;
      }
      std::cout << pair << '\t' << count << '\n';
    }
  } catch (const std::exception& error) {
    std::cerr << "sopocr-build-lexicon: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
