#include "degrade.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <stdexcept>

#include "random_draw.h"

namespace sopocr::fixtures {
namespace {

double mm_to_px(double mm, int dpi) { return mm * dpi / 25.4; }

// Breaks and fades long straight rules (table borders, long arrows), as worn printer drums and
// light scans do. Works on the clean page, where rules are easy to find.
// `page` is grey or colour; rules are found on its grey.
void break_and_fade_rules(cv::Mat& page, int dpi, const DegradeParams& params, std::mt19937& rng) {
  // Rules are found at full resolution but measured on a quarter-size copy: connected
  // components of a whole 300 dpi page cost more than all the other steps together.
  constexpr int kShrink = 4;
  cv::Mat gray = page;
  if (page.channels() == 3) cv::cvtColor(page, gray, cv::COLOR_BGR2GRAY);
  cv::Mat ink;
  cv::threshold(gray, ink, 160, 255, cv::THRESH_BINARY_INV);
  const int rule_min_px = static_cast<int>(mm_to_px(15, dpi));
  for (const bool horizontal : {true, false}) {
    const cv::Mat kernel = cv::getStructuringElement(
        cv::MORPH_RECT, horizontal ? cv::Size(rule_min_px, 1) : cv::Size(1, rule_min_px));
    cv::Mat rules;
    cv::morphologyEx(ink, rules, cv::MORPH_OPEN, kernel);
    // Take the anti-aliased fringe of each rule too, so a gap leaves no grey ghost.
    cv::dilate(
        rules, rules,
        cv::getStructuringElement(cv::MORPH_RECT, horizontal ? cv::Size(1, 3) : cv::Size(3, 1)));
    cv::Mat small;
    cv::resize(rules, small, cv::Size(), 1.0 / kShrink, 1.0 / kShrink, cv::INTER_AREA);
    cv::threshold(small, small, 0, 255, cv::THRESH_BINARY);
    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(small, labels, stats, centroids, 8, CV_32S);
    for (int label = 1; label < count; ++label) {
      // The rule's box at full resolution, a little generous; `rules` says which pixels are ink.
      const cv::Rect page_rect(0, 0, gray.cols, gray.rows);
      const cv::Rect box =
          cv::Rect(stats.at<int>(label, cv::CC_STAT_LEFT) * kShrink - kShrink,
                   stats.at<int>(label, cv::CC_STAT_TOP) * kShrink - kShrink,
                   stats.at<int>(label, cv::CC_STAT_WIDTH) * kShrink + 2 * kShrink,
                   stats.at<int>(label, cv::CC_STAT_HEIGHT) * kShrink + 2 * kShrink) &
          page_rect;
      const int length = horizontal ? box.width : box.height;
      const double length_mm = length * 25.4 / dpi;
      const int gaps =
          static_cast<int>(length_mm / params.rule_gap_spacing_mm * uniform(rng, 0.3, 1.7));
      auto span_rect = [&](int start, int span) {
        return horizontal ? cv::Rect(box.x + start, box.y, span, box.height)
                          : cv::Rect(box.x, box.y + start, box.width, span);
      };
      for (int gap = 0; gap < gaps; ++gap) {
        const int span =
            std::max(2, static_cast<int>(mm_to_px(uniform(rng, 0.3, params.rule_gap_max_mm), dpi)));
        if (span >= length) break;
        const cv::Rect rect = span_rect(uniform_int(rng, 0, length - span - 1), span);
        page(rect).setTo(cv::Scalar::all(255), rules(rect));
      }
      if (uniform(rng, 0, 1) < params.faded_rule_fraction) {
        const int span = params.fade_span_max_mm > 0
                             ? std::min(length, static_cast<int>(mm_to_px(
                                                    uniform(rng, 2, params.fade_span_max_mm), dpi)))
                             : static_cast<int>(length * uniform(rng, 0.2, 0.6));
        if (span < 2) continue;
        const cv::Rect rect = span_rect(uniform_int(rng, 0, length - span), span);
        // Share of the ink that survives.
        const double keep = uniform(rng, params.fade_keep_min, 0.6);
        cv::Mat region = page(rect);
        cv::Mat faded;
        region.convertTo(faded, CV_8U, keep, 255 * (1 - keep));
        faded.copyTo(region, rules(rect));
      }
    }
  }
}

// A smooth light field, 255 = full light: brighter on one side, darker in the corners.
cv::Mat illumination_field(cv::Size size, const DegradeParams& params) {
  constexpr int kCoarse = 32;
  cv::Mat coarse(kCoarse, kCoarse, CV_32F);
  const double dx = std::cos(params.gradient_angle_radians);
  const double dy = std::sin(params.gradient_angle_radians);
  for (int row = 0; row < kCoarse; ++row) {
    for (int column = 0; column < kCoarse; ++column) {
      const double u = column / (kCoarse - 1.0) - 0.5;
      const double v = row / (kCoarse - 1.0) - 0.5;
      const double along = (u * dx + v * dy) + 0.5;  // 0..1 across the page, roughly
      const double corner = (u * u + v * v) * 2;     // 0 in the centre, 1 in the corners
      coarse.at<float>(row, column) =
          static_cast<float>(255 * (1 - params.gradient_strength * std::clamp(along, 0.0, 1.0) -
                                    params.vignette_strength * corner));
    }
  }
  cv::Mat field;
  cv::resize(coarse, field, size, 0, 0, cv::INTER_CUBIC);
  field.convertTo(field, CV_8U);
  return field;
}

void add_speckle(cv::Mat& page, int dpi, const DegradeParams& params, std::mt19937& rng) {
  const double megapixels = static_cast<double>(page.total()) / 1e6;
  const int specks = static_cast<int>(megapixels * params.speckle_per_megapixel);
  const double scale = dpi / 300.0;
  for (int speck = 0; speck < specks; ++speck) {
    const cv::Point centre(uniform_int(rng, 0, page.cols - 1), uniform_int(rng, 0, page.rows - 1));
    const int radius = std::max(0, static_cast<int>(std::lround(uniform(rng, 0.2, 1.6) * scale)));
    // Mostly dark dust on the paper (pepper), some white drop-outs in the ink (salt).
    const bool pepper = uniform(rng, 0, 1) < 0.75;
    const double level = pepper ? params.ink_level + uniform(rng, 0, 90) : params.paper_level;
    cv::circle(page, centre, radius, cv::Scalar::all(level), cv::FILLED, cv::LINE_8);
  }
}

// A phone held not quite square to the page: each corner pulled in by up to `amount` of the
// page's size; what comes in from outside is the desk, darker than paper.
cv::Mat apply_perspective(const cv::Mat& page, double amount, std::mt19937& rng) {
  const float w = static_cast<float>(page.cols);
  const float h = static_cast<float>(page.rows);
  const std::vector<cv::Point2f> from = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  std::vector<cv::Point2f> to = from;
  const std::array<cv::Point2f, 4> inward = {{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}}};
  for (std::size_t corner = 0; corner < to.size(); ++corner) {
    to[corner].x += inward[corner].x * static_cast<float>(uniform(rng, 0, amount) * w);
    to[corner].y += inward[corner].y * static_cast<float>(uniform(rng, 0, amount) * h);
  }
  cv::Mat warped;
  cv::warpPerspective(page, warped, cv::getPerspectiveTransform(from, to), page.size(),
                      cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(90));
  return warped;
}

// Where the printed matter lies on a page of white paper: the box of its darker pixels.
cv::Rect printed_extent(const cv::Mat& page) {
  cv::Mat gray = page;
  if (page.channels() == 3) cv::cvtColor(page, gray, cv::COLOR_BGR2GRAY);
  const cv::Rect extent = cv::boundingRect(gray < 160);
  return extent.area() > 0 ? extent : cv::Rect(0, 0, page.cols, page.rows);
}

// The scanner lid's shadow: dark bands of random width along some edges. It lies beyond the
// sheet or on its blank margin, never over the print (`printed`): a scan that lost its print
// under a border is not a scan a reader could ask anything of.
void add_dark_border(cv::Mat& page, int dpi, double max_mm, const cv::Rect& printed,
                     std::mt19937& rng) {
  const int max_px = static_cast<int>(mm_to_px(max_mm, dpi));
  if (max_px < 1) return;
  const cv::Rect page_rect(0, 0, page.cols, page.rows);
  const int clearance = static_cast<int>(mm_to_px(1.0, dpi));
  const std::array<int, 4> margins{printed.y, page.rows - printed.br().y, printed.x,
                                   page.cols - printed.br().x};
  for (int edge = 0; edge < 4; ++edge) {
    if (uniform(rng, 0, 1) < 0.35) continue;
    const int drawn = uniform_int(rng, max_px / 4, max_px);
    const int width = std::min(drawn, margins[static_cast<std::size_t>(edge)] - clearance);
    if (width < 1) continue;
    const cv::Rect band = edge == 0   ? cv::Rect(0, 0, page.cols, width)
                          : edge == 1 ? cv::Rect(0, page.rows - width, page.cols, width)
                          : edge == 2 ? cv::Rect(0, 0, width, page.rows)
                                      : cv::Rect(page.cols - width, 0, width, page.rows);
    page(band & page_rect).setTo(cv::Scalar::all(uniform(rng, 20, 70)));
  }
}

// Dirt on the scanner's glass draws thin lines the whole length of the page.
void add_streaks(cv::Mat& page, int dpi, int count, std::mt19937& rng) {
  for (int streak = 0; streak < count; ++streak) {
    const int x = uniform_int(rng, 0, page.cols - 1);
    const int width = std::max(1, static_cast<int>(dpi / 300.0 * uniform(rng, 0.7, 2.2)));
    const double level = uniform(rng, 60, 170);
    cv::line(page, {x, 0}, {x, page.rows - 1}, cv::Scalar::all(level), width);
  }
}

}  // namespace

