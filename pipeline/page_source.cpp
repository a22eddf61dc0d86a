#include "page_source.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "binarize.h"

namespace sopocr {
namespace {

enum class FileKind { pdf, image, unknown };

// The page's grey pixels from a colour raster (BGR or BGRA) and, where it has any, its
// coloured ink: a signature or stamp over printed text can then be told from it.
void set_pixels(PageImage& image, const cv::Mat& colour) {
  cv::cvtColor(colour, image.gray,
               colour.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  cv::Mat coloured = coloured_ink_mask(colour);
  if (cv::countNonZero(coloured) > 0) {
    image.coloured_ink = std::move(coloured);
    image.without_coloured_ink = black_ink_only(colour, image.coloured_ink);
  }
}

FileKind sniff_kind(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 8> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  const auto read = in.gcount();
  auto starts_with = [&](std::initializer_list<unsigned char> magic) {
    if (read < static_cast<std::streamsize>(magic.size())) return false;
    return std::equal(magic.begin(), magic.end(), head.begin());
  };
  if (starts_with({'%', 'P', 'D', 'F'})) return FileKind::pdf;
  if (starts_with({0x89, 'P', 'N', 'G'}) || starts_with({0xFF, 0xD8, 0xFF}) ||
      starts_with({'I', 'I', 42, 0}) || starts_with({'M', 'M', 0, 42})) {
    return FileKind::image;
  }
  return FileKind::unknown;
}

// The page's text layer in pixels at `dpi`. Poppler lays the words out on the page as displayed
// (its /Rotate applied), the same frame as the rendered raster. Words set at an angle to the
// page are left out: the raster's cells are read upright.
std::vector<LayerWord> text_layer(const poppler::page& page, int dpi) {
  std::vector<LayerWord> words;
  const double scale = dpi / 72.0;
  for (const poppler::text_box& box : page.text_list()) {
    if (box.rotation() != 0) continue;
    const poppler::byte_array utf8 = box.text().to_utf8();
    LayerWord word;
    word.text.assign(utf8.begin(), utf8.end());
    const poppler::rectf bbox = box.bbox();
    word.bbox_px = cv::Rect(
        cv::Point(static_cast<int>(bbox.left() * scale), static_cast<int>(bbox.top() * scale)),
        cv::Point(static_cast<int>(std::ceil(bbox.right() * scale)),
                  static_cast<int>(std::ceil(bbox.bottom() * scale))));
    if (!word.text.empty() && word.bbox_px.area() > 0) words.push_back(std::move(word));
  }
  return words;
}

// How much larger the paper is than the page box says. A scan embedded at 72 ppi makes a box
// larger than the paper by its resolution over 72 (a 300-ppi A4 scan a 32-inch "page", a 96-ppi
// one a 15.6-inch page), one embedded at 600 a box half of it; rendering such a box at the
// requested resolution blows the image up into grey ramps or shrinks its text below legibility,
// and every threshold measured in inches is wrong by the same factor. A box whose long side no
// SOP's paper has (under 7 or over 17.5 inches: A3 is 16.5) is taken to be the paper of the
// nearest shape: A4, F4, Letter or Legal; so is a box of exactly one of those shapes at a size
// no paper of that shape has (a cropped or photographed page has a shape of its own).
double paper_scale(double width_pt, double height_pt) {
  struct Paper {
    double long_in;
    double short_in;
    double aspect() const { return long_in / short_in; }
  };
  static constexpr Paper kSopPapers[] = {{11.69, 8.27}, {12.99, 8.46}, {11.0, 8.5}, {14.0, 8.5}};
  // Papers a true box may also have: A3, A5, B4, B5, Tabloid.
  static constexpr Paper kOtherPapers[] = {
      {16.54, 11.69}, {8.27, 5.83}, {13.9, 9.84}, {9.84, 6.93}, {17.0, 11.0}};
  constexpr double kSameShape = 0.005;  // relative aspect difference of one paper shape
  constexpr double kSameSize = 0.02;    // relative long-side difference of one paper size
  const double long_in = std::max(width_pt, height_pt) / 72.0;
  const double short_in = std::min(width_pt, height_pt) / 72.0;
  if (short_in <= 0) return 1.0;
  const Paper box{long_in, short_in};
  const auto same_shape = [&](const Paper& paper) {
    return std::abs(paper.aspect() - box.aspect()) <= kSameShape * paper.aspect();
  };
  if (long_in >= 7.0 && long_in <= 17.5) {
    const Paper* shape = nullptr;
    for (const Paper& paper : kSopPapers) {
      if (same_shape(paper)) shape = &paper;
    }
    if (shape == nullptr) return 1.0;
    const auto is_paper = [&](const Paper& paper) {
      return same_shape(paper) && std::abs(paper.long_in - long_in) <= kSameSize * paper.long_in;
    };
    if (std::any_of(std::begin(kSopPapers), std::end(kSopPapers), is_paper) ||
        std::any_of(std::begin(kOtherPapers), std::end(kOtherPapers), is_paper)) {
      return 1.0;
    }
    return shape->long_in / long_in;
  }
  const Paper* nearest = &kSopPapers[0];
  for (const Paper& paper : kSopPapers) {
    if (std::abs(paper.aspect() - box.aspect()) < std::abs(nearest->aspect() - box.aspect())) {
      nearest = &paper;
    }
  }
  return nearest->long_in / long_in;
}

class PdfPageSource final : public PageSource {
 public:
  explicit PdfPageSource(const std::filesystem::path& file) : file_(file) {
    document_.reset(poppler::document::load_from_file(file.string()));
    if (!document_) {
      throw DocumentError(file,
                          "the PDF is damaged and cannot be opened (try repairing it, "
                          "e.g. with qpdf or by re-saving it)");
    }
    if (document_->is_locked()) {
      throw DocumentError(file,
                          "the PDF is encrypted with a password; decrypt it first "
                          "(e.g. qpdf --decrypt --password=... in.pdf out.pdf)");
    }
    if (document_->pages() == 0) throw DocumentError(file, "the PDF has no pages");
  }

  int page_count() const override { return document_->pages(); }

  PageImage render(int page_number, int dpi) const override {
    std::unique_ptr<poppler::page> page(document_->create_page(page_number - 1));
    if (!page) {
      throw DocumentError(file_, "page " + std::to_string(page_number) + " cannot be read");
    }
    poppler::page_renderer renderer;
    renderer.set_image_format(poppler::image::format_argb32);
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    const poppler::rectf box = page->page_rect();
    const int box_dpi =
        std::max(1, static_cast<int>(std::lround(dpi * paper_scale(box.width(), box.height()))));
    const poppler::image raster = renderer.render_page(page.get(), box_dpi, box_dpi);
    if (!raster.is_valid() || raster.width() <= 0 || raster.height() <= 0) {
      throw DocumentError(file_, "page " + std::to_string(page_number) + " could not be rendered");
    }
    // ARGB32 is B, G, R, A in memory on the little-endian machines Debian runs on.
    const cv::Mat view(raster.height(), raster.width(), CV_8UC4,
                       const_cast<char*>(raster.const_data()), raster.bytes_per_row());
    PageImage image;
    image.page_number = page_number;
    image.dpi = dpi;
    image.box_dpi = box_dpi;
    set_pixels(image, view);
    image.text_layer = text_layer(*page, box_dpi);
    return image;
  }

 private:
  std::filesystem::path file_;
  std::unique_ptr<poppler::document> document_;
};

// A raster scan (PNG, JPEG, or TIFF with one or more pages). Its resolution is estimated from
// its size on the assumption that the page is A4-like: 11.7 inches on the long side.
class ImagePageSource final : public PageSource {
 public:
  explicit ImagePageSource(const std::filesystem::path& file) : file_(file) {
    page_count_ = static_cast<int>(cv::imcount(file.string(), cv::IMREAD_COLOR));
    if (page_count_ <= 0) throw DocumentError(file, "the image cannot be decoded");
  }

  int page_count() const override { return page_count_; }

  PageImage render(int page_number, int /*dpi*/) const override {
    std::vector<cv::Mat> pages;
    cv::imreadmulti(file_.string(), pages, page_number - 1, 1, cv::IMREAD_COLOR);
    if (pages.empty() || pages.front().empty()) {
      throw DocumentError(file_,
                          "image page " + std::to_string(page_number) + " cannot be decoded");
    }
    PageImage image;
    image.page_number = page_number;
    set_pixels(image, pages.front());
    image.dpi = std::max(100, static_cast<int>(std::max(image.gray.cols, image.gray.rows) / 11.7));
    return image;
  }

 private:
  std::filesystem::path file_;
  int page_count_ = 0;
};

void ignore_poppler_message(const std::string& /*message*/, void* /*closure*/) {}

}  // namespace

DocumentError::DocumentError(const std::filesystem::path& file, const std::string& reason)
    : std::runtime_error(file.string() + ": " + reason), reason_(reason) {}

std::unique_ptr<PageSource> open_page_source(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    throw DocumentError(file, "no such file");
  }
  if (std::filesystem::file_size(file, error) == 0) throw DocumentError(file, "the file is empty");
  switch (sniff_kind(file)) {
    case FileKind::pdf:
      return std::make_unique<PdfPageSource>(file);
    case FileKind::image:
      return std::make_unique<ImagePageSource>(file);
    case FileKind::unknown:
      break;
  }
  throw DocumentError(file, "not a PDF, PNG, JPEG or TIFF file");
}

bool looks_like_document(const std::filesystem::path& file) {
  return sniff_kind(file) != FileKind::unknown;
}

void silence_poppler_diagnostics() {
  poppler::set_debug_error_function(ignore_poppler_message, nullptr);
}

}  // namespace sopocr
