// The evaluation harness: each metric moves by exactly the amount one injected error is worth,
// and by nothing else. Records are built here from one 3-step SOP; the small files under
// tests/data/evaluation/ exercise the loaders.
#include "evaluation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "text_compare.h"
#include "unicode_nfc.h"

namespace sopocr::evaluation {

void PrintTo(const Ratio& ratio, std::ostream* out) {
  *out << ratio.numerator << "/" << ratio.denominator;
}

void PrintTo(const ItemCounts& counts, std::ostream* out) {
  *out << "TP " << counts.true_positives << ", FP " << counts.false_positives << ", FN "
       << counts.false_negatives;
}

namespace {

const std::filesystem::path kDataDir =
    std::filesystem::path(SOPOCR_SOURCE_DIR) / "tests/data/evaluation";

Duration duration(std::string text, double amount, DurationUnit unit,
                  std::optional<double> amount_max = std::nullopt) {
  Duration out;
  out.text = std::move(text);
  out.amount = amount;
  out.amount_max = amount_max;
  out.unit = unit;
  return out;
}

// A complete 3-step SOP: every header field and list filled, a decision with Ya / Tidak.
// Edges: 1→2, 2→3 (Ya), 2→1 (Tidak). Activities are 25, 26 and 16 characters long.
SopRecord three_step_record(const std::string& title = "Penyusunan Renja",
                            std::vector<int> pages = {1, 2}) {
  SopRecord record;
  record.source.file = "archive/bontang/single-renja.pdf";
  record.source.pages = std::move(pages);
  record.header.institution = "DINAS KETENAGAKERJAAN KOTA BONTANG";
  record.header.sop_number = "067.17.002/Disnaker/01";
  record.header.title = title;
  record.header.created = "2019-05-30";
  record.header.revised = "2019-09-16";
  record.header.effective = "2019-12-10";
  record.header.approver = Approver{"Kepala Dinas", "H. Ahmad Aznem, SE, M.Si",
                                    "Pembina Tk. I/IV.b", "197305022001121002"};
  record.legal_basis = {"UU Nomor 25 Tahun 2004"};
  record.qualifications = {"Mampu mengoperasikan komputer"};
  record.related_sops = {"SOP Pengumpulan Data"};
  record.equipment = {"Renja tahun sebelumnya"};
  record.warnings = {"Jadwal kerja terganggu"};
  record.recording = {"Matriks Renstra"};
  record.actors = {"Kepala Dinas", "Kepala Bidang"};

  Step first;
  first.no = 1;
  first.activity = "Membentuk SK Tim Kegiatan";
  first.actor = "Kepala Dinas";
  first.symbol = SymbolKind::terminator;
  first.requirements = {"Konsep SK"};
  first.duration = duration("30 menit", 30, DurationUnit::minute);
  first.outputs = {"SK Tim"};
  first.next = {Edge{2, std::nullopt, std::nullopt}};

  Step second;
  second.no = 2;
  second.activity = "Mengoreksi rancangan Renja";
  second.actor = "Kepala Bidang";
  second.symbol = SymbolKind::decision;
  second.requirements = {"Rancangan Renja"};
  second.duration = duration("1 hari", 1, DurationUnit::day);
  second.outputs = {"Koreksi"};
  second.next = {Edge{3, std::nullopt, "Ya"}, Edge{1, std::nullopt, "Tidak"}};

  Step third;
  third.no = 3;
  third.activity = "Menetapkan Renja";
  third.actor = "Kepala Dinas";
  third.symbol = SymbolKind::terminator;
  third.requirements = {"Renja final"};
  third.duration = duration("2-3 hari kerja", 2, DurationUnit::working_day, 3);
  third.outputs = {"Renja"};

  record.steps = {first, second, third};
  return record;
}

constexpr long long kActivityCharacters = 25 + 26 + 16;
constexpr long long kScoredFieldsPerRecord = 8 + 6 + 1 + 9 * 3;

TruthDocument document_of(std::vector<TruthSop> sops) {
  return TruthDocument{"single-renja", "single-renja.pdf", "single", std::move(sops), {}};
}

GroundTruth truth_of(std::vector<SopRecord> records) {
  std::vector<TruthSop> sops;
  for (std::size_t i = 0; i < records.size(); ++i) {
    sops.push_back(TruthSop{"sop-" + std::to_string(i), std::move(records[i])});
  }
  return GroundTruth{{document_of(std::move(sops))}};
}

Predictions predictions_of(std::vector<SopRecord> records) {
  Predictions predictions;
  int line = 0;
  for (SopRecord& record : records) predictions.records.push_back({std::move(record), ++line});
  return predictions;
}

EvaluationReport evaluate_one(const SopRecord& truth, const SopRecord& predicted) {
  return evaluate(truth_of({truth}), predictions_of({predicted}));
}

// Every metric value of a run, from the JSON report: "actor_accuracy", "header_fields/title", ….
std::map<std::string, std::optional<double>> metric_values(const EvaluationReport& report) {
  const std::string suffix = "/value";
  std::map<std::string, std::optional<double>> values;
  const nlohmann::json flat = to_json(report)["metrics"].flatten();
  for (const auto& [pointer, value] : flat.items()) {
    if (!pointer.ends_with(suffix)) continue;
    const std::string name = pointer.substr(1, pointer.size() - 1 - suffix.size());
    values[name] = value.is_null() ? std::nullopt : std::optional<double>(value.get<double>());
  }
  return values;
}

// Names of the metrics whose value differs from a perfect prediction's.
std::set<std::string> metrics_changed_from_perfect(const EvaluationReport& report) {
  const SopRecord record = three_step_record();
  const auto perfect = metric_values(evaluate_one(record, record));
  std::set<std::string> changed;
  for (const auto& [name, value] : metric_values(report)) {
    if (perfect.at(name) != value) changed.insert(name);
  }
  return changed;
}

ReviewEntry review_entry(std::string path) {
  ReviewEntry entry;
  entry.path = std::move(path);
  entry.reason = "low_ocr_confidence";
  entry.confidence = 0.4;
  return entry;
}

double value_of(const Ratio& ratio) { return ratio.value().value_or(-1.0); }

// ---------------------------------------------------------------------------------------------

TEST(Evaluation, PerfectPredictionScoresOneOnEveryMetric) {
  const SopRecord record = three_step_record();
  const EvaluationReport report = evaluate_one(record, record);
  const FieldMetrics& m = report.metrics;

  for (const auto& [name, value] : metric_values(report)) {
    if (name == "activity_cer" || name == "review_rate" || name == "review_error_recall") continue;
    EXPECT_EQ(value, 1.0) << name;
  }
  EXPECT_EQ(report.split_recall, (Ratio{1, 1}));
  EXPECT_EQ(report.split_precision, (Ratio{1, 1}));
  EXPECT_EQ(m.step_count_exact, (Ratio{1, 1}));
  EXPECT_EQ(m.actor_accuracy, (Ratio{3, 3}));
  EXPECT_EQ(m.edges, (ItemCounts{3, 0, 0}));
  EXPECT_EQ(m.header_field_accuracy(), (Ratio{8, 8}));
  EXPECT_EQ(m.pooled_lists(), (ItemCounts{6, 0, 0}));
  EXPECT_EQ(m.activity_cer, (Ratio{0, kActivityCharacters}));
  EXPECT_EQ(m.scored_fields, kScoredFieldsPerRecord);
  EXPECT_EQ(m.review_rate, (Ratio{0, kScoredFieldsPerRecord}));
  // Nothing is wrong, so there is nothing for the review list to catch: undefined, not 1.
  EXPECT_EQ(m.review_error_recall, (Ratio{0, 0}));
  EXPECT_FALSE(m.review_error_recall.value());
  EXPECT_EQ(report.truth_sops, 1);
  EXPECT_EQ(report.truth_steps, 3);
  EXPECT_TRUE(report.truth_problems.empty());
}

TEST(Evaluation, DroppedStepLowersStepMetricsOnly) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.steps.erase(predicted.steps.begin() + 1);  // step 2, the decision; step 1 → 2 dangles
  const EvaluationReport report = evaluate_one(truth, predicted);
  const FieldMetrics& m = report.metrics;

