#include "grid.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "binarize.h"

namespace sopocr {
namespace {

// Ink that forms straight runs along one direction. Opening first with a short kernel drops
// text (no letter has a straight run that long), closing then bridges the gaps of faded or broken
// rules, and a long opening keeps only rule-length runs. Closing first would fuse the letters of
// a text line into a run as long as the line, and a row of text would pass for a rule.
cv::Mat runs_along(const cv::Mat& ink, cv::Size no_text_run, cv::Size bridge, cv::Size min_run) {
  cv::Mat mask;
  cv::morphologyEx(ink, mask, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, no_text_run));
  cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, bridge));
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, min_run));
  return mask;
}

// A dash or a dot of a broken rule: a small piece of ink along a horizontal line.
struct RulePiece {
  int left, right, top, bottom;
  double centre_y;
  int length() const { return right - left; }
  int thickness() const { return bottom - top; }
  // How far along the line the next piece of the pattern may be: a dash pattern's gap is shorter
  // than its dash plus two pens; a dotted one's is a few dots, and twice that where a faded
  // stretch lost a dot or two.
  int reach() const {
    const bool dot = length() < 1.5 * thickness();
    return (dot ? 5 : 3) * std::max(length(), thickness()) + 2;
  }
};

// The height a tenth of the page's letter-sized components reach (capitals and ascenders; a
// dotted rule's many dots stay below it), or an eighth of an inch on a page with little text.
int tall_letter_height(const cv::Mat& stats, int count, int dpi) {
  std::vector<int> heights;
  for (int label = 1; label < count; ++label) {
    const int width = stats.at<int>(label, cv::CC_STAT_WIDTH);
    const int height = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    // A tall letter of body text (5 pt and up) is over 3.4 pt high; a heavy rule's dots, which
    // can outnumber the letters, are not.
    if (height >= dpi / 21 && height <= dpi / 4 && 4 * width >= height && width <= 2 * height) {
      heights.push_back(height);
    }
  }
  if (heights.size() < 20) return dpi / 8;
  const auto tenth = heights.begin() + heights.size() * 9 / 10;
  std::nth_element(heights.begin(), tenth, heights.end());
  return *tenth;
}

// The longest row of component `label` inside its box, as a share of the box's width.
double fullest_row_share(const cv::Mat& labels, int label, const cv::Rect& box) {
  int fullest = 0;
  for (int y = box.y; y < box.y + box.height; ++y) {
    const int* row = labels.ptr<int>(y);
    fullest = std::max(fullest,
                       static_cast<int>(std::count(row + box.x, row + box.x + box.width, label)));
  }
  return fullest / static_cast<double>(box.width);
}

// Whether other ink lies close across the line from most of component `label` (inside `box`),
// on either side: within the piece's own thickness above or below it, over half its length.
bool crowded_across(const cv::Mat& labels, int label, const cv::Rect& box) {
  const int reach = std::max(2, box.height);
  auto side_crowded = [&](int from_y, int to_y) {
    from_y = std::max(0, from_y);
    to_y = std::min(labels.rows, to_y);
    if (from_y >= to_y) return false;
    int covered = 0;
    for (int x = box.x; x < box.x + box.width; ++x) {
      for (int y = from_y; y < to_y; ++y) {
        const int other = labels.at<int>(y, x);
        if (other != 0 && other != label) {
          ++covered;
          break;
        }
      }
    }
    return 2 * covered > box.width;
  };
  return side_crowded(box.y - reach, box.y) ||
         side_crowded(box.y + box.height, box.y + box.height + reach);
}

// The components that may be a dash or a dot of a horizontal rule, no thicker than
// `max_thickness`. A dash is a bar: solid, or with one row running its whole length where noise
// specks stuck to its sides swell its box; a dot small and round (a plus sign, binarised below
// six pixels). A letter is neither: stroked, so it fills little of its box, and as tall as the
// text. A heavy border's dots can be as large as a small letter (thicker than `stroked_above`):
// those are solid. And a letter sits in a word, its neighbours close beside it across the
// line, where a rule's dot has the cell's padding: a paragraph's lines stack round letters as
// evenly as a rule's dots, but never in a bare column. A piece longer than a sixth of an inch
// survives the run-length masks on its own.
std::vector<RulePiece> rule_pieces(const cv::Mat& labels, const cv::Mat& stats,
                                   const cv::Mat& centroids, int count, int dpi, int max_thickness,
                                   int stroked_above) {
  const int max_length = std::max(8, dpi / 6);
  std::vector<RulePiece> pieces;
  for (int label = 1; label < count; ++label) {
    const int width = stats.at<int>(label, cv::CC_STAT_WIDTH);
    const int height = stats.at<int>(label, cv::CC_STAT_HEIGHT);
    // A round dot measures a pixel more across than along as often as the reverse.
    if (height > max_thickness || width > max_length || 4 * width < 3 * height) continue;
    const double fill =
        stats.at<int>(label, cv::CC_STAT_AREA) / static_cast<double>(width * height);
    const int left = stats.at<int>(label, cv::CC_STAT_LEFT);
    const int top = stats.at<int>(label, cv::CC_STAT_TOP);
    const bool bar = width >= 1.5 * height;
    const bool dash =
        bar &&
        (fill >= 0.75 ||
         (fill >= 0.45 && fullest_row_share(labels, label, {left, top, width, height}) >= 0.85));
    const bool dot = !bar && fill >= (height > stroked_above ? 0.65 : 0.45);
    if (!dash && !dot) continue;
    if (crowded_across(labels, label, {left, top, width, height})) continue;
    pieces.push_back({left, left + width, top, top + height, centroids.at<double>(label, 1)});
  }
  return pieces;
}

