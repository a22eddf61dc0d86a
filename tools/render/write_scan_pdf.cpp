#include "write_scan_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cstdint>

#include "fixture_manifest.h"
#include "pinned_pdf.h"

namespace sopocr::fixtures {
namespace {

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

// A lossless page (bilevel): Cairo compresses the surface's own pixels.
void paint_pixels(cairo_t* cr, const ScanPage& page) {
  cairo_surface_t* image =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, page.width_px, page.height_px);
  cairo_surface_flush(image);
  unsigned char* data = cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image);
  for (int y = 0; y < page.height_px; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    const unsigned char* gray = page.pixels.ptr<unsigned char>(y);
    for (int x = 0; x < page.width_px; ++x) {
      row[x] = (std::uint32_t{gray[x]} << 16) | (std::uint32_t{gray[x]} << 8) | gray[x];
    }
  }
  cairo_surface_mark_dirty(image);
  cairo_save(cr);
  cairo_scale(cr, page.width_pt / page.width_px, page.height_pt / page.height_px);
  cairo_set_source_surface(cr, image, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_surface_destroy(image);
}

}  // namespace

void write_scan_pdf(const std::vector<ScanPage>& pages, const std::string& title,
                    const std::filesystem::path& pdf_file) {
  if (pages.empty()) throw FixtureError(pdf_file.string() + ": no pages to write");
  cairo_surface_t* surface = create_pinned_pdf(pdf_file, pages.front().width_pt,
                                               pages.front().height_pt, title, "sopocr-degrade");
  cairo_t* cr = cairo_create(surface);
  for (const ScanPage& page : pages) {
    // Sideways pages get the swapped size itself, never a /Rotate flag: a mis-fed scan.
    cairo_pdf_surface_set_size(surface, page.width_pt, page.height_pt);
    if (page.jpeg.empty()) {
      paint_pixels(cr, page);
    } else {
      paint_jpeg(cr, page);
    }
    cairo_show_page(cr);
  }
  finish_pdf(cr, surface, pdf_file);
}

}  // namespace sopocr::fixtures
