// Rasterises PDF pages with Poppler into 8-bit grayscale (or colour) images at a given DPI.
// Returns one PageImage per page; throws FixtureError naming the file on failure.
#pragma once

#include <poppler-document.h>

#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>

namespace sopocr::fixtures {

struct PageImage {
  int page_number = 1;  // 1-based
  int dpi = 300;
  double width_pt = 0;  // the page's size, kept so the scan gets the same page size
  double height_pt = 0;
  cv::Mat gray;    // CV_8UC1, white paper = 255
  cv::Mat colour;  // CV_8UC3 (BGR), only when rendered in colour
};

std::unique_ptr<poppler::document> open_pdf(const std::filesystem::path& pdf_file);

// `in_colour`: `colour` is filled too (and `gray` made from it), for a colour scan.
PageImage rasterize_page(const poppler::document& document, int page_number, int dpi,
                         const std::filesystem::path& pdf_file, bool in_colour = false);

}  // namespace sopocr::fixtures
