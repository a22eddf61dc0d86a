#include "arrows.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <opencv2/imgproc.hpp>

namespace sopocr {
namespace {

double distance_to_rect(cv::Point2d point, const cv::Rect& rect) {
  const double dx = std::max({rect.x - point.x, 0.0, point.x - (rect.x + rect.width)});
  const double dy = std::max({rect.y - point.y, 0.0, point.y - (rect.y + rect.height)});
  return std::hypot(dx, dy);
}

// Union-find over straight segments.
class Groups {
 public:
  explicit Groups(int count) : parent_(count) {
    for (int i = 0; i < count; ++i) parent_[i] = i;
  }
  int find(int i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void unite(int a, int b) { parent_[find(a)] = find(b); }

 private:
  std::vector<int> parent_;
};

struct Segment {
  cv::Rect box;
  bool horizontal = false;
  int line = 0;  // the line it belongs to, as in straight_lines' `line_ids`
};

std::vector<Segment> segments_of(const cv::Mat& runs, bool horizontal, cv::Mat& labels) {
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(runs, labels, stats, centroids, 8, CV_32S);
  std::vector<Segment> segments;
  for (int label = 1; label < count; ++label) {
    segments.push_back(
        {cv::Rect(stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
                  stats.at<int>(label, cv::CC_STAT_WIDTH),
                  stats.at<int>(label, cv::CC_STAT_HEIGHT)),
         horizontal});
  }
  return segments;
}

// The longest stretch of a line's gap, from `from` for `length` along the line's axis, with no
// ink within `slack` of the line's centre `across`.
int longest_blank_stretch(const cv::Mat& mask, bool along_x, int from, int length, int across,
                          int slack) {
  int longest = 0;
  int blank = 0;
  for (int along = from; along < from + length; ++along) {
    const cv::Rect line = (along_x ? cv::Rect(along, across - slack, 1, 2 * slack + 1)
                                   : cv::Rect(across - slack, along, 2 * slack + 1, 1)) &
                          cv::Rect(0, 0, mask.cols, mask.rows);
    blank = !line.empty() && cv::countNonZero(mask(line)) > 0 ? 0 : blank + 1;
    longest = std::max(longest, blank);
  }
  return longest;
}

// How far off its straight course a line's pixels may lie: its width and a scan's wobble.
int line_slack(int dpi) { return std::max(3, dpi / 50); }

// The longest break joined within a line: a worn scan breaks a connector as it breaks the
// table's rules, by up to 3 mm, and the blur eats the broken ends a little further.
int longest_break(int dpi) { return std::max(6, dpi * 7 / 50); }

// Arrows run horizontally and vertically. Splits the lines into straight segments and joins
// those that meet at a bend or where one ends on another (arrows merging), and those that
// continue each other across a short break, but not two that cross: crossing arrows stay
// apart, and neither do two whose break is an erased symbol (`symbol_boxes`): a small box is
// no longer than a break, and the arrows into and out of it run on one course. `pieces` are
// the lines with the fragments of broken lines too short to be lines of their own. Returns the
// straight segments, and per pixel the line it belongs to (0: none) in `line_ids`.
std::vector<Segment> straight_lines(const cv::Mat& line_mask, const cv::Mat& pieces,
                                    const std::vector<cv::Rect>& symbol_boxes, int dpi,
                                    cv::Mat& line_ids) {
  const int run = std::max(5, dpi / 25);
  cv::Mat horizontal;
  cv::Mat vertical;
  cv::morphologyEx(line_mask, horizontal, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {run, 1}));
  cv::morphologyEx(line_mask, vertical, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {1, run}));
  cv::Mat horizontal_labels;
  cv::Mat vertical_labels;
  std::vector<Segment> segments = segments_of(horizontal, true, horizontal_labels);
  const int first_vertical = static_cast<int>(segments.size());
  for (const Segment& segment : segments_of(vertical, false, vertical_labels)) {
    segments.push_back(segment);
  }

