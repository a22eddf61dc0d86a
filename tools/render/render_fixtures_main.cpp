// sopocr-render-fixtures: ground-truth SOP records -> clean vector PDFs in the PermenPAN-RB
// 35/2012 layout, one per document of fixtures/docs.json, each with a .layout.json beside it.
#include <CLI/CLI.hpp>
#include <iostream>

#include "fixture_manifest.h"
#include "render_document.h"

int main(int argc, char** argv) {
  namespace fx = sopocr::fixtures;
  CLI::App app{"Render ground-truth SOP records into clean fixture PDFs"};
  std::filesystem::path truth_dir;
  std::filesystem::path docs_file;
  std::filesystem::path out_dir;
  std::optional<std::string> only;
  app.add_option("--truth", truth_dir, "directory of <truth-id>.json records")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--docs", docs_file, "docs.json: the documents to render")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--out", out_dir, "output directory for <file>.pdf and <id>.layout.json")
      ->required();
  app.add_option("--only", only, "render only the document with this id");
  CLI11_PARSE(app, argc, argv);

  try {
    const fx::Typesetter typesetter;
    for (const fx::DocumentSpec& document :
         fx::select_documents(fx::load_document_specs(docs_file), only)) {
      const std::vector<fx::TruthSop> sops = fx::load_truth_sops(document, truth_dir);
      const fx::DocumentLayout layout = fx::render_document(document, sops, out_dir, typesetter);
      std::cout << (out_dir / document.file).string() << ": " << layout.pages.size() << " pages\n";
    }
  } catch (const fx::FixtureError& error) {
    std::cerr << "sopocr-render-fixtures: " << error.what() << '\n';
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "sopocr-render-fixtures: unexpected error: " << error.what() << '\n';
    return 2;
  }
  return 0;
}
