#include "pinned_pdf.h"

#include <cairo-pdf.h>

#include "fixture_manifest.h"

namespace sopocr::fixtures {
namespace {

constexpr const char* kPinnedDate = "2020-01-01T00:00:00Z";

}  // namespace

cairo_surface_t* create_pinned_pdf(const std::filesystem::path& pdf_file, double width_pt,
                                   double height_pt, const std::string& title,
                                   const std::string& creator) {
  cairo_surface_t* surface = cairo_pdf_surface_create(pdf_file.c_str(), width_pt, height_pt);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, creator.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, kPinnedDate);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, kPinnedDate);
  return surface;
}

void finish_pdf(cairo_t* cr, cairo_surface_t* surface, const std::filesystem::path& pdf_file) {
  const cairo_status_t draw_status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (draw_status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS) {
    const cairo_status_t status =
        draw_status != CAIRO_STATUS_SUCCESS ? draw_status : surface_status;
    throw FixtureError(pdf_file.string() + ": cannot write PDF: " + cairo_status_to_string(status));
  }
}

}  // namespace sopocr::fixtures
