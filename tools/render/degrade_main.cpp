// sopocr-degrade: clean fixture PDFs -> image-only "scans" (skew, blur, noise, speckle, uneven
// light, broken rules, paper tone, JPEG artefacts), deterministic from each document's scan seed.
#include <CLI/CLI.hpp>
#include <iostream>

#include "fixture_manifest.h"
#include "scan_document.h"

int main(int argc, char** argv) {
  namespace fx = sopocr::fixtures;
  CLI::App app{"Degrade clean fixture PDFs into deterministic image-only scans"};
  std::filesystem::path docs_file;
  std::filesystem::path in_dir;
  std::filesystem::path out_dir;
  std::optional<std::string> only;
  app.add_option("--docs", docs_file, "docs.json: the documents and their scan settings")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--in", in_dir, "directory of clean PDFs (from sopocr-render-fixtures)")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--out", out_dir, "output directory for the scanned PDFs")->required();
  app.add_option("--only", only, "scan only the document with this id");
  CLI11_PARSE(app, argc, argv);

  try {
    for (const fx::DocumentSpec& document :
         fx::select_documents(fx::load_document_specs(docs_file), only)) {
      const auto pages = fx::scan_document(document, in_dir / document.file, out_dir);
      if (document.scan.born_digital) {
        std::cout << (out_dir / document.file).string() << ": born-digital, copied as rendered\n";
      } else {
        std::cout << (out_dir / document.file).string() << ": " << pages.size() << " pages at "
                  << document.scan.dpi << " dpi\n";
      }
    }
  } catch (const fx::FixtureError& error) {
    std::cerr << "sopocr-degrade: " << error.what() << '\n';
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "sopocr-degrade: unexpected error: " << error.what() << '\n';
    return 2;
  }
  return 0;
}