DegradeParams degrade_params(unsigned scan_seed, int page_number, bool sideways,
                             const nlohmann::json& overrides) {
  std::seed_seq seeds{scan_seed, static_cast<unsigned>(page_number), 0x5c4e5u};
  std::mt19937 rng(seeds);
  DegradeParams params;
  // Most scans sit almost straight; a few are off by up to 3°.
  const double skew_magnitude = 3.0 * std::pow(uniform(rng, 0, 1), 1.6);
  params.skew_degrees = rng() % 2 == 0 ? skew_magnitude : -skew_magnitude;
  params.paper_level = uniform(rng, 222, 245);
  params.ink_level = uniform(rng, 12, 45);
  params.gradient_strength = uniform(rng, 0.02, 0.12);
  params.gradient_angle_radians = uniform(rng, 0, 2 * std::numbers::pi);
  params.vignette_strength = uniform(rng, 0.0, 0.08);
  params.blur_sigma_px = uniform(rng, 0.45, 1.0);
  params.noise_sigma = uniform(rng, 2.5, 7.0);
  params.speckle_per_megapixel = uniform(rng, 40, 250);
  params.rule_gap_spacing_mm = uniform(rng, 50, 140);
  params.faded_rule_fraction = uniform(rng, 0.1, 0.4);
  params.jpeg_quality = uniform_int(rng, 55, 80);
  params.sideways = sideways;
  params.clockwise = rng() % 2 == 0;
  params.pixel_seed = rng();
  if (overrides.empty()) return params;

  // The document's settings; a second generator keeps the per-page draws above what they were.
  std::seed_seq override_seeds{scan_seed, static_cast<unsigned>(page_number), 0x0e11u};
  std::mt19937 page_rng(override_seeds);
  // Settings that replace one drawn value each.
  const std::pair<const char*, double DegradeParams::*> kValues[] = {
      {"blur_sigma_px", &DegradeParams::blur_sigma_px},
      {"noise_sigma", &DegradeParams::noise_sigma},
      {"speckle_per_megapixel", &DegradeParams::speckle_per_megapixel},
      {"paper_level", &DegradeParams::paper_level},
      {"ink_level", &DegradeParams::ink_level},
      {"gradient_strength", &DegradeParams::gradient_strength},
      {"rule_gap_spacing_mm", &DegradeParams::rule_gap_spacing_mm},
      {"rule_gap_max_mm", &DegradeParams::rule_gap_max_mm},
      {"faded_rule_fraction", &DegradeParams::faded_rule_fraction},
      {"fade_span_max_mm", &DegradeParams::fade_span_max_mm},
      {"fade_keep_min", &DegradeParams::fade_keep_min},
      {"dark_border_mm", &DegradeParams::dark_border_mm},
      {"perspective", &DegradeParams::perspective},
      {"page_box_scale", &DegradeParams::page_box_scale},
      {"paper_tint", &DegradeParams::paper_tint}};
  for (const auto& [key, value] : overrides.items()) {
    const double number = value.is_number() ? value.get<double>() : 0;
    const auto* setting = std::find_if(std::begin(kValues), std::end(kValues),
                                       [&](const auto& entry) { return key == entry.first; });
    if (setting != std::end(kValues)) {
      params.*(setting->second) = number;
    } else if (key == "skew_degrees_max") {
      params.skew_degrees = uniform(page_rng, -number, number);
    } else if (key == "jpeg_quality") {
      params.jpeg_quality = static_cast<int>(number);
    } else if (key == "streaks") {
      params.streaks = static_cast<int>(number);
    } else if (key == "bilevel") {
      params.bilevel = value.is_boolean() && value.get<bool>();
    } else if (key == "colour") {
      params.colour = value.is_boolean() && value.get<bool>();
    } else {
      throw std::invalid_argument("scan.degradation: unknown key '" + key + "'");
    }
  }
  return params;
}

