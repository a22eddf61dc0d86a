#include "route_arrows.h"

#include <algorithm>
#include <cmath>

namespace sopocr::fixtures {
namespace {

constexpr double kSame = 0.25;  // x positions closer than this are one vertical line

// Channels run beside the symbols, near a lane's rule, so a detour never crosses a symbol.
constexpr double kChannelOffsetOfLaneWidth = 0.42;

Point top_of(const Box& box) { return {box.centre_x(), box.y}; }
Point bottom_of(const Box& box) { return {box.centre_x(), box.bottom()}; }
Point side_of(const Box& box, bool right) { return {right ? box.right() : box.x, box.centre_y()}; }

// Routes arrows one by one on a page, remembering what earlier arrows took: a symbol side used
// by one arrow is not reused by another (an arrow entering where another leaves reads as one
// line), and two arrows never share a stretch of the same channel.
class Router {
 public:
  Router(const StepTablePage& page, double scale) : page_(page), scale_(scale) {}

  const StepRow* row_of(std::size_t step) const {
    for (const StepRow& row : page_.rows) {
      if (row.step_index == step) return &row;
    }
    return nullptr;
  }

  // y of the horizontal run just above a target symbol, inside its row.
  double run_above(const StepRow& row) const {
    const Box& symbol = row.symbol->box;
    return symbol.y - std::min(7 * scale_, (symbol.y - row.content_top) / 2);
  }

  // Down out of the source's bottom to `target_top` (the top-centre of the target symbol or of
  // an outgoing connector), taking the first route whose vertical legs cross no other symbol.
  std::vector<Point> down(const StepRow& source, Point target_top, double target_run_y,
                          std::size_t target_step, std::size_t target_actor) const {
    const Point start = bottom_of(source.symbol->box);
    const double run_y = run_below(source);
    const std::size_t from = source.step_index;
    if (std::abs(start.x - target_top.x) < kSame) {
      if (clear_vertical(start.x, start.y, target_top.y, from, target_step)) {
        return {start, target_top};
      }
      const double channel = channel_x(target_actor, true);
      return {start,
              {start.x, run_y},
              {channel, run_y},
              {channel, target_run_y},
              {target_top.x, target_run_y},
              target_top};
    }
    if (clear_vertical(target_top.x, run_y, target_top.y, from, target_step)) {
      return {start, {start.x, run_y}, {target_top.x, run_y}, target_top};
    }
    if (clear_vertical(start.x, start.y, target_run_y, from, target_step)) {
      return {start, {start.x, target_run_y}, {target_top.x, target_run_y}, target_top};
    }
    const double channel = channel_x(target_actor, start.x > target_top.x);
    return {start,
            {start.x, run_y},
            {channel, run_y},
            {channel, target_run_y},
            {target_top.x, target_run_y},
            target_top};
  }

  // Out of the source's side to the target. A forward branch to another lane runs across and
  // enters the target from the top; back edges and same-lane branches run up or down a channel
  // beside the target and enter it from its side.
  std::vector<Point> side(const StepRow& source, const StepRow& target) {
    const PlacedSymbol& from = *source.symbol;
    const PlacedSymbol& to = *target.symbol;
    const bool backwards = target.step_index < source.step_index;
    if (!backwards && to.actor != from.actor) {
      const bool right = to.actor > from.actor;
      take_side(source.step_index, right);
      const Point start = side_of(from.box, right);
      const Point end = top_of(to.box);
      if (clear_vertical(end.x, start.y, end.y, source.step_index, target.step_index)) {
        return {start, {end.x, start.y}, end};
      }
      const double channel = channel_x(to.actor, !right);
      const double run_y = run_above(target);
      return {start, {channel, start.y}, {channel, run_y}, {end.x, run_y}, end};
    }
    // Enter from the target's side facing the source (or the other side, if an arrow already
    // uses that one). Within one lane, back edges (up) use the left channel and forward branches
    // (down) the right one, so the two never overlap.
    bool enter_right = to.actor < from.actor || (to.actor == from.actor && !backwards);
    if (side_taken(target.step_index, enter_right)) enter_right = !enter_right;
    // Leave towards the target's lane; within one lane, on the side of the channel.
    const bool exit_right = to.actor == from.actor ? enter_right : to.actor > from.actor;
    take_side(source.step_index, exit_right);
    take_side(target.step_index, enter_right);
    const Point start = side_of(from.box, exit_right);
    const double channel = channel_x(to.actor, enter_right);
    const Point end = side_of(to.box, enter_right);
    return {start, {channel, start.y}, {channel, end.y}, end};
  }

