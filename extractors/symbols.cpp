#include "symbols.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <tuple>

namespace sopocr {
namespace {

// Share of the shape's filled pixels in a patch at one corner of its bounding box.
double corner_fill(const cv::Mat& filled, bool right, bool bottom) {
  const int patch_w = std::max(2, filled.cols / 8);
  const int patch_h = std::max(2, filled.rows / 8);
  const cv::Rect patch(right ? filled.cols - patch_w : 0, bottom ? filled.rows - patch_h : 0,
                       patch_w, patch_h);
  return static_cast<double>(cv::countNonZero(filled(patch))) / patch.area();
}

// How many pixels along the diagonal from one corner of the shape's bounding box lie outside
// the shape: none for a square corner.
int corner_cut_in(const cv::Mat& filled, bool right, bool bottom) {
  const int steps = std::min(filled.cols, filled.rows);
  for (int d = 0; d < steps; ++d) {
    const int x = right ? filled.cols - 1 - d : d;
    const int y = bottom ? filled.rows - 1 - d : d;
    if (filled.at<unsigned char>(y, x) != 0) return d;
  }
  return steps;
}

// Whether one corner of the shape is square. Its patch is mostly filled; or, where blur rounded
// the corner of a small shape's interior by most of that patch (a few pixels), the corner is cut
// by under a ninth of the shape's height: a capsule's round end or a circle cuts one by a fifth
// (0.41 of its radius), a rectangle rounded by blur by a few pixels at any size.
bool square_corner(const cv::Mat& filled, bool right, bool bottom) {
  constexpr double kSquareCutOfHeight = 1.0 / 9;
  const int height = std::min(filled.cols, filled.rows);
  return corner_fill(filled, right, bottom) > 0.5 ||
         corner_cut_in(filled, right, bottom) < kSquareCutOfHeight * height;
}

// The outline's thickness beyond one side of the interior `inside`, at a quarter and three
// quarters of the side's length (an arrow joins at the middle): the thinner of the two.
enum class Side { top, right, bottom, left };

int stroke_beyond(const cv::Mat& ink, const cv::Rect& inside, Side side, int limit) {
  int thinnest = limit;
  for (int quarter : {1, 3}) {
    const int along_x = inside.x + inside.width * quarter / 4;
    const int along_y = inside.y + inside.height * quarter / 4;
    int thickness = 0;
    for (; thickness < limit; ++thickness) {
      const cv::Point at = side == Side::top      ? cv::Point(along_x, inside.y - 1 - thickness)
                           : side == Side::right  ? cv::Point(inside.br().x + thickness, along_y)
                           : side == Side::bottom ? cv::Point(along_x, inside.br().y + thickness)
                                                  : cv::Point(inside.x - 1 - thickness, along_y);
      if (at.x < 0 || at.y < 0 || at.x >= ink.cols || at.y >= ink.rows ||
          ink.at<unsigned char>(at) == 0) {
        break;
      }
    }
    thinnest = std::min(thinnest, thickness);
  }
  return thinnest;
}

// Whether the lines of the sides that meet at one corner of the interior `inside` run on past
// it for `run` pixels beyond their `stroke`-thick outline, along either side: lines crossing
// there, where a drawn box's sides stop at its corner. A strip leaving the image runs on nowhere.
bool side_runs_past_corner(const cv::Mat& ink, const cv::Rect& inside, bool right, bool bottom,
                           int stroke, int run) {
  const int band = stroke + 2;  // a scanned line wobbles by a pixel
  const int row_band_y = bottom ? inside.br().y - 1 : inside.y - stroke - 1;
  const int col_band_x = right ? inside.br().x - 1 : inside.x - stroke - 1;
  const cv::Rect along_row(right ? inside.br().x + stroke : inside.x - stroke - run, row_band_y,
                           run, band);
  const cv::Rect along_column(col_band_x, bottom ? inside.br().y + stroke : inside.y - stroke - run,
                              band, run);
  const cv::Rect image(0, 0, ink.cols, ink.rows);
  const auto inked_throughout = [&](const cv::Rect& strip, bool horizontal) {
    if ((strip & image) != strip) return false;
    cv::Mat across;
    cv::reduce(ink(strip), across, horizontal ? 0 : 1, cv::REDUCE_MAX);
    return 10 * cv::countNonZero(across) >= 9 * run;
  };
  return inked_throughout(along_row, true) || inked_throughout(along_column, false);
}

// Of the four corners of the box-like interior `inside` (its outline about `outline` pixels
// thick), at how many the lines of its sides run on past the corner (side_runs_past_corner)
// for three strokes or a twenty-fifth of an inch: none at a drawn box's.
int corners_lines_run_past(const cv::Mat& ink, const cv::Rect& inside, int outline, int dpi) {
  const int stroke = std::max(1, std::min(stroke_beyond(ink, inside, Side::top, 2 * outline),
                                          stroke_beyond(ink, inside, Side::left, 2 * outline)));
  const int run = std::max(3 * stroke, dpi / 25);
  int crossed = 0;
  for (const bool right : {false, true}) {
    for (const bool bottom : {false, true}) {
      crossed += side_runs_past_corner(ink, inside, right, bottom, stroke, run) ? 1 : 0;
    }
  }
  return crossed;
}

// How far the outline's outer corner is cut off, along the diagonal from where a square corner
// would be, in pixels: about nothing for a rectangle, 0.41 of the outer radius for a rounded
// rectangle.
double outer_corner_cut(const cv::Mat& ink, const cv::Rect& inside, bool right, bool bottom,
                        int stroke_x, int stroke_y) {
  const cv::Point square(right ? inside.br().x - 1 + stroke_x : inside.x - stroke_x,
                         bottom ? inside.br().y - 1 + stroke_y : inside.y - stroke_y);
  const int step_x = right ? -1 : 1;
  const int step_y = bottom ? -1 : 1;
  const int steps = std::min(inside.width, inside.height) / 2 + std::max(stroke_x, stroke_y);
  for (int d = -1; d < steps; ++d) {
    const cv::Point at(square.x + d * step_x, square.y + d * step_y);
    if (at.x < 0 || at.y < 0 || at.x >= ink.cols || at.y >= ink.rows) continue;
    if (ink.at<unsigned char>(at) != 0) return std::max(0, d) * std::numbers::sqrt2;
  }
  return steps * std::numbers::sqrt2;
}

// Confidence from how far `value` is from the decision boundary `edge`, in units of `scale`.
double margin_confidence(double value, double edge, double scale) {
  return std::clamp(0.5 + std::fabs(value - edge) / scale, 0.5, 0.99);
}

// How far a box-like outline's outer corners are cut off, in pixels: the least of its three
// most cut corners (an arrow may join at the fourth). A square corner's tip is inked; a terminator
// drawn as a rounded rectangle (office suites round its corners by a tenth to a fifth of its
// height) has each cut by 0.41 of the outer radius, though its interior fills the corners of its
// box as a process does.
double corner_cut(const cv::Mat& ink, const cv::Rect& interior, int dpi) {
  const int limit = std::max(8, dpi / 15);  // a 3.5 pt stroke
  const int top = stroke_beyond(ink, interior, Side::top, limit);
  const int right = stroke_beyond(ink, interior, Side::right, limit);
  const int bottom = stroke_beyond(ink, interior, Side::bottom, limit);
  const int left = stroke_beyond(ink, interior, Side::left, limit);
  std::array<double, 4> cuts{};
  std::size_t corner = 0;
  for (const auto& [on_right, on_bottom, stroke_x, stroke_y] :
       {std::tuple{false, false, left, top}, std::tuple{true, false, right, top},
        std::tuple{false, true, left, bottom}, std::tuple{true, true, right, bottom}}) {
    cuts[corner++] = outer_corner_cut(ink, interior, on_right, on_bottom, stroke_x, stroke_y);
  }
  std::sort(cuts.begin(), cuts.end(), std::greater<>());
  return cuts[2];
}

// The least cut of a box's corners rounded on purpose, for an interior `height` pixels high. A
// square corner's tip blurs away by a pixel's diagonal on a sharp scan, by more where a
// low-resolution one was blown up: 3 px of a 90-px box in the randomised set. Rounding by a tenth
// of the height cuts 0.041 of it; the rounded rectangles there were cut by 0.055 of it or more.
double rounded_corner_cut(int dpi, int height) {
  constexpr double kLeastCutOfHeight = 0.04;
  return std::max({2.0, dpi / 120.0, kLeastCutOfHeight * height});
}

}  // namespace

DetectedSymbol classify_filled_shape(const cv::Mat& filled, int dpi, const SymbolParams& params) {
  DetectedSymbol symbol;
  symbol.bbox_px = cv::Rect(0, 0, filled.cols, filled.rows);
  const double fill_ratio =
      static_cast<double>(cv::countNonZero(filled)) / std::max(1, filled.cols * filled.rows);
  const double aspect = static_cast<double>(filled.cols) / std::max(1, filled.rows);
  const bool top_left = square_corner(filled, false, false);
  const bool top_right = square_corner(filled, true, false);
  const bool bottom_left = square_corner(filled, false, true);
  const bool bottom_right = square_corner(filled, true, true);
  const int filled_corners = top_left + top_right + bottom_left + bottom_right;

  // A diamond fills half its box; a circle or capsule about 0.8; a rectangle all of it.
  if (fill_ratio < 0.64 && filled_corners == 0) {
    symbol.kind = SymbolKind::decision;
    symbol.confidence = margin_confidence(fill_ratio, 0.64, 0.2);
  } else if (filled_corners == 4) {
    symbol.kind = SymbolKind::process;
    symbol.confidence = margin_confidence(fill_ratio, 0.88, 0.15);
  } else if (top_left && top_right && !bottom_left && !bottom_right) {
    // PermenPAN-RB 35/2012 draws the off-page connector as a pentagon pointing down.
    symbol.kind = SymbolKind::off_page_connector;
    symbol.confidence = 0.85;
  } else if (filled_corners == 0 && aspect > 0.75 && aspect < 1.33 &&
             std::max(filled.cols, filled.rows) <= params.max_connector_inches * dpi) {
    symbol.kind = SymbolKind::connector;
    symbol.confidence = margin_confidence(aspect, aspect < 1.0 ? 0.75 : 1.33, 0.3);
  } else {
    symbol.kind = SymbolKind::terminator;
    // Rounded ends leave the corners empty; anything stranger is least certain.
    symbol.confidence = filled_corners == 0 ? margin_confidence(fill_ratio, 0.64, 0.2) : 0.5;
  }
  return symbol;
}

namespace {

struct Candidate {
  DetectedSymbol symbol;
  double solidity;
};

// Whether a shape `width` x `height` pixels has a symbol's size and proportions: both sides at
// least `min_size`, or a flat one (a small capsule) from 2/5 of it high when half again as wide
// and no more than three times as wide as high. The strip between two arrows drawn side by
// side is far longer.
bool symbol_sized(int width, int height, int min_size) {
  const int longer = std::max(width, height);
  const int shorter = std::min(width, height);
  const bool flat =
      2 * longer >= 3 * min_size && 5 * shorter >= 2 * min_size && longer <= 3 * shorter;
  return longer >= min_size && (shorter >= min_size || flat);
}

// Whether `box` shares more than `max_overlap` of the smaller box with one of `kept`: symbols
// never overlap, so the one kept first is the symbol.
bool overlaps_any(const cv::Rect& box, const std::vector<DetectedSymbol>& kept,
                  double max_overlap) {
  return std::any_of(kept.begin(), kept.end(), [&](const DetectedSymbol& symbol) {
    const double smaller = std::min(box.area(), symbol.bbox_px.area());
    return (box & symbol.bbox_px).area() > max_overlap * smaller;
  });
}

// The closed shapes of `ink` (one region, its outlines' breaks already bridged), classified,
// their boxes moved to the page by `region_offset`.
std::vector<Candidate> closed_shapes(const cv::Mat& ink, cv::Point region_offset, int dpi,
                                     const SymbolParams& params) {
  // A symbol is the white interior its outline encloses. Working from the interior, not the
  // outline's filled outside, keeps arrowheads and arrows touching the outline out of the shape.
  std::vector<std::vector<cv::Point>> contours;
  std::vector<cv::Vec4i> hierarchy;
  cv::findContours(ink, contours, hierarchy, cv::RETR_CCOMP, cv::CHAIN_APPROX_NONE);
  const int min_size = static_cast<int>(params.min_size_inches * dpi);
  // The outline around the interior: a 0.9 pt stroke with a scan's blur.
  const int outline = std::max(2, dpi / 60);
  const cv::Rect whole(0, 0, ink.cols, ink.rows);
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < contours.size(); ++i) {
    const bool is_hole = hierarchy[i][3] >= 0;
    if (!is_hole) continue;
    const cv::Rect interior = cv::boundingRect(contours[i]);
    if (!symbol_sized(interior.width + 2 * outline, interior.height + 2 * outline, min_size)) {
      continue;
    }
    // All five PermenPAN-RB 35/2012 shapes are convex; the pockets arrows and outlines enclose
    // between them are not, as a rule. Text touching the outline only notches the interior, so
    // the shape is classified by its convex hull.
    std::vector<cv::Point> hull;
    cv::convexHull(contours[i], hull);
    const double hull_area = cv::contourArea(hull);
    if (hull_area <= 0) continue;
    const double solidity = cv::contourArea(contours[i]) / hull_area;
    if (solidity < params.min_solidity) continue;
    cv::Mat filled = cv::Mat::zeros(interior.size(), CV_8UC1);
    std::vector<cv::Point> hull_in_box;
    for (const cv::Point& point : hull) hull_in_box.push_back(point - interior.tl());
    cv::fillConvexPoly(filled, hull_in_box, 255);
    DetectedSymbol symbol = classify_filled_shape(filled, dpi, params);
    // Two connectors run down side by side, crossed by two others, enclose a box too.
    constexpr int kCornersCrossed = 2;
    if (symbol.kind == SymbolKind::process &&
        corners_lines_run_past(ink, interior, outline, dpi) >= kCornersCrossed) {
      continue;
    }
    if (symbol.kind == SymbolKind::process) {
      const double cut = corner_cut(ink, interior, dpi);
      const double min_cut = rounded_corner_cut(dpi, interior.height);
      if (cut >= min_cut) {
        symbol.kind = SymbolKind::terminator;
        symbol.confidence = margin_confidence(cut, min_cut, 2 * min_cut);
      }
    }
    const cv::Rect with_outline(interior.x - outline, interior.y - outline,
                                interior.width + 2 * outline, interior.height + 2 * outline);
    symbol.bbox_px = (with_outline & whole) + region_offset;
    candidates.push_back({symbol, solidity});
  }
  return candidates;
}

}  // namespace

