// Flowchart symbols in the swimlane area of one step-table row: finds each closed shape by the
// interior its outline encloses and classifies it into the five PermenPAN-RB 35/2012 kinds by the
// geometry of that interior.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "sop_record.h"

namespace sopocr {

// Connectors mark where a flow leaves or resumes, not a step of their own.
inline bool is_connector(SymbolKind kind) {
  return kind == SymbolKind::connector || kind == SymbolKind::off_page_connector;
}

struct DetectedSymbol {
  SymbolKind kind = SymbolKind::process;
  cv::Rect bbox_px;
  double confidence = 0.0;  // how clearly the shape fell in its class, in [0, 1]
};

struct SymbolParams {
  // Smaller closed shapes are arrowheads, specks or the holes of letters. A small capsule is
  // about half as high as wide: a flat shape half again as wide counts from 2/5 of this high,
  // when no more than three times as wide as high.
  double min_size_inches = 0.12;
  double max_connector_inches = 0.5;
  // Interior area over its convex hull's: lower is a pocket between lines, not a symbol. A
  // letter touching the outline from inside (a connector's mark) costs a symbol about a tenth.
  double min_solidity = 0.8;
  // Two shapes whose boxes share more than this part of the smaller one are one symbol and a
  // pocket beside it.
  double max_overlap = 0.25;
  // Breaks in an outline up to this long are bridged too (0 for none): a faded stretch of a
  // box's side. Shapes closed only so are less sure, by `bridged_confidence`.
  double outline_gap_inches = 0.0;
  double bridged_confidence = 0.85;
};

// Symbols whose shape lies inside `region_px` (one row's lanes, rules already excluded by the
// caller through `rule_free_ink`), left to right. `rule_free_ink` is an ink mask with the grid's
// rules erased.
std::vector<DetectedSymbol> detect_symbols(const cv::Mat& rule_free_ink, const cv::Rect& region_px,
                                           int dpi, const SymbolParams& params = {});

// Process boxes found from their sides where the outline no longer encloses the interior: a
// faded stretch longer than any bridging (a scan's fades run to 20 mm) or a corner gone. A box is
// two parallel straight strokes, the longer a whole side, with ink along most of its other two
// sides and little inside; the strokes of arrows leave a side bare. For a row whose step has no
// symbol; each found is less sure than an enclosed shape (confidence 0.5). Best first.
std::vector<DetectedSymbol> boxes_from_sides(const cv::Mat& rule_free_ink,
                                             const cv::Rect& region_px, int dpi,
                                             const SymbolParams& params = {});

// The mark printed inside a connector ("A", "1"), as a small ink image: its letter's ink cropped
// to its bounding box and scaled to kGlyphRows x kGlyphCols, row-major in [0, 1]. Both ends of
// an off-page link carry the same mark in the same print, so the two images match where OCR of
// a lone small letter is unreliable. Empty when the connector holds no mark.
inline constexpr int kGlyphRows = 16;
inline constexpr int kGlyphCols = 12;
using ConnectorGlyph = std::vector<float>;
ConnectorGlyph connector_glyph(const cv::Mat& rule_free_ink, const cv::Rect& bbox_px, int dpi);

// Normalised cross-correlation of two glyphs in [-1, 1]: 1 for the same mark; 0 when either
// is empty.
double glyph_similarity(const ConnectorGlyph& a, const ConnectorGlyph& b);

// Classifies one filled shape mask (255 inside, CV_8UC1, tightly cropped). Exposed for tests.
DetectedSymbol classify_filled_shape(const cv::Mat& filled, int dpi,
                                     const SymbolParams& params = {});

}  // namespace sopocr