  EXPECT_EQ(m.step_count_exact, (Ratio{0, 1}));
  EXPECT_EQ(m.actor_accuracy, (Ratio{2, 3}));
  EXPECT_EQ(m.symbol_accuracy, (Ratio{2, 3}));
  EXPECT_EQ(m.activity_exact, (Ratio{2, 3}));
  EXPECT_EQ(m.duration_accuracy, (Ratio{2, 3}));
  // All 26 characters of the lost activity are errors.
  EXPECT_EQ(m.activity_cer, (Ratio{26, kActivityCharacters}));
  // One of three items lost: F1 = 2·2 / (2·2 + 0 + 1).
  EXPECT_EQ(m.requirements, (ItemCounts{2, 0, 1}));
  EXPECT_DOUBLE_EQ(value_of(m.requirements.f1()), 0.8);
  EXPECT_EQ(m.outputs, (ItemCounts{2, 0, 1}));
  // Truth 1→2, 2→3 Ya, 2→1 Tidak are all lost; the predicted 1→2 points to no step: F1 0/4.
  EXPECT_EQ(m.edges, (ItemCounts{0, 1, 3}));
  EXPECT_EQ(m.edges.f1(), (Ratio{0, 4}));
  // Wrong: the 9 fields of the lost step (not catchable) and step 1's next.
  EXPECT_EQ(m.review_error_recall, (Ratio{0, 10}));
  EXPECT_EQ(m.uncatchable_errors, 9);
  EXPECT_EQ(m.step_number_accuracy, (Ratio{2, 3}));
  EXPECT_EQ(m.notes_accuracy, (Ratio{2, 3}));
  ASSERT_EQ(report.documents[0].sops[0].missing_steps, std::vector<std::size_t>{1});

