#include "evaluation_inputs.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace sopocr::evaluation {
namespace {

using nlohmann::json;

json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw EvaluationInputError(path.string() + ": cannot open file");
  json document = json::parse(in, nullptr, false);
  if (document.is_discarded()) throw EvaluationInputError(path.string() + ": not valid JSON");
  return document;
}

// A required string member of a docs.json entry; `where` is e.g. "docs.json: /documents/3".
std::string require_text(const json& object, const char* key, const std::string& where) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) {
    throw EvaluationInputError(where + "/" + key + ": expected a string");
  }
  return found->get<std::string>();
}

// record_from_json throws RecordFormatError for a wrong shape, and nlohmann its own exception
// for a value it cannot convert: both mean the JSON at `where` is not a SOP record.
SopRecord read_record(const json& document, const std::string& where) {
  try {
    return record_from_json(document);
  } catch (const RecordFormatError& error) {
    throw EvaluationInputError(where + ": not a SOP record: " + error.what());
  } catch (const json::exception& error) {
    throw EvaluationInputError(where + ": not a SOP record: " + error.what());
  }
}

TruthSop load_truth_sop(const std::filesystem::path& truth_dir, const std::string& truth_id) {
  const std::filesystem::path path = truth_dir / (truth_id + ".json");
  return TruthSop{truth_id, read_record(read_json_file(path), path.string())};
}

TruthDocument read_document(const json& entry, const std::string& where,
                            const std::filesystem::path& truth_dir) {
  if (!entry.is_object()) throw EvaluationInputError(where + ": expected an object");
  TruthDocument document;
  document.id = require_text(entry, "id", where);
  document.file = require_text(entry, "file", where);
  document.kind = require_text(entry, "kind", where);
  auto sops = entry.find("sops");
  if (sops == entry.end() || !sops->is_array()) {
    throw EvaluationInputError(where + "/sops: expected an array");
  }
  if (auto factors = entry.find("factors"); factors != entry.end()) {
    if (!factors->is_object()) throw EvaluationInputError(where + "/factors: expected an object");
    for (const auto& [name, value] : factors->items()) {
      if (!value.is_string()) {
        throw EvaluationInputError(where + "/factors/" + name + ": expected a string");
      }
      document.factors[name] = value.get<std::string>();
    }
  }
  for (std::size_t i = 0; i < sops->size(); ++i) {
    const std::string sop_where = where + "/sops/" + std::to_string(i);
    if (!(*sops)[i].is_object()) throw EvaluationInputError(sop_where + ": expected an object");
    document.sops.push_back(
        load_truth_sop(truth_dir, require_text((*sops)[i], "truth", sop_where)));
  }
  return document;
}

}  // namespace

GroundTruth load_ground_truth(const std::filesystem::path& truth_dir,
                              const std::filesystem::path& docs_path) {
  const json docs = read_json_file(docs_path);
  auto documents = docs.is_object() ? docs.find("documents") : docs.end();
  if (!docs.is_object() || documents == docs.end() || !documents->is_array()) {
    throw EvaluationInputError(docs_path.string() + ": expected {\"documents\": [...]}");
  }
  GroundTruth truth;
  std::set<std::string> files;
  for (std::size_t i = 0; i < documents->size(); ++i) {
    const std::string where = docs_path.string() + ": /documents/" + std::to_string(i);
    TruthDocument document = read_document((*documents)[i], where, truth_dir);
    if (!files.insert(document.file).second) {
      throw EvaluationInputError(where + "/file: '" + document.file +
                                 "' is listed twice; predictions are matched by file name");
    }
    truth.documents.push_back(std::move(document));
  }
  return truth;
}

Predictions load_predictions(const std::filesystem::path& jsonl_path) {
  std::ifstream in(jsonl_path);
  if (!in) throw EvaluationInputError(jsonl_path.string() + ": cannot open file");
  Predictions predictions;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = jsonl_path.string() + ":" + std::to_string(line_number);
    const json document = json::parse(line, nullptr, false);
    if (document.is_discarded()) {
      ++predictions.invalid_json_lines;
      predictions.problems.push_back(where + ": not valid JSON");
      continue;
    }
    try {
      predictions.records.push_back(PredictedRecord{read_record(document, where), line_number});
    } catch (const EvaluationInputError& error) {
      ++predictions.failed_record_parses;
      predictions.problems.push_back(error.what());
    }
  }
  if (in.bad()) throw EvaluationInputError(jsonl_path.string() + ": read error");
  return predictions;
}

}  // namespace sopocr::evaluation
