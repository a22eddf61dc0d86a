// What processing one input file produced: its records and how it went.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sop_record.h"

namespace sopocr {

enum class DocumentStatus {
  ok,       // every page processed, at least one SOP found
  partial,  // records written, but some pages or records failed (see problems)
  failed,   // nothing usable: the reason is in `error`
};

std::string_view to_string(DocumentStatus status);

struct DocumentProblem {
  std::string stage;  // "render", "analyze", "validate", ...
  int page = 0;       // 1-based; 0 when not about one page
  std::string message;
};

struct DocumentResult {
  std::filesystem::path file;
  std::string sha256;
  int page_count = 0;
  DocumentStatus status = DocumentStatus::failed;
  std::string error;  // why the document failed, naming what to do
  std::vector<DocumentProblem> problems;
  std::vector<SopRecord> records;
};

}  // namespace sopocr
