// Validates JSON against schemas/sop-record.schema.json (compiled into the library).
// Returns every violation with the JSON Pointer of the offending value.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sopocr {

struct SchemaViolation {
  std::string pointer;  // RFC 6901 pointer into the validated document; "" is the root
  std::string message;
};

// The record schema as shipped with this build.
const nlohmann::json& record_schema();

class RecordValidator {
 public:
  RecordValidator();  // uses record_schema()
  explicit RecordValidator(const nlohmann::json& schema);
  ~RecordValidator();
  RecordValidator(RecordValidator&&) noexcept;
  RecordValidator& operator=(RecordValidator&&) noexcept;

  // Empty when the document is a valid record.
  std::vector<SchemaViolation> validate(const nlohmann::json& document) const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace sopocr
