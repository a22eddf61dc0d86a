// `sopocr export --format bpmn|mermaid INPUT...`: each record's flow as a diagram file.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "flow_export.h"
#include "record_reader.h"

namespace sopocr::cli {
namespace {

struct ExportOptions {
  std::string format;
  std::string out_dir = "out/diagrams";
  std::vector<std::string> inputs;
};

// "renja.pdf" with three records gives renja-1, renja-2, renja-3: stable across runs, and the
// order of a binder's SOPs.
std::string file_stem_for(const SopRecord& record, std::map<std::string, int>& seen) {
  std::string stem = std::filesystem::path(record.source.file).stem().string();
  if (stem.empty()) stem = "record";
  return stem + "-" + std::to_string(++seen[stem]);
}

}  // namespace

CommandRunner add_export_command(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand(
      "export", "Write each record's flow as a BPMN 2.0 or Mermaid diagram, one file per record");
  command->add_option("--format", options->format, "bpmn or mermaid")
      ->required()
      ->check(CLI::IsMember({"bpmn", "mermaid"}));
  command->add_option("--out", options->out_dir, "Directory for the diagram files")
      ->capture_default_str();
  command->add_option("inputs", options->inputs, "JSON Lines, SQLite database or JSON records")
      ->required();
  return [options]() {
    const bool bpmn = options->format == "bpmn";
    std::error_code error;
    std::filesystem::create_directories(options->out_dir, error);
    if (error) {
      std::cerr << options->out_dir << ": cannot create directory: " << error.message() << '\n';
      return kExitUsage;
    }
    int written = 0;
    int failed_inputs = 0;
    std::map<std::string, int> seen;
    for (const std::string& input : options->inputs) {
      std::vector<SopRecord> records;
      try {
        records = read_records(input);
      } catch (const std::exception& failure) {
        std::cerr << failure.what() << '\n';
        ++failed_inputs;
        continue;
      }
      for (const SopRecord& record : records) {
        const std::filesystem::path file =
            std::filesystem::path(options->out_dir) /
            (file_stem_for(record, seen) + (bpmn ? ".bpmn" : ".mmd"));
        std::ofstream out(file);
        out << (bpmn ? to_bpmn_xml(record) : to_mermaid(record));
        if (!out) {
          std::cerr << file.string() << ": cannot write\n";
          ++failed_inputs;
          continue;
        }
        ++written;
      }
    }
    std::cout << written << " diagrams written to " << options->out_dir << '\n';
    return failed_inputs == 0 ? kExitOk : kExitFailures;
  };
}

}  // namespace sopocr::cli