std::vector<DetectedSymbol> detect_symbols(const cv::Mat& rule_free_ink, const cv::Rect& region_px,
                                           int dpi, const SymbolParams& params) {
  const cv::Rect region = region_px & cv::Rect(0, 0, rule_free_ink.cols, rule_free_ink.rows);
  if (region.empty()) return {};
  cv::Mat ink = rule_free_ink(region).clone();
  // Close small breaks in faded outlines so that the outline still encloses its interior.
  const int gap = std::max(3, dpi / 60);
  cv::morphologyEx(ink, ink, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_ELLIPSE, {gap, gap}));
  std::vector<Candidate> candidates = closed_shapes(ink, region.tl(), dpi, params);
  // A longer break is bridged along one direction at a time: across it, a closing as long as
  // the break would fill a flat symbol's whole interior.
  const int long_gap = static_cast<int>(std::lround(params.outline_gap_inches * dpi));
  if (long_gap > gap) {
    for (const cv::Size along : {cv::Size(long_gap, 1), cv::Size(1, long_gap)}) {
      cv::Mat bridged;
      cv::morphologyEx(ink, bridged, cv::MORPH_CLOSE,
                       cv::getStructuringElement(cv::MORPH_RECT, along));
      for (Candidate candidate : closed_shapes(bridged, region.tl(), dpi, params)) {
        candidate.symbol.confidence *= params.bridged_confidence;
        candidates.push_back(candidate);
      }
    }
  }
  // A pocket that arrows close against a symbol's outline shares that outline, so their boxes
  // overlap; symbols never do. Of overlapping shapes the one most clearly of its kind is the
  // symbol (a pocket is rarely a clean kind: a box with a corner cut off by a diamond's edge),
  // then the most convex.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return std::tie(a.symbol.confidence, a.solidity) >
                            std::tie(b.symbol.confidence, b.solidity);
                   });
  std::vector<DetectedSymbol> symbols;
  for (const Candidate& candidate : candidates) {
    if (!overlaps_any(candidate.symbol.bbox_px, symbols, params.max_overlap)) {
      symbols.push_back(candidate.symbol);
    }
  }
  std::sort(symbols.begin(), symbols.end(), [](const DetectedSymbol& a, const DetectedSymbol& b) {
    return a.bbox_px.x < b.bbox_px.x;
  });
  return symbols;
}