  EXPECT_EQ(m.header_field_accuracy(), (Ratio{8, 8}));
  EXPECT_EQ(m.pooled_lists(), (ItemCounts{6, 0, 0}));
  EXPECT_EQ(report.split_recall, (Ratio{1, 1}));
}

// A step's number and notes and the SOP's lane names are fields a database stores like any
// other: each is scored, so a review entry on one is judged right or wrong like any other.
TEST(Evaluation, StepNumbersNotesAndLaneNamesAreScoredFields) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.steps[0].notes = "Dilampirkan";  // the truth has none
  predicted.actors = {"Kepala Dinas", "Kepala Bidarg"};
  predicted.review = {review_entry("/steps/0/notes"), review_entry("/steps/1/no")};
  const EvaluationReport report = evaluate_one(truth, predicted);
  const FieldMetrics& m = report.metrics;

  EXPECT_EQ(m.notes_accuracy, (Ratio{2, 3}));
  EXPECT_EQ(m.step_number_accuracy, (Ratio{3, 3}));
  EXPECT_EQ(m.actors, (ItemCounts{1, 1, 1}));
  // The note's entry catches its error; the number's entry is on a right field.
  EXPECT_EQ(m.review_error_recall, (Ratio{1, 2}));
  EXPECT_EQ(m.review_rate, (Ratio{2, kScoredFieldsPerRecord}));
  EXPECT_EQ(
      metrics_changed_from_perfect(report),
      (std::set<std::string>{"notes_accuracy", "actors_f1", "review_error_recall", "review_rate"}));
}

TEST(Evaluation, ExtraPredictedStepAddsFalsePositivesButNoScoredFields) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  Step extra;  // a row the truth does not have, e.g. a footnote read as a step
  extra.no = 4;
  extra.activity = "Mengarsipkan Renja";
  extra.requirements = {"Renja"};
  extra.outputs = {"Arsip"};
  extra.next = {Edge{1, std::nullopt, std::nullopt}};
  predicted.steps.push_back(extra);
  const EvaluationReport report = evaluate_one(truth, predicted);
  const FieldMetrics& m = report.metrics;

  EXPECT_EQ(m.step_count_exact, (Ratio{0, 1}));
  EXPECT_EQ(m.requirements, (ItemCounts{3, 1, 0}));
  EXPECT_EQ(m.outputs, (ItemCounts{3, 1, 0}));
  EXPECT_EQ(m.edges, (ItemCounts{3, 1, 0}));
  EXPECT_EQ(m.actor_accuracy, (Ratio{3, 3}));  // per-step accuracies count over truth steps
  EXPECT_EQ(m.scored_fields, kScoredFieldsPerRecord);
  EXPECT_EQ(report.documents[0].sops[0].extra_steps, std::vector<std::size_t>{3});
}

TEST(Evaluation, SwappedActorLowersActorAccuracyByOneStepAndNothingElse) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.steps[2].actor = "Kepala Bidang";
  const EvaluationReport report = evaluate_one(truth, predicted);

  EXPECT_EQ(report.metrics.actor_accuracy, (Ratio{2, 3}));  // 1 − 1/N with N = 3 truth steps
  // The one wrong field is not on the (empty) review list.
  EXPECT_EQ(report.metrics.review_error_recall, (Ratio{0, 1}));
  EXPECT_EQ(metrics_changed_from_perfect(report),
            (std::set<std::string>{"actor_accuracy", "review_error_recall"}));
}

TEST(Evaluation, WrongDurationAmountLowersDurationAccuracyOnly) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.steps[0].duration = duration("45 menit", 45, DurationUnit::minute);
  const EvaluationReport report = evaluate_one(truth, predicted);

  EXPECT_EQ(report.metrics.duration_accuracy, (Ratio{2, 3}));
  EXPECT_EQ(metrics_changed_from_perfect(report),
            (std::set<std::string>{"duration_accuracy", "review_error_recall"}));
}

