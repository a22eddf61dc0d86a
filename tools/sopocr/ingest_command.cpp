// `sopocr ingest INPUT...`: scanned SOP documents in, validated records out (JSON Lines and/or
// SQLite). Prints progress to stderr and a summary to stdout; the exit status says whether every
// document went through.
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "commands.h"
#include "ingest.h"
#include "page_source.h"

namespace sopocr::cli {
namespace {

struct IngestCommandOptions {
  std::vector<std::string> inputs;
  std::string jsonl_path;
  std::string db_path;
  int jobs = static_cast<int>(std::max(1u, std::min(2u, std::thread::hardware_concurrency())));
  int dpi = 300;
  bool append = false;
  bool quiet = false;
  std::string ocr_engine = "tesseract";
  std::string languages = "ind+eng";
  std::string debug_dir;
  bool ignore_text_layer = false;
  bool no_term_repair = false;
  double review_threshold = ReviewPolicy{}.review_threshold;
};

// The calendar year the documents are read in (UTC).
int this_year() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(today).year());
}

int run_ingest(const IngestCommandOptions& options) {
  silence_poppler_diagnostics();

  std::vector<std::filesystem::path> inputs(options.inputs.begin(), options.inputs.end());
  const InputFiles collected = collect_input_files(inputs);
  const std::vector<std::filesystem::path>& files = collected.files;
  const std::vector<std::string>& missing = collected.missing;
  for (const std::string& problem : missing) std::cerr << "sopocr ingest: " << problem << '\n';
  if (collected.skipped_in_directories > 0) {
    std::cerr << "sopocr ingest: skipped " << collected.skipped_in_directories
              << " file(s) in the input directories that are no PDF, PNG, JPEG or TIFF\n";
  }
  if (files.empty()) {
    std::cerr << "sopocr ingest: no input files\n";
    return kExitUsage;
  }

  std::string jsonl_path = options.jsonl_path;
  std::string db_path = options.db_path;
  if (jsonl_path.empty() && db_path.empty()) {
    jsonl_path = "out/records.jsonl";
    db_path = "out/records.sqlite";
  }
  std::vector<std::unique_ptr<RecordSink>> sinks;
  try {
    if (!jsonl_path.empty()) {
      sinks.push_back(make_record_sink("jsonl", jsonl_path, SinkOptions{options.append}));
    }
    if (!db_path.empty()) sinks.push_back(make_record_sink("sqlite", db_path));
  } catch (const std::exception& error) {
    std::cerr << "sopocr ingest: " << error.what() << '\n';
    return kExitUsage;
  }
  std::vector<RecordSink*> sink_pointers;
  for (const auto& sink : sinks) sink_pointers.push_back(sink.get());

  IngestOptions ingest_options;
  ingest_options.dpi = options.dpi;
  ingest_options.jobs = options.jobs;
  ingest_options.debug_dir = options.debug_dir;
  ingest_options.use_text_layer = !options.ignore_text_layer;
  ingest_options.review.review_threshold = options.review_threshold;
  ingest_options.review.latest_date_year = this_year() + 1;
  if (!options.no_term_repair) {
    try {
      ingest_options.lexicon = load_default_lexicon();
    } catch (const std::exception& error) {
      std::cerr << "sopocr ingest: " << error.what() << '\n';
      return kExitUsage;
    }
  }
  OcrOptions ocr_options;
  ocr_options.languages = options.languages;
  const auto make_engine = [&] { return make_ocr_engine(options.ocr_engine, ocr_options); };
  const bool quiet = options.quiet;
  const auto progress = [quiet](const std::string& line) {
    if (!quiet) std::cerr << line << '\n';
  };

  const auto started = std::chrono::steady_clock::now();
  IngestSummary summary;
  try {
    summary = ingest(files, ingest_options, make_engine, sink_pointers, progress);
  } catch (const std::exception& error) {
    std::cerr << "sopocr ingest: " << error.what() << '\n';
    return kExitUsage;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  int ok = 0, partial = 0, failed = 0;
  for (const DocumentResult& document : summary.documents) {
    if (document.status == DocumentStatus::ok) ++ok;
    if (document.status == DocumentStatus::partial) ++partial;
    if (document.status == DocumentStatus::failed) ++failed;
  }
  std::cout << "documents: " << files.size() << " (" << ok << " ok, " << partial << " partial, "
            << failed << " failed)\n"
            << "records written: " << summary.records_written << '\n'
            << "review entries: " << summary.review_entries << '\n';
  if (!jsonl_path.empty()) std::cout << "jsonl: " << jsonl_path << '\n';
  if (!db_path.empty()) std::cout << "sqlite: " << db_path << '\n';
  std::cout << "wall time: " << static_cast<int>(seconds * 10) / 10.0 << " s\n";
  for (const DocumentResult& document : summary.documents) {
    if (document.status == DocumentStatus::failed) {
      std::cout << "failed: " << document.file.string() << ": " << document.error << '\n';
    }
  }
  for (const std::string& error : summary.sink_errors)
    std::cout << "output error: " << error << '\n';
  const bool all_good =
      failed == 0 && partial == 0 && missing.empty() && summary.sink_errors.empty();
  return all_good ? kExitOk : kExitFailures;
}

}  // namespace

CommandRunner add_ingest_command(CLI::App& app) {
  auto options = std::make_shared<IngestCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "ingest",
      "Read scanned SOP documents (PDF, PNG, JPEG, TIFF; directories recursively) into "
      "validated records");
  command->add_option("inputs", options->inputs, "Files or directories")->required();
  command->add_option("--jsonl", options->jsonl_path, "Write records as JSON Lines to FILE");
  command->add_option("--db", options->db_path, "Write records to the SQLite database FILE");
  command->add_option("-j,--jobs", options->jobs, "Documents processed in parallel")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command->add_option("--dpi", options->dpi, "Rasterisation resolution for PDF pages")
      ->check(CLI::Range(72, 600))
      ->capture_default_str();
  command->add_flag("--append", options->append,
                    "Append to the JSONL file instead of replacing it");
  command->add_option("--ocr-engine", options->ocr_engine, "OCR engine kind")
      ->capture_default_str();
  command->add_option("--lang", options->languages, "Tesseract languages")->capture_default_str();
  command->add_option("--debug-dir", options->debug_dir,
                      "Write per page an overlay PNG of the detected tables and symbols and a "
                      "JSON of every cell's reading");
  command->add_option("--review-threshold", options->review_threshold,
                      "Review every field the pipeline is less sure of than this, in [0, 1]")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_flag("--no-term-repair", options->no_term_repair,
                    "Keep every word as read: no repair of garbled words against the lexicon");
  command->add_flag("--ignore-text-layer", options->ignore_text_layer,
                    "OCR every page, even where the PDF has a text layer (e.g. one made by "
                    "another OCR that is not trusted)");
  command->add_flag("-q,--quiet", options->quiet, "No progress lines on stderr");
  command->footer(
      "Without --jsonl and --db, writes out/records.jsonl and out/records.sqlite.\n"
      "Exit status: 0 every document processed; 1 some document failed or was partial; "
      "2 bad usage.");
  return [options] { return run_ingest(*options); };
}

}  // namespace sopocr::cli