  const int slack = line_slack(dpi);
  const int max_break = longest_break(dpi);
  const int cross_margin = std::max(slack, dpi / 20);
  Groups groups(static_cast<int>(segments.size()));
  for (std::size_t a = 0; a < segments.size(); ++a) {
    for (std::size_t b = a + 1; b < segments.size(); ++b) {
      const Segment& first = segments[a];
      const Segment& second = segments[b];
      if (first.horizontal != second.horizontal) {
        const Segment& across = first.horizontal ? first : second;
        const Segment& down = first.horizontal ? second : first;
        const cv::Rect grown(down.box.x - slack, down.box.y - slack, down.box.width + 2 * slack,
                             down.box.height + 2 * slack);
        if ((grown & across.box).empty()) continue;
        const int x = down.box.x + down.box.width / 2;
        const int y = across.box.y + across.box.height / 2;
        // Crossing lines run on well past each other; an arrowhead's base, a bend or a branch
        // ending on a line does not.
        const bool ends_across =
            x <= across.box.x + cross_margin || x >= across.box.br().x - cross_margin;
        const bool ends_down =
            y <= down.box.y + cross_margin || y >= down.box.br().y - cross_margin;
        if (ends_across || ends_down) groups.unite(static_cast<int>(a), static_cast<int>(b));
      } else {
        // Two runs on one line with a short break between them: a faded stretch.
        const bool along_x = first.horizontal;
        auto centre = [&](const cv::Rect& box) {
          return along_x ? box.y + box.height / 2 : box.x + box.width / 2;
        };
        auto start = [&](const cv::Rect& box) { return along_x ? box.x : box.y; };
        auto end = [&](const cv::Rect& box) { return along_x ? box.br().x : box.br().y; };
        const int offset = std::abs(centre(first.box) - centre(second.box));
        const int gap_start = std::min(end(first.box), end(second.box));
        const int gap = std::max(start(first.box), start(second.box)) - gap_start;
        const int course = (centre(first.box) + centre(second.box)) / 2;
        const cv::Rect gap_box = along_x ? cv::Rect(gap_start, course, std::max(gap, 1), 1)
                                         : cv::Rect(course, gap_start, 1, std::max(gap, 1));
        if (std::any_of(symbol_boxes.begin(), symbol_boxes.end(),
                        [&](const cv::Rect& box) { return !(box & gap_box).empty(); })) {
          continue;
        }
        // Two breaks close together leave a fragment between them too short to be a line of its
        // own: it counts as line, and the longest stretch without ink is the break.
        if (offset <= slack &&
            (gap <= max_break ||
             (gap <= 3 * max_break && longest_blank_stretch(pieces, along_x, gap_start, gap, course,
                                                            slack) <= max_break))) {
          groups.unite(static_cast<int>(a), static_cast<int>(b));
        }
      }
    }
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    segments[i].line = groups.find(static_cast<int>(i)) + 1;
  }
  line_ids = cv::Mat::zeros(line_mask.size(), CV_32S);
  for (int y = 0; y < line_mask.rows; ++y) {
    const int* across = horizontal_labels.ptr<int>(y);
    const int* down = vertical_labels.ptr<int>(y);
    int* id = line_ids.ptr<int>(y);
    for (int x = 0; x < line_mask.cols; ++x) {
      if (across[x] > 0) {
        id[x] = groups.find(across[x] - 1) + 1;
      } else if (down[x] > 0) {
        id[x] = groups.find(first_vertical + down[x] - 1) + 1;
      }
    }
  }
  return segments;
}

// Where one line meets one symbol.
struct Attachment {
  int line = 0;
  int symbol = 0;
  cv::Point point;
  cv::Rect touch;     // the piece of line where it meets the symbol
  int component = 0;  // the ink it belongs to
  float widest = 0;   // radius of the widest ink near the meeting point
  // How far ink of the line's own, off its straight runs, reaches out on both sides of its course
  // near the meeting point (the lesser of the two sides): the arms of a head drawn open as a
  // chevron ("->"), or a filled head's flanks. A bend or a speck reaches out on one side only.
  int spread = 0;
};

// Where a line stops short of any symbol and of the rest of its own line, and the way it was
// heading there.
struct FreeEnd {
  int line = 0;
  cv::Point point;
  cv::Point heading;  // one pixel along the line's axis, out of the line
};

// The ends of `line`'s straight segments that meet no other segment of it, neither at a bend
// nor across a break it was joined over, and that come near none of `symbol_zones`.
std::vector<FreeEnd> free_ends(const std::vector<Segment>& segments, int line,
                               const std::vector<cv::Rect>& symbol_zones, int dpi) {
  const int slack = line_slack(dpi);
  const int joined_reach = 3 * longest_break(dpi);
  std::vector<FreeEnd> ends;
  for (const Segment& segment : segments) {
    if (segment.line != line) continue;
    const cv::Rect& box = segment.box;
    const cv::Point centre(box.x + box.width / 2, box.y + box.height / 2);
    const std::pair<cv::Point, cv::Point> candidates[] = {
        segment.horizontal
            ? std::pair{cv::Point(box.x, centre.y), cv::Point(-1, 0)}
            : std::pair{cv::Point(centre.x, box.y), cv::Point(0, -1)},
        segment.horizontal
            ? std::pair{cv::Point(box.br().x - 1, centre.y), cv::Point(1, 0)}
            : std::pair{cv::Point(centre.x, box.br().y - 1), cv::Point(0, 1)}};
    for (const auto& [point, heading] : candidates) {
      // Ahead of the end, as far as a break the line was joined over may reach.
      const cv::Point far = point + heading * joined_reach;
      const cv::Rect ahead = cv::Rect(point, far) | cv::Rect(far, point);
      const cv::Rect corridor(ahead.x - slack, ahead.y - slack, ahead.width + 2 * slack + 1,
                              ahead.height + 2 * slack + 1);
      const bool joined = std::any_of(segments.begin(), segments.end(), [&](const Segment& other) {
        if (&other == &segment || other.line != line) return false;
        const cv::Rect grown(other.box.x - slack, other.box.y - slack,
                             other.box.width + 2 * slack, other.box.height + 2 * slack);
        return grown.contains(point) ||
               (other.horizontal == segment.horizontal && !(corridor & other.box).empty());
      });
      const bool at_symbol =
          std::any_of(symbol_zones.begin(), symbol_zones.end(),
                      [&](const cv::Rect& zone) { return zone.contains(point); });
      if (!joined && !at_symbol) ends.push_back({line, point, heading});
    }
  }
  return ends;
}

// The stretch of line missing between two free ends of which one could be the other's
// continuation: straight on, facing each other on one course; round one bend ahead of both; or,
// facing each other a break apart or less on two courses, along the line across (a connector
// drawn along a table's rule, erased with it).
struct MissingPath {
  std::vector<cv::Rect> strips;  // the path, `slack` wide either side; none if there is no path
  int length = 0;
};

MissingPath missing_path(const FreeEnd& a, const FreeEnd& b, int slack, int max_break) {
  auto strip = [&](cv::Point from, cv::Point to) {
    const cv::Rect span = cv::Rect(from, to) | cv::Rect(to, from);
    return cv::Rect(span.x - slack, span.y - slack, span.width + 2 * slack + 1,
                    span.height + 2 * slack + 1);
  };
  auto along = [](cv::Point from, cv::Point to) {
    return std::abs(to.x - from.x) + std::abs(to.y - from.y);
  };
  const cv::Point apart = b.point - a.point;
  if (a.heading == -b.heading) {
    const bool level = a.heading.x != 0 ? std::abs(apart.y) <= 2 * slack
                                        : std::abs(apart.x) <= 2 * slack;
    if (level && apart.dot(a.heading) > 0) {
      return {{strip(a.point, b.point)}, apart.dot(a.heading)};
    }
    if (level || apart.dot(a.heading) < -slack || apart.dot(a.heading) > max_break) return {};
    const cv::Point middle = a.point + a.heading * (apart.dot(a.heading) / 2);
    const cv::Point across = a.heading.x != 0 ? cv::Point(middle.x, b.point.y)
                                              : cv::Point(b.point.x, middle.y);
    // Only the ends are missing from the scan: the run across is hidden in the rule, not faded,
    // however long it is.
    return {{strip(a.point, middle), strip(middle, across), strip(across, b.point)},
            along(a.point, middle) + along(across, b.point)};
  }
  if (a.heading.dot(b.heading) != 0) return {};  // both heading the same way
  const cv::Point bend = a.heading.x != 0 ? cv::Point(b.point.x, a.point.y)
                                          : cv::Point(a.point.x, b.point.y);
  if ((bend - a.point).dot(a.heading) < -slack || (bend - b.point).dot(b.heading) < -slack) {
    return {};
  }
  return {{strip(a.point, bend), strip(b.point, bend)}, along(a.point, bend) + along(b.point, bend)};
}

// Two letters of one line of text: level with each other, and no further apart than a word
// space, which with the letters' side bearings is up to two thirds of a capital's height; a
// capital's height allows for wide spacing.
bool beside_on_line(const cv::Rect& a, const cv::Rect& b) {
  const int shared_rows = std::min(a.br().y, b.br().y) - std::max(a.y, b.y);
  const int gap = std::max(a.x, b.x) - std::min(a.br().x, b.br().x);
  return 2 * shared_rows >= std::min(a.height, b.height) && gap <= std::max(a.height, b.height);
}

// A label printed on its arrow's line loses the letters whose descenders touch the line ("p",
// "g"): they are part of the line's ink, not letters of their own. The label takes in, either
// side, the ink above its baseline that follows it within a word space (as beside_on_line).
cv::Rect with_letters_on_the_line(const cv::Rect& label, const cv::Mat& ink) {
  // "Y", "T", "Ya": a mark or a line's end beside a label of a letter or two would read as one.
  if (label.width < 2 * label.height) return label;
  const int band_top = label.y;
  const int band_height = std::max(1, label.height * 2 / 3);
  const int max_blank = std::max(1, label.height);
  const int max_reach = 6 * label.height;  // a word glued to the line
  auto inked = [&](int x) {
    if (x < 0 || x >= ink.cols) return false;
    const cv::Rect column =
        cv::Rect(x, band_top, 1, band_height) & cv::Rect(0, 0, ink.cols, ink.rows);
    const int count = column.empty() ? 0 : cv::countNonZero(ink(column));
    // A column inked from top to bottom is a rule or a line across the label, not a letter.
    return count > 0 && count < column.height;
  };
  auto reach = [&](int from, int step) {
    int last_inked = from;
    for (int x = from + step, blank = 0; std::abs(x - from) <= max_reach; x += step) {
      if (inked(x)) {
        last_inked = x;
        blank = 0;
      } else if (++blank > max_blank) {
        break;
      }
    }
    return last_inked;
  };
  const int left = reach(label.x, -1);
  const int right = reach(label.br().x - 1, 1);
  return cv::Rect(left, label.y, right - left + 1, label.height);
}

// The longest straight run of ink of each component of `labels`, across (along a row) and down
// (along a column).
struct LongestRuns {
  std::vector<int> across;
  std::vector<int> down;
};

LongestRuns longest_runs_of(const cv::Mat& labels, int count) {
  LongestRuns longest{std::vector<int>(count, 0), std::vector<int>(count, 0)};
  std::vector<int> run_down(labels.cols, 0);
  std::vector<int> label_above(labels.cols, 0);
  for (int y = 0; y < labels.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    int run_across = 0;
    for (int x = 0; x < labels.cols; ++x) {
      const int here = label[x];
      run_across = here != 0 && x > 0 && label[x - 1] == here ? run_across + 1 : 1;
      run_down[x] = here != 0 && label_above[x] == here ? run_down[x] + 1 : 1;
      label_above[x] = here;
      if (here == 0) continue;
      longest.across[here] = std::max(longest.across[here], run_across);
      longest.down[here] = std::max(longest.down[here], run_down[x]);
    }
  }
  return longest;
}

// A line that reaches symbols at one end only: it leaves them without a head, or arrives at them
// with one and starts at none.
struct LooseLine {
  int line = 0;
  bool headed = false;  // its touches are heads
  std::vector<const Attachment*> touches;
};

// What trace_arrows found of the lines, for joining them across a lost stretch.
struct LineMap {
  const cv::Mat& line_ids;   // per pixel its line, as straight_lines gives it
  const cv::Mat& thickness;  // per pixel of ink the distance to the nearest blank
  const std::vector<Segment>& segments;
  const std::vector<cv::Rect>& symbol_boxes;
  const std::vector<bool>& reaches_symbol;  // per line: whether it meets some symbol
  int attach_reach = 0;
};

// Two loose lines, by their place in the list, that may be one line lost for `missing` pixels.
// Or a loose line, `first`, whose free end heads straight into a symbol's box, `symbol`, a
// break's length off or closer: its last stretch was lost where it crossed a rule.
struct Continuation {
  int missing = 0;
  std::size_t first = 0;
  std::size_t second = 0;
  int symbol = -1;  // the symbol `first` reaches, where it reaches no other line
  cv::Point free_end;  // where `first` stops short of `symbol`
};

// A line faded out of the scan for longer than a break (straight_lines), or round its bend,
// leaves two lines that each reach one symbol. Where the free end of one heads straight at the
// other's (missing_path), with no other arrow's line and no symbol on the way, they may be one
// arrow; not where both arrive with heads, nor where a free end carries a head of its own (an
// arrow drawn pointing at nothing). Returns the candidates, shortest missing stretch first.
std::vector<Continuation> continuations_across_gaps(const std::vector<LooseLine>& loose,
                                                    const LineMap& map, int dpi,
                                                    const ArrowParams& params) {
  const cv::Rect whole(0, 0, map.line_ids.cols, map.line_ids.rows);
  const int slack = line_slack(dpi);
  const int head_length = static_cast<int>(params.head_length_inches * dpi);
  const double min_head_radius = params.min_head_radius_pt * dpi / 72.0;
  std::vector<cv::Rect> symbol_zones;
  for (const cv::Rect& box : map.symbol_boxes) {
    symbol_zones.push_back(cv::Rect(box.x - map.attach_reach, box.y - map.attach_reach,
                                    box.width + 2 * map.attach_reach,
                                    box.height + 2 * map.attach_reach));
  }
  auto ends_in_head = [&](const FreeEnd& end, const LooseLine& line) {
    float line_radius = line.touches.front()->widest;
    for (const Attachment* touch : line.touches) line_radius = std::min(line_radius, touch->widest);
    const cv::Rect window = cv::Rect(end.point.x - head_length, end.point.y - head_length,
                                     2 * head_length + 1, 2 * head_length + 1) &
                            whole;
    float widest = 0;
    for (int y = window.y; y < window.br().y; ++y) {
      for (int x = window.x; x < window.br().x; ++x) {
        if (map.line_ids.at<int>(y, x) == end.line) {
          widest = std::max(widest, map.thickness.at<float>(y, x));
        }
      }
    }
    return widest >= std::max(min_head_radius, params.min_head_contrast * line_radius);
  };
  auto path_is_clear = [&](const std::vector<cv::Rect>& path, int line_a, int line_b) {
    for (const cv::Rect& strip : path) {
      const cv::Rect inside = strip & whole;
      if (std::any_of(map.symbol_boxes.begin(), map.symbol_boxes.end(),
                      [&](const cv::Rect& box) { return (box & inside).area() > 0; })) {
        return false;
      }
      for (int y = inside.y; y < inside.br().y; ++y) {
        const int* id = map.line_ids.ptr<int>(y);
        for (int x = inside.x; x < inside.br().x; ++x) {
          // What is left of the faded stretch itself reaches no symbol.
          if (id[x] != 0 && id[x] != line_a && id[x] != line_b && map.reaches_symbol[id[x]]) {
            return false;
          }
        }
      }
    }
    return true;
  };
  std::vector<std::vector<FreeEnd>> ends_of;
  for (const LooseLine& line : loose) {
    std::vector<FreeEnd> ends;
    for (const FreeEnd& end : free_ends(map.segments, line.line, symbol_zones, dpi)) {
      if (!ends_in_head(end, line)) ends.push_back(end);
    }
    ends_of.push_back(std::move(ends));
  }
  const int longest_fade = static_cast<int>(params.longest_fade_inches * dpi);
  const int max_break = longest_break(dpi);
  std::vector<Continuation> continuations;
  for (std::size_t i = 0; i < loose.size(); ++i) {
    for (std::size_t j = i + 1; j < loose.size(); ++j) {
      if (loose[i].headed && loose[j].headed) continue;
      for (const FreeEnd& a : ends_of[i]) {
        for (const FreeEnd& b : ends_of[j]) {
          const MissingPath path = missing_path(a, b, slack, max_break);
          if (!path.strips.empty() && path.length <= longest_fade &&
              path_is_clear(path.strips, loose[i].line, loose[j].line)) {
            continuations.push_back({path.length, i, j, -1, {}});
          }
        }
      }
    }
  }
  for (std::size_t i = 0; i < loose.size(); ++i) {
    for (const FreeEnd& end : ends_of[i]) {
      for (std::size_t symbol = 0; symbol < map.symbol_boxes.size(); ++symbol) {
        const cv::Rect& box = map.symbol_boxes[symbol];
        const bool across_x = end.heading.y != 0;  // the box's extent the line must fall in
        const int across = across_x ? end.point.x : end.point.y;
        const int low = across_x ? box.x : box.y;
        const int high = across_x ? box.br().x : box.br().y;
        if (across < low + slack || across > high - slack) continue;
        const int near_side = end.heading.x > 0 ? box.x
                              : end.heading.x < 0 ? box.br().x - 1
                              : end.heading.y > 0 ? box.y
                                                  : box.br().y - 1;
        const int along = end.heading.x != 0 ? end.point.x : end.point.y;
        const int distance = (near_side - along) * (end.heading.x + end.heading.y);
        if (distance < 0 || distance > max_break) continue;
        // Up to the box's side: the strip stops short of it by a pixel.
        const cv::Point reached = end.point + end.heading * std::max(0, distance - 1);
        const cv::Rect span = cv::Rect(end.point, reached) | cv::Rect(reached, end.point);
        const cv::Rect strip(span.x - slack * std::abs(end.heading.y),
                             span.y - slack * std::abs(end.heading.x),
                             span.width + 2 * slack * std::abs(end.heading.y),
                             span.height + 2 * slack * std::abs(end.heading.x));
        if (path_is_clear({strip}, loose[i].line, loose[i].line)) {
          continuations.push_back({distance, i, i, static_cast<int>(symbol), end.point});
        }
      }
    }
  }
  std::sort(continuations.begin(), continuations.end(),
            [](const Continuation& a, const Continuation& b) { return a.missing < b.missing; });
  return continuations;
}

// The radius of `line` along its straight runs, across them (the median of the widest ink
// across each run at each step along it), in pixels of `thickness` (the ink's distance
// transform); 0 for a line with no straight run.
float body_radius(const std::vector<Segment>& segments, int line, const cv::Mat& thickness) {
  std::vector<float> across;
  for (const Segment& segment : segments) {
    if (segment.line != line) continue;
    const cv::Rect& box = segment.box;
    const int length = segment.horizontal ? box.width : box.height;
    const int breadth = segment.horizontal ? box.height : box.width;
    for (int along = 0; along < length; ++along) {
      float widest = 0;
      for (int side = 0; side < breadth; ++side) {
        const int x = box.x + (segment.horizontal ? along : side);
        const int y = box.y + (segment.horizontal ? side : along);
        widest = std::max(widest, thickness.at<float>(y, x));
      }
      across.push_back(widest);
    }
  }
  if (across.empty()) return 0;
  auto middle = across.begin() + static_cast<std::ptrdiff_t>(across.size() / 2);
  std::nth_element(across.begin(), middle, across.end());
  return *middle;
}

}  // namespace