TEST(Evaluation, DurationAmountsCompareWithinTolerance) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.steps[0].duration->amount = 30 + 1e-12;
  predicted.steps[1].duration = std::nullopt;              // null vs 1 day: wrong
  predicted.steps[2].duration->amount_max = std::nullopt;  // range lost: wrong
  EXPECT_EQ(evaluate_one(truth, predicted).metrics.duration_accuracy, (Ratio{1, 3}));
}

TEST(Evaluation, WrongEdgeLabelChangesEdgeF1AsComputedByHand) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.steps[1].next[0].label = "Tidak";  // 2→3 printed "Ya", read as "Tidak"
  const EvaluationReport report = evaluate_one(truth, predicted);

  // Truth {1→2, 2→3 Ya, 2→1 Tidak}, predicted {1→2, 2→3 Tidak, 2→1 Tidak}:
  // TP 2, FP 1, FN 1, F1 = 2·2 / (2·2 + 1 + 1) = 4/6.
  EXPECT_EQ(report.metrics.edges, (ItemCounts{2, 1, 1}));
  EXPECT_EQ(report.metrics.edges.f1(), (Ratio{4, 6}));
  EXPECT_EQ(metrics_changed_from_perfect(report),
            (std::set<std::string>{"edge_f1", "review_error_recall"}));
}

TEST(Evaluation, EdgesResolveByIndexWhenTheTargetHasNoNumber) {
  SopRecord truth = three_step_record();
  truth.steps[2].no = std::nullopt;
  truth.steps[1].next[0] = Edge{std::nullopt, 2, "Ya"};
  SopRecord predicted = truth;
  EXPECT_EQ(evaluate_one(truth, predicted).metrics.edges, (ItemCounts{3, 0, 0}));

  predicted.steps[1].next[0].to_index = 0;  // now 2→1 Ya: a different triple
  EXPECT_EQ(evaluate_one(truth, predicted).metrics.edges, (ItemCounts{2, 1, 1}));
}

TEST(Evaluation, MissingSopLowersSplitRecallAndCountsItsFieldsAsWrong) {
  const SopRecord renja = three_step_record("Penyusunan Renja", {1, 2});
  const SopRecord arsip = three_step_record("Pengelolaan Arsip Dinamis", {3, 4});
  const EvaluationReport report = evaluate(truth_of({renja, arsip}), predictions_of({renja}));
  const FieldMetrics& m = report.metrics;

  EXPECT_EQ(report.split_recall, (Ratio{1, 2}));
  EXPECT_EQ(report.split_precision, (Ratio{1, 1}));
  EXPECT_EQ(m.step_count_exact, (Ratio{1, 1}));  // over matched SOPs
  EXPECT_EQ(m.actor_accuracy, (Ratio{3, 6}));
  EXPECT_EQ(m.header_field_accuracy(), (Ratio{8, 16}));
  EXPECT_EQ(m.edges, (ItemCounts{3, 0, 3}));
  EXPECT_EQ(m.activity_cer, (Ratio{kActivityCharacters, 2 * kActivityCharacters}));
  EXPECT_EQ(m.scored_fields, 2 * kScoredFieldsPerRecord);
  EXPECT_EQ(m.review_error_recall, (Ratio{0, kScoredFieldsPerRecord}));
  EXPECT_EQ(m.uncatchable_errors, kScoredFieldsPerRecord);
  EXPECT_EQ(m.review_rate, (Ratio{0, kScoredFieldsPerRecord}));  // matched SOPs only
  EXPECT_FALSE(report.documents[0].sops[1].predicted_line);
}

TEST(Evaluation, ExtraSopLowersSplitPrecisionOnly) {
  const SopRecord renja = three_step_record("Penyusunan Renja", {1, 2});
  const SopRecord arsip = three_step_record("Pengelolaan Arsip Dinamis", {3, 4});
  const EvaluationReport report = evaluate(truth_of({renja}), predictions_of({renja, arsip}));

  EXPECT_EQ(report.split_recall, (Ratio{1, 1}));
  EXPECT_EQ(report.split_precision, (Ratio{1, 2}));
  EXPECT_EQ(metrics_changed_from_perfect(report), (std::set<std::string>{"sop_split_precision"}));
  ASSERT_EQ(report.documents[0].unmatched_predictions.size(), 1u);
  EXPECT_EQ(report.documents[0].unmatched_predictions[0].line_number, 2);
}

