#include "evaluation.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <limits>
#include <set>
#include <tuple>
#include <utility>

#include "text_compare.h"

namespace sopocr::evaluation {
namespace {

using nlohmann::json;

constexpr double kAmountTolerance = 1e-9;

Ratio one_if(bool correct) { return Ratio{correct ? 1 : 0, 1}; }

long long count_of(std::size_t size) { return static_cast<long long>(size); }

std::optional<std::u32string> normalized(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return normalize_text(*text);
}

// ---------------------------------------------------------------------------------------------
// Multiset comparison

// Compares two sorted multisets: an item shared k times on both sides is k true positives.
template <typename Item>
ItemCounts compare_sorted(const std::vector<Item>& truth, const std::vector<Item>& predicted) {
  std::vector<Item> shared;
  std::set_intersection(truth.begin(), truth.end(), predicted.begin(), predicted.end(),
                        std::back_inserter(shared));
  const long long true_positives = count_of(shared.size());
  return ItemCounts{true_positives, count_of(predicted.size()) - true_positives,
                    count_of(truth.size()) - true_positives};
}

std::vector<std::u32string> sorted_normalized_items(const std::vector<std::string>& items) {
  std::vector<std::u32string> out;
  out.reserve(items.size());
  for (const std::string& item : items) out.push_back(normalize_text(item));
  std::sort(out.begin(), out.end());
  return out;
}

ItemCounts compare_items(const std::vector<std::string>& truth,
                         const std::vector<std::string>& predicted) {
  return compare_sorted(sorted_normalized_items(truth), sorted_normalized_items(predicted));
}

bool all_items_right(const ItemCounts& counts) {
  return counts.false_positives == 0 && counts.false_negatives == 0;
}

// ---------------------------------------------------------------------------------------------
// Field rules

struct HeaderFieldRule {
  std::string_view name;
  bool tolerates_ocr_noise;  // right when CER ≤ kMaxHeaderTextCer; otherwise exact
  std::optional<std::string> (*read)(const Header&);
};

constexpr std::array<HeaderFieldRule, kHeaderFields.size()> kHeaderFieldRules = {{
    {"institution", true, [](const Header& h) { return h.institution; }},
    {"sop_number", true, [](const Header& h) { return h.sop_number; }},
    {"title", true, [](const Header& h) { return h.title; }},
    {"created", false, [](const Header& h) { return h.created; }},
    {"revised", false, [](const Header& h) { return h.revised; }},
    {"effective", false, [](const Header& h) { return h.effective; }},
    {"approver/name", true,
     [](const Header& h) { return h.approver ? h.approver->name : std::nullopt; }},
    {"approver/nip", false,
     [](const Header& h) { return h.approver ? h.approver->nip : std::nullopt; }},
}};

struct ListFieldRule {
  std::string_view name;
  std::vector<std::string> SopRecord::*items;
};

constexpr std::array<ListFieldRule, kListFields.size()> kListFieldRules = {{
    {"legal_basis", &SopRecord::legal_basis},
    {"qualifications", &SopRecord::qualifications},
    {"related_sops", &SopRecord::related_sops},
    {"equipment", &SopRecord::equipment},
    {"warnings", &SopRecord::warnings},
    {"recording", &SopRecord::recording},
}};

template <typename Rules, typename Names>
constexpr bool rules_follow_names(const Rules& rules, const Names& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (rules[i].name != names[i]) return false;
  }
  return true;
}
static_assert(rules_follow_names(kHeaderFieldRules, kHeaderFields));
static_assert(rules_follow_names(kListFieldRules, kListFields));

bool header_field_right(const HeaderFieldRule& rule, const std::optional<std::string>& truth,
                        const std::optional<std::string>& predicted) {
  if (!truth || !predicted) return !truth && !predicted;
  if (rule.tolerates_ocr_noise) {
    return character_error_rate(*truth, *predicted) <= kMaxHeaderTextCer;
  }
  return normalize_text(*truth) == normalize_text(*predicted);
}

bool amounts_equal(const std::optional<double>& truth, const std::optional<double>& predicted) {
  if (!truth || !predicted) return !truth && !predicted;
  return std::fabs(*truth - *predicted) <= kAmountTolerance;
}

// Unit, amount and amount_max; the text, ISO form and minutes follow from them or are free.
bool durations_equal(const std::optional<Duration>& truth,
                     const std::optional<Duration>& predicted) {
  if (!truth || !predicted) return !truth && !predicted;
  return truth->unit == predicted->unit && amounts_equal(truth->amount, predicted->amount) &&
         amounts_equal(truth->amount_max, predicted->amount_max);
}

std::string step_pointer(std::size_t step_index, std::string_view field) {
  return "/steps/" + std::to_string(step_index) + "/" + std::string(field);
}

// ---------------------------------------------------------------------------------------------
// Step matching and edges

struct StepMatching {
  std::vector<std::optional<std::size_t>> predicted_of_truth;
  std::vector<std::optional<std::size_t>> truth_of_predicted;
};

// Step index by printed number, for numbers printed on exactly one step.
std::map<int, std::size_t> steps_by_unique_number(const std::vector<Step>& steps) {
  std::map<int, std::size_t> index_of_number;
  std::set<int> repeated;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].no && !index_of_number.emplace(*steps[i].no, i).second) {
      repeated.insert(*steps[i].no);
    }
  }
  for (int number : repeated) index_of_number.erase(number);
  return index_of_number;
}

