#include "drawing_basics.h"

namespace sopocr::fixtures {

namespace {

// Strokes the current path with `pen`, leaving the context's source and dash as they were.
void stroke_with(cairo_t* cr, const Pen& pen, cairo_line_cap_t solid_cap) {
  cairo_save(cr);
  cairo_set_line_width(cr, pen.width_pt);
  if (pen.grey > 0) cairo_set_source_rgb(cr, pen.grey, pen.grey, pen.grey);
  switch (pen.dash) {
    case RuleDash::solid:
      cairo_set_line_cap(cr, solid_cap);
      break;
    case RuleDash::dashed: {
      const double pattern[] = {3 * pen.width_pt + 2.5, 2 * pen.width_pt + 1.2};
      cairo_set_dash(cr, pattern, 2, 0);
      cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
      break;
    }
    case RuleDash::dotted: {
      // Round caps on zero-length dashes draw dots one pen width wide.
      const double pattern[] = {0, 2 * pen.width_pt + 0.9};
      cairo_set_dash(cr, pattern, 2, 0);
      cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
      break;
    }
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

}  // namespace

Pen rule_pen(const DocumentStyle& style, double width_pt) {
  return Pen{width_pt, style.rule_dash, style.rule_grey};
}

void stroke_line(cairo_t* cr, double x0, double y0, double x1, double y1, const Pen& pen) {
  cairo_new_path(cr);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  stroke_with(cr, pen, CAIRO_LINE_CAP_SQUARE);
}

void stroke_box(cairo_t* cr, const Box& box, const Pen& pen) {
  cairo_new_path(cr);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  stroke_with(cr, pen, CAIRO_LINE_CAP_BUTT);
}

void draw_cell_text(cairo_t* cr, const Typesetter& typesetter, std::string_view text,
                    const TextStyle& style, const Box& cell, double padding_pt,
                    VerticalAlign vertical) {
  if (text.empty()) return;
  const double width = cell.width - 2 * padding_pt;
  double y = cell.y + padding_pt;
  if (vertical == VerticalAlign::middle) {
    y = cell.y + (cell.height - typesetter.height(text, style, width)) / 2;
  }
  typesetter.draw(cr, text, style, cell.x + padding_pt, y, width);
}

}  // namespace sopocr::fixtures
