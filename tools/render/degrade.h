// Degrade: a clean page image -> a plausible office scan of it, deterministically. Every random
// choice comes from the document's scan seed and the page number, so a fixture is rebuilt
// byte for byte. Returns the degraded page and its JPEG bytes.
#pragma once

#include <cstdint>
#include <opencv2/core.hpp>
#include <vector>

#include "rasterize.h"

namespace sopocr::fixtures {

// Drawn once per page from std::mt19937(seed, page). Moderate on purpose: a person must read
// every word, and so should a decent OCR engine.
struct DegradeParams {
  double skew_degrees = 0;       // within ±3
  double paper_level = 235;      // grey of the paper, 0-255
  double ink_level = 30;         // grey of full-strength ink
  double gradient_strength = 0;  // darkening across the page along gradient_angle (fraction)
  double gradient_angle_radians = 0;
  double vignette_strength = 0;        // darkening towards the corners (fraction)
  double blur_sigma_px = 0.7;          // at 300 dpi; scaled with the DPI
  double noise_sigma = 5;              // Gaussian noise, grey levels
  double speckle_per_megapixel = 200;  // salt-and-pepper specks
  double rule_gap_spacing_mm = 80;     // mean distance between gaps broken into long rules
  double faded_rule_fraction = 0.25;   // share of long rules with a lightened stretch
  int jpeg_quality = 70;               // 55-80
  bool sideways = false;               // scanned turned 90° (mis-fed page)
  bool clockwise = true;               // direction of the sideways turn
  std::uint32_t pixel_seed = 0;        // seeds the per-pixel noise field
};

DegradeParams degrade_params(unsigned scan_seed, int page_number, bool sideways);

// The degraded page (CV_8UC1). Sideways pages come back turned, with width and height swapped.
cv::Mat degrade_page(const cv::Mat& clean_gray, int dpi, const DegradeParams& params);

std::vector<unsigned char> encode_jpeg(const cv::Mat& gray, int quality);

struct ScanPage {
  int page_number = 1;
  double width_pt = 0;  // swapped with height_pt for sideways pages
  double height_pt = 0;
  int width_px = 0;
  int height_px = 0;
  std::vector<unsigned char> jpeg;
  DegradeParams params;
};

// Degrades one rasterised page and encodes it as the scanner would: one JPEG.
ScanPage scan_page(const PageImage& clean, const DegradeParams& params);

}  // namespace sopocr::fixtures
