#include "ingest.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <opencv2/core.hpp>
#include <thread>

#include "bundle_consensus.h"
#include "assemble.h"
#include "page_analysis.h"
#include "page_source.h"
#include "record_validator.h"
#include "sha256.h"

namespace sopocr {

InputFiles collect_input_files(const std::vector<std::filesystem::path>& inputs) {
  InputFiles collected;
  std::vector<std::filesystem::path>& files = collected.files;
  for (const std::filesystem::path& input : inputs) {
    std::error_code error;
    if (std::filesystem::is_directory(input, error)) {
      std::vector<std::filesystem::path> found;
      for (auto it = std::filesystem::recursive_directory_iterator(
               input, std::filesystem::directory_options::skip_permission_denied, error);
           it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
        if (error) break;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name.front() == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (!it->is_regular_file()) continue;
        if (looks_like_document(it->path())) {
          found.push_back(it->path());
        } else {
          ++collected.skipped_in_directories;
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(input, error)) {
      files.push_back(input);
    } else {
      collected.missing.push_back(input.string() + ": no such file or directory");
    }
  }
  return collected;
}

DocumentResult process_document(const std::filesystem::path& file, const IngestOptions& options,
                                OcrEngine& ocr, const ProgressReporter& progress) {
  DocumentResult result;
  result.file = file;
  std::unique_ptr<PageSource> source;
  try {
    source = open_page_source(file);
    result.sha256 = sha256_file_hex(file);
  } catch (const DocumentError& error) {
    result.error = error.reason();
    return result;
  } catch (const std::exception& error) {
    result.error = error.what();
    return result;
  }
  result.page_count = source->page_count();

  std::vector<PageContent> pages;
  for (int page_number = 1; page_number <= result.page_count; ++page_number) {
    progress(file.string() + ": page " + std::to_string(page_number) + "/" +
             std::to_string(result.page_count));
    // A page that fails becomes a problem on the document; the other pages still count.
    try {
      PageAnalysisOptions analysis;
      if (!options.debug_dir.empty()) {
        analysis.debug_stem =
            options.debug_dir / (file.stem().string() + "-p" + std::to_string(page_number));
      }
      PageImage page = source->render(page_number, options.dpi);
      if (!options.use_text_layer) page.text_layer.clear();
      pages.push_back(analyze_page(page, ocr, analysis));
      for (const std::string& problem : pages.back().problems) {
        result.problems.push_back({"analyze", page_number, problem});
      }
    } catch (const DocumentError& error) {
      result.problems.push_back({"render", page_number, error.reason()});
    } catch (const cv::Exception& error) {
      result.problems.push_back({"analyze", page_number, std::string("OpenCV: ") + error.what()});
    } catch (const std::exception& error) {
      result.problems.push_back({"analyze", page_number, error.what()});
    }
  }

  const RecordValidator validator;
  const RecordSourceInfo source_info{file.string(), result.sha256};
  std::vector<SopRecord> built;
  std::vector<std::optional<ReadAt>> numbers_read_at;
  for (const RawSop& sop : assemble_sops(pages)) {
    built.push_back(build_record(sop, source_info, options.review, options.lexicon.get()));
    numbers_read_at.push_back(std::nullopt);
    if (!sop.identity) continue;
    const auto number = sop.identity->fields.find("sop_number");
    if (number == sop.identity->fields.end() || number->second.bbox_px.area() <= 0) continue;
    const cv::Rect& box = number->second.bbox_px;
    numbers_read_at.back() = ReadAt{number->second.page, {box.x, box.y, box.width, box.height}};
  }
  agree_on_approvers(built);
  agree_on_sop_numbers(built, numbers_read_at);
  for (SopRecord& record : built) {
    const std::vector<SchemaViolation> violations = validator.validate(to_json(record));
    if (!violations.empty()) {
      // A record the contract rejects is a bug of ours: say where, keep the others.
      result.problems.push_back({"validate",
                                 record.source.pages.empty() ? 0 : record.source.pages.front(),
                                 "record violates the schema at " + violations.front().pointer +
                                     ": " + violations.front().message});
      continue;
    }
    result.records.push_back(std::move(record));
  }

  if (result.records.empty()) {
    result.status = DocumentStatus::failed;
    const auto rejected =
        std::find_if(result.problems.begin(), result.problems.end(),
                     [](const DocumentProblem& problem) { return problem.stage == "validate"; });
    if (rejected != result.problems.end()) {
      result.error = "every SOP found was rejected by the record schema (first: page " +
                     std::to_string(rejected->page) + ": " + rejected->message + ")";
    } else if (!result.problems.empty() &&
               static_cast<int>(result.problems.size()) >= result.page_count) {
      result.error = "no page could be processed (first problem: page " +
                     std::to_string(result.problems.front().page) + ": " +
                     result.problems.front().message + ")";
    } else {
      result.error = "no SOP found: none of its " + std::to_string(result.page_count) +
                     " pages holds an SOP identity table or step table";
    }
  } else {
    result.status = result.problems.empty() ? DocumentStatus::ok : DocumentStatus::partial;
  }
  return result;
}

IngestSummary ingest(const std::vector<std::filesystem::path>& files, const IngestOptions& options,
                     const OcrEngineFactory& make_engine, const std::vector<RecordSink*>& sinks,
                     const ProgressReporter& progress) {
  IngestSummary summary;
  summary.documents.resize(files.size());
  const int workers = std::max(1, std::min<int>(options.jobs, static_cast<int>(files.size())));
  // Engines first, on this thread: a missing language pack stops the run before any work.
  std::vector<std::unique_ptr<OcrEngine>> engines;
  for (int i = 0; i < workers; ++i) engines.push_back(make_engine());

  std::mutex mutex;  // guards everything below, the sinks and the progress reporter
  std::map<std::size_t, DocumentResult> finished;
  std::size_t next_to_write = 0;
  std::atomic<std::size_t> next_to_start{0};
  auto report = [&](const std::string& line) {
    std::lock_guard lock(mutex);
    progress(line);
  };
  // Writes finished documents in input order; called with the mutex held.
  auto write_ready = [&] {
    for (auto it = finished.find(next_to_write); it != finished.end();
         it = finished.find(next_to_write)) {
      DocumentResult& document = it->second;
      for (RecordSink* sink : sinks) {
        try {
          sink->write(document);
        } catch (const std::exception& error) {
          summary.sink_errors.push_back(error.what());
        }
      }
      summary.records_written += static_cast<int>(document.records.size());
      for (const SopRecord& record : document.records) {
        summary.review_entries += static_cast<int>(record.review.size());
      }
      const std::string outcome = document.status == DocumentStatus::failed
                                      ? "FAILED: " + document.error
                                      : std::to_string(document.records.size()) + " SOP(s), " +
                                            std::string(to_string(document.status));
      progress("[" + std::to_string(next_to_write + 1) + "/" + std::to_string(files.size()) + "] " +
               document.file.string() + ": " + outcome);
      for (const DocumentProblem& problem : document.problems) {
        progress("    page " + std::to_string(problem.page) + " (" + problem.stage +
                 "): " + problem.message);
      }
      document.records.clear();  // written; keep the summary small
      summary.documents[next_to_write] = std::move(document);
      finished.erase(it);
      ++next_to_write;
    }
  };
  auto work = [&](OcrEngine& engine) {
    for (std::size_t index = next_to_start++; index < files.size(); index = next_to_start++) {
      DocumentResult result = process_document(files[index], options, engine, report);
      std::lock_guard lock(mutex);
      finished.emplace(index, std::move(result));
      write_ready();
    }
  };
  std::vector<std::thread> threads;
  for (int i = 1; i < workers; ++i) threads.emplace_back(work, std::ref(*engines[i]));
  work(*engines[0]);
  for (std::thread& thread : threads) thread.join();
  return summary;
}

}  // namespace sopocr
