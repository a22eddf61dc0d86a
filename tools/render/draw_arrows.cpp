#include "draw_arrows.h"

#include <cmath>

namespace sopocr::fixtures {
namespace {

void draw_polyline_with_head(cairo_t* cr, const std::vector<Point>& points, double stroke_pt,
                             const ArrowHead& head_style) {
  const Point& tip = points.back();
  const Point& before = points[points.size() - 2];
  const double dx = tip.x - before.x;
  const double dy = tip.y - before.y;
  const double length = std::hypot(dx, dy);
  const double ux = dx / length;
  const double uy = dy / length;
  const double head = std::min(head_style.length_pt, length);
  const double half_width = head_style.half_width_pt;

  cairo_new_path(cr);
  cairo_move_to(cr, points.front().x, points.front().y);
  for (std::size_t i = 1; i + 1 < points.size(); ++i) cairo_line_to(cr, points[i].x, points[i].y);
  // A filled head's line stops at its base, so that its butt end does not show through the
  // point; an open head's line runs on to the tip, where the arms meet it.
  const double stop = head_style.open ? 0 : head;
  cairo_line_to(cr, tip.x - ux * stop, tip.y - uy * stop);
  cairo_set_line_width(cr, stroke_pt);
  cairo_set_line_cap(cr, head_style.open ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_SQUARE);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr);

  cairo_new_path(cr);
  cairo_move_to(cr, tip.x - ux * head - uy * half_width, tip.y - uy * head + ux * half_width);
  cairo_line_to(cr, tip.x, tip.y);
  cairo_line_to(cr, tip.x - ux * head + uy * half_width, tip.y - uy * head - ux * half_width);
  if (head_style.open) {
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
  } else {
    cairo_close_path(cr);
    cairo_fill(cr);
  }
}

}  // namespace

void draw_arrows(cairo_t* cr, const std::vector<ArrowRoute>& arrows, double stroke_pt,
                 const ArrowHead& head, const TextStyle& label_style, const Typesetter& typesetter) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const ArrowRoute& arrow : arrows) {
    if (arrow.points.size() < 2) continue;
    draw_polyline_with_head(cr, arrow.points, stroke_pt, head);
    if (arrow.label) {
      typesetter.draw(cr, *arrow.label, label_style, arrow.label_box.x, arrow.label_box.y, -1);
    }
  }
  cairo_restore(cr);
}

}  // namespace sopocr::fixtures
