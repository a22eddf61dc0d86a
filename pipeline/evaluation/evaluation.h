// Evaluation: compares the records `sopocr ingest` predicted with hand-authored ground truth and
// returns every metric as numerator / denominator, per SOP, per document and for the whole run.
#pragma once

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evaluation_inputs.h"

namespace sopocr::evaluation {

// A metric's counts. They add up across SOPs and documents, so a total is the ratio of sums
// (micro-average), never an average of ratios.
struct Ratio {
  long long numerator = 0;
  long long denominator = 0;
  // numerator / denominator; absent when nothing was counted (e.g. no wrong field to catch).
  std::optional<double> value() const;
  Ratio& operator+=(const Ratio& other);
  bool operator==(const Ratio&) const = default;
};

// Counts of a multiset comparison of items (list entries, edges).
struct ItemCounts {
  long long true_positives = 0;
  long long false_positives = 0;
  long long false_negatives = 0;
  // F1 = 2·TP / (2·TP + FP + FN): written this way its numerator and denominator add up.
  Ratio f1() const;
  ItemCounts& operator+=(const ItemCounts& other);
  bool operator==(const ItemCounts&) const = default;
};

// The scored fields. A field is one JSON Pointer into the record, right or wrong as a whole:
// per truth SOP the 8 header fields, the 6 lists and the actors, and per truth step the 9 step
// fields. A SOP with S truth steps has 15 + 9·S scored fields, whether or not it was predicted.
// Header fields, as pointers under /header.
inline constexpr std::array<std::string_view, 8> kHeaderFields = {
    "institution", "sop_number", "title",         "created",
    "revised",     "effective",  "approver/name", "approver/nip"};
// Lists, each one field (/legal_basis …), right when the item multisets are equal.
inline constexpr std::array<std::string_view, 6> kListFields = {
    "legal_basis", "qualifications", "related_sops", "equipment", "warnings", "recording"};
// The SOP's lane names (/actors), one field, right when the name multisets are equal.
inline constexpr std::string_view kActorsField = "actors";
// Step fields (/steps/N/actor …): no, activity and notes are right when exact; requirements,
// outputs and next when the multisets of items (of edge triples for next) are equal.
inline constexpr std::array<std::string_view, 9> kStepFields = {
    "no", "actor", "symbol", "activity", "requirements", "outputs", "duration", "notes", "next"};

// Title similarity a predicted record needs to be matched to a truth SOP by title.
inline constexpr double kMinTitleSimilarity = 0.6;
// Character error rate up to which a free-text header field (institution, sop_number, title,
// approver/name) still counts as right: tolerates about one OCR slip in fifty characters.
inline constexpr double kMaxHeaderTextCer = 0.02;

// Field metrics. They add up from SOP to document to run. Per-step metrics count over truth
// steps: a step the prediction lacks, and every step of a SOP it lacks, counts as wrong.
struct FieldMetrics {
  Ratio step_count_exact;  // matched SOPs with the truth's step count / matched SOPs
  Ratio actor_accuracy;
  Ratio symbol_accuracy;
  Ratio activity_exact;
  Ratio activity_cer;  // summed edit distance / summed truth characters (code points)
  Ratio duration_accuracy;
  // Steps pair by unique number first: a number differs mostly where steps paired in order.
  Ratio step_number_accuracy;
  Ratio notes_accuracy;        // exact, null equals null
  ItemCounts actors;           // lane names of the SOP
  ItemCounts edges;  // (from, to, label) triples over truth step identities
  ItemCounts requirements;
  ItemCounts outputs;
  std::array<Ratio, kHeaderFields.size()> header_fields;  // right / truth SOPs, per field
  std::array<ItemCounts, kListFields.size()> lists;
  long long scored_fields = 0;  // over all truth SOPs, matched or not
  // Wrong scored fields whose predicted pointer, a parent or a child of it is a review path /
  // wrong scored fields. Wrong fields of missing steps or SOPs are in the denominator only.
  Ratio review_error_recall;
  long long uncatchable_errors = 0;  // those wrong fields of missing steps or SOPs
  Ratio review_rate;                 // review entries / scored fields, over matched SOPs only

