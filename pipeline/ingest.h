// `sopocr ingest` as a function: input files through every stage into the sinks.
// Stages per document: open → (per page) render → analyze_page → assemble_sops → build_record
// → validate → sinks. Documents run in parallel, one OCR engine per worker; records reach the
// sinks in input order. A document that fails is reported and the batch goes on.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "build_record.h"
#include "document_result.h"
#include "ocr_engine.h"
#include "record_sink.h"

namespace sopocr {

struct IngestOptions {
  int dpi = 300;
  int jobs = 1;
  ReviewPolicy review;
  // When set, per page <file stem>-p<page>.png (what was detected, drawn on the page) and
  // <file stem>-p<page>.json (every cell's reading).
  std::filesystem::path debug_dir;
  // Born-digital pages are read from the PDF's text layer; off, every page is OCR'd.
  bool use_text_layer = true;
  // Repairs garbled words (load_default_lexicon()); without one, words are kept as read.
  std::shared_ptr<const Lexicon> lexicon;
};

// Makes one OCR engine for one worker thread; may throw OcrError (reported before any work).
using OcrEngineFactory = std::function<std::unique_ptr<OcrEngine>()>;
// Progress and problems as human-readable lines, called from worker threads one at a time.
using ProgressReporter = std::function<void(const std::string& line)>;

struct InputFiles {
  std::vector<std::filesystem::path> files;
  std::vector<std::string> missing;  // inputs that do not exist, with the reason
  int skipped_in_directories = 0;    // files inside directories that are no PDF or image
};

// Expands directories recursively (sorted; hidden entries and files that are no PDF or image by
// content skipped) into the files to ingest. Files named explicitly are always kept, so a bad
// one gets its own error.
InputFiles collect_input_files(const std::vector<std::filesystem::path>& inputs);

// One document, start to end. Never throws for a bad document: the result says what failed.
DocumentResult process_document(const std::filesystem::path& file, const IngestOptions& options,
                                OcrEngine& ocr, const ProgressReporter& progress);

struct IngestSummary {
  std::vector<DocumentResult> documents;  // records moved out to the sinks; statuses kept
  int records_written = 0;
  int review_entries = 0;
  std::vector<std::string> sink_errors;
};

IngestSummary ingest(const std::vector<std::filesystem::path>& files, const IngestOptions& options,
                     const OcrEngineFactory& make_engine, const std::vector<RecordSink*>& sinks,
                     const ProgressReporter& progress);

}  // namespace sopocr
