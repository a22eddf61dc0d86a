// Draws one preamble page of a regulation (Peraturan Bupati …): the regulation's title on the
// first page, then its paragraphs, justified. Text shrinks until the page holds them.
#pragma once

#include <cairo.h>

#include <string>
#include <vector>

#include "page_layout.h"
#include "typesetter.h"

namespace sopocr::fixtures {

void draw_preamble_page(cairo_t* cr, const PageLayout& page, const std::string* title,
                        const std::vector<std::string>& paragraphs, const DocumentStyle& style,
                        const Typesetter& typesetter);

}  // namespace sopocr::fixtures
