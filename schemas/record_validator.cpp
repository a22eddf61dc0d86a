#include "record_validator.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "record_schema_text.h"

namespace sopocr {
namespace {

// valijson reports where an error is as ["<root>", "[steps]", "[3]", "[no]"]; we report RFC 6901.
std::string pointer_from_context(const std::vector<std::string>& context) {
  std::string pointer;
  for (const std::string& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    pointer += '/';
    for (char c : part.substr(1, part.size() - 2)) {
      if (c == '~') {
        pointer += "~0";
      } else if (c == '/') {
        pointer += "~1";
      } else {
        pointer += c;
      }
    }
  }
  return pointer;
}

}  // namespace

struct RecordValidator::Compiled {
  valijson::Schema schema;
};

const nlohmann::json& record_schema() {
  static const nlohmann::json schema = nlohmann::json::parse(kRecordSchemaText);
  return schema;
}

RecordValidator::RecordValidator() : RecordValidator(record_schema()) {}

RecordValidator::RecordValidator(const nlohmann::json& schema)
    : compiled_(std::make_unique<Compiled>()) {
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  valijson::adapters::NlohmannJsonAdapter adapter(schema);
  parser.populateSchema(adapter, compiled_->schema);
}

RecordValidator::~RecordValidator() = default;
RecordValidator::RecordValidator(RecordValidator&&) noexcept = default;
RecordValidator& RecordValidator::operator=(RecordValidator&&) noexcept = default;

std::vector<SchemaViolation> RecordValidator::validate(const nlohmann::json& document) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(document);
  if (validator.validate(compiled_->schema, adapter, &results)) return {};

  std::vector<SchemaViolation> all;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    all.push_back({pointer_from_context(error.context), error.description});
  }
  // valijson also reports each enclosing object, array and oneOf branch as failed. Keep the
  // messages a person can act on: no wrappers, and a type mismatch only where it is the sole
  // complaint about that value (a oneOf's null branch always mismatches a wrong string).
  auto is_wrapper = [](const std::string& message) {
    for (const char* prefix :
         {"Failed to validate against schema associated with property name",
          "Failed to validate item #", "Failed to validate against child schema",
          "Failed to validate against any child schemas", "Failed to validate against any schemas",
          "Failed to validate against exactly one child schema"}) {
      if (message.rfind(prefix, 0) == 0) return true;
    }
    return false;
  };
  const std::string type_mismatch = "Value type not permitted by 'type' constraint.";
  std::set<std::string> pointers_with_specific_messages;
  for (const SchemaViolation& violation : all) {
    if (!is_wrapper(violation.message) && violation.message != type_mismatch) {
      pointers_with_specific_messages.insert(violation.pointer);
    }
  }
  std::vector<SchemaViolation> actionable;
  std::set<std::pair<std::string, std::string>> seen;
  for (const SchemaViolation& violation : all) {
    if (is_wrapper(violation.message)) continue;
    if (violation.message == type_mismatch &&
        pointers_with_specific_messages.count(violation.pointer) > 0) {
      continue;
    }
    if (seen.insert({violation.pointer, violation.message}).second) actionable.push_back(violation);
  }
  // A failure we could not classify still has to be reported.
  if (actionable.empty() && !all.empty()) actionable.push_back(all.front());
  std::sort(
      actionable.begin(), actionable.end(),
      [](const SchemaViolation& a, const SchemaViolation& b) { return a.pointer < b.pointer; });
  return actionable;
}

}  // namespace sopocr
