// Draws routed flowchart arrows: thin orthogonal polylines with a head at the target (filled, or
// open as a chevron), and the "Ya"/"Tidak" branch labels beside decision exits.
#pragma once

#include <cairo.h>

#include <vector>

#include "page_layout.h"
#include "typesetter.h"

namespace sopocr::fixtures {

void draw_arrows(cairo_t* cr, const std::vector<ArrowRoute>& arrows, double stroke_pt,
                 const ArrowHead& head, const TextStyle& label_style, const Typesetter& typesetter);

}  // namespace sopocr::fixtures