namespace {

// A straight stroke of an outline, horizontal or vertical: where it runs along and across.
struct Stroke {
  int from = 0;  // along: first pixel
  int to = 0;    // along: one past the last
  int at = 0;    // across: its middle
  int length() const { return to - from; }
};

// The straight strokes of `ink` at least `least_length` long, horizontal (`along_x`) or
// vertical, no thicker than `thickest` (a filled shape is no stroke).
std::vector<Stroke> straight_strokes(const cv::Mat& ink, bool along_x, int least_length,
                                     int thickest) {
  cv::Mat straight;
  const cv::Size kernel = along_x ? cv::Size(least_length, 1) : cv::Size(1, least_length);
  cv::morphologyEx(ink, straight, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, kernel));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(straight, labels, stats, centroids, 8);
  std::vector<Stroke> strokes;
  for (int label = 1; label < count; ++label) {
    const int x = stats.at<int>(label, cv::CC_STAT_LEFT);
    const int y = stats.at<int>(label, cv::CC_STAT_TOP);
    const int w = stats.at<int>(label, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    if ((along_x ? h : w) > thickest) continue;
    strokes.push_back(along_x ? Stroke{x, x + w, y + h / 2} : Stroke{y, y + h, x + w / 2});
  }
  return strokes;
}

// The share of the positions along a side from `from` to `to` at `at` across where `ink` has a
// pixel within `reach` across.
double side_cover(const cv::Mat& ink, bool along_x, int from, int to, int at, int reach) {
  const cv::Rect band = (along_x ? cv::Rect(from, at - reach, to - from, 2 * reach + 1)
                                 : cv::Rect(at - reach, from, 2 * reach + 1, to - from)) &
                        cv::Rect(0, 0, ink.cols, ink.rows);
  if (band.empty() || to <= from) return 0.0;
  cv::Mat inked;
  cv::reduce(ink(band), inked, along_x ? 0 : 1, cv::REDUCE_MAX);
  return static_cast<double>(cv::countNonZero(inked)) / (to - from);
}

}  // namespace

