// Degrade: a clean page image -> a plausible office scan of it, deterministically. Every random
// choice comes from the document's scan seed and the page number, so a fixture is rebuilt
// byte for byte. Returns the degraded page and its JPEG bytes.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
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
  // Damage beyond the curated fixtures' (all off by default), for the randomised set.
  double rule_gap_max_mm = 0.9;  // gaps broken into long rules are 0.3 mm to this long
  double fade_span_max_mm = 0;   // > 0: faded stretches up to this long, not a share of the rule
  double fade_keep_min = 0.35;   // least share of a faded stretch's ink that survives
  bool bilevel = false;          // thresholded to black and white, stored losslessly
  double dark_border_mm = 0;     // a scanner lid's dark band along the page edges, up to this
  int streaks = 0;               // thin dark lines along the feed direction
  double perspective = 0;        // corners pulled in by up to this share of the page (phone)
  double page_box_scale = 1;     // the PDF page box against the paper's true size
  bool colour = false;           // scanned in colour: pens and stamps keep their colour
  double paper_tint = 0;         // colour scans: the paper's yellowing, 0 white to ~0.15 cream
};

// The page's degradation, drawn from the scan seed and the page number. `overrides` holds the
// document's explicit settings (docs.json scan.degradation); each replaces what the seed drew,
// and an unknown key throws std::invalid_argument naming it.
DegradeParams degrade_params(unsigned scan_seed, int page_number, bool sideways,
                             const nlohmann::json& overrides = nlohmann::json::object());

// The degraded page, grey (CV_8UC1) or colour (CV_8UC3, BGR) as `clean` is. Sideways pages come
// back turned, with width and height swapped.
cv::Mat degrade_page(const cv::Mat& clean, int dpi, const DegradeParams& params);

std::vector<unsigned char> encode_jpeg(const cv::Mat& image, int quality);

struct ScanPage {
  int page_number = 1;
  double width_pt = 0;  // swapped with height_pt for sideways pages
  double height_pt = 0;
  int width_px = 0;
  int height_px = 0;
  std::vector<unsigned char> jpeg;  // empty for a bilevel page, stored losslessly as `pixels`
  cv::Mat pixels;
  DegradeParams params;
};

// Degrades one rasterised page and encodes it as the scanner would: one JPEG.
ScanPage scan_page(const PageImage& clean, const DegradeParams& params);

}  // namespace sopocr::fixtures
