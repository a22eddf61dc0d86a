#include "scan_document.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "rasterize.h"
#include "write_scan_pdf.h"

namespace sopocr::fixtures {
namespace {

nlohmann::json params_json(const ScanPage& page) {
  const DegradeParams& p = page.params;
  auto r = [](double value) { return std::round(value * 1000) / 1000; };
  nlohmann::json report = {
      {"page", page.page_number},
      {"width_pt", r(page.width_pt)},
      {"height_pt", r(page.height_pt)},
      {"width_px", page.width_px},
      {"height_px", page.height_px},
      {"sideways", p.sideways},
      {"sideways_turn", p.sideways ? (p.clockwise ? "clockwise" : "counterclockwise") : "none"},
      {"skew_degrees", r(p.skew_degrees)},
      {"paper_level", r(p.paper_level)},
      {"ink_level", r(p.ink_level)},
      {"gradient_strength", r(p.gradient_strength)},
      {"vignette_strength", r(p.vignette_strength)},
      {"blur_sigma_px_at_300dpi", r(p.blur_sigma_px)},
      {"noise_sigma", r(p.noise_sigma)},
      {"speckle_per_megapixel", r(p.speckle_per_megapixel)},
      {"rule_gap_spacing_mm", r(p.rule_gap_spacing_mm)},
      {"faded_rule_fraction", r(p.faded_rule_fraction)},
      {"jpeg_quality", p.jpeg_quality},
      {"jpeg_bytes", page.jpeg.size()}};
  // The randomised set's damage, only where some is drawn: the curated fixtures' reports stay.
  if (p.bilevel) report["bilevel"] = true;
  if (p.rule_gap_max_mm != DegradeParams{}.rule_gap_max_mm) {
    report["rule_gap_max_mm"] = r(p.rule_gap_max_mm);
  }
  if (p.fade_span_max_mm > 0) report["fade_span_max_mm"] = r(p.fade_span_max_mm);
  if (p.dark_border_mm > 0) report["dark_border_mm"] = r(p.dark_border_mm);
  if (p.streaks > 0) report["streaks"] = p.streaks;
  if (p.perspective > 0) report["perspective"] = r(p.perspective);
  if (p.page_box_scale != 1) report["page_box_scale"] = r(p.page_box_scale);
  if (p.colour) report["colour"] = true;
  if (p.paper_tint > 0) report["paper_tint"] = r(p.paper_tint);
  return report;
}

}  // namespace

std::vector<ScanPage> scan_document(const DocumentSpec& document,
                                    const std::filesystem::path& clean_pdf,
                                    const std::filesystem::path& out_dir) {
  const auto pdf = open_pdf(clean_pdf);
  const int page_count = pdf->pages();
  for (int page : document.scan.rotate_pages) {
    if (page > page_count) {
      throw FixtureError(clean_pdf.string() + ": scan.rotate_pages names page " +
                         std::to_string(page) + " but the document has " +
                         std::to_string(page_count) + " pages (document '" + document.id + "')");
    }
  }
  std::filesystem::create_directories(out_dir);
  if (document.scan.born_digital) {
    std::filesystem::copy_file(clean_pdf, out_dir / document.file,
                               std::filesystem::copy_options::overwrite_existing);
    return {};
  }
  std::vector<ScanPage> pages;
  for (int number = 1; number <= page_count; ++number) {
    const std::vector<int>& sideways_pages = document.scan.rotate_pages;
    const bool sideways =
        std::find(sideways_pages.begin(), sideways_pages.end(), number) != sideways_pages.end();
    DegradeParams params;
    try {
      params = degrade_params(document.scan.seed, number, sideways, document.scan.degradation);
    } catch (const std::invalid_argument& error) {
      throw FixtureError("document '" + document.id + "': " + error.what());
    }
    const PageImage clean =
        rasterize_page(*pdf, number, document.scan.dpi, clean_pdf, params.colour);
    pages.push_back(scan_page(clean, params));
  }

  write_scan_pdf(pages, document.id, out_dir / document.file);
  nlohmann::json report = {{"document", document.id},
                           {"file", document.file},
                           {"seed", document.scan.seed},
                           {"dpi", document.scan.dpi},
                           {"pages", nlohmann::json::array()}};
  for (const ScanPage& page : pages) report["pages"].push_back(params_json(page));
  const std::filesystem::path report_file = out_dir / (document.id + ".scan.json");
  std::ofstream out(report_file);
  out << report.dump(1) << '\n';
  if (!out) throw FixtureError(report_file.string() + ": cannot write");
  return pages;
}

}  // namespace sopocr::fixtures
