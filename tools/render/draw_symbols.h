// Draws the PermenPAN-RB 35/2012 flowchart symbols as black outlines (no fill): terminator
// capsule, process rectangle, decision diamond, connector circle, off-page pentagon.
#pragma once

#include <cairo.h>

#include "page_layout.h"
#include "typesetter.h"

namespace sopocr::fixtures {

// Draws `kind` filling `box` (the box from layout is the symbol's outer extent), with the
// document's stroke weight and terminator shape.
void draw_symbol(cairo_t* cr, SymbolKind kind, const Box& box, const DocumentStyle& style);

// Draws an off-page connector with its mark ("A", "B", …) inside.
void draw_off_page_connector(cairo_t* cr, const OffPageConnector& connector,
                             const DocumentStyle& style, const TextStyle& mark_style,
                             const Typesetter& typesetter);

}  // namespace sopocr::fixtures