// The pieces in chains: each piece linked to the nearest piece to its right on the same line,
// alike in length and thickness, within its reach. Chains as lists of piece indices.
std::vector<std::vector<int>> chain_pieces(const std::vector<RulePiece>& pieces, int band) {
  std::map<int, std::vector<int>> by_band;  // pieces by line band, left to right
  for (int i = 0; i < static_cast<int>(pieces.size()); ++i) {
    by_band[static_cast<int>(pieces[i].centre_y) / band].push_back(i);
  }
  for (auto& [key, members] : by_band) {
    std::sort(members.begin(), members.end(),
              [&](int a, int b) { return pieces[a].left < pieces[b].left; });
  }
  auto alike = [](int a, int b) { return std::max(a, b) <= 2.5 * std::max(1, std::min(a, b)) + 1; };
  std::vector<int> parent(pieces.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto root = [&](int i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (int i = 0; i < static_cast<int>(pieces.size()); ++i) {
    const RulePiece& piece = pieces[i];
    const int key = static_cast<int>(piece.centre_y) / band;
    int best = -1;
    int best_gap = piece.reach() + 1;
    for (int neighbour_key = key - 1; neighbour_key <= key + 1; ++neighbour_key) {
      auto members = by_band.find(neighbour_key);
      if (members == by_band.end()) continue;
      // Noise specks between two dashes are skipped, not taken for the pattern's end.
      for (auto next =
               std::upper_bound(members->second.begin(), members->second.end(), piece.right - 1,
                                [&](int x, int j) { return x < pieces[j].left; });
           next != members->second.end(); ++next) {
        const RulePiece& other = pieces[*next];
        const int gap = other.left - piece.right;
        if (gap >= best_gap) break;
        if (std::abs(other.centre_y - piece.centre_y) <= band &&
            alike(piece.length(), other.length()) && alike(piece.thickness(), other.thickness())) {
          best = *next;
          best_gap = gap;
          break;
        }
      }
    }
    if (best >= 0) parent[root(i)] = root(best);
  }
  std::map<int, std::vector<int>> by_root;
  for (int i = 0; i < static_cast<int>(pieces.size()); ++i) by_root[root(i)].push_back(i);
  std::vector<std::vector<int>> chains;
  for (auto& [chain_root, members] : by_root) {
    std::sort(members.begin(), members.end(),
              [&](int a, int b) { return pieces[a].left < pieces[b].left; });
    chains.push_back(std::move(members));
  }
  return chains;
}

double median_of(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// The median piece of `members`: where its centre lies across the line, how long and how thick.
struct MedianPiece {
  double centre_y;
  double length;
  double thickness;
};

MedianPiece median_piece(const std::vector<RulePiece>& pieces, const std::vector<int>& members) {
  std::vector<double> centres;
  std::vector<double> lengths;
  std::vector<double> thicknesses;
  for (int i : members) {
    centres.push_back(pieces[i].centre_y);
    lengths.push_back(pieces[i].length());
    thicknesses.push_back(pieces[i].thickness());
  }
  return {median_of(centres), median_of(lengths), median_of(thicknesses)};
}

// The pitch of a pattern from the steps between its pieces: the usual single step. Where many
// dots were lost, steps of two pitches are nearly as common as single ones and their median
// falls between; the single steps are the short ones.
double pattern_pitch(std::vector<double> steps) {
  std::sort(steps.begin(), steps.end());
  const double short_step = steps[steps.size() / 4];
  std::vector<double> single;
  for (double step : steps) {
    if (step <= 1.5 * short_step) single.push_back(step);
  }
  return median_of(single);
}

// A printed pattern repeats: most of its pieces are as long as the median piece, and each step
// from one piece to the next is a whole number of the pattern's pitch (a piece that merged with
// a crossing rule leaves a double step). Small letters along a text line are as thin and as
// close, but narrow and wide letters and the spaces between words make them irregular.
bool is_printed_pattern(const std::vector<RulePiece>& pieces, const std::vector<int>& chain) {
  std::vector<double> lengths;
  std::vector<double> steps;
  for (std::size_t m = 0; m < chain.size(); ++m) {
    lengths.push_back(pieces[chain[m]].length());
    if (m > 0) steps.push_back(pieces[chain[m]].left - pieces[chain[m - 1]].left);
  }
  const double length = median_of(lengths);
  const double pitch = pattern_pitch(steps);
  // Within a pitch of four pixels every step lies within the tolerance of some multiple of it:
  // regularity says nothing there, and scan grain passes for a pattern.
  if (pitch < 5) return false;
  const auto alike_length = std::count_if(lengths.begin(), lengths.end(), [&](double value) {
    return std::abs(value - length) <= 0.35 * length + 1;
  });
  // A step of one or two pitches is the pattern or a dot it lost; a longer one is a stretch
  // where it faded out, and says nothing either way. Scan grain has steps of every length, few
  // of them on any pitch. And the pattern's marks sit on one line, each level with the last,
  // where grain lies anywhere in the band the chains were gathered from.
  const double level_tolerance = std::max(2.0, 0.4 * median_piece(pieces, chain).thickness);
  std::vector<double> near_steps;
  int level_steps = 0;
  for (std::size_t m = 1; m < chain.size(); ++m) {
    const double step = steps[m - 1];
    if (step > 2.5 * pitch) continue;
    near_steps.push_back(step);
    const double rise = pieces[chain[m]].centre_y - pieces[chain[m - 1]].centre_y;
    if (std::abs(rise) <= level_tolerance) ++level_steps;
  }
  const auto on_pitch = std::count_if(near_steps.begin(), near_steps.end(), [&](double step) {
    const double multiple = std::max(1.0, std::round(step / pitch));
    return std::abs(step - multiple * pitch) <= 0.25 * pitch + 1;
  });
  // A printed pattern's spaces are at most a few marks wide; bullets down a list are as regular
  // but a line apart.
  std::vector<double> sizes;
  for (int i : chain) sizes.push_back(std::max(pieces[i].length(), pieces[i].thickness()));
  const bool close = pitch - length <= 3 * median_of(sizes) + 2;
  return close && alike_length >= 0.7 * static_cast<double>(lengths.size()) &&
         near_steps.size() >= 0.6 * static_cast<double>(steps.size()) &&
         on_pitch >= 0.8 * static_cast<double>(near_steps.size()) &&
         level_steps >= 0.8 * static_cast<double>(near_steps.size());
}

// Two dotted patterns drawn over each other on one line (a table's heavier border over the
// cells' own edges, each pattern starting at its own corner) are regular in neither their marks
// nor their steps, and where their dots merged into blots neither a dot nor a dash, the line
// loses them. What still marks them a rule: many marks over `min_span`, each a solid dot or
// dash, nearly every step to the next short (a few marks: a blot or two lost) and level. A text
// line's solid marks (full stops, hyphens) are words apart.
bool is_dense_mark_line(const std::vector<RulePiece>& pieces, const std::vector<int>& chain,
                        int min_span) {
  constexpr std::size_t kMinMarks = 12;
  if (chain.size() < kMinMarks) return false;
  if (pieces[chain.back()].right - pieces[chain.front()].left < min_span) return false;
  const MedianPiece median = median_piece(pieces, chain);
  const double size = std::max(median.length, median.thickness);
  const double level_tolerance = std::max(2.0, 0.4 * median.thickness);
  int short_level_steps = 0;
  for (std::size_t m = 1; m < chain.size(); ++m) {
    const RulePiece& before = pieces[chain[m - 1]];
    const RulePiece& piece = pieces[chain[m]];
    const int gap = piece.left - before.right;
    if (gap <= 4 * size + 1 && std::abs(piece.centre_y - before.centre_y) <= level_tolerance) {
      ++short_level_steps;
    }
  }
  return short_level_steps >= 0.9 * static_cast<double>(chain.size() - 1);
}

// Chains of one printed line, joined: a faded stretch, a dot lost to noise or one merged with a
// crossing arrow parts a dotted rule into short chains, each too short to be sure of alone, all
// on one line and alike in their pieces. The longest chains found the lines; a shorter chain
// (of two pieces or more: any letter is one piece) joins the first line within `band` whose
// pieces its own match. Matching the line's founder, not a neighbour, keeps grain out: its
// specks match each other, and a chain of them would carry the match down to any speck.
// Each line's pieces, left to right.
std::vector<std::vector<int>> collinear_chains(const std::vector<RulePiece>& pieces,
                                               const std::vector<std::vector<int>>& chains,
                                               int band) {
  struct Line {
    double centre_y;
    double length;
    double thickness;
    std::vector<int> members;
  };
  std::vector<const std::vector<int>*> longest_first;
  for (const std::vector<int>& chain : chains) {
    if (chain.size() >= 2) longest_first.push_back(&chain);
  }
  std::stable_sort(longest_first.begin(), longest_first.end(),
                   [](const auto* a, const auto* b) { return a->size() > b->size(); });
  auto alike = [](double a, double b) { return std::max(a, b) <= 1.5 * std::min(a, b) + 1; };
  std::vector<Line> lines;
  std::map<int, std::vector<int>> lines_by_band;  // line indices by the band of their centre
  for (const std::vector<int>* chain : longest_first) {
    const MedianPiece median = median_piece(pieces, *chain);
    const Line own{median.centre_y, median.length, median.thickness, *chain};
    const int own_band = static_cast<int>(own.centre_y) / band;
    int joined = -1;
    for (int key = own_band - 1; key <= own_band + 1; ++key) {
      const auto candidates = lines_by_band.find(key);
      if (candidates == lines_by_band.end()) continue;
      for (int index : candidates->second) {
        const Line& founded = lines[index];
        if (std::abs(founded.centre_y - own.centre_y) <= band &&
            alike(founded.length, own.length) && alike(founded.thickness, own.thickness)) {
          joined = std::min(joined < 0 ? index : joined, index);
        }
      }
    }
    if (joined < 0) {
      lines_by_band[own_band].push_back(static_cast<int>(lines.size()));
      lines.push_back(own);
    } else {
      lines[joined].members.insert(lines[joined].members.end(), chain->begin(), chain->end());
    }
  }
  std::vector<std::vector<int>> groups;
  for (Line& line : lines) {
    std::sort(line.members.begin(), line.members.end(),
              [&](int a, int b) { return pieces[a].left < pieces[b].left; });
    groups.push_back(std::move(line.members));
  }
  return groups;
}

// Drops the pieces at either end of `line` that are off its pattern: grain the line gathered
// beyond its last dot, which would carry the rule past the table's border.
void trim_off_pattern_ends(const std::vector<RulePiece>& pieces, std::vector<int>& line) {
  std::vector<double> steps;
  for (std::size_t m = 1; m < line.size(); ++m) {
    steps.push_back(pieces[line[m]].left - pieces[line[m - 1]].left);
  }
  const double pitch = pattern_pitch(steps);
  const MedianPiece median = median_piece(pieces, line);
  const double length = median.length;
  const double thickness = median.thickness;
  // An end piece is the pattern's when it is the size of its marks and one pitch from the
  // piece next to it, or two where the mark between merged with a crossing rule (a dash
  // between the border and the rule under "Pelaksana").
  auto in_pattern = [&](int end, int next) {
    const RulePiece& piece = pieces[end];
    const double step = std::abs(pieces[next].left - piece.left);
    const double multiple = std::round(step / pitch);
    return std::abs(piece.length() - length) <= 0.25 * length + 1 &&
           std::abs(piece.thickness() - thickness) <= 0.35 * thickness + 1 &&
           (multiple == 1 || multiple == 2) && std::abs(step - multiple * pitch) <= 0.2 * pitch + 1;
  };
  std::size_t first = 0;
  std::size_t last = line.size() - 1;
  while (last - first >= 2 && !in_pattern(line[first], line[first + 1])) ++first;
  while (last - first >= 2 && !in_pattern(line[last], line[last - 1])) --last;
  line = std::vector<int>(line.begin() + static_cast<std::ptrdiff_t>(first),
                          line.begin() + static_cast<std::ptrdiff_t>(last) + 1);
}

// Horizontal rules drawn dashed or dotted, as a mask. No dash or dot lasts as long as a letter's
// stroke, so the run-length masks miss them; what makes them a rule is many pieces evenly along
// one line. A line of five or more pieces spanning a quarter inch in a printed pattern is drawn
// as one solid rule of the pieces' median thickness, across the stretches where it faded out and
// on through the ink its ends reach (where the last dash merged with a crossing rule).
cv::Mat chained_rules(const cv::Mat& ink, int dpi) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  // A 3.5 pt border's dots blurred by a pixel each side, and no larger than a small letter
  // (three fifths of a tall one); past half a tall letter, only solid dots.
  const int tall_letter = tall_letter_height(stats, count, dpi);
  const int max_thickness = std::max(3, std::min(dpi * 7 / 144 + 2, tall_letter * 3 / 5));
  const std::vector<RulePiece> pieces =
      rule_pieces(labels, stats, centroids, count, dpi, max_thickness, tall_letter / 2);
  cv::Mat mask(ink.size(), CV_8UC1, cv::Scalar(0));
  if (pieces.size() < 5) return mask;
  const int min_span = std::max(15, dpi / 4);
  const int band = std::max(2, max_thickness / 2);
  const std::vector<std::vector<int>> chains = chain_pieces(pieces, band);
  for (std::vector<int> line : collinear_chains(pieces, chains, band)) {
    if (line.size() < 5) continue;
    const bool regular = is_printed_pattern(pieces, line);
    if (!regular && !is_dense_mark_line(pieces, line, dpi)) continue;
    if (regular) trim_off_pattern_ends(pieces, line);
    if (pieces[line.back()].right - pieces[line.front()].left < min_span) continue;
    const MedianPiece median = median_piece(pieces, line);
    const double length = median.length;
    const int y = std::clamp(static_cast<int>(std::lround(median.centre_y)), 0, ink.rows - 1);
    const int thickness = std::max(1, static_cast<int>(median.thickness));
    std::vector<double> reaches;
    for (int i : line) reaches.push_back(pieces[i].reach());
    const int gap_reach = static_cast<int>(median_of(reaches));
    const int half = std::max(1, thickness / 2);
    auto ink_at = [&](int x) {
      for (int at_y = std::max(0, y - half); at_y <= std::min(ink.rows - 1, y + half); ++at_y) {
        if (ink.at<unsigned char>(at_y, x) != 0) return true;
      }
      return false;
    };
    // From `from`, on through ink within a gap's reach: the crossing rule the end dash merged
    // with. Ink running on further than a crossing rule is thick (a letter beyond the table's
    // edge) is not the rule's, and the rule stops where it is.
    const int longest_crossing = max_thickness + static_cast<int>(length) + 2;
    auto extend = [&](int from, int step) {
      auto inside = [&](int x) { return x >= 0 && x < ink.cols; };
      int at = from + step;
      for (int gap = 0; inside(at) && !ink_at(at) && gap < gap_reach; ++gap) at += step;
      if (!inside(at) || !ink_at(at)) return from;
      int last = at;
      int run = 0;
      for (; inside(at) && ink_at(at); at += step, ++run) last = at;
      return run <= longest_crossing ? last : from;
    };
    // The line drawn through the stretches where its pattern faded out, up to the longest a
    // worn scan fades (20 mm); past that, two rules that happen to lie on one line. Each such
    // stretch is a rule of its own right, a printed pattern: two letters stacked line over line
    // in a paragraph that happens to lie on a rule's line are not.
    const int longest_fade = dpi * 20 / 25;
    for (std::size_t start = 0; start < line.size();) {
      std::size_t end = start + 1;
      while (end < line.size() &&
             pieces[line[end]].left - pieces[line[end - 1]].right <= longest_fade) {
        ++end;
      }
      const std::vector<int> stretch(line.begin() + static_cast<std::ptrdiff_t>(start),
                                     line.begin() + static_cast<std::ptrdiff_t>(end));
      start = end;
      int right = 0;
      for (int i : stretch) right = std::max(right, pieces[i].right);
      const int left = pieces[stretch.front()].left;
      if (stretch.size() < 5 || right - left < min_span ||
          !(is_printed_pattern(pieces, stretch) || is_dense_mark_line(pieces, stretch, dpi))) {
        continue;
      }
      cv::line(mask, {extend(left, -1), y}, {extend(right - 1, 1), y}, cv::Scalar(255), thickness);
    }
  }
  return mask;
}

// Positions (centres of runs of consecutive indices) where `counts` reaches `threshold`.
std::vector<int> rule_positions(const std::vector<int>& counts, int threshold, int offset) {
  std::vector<int> positions;
  int run_start = -1;
  for (int i = 0; i <= static_cast<int>(counts.size()); ++i) {
    const bool on = i < static_cast<int>(counts.size()) && counts[i] >= threshold;
    if (on && run_start < 0) run_start = i;
    if (!on && run_start >= 0) {
      positions.push_back(offset + (run_start + i - 1) / 2);
      run_start = -1;
    }
  }
  return positions;
}

// For each row (axis 1) or column (axis 0) of `region`, the longest stretch of `mask` along it,
// gaps of up to `max_gap` pixels included. A table rule runs unbroken from border to border
// but for short gaps where it faded; an arrow is broken by every symbol it passes through,
// each taller than `max_gap`, so a long vertical arrow does not pass for a column rule.
std::vector<int> longest_runs_along(const cv::Mat& mask, const cv::Rect& region, int axis,
                                    int max_gap) {
  const cv::Mat area = mask(region);
  const int lines = axis == 1 ? area.rows : area.cols;
  const int length = axis == 1 ? area.cols : area.rows;
  std::vector<int> longest(lines, 0);
  for (int line = 0; line < lines; ++line) {
    int run_start = -1;
    int last_on = -1;
    for (int i = 0; i < length; ++i) {
      const bool on = axis == 1 ? area.at<uchar>(line, i) != 0 : area.at<uchar>(i, line) != 0;
      if (!on) continue;
      if (run_start < 0 || i - last_on - 1 > max_gap) run_start = i;
      last_on = i;
      longest[line] = std::max(longest[line], last_on - run_start + 1);
    }
  }
  return longest;
}

// Share of the segment from `from` to `to` (less `margin` at both ends) covered by rule ink
// within `tolerance` pixels across it.
double coverage(const cv::Mat& mask, bool vertical, int position, int from, int to, int tolerance) {
  if (to <= from) return 1.0;
  cv::Rect band = vertical ? cv::Rect(position - tolerance, from, 2 * tolerance + 1, to - from)
                           : cv::Rect(from, position - tolerance, to - from, 2 * tolerance + 1);
  band &= cv::Rect(0, 0, mask.cols, mask.rows);
  if (band.empty()) return 0.0;
  cv::Mat covered;
  cv::reduce(mask(band), covered, vertical ? 1 : 0, cv::REDUCE_MAX);
  return static_cast<double>(cv::countNonZero(covered)) / (to - from);
}

// Whether a rule separates two neighbouring atomic cells along the segment from `from` to `to`.
// A real separator runs from end to end; a letter touching a rule that ends at this segment
// (the "k" of "Pelaksana" over a lane border) only covers the end near it. So both end quarters
// must be covered, as well as `min_presence` of the whole.
bool has_separator(const cv::Mat& mask, bool vertical, int position, int from, int to,
                   int tolerance, int margin, double min_presence) {
  from += margin;
  to -= margin;
  if (to <= from) return true;
  const int quarter = std::max(1, (to - from) / 4);
  return coverage(mask, vertical, position, from, to, tolerance) >= min_presence &&
         coverage(mask, vertical, position, from, from + quarter, tolerance) >= min_presence &&
         coverage(mask, vertical, position, to - quarter, to, tolerance) >= min_presence;
}

// Column rules that no long run shows: dotted, dashed or faded rules whose pieces add up over
// `min_coverage` of the table's height and that half the rows agree on, each row covered for
// most of its height at that x. The rows are the evidence: an arrow down a lane covers a row only
// between the symbols it joins.
std::vector<int> column_rules_rows_agree_on(const cv::Mat& vertical, const cv::Rect& region,
                                            const std::vector<int>& row_rules, double min_coverage,
                                            int tolerance) {
  std::vector<int> rules;
  if (row_rules.size() < 3) return rules;
  const cv::Mat area = vertical(region);
  std::vector<int> totals(area.cols, 0);
  for (int x = 0; x < area.cols; ++x) totals[x] = cv::countNonZero(area.col(x));
  for (int x : rule_positions(totals, static_cast<int>(min_coverage * region.height), region.x)) {
    int agreeing = 0;
    for (std::size_t r = 0; r + 1 < row_rules.size(); ++r) {
      const int margin = (row_rules[r + 1] - row_rules[r]) / 8;
      if (coverage(vertical, true, x, row_rules[r] + margin, row_rules[r + 1] - margin,
                   tolerance) >= 0.6) {
        ++agreeing;
      }
    }
    // Half the rows: a sub-column under "Mutu Baku" has no rule in the header's top row.
    const int rows = static_cast<int>(row_rules.size()) - 1;
    if (2 * agreeing >= rows) rules.push_back(x);
  }
  return rules;
}

// A table framed twice (a second border drawn just outside the first, as some office templates
// do) has a strip between its frames that no rule of the table crosses: the table's columns
// start at the inner frame. The strip is no row or column. Kept, it becomes one ring-shaped cell
// round the table whose bounding box is the whole table, and every cell it touches reads as part
// of it. The outer frame is dropped on each side where the two lie closer than an eighth of an
// inch (no cell holding a line of text is that thin) and nothing between the outer rules of the
// other direction crosses the strip.
void drop_outer_frame(std::vector<int>& rules, const std::vector<int>& crossing_rules,
                      const cv::Mat& crossing_mask, bool rules_vertical, int dpi, int tolerance) {
  const int thinnest_cell = std::max(4, dpi / 8);
  auto crossed_by_none = [&](int from, int to) {
    const int inset = (to - from) / 4;
    for (int crossing : crossing_rules) {
      // The frames' own sides cross every strip of the other direction near its ends.
      if (crossing - crossing_rules.front() <= thinnest_cell ||
          crossing_rules.back() - crossing <= thinnest_cell) {
        continue;
      }
      if (coverage(crossing_mask, !rules_vertical, crossing, from + inset, to - inset, tolerance) >=
          0.5) {
        return false;
      }
    }
    return true;
  };
  if (rules.size() < 4 || crossing_rules.size() < 4) return;
  if (rules[1] - rules[0] < thinnest_cell && crossed_by_none(rules[0], rules[1])) {
    rules.erase(rules.begin());
  }
  const std::size_t n = rules.size();
  if (rules[n - 1] - rules[n - 2] < thinnest_cell && crossed_by_none(rules[n - 2], rules[n - 1])) {
    rules.pop_back();
  }
}

// One rule found twice a few pixels apart: the half of a column rule that binarised and the
// half that only its faint trace shows, or the two lines of a double rule drawn close. No cell
// that holds a line of text is thinner than the smallest type printed (6 pt, a twelfth of an
// inch): rules closer are one, at whichever of them covers more of the table. So is an arrow
// run along a rule a millimetre or two from it, which the rule covers more.
void merge_rules_closer_than_a_cell(std::vector<int>& rules, const cv::Mat& mask, bool vertical,
                                    int from, int to, int dpi, int tolerance) {
  const int thinnest_cell = std::max(3, dpi / 12);
  std::vector<int> merged;
  for (const int rule : rules) {
    if (merged.empty() || rule - merged.back() >= thinnest_cell) {
      merged.push_back(rule);
    } else if (coverage(mask, vertical, rule, from, to, tolerance) >
               coverage(mask, vertical, merged.back(), from, to, tolerance)) {
      merged.back() = rule;
    }
  }
  rules = std::move(merged);
}

struct DisjointSets {
  std::vector<int> parent;
  explicit DisjointSets(int size) : parent(size) { std::iota(parent.begin(), parent.end(), 0); }
  int find(int x) { return parent[x] == x ? x : parent[x] = find(parent[x]); }
  void join(int a, int b) { parent[find(a)] = find(b); }
};

// The bounding rows and columns of each set of joined atoms that does not fill them (an L).
std::vector<GridCell> shapes_no_rectangle_fills(DisjointSets& atoms, int rows, int cols) {
  std::vector<GridCell> box_of_set(static_cast<std::size_t>(rows * cols));
  std::vector<int> atoms_of_set(static_cast<std::size_t>(rows * cols), 0);
  for (int atom = 0; atom < rows * cols; ++atom) {
    const auto set = static_cast<std::size_t>(atoms.find(atom));
    const int r = atom / cols;
    const int c = atom % cols;
    GridCell& box = box_of_set[set];
    if (atoms_of_set[set]++ == 0) {
      box = GridCell{r, c, 1, 1, {}};
      continue;
    }
    const int last_col = std::max(box.col + box.col_span - 1, c);
    box.col = std::min(box.col, c);
    box.col_span = last_col - box.col + 1;
    box.row_span = r - box.row + 1;  // atoms come row by row
  }
  std::vector<GridCell> shapes;
  for (std::size_t set = 0; set < box_of_set.size(); ++set) {
    const GridCell& box = box_of_set[set];
    if (atoms_of_set[set] > 0 && atoms_of_set[set] < box.row_span * box.col_span) {
      shapes.push_back(box);
    }
  }
  return shapes;
}

// The cells of joined atoms, row-major: a set that fills its bounding rows and columns is one
// cell. One that does not (a gap in one rule joined a tall cell to its neighbour in one row: an
// L) is cut into rectangles it fills, so no cell's box covers another's: from its first atom not
// yet taken, the larger of the rectangle grown along the row first and the one grown down the
// column first, since the large cell is the drawn one and the joined piece the accident.
std::vector<GridCell> cells_of(DisjointSets& atoms, int rows, int cols) {
  std::vector<bool> taken(static_cast<std::size_t>(rows * cols), false);
  auto free_in = [&](int set, int r, int c) {
    return r < rows && c < cols && !taken[static_cast<std::size_t>(r * cols + c)] &&
           atoms.find(r * cols + c) == set;
  };
  auto row_free = [&](int set, int r, int c, int width) {
    for (int i = 0; i < width; ++i) {
      if (!free_in(set, r, c + i)) return false;
    }
    return true;
  };
  auto column_free = [&](int set, int r, int c, int height) {
    for (int i = 0; i < height; ++i) {
      if (!free_in(set, r + i, c)) return false;
    }
    return true;
  };
  std::vector<GridCell> cells;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (taken[static_cast<std::size_t>(r * cols + c)]) continue;
      const int set = atoms.find(r * cols + c);
      int row_first_width = 1;
      while (free_in(set, r, c + row_first_width)) ++row_first_width;
      int row_first_height = 1;
      while (row_free(set, r + row_first_height, c, row_first_width)) ++row_first_height;
      int column_first_height = 1;
      while (free_in(set, r + column_first_height, c)) ++column_first_height;
      int column_first_width = 1;
      while (column_free(set, r, c + column_first_width, column_first_height)) {
        ++column_first_width;
      }
      GridCell cell{r, c, row_first_height, row_first_width, {}};
      if (column_first_height * column_first_width > row_first_height * row_first_width) {
        cell.row_span = column_first_height;
        cell.col_span = column_first_width;
      }
      for (int i = 0; i < cell.row_span; ++i) {
        for (int j = 0; j < cell.col_span; ++j) {
          taken[static_cast<std::size_t>((r + i) * cols + c + j)] = true;
        }
      }
      cells.push_back(cell);
    }
  }
  return cells;
}

