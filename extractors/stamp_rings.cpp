#include "stamp_rings.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "binarize.h"

namespace sopocr {
namespace {

constexpr double kMmPerInch = 25.4;
constexpr double kSmallestStampMm = 20;
constexpr double kLargestStampMm = 60;
// A ring's line, or a doubled rim's two lines run together.
constexpr double kWidestRingMm = 3;
// A form's text is set at 14 pt or smaller: its capitals are under 4 mm high, and a millimetre
// more allows for a scan's blur and two letters touching.
constexpr double kLargestLetterMm = 5;
// A ring is ink in this share of the directions from its centre at least: a stamp pressed
// unevenly leaves gaps, a letter crossing it adds none.
constexpr double kLeastRingCover = 0.7;
// ... and in clearly more directions than the circles just inside and outside it. Text the
// circle crosses covers as many directions at every radius near it; a ring covers only its own.
constexpr double kLeastRingContrast = 0.4;
// Circles are looked for at about this resolution: a stamp's ring is still a line there, and
// the search is cheap.
constexpr double kSearchDpi = 75;
// The search's most promising circles that are checked one by one.
constexpr int kCandidatesChecked = 40;
constexpr int kDirections = 720;

// For each radius first..last from `centre`, the share of kDirections directions with ink at
// that radius or `slack` pixels either side of it.
std::vector<double> ring_cover(const cv::Mat& ink, cv::Point2f centre, int first, int last,
                               int slack) {
  const int radii = last - first + 1;
  std::vector<int> covered(static_cast<std::size_t>(radii), 0);
  std::vector<unsigned char> along(static_cast<std::size_t>(radii));
  for (int direction = 0; direction < kDirections; ++direction) {
    const double angle = 2 * std::numbers::pi * direction / kDirections;
    const double dx = std::cos(angle);
    const double dy = std::sin(angle);
    for (int k = 0; k < radii; ++k) {
      const int x = static_cast<int>(std::lround(centre.x + (first + k) * dx));
      const int y = static_cast<int>(std::lround(centre.y + (first + k) * dy));
      along[static_cast<std::size_t>(k)] =
          x >= 0 && y >= 0 && x < ink.cols && y < ink.rows && ink.at<unsigned char>(y, x) != 0;
    }
    int last_ink = -slack - 1;
    std::vector<int> next_ink(static_cast<std::size_t>(radii), radii + slack + 1);
    for (int k = radii - 1, next = radii + slack + 1; k >= 0; --k) {
      if (along[static_cast<std::size_t>(k)]) next = k;
      next_ink[static_cast<std::size_t>(k)] = next;
    }
    for (int k = 0; k < radii; ++k) {
      if (along[static_cast<std::size_t>(k)]) last_ink = k;
      if (k - last_ink <= slack || next_ink[static_cast<std::size_t>(k)] - k <= slack) {
        ++covered[static_cast<std::size_t>(k)];
      }
    }
  }
  std::vector<double> cover(static_cast<std::size_t>(radii));
  for (int k = 0; k < radii; ++k) {
    cover[static_cast<std::size_t>(k)] = covered[static_cast<std::size_t>(k)] / double(kDirections);
  }
  return cover;
}

double best_cover(const cv::Mat& ink, cv::Point2f centre, int first, int last, int slack) {
  const std::vector<double> cover = ring_cover(ink, centre, first, last, slack);
  return *std::max_element(cover.begin(), cover.end());
}

// Moves `centre` by ever smaller steps while that puts a circle near `radius` on more ink: the
// search's centres are a few pixels off at full resolution, and a ring's line is only a few
// pixels wide. Without slack, so that a wide ring (a doubled rim) does not cover every
// direction from centres a little off.
cv::Point2f centre_on_ring(const cv::Mat& ink, cv::Point2f centre, int radius, int first_step) {
  const int first = static_cast<int>(radius * 0.85);
  const int last = static_cast<int>(radius * 1.15);
  // The search's error is a few of its pixels: a centre moving farther is following text.
  const cv::Point2f start = centre;
  const double farthest = 4.0 * first_step;
  double best = best_cover(ink, centre, first, last, 0);
  for (int step = first_step; step >= 1; step /= 2) {
    bool moved = true;
    while (moved) {
      moved = false;
      for (const cv::Point2f offset : {cv::Point2f(float(step), 0), cv::Point2f(float(-step), 0),
                                       cv::Point2f(0, float(step)), cv::Point2f(0, float(-step))}) {
        if (cv::norm(centre + offset - start) > farthest) continue;
        const double cover = best_cover(ink, centre + offset, first, last, 0);
        if (cover > best) {
          best = cover;
          centre += offset;
          moved = true;
        }
      }
    }
  }
  return centre;
}

// The rings about `centre` between `first` and `last` pixels out: the radii whose cover peaks
// high above the cover around them.
std::vector<StampRing> rings_about(const cv::Mat& ink, cv::Point2f centre, int first, int last,
                                   int widest_px) {
  const std::vector<double> cover = ring_cover(ink, centre, first, last, 1);
  const int radii = static_cast<int>(cover.size());
  std::vector<StampRing> rings;
  for (int k = 1; k + 1 < radii; ++k) {
    const double peak = cover[static_cast<std::size_t>(k)];
    if (peak < kLeastRingCover || peak < cover[static_cast<std::size_t>(k - 1)] ||
        peak < cover[static_cast<std::size_t>(k + 1)]) {
      continue;
    }
    // The cover a little inside and outside: what any circle here would meet.
    const int reach = std::max(3 * widest_px, (first + k) / 8);
    std::vector<double> around;
    for (int j = std::max(0, k - reach); j <= std::min(radii - 1, k + reach); ++j) {
      around.push_back(cover[static_cast<std::size_t>(j)]);
    }
    std::nth_element(around.begin(), around.begin() + around.size() / 2, around.end());
    const double baseline = around[around.size() / 2];
    if (peak - baseline < kLeastRingContrast) continue;
    const double half = (peak + baseline) / 2;
    int inner = k;
    int outer = k;
    while (inner > 0 && cover[static_cast<std::size_t>(inner - 1)] >= half) --inner;
    while (outer + 1 < radii && cover[static_cast<std::size_t>(outer + 1)] >= half) ++outer;
    const int width = outer - inner + 1;
    if (width > widest_px) continue;
    StampRing ring;
    ring.centre_px = centre;
    ring.radius_px = static_cast<float>(first + (inner + outer) / 2.0);
    ring.width_px = static_cast<float>(std::max(1, width - 2));  // without the cover's slack
    rings.push_back(ring);
    k = outer;
  }
  return rings;
}

// The rings of `rings` stamp by stamp (those about one centre), each stamp's innermost first.
std::vector<std::vector<StampRing>> by_stamp(const std::vector<StampRing>& rings) {
  std::vector<std::vector<StampRing>> stamps;
  for (const StampRing& ring : rings) {
    auto same = std::find_if(stamps.begin(), stamps.end(), [&](const auto& stamp) {
      return cv::norm(stamp.front().centre_px - ring.centre_px) < 2;
    });
    if (same == stamps.end()) {
      stamps.push_back({ring});
    } else {
      same->push_back(ring);
    }
  }
  for (auto& stamp : stamps) {
    std::sort(stamp.begin(), stamp.end(),
              [](const StampRing& a, const StampRing& b) { return a.radius_px < b.radius_px; });
  }
  return stamps;
}

// The square of `ink` about a stamp's centre that holds a circle of `radius`.
cv::Rect square_about(cv::Point2f centre, double radius, const cv::Mat& ink) {
  return cv::Rect(cvRound(centre.x - radius), cvRound(centre.y - radius), cvRound(2 * radius) + 1,
                  cvRound(2 * radius) + 1) &
         cv::Rect(0, 0, ink.cols, ink.rows);
}

struct Mark {
  int label = 0;
  cv::Rect box;
  cv::Point2d centre;
};

// The connected marks of `ink` inside `box`, in `labels` (CV_32S, box-sized).
std::vector<Mark> marks_in(const cv::Mat& ink, const cv::Rect& box, cv::Mat& labels) {
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink(box), labels, stats, centroids, 8, CV_32S);
  std::vector<Mark> marks;
  for (int label = 1; label < count; ++label) {
    Mark mark;
    mark.label = label;
    mark.box =
        cv::Rect(stats.at<int>(label, cv::CC_STAT_LEFT) + box.x,
                 stats.at<int>(label, cv::CC_STAT_TOP) + box.y,
                 stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    mark.centre =
        cv::Point2d(centroids.at<double>(label, 0) + box.x, centroids.at<double>(label, 1) + box.y);
    marks.push_back(mark);
  }
  return marks;
}

// The farthest a corner of `box` is from `centre`.
double farthest_corner(const cv::Rect& box, cv::Point2f centre) {
  const double dx = std::max(std::abs(box.x - centre.x), std::abs(box.br().x - centre.x));
  const double dy = std::max(std::abs(box.y - centre.y), std::abs(box.br().y - centre.y));
  return std::hypot(dx, dy);
}

// The ink on the rings' lines, their blurred rims included, but where a letter's stroke crosses
// a ring: the stroke goes on just inside and just outside it, and those pixels are the letter's.
cv::Mat ring_lines(const std::vector<StampRing>& rings, const cv::Mat& ink) {
  cv::Mat stamp = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (const StampRing& ring : rings) {
    // A pixel either side for the ring's blurred rim, which binarises as ink beside the letters.
    const int thickness = static_cast<int>(std::ceil(ring.width_px)) + 2;
    cv::circle(stamp, cv::Point(cvRound(ring.centre_px.x), cvRound(ring.centre_px.y)),
               cvRound(ring.radius_px), cv::Scalar(255), thickness, cv::LINE_8);
  }
  stamp &= ink;
  cv::Mat crossing = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (const StampRing& ring : rings) {
    const double reach = ring.width_px / 2 + 2;
    const cv::Rect box = cv::Rect(cvRound(ring.centre_px.x - ring.radius_px - reach),
                                  cvRound(ring.centre_px.y - ring.radius_px - reach),
                                  cvRound(2 * (ring.radius_px + reach)) + 1,
                                  cvRound(2 * (ring.radius_px + reach)) + 1) &
                         cv::Rect(0, 0, ink.cols, ink.rows);
    for (int y = box.y; y < box.br().y; ++y) {
      for (int x = box.x; x < box.br().x; ++x) {
        if (stamp.at<unsigned char>(y, x) == 0) continue;
        const double dx = x - ring.centre_px.x;
        const double dy = y - ring.centre_px.y;
        const double distance = std::hypot(dx, dy);
        if (std::abs(distance - ring.radius_px) > reach || distance < 1) continue;
        // On a straight stroke through the pixel that leaves the band on both sides, square to
        // the ring or at a slant up to 60°: ink at both of its ends.
        const double square = std::atan2(dy, dx);
        const double off_centre = std::abs(distance - ring.radius_px);
        const auto ink_at = [&](double sx, double sy) {
          const int ix = cvRound(sx);
          const int iy = cvRound(sy);
          return ix >= 0 && iy >= 0 && ix < ink.cols && iy < ink.rows &&
                 ink.at<unsigned char>(iy, ix) != 0;
        };
        bool stroke = false;
        const double step = 1.0 / (reach + 1);
        for (double slant = -std::numbers::pi / 3; slant <= std::numbers::pi / 3 && !stroke;
             slant += step) {
          const double length = (reach + 1 + off_centre) / std::cos(slant);
          const double ux = std::cos(square + slant) * length;
          const double uy = std::sin(square + slant) * length;
          stroke = ink_at(x + ux, y + uy) && ink_at(x - ux, y - uy);
        }
        if (stroke) {
          crossing.at<unsigned char>(y, x) = 255;
        }
      }
    }
  }
  stamp &= ~crossing;
  return stamp;
}

// The emblem in a stamp's middle (a star, a coat of arms), no letter either: a mark inside the
// innermost ring, larger than any letter of a form's text, that does not reach the ring (an
// underline that does runs on under it). With its inside: a solid emblem's middle, far from any
// edge, binarises as paper.
cv::Mat emblem(const std::vector<StampRing>& stamp, const cv::Mat& ink, int dpi) {
  cv::Mat found = cv::Mat::zeros(ink.size(), CV_8UC1);
  const StampRing& innermost = stamp.front();
  const double inside = innermost.radius_px - innermost.width_px;
  const cv::Rect disc = square_about(innermost.centre_px, inside, ink);
  if (disc.empty()) return found;
  const int largest_letter = static_cast<int>(kLargestLetterMm / kMmPerInch * dpi);
  cv::Mat labels;
  for (const Mark& mark : marks_in(ink, disc, labels)) {
    if (std::max(mark.box.width, mark.box.height) < largest_letter) continue;
    if (farthest_corner(mark.box, innermost.centre_px) > inside - innermost.width_px) continue;
    // An emblem sits in the middle and is about as wide as high; a signature, or an underlined
    // name whose letters joined the underline, is long and may lie anywhere inside.
    const double off_middle = cv::norm(mark.centre - cv::Point2d(innermost.centre_px));
    const double long_side = std::max(mark.box.width, mark.box.height);
    const double short_side = std::min(mark.box.width, mark.box.height);
    if (off_middle > 0.3 * inside || long_side > 2 * short_side) continue;
    std::vector<std::vector<cv::Point>> outline;
    cv::findContours(labels == mark.label, outline, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    cv::Mat part = found(disc);
    cv::drawContours(part, outline, -1, cv::Scalar(255), cv::FILLED);
  }
  return found;
}

// The stamp's lettering: the office's name set around the inside of its rim, letter by letter
// at one distance from the centre. Printed text runs straight across the stamp and its letters
// lie at every distance; the stamp's are the letter-sized marks whose middles share one
// distance from the centre, found all around a good part of the circle.
cv::Mat lettering(const std::vector<StampRing>& stamp, const cv::Mat& ink, int dpi) {
  cv::Mat found = cv::Mat::zeros(ink.size(), CV_8UC1);
  const StampRing& rim = stamp.back();
  // The lettering lies inside the rim and outside an inner ring, if there is one well inside.
  double band_inner = rim.radius_px * 0.55;
  for (const StampRing& ring : stamp) {
    if (ring.radius_px < rim.radius_px * 0.85) band_inner = ring.radius_px + ring.width_px;
  }
  const double band_outer = rim.radius_px - rim.width_px / 2;
  const cv::Rect square = square_about(rim.centre_px, band_outer, ink);
  if (square.empty()) return found;
  const int largest_letter = static_cast<int>(kLargestLetterMm / kMmPerInch * dpi);
  const int smallest_letter = std::max(3, static_cast<int>(0.8 / kMmPerInch * dpi));
  cv::Mat labels;
  // The stamp's square, widened sideways by its size: printed lines run on there.
  const cv::Rect around = (square - cv::Point(square.width, 0) + cv::Size(2 * square.width, 0)) &
                          cv::Rect(0, 0, ink.cols, ink.rows);
  const std::vector<Mark> marks = marks_in(ink, around, labels);
  std::vector<Mark> letters;  // every letter-sized mark about the stamp
  for (const Mark& mark : marks) {
    const int size = std::max(mark.box.width, mark.box.height);
    if (size >= smallest_letter && size <= largest_letter) letters.push_back(mark);
  }
  std::vector<double> distances;
  for (const Mark& mark : letters)
    distances.push_back(cv::norm(mark.centre - cv::Point2d(rim.centre_px)));
  const auto in_band = [&](std::size_t i) {
    return distances[i] > band_inner && distances[i] < band_outer;
  };
  // The distance most letters' middles in the band share, within a millimetre.
  const double tolerance = 1.0 / kMmPerInch * dpi;
  double lettering_distance = 0;
  std::size_t most = 0;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (!in_band(i)) continue;
    std::size_t near = 0;
    for (std::size_t j = 0; j < letters.size(); ++j) {
      near += in_band(j) && std::abs(distances[j] - distances[i]) <= tolerance;
    }
    if (near > most) {
      most = near;
      lettering_distance = distances[i];
    }
  }
  std::vector<bool> on_circle(letters.size(), false);
  for (std::size_t i = 0; i < letters.size(); ++i) {
    on_circle[i] = in_band(i) && std::abs(distances[i] - lettering_distance) <= tolerance;
  }
  // Printed text crosses the stamp and runs on beyond it, level: a mark with a mark of its
  // height level with it outside the rim is printed. The stamp's letters curve away from any
  // level line; those that happen to sit level with printed text stay, to be safe.
  const auto printed = [&](std::size_t i) {
    const Mark& mark = letters[i];
    for (std::size_t j = 0; j < letters.size(); ++j) {
      const Mark& other = letters[j];
      if (distances[j] <= band_outer + rim.width_px) continue;
      const int height = std::max(mark.box.height, other.box.height);
      if (std::abs(mark.centre.y - other.centre.y) <= 0.35 * height &&
          std::min(mark.box.height, other.box.height) * 2.5 >= height) {
        return true;
      }
    }
    return false;
  };
  std::vector<double> angles;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    on_circle[i] = on_circle[i] && !printed(i);
    if (on_circle[i]) {
      angles.push_back(
          std::atan2(letters[i].centre.y - rim.centre_px.y, letters[i].centre.x - rim.centre_px.x));
    }
  }
  // A name of a few letters at least, spread over a quarter of the circle or more.
  constexpr std::size_t kFewestLetters = 6;
  if (angles.size() < kFewestLetters) return found;
  std::sort(angles.begin(), angles.end());
  double widest_gap = angles.front() + 2 * std::numbers::pi - angles.back();
  for (std::size_t i = 1; i < angles.size(); ++i) {
    widest_gap = std::max(widest_gap, angles[i] - angles[i - 1]);
  }
  if (2 * std::numbers::pi - widest_gap < std::numbers::pi / 2) return found;
  std::vector<unsigned char> chosen(marks.size() + 1, 0);  // by label; 0 the background
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (on_circle[i]) chosen[static_cast<std::size_t>(letters[i].label)] = 1;
  }
  components_mask(labels, chosen).copyTo(found(around));
  return found;
}

}  // namespace

