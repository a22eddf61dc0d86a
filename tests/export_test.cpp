// Diagram exports of a record's flow (BPMN 2.0 checked against the OMG XSD with xmllint, and
// Mermaid) and reading records back from what ingest wrote.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "flow_export.h"
#include "record_reader.h"
#include "record_sink.h"

namespace sopocr {
namespace {

namespace fs = std::filesystem;

Step make_step(int no, const std::string& activity, const std::string& actor, SymbolKind symbol,
               std::vector<Edge> next) {
  Step step;
  step.no = no;
  step.activity = activity;
  step.actor = actor;
  step.symbol = symbol;
  step.next = std::move(next);
  return step;
}

// Mulai, a draft, a check that sends it back ("Tidak") or on ("Ya"), Selesai; one step whose
// lane could not be read.
SopRecord review_loop() {
  SopRecord record;
  record.source.file = "archive/renja.pdf";
  record.source.sha256 = std::string(64, 'a');
  record.source.pages = {1};
  record.header.title = "Penyusunan Renja & \"Anggaran\"";
  record.actors = {"Kepala Dinas", "Staf"};
  record.steps = {
      make_step(1, "Mulai", "Kepala Dinas", SymbolKind::terminator, {{2, {}, {}}}),
      make_step(2, "Menyusun draft <Renja>", "Staf", SymbolKind::process, {{3, {}, {}}}),
      make_step(3, "Memeriksa draft", "Kepala Dinas", SymbolKind::decision,
                {{4, {}, "Ya"}, {2, {}, "Tidak"}, {99, {}, {}}}),
      make_step(4, "Mengarsipkan", "Staf", SymbolKind::process, {{5, {}, {}}}),
      make_step(5, "Selesai", "Kepala Dinas", SymbolKind::terminator, {}),
  };
  record.steps[3].actor.reset();
  return record;
}

fs::path temp_dir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Bpmn, LanesEventsGatewayAndNamedBranches) {
  const std::string xml = to_bpmn_xml(review_loop());
  EXPECT_TRUE(contains(xml, "<bpmn:lane id=\"Lane_0\" name=\"Kepala Dinas\">"));
  EXPECT_TRUE(contains(xml, "<bpmn:lane id=\"Lane_1\" name=\"Staf\">"));
  EXPECT_TRUE(contains(xml, "<bpmn:flowNodeRef>Step_2</bpmn:flowNodeRef>"));
  EXPECT_FALSE(contains(xml, "<bpmn:flowNodeRef>Step_3</bpmn:flowNodeRef>"));  // no actor
  EXPECT_TRUE(contains(xml, "<bpmn:startEvent id=\"Step_0\" name=\"Mulai\"/>"));
  EXPECT_TRUE(contains(xml, "<bpmn:endEvent id=\"Step_4\" name=\"Selesai\"/>"));
  EXPECT_TRUE(contains(xml, "<bpmn:exclusiveGateway id=\"Step_2\""));
  EXPECT_TRUE(contains(xml, "sourceRef=\"Step_2\" targetRef=\"Step_1\" name=\"Tidak\""));
  EXPECT_TRUE(contains(xml, "sourceRef=\"Step_2\" targetRef=\"Step_3\" name=\"Ya\""));
  EXPECT_FALSE(contains(xml, "Step_99"));  // an edge to a step that does not exist
  EXPECT_TRUE(contains(xml, "name=\"Penyusunan Renja &amp; &quot;Anggaran&quot;\""));
  EXPECT_TRUE(contains(xml, "Menyusun draft &lt;Renja&gt;"));
  EXPECT_TRUE(contains(xml, "<bpmndi:BPMNShape id=\"Lane_1_di\" bpmnElement=\"Lane_1\""));
  EXPECT_TRUE(contains(xml, "<bpmndi:BPMNEdge id=\"Flow_3_di\" bpmnElement=\"Flow_3\">"));
}

TEST(Bpmn, ValidatesAgainstTheOmgSchema) {
  const fs::path file = temp_dir("sopocr-bpmn") / "loop.bpmn";
  std::ofstream(file) << to_bpmn_xml(review_loop());
  const std::string command = "xmllint --noout --schema " SOPOCR_BPMN_XSD " " + file.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST(Bpmn, ARecordWithoutStepsOrActorsIsStillAValidDocument) {
  SopRecord empty;
  const fs::path file = temp_dir("sopocr-bpmn-empty") / "empty.bpmn";
  std::ofstream(file) << to_bpmn_xml(empty);
  const std::string command = "xmllint --noout --schema " SOPOCR_BPMN_XSD " " + file.string();
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST(Mermaid, OneSubgraphPerLaneShapesBySymbolLabelledBranches) {
  const std::string chart = to_mermaid(review_loop());
  EXPECT_EQ(chart.rfind("flowchart LR\n", 0), 0u);
  EXPECT_TRUE(contains(chart, "  subgraph lane_0[\"Kepala Dinas\"]\n    step_0([\"Mulai\"])\n"));
  EXPECT_TRUE(contains(chart, "    step_2{\"Memeriksa draft\"}\n"));
  EXPECT_TRUE(
      contains(chart, "  subgraph lane_1[\"Staf\"]\n    step_1[\"Menyusun draft <Renja>\"]\n"));
  EXPECT_TRUE(contains(chart, "  end\n  step_3[\"Mengarsipkan\"]\n"));  // outside every lane
  EXPECT_TRUE(contains(chart, "  step_2 -->|\"Tidak\"| step_1\n"));
  EXPECT_TRUE(contains(chart, "  step_0 --> step_1\n"));
  EXPECT_FALSE(contains(chart, "99"));
}

TEST(RecordReader, ReadsJsonLinesAndNamesTheBadLine) {
  const fs::path dir = temp_dir("sopocr-reader");
  const std::string line = to_json(review_loop()).dump();
  std::ofstream(dir / "good.jsonl") << line << "\n\n" << line << "\n";
  EXPECT_EQ(read_records(dir / "good.jsonl").size(), 2u);
  std::ofstream(dir / "bad.jsonl") << line << "\n{\"schema_version\": \n";
  try {
    read_records(dir / "bad.jsonl");
    FAIL() << "a broken line was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_TRUE(contains(error.what(), "bad.jsonl:2")) << error.what();
  }
  EXPECT_THROW(read_records(dir / "missing.jsonl"), std::runtime_error);
}

TEST(RecordReader, ReadsTheRecordsOfAnIngestDatabase) {
  const fs::path db = temp_dir("sopocr-reader-db") / "out.sqlite";
  DocumentResult document;
  document.file = "archive/renja.pdf";
  document.sha256 = std::string(64, 'a');
  document.page_count = 1;
  document.status = DocumentStatus::ok;
  document.records = {review_loop()};
  make_record_sink("sqlite", db)->write(document);
  const std::vector<SopRecord> records = read_records(db);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].steps[2].next, review_loop().steps[2].next);
}

}  // namespace
}  // namespace sopocr