ArrowTrace trace_arrows(const cv::Mat& rule_free_ink, const cv::Rect& area_px,
                        const std::vector<cv::Rect>& symbol_boxes_px, int dpi,
                        const ArrowParams& params) {
  ArrowTrace trace;
  const cv::Rect area = area_px & cv::Rect(0, 0, rule_free_ink.cols, rule_free_ink.rows);
  if (area.empty() || symbol_boxes_px.empty()) return trace;
  cv::Mat mask = rule_free_ink(area).clone();
  const cv::Rect whole(0, 0, area.width, area.height);

  // The symbols go, with their outline's blur, so that each arrow is a line on its own.
  const int pad = std::max(2, dpi / 100);
  std::vector<cv::Rect> erased;
  for (const cv::Rect& box : symbol_boxes_px) {
    const cv::Rect local = box - area.tl();
    erased.push_back(
        cv::Rect(local.x - pad, local.y - pad, local.width + 2 * pad, local.height + 2 * pad) &
        whole);
    mask(erased.back()) = 0;
  }
  // No closing here: it would merge a label's letters into a word as long as a line. Breaks in
  // a faded line are joined run to run (straight_lines).

  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  const int min_line = static_cast<int>(params.min_line_inches * dpi);
  const int min_text = std::max(4, dpi / 30);
  const int longest_text = static_cast<int>(params.longest_text_inches * dpi);
  // A line runs straight for half its length or more. Letters that blur or bold type join into
  // one piece ("Len" of "Lengkap") are as long as a short line, but no stroke of theirs runs
  // further than a letter or two. Longer than a label, a piece is a line whatever its runs: a long
  // line a little aslant (a photo's perspective, a page's curl) runs in steps.
  const LongestRuns longest_runs = longest_runs_of(labels, count);
  std::vector<bool> is_line(count, false);
  std::vector<cv::Rect> text_boxes;
  for (int label = 1; label < count; ++label) {
    const cv::Rect box(
        stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
        stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    const int longer = std::max(box.width, box.height);
    const int run_along =
        box.width >= box.height ? longest_runs.across[label] : longest_runs.down[label];
    const bool runs_straight = run_along >= min_line && 2 * run_along >= longer;
    if (longer >= min_line && (runs_straight || longer >= longest_text)) {
      is_line[label] = true;
    } else if (longer >= min_text) {
      text_boxes.push_back(box);
    }
  }

  // What may be left of a line between two breaks: ink thinner across than a line's slack.
  // Letters and labels beside a line are thicker, and would join two arrows through their label.
  const int thin = std::max(3, dpi / 50);
  std::vector<bool> is_piece(is_line);
  for (int label = 1; label < count; ++label) {
    is_piece[label] = is_piece[label] || std::min(stats.at<int>(label, cv::CC_STAT_WIDTH),
                                                  stats.at<int>(label, cv::CC_STAT_HEIGHT)) <= thin;
  }
  cv::Mat line_mask = cv::Mat::zeros(mask.size(), CV_8UC1);
  cv::Mat line_pieces = cv::Mat::zeros(mask.size(), CV_8UC1);
  for (int y = 0; y < mask.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    uchar* line_out = line_mask.ptr<uchar>(y);
    uchar* piece_out = line_pieces.ptr<uchar>(y);
    for (int x = 0; x < mask.cols; ++x) {
      line_out[x] = is_line[label[x]] ? 255 : 0;
      piece_out[x] = is_piece[label[x]] ? 255 : 0;
    }
  }
  cv::Mat line_ids;
  const std::vector<Segment> segments =
      straight_lines(line_mask, line_pieces, erased, dpi, line_ids);
  double most_ids = 0;
  cv::minMaxLoc(line_ids, nullptr, &most_ids);
  const int line_count = static_cast<int>(most_ids) + 1;

  cv::Mat thickness;
  cv::distanceTransform(mask, thickness, cv::DIST_L2, 3);
  const int reach = std::max(3, static_cast<int>(params.attach_reach_inches * dpi));
  const int head_length = static_cast<int>(params.head_length_inches * dpi);
  const double min_head_radius = params.min_head_radius_pt * dpi / 72.0;
  const double lone_head_radius = params.lone_head_radius_pt * dpi / 72.0;
  const double min_open_head_spread = params.min_open_head_spread_pt * dpi / 72.0;
  const int slack = line_slack(dpi);

  std::vector<Attachment> attachments;
  for (std::size_t symbol = 0; symbol < erased.size(); ++symbol) {
    const cv::Rect& box = erased[symbol];
    const cv::Rect zone =
        cv::Rect(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach) &
        whole;
    // One line may meet a symbol more than once (leaving its bottom and coming back into its
    // side): each piece of line where it meets the symbol is its own touch.
    const cv::Mat near = line_mask(zone);
    cv::Mat pieces;
    cv::Mat piece_stats;
    cv::Mat piece_centres;
    const int piece_count =
        cv::connectedComponentsWithStats(near, pieces, piece_stats, piece_centres, 8, CV_32S);
    for (int piece = 1; piece < piece_count; ++piece) {
      const cv::Rect touch(piece_stats.at<int>(piece, cv::CC_STAT_LEFT) + zone.x,
                           piece_stats.at<int>(piece, cv::CC_STAT_TOP) + zone.y,
                           piece_stats.at<int>(piece, cv::CC_STAT_WIDTH),
                           piece_stats.at<int>(piece, cv::CC_STAT_HEIGHT));
      const cv::Point centre(
          static_cast<int>(std::lround(piece_centres.at<double>(piece, 0))) + zone.x,
          static_cast<int>(std::lround(piece_centres.at<double>(piece, 1))) + zone.y);
      int component = 0;
      int line = 0;
      for (int y = touch.y; y < touch.br().y && line == 0; ++y) {
        for (int x = touch.x; x < touch.br().x && line == 0; ++x) {
          if (pieces.at<int>(y - zone.y, x - zone.x) != piece) continue;
          component = labels.at<int>(y, x);
          line = line_ids.at<int>(y, x);
        }
      }
      // A touch with no straight run in it (a stub shorter than a run) is its own line.
      if (line == 0) line = line_count + component;
      attachments.push_back({line, static_cast<int>(symbol), centre, touch, component});
    }
  }
  // A line that bends close under a symbol, or runs on a little tilted beside it, dips in and
  // out of the band round the symbol where lines are looked for: such a sliver is the line
  // passing by, no second meeting, and its corner may pass for a head. Where the same line meets
  // the symbol nearer, a piece that stays in the band's outer half is dropped.
  const auto gap_to_symbol = [&](const Attachment& attachment) {
    const cv::Rect& box = erased[attachment.symbol];
    const cv::Rect& touch = attachment.touch;
    const int dx = std::max({0, box.x - touch.br().x, touch.x - box.br().x});
    const int dy = std::max({0, box.y - touch.br().y, touch.y - box.br().y});
    return std::hypot(dx, dy);
  };
  std::vector<bool> passing_by(attachments.size(), false);
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    if (2 * gap_to_symbol(attachments[i]) < reach) continue;
    for (const Attachment& other : attachments) {
      if (other.line == attachments[i].line && other.symbol == attachments[i].symbol &&
          2 * gap_to_symbol(other) < reach) {
        passing_by[i] = true;
      }
    }
  }
  std::vector<Attachment> meetings;
  for (std::size_t i = 0; i < attachments.size(); ++i) {
    if (!passing_by[i]) meetings.push_back(attachments[i]);
  }
  attachments = std::move(meetings);
  // The head, if any, lies within its length of where the line meets the symbol, and on a line
  // joining two symbols nearer that end than the other: an arrow between compact rows may be
  // shorter than two heads.
  for (Attachment& attachment : attachments) {
    const cv::Rect& touch = attachment.touch;
    const cv::Rect head_window =
        cv::Rect(touch.x - head_length, touch.y - head_length, touch.width + 2 * head_length,
                 touch.height + 2 * head_length) &
        whole;
    std::vector<cv::Point> other_ends;
    for (const Attachment& other : attachments) {
      if (&other != &attachment && other.component == attachment.component) {
        other_ends.push_back(other.point);
      }
    }
    // Only a line between two symbols: where lines merge or fan out, a head may lie nearer
    // the junction's other branches than its own end.
    if (other_ends.size() != 1) other_ends.clear();
    auto squared = [](cv::Point d) { return d.x * d.x + d.y * d.y; };
    // The course of the line where it meets the symbol: its straight segment nearest there.
    const Segment* course = nullptr;
    double course_distance = 0;
    for (const Segment& segment : segments) {
      if (segment.line != attachment.line) continue;
      const double distance = distance_to_rect(attachment.point, segment.box);
      if (course == nullptr || distance < course_distance) {
        course = &segment;
        course_distance = distance;
      }
    }
    // Ink along the line's other straight runs (a bend, a branch merging) is no head's arm.
    std::vector<cv::Rect> other_runs;
    for (const Segment& segment : segments) {
      if (segment.line == attachment.line && &segment != course) {
        other_runs.push_back(cv::Rect(segment.box.x - slack, segment.box.y - slack,
                                      segment.box.width + 2 * slack,
                                      segment.box.height + 2 * slack));
      }
    }
    int reach_below = 0;  // off the course on the side of lower coordinates, and higher
    int reach_above = 0;
    for (int y = head_window.y; y < head_window.br().y; ++y) {
      const int* row = labels.ptr<int>(y);
      const float* width = thickness.ptr<float>(y);
      const int* run = line_ids.ptr<int>(y);
      for (int x = head_window.x; x < head_window.br().x; ++x) {
        if (row[x] != attachment.component) continue;
        const int own = squared(cv::Point(x, y) - attachment.point);
        const bool nearer_another =
            std::any_of(other_ends.begin(), other_ends.end(),
                        [&](const cv::Point& end) { return squared(cv::Point(x, y) - end) < own; });
        if (nearer_another) continue;
        attachment.widest = std::max(attachment.widest, width[x]);
        if (course == nullptr || run[x] != 0 ||
            std::any_of(other_runs.begin(), other_runs.end(),
                        [&](const cv::Rect& zone) { return zone.contains({x, y}); })) {
          continue;
        }
        const cv::Rect& box = course->box;
        const int off_course = course->horizontal ? y - (box.y + box.height / 2)
                                                  : x - (box.x + box.width / 2);
        reach_below = std::max(reach_below, -off_course);
        reach_above = std::max(reach_above, off_course);
      }
    }
    attachment.spread = std::min(reach_below, reach_above);
  }

  // A line without heads, from the symbol higher on the page: the order the table lists them.
  auto top_down = [&](const Attachment& a, const Attachment& b, bool joined_across_gap) {
    const bool a_higher = symbol_boxes_px[a.symbol].y <= symbol_boxes_px[b.symbol].y;
    const Attachment& upper = a_higher ? a : b;
    const Attachment& lower = a_higher ? b : a;
    TracedArrow line{upper.symbol, lower.symbol, upper.point + area.tl(), {}, joined_across_gap};
    line.end_px = lower.point + area.tl();
    return line;
  };

  // Each line joins every symbol it leaves to every symbol its heads point at: one line may
  // carry several arrows where they merge into one entry or fan out of one exit.
  std::vector<LooseLine> loose_lines;
  std::vector<int> lines;
  for (const Attachment& attachment : attachments) lines.push_back(attachment.line);
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  for (int line : lines) {
    std::vector<const Attachment*> touches;
    for (const Attachment& attachment : attachments) {
      if (attachment.line == line) touches.push_back(&attachment);
    }
    // A head is wider than the line's other ends. How wide a line comes out of a scan varies
    // with its resolution and blur, so the ends of one line are compared with each other; a
    // line whose ends all look alike falls back to the head's size on paper, and to the line's
    // own width where it is drawn as thick as that: a head no wider than its line is none.
    float thinnest = touches.front()->widest;
    float widest = thinnest;
    for (const Attachment* touch : touches) {
      thinnest = std::min(thinnest, touch->widest);
      widest = std::max(widest, touch->widest);
    }
    const bool ends_alike = widest < params.min_head_contrast * thinnest;
    const double head_threshold =
        !ends_alike ? std::max<double>((thinnest + widest) / 2, min_head_radius)
                    : std::max<double>(lone_head_radius, params.min_head_contrast *
                                                             body_radius(segments, line, thickness));
    // Where every end of a line joining symbols passes for a head, alike, none can be told from
    // the line: SOP flowcharts draw no double-headed arrows.
    const bool heads_untold = touches.size() >= 2 && ends_alike && thinnest >= head_threshold;
    // A head drawn open is no wider in stroke than its line: its arms reach out on both sides of
    // the course, where a plain end has nothing (a bend's corner may be as wide as a small head).
    // Where some ends of a line have arms and some have not, the arms tell the heads.
    const double arm_reach = std::max(min_open_head_spread, params.open_head_contrast * thinnest);
    auto has_arms = [&](const Attachment* touch) { return touch->spread >= arm_reach; };
    const bool arms_tell = std::any_of(touches.begin(), touches.end(), has_arms) &&
                           !std::all_of(touches.begin(), touches.end(), has_arms);
    std::vector<const Attachment*> starts;
    std::vector<const Attachment*> ends;
    for (const Attachment* touch : touches) {
      const bool head =
          arms_tell ? has_arms(touch) : !heads_untold && touch->widest >= head_threshold;
      (head ? ends : starts).push_back(touch);
    }
    // A flowchart's line leaves a symbol by its foot and enters the next by its top: one that
    // meets a symbol's foot and, lower on the page, another symbol's top runs down, though the
    // scan left the foot's end the wider (the corner of a bend close under a compact row's
    // symbol is). A line that shows no head at all stays one.
    if (touches.size() == 2 && touches[0]->symbol != touches[1]->symbol && ends.size() == 1) {
      const auto across_the_box = [&](const Attachment* touch) {
        const cv::Rect& box = erased[touch->symbol];
        return touch->point.x >= box.x && touch->point.x < box.br().x;
      };
      const auto under = [&](const Attachment* touch) {
        return across_the_box(touch) && touch->point.y >= erased[touch->symbol].br().y;
      };
      const auto over = [&](const Attachment* touch) {
        return across_the_box(touch) && touch->point.y < erased[touch->symbol].y;
      };
      for (const auto& [foot, top] :
           {std::pair{touches[0], touches[1]}, std::pair{touches[1], touches[0]}}) {
        if (ends.front() == foot && under(foot) && over(top) && foot->point.y < top->point.y) {
          starts = {foot};
          ends = {top};
        }
      }
    }
    // Flowcharts drawn with plain connector lines have no heads at all: a line joining two
    // symbols is reported as such, for the caller to direct by the table's order.
    if (ends.empty() && starts.size() == 2 && starts[0]->symbol != starts[1]->symbol) {
      trace.headless.push_back(top_down(*starts[0], *starts[1], false));
      continue;
    }
    if (ends.empty() || starts.empty()) {
      loose_lines.push_back({line, !ends.empty(), ends.empty() ? starts : ends});
      continue;
    }
    for (const Attachment* start : starts) {
      bool joined = false;
      for (const Attachment* end : ends) {
        if (end->symbol == start->symbol) continue;
        trace.arrows.push_back({start->symbol, end->symbol, start->point + area.tl(), {}});
        joined = true;
      }
      if (!joined) trace.loose_starts.push_back(start->symbol);
    }
  }

  std::vector<bool> reaches_symbol(line_count + count, false);
  for (const Attachment& attachment : attachments) reaches_symbol[attachment.line] = true;
  const LineMap map{line_ids, thickness, segments, erased, reaches_symbol, reach};
  std::vector<bool> used(loose_lines.size(), false);
  for (const Continuation& continuation : continuations_across_gaps(loose_lines, map, dpi, params)) {
    if (used[continuation.first] || used[continuation.second]) continue;
    used[continuation.first] = used[continuation.second] = true;
    const LooseLine& first = loose_lines[continuation.first];
    if (continuation.symbol >= 0) {
      // The line reaches a symbol at its free end too: from the symbols it leaves without a
      // head, or to those it arrives at with one.
      for (const Attachment* touch : first.touches) {
        if (touch->symbol == continuation.symbol) continue;
        trace.arrows.push_back(first.headed ? TracedArrow{continuation.symbol, touch->symbol,
                                                          continuation.free_end + area.tl(), {},
                                                          true}
                                            : TracedArrow{touch->symbol, continuation.symbol,
                                                          touch->point + area.tl(), {}, true});
      }
      continue;
    }
    const LooseLine& second = loose_lines[continuation.second];
    if (first.headed == second.headed) {
      // Neither shows a head (a head may be lost with the faded stretch): the caller directs it
      // by the table's order, as a line drawn without heads.
      trace.headless.push_back(top_down(*first.touches.front(), *second.touches.front(), true));
      continue;
    }
    const LooseLine& from = first.headed ? second : first;
    const LooseLine& to = first.headed ? first : second;
    for (const Attachment* start : from.touches) {
      for (const Attachment* end : to.touches) {
        if (end->symbol == start->symbol) continue;
        trace.arrows.push_back({start->symbol, end->symbol, start->point + area.tl(), {}, true});
      }
    }
  }
  for (std::size_t i = 0; i < loose_lines.size(); ++i) {
    if (used[i]) continue;
    for (const Attachment* touch : loose_lines[i].touches) {
      (loose_lines[i].headed ? trace.loose_ends : trace.loose_starts).push_back(touch->symbol);
    }
  }

  // Text goes to the line whose start is nearest, if near enough: an arrow's, or either end of
  // a headless line (a decision's branch whose head the scan lost still has its label, by
  // whichever end it leaves from).
  struct LabelledEnd {
    cv::Point point;
    std::optional<cv::Rect>* label;  // the line's label for text beside `point`
  };
  std::vector<LabelledEnd> labelled;
  for (TracedArrow& arrow : trace.arrows)
    labelled.push_back({arrow.start_px, &arrow.label_bbox_px});
  for (TracedArrow& line : trace.headless) {
    labelled.push_back({line.start_px, &line.label_bbox_px});
    labelled.push_back({line.end_px, &line.end_label_bbox_px});
  }
  const double label_reach = params.label_reach_inches * dpi;
  // A label is a line of words ("Tidak lengkap"): its letters, each beside the next, go
  // together to the line whose start is nearest to any of them. Letter by letter, a label
  // printed between two exits would be parted between them.
  std::vector<int> line_of_text(text_boxes.size());
  std::iota(line_of_text.begin(), line_of_text.end(), 0);
  const auto text_line = [&](int t) {
    while (line_of_text[t] != t) t = line_of_text[t] = line_of_text[line_of_text[t]];
    return t;
  };
  for (std::size_t t = 0; t < text_boxes.size(); ++t) {
    for (std::size_t other = t + 1; other < text_boxes.size(); ++other) {
      if (beside_on_line(text_boxes[t], text_boxes[other])) {
        line_of_text[text_line(static_cast<int>(other))] = text_line(static_cast<int>(t));
      }
    }
  }
  std::vector<double> nearest_distance(text_boxes.size(), label_reach);
  std::vector<int> arrow_of_line(text_boxes.size(), -1);
  for (std::size_t t = 0; t < text_boxes.size(); ++t) {
    const int line = text_line(static_cast<int>(t));
    const cv::Rect page_box = text_boxes[t] + area.tl();
    for (std::size_t i = 0; i < labelled.size(); ++i) {
      const double distance = distance_to_rect(labelled[i].point, page_box);
      if (distance <= nearest_distance[line]) {
        arrow_of_line[line] = static_cast<int>(i);
        nearest_distance[line] = distance;
      }
    }
  }
  std::vector<cv::Rect> label_of(labelled.size());
  for (std::size_t t = 0; t < text_boxes.size(); ++t) {
    const int arrow = arrow_of_line[text_line(static_cast<int>(t))];
    if (arrow < 0) continue;
    const cv::Rect page_box = text_boxes[t] + area.tl();
    cv::Rect& label = label_of[static_cast<std::size_t>(arrow)];
    label = label.empty() ? page_box : (label | page_box);
  }
  for (std::size_t i = 0; i < labelled.size(); ++i) {
    if (label_of[i].empty()) continue;
    *labelled[i].label = with_letters_on_the_line(label_of[i] - area.tl(), mask) + area.tl();
  }
  return trace;
}

}  // namespace sopocr