// A table's border lies on its bounding box. Part of a sheet that lay crooked in the scanner
// bends its border off a straight line; such a border still covers the box's edge within a
// wider band, and is added where the straight-line search missed it.
void add_outer_rules(TableGrid& grid, const cv::Mat& horizontal, const cv::Mat& vertical, int dpi,
                     const GridParams& params) {
  const cv::Rect& box = grid.bbox_px;
  const int band = std::max(6, dpi / 8);
  const int near = std::max(3, dpi / 60);
  auto add_if_covered = [&](std::vector<int>& rules, const cv::Mat& mask, bool vertical_rule,
                            int edge, int inward, int from, int to, double min_coverage) {
    // A rule found anywhere along a bent border is that border; so is one inside the band the
    // border is looked for in, where a rule overshooting the border put the box's edge.
    const int centre = edge + inward * band / 2;
    const bool have_edge = std::any_of(rules.begin(), rules.end(),
                                       [&](int rule) { return std::abs(rule - centre) <= band; });
    if (have_edge) return;
    if (coverage(mask, vertical_rule, centre, from, to, band / 2) >= min_coverage) {
      rules.push_back(edge);
      std::sort(rules.begin(), rules.end());
    }
  };
  const int left = box.x + near;
  const int right = box.x + box.width - 1 - near;
  const int top = box.y + near;
  const int bottom = box.y + box.height - 1 - near;
  add_if_covered(grid.col_rules_x_px, vertical, true, left, 1, box.y, box.y + box.height,
                 params.min_col_rule_coverage);
  add_if_covered(grid.col_rules_x_px, vertical, true, right, -1, box.y, box.y + box.height,
                 params.min_col_rule_coverage);
  add_if_covered(grid.row_rules_y_px, horizontal, false, top, 1, box.x, box.x + box.width,
                 params.min_row_rule_coverage);
  add_if_covered(grid.row_rules_y_px, horizontal, false, bottom, -1, box.x, box.x + box.width,
                 params.min_row_rule_coverage);
}