TEST(Evaluation, DocumentWithoutPredictionsCountsAsAllMissed) {
  GroundTruth truth = truth_of({three_step_record()});
  truth.documents.push_back(TruthDocument{
      "binder",
      "binder.pdf",
      "binder",
      {TruthSop{"a", three_step_record("Pengelolaan Arsip")}, TruthSop{"b", three_step_record()}},
      {}});
  const EvaluationReport report = evaluate(truth, predictions_of({three_step_record()}));
  EXPECT_EQ(report.split_recall, (Ratio{1, 3}));
  EXPECT_EQ(report.split_precision, (Ratio{1, 1}));
  EXPECT_EQ(report.documents[1].split_recall, (Ratio{0, 2}));
  EXPECT_EQ(report.documents[1].split_precision, (Ratio{0, 0}));
  EXPECT_EQ(report.metrics.actor_accuracy, (Ratio{3, 9}));
}

TEST(Evaluation, FactorsPoolTheDocumentsThatShareAValue) {
  // Three documents: two scanned at a low ppi (one read, one missed), one at a high ppi (read).
  GroundTruth truth;
  const std::vector<std::pair<std::string, std::string>> documents = {
      {"low-read", "72-109"}, {"low-missed", "72-109"}, {"high-read", "250-400"}};
  Predictions predictions;
  for (const auto& [id, ppi] : documents) {
    SopRecord record = three_step_record();
    record.source.file = id + ".pdf";
    truth.documents.push_back(
        TruthDocument{id, id + ".pdf", "single", {TruthSop{id, record}}, {{"ppi", ppi}}});
    if (id != "low-missed") predictions.records.push_back({record, 1});
  }
  const EvaluationReport report = evaluate(truth, predictions);
  const nlohmann::json by_factor = to_json(report)["by_factor"]["ppi"];
  EXPECT_EQ(by_factor["72-109"]["documents"], 2);
  EXPECT_EQ(by_factor["72-109"]["metrics"]["sop_split_recall"]["numerator"], 1);
  EXPECT_EQ(by_factor["72-109"]["metrics"]["sop_split_recall"]["denominator"], 2);
  EXPECT_EQ(by_factor["250-400"]["metrics"]["actor_accuracy"]["value"], 1.0);
  const std::string table = format_factor_table(report);
  EXPECT_NE(table.find("ppi = 72-109"), std::string::npos) << table;
  EXPECT_NE(table.find("ppi = 250-400"), std::string::npos) << table;
  EXPECT_EQ(format_factor_table(
                evaluate(truth_of({three_step_record()}), predictions_of({three_step_record()}))),
            "");
}

TEST(Evaluation, WrongNipLowersHeaderAccuracyByOneEighthPerSop) {
  const SopRecord renja = three_step_record("Penyusunan Renja", {1, 2});
  const SopRecord arsip = three_step_record("Pengelolaan Arsip Dinamis", {3, 4});
  SopRecord wrong_nip = arsip;
  wrong_nip.header.approver->nip = "197305022001121003";
  const EvaluationReport report =
      evaluate(truth_of({renja, arsip}), predictions_of({renja, wrong_nip}));

  // 1 − 1/(8 · 2 SOPs)
  EXPECT_EQ(report.metrics.header_field_accuracy(), (Ratio{15, 16}));
  EXPECT_DOUBLE_EQ(value_of(report.metrics.header_field_accuracy()), 1.0 - 1.0 / 16.0);
  EXPECT_EQ(report.metrics.header_fields[7], (Ratio{1, 2}));  // approver/nip
  EXPECT_EQ(report.metrics.review_error_recall, (Ratio{0, 1}));

  wrong_nip.review = {review_entry("/header/approver/nip")};
  const EvaluationReport reviewed =
      evaluate(truth_of({renja, arsip}), predictions_of({renja, wrong_nip}));
  EXPECT_EQ(reviewed.metrics.review_error_recall, (Ratio{1, 1}));
  EXPECT_EQ(reviewed.metrics.review_rate, (Ratio{1, 2 * kScoredFieldsPerRecord}));
  const std::vector<WrongField>& wrong = reviewed.documents[0].sops[1].wrong_fields;
  ASSERT_EQ(wrong.size(), 1u);
  EXPECT_EQ(wrong[0].truth_pointer, "/header/approver/nip");
  EXPECT_TRUE(wrong[0].caught_by_review);
  EXPECT_EQ(wrong[0].expected, "197305022001121002");
  EXPECT_EQ(wrong[0].predicted, "197305022001121003");
}

TEST(Evaluation, ReviewCatchesTheFieldItsParentOrItsChildButNotANeighbour) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.header.approver->nip = "197305022001121003";
  auto recall_with_review_path = [&](const std::string& path) {
    predicted.review = {review_entry(path)};
    return evaluate_one(truth, predicted).metrics.review_error_recall;
  };
  EXPECT_EQ(recall_with_review_path("/header/approver/nip"), (Ratio{1, 1}));
  EXPECT_EQ(recall_with_review_path("/header/approver"), (Ratio{1, 1}));        // parent
  EXPECT_EQ(recall_with_review_path(""), (Ratio{1, 1}));                        // the whole record
  EXPECT_EQ(recall_with_review_path("/header/approver/nip/0"), (Ratio{1, 1}));  // child
  EXPECT_EQ(recall_with_review_path("/header/approver/ni"), (Ratio{0, 1}));     // prefix, no parent
  EXPECT_EQ(recall_with_review_path("/header/approver/name"), (Ratio{0, 1}));
}

