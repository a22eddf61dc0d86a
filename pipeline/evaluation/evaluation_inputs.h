// Reads what the evaluation compares: hand-authored ground truth (fixtures/docs.json plus one
// record per SOP in a truth directory) and the JSON Lines records `sopocr ingest` wrote.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sop_record.h"

namespace sopocr::evaluation {

// An input the evaluation cannot read at all; the message names the file and the reason.
class EvaluationInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TruthSop {
  std::string truth_id;  // file stem in the truth directory
  SopRecord record;
};

// One scanned PDF and the SOPs it holds, in document order.
struct TruthDocument {
  std::string id;
  std::string file;  // file name of the PDF; predictions are matched to it by basename
  std::string kind;  // single, binder or regulation
  std::vector<TruthSop> sops;
  // How the document was made or scanned, as docs.json's "factors" name it ("ppi": "72-109",
  // "font_kind": "serif", …), for metrics broken down by factor. Empty when docs.json has none.
  std::map<std::string, std::string> factors;
};

struct GroundTruth {
  std::vector<TruthDocument> documents;
};

struct PredictedRecord {
  SopRecord record;
  int line_number = 0;  // 1-based line in the JSON Lines file, for the per-SOP report
};

struct Predictions {
  std::vector<PredictedRecord> records;
  int invalid_json_lines = 0;
  int failed_record_parses = 0;       // valid JSON that record_from_json rejected
  std::vector<std::string> problems;  // "FILE:LINE: reason" for each skipped line
};

// Reads docs_path ({"documents": [{"id", "file", "kind", "sops": [{"truth": ID}]}]}) and
// truth_dir/ID.json for each SOP. Throws EvaluationInputError when a file cannot be opened or
// parsed, or when two documents share a file name (predictions could not be told apart).
GroundTruth load_ground_truth(const std::filesystem::path& truth_dir,
                              const std::filesystem::path& docs_path);

// Reads one record per non-blank line. Lines that are not JSON, and JSON that is not a record,
// are counted and skipped. Throws EvaluationInputError only when the file cannot be opened.
Predictions load_predictions(const std::filesystem::path& jsonl_path);

}  // namespace sopocr::evaluation