StepMatching match_steps(const SopRecord& truth, const SopRecord& predicted) {
  StepMatching matching{std::vector<std::optional<std::size_t>>(truth.steps.size()),
                        std::vector<std::optional<std::size_t>>(predicted.steps.size())};
  const std::map<int, std::size_t> predicted_by_number = steps_by_unique_number(predicted.steps);
  for (const auto& [number, truth_index] : steps_by_unique_number(truth.steps)) {
    auto found = predicted_by_number.find(number);
    if (found == predicted_by_number.end()) continue;
    matching.predicted_of_truth[truth_index] = found->second;
    matching.truth_of_predicted[found->second] = truth_index;
  }
  // Steps without a usable number (none printed, misread, repeated) pair up in order among the
  // steps still unmatched on each side.
  std::size_t next_predicted = 0;
  for (std::size_t truth_index = 0; truth_index < truth.steps.size(); ++truth_index) {
    if (matching.predicted_of_truth[truth_index]) continue;
    while (next_predicted < predicted.steps.size() && matching.truth_of_predicted[next_predicted]) {
      ++next_predicted;
    }
    if (next_predicted == predicted.steps.size()) break;
    matching.predicted_of_truth[truth_index] = next_predicted;
    matching.truth_of_predicted[next_predicted] = truth_index;
  }
  return matching;
}

// Target (a truth step index) and label of an arrow leaving one step. Comparing these per
// matched step is comparing (from, to, label) triples over the whole SOP.
using EdgeEnd = std::pair<std::size_t, std::optional<std::u32string>>;
constexpr std::size_t kUnresolvedTarget = std::numeric_limits<std::size_t>::max();