TEST(Evaluation, ReviewPointersAreIntoThePredictedRecord) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  Step stray;  // an unnumbered row read before step 1 shifts every predicted index by one
  stray.activity = "Catatan";
  predicted.steps.insert(predicted.steps.begin(), stray);
  predicted.steps[3].actor = "Kepala Bidang";  // truth step index 2 (no 3)

  predicted.review = {review_entry("/steps/3/actor")};
  const EvaluationReport report = evaluate_one(truth, predicted);
  EXPECT_EQ(report.metrics.review_error_recall, (Ratio{1, 1}));
  EXPECT_EQ(report.documents[0].sops[0].extra_steps, std::vector<std::size_t>{0});
  EXPECT_EQ(report.metrics.actor_accuracy, (Ratio{2, 3}));

  predicted.review = {review_entry("/steps/2/actor")};  // truth's index
  EXPECT_EQ(evaluate_one(truth, predicted).metrics.review_error_recall, (Ratio{0, 1}));
}

TEST(Evaluation, StepsWithoutNumbersMatchInOrder) {
  SopRecord truth = three_step_record();
  for (Step& step : truth.steps) step.no = std::nullopt;
  truth.steps[0].next = {Edge{std::nullopt, 1, std::nullopt}};
  truth.steps[1].next = {Edge{std::nullopt, 2, "Ya"}, Edge{std::nullopt, 0, "Tidak"}};
  SopRecord predicted = truth;
  predicted.steps[1].no = 7;  // a misread number on one side only still pairs by order
  const EvaluationReport report = evaluate_one(truth, predicted);
  EXPECT_EQ(report.metrics.actor_accuracy, (Ratio{3, 3}));
  EXPECT_EQ(report.metrics.edges, (ItemCounts{3, 0, 0}));
}

TEST(Evaluation, TitleMatchingToleratesOcrNoiseButNotUnrelatedTitles) {
  const SopRecord truth = three_step_record("Penyusunan Renja");
  EXPECT_EQ(evaluate_one(truth, three_step_record("Pengusunan Renja")).split_recall, (Ratio{1, 1}));
  EXPECT_EQ(evaluate_one(truth, three_step_record("PENYUSUNAN RENJA")).split_recall, (Ratio{1, 1}));
  // Same pages, unrelated title: no match, so one SOP missed and one prediction spurious.
  const EvaluationReport unrelated = evaluate_one(truth, three_step_record("Pengelolaan Arsip"));
  EXPECT_EQ(unrelated.split_recall, (Ratio{0, 1}));
  EXPECT_EQ(unrelated.split_precision, (Ratio{0, 1}));

  EXPECT_DOUBLE_EQ(title_similarity("Penyusunan Renja", "Pengusunan Renja"), 1.0 - 1.0 / 16.0);
  EXPECT_LT(title_similarity("Penyusunan Renja", "Pengelolaan Arsip"), kMinTitleSimilarity);
}

TEST(Evaluation, NoisyTitleCountsAsRightHeaderFieldOnlyWithinTwoPercentCer) {
  const SopRecord truth = three_step_record("Penyusunan Rencana Kerja Perangkat Daerah Thn 2020");
  // 1 substitution in 50 characters: CER 0.02, still right.
  SopRecord one_slip = three_step_record("Penyusunan Rencana Kerja Perangkat Daerah Thn 2021");
  EXPECT_EQ(evaluate_one(truth, one_slip).metrics.header_fields[2], (Ratio{1, 1}));
  SopRecord two_slips = three_step_record("Pengusunan Rencana Kerja Perangkat Daerah Thn 2021");
  EXPECT_EQ(evaluate_one(truth, two_slips).metrics.header_fields[2], (Ratio{0, 1}));
}

TEST(Evaluation, BinderSopsWithEqualTitlesMatchByClosestFirstPage) {
  const SopRecord first = three_step_record("Pelayanan Informasi", {1, 2});
  const SopRecord second = three_step_record("Pelayanan Informasi", {5, 6});
  // Predicted in reverse order: page closeness, not order, decides.
  const EvaluationReport report =
      evaluate(truth_of({first, second}), predictions_of({second, first}));
  EXPECT_EQ(report.documents[0].sops[0].predicted_line, 2);
  EXPECT_EQ(report.documents[0].sops[1].predicted_line, 1);
}

