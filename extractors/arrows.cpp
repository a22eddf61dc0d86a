#include "arrows.h"

#include <algorithm>
#include <cmath>
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

// Arrows run horizontally and vertically. Splits the lines into straight segments and joins
// those that meet at a bend or where one ends on another (arrows merging), and those that
// continue each other across a short break, but not two that cross: crossing arrows stay
// apart. Returns per pixel the line it belongs to (0: none) in `line_ids`.
void straight_lines(const cv::Mat& line_mask, int dpi, cv::Mat& line_ids) {
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

  const int slack = std::max(3, dpi / 50);  // a line's width and a scan's wobble
  // A worn scan breaks a connector as it breaks the table's rules, by up to 3 mm, and the blur
  // eats the broken ends a little further.
  const int max_break = std::max(6, dpi * 7 / 50);
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
        const int gap = std::max(start(first.box), start(second.box)) -
                        std::min(end(first.box), end(second.box));
        if (offset <= slack && gap <= max_break) {
          groups.unite(static_cast<int>(a), static_cast<int>(b));
        }
      }
    }
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
}

// Where one line meets one symbol.
struct Attachment {
  int line = 0;
  int symbol = 0;
  cv::Point point;
  float widest = 0;  // radius of the widest ink near the meeting point
};

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
  std::vector<bool> is_line(count, false);
  std::vector<cv::Rect> text_boxes;
  for (int label = 1; label < count; ++label) {
    const cv::Rect box(
        stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
        stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    const int longer = std::max(box.width, box.height);
    if (longer >= min_line) {
      is_line[label] = true;
    } else if (longer >= min_text) {
      text_boxes.push_back(box);
    }
  }

  cv::Mat line_mask = cv::Mat::zeros(mask.size(), CV_8UC1);
  for (int y = 0; y < mask.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    uchar* out = line_mask.ptr<uchar>(y);
    for (int x = 0; x < mask.cols; ++x) out[x] = is_line[label[x]] ? 255 : 0;
  }
  cv::Mat line_ids;
  straight_lines(line_mask, dpi, line_ids);
  double most_ids = 0;
  cv::minMaxLoc(line_ids, nullptr, &most_ids);
  const int line_count = static_cast<int>(most_ids) + 1;

  cv::Mat thickness;
  cv::distanceTransform(mask, thickness, cv::DIST_L2, 3);
  const int reach = std::max(3, static_cast<int>(params.attach_reach_inches * dpi));
  const int head_length = static_cast<int>(params.head_length_inches * dpi);
  const double min_head_radius = params.min_head_radius_pt * dpi / 72.0;
  const double lone_head_radius = params.lone_head_radius_pt * dpi / 72.0;

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
      // The head, if any, lies within its length of where the line meets the symbol.
      const cv::Rect head_window =
          cv::Rect(touch.x - head_length, touch.y - head_length, touch.width + 2 * head_length,
                   touch.height + 2 * head_length) &
          whole;
      float widest = 0;
      for (int y = head_window.y; y < head_window.br().y; ++y) {
        const int* row = labels.ptr<int>(y);
        const float* width = thickness.ptr<float>(y);
        for (int x = head_window.x; x < head_window.br().x; ++x) {
          if (row[x] == component) widest = std::max(widest, width[x]);
        }
      }
      attachments.push_back({line, static_cast<int>(symbol), centre, widest});
    }
  }

  // Each line joins every symbol it leaves to every symbol its heads point at: one line may
  // carry several arrows where they merge into one entry or fan out of one exit.
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
    // line whose ends all look alike falls back to the head's size on paper.
    float thinnest = touches.front()->widest;
    float widest = thinnest;
    for (const Attachment* touch : touches) {
      thinnest = std::min(thinnest, touch->widest);
      widest = std::max(widest, touch->widest);
    }
    const double head_threshold = widest >= params.min_head_contrast * thinnest
                                      ? std::max<double>((thinnest + widest) / 2, min_head_radius)
                                      : lone_head_radius;
    std::vector<const Attachment*> starts;
    std::vector<const Attachment*> ends;
    for (const Attachment* touch : touches) {
      (touch->widest >= head_threshold ? ends : starts).push_back(touch);
    }
    // Flowcharts drawn with plain connector lines have no heads at all: a line joining two
    // symbols is reported as such, for the caller to direct by the table's order.
    if (ends.empty() && starts.size() == 2 && starts[0]->symbol != starts[1]->symbol) {
      trace.headless.push_back(
          {starts[0]->symbol, starts[1]->symbol, starts[0]->point + area.tl(), {}});
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
    if (starts.empty()) {
      for (const Attachment* end : ends) trace.loose_ends.push_back(end->symbol);
    }
  }

  // Text goes to the arrow whose start is nearest, if near enough.
  const double label_reach = params.label_reach_inches * dpi;
  std::vector<cv::Rect> label_of(trace.arrows.size());
  for (const cv::Rect& text : text_boxes) {
    const cv::Rect page_box = text + area.tl();
    int nearest = -1;
    double nearest_distance = label_reach;
    for (std::size_t i = 0; i < trace.arrows.size(); ++i) {
      const double distance = distance_to_rect(trace.arrows[i].start_px, page_box);
      if (distance <= nearest_distance) {
        nearest = static_cast<int>(i);
        nearest_distance = distance;
      }
    }
    if (nearest < 0) continue;
    cv::Rect& label = label_of[nearest];
    label = label.empty() ? page_box : (label | page_box);
  }
  for (std::size_t i = 0; i < trace.arrows.size(); ++i) {
    if (!label_of[i].empty()) trace.arrows[i].label_bbox_px = label_of[i];
  }
  return trace;
}

}  // namespace sopocr