TableGrid build_grid(const RuleMasks& rules, const cv::Rect& region, int dpi,
                     const GridParams& params) {
  TableGrid grid;
  grid.bbox_px = region;
  // Thicken across the rule so a slightly tilted or wavy rule still counts on one line: a
  // sheet that lay crooked beside its neighbour keeps some skew after the page is levelled.
  const int thicken = 2 * std::max(2, dpi / 60) + 1;
  cv::Mat horizontal;
  cv::Mat vertical;
  cv::dilate(rules.horizontal, horizontal, cv::getStructuringElement(cv::MORPH_RECT, {1, thicken}));
  cv::dilate(rules.vertical, vertical, cv::getStructuringElement(cv::MORPH_RECT, {thicken, 1}));
  // Symbols are at least 1/8 inch tall; a faded rule's gaps are far shorter.
  const int max_gap = std::max(4, dpi / 15);
  grid.row_rules_y_px =
      rule_positions(longest_runs_along(horizontal, region, 1, max_gap),
                     static_cast<int>(params.min_row_rule_coverage * region.width), region.y);
  // Columns are measured over the span of the rows: a scanner's streak or a photographed
  // sheet's edge that touches the table joins its rules and stretches the region far past them,
  // and a column rule would then cover too little of it.
  // (A rule along the image's very edge is no row of it: see below.)
  const int edge = std::max(4, dpi / 12);
  auto at_edge = [&](int extent) {
    return [=](int rule) { return rule < edge || rule >= extent - edge; };
  };
  std::vector<int> inner_rows = grid.row_rules_y_px;
  std::erase_if(inner_rows, at_edge(rules.horizontal.rows));
  cv::Rect rows_span = region;
  if (inner_rows.size() >= 2) {
    rows_span.y = inner_rows.front();
    rows_span.height = inner_rows.back() - inner_rows.front() + 1;
  }
  grid.col_rules_x_px =
      rule_positions(longest_runs_along(vertical, rows_span, 0, max_gap),
                     static_cast<int>(params.min_col_rule_coverage * rows_span.height), region.x);
  add_outer_rules(grid, horizontal, vertical, dpi, params);
  const int tolerance = std::max(3, dpi / 60);
  for (int x : column_rules_rows_agree_on(vertical, rows_span, grid.row_rules_y_px,
                                          params.min_col_rule_coverage, tolerance)) {
    const bool known = std::any_of(grid.col_rules_x_px.begin(), grid.col_rules_x_px.end(),
                                   [&](int rule) { return std::abs(rule - x) <= 2 * tolerance; });
    if (!known) grid.col_rules_x_px.push_back(x);
  }
  std::sort(grid.col_rules_x_px.begin(), grid.col_rules_x_px.end());
  // A rule along the image's very edge is a scanner's dark border or the edge of a photographed
  // sheet, never printed: tables keep a margin.
  std::erase_if(grid.col_rules_x_px, at_edge(rules.vertical.cols));
  std::erase_if(grid.row_rules_y_px, at_edge(rules.horizontal.rows));
  drop_outer_frame(grid.row_rules_y_px, grid.col_rules_x_px, vertical, false, dpi, tolerance);
  drop_outer_frame(grid.col_rules_x_px, grid.row_rules_y_px, horizontal, true, dpi, tolerance);
  if (grid.row_count() < 1 || grid.col_count() < 1) return grid;
  merge_rules_closer_than_a_cell(grid.col_rules_x_px, vertical, true, grid.row_rules_y_px.front(),
                                 grid.row_rules_y_px.back(), dpi, tolerance);
  merge_rules_closer_than_a_cell(grid.row_rules_y_px, horizontal, false,
                                 grid.col_rules_x_px.front(), grid.col_rules_x_px.back(), dpi,
                                 tolerance);
  if (grid.row_count() < 1 || grid.col_count() < 1) return grid;
  grid.bbox_px = cv::Rect(grid.col_rules_x_px.front(), grid.row_rules_y_px.front(),
                          grid.col_rules_x_px.back() - grid.col_rules_x_px.front(),
                          grid.row_rules_y_px.back() - grid.row_rules_y_px.front());

  const int rows = grid.row_count();
  const int cols = grid.col_count();
  const int margin = std::max(4, dpi / 40);
  DisjointSets atoms(rows * cols);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const int top = grid.row_rules_y_px[r];
      const int bottom = grid.row_rules_y_px[r + 1];
      const int left = grid.col_rules_x_px[c];
      const int right = grid.col_rules_x_px[c + 1];
      if (c + 1 < cols && !has_separator(vertical, true, right, top, bottom, tolerance, margin,
                                         params.min_separator_presence)) {
        atoms.join(r * cols + c, r * cols + c + 1);
      }
      if (r + 1 < rows && !has_separator(horizontal, false, bottom, left, right, tolerance, margin,
                                         params.min_separator_presence)) {
        atoms.join(r * cols + c, (r + 1) * cols + c);
      }
    }
  }
  std::vector<GridCell> cells = cells_of(atoms, rows, cols);
  auto box_px = [&](const GridCell& cell) {
    const int x0 = grid.col_rules_x_px[cell.col];
    const int x1 = grid.col_rules_x_px[cell.col + cell.col_span];
    const int y0 = grid.row_rules_y_px[cell.row];
    const int y1 = grid.row_rules_y_px[cell.row + cell.row_span];
    return cv::Rect(x0, y0, x1 - x0, y1 - y0);
  };
  for (GridCell& cell : cells) cell.bbox_px = box_px(cell);
  for (const GridCell& shape : shapes_no_rectangle_fills(atoms, rows, cols)) {
    grid.joined_regions_px.push_back(box_px(shape));
  }
  grid.cells = std::move(cells);
  return grid;
}

}  // namespace