TEST(Evaluation, NullTitleMatchesByPageOverlap) {
  const SopRecord truth = three_step_record("Penyusunan Renja", {3, 4});
  SopRecord predicted = three_step_record("ignored", {4});
  predicted.header.title = std::nullopt;
  const EvaluationReport report = evaluate_one(truth, predicted);
  EXPECT_EQ(report.split_recall, (Ratio{1, 1}));
  EXPECT_EQ(report.documents[0].sops[0].matched_by, MatchMethod::pages);
  EXPECT_EQ(report.metrics.header_fields[2], (Ratio{0, 1}));  // the null title is still wrong

  predicted.source.pages = {5};
  EXPECT_EQ(evaluate_one(truth, predicted).split_recall, (Ratio{0, 1}));
}

TEST(Evaluation, PredictionsBelongToDocumentsByFileNameAndOthersAreCounted) {
  SopRecord elsewhere = three_step_record();
  elsewhere.source.file = "/mnt/scans/single-renja.pdf";  // another directory, same file name
  SopRecord unknown = three_step_record();
  unknown.source.file = "archive/other.pdf";
  const EvaluationReport report =
      evaluate(truth_of({three_step_record()}), predictions_of({elsewhere, unknown}));
  EXPECT_EQ(report.split_recall, (Ratio{1, 1}));
  EXPECT_EQ(report.split_precision, (Ratio{1, 1}));
  EXPECT_EQ(report.unknown_document_predictions, (std::map<std::string, int>{{"other.pdf", 1}}));
  EXPECT_EQ(report.predictions_read, 2);
}

TEST(Evaluation, TruthEdgesToMissingStepsAreReported) {
  SopRecord truth = three_step_record();
  truth.steps[2].next = {Edge{9, std::nullopt, std::nullopt}};
  const EvaluationReport report = evaluate_one(truth, truth);
  ASSERT_EQ(report.truth_problems.size(), 1u);
  EXPECT_NE(report.truth_problems[0].find("/steps/2/next/0"), std::string::npos);
  // Unmatchable on both sides: a false negative and a false positive.
  EXPECT_EQ(report.metrics.edges, (ItemCounts{3, 1, 1}));
}

// ---------------------------------------------------------------------------------------------
// Text

TEST(TextCompare, OneSubstitutionInTenCharactersIsCerOneTenth) {
  EXPECT_DOUBLE_EQ(character_error_rate("Penyusunan", "Pengusunan"), 0.1);
  // Code points, not bytes: "é" is two bytes in UTF-8 but one character.
  EXPECT_DOUBLE_EQ(character_error_rate("Kécamatan1", "Kecamatan1"), 0.1);
  EXPECT_DOUBLE_EQ(character_error_rate("Renja", "Renja"), 0.0);
  EXPECT_DOUBLE_EQ(character_error_rate("", ""), 0.0);
  EXPECT_DOUBLE_EQ(character_error_rate("", "x"), 1.0);
}

TEST(TextCompare, ActivityCerSumsDistancesOverTruthCharacters) {
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.steps[2].activity = "Menetapkan Renjq";
  const EvaluationReport report = evaluate_one(truth, predicted);
  EXPECT_EQ(report.metrics.activity_cer, (Ratio{1, kActivityCharacters}));
  EXPECT_EQ(report.metrics.activity_exact, (Ratio{2, 3}));
}

TEST(TextCompare, NormalisationComposesAndCollapsesWhitespace) {
  EXPECT_EQ(normalize_text("  Kepala\t Dinas\n"), U"Kepala Dinas");
  EXPECT_EQ(normalize_text("Caf\u0065\u0301"), U"Caf\u00E9");
  EXPECT_EQ(normalize_text("A\u00A0B"), U"A B");  // no-break space
  // Actor compare after NFC and collapsing: equal.
  const SopRecord truth = three_step_record();
  SopRecord predicted = truth;
  predicted.steps[0].actor = " Kepala  Dinas ";
  EXPECT_EQ(evaluate_one(truth, predicted).metrics.actor_accuracy, (Ratio{3, 3}));
}