std::vector<DetectedSymbol> boxes_from_sides(const cv::Mat& rule_free_ink,
                                             const cv::Rect& region_px, int dpi,
                                             const SymbolParams& params) {
  const cv::Rect region = region_px & cv::Rect(0, 0, rule_free_ink.cols, rule_free_ink.rows);
  if (region.empty()) return {};
  const cv::Mat ink = rule_free_ink(region);
  const int min_size = static_cast<int>(params.min_size_inches * dpi);
  const int outline = std::max(2, dpi / 60);
  const int least_side = std::max(3, min_size / 2);
  // Reviewed: which kind a broken outline was is less sure (a rounded rectangle's corners may
  // be what faded).
  constexpr double kFoundBySidesConfidence = 0.5;
  // Of a box's four sides three are left nearly whole and a stretch of the fourth at least; the
  // sides an arrow draws are whole or bare.
  constexpr double kLeastCoverAll = 3.0;
  constexpr double kLeastCoverOne = 0.15;
  constexpr double kMostInkInside = 0.1;
  struct Found {
    DetectedSymbol symbol;
    double cover = 0;
  };
  std::vector<Found> found;
  for (const bool along_x : {true, false}) {
    const std::vector<Stroke> strokes = straight_strokes(ink, along_x, least_side, 3 * outline);
    for (std::size_t i = 0; i < strokes.size(); ++i) {
      for (std::size_t j = 0; j < strokes.size(); ++j) {
        const Stroke& near = strokes[i];
        const Stroke& far = strokes[j];
        if (far.at <= near.at) continue;
        // The longer stroke is a whole side; the shorter lies along it.
        const Stroke& whole = near.length() >= far.length() ? near : far;
        const Stroke& part = near.length() >= far.length() ? far : near;
        if (part.from < whole.from - outline || part.to > whole.to + outline) continue;
        const int across = far.at - near.at;
        const int length = whole.length();
        if (!symbol_sized(across, length, min_size)) continue;
        const std::array<double, 4> covers{
            side_cover(ink, along_x, whole.from, whole.to, near.at, outline),
            side_cover(ink, along_x, whole.from, whole.to, far.at, outline),
            side_cover(ink, !along_x, near.at, far.at, whole.from + outline / 2, outline),
            side_cover(ink, !along_x, near.at, far.at, whole.to - 1 - outline / 2, outline)};
        const double cover = covers[0] + covers[1] + covers[2] + covers[3];
        const double least_side_cover = *std::min_element(covers.begin(), covers.end());
        if (cover < kLeastCoverAll || least_side_cover < kLeastCoverOne) continue;
        // Out to the strokes' outer edges: the whole side runs to them, the two across from its
        // middle.
        const int half_stroke = outline / 2;
        const int outer_across = across + 2 * half_stroke + 1;
        const cv::Rect box =
            along_x ? cv::Rect(whole.from, near.at - half_stroke, length, outer_across)
                    : cv::Rect(near.at - half_stroke, whole.from, outer_across, length);
        const cv::Rect inside(box.x + 2 * outline, box.y + 2 * outline, box.width - 4 * outline,
                              box.height - 4 * outline);
        if (inside.width <= 0 || inside.height <= 0) continue;
        if (cv::countNonZero(ink(inside)) > kMostInkInside * inside.area()) continue;
        DetectedSymbol symbol;
        symbol.kind = SymbolKind::process;
        symbol.confidence = kFoundBySidesConfidence;
        symbol.bbox_px = (box & cv::Rect(0, 0, ink.cols, ink.rows)) + region.tl();
        found.push_back({symbol, cover});
      }
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& a, const Found& b) { return a.cover > b.cover; });
  std::vector<DetectedSymbol> boxes;
  for (const Found& candidate : found) {
    if (!overlaps_any(candidate.symbol.bbox_px, boxes, params.max_overlap)) {
      boxes.push_back(candidate.symbol);
    }
  }
  return boxes;
}

