// sopocr: scanned PermenPAN-RB 35/2012 SOP PDFs in, validated JSON records out.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <map>

#include "commands.h"

namespace {

// Tesseract parallelises each recognition with OpenMP; with one engine per worker thread that
// oversubscribes the cores and runs several times slower (measured: 28 s vs 7 s for one
// two-page scan). libgomp reads OMP_THREAD_LIMIT only at load time, so set it and start over.
void limit_openmp_threads(char** argv) {
  if (std::getenv("OMP_THREAD_LIMIT") != nullptr) return;
  setenv("OMP_THREAD_LIMIT", "1", 1);
  execv("/proc/self/exe", argv);
  // exec failed (no /proc): carry on, only slower.
}

}  // namespace

int main(int argc, char** argv) {
  limit_openmp_threads(argv);
  CLI::App app{"sopocr: OCR ingestion of scanned Indonesian SOP documents into JSON records"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sopocr 0.1.0");

  std::map<std::string, sopocr::cli::CommandRunner> runners;
  runners["ingest"] = sopocr::cli::add_ingest_command(app);
  runners["validate"] = sopocr::cli::add_validate_command(app);
  runners["eval"] = sopocr::cli::add_eval_command(app);
  runners["export"] = sopocr::cli::add_export_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : sopocr::cli::kExitUsage;
  }
  for (const CLI::App* command : app.get_subcommands()) {
    return runners.at(command->get_name())();
  }
  return sopocr::cli::kExitUsage;
}