  Ratio header_field_accuracy() const;  // all header fields pooled
  ItemCounts pooled_lists() const;
  FieldMetrics& operator+=(const FieldMetrics& other);
};

// A wrong scored field of a matched SOP, for debugging.
struct WrongField {
  std::string truth_pointer;
  std::string predicted_pointer;
  bool caught_by_review = false;
  nlohmann::json expected;  // the values at the two pointers
  nlohmann::json predicted;
};

enum class MatchMethod { title, pages };
std::string_view to_string(MatchMethod method);

struct SopReport {
  std::string truth_id;
  std::optional<std::string> truth_title;
  std::optional<int> predicted_line;  // line of the matched prediction in the JSON Lines file
  std::optional<MatchMethod> matched_by;
  std::optional<double> title_similarity;  // when both titles are present
  std::size_t truth_steps = 0;
  std::size_t predicted_steps = 0;
  std::vector<std::size_t> missing_steps;  // truth step indices no predicted step matched
  std::vector<std::size_t> extra_steps;    // predicted step indices matching no truth step
  std::vector<WrongField> wrong_fields;    // of a matched SOP's matched steps, header and lists
  FieldMetrics metrics;
};

struct UnmatchedPrediction {
  int line_number = 0;
  std::optional<std::string> title;
  std::vector<int> pages;
};

struct DocumentReport {
  std::string id;
  std::string file;
  std::string kind;
  std::map<std::string, std::string> factors;  // from docs.json, for the per-factor breakdown
  Ratio split_recall;                          // matched truth SOPs / truth SOPs
  Ratio split_precision;                       // matched predictions / predictions of this document
  FieldMetrics metrics;
  std::vector<SopReport> sops;  // one per truth SOP, in document order
  std::vector<UnmatchedPrediction> unmatched_predictions;
};

struct EvaluationReport {
  Ratio split_recall;
  Ratio split_precision;
  FieldMetrics metrics;
  std::vector<DocumentReport> documents;

  long long truth_sops = 0;
  long long truth_steps = 0;
  long long predictions_read = 0;  // records parsed from the JSON Lines file
  int invalid_json_lines = 0;
  int failed_record_parses = 0;
  std::map<std::string, int> unknown_document_predictions;  // file name → records, ignored
  std::vector<std::string> input_problems;                  // skipped prediction lines
  std::vector<std::string> truth_problems;  // suspect truth, e.g. an edge to no existing step
};

// Scores `predictions` against `truth`. A prediction belongs to the truth document whose `file`
// equals the basename of its source.file; predictions of other files are only counted.
//
// SOP matching, per document: a (truth, prediction) pair is a candidate when both titles are
// present and title_similarity ≥ kMinTitleSimilarity, or when either title is null and their
// source.pages overlap. Candidates are taken greedily by title similarity (page candidates
// last), then by distance between first pages, then by truth and prediction order.
//
// Step matching, per matched SOP: steps whose `no` is present and unique on both sides match
// by number; the remaining steps then pair up in order.
EvaluationReport evaluate(const GroundTruth& truth, const Predictions& predictions);

// The whole report: every metric with numerator and denominator, the scored-field definition,
// input counts, and per-document and per-SOP breakdowns.
nlohmann::json to_json(const EvaluationReport& report);

// A readable summary: the metrics table, input counts and one line per document.
std::string format_table(const EvaluationReport& report);

// The main metrics per factor value: for each factor docs.json names (ppi band, font kind, rule
// damage, …), one row per value, pooled over the documents that have it; so that the weakest
// factor shows. Empty when no document has factors.
std::string format_factor_table(const EvaluationReport& report);

}  // namespace sopocr::evaluation
