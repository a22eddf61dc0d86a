// Small drawing helpers shared by the page drawers: table rules and text placed in a cell.
#pragma once

#include <cairo.h>

#include <string_view>

#include "page_layout.h"
#include "typesetter.h"

namespace sopocr::fixtures {

inline constexpr double kRulePt = 0.6;       // inner table rules
inline constexpr double kOuterRulePt = 0.9;  // a table's outer border

void stroke_line(cairo_t* cr, double x0, double y0, double x1, double y1, double width_pt);
void stroke_box(cairo_t* cr, const Box& box, double width_pt);

enum class VerticalAlign { top, middle };

// Draws `text` inside `cell`, padded by `padding_pt`, wrapped to the padded width.
void draw_cell_text(cairo_t* cr, const Typesetter& typesetter, std::string_view text,
                    const TextStyle& style, const Box& cell, double padding_pt,
                    VerticalAlign vertical = VerticalAlign::top);

}  // namespace sopocr::fixtures