TEST(UnicodeNfc, ComposesLatinSequencesInCanonicalOrder) {
  // e + circumflex + dot below (non-canonical order) is U+1EC7 ệ.
  EXPECT_EQ(to_nfc(U"e\u0302\u0323"), U"\u1EC7");
  EXPECT_EQ(to_nfc(U"e\u0323\u0302"), U"\u1EC7");
  // Precomposed ê + dot below recomposes through the decomposition.
  EXPECT_EQ(to_nfc(U"\u00EA\u0323"), U"\u1EC7");
  // A mark with no composite stays; the ASCII letter before it is unchanged.
  EXPECT_EQ(to_nfc(U"q\u0301"), U"q\u0301");
  // Two marks of the same class: only the first composes.
  EXPECT_EQ(to_nfc(U"a\u0301\u0301"), U"\u00E1\u0301");
  EXPECT_EQ(to_nfc(U"Kepala Dinas"), U"Kepala Dinas");
}

TEST(UnicodeNfc, IsIdempotentAndRoundTripsUtf8) {
  const std::u32string samples[] = {U"Ca\u0301fe\u0301", U"\u1EC7\u0301x", U"\uAC00\u212B",
                                    U"S\u0326a\u0327"};
  for (const std::u32string& sample : samples) {
    const std::u32string once = to_nfc(sample);
    EXPECT_EQ(to_nfc(once), once);
    EXPECT_EQ(decode_utf8(encode_utf8(sample)), sample);
  }
  EXPECT_EQ(decode_utf8("\xFF"
                        "a"),
            U"\uFFFDa");                                // invalid byte
  EXPECT_EQ(decode_utf8("\xC0\x80"), U"\uFFFD\uFFFD");  // overlong NUL
}

// ---------------------------------------------------------------------------------------------
// Loaders (tests/data/evaluation/)

TEST(EvaluationInputs, InvalidJsonLinesAreCountedAndSkipped) {
  const Predictions predictions = load_predictions(kDataDir / "predictions.jsonl");
  EXPECT_EQ(predictions.invalid_json_lines, 1);
  EXPECT_EQ(predictions.failed_record_parses, 1);
  ASSERT_EQ(predictions.records.size(), 3u);
  EXPECT_EQ(predictions.records[0].line_number, 1);
  EXPECT_EQ(predictions.records[1].line_number, 5);
  ASSERT_EQ(predictions.problems.size(), 2u);
  EXPECT_NE(predictions.problems[0].find("predictions.jsonl:2: not valid JSON"), std::string::npos);
  EXPECT_NE(predictions.problems[1].find("predictions.jsonl:4: not a SOP record"),
            std::string::npos);

  const EvaluationReport report =
      evaluate(load_ground_truth(kDataDir / "truth", kDataDir / "docs.json"), predictions);
  EXPECT_EQ(report.invalid_json_lines, 1);
  EXPECT_EQ(report.failed_record_parses, 1);
  EXPECT_EQ(report.unknown_document_predictions, (std::map<std::string, int>{{"stray.pdf", 1}}));
  EXPECT_EQ(report.split_recall, (Ratio{2, 2}));
  EXPECT_EQ(report.truth_steps, 4);
  EXPECT_EQ(report.metrics.actor_accuracy, (Ratio{3, 4}));  // line 5 has one wrong actor
}

TEST(EvaluationInputs, GroundTruthReadsDocsAndTruthRecords) {
  const GroundTruth truth = load_ground_truth(kDataDir / "truth", kDataDir / "docs.json");
  ASSERT_EQ(truth.documents.size(), 2u);
  EXPECT_EQ(truth.documents[0].file, "single-renja.pdf");
  ASSERT_EQ(truth.documents[1].sops.size(), 1u);
  EXPECT_EQ(truth.documents[1].sops[0].truth_id, "arsip");
  EXPECT_EQ(truth.documents[1].sops[0].record.header.title, "Pengelolaan Arsip Dinamis");
}

TEST(EvaluationInputs, UnreadableInputsNameTheFileAndTheReason) {
  auto message_of = [](auto&& load) {
    try {
      load();
    } catch (const EvaluationInputError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message_of([] { load_predictions(kDataDir / "absent.jsonl"); }),
            (kDataDir / "absent.jsonl").string() + ": cannot open file");
  EXPECT_EQ(message_of([] { load_ground_truth(kDataDir / "truth", kDataDir / "absent.json"); }),
            (kDataDir / "absent.json").string() + ": cannot open file");
  // docs.json naming a truth record that is not there.
  EXPECT_EQ(message_of([] { load_ground_truth(kDataDir / "absent", kDataDir / "docs.json"); }),
            (kDataDir / "absent" / "renja.json").string() + ": cannot open file");
  // A truth record of the wrong shape: the record parser's pointer is in the message.
  const std::string bad_record =
      message_of([] { load_ground_truth(kDataDir / "truth", kDataDir / "docs-bad-truth.json"); });
  EXPECT_NE(bad_record.find("not-a-record.json: not a SOP record: /source: required field"),
            std::string::npos)
      << bad_record;
}

}  // namespace
}  // namespace sopocr::evaluation
