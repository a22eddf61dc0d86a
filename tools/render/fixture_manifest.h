// Reads fixtures/docs.json (which SOPs make up which fixture document, and how to scan it) and the
// ground-truth records it names. Returns typed specs; throws FixtureError naming file and reason.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sop_record.h"

namespace sopocr::fixtures {

// Any problem with the fixture inputs or outputs. The message names the file and the reason.
class FixtureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The three document shapes of shared/spec/sop-record.md.
enum class DocumentKind { single, binder, regulation };

struct SopEntry {
  std::string truth_id;            // fixtures/truth/<truth_id>.json
  bool column_number_row = false;  // print the "1 2 3 …" row under the step-table header
};

struct RegulationFront {
  std::string title;  // "PERATURAN BUPATI … NOMOR … TAHUN …"
  std::vector<std::vector<std::string>> preamble_pages;  // paragraphs, page by page
};

struct ScanSettings {
  unsigned seed = 0;
  int dpi = 300;
  std::vector<int> rotate_pages;  // 1-based pages scanned sideways (content turned 90°)
  // Not scanned at all: the clean PDF, with its text layer, stands in the scan set as it is.
  bool born_digital = false;
  // "degradation": explicit degradation settings (the randomised set writes every one it drew);
  // read by the degrader, which names an unknown key. Empty: drawn from the seed as usual.
  nlohmann::json degradation = nlohmann::json::object();
};

struct DocumentSpec {
  std::string id;
  std::string file;  // output file name, e.g. "single-bontang-renja.pdf"
  DocumentKind kind = DocumentKind::single;
  std::vector<SopEntry> sops;
  std::optional<RegulationFront> regulation;  // only for kind == regulation
  ScanSettings scan;
  int position = 0;  // index in docs.json; picks the document's visual style
  // "style": the document's look, key by key (the randomised set writes every one it drew); read
  // by the layout, which names an unknown key. Empty: chosen from `position`.
  nlohmann::json style = nlohmann::json::object();
};

// One SOP of a document with its ground truth.
struct TruthSop {
  std::string truth_id;
  std::filesystem::path truth_file;
  SopEntry entry;
  SopRecord record;
};

// Parses docs.json. Throws FixtureError("<file>: documents[i].<field>: <reason>").
std::vector<DocumentSpec> load_document_specs(const std::filesystem::path& docs_file);

// One docs.json document entry, as load_document_specs reads it, at index `position`.
DocumentSpec document_from_json(const nlohmann::json& entry, int position);

// Loads <truth_dir>/<entry.truth_id>.json for every SOP of the document, in document order.
std::vector<TruthSop> load_truth_sops(const DocumentSpec& document,
                                      const std::filesystem::path& truth_dir);

// The documents to process: all of them, or only the one whose id is `only` (error if unknown).
std::vector<DocumentSpec> select_documents(const std::vector<DocumentSpec>& documents,
                                           const std::optional<std::string>& only);

std::string_view to_string(DocumentKind kind);

}  // namespace sopocr::fixtures