cv::Mat degrade_page(const cv::Mat& clean, int dpi, const DegradeParams& params) {
  if (clean.empty() || (clean.type() != CV_8UC1 && clean.type() != CV_8UC3)) {
    throw std::invalid_argument("degrade_page: expected a non-empty 8-bit grey or BGR image");
  }
  if (params.bilevel && clean.channels() == 3) {
    throw std::invalid_argument("degrade_page: a bilevel scan is made from a grey page");
  }
  std::mt19937 rng(params.pixel_seed);
  cv::Mat page = clean.clone();
  break_and_fade_rules(page, dpi, params, rng);

  // Skew about the centre; what rotates in from outside is white paper. All steps stay 8-bit:
  // float copies of a 300 dpi page cost more time than the degradations themselves.
  const cv::Point2f centre(page.cols / 2.0f, page.rows / 2.0f);
  const cv::Mat rotation = cv::getRotationMatrix2D(centre, params.skew_degrees, 1.0);
  cv::Mat skewed;
  cv::warpAffine(page, skewed, rotation, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                 cv::Scalar::all(255));
  cv::GaussianBlur(skewed, skewed, cv::Size(0, 0), params.blur_sigma_px * dpi / 300.0);
  const cv::Rect printed = params.dark_border_mm > 0 ? printed_extent(skewed) : cv::Rect();

  // Paper and ink tones: white becomes paper grey, black becomes ink grey. Tinted paper (colour
  // scans) loses most in blue and least in red, as aged or cream paper does.
  const int channels = skewed.channels();
  cv::Mat tone_table(1, 256, CV_8UC(channels));
  for (int channel = 0; channel < channels; ++channel) {
    const double tint = channels == 3 ? params.paper_tint * (2 - channel) / 2.0 : 0;  // B, G, R
    const double paper = params.paper_level * (1 - tint);
    for (int level = 0; level < 256; ++level) {
      tone_table.ptr<unsigned char>()[level * channels + channel] =
          cv::saturate_cast<unsigned char>(params.ink_level +
                                           (paper - params.ink_level) * level / 255.0);
    }
  }
  cv::LUT(skewed, tone_table, skewed);
  cv::Mat light = illumination_field(skewed.size(), params);
  if (channels == 3) cv::cvtColor(light, light, cv::COLOR_GRAY2BGR);
  cv::multiply(skewed, light, skewed, 1.0 / 255);

  cv::Mat noise(skewed.size(), CV_16SC(channels));
  cv::RNG noise_rng(params.pixel_seed);  // explicitly seeded: the same field every time
  noise_rng.fill(noise, cv::RNG::NORMAL, 0.0, params.noise_sigma);
  cv::Mat result;
  cv::add(skewed, noise, result, cv::noArray(), CV_8UC(channels));  // saturates to 0..255
  add_speckle(result, dpi, params, rng);
  if (params.streaks > 0) add_streaks(result, dpi, params.streaks, rng);
  if (params.perspective > 0) result = apply_perspective(result, params.perspective, rng);
  if (params.dark_border_mm > 0) add_dark_border(result, dpi, params.dark_border_mm, printed, rng);
  if (params.bilevel) {
    // A black-and-white scanner's fixed threshold: faint strokes drop out, noise turns to dots.
    cv::threshold(result, result, (params.paper_level + params.ink_level) / 2, 255,
                  cv::THRESH_BINARY);
  }

  if (params.sideways) {
    cv::rotate(result, result,
               params.clockwise ? cv::ROTATE_90_CLOCKWISE : cv::ROTATE_90_COUNTERCLOCKWISE);
  }
  return result;
}