ConnectorGlyph connector_glyph(const cv::Mat& rule_free_ink, const cv::Rect& bbox_px, int dpi) {
  // Inside the outline, above where a pentagon's sides close in.
  const int clear = std::max(3, dpi / 60);
  const cv::Rect inside = cv::Rect(bbox_px.x + clear, bbox_px.y + clear, bbox_px.width - 2 * clear,
                                   bbox_px.height * 3 / 4 - clear) &
                          cv::Rect(0, 0, rule_free_ink.cols, rule_free_ink.rows);
  if (inside.width < 4 || inside.height < 4) return {};
  // Ink touching the crop's edge is the outline or an arrow, not the mark.
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count =
      cv::connectedComponentsWithStats(rule_free_ink(inside), labels, stats, centroids, 8);
  cv::Mat mark = cv::Mat::zeros(inside.size(), CV_8UC1);
  const int min_pixels = std::max(4, dpi * dpi / 20000);
  for (int label = 1; label < count; ++label) {
    const int x = stats.at<int>(label, cv::CC_STAT_LEFT);
    const int y = stats.at<int>(label, cv::CC_STAT_TOP);
    const int w = stats.at<int>(label, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    const bool touches_edge = x == 0 || y == 0 || x + w == inside.width || y + h == inside.height;
    if (touches_edge || stats.at<int>(label, cv::CC_STAT_AREA) < min_pixels) continue;
    mark.setTo(255, labels == label);
  }
  std::vector<cv::Point> ink;
  cv::findNonZero(mark, ink);
  if (ink.empty()) return {};
  cv::Mat scaled;
  cv::resize(mark(cv::boundingRect(ink)), scaled, cv::Size(kGlyphCols, kGlyphRows), 0, 0,
             cv::INTER_AREA);
  ConnectorGlyph glyph;
  for (int y = 0; y < scaled.rows; ++y) {
    for (int x = 0; x < scaled.cols; ++x) glyph.push_back(scaled.at<uchar>(y, x) / 255.0f);
  }
  return glyph;
}

double glyph_similarity(const ConnectorGlyph& a, const ConnectorGlyph& b) {
  if (a.empty() || a.size() != b.size()) return 0.0;
  double mean_a = 0;
  double mean_b = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    mean_a += a[i];
    mean_b += b[i];
  }
  mean_a /= a.size();
  mean_b /= b.size();
  double product = 0;
  double square_a = 0;
  double square_b = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    product += (a[i] - mean_a) * (b[i] - mean_b);
    square_a += (a[i] - mean_a) * (a[i] - mean_a);
    square_b += (b[i] - mean_b) * (b[i] - mean_b);
  }
  if (square_a <= 0 || square_b <= 0) return 0.0;
  return product / std::sqrt(square_a * square_b);
}

}  // namespace sopocr
