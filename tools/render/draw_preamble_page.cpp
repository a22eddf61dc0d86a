#include "draw_preamble_page.h"

namespace sopocr::fixtures {
namespace {

constexpr double kSideMarginPt = 70;
constexpr double kTopMarginPt = 60;
constexpr double kBottomMarginPt = 60;
constexpr double kTitleGapPt = 18;
constexpr double kParagraphGapPt = 7;

double preamble(cairo_t* cr, const PageLayout& page, const std::string* title,
                const std::vector<std::string>& paragraphs, const DocumentStyle& style,
                const Typesetter& typesetter, double font_pt) {
  const double width = page.width_pt - 2 * kSideMarginPt;
  double y = kTopMarginPt;
  TextStyle body;
  body.family = style.font_family;
  body.size_pt = font_pt;
  body.align = Align::justify;
  if (title) {
    TextStyle heading = body;
    heading.bold = true;
    heading.align = Align::centre;
    heading.size_pt = font_pt + 1;
    y += cr ? typesetter.draw(cr, *title, heading, kSideMarginPt, y, width)
            : typesetter.height(*title, heading, width);
    y += kTitleGapPt;
  }
  for (const std::string& paragraph : paragraphs) {
    y += cr ? typesetter.draw(cr, paragraph, body, kSideMarginPt, y, width)
            : typesetter.height(paragraph, body, width);
    y += kParagraphGapPt;
  }
  return y;
}

}  // namespace

void draw_preamble_page(cairo_t* cr, const PageLayout& page, const std::string* title,
                        const std::vector<std::string>& paragraphs, const DocumentStyle& style,
                        const Typesetter& typesetter) {
  double font_pt = 11;
  while (font_pt > 6 && preamble(nullptr, page, title, paragraphs, style, typesetter, font_pt) >
                            page.height_pt - kBottomMarginPt) {
    font_pt -= 0.5;
  }
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  preamble(cr, page, title, paragraphs, style, typesetter, font_pt);
  cairo_restore(cr);
}

}  // namespace sopocr::fixtures
