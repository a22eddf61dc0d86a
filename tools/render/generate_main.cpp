// sopocr-generate: the randomised evaluation set. For each seed, draws one SOP document (content
// recombined from the curated truth, look and scan drawn at random) and writes its truth record
// and docs.json entry; sopocr-render-fixtures and sopocr-degrade then make the scan.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <optional>

#include "fixture_manifest.h"
#include "layout.h"
#include "random_document.h"
#include "typesetter.h"

namespace {

namespace fx = sopocr::fixtures;

std::vector<sopocr::SopRecord> load_pool_records(const std::filesystem::path& pool_dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(pool_dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // directory order is not stable across machines
  std::vector<sopocr::SopRecord> records;
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file);
    try {
      records.push_back(sopocr::record_from_json(nlohmann::json::parse(in)));
    } catch (const std::exception& error) {
      throw fx::FixtureError(file.string() + ": not a SOP record: " + error.what());
    }
  }
  return records;
}

// source.pages: the identity page and the fewest step pages whose rows fit at the drawn text
// size. Where none does (many lanes at a large size), the fewest that fit at all, at the smaller
// size the layout then shrinks to, which the factors record. The style keeps the size drawn:
// the layout scales symbols and rows by the shrunk size against it, so a style rewritten to the
// shrunk size would lay out larger than what was fitted.
void fit_pages(fx::RandomDocument& document, const fx::Typesetter& typesetter) {
  const fx::DocumentSpec spec = fx::document_from_json(document.docs_entry, 0);
  const double wanted_pt = fx::style_for_document(spec).table_font_pt;
  const std::size_t steps = document.truth.steps.size();
  std::optional<std::pair<std::vector<int>, double>> smaller;  // pages, the size they fit at
  std::string last_error;
  for (std::size_t step_pages = 1; step_pages <= steps; ++step_pages) {
    std::vector<int> pages;
    for (std::size_t page = 1; page <= step_pages + 1; ++page) {
      pages.push_back(static_cast<int>(page));
    }
    document.truth.source.pages = pages;
    fx::TruthSop sop{spec.sops.front().truth_id, "generated", spec.sops.front(), document.truth};
    try {
      const fx::DocumentLayout layout = fx::layout_document(spec, {sop}, typesetter);
      double drawn_pt = wanted_pt;
      for (const fx::PageLayout& page : layout.pages) {
        if (const auto* table = std::get_if<fx::StepTablePage>(&page.content)) {
          drawn_pt = std::min(drawn_pt, table->font_pt);
        }
      }
      if (drawn_pt >= wanted_pt - 1e-9) return;
      if (!smaller) smaller = {pages, drawn_pt};
    } catch (const fx::FixtureError& error) {
      // Rows that do not fit even at the smallest text: one more page.
      last_error = error.what();
    }
  }
  if (!smaller) {
    throw fx::FixtureError("document '" + spec.id + "': its rows fit no page count (" +
                           last_error + ")");
  }
  document.truth.source.pages = smaller->first;
  document.docs_entry["factors"]["font_pt"] = fx::font_pt_factor(smaller->second);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Generate the randomised SOP evaluation set: truth records and docs.json"};
  std::filesystem::path pool_dir;
  std::filesystem::path out_dir;
  unsigned first_seed = 0;
  unsigned count = 0;
  app.add_option("--pool", pool_dir, "truth records to draw text from (fixtures/truth)")
      ->required()
      ->check(CLI::ExistingDirectory);
  app.add_option("--first-seed", first_seed, "seed of the first document")->required();
  app.add_option("--count", count, "number of documents (one SOP each)")->required();
  app.add_option("--out", out_dir, "writes OUT/docs.json and OUT/truth/<id>.json")->required();
  CLI11_PARSE(app, argc, argv);

  try {
    const fx::ContentPool pool = fx::content_pool(load_pool_records(pool_dir));
    const fx::Typesetter typesetter;
    std::filesystem::create_directories(out_dir / "truth");
    nlohmann::json docs = {{"documents", nlohmann::json::array()}};
    for (unsigned seed = first_seed; seed < first_seed + count; ++seed) {
      fx::RandomDocument document = fx::random_document(seed, pool);
      for (unsigned redraw = 1;; ++redraw) {
        try {
          fit_pages(document, typesetter);
          break;
        } catch (const fx::FixtureError&) {
          if (redraw == 10) throw;
          document = fx::random_document(seed, pool, redraw);
        }
      }
      const std::string id = document.docs_entry["id"];
      std::ofstream truth(out_dir / "truth" / (id + ".json"));
      truth << sopocr::to_json(document.truth).dump(2) << '\n';
      if (!truth)
        throw fx::FixtureError((out_dir / "truth" / (id + ".json")).string() + ": cannot write");
      docs["documents"].push_back(document.docs_entry);
    }
    std::ofstream out(out_dir / "docs.json");
    out << docs.dump(2) << '\n';
    if (!out) throw fx::FixtureError((out_dir / "docs.json").string() + ": cannot write");
    std::cout << out_dir.string() << ": " << count << " documents, seeds " << first_seed << ".."
              << first_seed + count - 1 << '\n';
  } catch (const fx::FixtureError& error) {
    std::cerr << "sopocr-generate: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
