// Measures and draws wrapped text with Pango, in PDF points. The layout stage measures with it
// and the drawing stages draw with it, so a measured height is exactly the drawn height.
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include <memory>
#include <string>
#include <string_view>

namespace sopocr::fixtures {

enum class Align { left, centre, right, justify };

struct TextStyle {
  std::string family = "Liberation Sans";
  double size_pt = 8.5;
  bool bold = false;
  bool underline = false;
  Align align = Align::left;
  // Lines after the first of each paragraph start this far in: "- item" lists wrap under the
  // item's text, not under the dash.
  double hanging_indent_pt = 0;
};

class Typesetter {
 public:
  Typesetter();
  ~Typesetter();
  Typesetter(const Typesetter&) = delete;
  Typesetter& operator=(const Typesetter&) = delete;

  // Height in points of `text` wrapped to `width_pt` (newlines start new paragraphs).
  double height(std::string_view text, const TextStyle& style, double width_pt) const;
  // Width in points of the widest line of `text` when not wrapped.
  double natural_width(std::string_view text, const TextStyle& style) const;
  // Draws `text` wrapped to `width_pt` with its top-left corner at (x, y); returns the height.
  double draw(cairo_t* cr, std::string_view text, const TextStyle& style, double x, double y,
              double width_pt) const;

 private:
  struct LayoutDeleter {
    void operator()(PangoLayout* layout) const;
  };
  using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;
  LayoutPtr make_layout(std::string_view text, const TextStyle& style, double width_pt) const;

  PangoContext* context_ = nullptr;
};

}  // namespace sopocr::fixtures