std::vector<unsigned char> encode_jpeg(const cv::Mat& image, int quality) {
  std::vector<unsigned char> bytes;
  const std::vector<int> options = {cv::IMWRITE_JPEG_QUALITY,     quality,
                                    cv::IMWRITE_JPEG_OPTIMIZE,    0,
                                    cv::IMWRITE_JPEG_PROGRESSIVE, 0};
  if (!cv::imencode(".jpg", image, bytes, options)) {
    throw std::runtime_error("encode_jpeg: OpenCV could not encode the page");
  }
  return bytes;
}

ScanPage scan_page(const PageImage& clean, const DegradeParams& params) {
  const cv::Mat degraded =
      degrade_page(params.colour ? clean.colour : clean.gray, clean.dpi, params);
  ScanPage page;
  page.page_number = clean.page_number;
  page.width_pt = params.sideways ? clean.height_pt : clean.width_pt;
  page.height_pt = params.sideways ? clean.width_pt : clean.height_pt;
  page.width_px = degraded.cols;
  page.height_px = degraded.rows;
  if (params.bilevel) {
    page.pixels = degraded;
  } else {
    page.jpeg = encode_jpeg(degraded, params.jpeg_quality);
  }
  page.width_pt *= params.page_box_scale;
  page.height_pt *= params.page_box_scale;
  page.params = params;
  return page;
}

}  // namespace sopocr::fixtures
