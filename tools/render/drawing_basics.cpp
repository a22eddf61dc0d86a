#include "drawing_basics.h"

namespace sopocr::fixtures {

void stroke_line(cairo_t* cr, double x0, double y0, double x1, double y1, double width_pt) {
  cairo_new_path(cr);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  cairo_set_line_width(cr, width_pt);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
  cairo_stroke(cr);
}

void stroke_box(cairo_t* cr, const Box& box, double width_pt) {
  cairo_new_path(cr);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_set_line_width(cr, width_pt);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr);
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
