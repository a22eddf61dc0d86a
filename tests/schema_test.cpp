// The record contract: the JSON schema accepts the contract's own example and every truth fixture,
// rejects each kind of violation with the pointer of the bad value, and the typed record
// round-trips through JSON without loss.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "record_validator.h"
#include "sop_record.h"

namespace sopocr {
namespace {

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  return nlohmann::json::parse(in);
}

nlohmann::json contract_example() {
  return read_json(std::filesystem::path(SOPOCR_SOURCE_DIR) /
                   "tests/data/records/contract-example.json");
}

// The pointers of all violations, so a test can say which field must be blamed.
std::vector<std::string> violation_pointers(const nlohmann::json& document) {
  std::vector<std::string> pointers;
  for (const SchemaViolation& violation : RecordValidator().validate(document)) {
    pointers.push_back(violation.pointer);
  }
  return pointers;
}

TEST(RecordSchema, AcceptsTheContractExample) {
  EXPECT_TRUE(RecordValidator().validate(contract_example()).empty());
}

TEST(RecordSchema, AcceptsEveryTruthFixture) {
  const std::filesystem::path truth_dir = std::filesystem::path(SOPOCR_FIXTURES_DIR) / "truth";
  const RecordValidator validator;
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(truth_dir)) {
    if (entry.path().extension() != ".json") continue;
    ++checked;
    for (const SchemaViolation& violation : validator.validate(read_json(entry.path()))) {
      ADD_FAILURE() << entry.path().filename() << ": " << violation.pointer << ": "
                    << violation.message;
    }
  }
  EXPECT_GE(checked, 1) << "no truth fixtures found in " << truth_dir;
}

struct Violation {
  const char* what;
  const char* pointer;  // where the value is changed (and where the blame must land)
  nlohmann::json bad_value;
};

class RecordSchemaRejects : public ::testing::TestWithParam<Violation> {};

TEST_P(RecordSchemaRejects, NamesThePointerOfTheBadValue) {
  const Violation& violation = GetParam();
  nlohmann::json record = contract_example();
  record[nlohmann::json::json_pointer(violation.pointer)] = violation.bad_value;
  const std::vector<std::string> pointers = violation_pointers(record);
  EXPECT_NE(std::find(pointers.begin(), pointers.end(), violation.pointer), pointers.end())
      << violation.what << ": expected a violation at " << violation.pointer;
}

INSTANTIATE_TEST_SUITE_P(
    EachKind, RecordSchemaRejects,
    ::testing::Values(Violation{"impossible month", "/header/created", "2019-13-01"},
                      Violation{"date in Indonesian words", "/header/revised", "16 September 2019"},
                      Violation{"unknown symbol kind", "/steps/0/symbol", "hexagon"},
                      Violation{"step number as text", "/steps/0/no", "1"},
                      Violation{"unknown duration unit", "/steps/0/duration/unit", "fortnight"},
                      Violation{"amount on an amount-less unit",
                                "/steps/0/duration",
                                {{"text", "Sesuai kebutuhan"},
                                 {"amount", 3},
                                 {"unit", "as_needed"},
                                 {"iso8601", nullptr},
                                 {"minutes", nullptr}}},
                      Violation{"text with a trailing space", "/actors/0", "Kepala Dinas "},
                      Violation{"text with a double space", "/legal_basis/0", "UU  Nomor 25"},
                      Violation{"review path that is no JSON Pointer", "/review/0/path", "steps/4"},
                      Violation{"confidence above 1", "/review/0/confidence", 1.5},
                      Violation{"bbox with three numbers", "/review/0/bbox", {1, 2, 3}},
                      Violation{"short sha256", "/source/sha256", "abc"},
                      Violation{"no pages", "/source/pages", nlohmann::json::array()},
                      Violation{"wrong schema version", "/schema_version", "2.0"}));

