// The evaluation report as JSON and as a readable table.
#include <algorithm>
#include <iomanip>
#include <iterator>
#include <sstream>
#include <utility>

#include "evaluation.h"

namespace sopocr::evaluation {
namespace {

using nlohmann::json;

constexpr std::string_view kScoredFieldDefinition =
    "A scored field is one JSON Pointer, right or wrong as a whole. Per truth SOP: the 8 header "
    "fields, the 6 lists and the actors (lane names); per truth step: the 9 step fields. A SOP "
    "with S truth steps has 15 + 9*S scored fields. A wrong field is caught when a review path "
    "of the predicted record equals its pointer (into the predicted record), is a parent or a "
    "child of it. Wrong fields of steps or SOPs the prediction lacks have no pointer and count "
    "as not caught.";

// What each metric counts, printed into the JSON report so a figure can be read without the code.
constexpr std::pair<std::string_view, std::string_view> kMetricDefinitions[] = {
    {"sop_split_recall", "truth SOPs matched to a prediction / truth SOPs"},
    {"sop_split_precision",
     "predictions matched to a truth SOP / predictions of documents listed in docs.json"},
    {"step_count_exact",
     "matched SOPs whose predicted step count equals the truth's / matched SOPs"},
    {"actor_accuracy",
     "truth steps whose matched predicted step has the same actor (NFC, whitespace collapsed; "
     "null equals null) / truth steps; a missing step or SOP counts as wrong"},
    {"symbol_accuracy",
     "truth steps whose matched predicted step has the same symbol / truth steps"},
    {"edge_f1",
     "2TP / (2TP + FP + FN) over (from, to, label) triples in truth step identities; `to` is "
     "resolved by `no`, else `to_index`; an arrow from or to an unmatched step is a false "
     "positive"},
    {"activity_cer",
     "summed Levenshtein distance over code points (NFC, whitespace collapsed, case-sensitive, "
     "null "
     "as empty) / summed truth characters; a missing step costs its whole length"},
    {"activity_exact", "truth steps whose matched predicted activity is equal / truth steps"},
    {"requirements_f1",
     "item multisets (NFC, whitespace collapsed, trimmed) compared per matched step and summed; "
     "items of missing steps are false negatives, items of extra predicted steps false positives"},
    {"outputs_f1", "as requirements_f1, for outputs"},
    {"duration_accuracy",
     "truth steps whose predicted duration has equal unit, amount and amount_max (amounts within "
     "1e-9; null equals null, null vs a duration is wrong) / truth steps"},
    {"step_number_accuracy",
     "truth steps whose matched predicted step has the same `no` (null equals null) / truth "
     "steps; steps pair by unique number first, so a wrong number shows mostly where steps "
     "paired in order"},
    {"notes_accuracy",
     "truth steps whose matched predicted notes (Keterangan) are equal (NFC, whitespace "
     "collapsed; null equals null) / truth steps"},
    {"actors_f1",
     "the SOP's lane-name multisets (/actors) compared per matched SOP and summed; names of "
     "missed SOPs are false negatives"},
    {"header_field_accuracy",
     "right header fields / (8 x truth SOPs); institution, sop_number, title and approver/name are "
     "right at CER <= 0.02, created, revised, effective and approver/nip when equal; null equals "
     "null"},
    {"list_item_f1",
     "item multisets compared per list of each matched SOP, summed over the six lists; items of "
     "missed SOPs are false negatives"},
    {"review_error_recall", kScoredFieldDefinition},
    {"review_rate", "review entries of matched predictions / scored fields of matched SOPs"},
    {"unmatched_predictions",
     "a prediction matching no truth SOP counts against sop_split_precision only; its fields, "
     "items and arrows are not scored"},
};

json definitions_json() {
  json out = json::object();
  for (const auto& [name, definition] : kMetricDefinitions) {
    out[std::string(name)] = std::string(definition);
  }
  return out;
}

json ratio_json(const Ratio& ratio) {
  const std::optional<double> value = ratio.value();
  return {{"value", value ? json(*value) : json(nullptr)},
          {"numerator", ratio.numerator},
          {"denominator", ratio.denominator}};
}

json f1_json(const ItemCounts& counts) {
  json out = ratio_json(counts.f1());
  out["true_positives"] = counts.true_positives;
  out["false_positives"] = counts.false_positives;
  out["false_negatives"] = counts.false_negatives;
  return out;
}

json metrics_json(const FieldMetrics& metrics) {
  json header_fields = json::object();
  for (std::size_t i = 0; i < kHeaderFields.size(); ++i) {
    header_fields[std::string(kHeaderFields[i])] = ratio_json(metrics.header_fields[i]);
  }
  json lists = json::object();
  for (std::size_t i = 0; i < kListFields.size(); ++i) {
    lists[std::string(kListFields[i])] = f1_json(metrics.lists[i]);
  }
  json review_error_recall = ratio_json(metrics.review_error_recall);
  review_error_recall["uncatchable_errors"] = metrics.uncatchable_errors;
  return {
      {"step_count_exact", ratio_json(metrics.step_count_exact)},
      {"actor_accuracy", ratio_json(metrics.actor_accuracy)},
      {"symbol_accuracy", ratio_json(metrics.symbol_accuracy)},
      {"edge_f1", f1_json(metrics.edges)},
      {"activity_cer", ratio_json(metrics.activity_cer)},
      {"activity_exact", ratio_json(metrics.activity_exact)},
      {"requirements_f1", f1_json(metrics.requirements)},
      {"outputs_f1", f1_json(metrics.outputs)},
      {"duration_accuracy", ratio_json(metrics.duration_accuracy)},
      {"step_number_accuracy", ratio_json(metrics.step_number_accuracy)},
      {"notes_accuracy", ratio_json(metrics.notes_accuracy)},
      {"actors_f1", f1_json(metrics.actors)},
      {"header_field_accuracy", ratio_json(metrics.header_field_accuracy())},
      {"header_fields", std::move(header_fields)},
      {"list_item_f1", f1_json(metrics.pooled_lists())},
      {"list_item_f1_by_list", std::move(lists)},
      {"review_error_recall", std::move(review_error_recall)},
      {"review_rate", ratio_json(metrics.review_rate)},
      {"scored_fields", metrics.scored_fields},
  };
}

template <typename Optional>
json optional_json(const Optional& value) {
  return value ? json(*value) : json(nullptr);
}

json sop_json(const SopReport& sop) {
  json wrong_fields = json::array();
  for (const WrongField& field : sop.wrong_fields) {
    wrong_fields.push_back({{"truth_pointer", field.truth_pointer},
                            {"predicted_pointer", field.predicted_pointer},
                            {"caught_by_review", field.caught_by_review},
                            {"expected", field.expected},
                            {"predicted", field.predicted}});
  }
  return {
      {"truth", sop.truth_id},
      {"truth_title", optional_json(sop.truth_title)},
      {"predicted_line", optional_json(sop.predicted_line)},
      {"matched_by", sop.matched_by ? json(std::string(to_string(*sop.matched_by))) : json()},
      {"title_similarity", optional_json(sop.title_similarity)},
      {"truth_steps", sop.truth_steps},
      {"predicted_steps", sop.predicted_steps},
      {"missing_steps", sop.missing_steps},
      {"extra_steps", sop.extra_steps},
      {"wrong_fields", std::move(wrong_fields)},
      {"metrics", metrics_json(sop.metrics)},
  };
}

json document_json(const DocumentReport& document) {
  json metrics = metrics_json(document.metrics);
  metrics["sop_split_recall"] = ratio_json(document.split_recall);
  metrics["sop_split_precision"] = ratio_json(document.split_precision);
  json sops = json::array();
  for (const SopReport& sop : document.sops) sops.push_back(sop_json(sop));
  json unmatched = json::array();
  for (const UnmatchedPrediction& prediction : document.unmatched_predictions) {
    unmatched.push_back({{"line", prediction.line_number},
                         {"title", optional_json(prediction.title)},
                         {"pages", prediction.pages}});
  }
  return {{"id", document.id},       {"file", document.file},
          {"kind", document.kind},   {"metrics", std::move(metrics)},
          {"sops", std::move(sops)}, {"unmatched_predictions", std::move(unmatched)}};
}

int unknown_prediction_count(const EvaluationReport& report) {
  int count = 0;
  for (const auto& [file, records] : report.unknown_document_predictions) count += records;
  return count;
}

// ---------------------------------------------------------------------------------------------
// Table

std::string format_value(const std::optional<double>& value) {
  if (!value) return "n/a";
  std::ostringstream out;
  out << std::fixed << std::setprecision(4) << *value;
  return out.str();
}

// One metric: name, value, "numerator / denominator" right-aligned, then an optional note.
void table_row(std::ostringstream& out, std::string_view name, const Ratio& ratio,
               std::string_view note = {}) {
  const std::string counts =
      std::to_string(ratio.numerator) + " / " + std::to_string(ratio.denominator);
  out << "  " << std::left << std::setw(26) << name << std::right << std::setw(8)
      << format_value(ratio.value()) << std::setw(22) << counts;
  if (!note.empty()) out << "   " << note;
  out << '\n';
}

void f1_row(std::ostringstream& out, std::string_view name, const ItemCounts& counts) {
  const std::string note = "TP " + std::to_string(counts.true_positives) + ", FP " +
                           std::to_string(counts.false_positives) + ", FN " +
                           std::to_string(counts.false_negatives);
  table_row(out, name, counts.f1(), note);
}

void document_row(std::ostringstream& out, const DocumentReport& document, int id_width) {
  const FieldMetrics& metrics = document.metrics;
  const std::optional<double> values[] = {
      document.split_recall.value(),          document.split_precision.value(),
      metrics.step_count_exact.value(),       metrics.actor_accuracy.value(),
      metrics.symbol_accuracy.value(),        metrics.edges.f1().value(),
      metrics.activity_cer.value(),           metrics.duration_accuracy.value(),
      metrics.header_field_accuracy().value()};
  out << "  " << std::left << std::setw(id_width) << document.id << std::setw(11) << document.kind
      << std::right << std::setw(5) << document.sops.size();
  for (const std::optional<double>& value : values) out << std::setw(9) << format_value(value);
  out << '\n';
}

// Documents pooled by the value of one factor.
struct FactorGroup {
  int documents = 0;
  std::size_t sops = 0;
  Ratio split_recall;
  Ratio split_precision;
  FieldMetrics metrics;
};

// factor name -> value -> the documents with it, pooled.
std::map<std::string, std::map<std::string, FactorGroup>> factor_groups(
    const EvaluationReport& report) {
  std::map<std::string, std::map<std::string, FactorGroup>> groups;
  for (const DocumentReport& document : report.documents) {
    for (const auto& [factor, value] : document.factors) {
      FactorGroup& group = groups[factor][value];
      ++group.documents;
      group.sops += document.sops.size();
      group.split_recall += document.split_recall;
      group.split_precision += document.split_precision;
      group.metrics += document.metrics;
    }
  }
  return groups;
}

}  // namespace

std::string format_factor_table(const EvaluationReport& report) {
  const auto groups = factor_groups(report);
  if (groups.empty()) return {};
  std::ostringstream out;
  out << "  " << std::left << std::setw(40) << "factor = value" << std::right << std::setw(5)
      << "docs" << std::setw(5) << "SOPs";
  for (const char* column : {"split R", "steps=", "actor", "symbol", "edge F1", "CER", "duration",
                             "header", "rev rec", "rev rate"}) {
    out << std::setw(9) << column;
  }
  out << '\n';
  for (const auto& [factor, values] : groups) {
    for (const auto& [value, group] : values) {
      const FieldMetrics& metrics = group.metrics;
      const std::optional<double> cells[] = {
          group.split_recall.value(),          metrics.step_count_exact.value(),
          metrics.actor_accuracy.value(),      metrics.symbol_accuracy.value(),
          metrics.edges.f1().value(),          metrics.activity_cer.value(),
          metrics.duration_accuracy.value(),   metrics.header_field_accuracy().value(),
          metrics.review_error_recall.value(), metrics.review_rate.value()};
      out << "  " << std::left << std::setw(40) << (factor + " = " + value) << std::right
          << std::setw(5) << group.documents << std::setw(5) << group.sops;
      for (const std::optional<double>& cell : cells) out << std::setw(9) << format_value(cell);
      out << '\n';
    }
  }
  return out.str();
}

json to_json(const EvaluationReport& report) {
  json metrics = metrics_json(report.metrics);
  metrics["sop_split_recall"] = ratio_json(report.split_recall);
  metrics["sop_split_precision"] = ratio_json(report.split_precision);
  json documents = json::array();
  for (const DocumentReport& document : report.documents) {
    documents.push_back(document_json(document));
  }
  json by_factor = json::object();
  for (const auto& [factor, values] : factor_groups(report)) {
    for (const auto& [value, group] : values) {
      json pooled = metrics_json(group.metrics);
      pooled["sop_split_recall"] = ratio_json(group.split_recall);
      pooled["sop_split_precision"] = ratio_json(group.split_precision);
      by_factor[factor][value] = {
          {"documents", group.documents}, {"sops", group.sops}, {"metrics", std::move(pooled)}};
    }
  }
  return {
      {"metrics", std::move(metrics)},
      {"counts",
       {{"truth_documents", report.documents.size()},
        {"truth_sops", report.truth_sops},
        {"truth_steps", report.truth_steps},
        {"predictions_read", report.predictions_read},
        {"predictions_in_known_documents", report.split_precision.denominator},
        {"predictions_for_unknown_documents", unknown_prediction_count(report)},
        {"matched_sops", report.split_recall.numerator},
        {"invalid_json_lines", report.invalid_json_lines},
        {"failed_record_parses", report.failed_record_parses}}},
      {"scored_fields",
       {{"definition", std::string(kScoredFieldDefinition)},
        {"header", kHeaderFields},
        {"lists", kListFields},
        {"actors", kActorsField},
        {"per_step", kStepFields},
        {"header_text_max_cer", kMaxHeaderTextCer},
        {"min_title_similarity", kMinTitleSimilarity}}},
      {"metric_definitions", definitions_json()},
      {"unknown_document_predictions", report.unknown_document_predictions},
      {"input_problems", report.input_problems},
      {"truth_problems", report.truth_problems},
      {"documents", std::move(documents)},
      {"by_factor", std::move(by_factor)},
  };
}

std::string format_table(const EvaluationReport& report) {
  const FieldMetrics& metrics = report.metrics;
  std::ostringstream out;
  out << "Truth: " << report.documents.size() << " documents, " << report.truth_sops << " SOPs, "
      << report.truth_steps << " steps. Predictions: " << report.predictions_read
      << " records read, " << report.split_precision.denominator << " in known documents.\n\n";

  out << "  " << std::left << std::setw(26) << "metric" << std::right << std::setw(8) << "value"
      << std::setw(22) << "numerator / denom." << '\n';
  table_row(out, "sop_split_recall", report.split_recall);
  table_row(out, "sop_split_precision", report.split_precision);
  table_row(out, "step_count_exact", metrics.step_count_exact);
  table_row(out, "actor_accuracy", metrics.actor_accuracy);
  table_row(out, "symbol_accuracy", metrics.symbol_accuracy);
  f1_row(out, "edge_f1", metrics.edges);
  table_row(out, "activity_cer", metrics.activity_cer, "edit distance / truth characters");
  table_row(out, "activity_exact", metrics.activity_exact);
  f1_row(out, "requirements_f1", metrics.requirements);
  f1_row(out, "outputs_f1", metrics.outputs);
  table_row(out, "duration_accuracy", metrics.duration_accuracy);
  table_row(out, "step_number_accuracy", metrics.step_number_accuracy);
  table_row(out, "notes_accuracy", metrics.notes_accuracy);
  f1_row(out, "actors_f1", metrics.actors);
  table_row(out, "header_field_accuracy", metrics.header_field_accuracy());
  for (std::size_t i = 0; i < kHeaderFields.size(); ++i) {
    table_row(out, "  " + std::string(kHeaderFields[i]), metrics.header_fields[i]);
  }
  f1_row(out, "list_item_f1", metrics.pooled_lists());
  for (std::size_t i = 0; i < kListFields.size(); ++i) {
    f1_row(out, "  " + std::string(kListFields[i]), metrics.lists[i]);
  }
  table_row(out, "review_error_recall", metrics.review_error_recall,
            "including " + std::to_string(metrics.uncatchable_errors) +
                " on missing steps or SOPs (not catchable, counted as not caught)");
  table_row(out, "review_rate", metrics.review_rate, "review entries / scored fields (matched)");
  out << "  scored fields: " << metrics.scored_fields
      << " (per truth SOP: 8 header fields + 6 lists + actors + 9 per truth step)\n\n";

  out << "Inputs: invalid JSON lines " << report.invalid_json_lines
      << "; records failing the record parse " << report.failed_record_parses
      << "; predictions for documents not in docs.json " << unknown_prediction_count(report);
  std::string_view separator = " (";
  for (const auto& [file, records] : report.unknown_document_predictions) {
    out << separator << file << ": " << records;
    separator = ", ";
  }
  out << (report.unknown_document_predictions.empty() ? "\n" : ")\n");
  if (!report.truth_problems.empty()) {
    out << "Truth problems: " << report.truth_problems.size() << " (listed with --json)\n";
  }

  int id_width = 10;  // the column fits the longest document id
  for (const DocumentReport& document : report.documents) {
    id_width = std::max(id_width, static_cast<int>(document.id.size()) + 2);
  }
  out << "\n  " << std::left << std::setw(id_width) << "document" << std::setw(11) << "kind"
      << std::right << std::setw(5) << "SOPs";
  for (const char* column : {"split R", "split P", "steps=", "actor", "symbol", "edge F1", "CER",
                             "duration", "header"}) {
    out << std::setw(9) << column;
  }
  out << '\n';
  for (const DocumentReport& document : report.documents) {
    document_row(out, document, id_width);
  }
  return out.str();
}

}  // namespace sopocr::evaluation
