// End to end with the real Tesseract on a small fixture set: one single-SOP document as a clean
// render and as a degraded scan, through every stage, scored against its ground truth with the
// evaluation harness. The floors are below what the pipeline reaches today; they catch a stage
// that breaks, they are not the goals (those are measured with `sopocr eval` over all scans).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "evaluation.h"
#include "ingest.h"
#include "orientation.h"
#include "page_analysis.h"
#include "page_source.h"
#include "record_validator.h"

namespace sopocr {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = SOPOCR_FIXTURES_DIR;

struct Scored {
  DocumentResult result;
  evaluation::DocumentReport report;
};

Scored ingest_and_score(const fs::path& pdf, const std::string& document_id) {
  silence_poppler_diagnostics();
  auto ocr = make_ocr_engine("tesseract", OcrOptions{});
  IngestOptions options;
  options.dpi = 200;  // the scans' own resolutions are 200-300; 200 keeps the test quick
  Scored scored;
  scored.result = process_document(pdf, options, *ocr, [](const std::string&) {});

  const fs::path predictions = fs::path(::testing::TempDir()) / (document_id + ".jsonl");
  {
    std::ofstream out(predictions);
    for (const SopRecord& record : scored.result.records) out << to_json(record).dump() << '\n';
  }
  const evaluation::EvaluationReport report = evaluation::evaluate(
      evaluation::load_ground_truth(kFixtures / "truth", kFixtures / "docs.json"),
      evaluation::load_predictions(predictions));
  for (const evaluation::DocumentReport& document : report.documents) {
    if (document.id == document_id) scored.report = document;
  }
  return scored;
}

double value(const evaluation::Ratio& ratio) { return ratio.value().value_or(0.0); }

void expect_valid_records(const DocumentResult& result) {
  const RecordValidator validator;
  for (const SopRecord& record : result.records) {
    EXPECT_TRUE(validator.validate(to_json(record)).empty());
    EXPECT_EQ(record.source.sha256->size(), 64u);
  }
}

TEST(EndToEnd, CleanRenderOfASingleSop) {
  const Scored scored =
      ingest_and_score(fs::path(SOPOCR_CLEAN_FIXTURES_DIR) / "single-bontang-pengaduan-layanan.pdf",
                       "single-bontang-pengaduan-layanan");
  ASSERT_EQ(scored.result.status, DocumentStatus::ok) << scored.result.error;
  ASSERT_EQ(scored.result.records.size(), 1u);
  expect_valid_records(scored.result);
  const auto& metrics = scored.report.metrics;
  EXPECT_EQ(value(scored.report.split_recall), 1.0);
  EXPECT_EQ(value(metrics.step_count_exact), 1.0);
  EXPECT_GE(value(metrics.actor_accuracy), 0.75);
  EXPECT_GE(value(metrics.symbol_accuracy), 0.75);
  EXPECT_LE(value(metrics.activity_cer), 0.05);
  EXPECT_GE(value(metrics.duration_accuracy), 0.75);
  EXPECT_GE(value(metrics.header_field_accuracy()), 0.6);
}

TEST(EndToEnd, DegradedScanOfTheSameSop) {
  const Scored scored =
      ingest_and_score(fs::path(SOPOCR_SCAN_FIXTURES_DIR) / "single-bontang-pengaduan-layanan.pdf",
                       "single-bontang-pengaduan-layanan");
  ASSERT_NE(scored.result.status, DocumentStatus::failed) << scored.result.error;
  expect_valid_records(scored.result);
  EXPECT_EQ(value(scored.report.split_recall), 1.0);
  EXPECT_LE(value(scored.report.metrics.activity_cer), 0.25);
  // The arrows, traced through scan noise, across lane borders and off the page through a
  // connector, give the flow: a decision's two branches with their labels, and nothing more.
  EXPECT_GE(value(scored.report.metrics.edges.f1()), 0.9);
}

// The degraded scans turn some pages 90 degrees counter-clockwise with no /Rotate flag. Turned
// back, the same pixels are the page's upright twin: both must give the same content.
class RotatedPage : public ::testing::TestWithParam<std::pair<const char*, int>> {};

TEST_P(RotatedPage, ReadsExactlyLikeItsUprightTwin) {
  const auto& [file, page_number] = GetParam();
  silence_poppler_diagnostics();
  const auto source = open_page_source(fs::path(SOPOCR_SCAN_FIXTURES_DIR) / file);
  const PageImage sideways = source->render(page_number, 200);
  PageImage upright = rotate_clockwise(sideways, 90);
  upright.rotation_degrees = 0;

  auto ocr = make_ocr_engine("tesseract", OcrOptions{});
  const PageContent from_sideways = analyze_page(sideways, *ocr);
  const PageContent from_upright = analyze_page(upright, *ocr);
  EXPECT_EQ(from_sideways.rotation_degrees, 90);
  EXPECT_EQ(from_upright.rotation_degrees, 0);
  EXPECT_NE(from_sideways.kind, PageKind::other);
  nlohmann::json sideways_json = to_debug_json(from_sideways);
  nlohmann::json upright_json = to_debug_json(from_upright);
  sideways_json.erase("rotation_degrees");
  upright_json.erase("rotation_degrees");
  EXPECT_EQ(sideways_json, upright_json);
}

INSTANTIATE_TEST_SUITE_P(ScanFixtures, RotatedPage,
                         ::testing::Values(std::make_pair("single-bontang-kir.pdf", 1),
                                           std::make_pair("binder-pupr.pdf", 3)));

}  // namespace
}  // namespace sopocr