int TableGrid::column_at(int x) const {
  const auto after = std::upper_bound(col_rules_x_px.begin(), col_rules_x_px.end(), x);
  return std::clamp(static_cast<int>(after - col_rules_x_px.begin()) - 1, 0, col_count() - 1);
}

int TableGrid::row_at(int y) const {
  const auto after = std::upper_bound(row_rules_y_px.begin(), row_rules_y_px.end(), y);
  return std::clamp(static_cast<int>(after - row_rules_y_px.begin()) - 1, 0, row_count() - 1);
}

const GridCell* TableGrid::cell_at(int row, int col) const {
  for (const GridCell& cell : cells) {
    if (row >= cell.row && row < cell.row + cell.row_span && col >= cell.col &&
        col < cell.col + cell.col_span) {
      return &cell;
    }
  }
  return nullptr;
}

RuleMasks extract_rule_masks(const cv::Mat& ink, int dpi) {
  if (ink.empty() || ink.type() != CV_8UC1) {
    throw std::invalid_argument("extract_rule_masks: expected a non-empty CV_8UC1 ink mask");
  }
  // Runs of 1/12 inch are longer than any letter stroke at body text sizes; gaps up to 1/40 inch
  // (faded or broken rules) are bridged; a rule is at least 1/4 inch long.
  const int no_text_run = std::max(8, dpi / 12);
  const int bridge = std::max(3, dpi / 40);
  const int min_run = std::max(15, dpi / 4);
  RuleMasks rules{runs_along(ink, {no_text_run, 1}, {bridge, 1}, {min_run, 1}),
                  runs_along(ink, {1, no_text_run}, {1, bridge}, {1, min_run})};
  // A dotted rule has no run long enough to survive the first opening: its dots are joined
  // on their own, away from the letters. Dots 1/20 inch apart join; a sentence's full stops
  // are a word or more apart.
  const cv::Mat dots = dot_sized_ink(ink, dpi);
  const int dot_bridge = std::max(4, dpi / 20);
  rules.horizontal |= runs_along(dots, {1, 1}, {dot_bridge, 1}, {min_run, 1});
  rules.vertical |= runs_along(dots, {1, 1}, {1, dot_bridge}, {1, min_run});
  // Dashed rules, and dotted ones whose dots are larger than the dot mask's.
  rules.horizontal |= chained_rules(ink, dpi);
  cv::Mat transposed;
  cv::transpose(ink, transposed);
  cv::Mat vertical_chains;
  cv::transpose(chained_rules(transposed, dpi), vertical_chains);
  rules.vertical |= vertical_chains;
  return rules;
}