std::vector<StampRing> find_stamp_rings(const cv::Mat& ink, int dpi) {
  if (ink.empty() || ink.type() != CV_8UC1) {
    throw std::invalid_argument("find_stamp_rings: expected a non-empty CV_8UC1 ink mask, got " +
                                std::to_string(ink.cols) + "x" + std::to_string(ink.rows) +
                                " of type " + std::to_string(ink.type()));
  }
  if (dpi <= 0) {
    throw std::invalid_argument("find_stamp_rings: dpi must be positive, got " +
                                std::to_string(dpi));
  }
  // A page smaller than the smallest stamp holds none.
  const int smallest_full = static_cast<int>(kSmallestStampMm / kMmPerInch * dpi);
  if (std::min(ink.cols, ink.rows) < smallest_full) return {};
  const double scale = std::min(1.0, kSearchDpi / dpi);
  cv::Mat small;
  cv::resize(ink, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::GaussianBlur(small, small, cv::Size(5, 5), 1.2);
  const double small_dpi = dpi * scale;
  const int smallest = static_cast<int>(kSmallestStampMm / 2 / kMmPerInch * small_dpi);
  const int largest = static_cast<int>(std::ceil(kLargestStampMm / 2 / kMmPerInch * small_dpi));
  std::vector<cv::Vec3f> candidates;
  // The search's own test of a circle (the share of its edge points whose gradient points at its
  // centre) is lenient here: ink crossing a ring breaks its edge, and every candidate is checked
  // against the ink below.
  cv::HoughCircles(small, candidates, cv::HOUGH_GRADIENT_ALT, 1.5, smallest, 300, 0.5, smallest,
                   largest);
  if (candidates.size() > kCandidatesChecked) candidates.resize(kCandidatesChecked);

  const int widest_px = std::max(2, static_cast<int>(kWidestRingMm / kMmPerInch * dpi));
  const int largest_full = static_cast<int>(std::ceil(kLargestStampMm / 2 / kMmPerInch * dpi));
  const int search_error = static_cast<int>(std::ceil(1.5 / scale));
  std::vector<StampRing> rings;
  std::vector<std::pair<cv::Point2f, float>> stamps;  // centre, outermost radius
  for (const cv::Vec3f& candidate : candidates) {
    cv::Point2f centre(candidate[0] / static_cast<float>(scale),
                       candidate[1] / static_cast<float>(scale));
    const int radius = static_cast<int>(candidate[2] / scale);
    const bool known = std::any_of(stamps.begin(), stamps.end(), [&](const auto& stamp) {
      return cv::norm(stamp.first - centre) < 0.25 * stamp.second;
    });
    if (known) continue;
    // Most candidates are text that happened to vote for a circle: a tolerant look first.
    if (best_cover(ink, centre, radius - 2 * search_error, radius + 2 * search_error,
                   search_error) < kLeastRingCover) {
      continue;
    }
    centre = centre_on_ring(ink, centre, radius, std::max(1, search_error));
    // The circle found may be an inner ring: the profile reaches out to the largest stamp's.
    const std::vector<StampRing> found =
        rings_about(ink, centre, static_cast<int>(radius * 0.25),
                    std::max(static_cast<int>(radius * 1.7), largest_full), widest_px);
    // Its outer ring is a stamp's size; the rings inside it may be smaller.
    if (found.empty() || found.back().radius_px < 0.8 * radius) continue;
    const double across_mm = 2 * found.back().radius_px / dpi * kMmPerInch;
    if (across_mm < kSmallestStampMm || across_mm > kLargestStampMm) continue;
    stamps.emplace_back(centre, found.back().radius_px);
    rings.insert(rings.end(), found.begin(), found.end());
  }
  return rings;
}

cv::Mat stamp_ink(const std::vector<StampRing>& rings, const cv::Mat& ink, int dpi) {
  if (rings.empty()) return {};
  cv::Mat stamp = ring_lines(rings, ink);
  for (const std::vector<StampRing>& one_stamp : by_stamp(rings)) {
    stamp |= emblem(one_stamp, ink & ~stamp, dpi);
    stamp |= lettering(one_stamp, ink & ~stamp, dpi);
  }
  return stamp;
}

}  // namespace sopocr
