#include "typesetter.h"

#include <pango/pangocairo.h>

#include <stdexcept>

namespace sopocr::fixtures {
namespace {

PangoAlignment pango_alignment(Align align) {
  switch (align) {
    case Align::centre:
      return PANGO_ALIGN_CENTER;
    case Align::right:
      return PANGO_ALIGN_RIGHT;
    case Align::left:
    case Align::justify:
      return PANGO_ALIGN_LEFT;
  }
  return PANGO_ALIGN_LEFT;
}

int to_pango_units(double points) { return static_cast<int>(points * PANGO_SCALE + 0.5); }

}  // namespace

void Typesetter::LayoutDeleter::operator()(PangoLayout* layout) const { g_object_unref(layout); }

Typesetter::Typesetter() {
  // A private font map at 72 dpi makes one Pango unit of size one PDF point. Hinting is off so
  // that metrics do not depend on the surface: measuring and drawing agree to the point.
  PangoFontMap* font_map = pango_cairo_font_map_new();
  context_ = pango_font_map_create_context(font_map);
  g_object_unref(font_map);
  if (context_ == nullptr) throw std::runtime_error("Pango: cannot create a font context");
  pango_cairo_context_set_resolution(context_, 72.0);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
}

Typesetter::~Typesetter() { g_object_unref(context_); }

Typesetter::LayoutPtr Typesetter::make_layout(std::string_view text, const TextStyle& style,
                                              double width_pt) const {
  LayoutPtr layout(pango_layout_new(context_));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, style.family.c_str());
  pango_font_description_set_absolute_size(font, style.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);

  if (style.underline) {
    PangoAttrList* attributes = pango_attr_list_new();
    pango_attr_list_insert(attributes, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
    pango_layout_set_attributes(layout.get(), attributes);
    pango_attr_list_unref(attributes);
  }
  if (width_pt > 0) {
    pango_layout_set_width(layout.get(), to_pango_units(width_pt));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout.get(), pango_alignment(style.align));
  pango_layout_set_justify(layout.get(), style.align == Align::justify);
  if (style.hanging_indent_pt > 0) {
    pango_layout_set_indent(layout.get(), -to_pango_units(style.hanging_indent_pt));
  }
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  return layout;
}

double Typesetter::height(std::string_view text, const TextStyle& style, double width_pt) const {
  if (text.empty()) return 0;
  LayoutPtr layout = make_layout(text, style, width_pt);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

double Typesetter::natural_width(std::string_view text, const TextStyle& style) const {
  if (text.empty()) return 0;
  LayoutPtr layout = make_layout(text, style, -1);
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

double Typesetter::draw(cairo_t* cr, std::string_view text, const TextStyle& style, double x,
                        double y, double width_pt) const {
  if (text.empty()) return 0;
  LayoutPtr layout = make_layout(text, style, width_pt);
  cairo_save(cr);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  cairo_restore(cr);
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout.get(), &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

}  // namespace sopocr::fixtures
