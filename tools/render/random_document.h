// The randomised fixture set: from a seed, one SOP document whose content, look and scan are all
// drawn at random, with ranges wider than real archives, so that the pipeline is measured on
// properties no curated fixture has. Returns the truth record and the docs.json entry.
#pragma once

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "fixture_manifest.h"
#include "sop_record.h"

namespace sopocr::fixtures {

// What the generator draws text from: the curated truth's titles, actors, activities, lists and
// durations, recombined. Real ground truth is never used, so it stays held out.
struct ContentPool {
  std::vector<std::string> institutions;
  std::vector<std::string> sop_numbers;
  std::vector<std::string> titles;
  std::vector<std::string> dates;
  std::vector<Approver> approvers;
  std::vector<std::string> actors;
  std::vector<Step> process_steps;   // the text of steps drawn as processes and terminators
  std::vector<Step> decision_steps;  // of decisions: "… Jika …, …; jika tidak, …"
  std::vector<std::vector<std::string>> lists[6];  // legal_basis … recording, whole lists
};

ContentPool content_pool(const std::vector<SopRecord>& records);

// One generated document: the truth record (its source.pages still to be fitted to the layout)
// and its docs.json entry with "style", "scan" (with "degradation") and "factors": the drawn
// properties in the bands the evaluation breaks its metrics down by.
struct RandomDocument {
  SopRecord truth;
  nlohmann::json docs_entry;
};

// `redraw` > 0 draws the seed's document again, differently: for a draw whose table fits no
// page (nine lanes of large text on narrow paper).
RandomDocument random_document(unsigned seed, const ContentPool& pool, unsigned redraw = 0);

// The "font_pt" factor's band of a step-table text size.
std::string font_pt_factor(double font_pt);

}  // namespace sopocr::fixtures
