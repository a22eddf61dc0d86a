#include "write_scan_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include "fixture_manifest.h"

namespace sopocr::fixtures {
namespace {

constexpr const char* kPinnedDate = "2020-01-01T00:00:00Z";

// Cairo takes the JPEG from the source surface's mime data; the surface's own pixels are never
// read, but it must have the JPEG's size for Cairo to accept the substitution.
void paint_jpeg(cairo_t* cr, const ScanPage& page) {
  cairo_surface_t* image =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, page.width_px, page.height_px);
  auto* bytes = new std::vector<unsigned char>(page.jpeg);
  cairo_surface_set_mime_data(
      image, CAIRO_MIME_TYPE_JPEG, bytes->data(), bytes->size(),
      [](void* closure) { delete static_cast<std::vector<unsigned char>*>(closure); }, bytes);
  cairo_save(cr);
  cairo_scale(cr, page.width_pt / page.width_px, page.height_pt / page.height_px);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

}  // namespace

void write_scan_pdf(const std::vector<ScanPage>& pages, const std::string& title,
                    const std::filesystem::path& pdf_file) {
  if (pages.empty()) throw FixtureError(pdf_file.string() + ": no pages to write");
  cairo_surface_t* surface =
      cairo_pdf_surface_create(pdf_file.c_str(), pages.front().width_pt, pages.front().height_pt);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "sopocr-degrade");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, kPinnedDate);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, kPinnedDate);
  cairo_t* cr = cairo_create(surface);
  for (const ScanPage& page : pages) {
    // Sideways pages get the swapped size itself, never a /Rotate flag: a mis-fed scan.
    cairo_pdf_surface_set_size(surface, page.width_pt, page.height_pt);
    paint_jpeg(cr, page);
    cairo_show_page(cr);
  }
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