TEST(RecordSchema, RejectsAnUnknownField) {
  nlohmann::json record = contract_example();
  record["steps"][0]["lane"] = "Kepala Dinas";
  const std::vector<SchemaViolation> violations = RecordValidator().validate(record);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].pointer, "/steps/0");
  EXPECT_NE(violations[0].message.find("lane"), std::string::npos) << violations[0].message;
}

TEST(RecordSchema, RejectsAMissingRequiredField) {
  nlohmann::json record = contract_example();
  record["header"].erase("title");
  const std::vector<SchemaViolation> violations = RecordValidator().validate(record);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].pointer, "/header");
  EXPECT_NE(violations[0].message.find("title"), std::string::npos) << violations[0].message;
}

TEST(SopRecord, RoundTripsThroughJsonUnchanged) {
  const nlohmann::json original = contract_example();
  const SopRecord record = record_from_json(original);
  EXPECT_EQ(to_json(record), original);
  EXPECT_EQ(record_from_json(to_json(record)), record);
}

TEST(SopRecord, PageGeometryRoundTripsAndOnlyQuarterTurnsAreValid) {
  nlohmann::json original = contract_example();
  original["source"]["page_geometry"] = {
      {{"page", 3}, {"dpi", 300}, {"rotation_degrees", 90}, {"skew_degrees", -1.25}},
      {{"page", 4},
       {"dpi", 300},
       {"rotation_degrees", 0},
       {"skew_degrees", 0},
       {"perspective", {1.02, 0.01, -20.5, -0.003, 0.98, 14, 2.5e-6, -1e-6, 1}}}};
  EXPECT_TRUE(RecordValidator().validate(original).empty());
  const SopRecord record = record_from_json(original);
  ASSERT_EQ(record.source.page_geometry.size(), 2u);
  EXPECT_EQ(record.source.page_geometry[0].rotation_degrees, 90);
  EXPECT_EQ(record.source.page_geometry[0].skew_degrees, -1.25);
  EXPECT_FALSE(record.source.page_geometry[0].perspective.has_value());
  ASSERT_TRUE(record.source.page_geometry[1].perspective.has_value());
  EXPECT_EQ((*record.source.page_geometry[1].perspective)[6], 2.5e-6);
  EXPECT_EQ(to_json(record), original);

  nlohmann::json short_matrix = original;
  short_matrix["source"]["page_geometry"][1]["perspective"] = {1, 0, 0, 0, 1, 0};
  const std::vector<std::string> matrix_pointers = violation_pointers(short_matrix);
  EXPECT_NE(std::find(matrix_pointers.begin(), matrix_pointers.end(),
                      "/source/page_geometry/1/perspective"),
            matrix_pointers.end());
  EXPECT_THROW(record_from_json(short_matrix), RecordFormatError);

  original["source"]["page_geometry"][0]["rotation_degrees"] = 45;
  const std::vector<std::string> pointers = violation_pointers(original);
  EXPECT_NE(std::find(pointers.begin(), pointers.end(), "/source/page_geometry/0/rotation_degrees"),
            pointers.end());
}

TEST(SopRecord, WritesWholeAmountsAsIntegersAndKeepsDecimals) {
  Duration duration;
  duration.text = "1,5 menit";
  duration.amount = 1.5;
  duration.unit = DurationUnit::minute;
  EXPECT_EQ(to_json(duration).at("amount").dump(), "1.5");
  duration.amount = 30;
  EXPECT_EQ(to_json(duration).at("amount").dump(), "30");
}

TEST(SopRecord, ReadErrorsNameThePointer) {
  nlohmann::json record = contract_example();
  record["steps"][1]["next"][0]["to"] = "six";
  try {
    record_from_json(record);
    FAIL() << "expected RecordFormatError";
  } catch (const RecordFormatError& error) {
    EXPECT_EQ(error.pointer(), "/steps/1/next/0/to");
  }
}

}  // namespace
}  // namespace sopocr
