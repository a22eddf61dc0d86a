#include "record_sink.h"

#include <stdexcept>

namespace sopocr {

std::unique_ptr<RecordSink> make_jsonl_sink(const std::filesystem::path& path, bool append);
std::unique_ptr<RecordSink> make_sqlite_sink(const std::filesystem::path& path);

std::string_view to_string(DocumentStatus status) {
  switch (status) {
    case DocumentStatus::ok:
      return "ok";
    case DocumentStatus::partial:
      return "partial";
    case DocumentStatus::failed:
      return "failed";
  }
  return "failed";
}

std::unique_ptr<RecordSink> make_record_sink(const std::string& kind,
                                             const std::filesystem::path& path,
                                             const SinkOptions& options) {
  if (kind == "jsonl") return make_jsonl_sink(path, options.append);
  if (kind == "sqlite") return make_sqlite_sink(path);
  throw std::invalid_argument("unknown sink kind '" + kind + "'; known kinds: jsonl, sqlite");
}

}  // namespace sopocr
