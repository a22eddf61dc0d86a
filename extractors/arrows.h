// Arrows between flowchart symbols in a step table's swimlanes: follows the connector lines left
// once rules and symbols are removed, and tells each arrow's source from its target by the
// arrowhead. Returns which symbol each arrow joins to which, and where unlabelled text sits.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <vector>

namespace sopocr {

// One arrow between two of the symbols passed to trace_arrows, by their index.
struct TracedArrow {
  int from = -1;
  int to = -1;
  cv::Point start_px;  // where the line leaves the source symbol
  // Small text printed beside the start ("Ya" / "Tidak" at a decision's exit), if any.
  std::optional<cv::Rect> label_bbox_px;
  // Its line is lost for a stretch longer than a break (faded out of the scan): two lines, one
  // from `from` and one into `to`, head straight at each other.
  bool joined_across_gap = false;
  // A line without a head: where it meets `to`, and text printed beside that end, if any (a
  // decision's branch looping back up leaves by its lower end).
  cv::Point end_px = {};
  std::optional<cv::Rect> end_label_bbox_px = std::nullopt;
};

struct ArrowTrace {
  std::vector<TracedArrow> arrows;
  // Symbols with a line leaving them (no arrowhead at the symbol) that reaches no other symbol.
  std::vector<int> loose_starts;
  // Symbols an arrowhead points at whose line starts at no other symbol.
  std::vector<int> loose_ends;
  // Lines with no head joining exactly two symbols: flowcharts drawn with plain connector lines,
  // or heads the scan lost. `from` is the one higher on the page (the order a step table lists
  // them), and a label is looked for beside that end.
  std::vector<TracedArrow> headless;
};

struct ArrowParams {
  // Lines shorter than this (longer side of their bounding box) are text, specks or stubs.
  double min_line_inches = 0.10;
  // Ink longer than this is a line, however it runs: a branch label's words are shorter.
  double longest_text_inches = 1.0;
  // A line ending this close to a symbol's box is attached to the symbol.
  double attach_reach_inches = 0.05;
  // An arrowhead is a filled triangle: within its length of the symbol the line is much wider
  // than at its other end. PermenPAN-RB flowcharts draw lines about 0.7 pt wide and heads about
  // 4 pt wide, with an inscribed circle of about 1.4 pt radius. A head is at least
  // `min_head_contrast` times as wide as the line's thinnest end and at least
  // `min_head_radius_pt`; where a line's ends are all alike, a head is one wider than
  // `lone_head_radius_pt`.
  double min_head_contrast = 1.25;
  double min_head_radius_pt = 0.9;
  double lone_head_radius_pt = 1.1;
  double head_length_inches = 0.09;
  // A head drawn open, as a chevron ("->"), has arms reaching at least `min_open_head_spread_pt`
  // and `open_head_contrast` times the line's radius out on both sides of the line's course.
  double min_open_head_spread_pt = 1.2;
  double open_head_contrast = 2.0;
  // The longest stretch of line, along its course, that may be missing (faded out of the scan)
  // between a line leaving a symbol and a line arriving at another.
  double longest_fade_inches = 0.8;
  // Text closer than this to an arrow's start is its label.
  double label_reach_inches = 0.2;
};

// Traces the arrows inside `area_px` of `rule_free_ink` (an ink mask with the table's rules
// erased and the lines that crossed them bridged: see bridge_erased_rules).
// `symbol_boxes_px` are the symbols' bounding boxes in page pixels.
ArrowTrace trace_arrows(const cv::Mat& rule_free_ink, const cv::Rect& area_px,
                        const std::vector<cv::Rect>& symbol_boxes_px, int dpi,
                        const ArrowParams& params = {});

}  // namespace sopocr
