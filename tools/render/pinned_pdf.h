// A Cairo PDF file whose bytes depend only on what is drawn: fixed creation and modification
// dates, so rebuilding a fixture gives a byte-identical PDF. Shared by the renderer and the
// degrader.
#pragma once

#include <cairo.h>

#include <filesystem>
#include <string>

namespace sopocr::fixtures {

// A PDF surface for `pdf_file` whose first page is `width_pt` x `height_pt`, with title and
// creator set and the dates pinned. Each page's size can be changed before drawing it.
cairo_surface_t* create_pinned_pdf(const std::filesystem::path& pdf_file, double width_pt,
                                   double height_pt, const std::string& title,
                                   const std::string& creator);

// Destroys `cr`, finishes and destroys `surface`; throws FixtureError naming `pdf_file` when
// drawing or writing failed.
void finish_pdf(cairo_t* cr, cairo_surface_t* surface, const std::filesystem::path& pdf_file);

}  // namespace sopocr::fixtures
