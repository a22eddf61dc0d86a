// `sopocr eval --truth DIR --docs docs.json PRED.jsonl [--json]`: scores predicted records against
// the ground truth and prints the metrics as a table, or the full report as JSON.
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "evaluation.h"

namespace sopocr::cli {
namespace {

struct EvalOptions {
  std::string truth_dir;
  std::string docs_path;
  std::string predictions_path;
  bool json = false;
};

}  // namespace

CommandRunner add_eval_command(CLI::App& app) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* command = app.add_subcommand(
      "eval", "Score predicted records (JSON Lines from `sopocr ingest`) against ground truth");
  command->add_option("--truth", options->truth_dir, "Directory of truth records, one ID.json each")
      ->required();
  command->add_option("--docs", options->docs_path, "docs.json: the documents and their SOPs")
      ->required();
  command->add_option("predictions", options->predictions_path, "Predicted records (.jsonl)")
      ->required();
  command->add_flag("--json", options->json,
                    "Print the full report as JSON: every metric with numerator and denominator, "
                    "per document and per SOP");
  return [options]() {
    evaluation::GroundTruth truth;
    evaluation::Predictions predictions;
    try {
      truth = evaluation::load_ground_truth(options->truth_dir, options->docs_path);
      predictions = evaluation::load_predictions(options->predictions_path);
    } catch (const evaluation::EvaluationInputError& error) {
      std::cerr << "sopocr eval: " << error.what() << '\n';
      return kExitUsage;
    }
    const evaluation::EvaluationReport report = evaluation::evaluate(truth, predictions);
    if (options->json) {
      std::cout << evaluation::to_json(report).dump(2) << '\n';
    } else {
      std::cout << evaluation::format_table(report);
    }
    return kExitOk;
  };
}

}  // namespace sopocr::cli
