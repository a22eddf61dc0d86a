// Draws an SOP identity page (A4/F4 portrait, PermenPAN-RB 35/2012): the institution block with a
// placeholder emblem beside the key/value table (Nomor SOP … Nama SOP), then the two-column grid
// Dasar Hukum | Kualifikasi Pelaksana, Keterkaitan | Peralatan / Perlengkapan, Peringatan |
// Pencatatan dan Pendataan. Text shrinks until the page holds everything.
#pragma once

#include <cairo.h>

#include "page_layout.h"
#include "sop_record.h"
#include "typesetter.h"

namespace sopocr::fixtures {

void draw_identity_page(cairo_t* cr, const PageLayout& page, const SopRecord& record,
                        const DocumentStyle& style, const Typesetter& typesetter);

}  // namespace sopocr::fixtures
