// Where records go: JSON Lines or an embedded SQLite database, chosen by a kind string.
// Sinks receive whole documents, so a database can replace a document's records atomically.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "document_result.h"

namespace sopocr {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Writes the document's records (and, where the sink keeps them, its status). Records already
  // written for earlier documents stay intact whatever happens here. Throws std::runtime_error
  // naming the output on a write failure.
  virtual void write(const DocumentResult& document) = 0;
};

struct SinkOptions {
  bool append = false;  // JSONL: add to an existing file instead of starting it afresh
};

// Known kinds: "jsonl", "sqlite". An unknown kind throws std::invalid_argument listing them.
std::unique_ptr<RecordSink> make_record_sink(const std::string& kind,
                                             const std::filesystem::path& path,
                                             const SinkOptions& options = {});

}  // namespace sopocr
