#include "draw_arrows.h"

#include <cmath>

namespace sopocr::fixtures {
namespace {

constexpr double kHeadLengthPt = 5.0;
constexpr double kHeadHalfWidthPt = 2.2;

void draw_polyline_with_head(cairo_t* cr, const std::vector<Point>& points, double stroke_pt) {
  const Point& tip = points.back();
  const Point& before = points[points.size() - 2];
  const double dx = tip.x - before.x;
  const double dy = tip.y - before.y;
  const double length = std::hypot(dx, dy);
  const double ux = dx / length;
  const double uy = dy / length;
  // Stop the line at the head's base so its butt end does not show through the point.
  const double head = std::min(kHeadLengthPt, length);

  cairo_new_path(cr);
  cairo_move_to(cr, points.front().x, points.front().y);
  for (std::size_t i = 1; i + 1 < points.size(); ++i) cairo_line_to(cr, points[i].x, points[i].y);
  cairo_line_to(cr, tip.x - ux * head, tip.y - uy * head);
  cairo_set_line_width(cr, stroke_pt);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr);

  cairo_new_path(cr);
  cairo_move_to(cr, tip.x, tip.y);
  cairo_line_to(cr, tip.x - ux * head - uy * kHeadHalfWidthPt,
                tip.y - uy * head + ux * kHeadHalfWidthPt);
  cairo_line_to(cr, tip.x - ux * head + uy * kHeadHalfWidthPt,
                tip.y - uy * head - ux * kHeadHalfWidthPt);
  cairo_close_path(cr);
  cairo_fill(cr);
}

}  // namespace

void draw_arrows(cairo_t* cr, const std::vector<ArrowRoute>& arrows, double stroke_pt,
                 const TextStyle& label_style, const Typesetter& typesetter) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const ArrowRoute& arrow : arrows) {
    if (arrow.points.size() < 2) continue;
    draw_polyline_with_head(cr, arrow.points, stroke_pt);
    if (arrow.label) {
      typesetter.draw(cr, *arrow.label, label_style, arrow.label_box.x, arrow.label_box.y, -1);
    }
  }
  cairo_restore(cr);
}

}  // namespace sopocr::fixtures