std::vector<TableGrid> detect_grids(const cv::Mat& ink, int dpi, const GridParams& params) {
  return detect_grids(extract_rule_masks(ink, dpi), ink.size(), dpi, params);
}

TableGrid detect_subgrid(const RuleMasks& rules, const cv::Rect& cell_px, int dpi,
                         const GridParams& params) {
  // Widen by the rule tolerance so the cell's own border rules are found as its outer rules.
  const int margin = std::max(3, dpi / 60);
  const cv::Rect region = cv::Rect(cell_px.x - margin, cell_px.y - margin,
                                   cell_px.width + 2 * margin, cell_px.height + 2 * margin) &
                          cv::Rect(0, 0, rules.horizontal.cols, rules.horizontal.rows);
  // Coverage is now measured against the cell: rules that were too short to count across the
  // whole table (the key/value rows beside the logo) span enough of it.
  TableGrid grid = build_grid(rules, region, dpi, params);
  if (grid.row_count() < 1 || grid.col_count() < 1) {
    grid.row_rules_y_px = {cell_px.y, cell_px.y + cell_px.height};
    grid.col_rules_x_px = {cell_px.x, cell_px.x + cell_px.width};
    grid.cells = {GridCell{0, 0, 1, 1, cell_px}};
  }
  return grid;
}

