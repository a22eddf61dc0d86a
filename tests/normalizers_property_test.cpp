// Properties of the normalisers over every text the fixture truth holds (typed by hand from real
// SOPs) and over readings made from it with OCR-like damage: a correct value passes unchanged,
// and normalising twice changes nothing more than normalising once.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>

#include "field_text.h"
#include "term_repair.h"

namespace sopocr {
namespace {

const Lexicon& lexicon() {
  static const std::unique_ptr<Lexicon> loaded = load_default_lexicon();
  return *loaded;
}

struct TruthTexts {
  std::vector<std::string> prose;  // activities, notes, titles
  std::vector<std::string> items;  // list items of every list
};

TruthTexts truth_texts() {
  TruthTexts texts;
  const std::filesystem::path dir = std::filesystem::path(SOPOCR_FIXTURES_DIR) / "truth";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const nlohmann::json record = nlohmann::json::parse(in);
    if (record["header"]["title"].is_string()) texts.prose.push_back(record["header"]["title"]);
    for (const char* list : {"legal_basis", "qualifications", "related_sops", "equipment",
                             "warnings", "recording"}) {
      for (const auto& item : record[list]) texts.items.push_back(item);
    }
    for (const auto& step : record["steps"]) {
      if (step["activity"].is_string()) texts.prose.push_back(step["activity"]);
      if (step["notes"].is_string()) texts.prose.push_back(step["notes"]);
      for (const char* list : {"requirements", "outputs"}) {
        for (const auto& item : step[list]) texts.items.push_back(item);
      }
    }
  }
  return texts;
}

// What a degraded scan does to text: specks read as marks beside words, a space lost or
// added, a letter read as its look-alike, a quote glued on.
std::string damaged(const std::string& text, std::mt19937& random) {
  static const std::vector<std::pair<std::string, std::string>> look_alikes{
      {"m", "rn"}, {"h", "li"}, {"d", "cl"}, {"a", "u"}, {"e", "c"}, {"l", "1"}, {"o", "0"}};
  std::string out;
  std::uniform_int_distribution<int> die(0, 99);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const int roll = die(random);
    if (c == ' ' && roll < 4) {
      out += ". ";
    } else if (c == ' ' && roll < 7) {
      out += ": ";
    } else if (c == ' ' && roll < 9) {
      out += ' ';
      out += "\xE2\x80\x98";  // ‘
    } else if (c == ' ' && roll < 11) {
      out += '.';
    } else if (roll < 3) {
      bool replaced = false;
      for (const auto& [from, to] : look_alikes) {
        if (from[0] == c) {
          out += to;
          replaced = true;
          break;
        }
      }
      if (!replaced) out += c;
    } else {
      out += c;
    }
  }
  return out;
}

TEST(NormaliserProperties, EveryTruthTextPassesUnchanged) {
  const TruthTexts texts = truth_texts();
  ASSERT_GT(texts.prose.size(), 150u);
  ASSERT_GT(texts.items.size(), 300u);
  for (const std::string& text : texts.prose) {
    EXPECT_EQ(normalize_prose(text, &lexicon()).text, text);
  }
  for (const std::string& item : texts.items) {
    EXPECT_EQ(normalize_list_item(item, &lexicon()).text, item);
  }
}

TEST(NormaliserProperties, NormalisingTwiceChangesNothingMore) {
  const TruthTexts texts = truth_texts();
  std::mt19937 random(20261201);
  for (int round = 0; round < 3; ++round) {
    for (const std::string& text : texts.prose) {
      const std::string reading = damaged(text, random);
      const std::string once = normalize_prose(reading, &lexicon()).text;
      EXPECT_EQ(normalize_prose(once, &lexicon()).text, once) << reading;
    }
    for (const std::string& item : texts.items) {
      const std::string reading = damaged(item, random);
      const std::string once = normalize_list_item(reading, &lexicon()).text;
      EXPECT_EQ(normalize_list_item(once, &lexicon()).text, once) << reading;
    }
  }
}

TEST(NormaliserProperties, DamageIsMostlyUndone) {
  // Not a property but a floor: most damaged truth texts come back exactly.
  const TruthTexts texts = truth_texts();
  std::mt19937 random(7);
  int restored = 0;
  for (const std::string& text : texts.prose) {
    if (normalize_prose(damaged(text, random), &lexicon()).text == text) ++restored;
  }
  const int damaged_total = static_cast<int>(texts.prose.size());
  std::cout << "restored " << restored << " of " << damaged_total << " damaged prose texts\n";
  EXPECT_GT(restored * 2, damaged_total);
}

}  // namespace
}  // namespace sopocr