  // Out of the source (bottom or side) down to an outgoing connector below the table.
  std::vector<Point> to_connector(const StepRow& source, ExitSide exit, double connector_top,
                                  bool backwards) {
    const PlacedSymbol& from = *source.symbol;
    if (exit == ExitSide::bottom) {
      const Point start = bottom_of(from.box);
      if (clear_vertical(start.x, start.y, connector_top, source.step_index, source.step_index)) {
        return {start, {start.x, connector_top}};
      }
      const double run_y = run_below(source);
      const double channel = channel_x(from.actor, true);
      return {start, {start.x, run_y}, {channel, run_y}, {channel, connector_top}};
    }
    bool right = !backwards;
    if (side_taken(source.step_index, right)) right = !right;
    take_side(source.step_index, right);
    const Point start = side_of(from.box, right);
    const double channel = channel_x(from.actor, right);
    return {start, {channel, start.y}, {channel, connector_top}};
  }

  // From an incoming connector's tip down to the target's top.
  std::vector<Point> from_connector(const Box& connector, const StepRow& target) const {
    const Point start = bottom_of(connector);
    const Point end = top_of(target.symbol->box);
    const double run_y = run_above(target);
    if (clear_vertical(start.x, start.y, run_y, target.step_index, target.step_index)) {
      return {start, {start.x, run_y}, {end.x, run_y}, end};
    }
    const double below = start.y + 4 * scale_;
    const double channel = channel_x(target.symbol->actor, true);
    return {start, {start.x, below}, {channel, below}, {channel, run_y}, {end.x, run_y}, end};
  }

  // Moves the route's inner vertical legs off channels that earlier arrows use over the same
  // stretch, then records its vertical legs. The first and last legs stay: they meet symbols,
  // where arrows fanning out or merging may share a line.
  void claim(std::vector<Point>& points) {
    for (std::size_t i = 1; i + 2 < points.size(); ++i) {
      Point& top = points[i];
      Point& bottom = points[i + 1];
      if (std::abs(top.x - bottom.x) > kSame) continue;
      for (int attempt = 1; attempt <= 4 && overlaps_claimed(top.x, top.y, bottom.y); ++attempt) {
        // Alternate small steps either side; a channel has a few points of room each way.
        const double step = 3.5 * scale_ * ((attempt + 1) / 2) * (attempt % 2 == 1 ? -1 : 1);
        const double x = top.x + step;
        if (!overlaps_claimed(x, top.y, bottom.y)) {
          top.x = x;
          bottom.x = x;
          break;
        }
      }
    }
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
      if (std::abs(points[i].x - points[i + 1].x) < kSame) {
        claimed_.push_back({points[i].x, std::min(points[i].y, points[i + 1].y),
                            std::max(points[i].y, points[i + 1].y)});
      }
    }
  }

 private:
  struct VerticalLeg {
    double x;
    double top;
    double bottom;
  };

  bool overlaps_claimed(double x, double y0, double y1) const {
    const double top = std::min(y0, y1);
    const double bottom = std::max(y0, y1);
    return std::any_of(claimed_.begin(), claimed_.end(), [&](const VerticalLeg& leg) {
      return std::abs(leg.x - x) < 1.5 && std::min(bottom, leg.bottom) - std::max(top, leg.top) > 1;
    });
  }

  bool side_taken(std::size_t step, bool right) const {
    return std::find(taken_sides_.begin(), taken_sides_.end(), std::pair{step, right}) !=
           taken_sides_.end();
  }
  void take_side(std::size_t step, bool right) { taken_sides_.emplace_back(step, right); }

  double channel_x(std::size_t actor, bool right_side) const {
    const double offset =
        page_.columns.width(page_.columns.lane(actor)) * kChannelOffsetOfLaneWidth;
    return page_.columns.lane_centre(actor) + (right_side ? offset : -offset);
  }

  // y of the horizontal run just below a source symbol, still inside its row.
  double run_below(const StepRow& row) const {
    const Box& symbol = row.symbol->box;
    return symbol.bottom() + std::min(7 * scale_, (row.box.bottom() - symbol.bottom()) / 2);
  }

  // True when a vertical line at x from y0 to y1 crosses no symbol except those of the two steps.
  bool clear_vertical(double x, double y0, double y1, std::size_t skip_a,
                      std::size_t skip_b) const {
    const double top = std::min(y0, y1);
    const double bottom = std::max(y0, y1);
    for (const StepRow& row : page_.rows) {
      if (row.step_index == skip_a || row.step_index == skip_b) continue;
      auto crosses = [&](const PlacedSymbol& symbol) {
        const Box& box = symbol.box;
        return x > box.x - 1.5 && x < box.right() + 1.5 && bottom > box.y - 1.5 &&
               top < box.bottom() + 1.5;
      };
      if (row.symbol && crosses(*row.symbol)) return false;
      for (const PlacedSymbol& other : row.other_symbols) {
        if (crosses(other)) return false;
      }
    }
    return true;
  }

