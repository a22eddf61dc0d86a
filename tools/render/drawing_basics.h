// Small drawing helpers shared by the page drawers: table rules and text placed in a cell.
#pragma once

#include <cairo.h>

#include <string_view>

#include "page_layout.h"
#include "typesetter.h"

namespace sopocr::fixtures {

// How a line is stroked: weight, dash pattern and grey (0 black).
struct Pen {
  double width_pt = 0.6;
  RuleDash dash = RuleDash::solid;
  double grey = 0;
};

// The document's pen for table rules of weight `width_pt`.
Pen rule_pen(const DocumentStyle& style, double width_pt);

void stroke_line(cairo_t* cr, double x0, double y0, double x1, double y1, const Pen& pen);
void stroke_box(cairo_t* cr, const Box& box, const Pen& pen);

enum class VerticalAlign { top, middle };

// Draws `text` inside `cell`, padded by `padding_pt`, wrapped to the padded width.
void draw_cell_text(cairo_t* cr, const Typesetter& typesetter, std::string_view text,
                    const TextStyle& style, const Box& cell, double padding_pt,
                    VerticalAlign vertical = VerticalAlign::top);

}  // namespace sopocr::fixtures
