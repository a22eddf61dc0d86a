#include "rasterize.h"

#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <opencv2/imgproc.hpp>

#include "fixture_manifest.h"

namespace sopocr::fixtures {

std::unique_ptr<poppler::document> open_pdf(const std::filesystem::path& pdf_file) {
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(pdf_file.string()));
  if (!document) throw FixtureError(pdf_file.string() + ": Poppler cannot open this PDF");
  if (document->is_locked()) throw FixtureError(pdf_file.string() + ": PDF is encrypted");
  return document;
}

PageImage rasterize_page(const poppler::document& document, int page_number, int dpi,
                         const std::filesystem::path& pdf_file, bool in_colour) {
  const std::string where = pdf_file.string() + ": page " + std::to_string(page_number);
  std::unique_ptr<poppler::page> page(document.create_page(page_number - 1));
  if (!page) throw FixtureError(where + ": no such page");

  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing |
                            poppler::page_renderer::text_hinting);
  renderer.set_image_format(in_colour ? poppler::image::format_argb32
                                      : poppler::image::format_gray8);
  const poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) throw FixtureError(where + ": Poppler could not render it");

  PageImage result;
  result.page_number = page_number;
  result.dpi = dpi;
  const poppler::rectf box = page->page_rect(poppler::media_box);
  result.width_pt = box.width();
  result.height_pt = box.height();
  // Poppler's rows may be padded; wrap them with their stride, then copy out.
  const cv::Mat view(image.height(), image.width(), in_colour ? CV_8UC4 : CV_8UC1,
                     const_cast<char*>(image.const_data()),
                     static_cast<std::size_t>(image.bytes_per_row()));
  if (in_colour) {
    // ARGB32 is B, G, R, A in memory on little-endian machines, as OpenCV's BGRA.
    cv::cvtColor(view, result.colour, cv::COLOR_BGRA2BGR);
    cv::cvtColor(result.colour, result.gray, cv::COLOR_BGR2GRAY);
  } else {
    result.gray = view.clone();
  }
  return result;
}

}  // namespace sopocr::fixtures
