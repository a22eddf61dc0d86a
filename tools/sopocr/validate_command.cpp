// `sopocr validate FILE...`: checks JSON or JSON Lines files against the record schema.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "record_validator.h"

namespace sopocr::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  bool quiet = false;
};

// Validates one JSON document; prints its violations prefixed with `where`. Returns its count.
int report_violations(const RecordValidator& validator, const nlohmann::json& document,
                      const std::string& where) {
  const std::vector<SchemaViolation> violations = validator.validate(document);
  for (const SchemaViolation& violation : violations) {
    std::cout << where << ": " << (violation.pointer.empty() ? "/" : violation.pointer) << ": "
              << violation.message << '\n';
  }
  return static_cast<int>(violations.size());
}

// A .jsonl file holds one record per line; anything else is one JSON document, a record or an
// array of records. Returns the number of invalid records (unreadable files count as one).
int validate_file(const RecordValidator& validator, const std::string& path, int& records_seen) {
  std::ifstream in(path);
  if (!in) {
    std::cout << path << ": cannot open file\n";
    return 1;
  }
  int invalid = 0;
  if (std::filesystem::path(path).extension() == ".jsonl") {
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const std::string where = path + ":" + std::to_string(line_number);
      ++records_seen;
      nlohmann::json document = nlohmann::json::parse(line, nullptr, false);
      if (document.is_discarded()) {
        std::cout << where << ": not valid JSON\n";
        ++invalid;
        continue;
      }
      invalid += report_violations(validator, document, where) > 0 ? 1 : 0;
    }
    return invalid;
  }
  nlohmann::json document = nlohmann::json::parse(in, nullptr, false);
  if (document.is_discarded()) {
    std::cout << path << ": not valid JSON\n";
    ++records_seen;
    return 1;
  }
  if (document.is_array()) {
    for (std::size_t i = 0; i < document.size(); ++i) {
      ++records_seen;
      const std::string where = path + "[" + std::to_string(i) + "]";
      invalid += report_violations(validator, document[i], where) > 0 ? 1 : 0;
    }
    return invalid;
  }
  ++records_seen;
  return report_violations(validator, document, path) > 0 ? 1 : 0;
}

}  // namespace

CommandRunner add_validate_command(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check records (JSON, JSON array or JSON Lines) against the record schema");
  command->add_option("files", options->files, "JSON or .jsonl files")->required();
  command->add_flag("-q,--quiet", options->quiet, "Print only violations, no summary");
  return [options]() {
    const RecordValidator validator;
    int invalid = 0;
    int records_seen = 0;
    for (const std::string& file : options->files) {
      invalid += validate_file(validator, file, records_seen);
    }
    if (!options->quiet) {
      std::cout << records_seen << " records checked, " << invalid << " invalid\n";
    }
    return invalid == 0 ? kExitOk : kExitFailures;
  };
}

}  // namespace sopocr::cli