ItemCounts compare_edges(const SopRecord& truth, const SopRecord& predicted,
                         const StepMatching& matching, std::size_t truth_index,
                         std::size_t predicted_index) {
  std::vector<EdgeEnd> truth_ends;
  for (const Edge& edge : truth.steps[truth_index].next) {
    // An unresolvable truth edge can never match; evaluate() lists it as a truth problem.
    truth_ends.emplace_back(edge_target(truth, edge).value_or(kUnresolvedTarget),
                            normalized(edge.label));
  }
  std::vector<EdgeEnd> predicted_ends;
  long long unmatchable = 0;  // arrows to no step, or to a step that matched no truth step
  for (const Edge& edge : predicted.steps[predicted_index].next) {
    const std::optional<std::size_t> target = edge_target(predicted, edge);
    const std::optional<std::size_t> truth_target =
        target ? matching.truth_of_predicted[*target] : std::nullopt;
    if (!truth_target) {
      ++unmatchable;
      continue;
    }
    predicted_ends.emplace_back(*truth_target, normalized(edge.label));
  }
  std::sort(truth_ends.begin(), truth_ends.end());
  std::sort(predicted_ends.begin(), predicted_ends.end());
  ItemCounts counts = compare_sorted(truth_ends, predicted_ends);
  counts.false_positives += unmatchable;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Scoring one SOP

// A truth SOP and the prediction matched to it, with their JSON for the wrong-field values.
struct MatchedSop {
  const SopRecord& truth;
  const SopRecord& predicted;
  json truth_json;
  json predicted_json;
};

bool is_parent_pointer(std::string_view parent, std::string_view child) {
  return child.size() > parent.size() && child.starts_with(parent) && child[parent.size()] == '/';
}

// A review entry catches a wrong field when it names the field, a parent (the whole step, the
// whole approver) or a child (one item of a list, the amount of a duration).
bool on_review_list(std::string_view pointer, const std::vector<ReviewEntry>& review) {
  return std::any_of(review.begin(), review.end(), [&](const ReviewEntry& entry) {
    return entry.path == pointer || is_parent_pointer(entry.path, pointer) ||
           is_parent_pointer(pointer, entry.path);
  });
}

json value_at(const json& document, const std::string& pointer) {
  const json::json_pointer location(pointer);
  return document.contains(location) ? document.at(location) : json(nullptr);
}

void score_field(const MatchedSop& sop, bool correct, const std::string& truth_pointer,
                 const std::string& predicted_pointer, SopReport& report) {
  FieldMetrics& metrics = report.metrics;
  ++metrics.scored_fields;
  if (correct) return;
  ++metrics.review_error_recall.denominator;
  const bool caught = on_review_list(predicted_pointer, sop.predicted.review);
  if (caught) ++metrics.review_error_recall.numerator;
  report.wrong_fields.push_back(WrongField{truth_pointer, predicted_pointer, caught,
                                           value_at(sop.truth_json, truth_pointer),
                                           value_at(sop.predicted_json, predicted_pointer)});
}

// Wrong fields with no predicted field to put a review entry on.
void count_uncatchable_fields(long long fields, FieldMetrics& metrics) {
  metrics.scored_fields += fields;
  metrics.review_error_recall.denominator += fields;
  metrics.uncatchable_errors += fields;
}

void score_step(const MatchedSop& sop, const StepMatching& matching, std::size_t truth_index,
                std::size_t predicted_index, SopReport& report) {
  const Step& truth_step = sop.truth.steps[truth_index];
  const Step& predicted_step = sop.predicted.steps[predicted_index];
  FieldMetrics& metrics = report.metrics;
  auto score = [&](std::string_view field, bool correct) {
    score_field(sop, correct, step_pointer(truth_index, field),
                step_pointer(predicted_index, field), report);
  };

  const bool number_right = truth_step.no == predicted_step.no;
  metrics.step_number_accuracy += one_if(number_right);
  score("no", number_right);

  const bool actor_right = normalized(truth_step.actor) == normalized(predicted_step.actor);
  metrics.actor_accuracy += one_if(actor_right);
  score("actor", actor_right);

  const bool symbol_right = truth_step.symbol == predicted_step.symbol;
  metrics.symbol_accuracy += one_if(symbol_right);
  score("symbol", symbol_right);

  const std::optional<std::u32string> truth_activity = normalized(truth_step.activity);
  const std::optional<std::u32string> predicted_activity = normalized(predicted_step.activity);
  const bool activity_right = truth_activity == predicted_activity;
  metrics.activity_exact += one_if(activity_right);
  // CER reads a null activity as empty text.
  const std::u32string truth_text = truth_activity.value_or(U"");
  metrics.activity_cer +=
      Ratio{count_of(edit_distance(truth_text, predicted_activity.value_or(U""))),
            count_of(truth_text.size())};
  score("activity", activity_right);

  const ItemCounts requirements =
      compare_items(truth_step.requirements, predicted_step.requirements);
  metrics.requirements += requirements;
  score("requirements", all_items_right(requirements));

  const ItemCounts outputs = compare_items(truth_step.outputs, predicted_step.outputs);
  metrics.outputs += outputs;
  score("outputs", all_items_right(outputs));

  const bool duration_right = durations_equal(truth_step.duration, predicted_step.duration);
  metrics.duration_accuracy += one_if(duration_right);
  score("duration", duration_right);

  const bool notes_right = normalized(truth_step.notes) == normalized(predicted_step.notes);
  metrics.notes_accuracy += one_if(notes_right);
  score("notes", notes_right);

  const ItemCounts edges =
      compare_edges(sop.truth, sop.predicted, matching, truth_index, predicted_index);
  metrics.edges += edges;
  score("next", all_items_right(edges));
}

// A truth step without a predicted step: every per-step metric counts it as wrong.
void score_missing_step(const Step& truth_step, FieldMetrics& metrics) {
  metrics.actor_accuracy += Ratio{0, 1};
  metrics.symbol_accuracy += Ratio{0, 1};
  metrics.activity_exact += Ratio{0, 1};
  const long long truth_characters =
      count_of(truth_step.activity ? normalize_text(*truth_step.activity).size() : 0);
  metrics.activity_cer += Ratio{truth_characters, truth_characters};
  metrics.requirements.false_negatives += count_of(truth_step.requirements.size());
  metrics.outputs.false_negatives += count_of(truth_step.outputs.size());
  metrics.duration_accuracy += Ratio{0, 1};
  metrics.step_number_accuracy += Ratio{0, 1};
  metrics.notes_accuracy += Ratio{0, 1};
  metrics.edges.false_negatives += count_of(truth_step.next.size());
  count_uncatchable_fields(count_of(kStepFields.size()), metrics);
}

SopReport start_sop_report(const TruthSop& truth_sop) {
  SopReport report;
  report.truth_id = truth_sop.truth_id;
  report.truth_title = truth_sop.record.header.title;
  report.truth_steps = truth_sop.record.steps.size();
  return report;
}

struct SopMatch {
  std::size_t predicted_index = 0;
  MatchMethod method = MatchMethod::title;
  std::optional<double> title_similarity;
};

SopReport score_matched_sop(const TruthSop& truth_sop, const PredictedRecord& prediction,
                            const SopMatch& match) {
  const SopRecord& truth = truth_sop.record;
  const SopRecord& predicted = prediction.record;
  SopReport report = start_sop_report(truth_sop);
  report.predicted_line = prediction.line_number;
  report.matched_by = match.method;
  report.title_similarity = match.title_similarity;
  report.predicted_steps = predicted.steps.size();
  const MatchedSop sop{truth, predicted, to_json(truth), to_json(predicted)};
  FieldMetrics& metrics = report.metrics;

  metrics.step_count_exact += one_if(truth.steps.size() == predicted.steps.size());

  for (std::size_t i = 0; i < kHeaderFieldRules.size(); ++i) {
    const HeaderFieldRule& rule = kHeaderFieldRules[i];
    const bool right =
        header_field_right(rule, rule.read(truth.header), rule.read(predicted.header));
    metrics.header_fields[i] += one_if(right);
    const std::string pointer = "/header/" + std::string(rule.name);
    score_field(sop, right, pointer, pointer, report);
  }

  for (std::size_t i = 0; i < kListFieldRules.size(); ++i) {
    const ListFieldRule& rule = kListFieldRules[i];
    const ItemCounts counts = compare_items(truth.*rule.items, predicted.*rule.items);
    metrics.lists[i] += counts;
    const std::string pointer = "/" + std::string(rule.name);
    score_field(sop, all_items_right(counts), pointer, pointer, report);
  }

  const ItemCounts actors = compare_items(truth.actors, predicted.actors);
  metrics.actors += actors;
  const std::string actors_pointer = "/" + std::string(kActorsField);
  score_field(sop, all_items_right(actors), actors_pointer, actors_pointer, report);

  const StepMatching matching = match_steps(truth, predicted);
  for (std::size_t t = 0; t < truth.steps.size(); ++t) {
    if (const std::optional<std::size_t> p = matching.predicted_of_truth[t]) {
      score_step(sop, matching, t, *p, report);
    } else {
      report.missing_steps.push_back(t);
      score_missing_step(truth.steps[t], metrics);
    }
  }
  // Extra predicted steps are not scored fields, but their items and arrows are false positives.
  for (std::size_t p = 0; p < predicted.steps.size(); ++p) {
    if (matching.truth_of_predicted[p]) continue;
    report.extra_steps.push_back(p);
    metrics.requirements.false_positives += count_of(predicted.steps[p].requirements.size());
    metrics.outputs.false_positives += count_of(predicted.steps[p].outputs.size());
    metrics.edges.false_positives += count_of(predicted.steps[p].next.size());
  }

  metrics.review_rate += Ratio{count_of(predicted.review.size()), metrics.scored_fields};
  return report;
}

// A truth SOP no prediction matched: every scored field is wrong and cannot be caught.
SopReport score_missed_sop(const TruthSop& truth_sop) {
  const SopRecord& truth = truth_sop.record;
  SopReport report = start_sop_report(truth_sop);
  FieldMetrics& metrics = report.metrics;
  for (Ratio& field : metrics.header_fields) field += Ratio{0, 1};
  for (std::size_t i = 0; i < kListFieldRules.size(); ++i) {
    metrics.lists[i].false_negatives += count_of((truth.*kListFieldRules[i].items).size());
  }
  metrics.actors.false_negatives += count_of(truth.actors.size());
  count_uncatchable_fields(count_of(kHeaderFields.size() + kListFields.size() + 1), metrics);
  for (const Step& step : truth.steps) score_missing_step(step, metrics);
  return report;
}

// ---------------------------------------------------------------------------------------------
// Matching SOPs within a document

bool pages_overlap(const std::vector<int>& a, const std::vector<int>& b) {
  return std::any_of(a.begin(), a.end(),
                     [&](int page) { return std::find(b.begin(), b.end(), page) != b.end(); });
}

long long first_page_distance(const std::vector<int>& a, const std::vector<int>& b) {
  if (a.empty() || b.empty()) return std::numeric_limits<long long>::max();
  return std::llabs(static_cast<long long>(a.front()) - b.front());
}

// For each truth SOP, the prediction matched to it, if any (see evaluate() in the header).
std::vector<std::optional<SopMatch>> match_sops(
    const std::vector<TruthSop>& truth, const std::vector<const PredictedRecord*>& predicted) {
  struct Candidate {
    double rank_similarity;  // title similarity; 0 for page-overlap candidates
    long long page_distance;
    std::size_t truth_index;
    SopMatch match;
  };
  std::vector<Candidate> candidates;
  for (std::size_t t = 0; t < truth.size(); ++t) {
    const SopRecord& truth_record = truth[t].record;
    for (std::size_t p = 0; p < predicted.size(); ++p) {
      const SopRecord& predicted_record = predicted[p]->record;
      const long long distance =
          first_page_distance(truth_record.source.pages, predicted_record.source.pages);
      const std::optional<std::string>& truth_title = truth_record.header.title;
      const std::optional<std::string>& predicted_title = predicted_record.header.title;
      if (truth_title && predicted_title) {
        const double similarity = title_similarity(*truth_title, *predicted_title);
        if (similarity >= kMinTitleSimilarity) {
          candidates.push_back({similarity, distance, t, {p, MatchMethod::title, similarity}});
        }
      } else if (pages_overlap(truth_record.source.pages, predicted_record.source.pages)) {
        candidates.push_back({0.0, distance, t, {p, MatchMethod::pages, std::nullopt}});
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(b.rank_similarity, a.page_distance, a.truth_index, a.match.predicted_index) <
           std::tie(a.rank_similarity, b.page_distance, b.truth_index, b.match.predicted_index);
  });
  std::vector<std::optional<SopMatch>> match_of_truth(truth.size());
  std::vector<bool> predicted_taken(predicted.size(), false);
  for (const Candidate& candidate : candidates) {
    if (match_of_truth[candidate.truth_index] || predicted_taken[candidate.match.predicted_index]) {
      continue;
    }
    match_of_truth[candidate.truth_index] = candidate.match;
    predicted_taken[candidate.match.predicted_index] = true;
  }
  return match_of_truth;
}

DocumentReport evaluate_document(const TruthDocument& document,
                                 const std::vector<const PredictedRecord*>& predicted) {
  DocumentReport report;
  report.id = document.id;
  report.file = document.file;
  report.kind = document.kind;
  report.factors = document.factors;
  const std::vector<std::optional<SopMatch>> matches = match_sops(document.sops, predicted);
  std::vector<bool> prediction_matched(predicted.size(), false);
  long long matched = 0;
  for (std::size_t t = 0; t < document.sops.size(); ++t) {
    SopReport sop = matches[t]
                        ? score_matched_sop(document.sops[t],
                                            *predicted[matches[t]->predicted_index], *matches[t])
                        : score_missed_sop(document.sops[t]);
    if (matches[t]) {
      prediction_matched[matches[t]->predicted_index] = true;
      ++matched;
    }
    report.metrics += sop.metrics;
    report.sops.push_back(std::move(sop));
  }
  report.split_recall = Ratio{matched, count_of(document.sops.size())};
  report.split_precision = Ratio{matched, count_of(predicted.size())};
  for (std::size_t p = 0; p < predicted.size(); ++p) {
    if (prediction_matched[p]) continue;
    const SopRecord& record = predicted[p]->record;
    report.unmatched_predictions.push_back(
        UnmatchedPrediction{predicted[p]->line_number, record.header.title, record.source.pages});
  }
  return report;
}

// Truth that parses but cannot be scored as meant; the evaluation runs on and lists it.
void check_truth_sop(const TruthSop& sop, std::vector<std::string>& problems) {
  const std::vector<Step>& steps = sop.record.steps;
  const std::string where = "truth " + sop.truth_id + ": /steps/";
  std::set<int> numbers;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].no && !numbers.insert(*steps[i].no).second) {
      problems.push_back(where + std::to_string(i) + "/no: number " + std::to_string(*steps[i].no) +
                         " is printed on another step too; these steps are matched by order");
    }
    for (std::size_t e = 0; e < steps[i].next.size(); ++e) {
      if (!edge_target(sop.record, steps[i].next[e])) {
        problems.push_back(where + std::to_string(i) + "/next/" + std::to_string(e) +
                           ": no step is its target; this edge can never be matched");
      }
    }
  }
}

}  // namespace