  const StepTablePage& page_;
  double scale_;
  std::vector<std::pair<std::size_t, bool>> taken_sides_;
  std::vector<VerticalLeg> claimed_;
};

// Drops points that repeat the previous one, so every segment has a length.
std::vector<Point> tidy(std::vector<Point> points) {
  std::vector<Point> kept;
  for (const Point& point : points) {
    if (!kept.empty() && std::abs(kept.back().x - point.x) < 0.01 &&
        std::abs(kept.back().y - point.y) < 0.01) {
      continue;
    }
    kept.push_back(point);
  }
  return kept;
}

// "Ya"/"Tidak" beside the exit: right of a downward exit (left if the run turns right), above a
// sideways exit.
Box place_label(const std::vector<Point>& points, ExitSide exit, const std::string& label,
                const TextStyle& style, const Typesetter& typesetter) {
  const double width = typesetter.natural_width(label, style);
  const double height = typesetter.height(label, style, -1);
  const Point start = points.front();
  if (exit == ExitSide::bottom) {
    const bool run_turns_right = points.size() > 2 && points[2].x > start.x + kSame;
    const double x = run_turns_right ? start.x - 1.5 - width : start.x + 1.5;
    return {x, start.y + 0.5, width, height};
  }
  const bool goes_right = points.size() > 1 && points[1].x > start.x;
  const double x = goes_right ? start.x + 1.5 : start.x - 1.5 - width;
  return {x, start.y - 0.5 - height, width, height};
}

// Spreads connectors that would sit on one another at the same x.
double free_x(std::vector<double>& used, double x, double spacing) {
  double candidate = x;
  for (int attempt = 1; attempt < 8; ++attempt) {
    const bool taken = std::any_of(used.begin(), used.end(), [&](double other) {
      return std::abs(other - candidate) < spacing;
    });
    if (!taken) break;
    candidate = x + spacing * ((attempt + 1) / 2) * (attempt % 2 == 1 ? 1 : -1);
  }
  used.push_back(candidate);
  return candidate;
}

}  // namespace

double incoming_connector_band_pt(double scale) { return 22 * scale; }
double outgoing_connector_band_pt(double scale) { return 26 * scale; }

Box off_page_connector_box(double centre_x, double top, double scale) {
  const double size = 13 * scale;
  return {centre_x - size / 2, top, size, size};
}

PageArrows route_arrows(const StepTablePage& page, const std::vector<PageEdge>& edges,
                        const TextStyle& label_style, const Typesetter& typesetter, double scale) {
  Router router(page, scale);
  PageArrows result;
  std::vector<double> incoming_x;
  std::vector<double> outgoing_x;
  const double outgoing_top = page.table_bottom + 7 * scale;
  const double incoming_top = page.rows.empty() ? 0 : page.rows.front().box.y + 4 * scale;

  for (const PageEdge& edge : edges) {
    ArrowRoute arrow;
    arrow.from_step = edge.from_step;
    arrow.to_step = edge.to_step;
    const StepRow* source = router.row_of(edge.from_step);
    const StepRow* target = router.row_of(edge.to_step);

    if (edge.span == EdgeSpan::internal) {
      if (!source || !target || !source->symbol || !target->symbol) continue;
      if (edge.from_step == edge.to_step) continue;  // a self-loop has no sensible drawing
      if (edge.exit == ExitSide::bottom && edge.to_step > edge.from_step) {
        arrow.points = router.down(*source, top_of(target->symbol->box), router.run_above(*target),
                                   target->step_index, target->symbol->actor);
      } else {
        arrow.points = router.side(*source, *target);
      }
    } else if (edge.span == EdgeSpan::outgoing) {
      if (!source || !source->symbol) continue;
      arrow.points =
          router.to_connector(*source, edge.exit, outgoing_top, edge.to_step < edge.from_step);
      const double x = free_x(outgoing_x, arrow.points.back().x, 16 * scale);
      if (std::abs(x - arrow.points.back().x) > kSame) {
        // Jog sideways just below the table to reach a connector moved out of another's way.
        const double jog_y = page.table_bottom + 3 * scale;
        arrow.points.back().y = jog_y;
        arrow.points.push_back({x, jog_y});
        arrow.points.push_back({x, outgoing_top});
      }
      result.connectors.push_back({off_page_connector_box(x, outgoing_top, scale), edge.mark, true,
                                   edge.from_step, edge.to_step});
    } else {
      if (!target || !target->symbol) continue;
      const double x = free_x(incoming_x, target->symbol->box.centre_x(), 16 * scale);
      const Box connector = off_page_connector_box(x, incoming_top, scale);
      result.connectors.push_back({connector, edge.mark, false, edge.from_step, edge.to_step});
      arrow.points = router.from_connector(connector, *target);
    }
    arrow.points = tidy(std::move(arrow.points));
    if (arrow.points.size() < 2) continue;
    router.claim(arrow.points);
    if (edge.label && edge.span != EdgeSpan::incoming) {
      arrow.label = edge.label;
      arrow.label_box = place_label(arrow.points, edge.exit, *edge.label, label_style, typesetter);
    }
    result.arrows.push_back(std::move(arrow));
  }
  return result;
}

}  // namespace sopocr::fixtures