std::vector<TableGrid> detect_grids(const RuleMasks& rules, cv::Size page_size, int dpi,
                                    const GridParams& params) {
  cv::Mat all_rules = rules.horizontal | rules.vertical;
  // Rules of one table meet; where a gap in a faded rule parts them, a little growth rejoins them.
  const int join = std::max(5, dpi / 25) | 1;
  cv::dilate(all_rules, all_rules, cv::getStructuringElement(cv::MORPH_RECT, {join, join}));
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(all_rules, labels, stats, centroids, 8);
  std::vector<TableGrid> tables;
  for (int label = 1; label < count; ++label) {
    const cv::Rect region(
        stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
        stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    if (region.width < params.min_table_width_fraction * page_size.width ||
        region.height < params.min_table_height_inches * dpi) {
      continue;
    }
    TableGrid grid = build_grid(rules, region, dpi, params);
    if (grid.row_count() < 1 || grid.col_count() < 1) continue;
    // Tables do not overlap. Two grids sharing half of the smaller one are one table found
    // twice: once framed by a scan border's rules, or by a faint line running past its edge
    // (a sheet's shadowed edge), and once on its own: keep whichever found more cells.
    const auto same = std::find_if(tables.begin(), tables.end(), [&](const TableGrid& table) {
      const int shared = (table.bbox_px & grid.bbox_px).area();
      return shared > 0.5 * std::min(table.bbox_px.area(), grid.bbox_px.area());
    });
    if (same == tables.end()) {
      tables.push_back(std::move(grid));
    } else if (grid.cells.size() > same->cells.size()) {
      *same = std::move(grid);
    }
  }
  std::sort(tables.begin(), tables.end(),
            [](const TableGrid& a, const TableGrid& b) { return a.bbox_px.y < b.bbox_px.y; });
  return tables;
}

namespace {

// True when `mask` has ink at (x, y) or one pixel further out along `step`, on any of the three
// rows (or columns) around it: a line crossing a band may wobble by a pixel.
bool ink_beside(const cv::Mat& mask, int x, int y, cv::Point step) {
  const cv::Point across(step.y != 0 ? 1 : 0, step.x != 0 ? 1 : 0);
  for (int depth = 0; depth < 2; ++depth) {
    for (int offset = -1; offset <= 1; ++offset) {
      const cv::Point at(x + step.x * depth + across.x * offset,
                         y + step.y * depth + across.y * offset);
      if (at.x >= 0 && at.y >= 0 && at.x < mask.cols && at.y < mask.rows &&
          mask.at<uchar>(at) != 0) {
        return true;
      }
    }
  }
  return false;
}

// Erasing a rule cut every line that crossed it; refills the band wherever ink meets it on both
// sides, so an arrow runs on across lane and row borders.
void bridge_band(cv::Mat& mask, const cv::Rect& band) {
  if (band.empty()) return;
  if (band.height >= band.width) {
    const int left = band.x - 1;
    const int right = band.x + band.width;
    for (int y = band.y; y < band.y + band.height; ++y) {
      if (ink_beside(mask, left, y, {-1, 0}) && ink_beside(mask, right, y, {1, 0})) {
        mask(cv::Rect(band.x, y, band.width, 1)) = 255;
      }
    }
  } else {
    const int above = band.y - 1;
    const int below = band.y + band.height;
    for (int x = band.x; x < band.x + band.width; ++x) {
      if (ink_beside(mask, x, above, {0, -1}) && ink_beside(mask, x, below, {0, 1})) {
        mask(cv::Rect(x, band.y, 1, band.height)) = 255;
      }
    }
  }
}

}  // namespace

void bridge_erased_rules(cv::Mat& ink, const std::vector<cv::Rect>& erased_bands_px) {
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  for (const cv::Rect& band : erased_bands_px) bridge_band(ink, band & page);
}

}  // namespace sopocr