std::optional<double> Ratio::value() const {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

Ratio& Ratio::operator+=(const Ratio& other) {
  numerator += other.numerator;
  denominator += other.denominator;
  return *this;
}

Ratio ItemCounts::f1() const {
  return Ratio{2 * true_positives, 2 * true_positives + false_positives + false_negatives};
}

ItemCounts& ItemCounts::operator+=(const ItemCounts& other) {
  true_positives += other.true_positives;
  false_positives += other.false_positives;
  false_negatives += other.false_negatives;
  return *this;
}

Ratio FieldMetrics::header_field_accuracy() const {
  Ratio pooled;
  for (const Ratio& field : header_fields) pooled += field;
  return pooled;
}

ItemCounts FieldMetrics::pooled_lists() const {
  ItemCounts pooled;
  for (const ItemCounts& list : lists) pooled += list;
  return pooled;
}

FieldMetrics& FieldMetrics::operator+=(const FieldMetrics& other) {
  step_count_exact += other.step_count_exact;
  actor_accuracy += other.actor_accuracy;
  symbol_accuracy += other.symbol_accuracy;
  activity_exact += other.activity_exact;
  activity_cer += other.activity_cer;
  duration_accuracy += other.duration_accuracy;
  step_number_accuracy += other.step_number_accuracy;
  notes_accuracy += other.notes_accuracy;
  actors += other.actors;
  edges += other.edges;
  requirements += other.requirements;
  outputs += other.outputs;
  for (std::size_t i = 0; i < header_fields.size(); ++i) header_fields[i] += other.header_fields[i];
  for (std::size_t i = 0; i < lists.size(); ++i) lists[i] += other.lists[i];
  scored_fields += other.scored_fields;
  review_error_recall += other.review_error_recall;
  uncatchable_errors += other.uncatchable_errors;
  review_rate += other.review_rate;
  return *this;
}

std::string_view to_string(MatchMethod method) {
  return method == MatchMethod::title ? "title" : "pages";
}

EvaluationReport evaluate(const GroundTruth& truth, const Predictions& predictions) {
  EvaluationReport report;
  report.predictions_read = count_of(predictions.records.size());
  report.invalid_json_lines = predictions.invalid_json_lines;
  report.failed_record_parses = predictions.failed_record_parses;
  report.input_problems = predictions.problems;

  std::map<std::string, std::size_t> document_of_file;
  for (std::size_t d = 0; d < truth.documents.size(); ++d) {
    document_of_file.emplace(truth.documents[d].file, d);
  }
  std::vector<std::vector<const PredictedRecord*>> predicted_by_document(truth.documents.size());
  for (const PredictedRecord& prediction : predictions.records) {
    const std::string file =
        std::filesystem::path(prediction.record.source.file).filename().string();
    auto found = document_of_file.find(file);
    if (found == document_of_file.end()) {
      ++report.unknown_document_predictions[file];
      continue;
    }
    predicted_by_document[found->second].push_back(&prediction);
  }

  for (std::size_t d = 0; d < truth.documents.size(); ++d) {
    const TruthDocument& document = truth.documents[d];
    for (const TruthSop& sop : document.sops) {
      check_truth_sop(sop, report.truth_problems);
      report.truth_steps += count_of(sop.record.steps.size());
    }
    report.truth_sops += count_of(document.sops.size());
    DocumentReport document_report = evaluate_document(document, predicted_by_document[d]);
    report.split_recall += document_report.split_recall;
    report.split_precision += document_report.split_precision;
    report.metrics += document_report.metrics;
    report.documents.push_back(std::move(document_report));
  }
  return report;
}

}  // namespace sopocr::evaluation
