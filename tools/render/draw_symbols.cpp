#include "draw_symbols.h"

#include <algorithm>
#include <numbers>

namespace sopocr::fixtures {
namespace {

void capsule_path(cairo_t* cr, const Box& box) {
  // Fully rounded ends: the radius is half the height.
  const double radius = std::min(box.height, box.width) / 2;
  const double pi = std::numbers::pi;
  cairo_new_sub_path(cr);
  cairo_arc(cr, box.right() - radius, box.centre_y(), radius, -pi / 2, pi / 2);
  cairo_arc(cr, box.x + radius, box.centre_y(), radius, pi / 2, 3 * pi / 2);
  cairo_close_path(cr);
}

// Corners rounded by a radius of about a tenth of the height, as office suites draw them.
void rounded_rectangle_path(cairo_t* cr, const Box& box) {
  const double radius = std::min(box.width, box.height) * 0.18;
  const double pi = std::numbers::pi;
  cairo_new_sub_path(cr);
  cairo_arc(cr, box.right() - radius, box.y + radius, radius, -pi / 2, 0);
  cairo_arc(cr, box.right() - radius, box.bottom() - radius, radius, 0, pi / 2);
  cairo_arc(cr, box.x + radius, box.bottom() - radius, radius, pi / 2, pi);
  cairo_arc(cr, box.x + radius, box.y + radius, radius, pi, 3 * pi / 2);
  cairo_close_path(cr);
}

void ellipse_path(cairo_t* cr, const Box& box) {
  cairo_save(cr);
  cairo_translate(cr, box.centre_x(), box.centre_y());
  cairo_scale(cr, box.width / 2, box.height / 2);
  cairo_new_sub_path(cr);
  cairo_arc(cr, 0, 0, 1, 0, 2 * std::numbers::pi);
  cairo_close_path(cr);
  cairo_restore(cr);
}

void diamond_path(cairo_t* cr, const Box& box) {
  cairo_move_to(cr, box.centre_x(), box.y);
  cairo_line_to(cr, box.right(), box.centre_y());
  cairo_line_to(cr, box.centre_x(), box.bottom());
  cairo_line_to(cr, box.x, box.centre_y());
  cairo_close_path(cr);
}

// Square shoulders on top, a point at the bottom: the off-page connector "pointing down".
void pentagon_path(cairo_t* cr, const Box& box) {
  const double shoulder = box.y + box.height * 0.58;
  cairo_move_to(cr, box.x, box.y);
  cairo_line_to(cr, box.right(), box.y);
  cairo_line_to(cr, box.right(), shoulder);
  cairo_line_to(cr, box.centre_x(), box.bottom());
  cairo_line_to(cr, box.x, shoulder);
  cairo_close_path(cr);
}

}  // namespace

void draw_symbol(cairo_t* cr, SymbolKind kind, const Box& box, const DocumentStyle& style) {
  cairo_save(cr);
  cairo_new_path(cr);
  switch (kind) {
    case SymbolKind::terminator:
      switch (style.terminator) {
        case TerminatorShape::capsule:
          capsule_path(cr, box);
          break;
        case TerminatorShape::rounded_rectangle:
          rounded_rectangle_path(cr, box);
          break;
        case TerminatorShape::ellipse:
          ellipse_path(cr, box);
          break;
      }
      break;
    case SymbolKind::process:
      cairo_rectangle(cr, box.x, box.y, box.width, box.height);
      break;
    case SymbolKind::decision:
      diamond_path(cr, box);
      break;
    case SymbolKind::connector:
      cairo_new_sub_path(cr);
      cairo_arc(cr, box.centre_x(), box.centre_y(), std::min(box.width, box.height) / 2, 0,
                2 * std::numbers::pi);
      cairo_close_path(cr);
      break;
    case SymbolKind::off_page_connector:
      pentagon_path(cr, box);
      break;
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, style.symbol_stroke_pt);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr);
  cairo_restore(cr);
}

void draw_off_page_connector(cairo_t* cr, const OffPageConnector& connector,
                             const DocumentStyle& style, const TextStyle& mark_style,
                             const Typesetter& typesetter) {
  draw_symbol(cr, SymbolKind::off_page_connector, connector.box, style);
  TextStyle mark = mark_style;
  mark.align = Align::centre;
  // The mark sits in the square part, above the point.
  const double text_height = typesetter.height(connector.mark, mark, connector.box.width);
  const double top = connector.box.y + (connector.box.height * 0.62 - text_height) / 2;
  typesetter.draw(cr, connector.mark, mark, connector.box.x, top, connector.box.width);
}

}  // namespace sopocr::fixtures
