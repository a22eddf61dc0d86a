// Routes the flowchart arrows of one step-table page: orthogonal polylines from symbol to symbol,
// and off-page connectors where an arrow leaves for or arrives from another page.
// Returns the routes and connectors; the page's rows and symbols must already be placed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "page_layout.h"
#include "typesetter.h"

namespace sopocr::fixtures {

// Where an arrow starts on its source symbol.
enum class ExitSide {
  bottom,  // the main flow: down out of the bottom
  side,    // a decision's second branch, or any arrow going back up: out of the left/right vertex
};

// What part of an edge lies on this page.
enum class EdgeSpan {
  internal,  // both symbols are on this page
  outgoing,  // source here, target on another page: ends at a connector below the table
  incoming,  // target here, source on another page: starts at a connector above the target
};

struct PageEdge {
  std::size_t from_step = 0;
  std::size_t to_step = 0;
  std::optional<std::string> label;
  ExitSide exit = ExitSide::bottom;
  EdgeSpan span = EdgeSpan::internal;
  std::string mark;  // the connector's mark for outgoing / incoming spans
};

struct PageArrows {
  std::vector<ArrowRoute> arrows;
  std::vector<OffPageConnector> connectors;
};

// Space a row needs above its symbol for incoming connectors, and below the table for outgoing
// ones, at symbol scale `scale` (1 at the preferred font size).
double incoming_connector_band_pt(double scale);
double outgoing_connector_band_pt(double scale);
Box off_page_connector_box(double centre_x, double top, double scale);

// `label_style` sizes the "Ya"/"Tidak" labels. Edges whose source or target symbol is missing on
// this page (a step without actor or symbol) are skipped.
PageArrows route_arrows(const StepTablePage& page, const std::vector<PageEdge>& edges,
                        const TextStyle& label_style, const Typesetter& typesetter, double scale);

}  // namespace sopocr::fixtures
