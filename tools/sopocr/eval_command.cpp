// `sopocr eval --truth DIR --docs docs.json PRED.jsonl [--json | --review-sweep]`: scores
// predicted records against the ground truth and prints the metrics as a table, or the full
// report as JSON, or how the review list would fare at each review threshold.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "commands.h"
#include "evaluation.h"
#include "field_confidence.h"

namespace sopocr::cli {
namespace {

struct EvalOptions {
  std::string truth_dir;
  std::string docs_path;
  std::string predictions_path;
  bool json = false;
  bool review_sweep = false;
  bool by_factor = false;
};

// The predictions as they would be had ingest run with `threshold`: review entries that exist
// only because their confidence fell below a higher threshold are dropped.
evaluation::Predictions at_threshold(evaluation::Predictions predictions, double threshold) {
  for (evaluation::PredictedRecord& predicted : predictions.records) {
    std::erase_if(predicted.record.review, [&](const ReviewEntry& entry) {
      return is_confidence_reason(entry.reason) && entry.confidence &&
             *entry.confidence >= threshold;
    });
  }
  return predictions;
}

// One line per threshold: review_error_recall and review_rate. Meaningful for predictions made
// with the highest threshold swept (`sopocr ingest --review-threshold 1`).
void print_review_sweep(const evaluation::GroundTruth& truth,
                        const evaluation::Predictions& predictions) {
  std::printf("%-9s  %-22s  %-22s\n", "threshold", "review_error_recall", "review_rate");
  for (int step = 0; step <= 20; ++step) {
    const double threshold = step * 0.05;
    const evaluation::EvaluationReport report =
        evaluation::evaluate(truth, at_threshold(predictions, threshold));
    const evaluation::Ratio recall = report.metrics.review_error_recall;
    const evaluation::Ratio rate = report.metrics.review_rate;
    std::printf("%-9.2f  %.4f (%4lld / %4lld)    %.4f (%4lld / %4lld)\n", threshold,
                recall.value().value_or(0.0), recall.numerator, recall.denominator,
                rate.value().value_or(0.0), rate.numerator, rate.denominator);
  }
}

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
  command->add_flag("--by-factor", options->by_factor,
                    "After the table, the main metrics per value of each factor docs.json names "
                    "for its documents (ppi band, font, rule damage, ...)");
  command->add_flag("--review-sweep", options->review_sweep,
                    "Print review_error_recall and review_rate at review thresholds 0 to 1, for "
                    "predictions ingested with --review-threshold 1");
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
    if (options->review_sweep) {
      print_review_sweep(truth, predictions);
      return kExitOk;
    }
    const evaluation::EvaluationReport report = evaluation::evaluate(truth, predictions);
    if (options->json) {
      std::cout << evaluation::to_json(report).dump(2) << '\n';
    } else {
      std::cout << evaluation::format_table(report);
      if (options->by_factor) std::cout << '\n' << evaluation::format_factor_table(report);
    }
    return kExitOk;
  };
}

}  // namespace sopocr::cli
