// Arrow tracing on small flows drawn into the test image: which symbol each arrow leaves and
// reaches, with bends, merges, back edges, crossings, broken lines and labels.
#include "arrows.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <utility>

#include "binarize.h"

namespace sopocr {
namespace {

// A page with boxes and arrows drawn as PermenPAN-RB flowcharts draw them: thin lines ending in
// a filled triangle at the target.
class Flow {
 public:
  explicit Flow(int dpi, cv::Size size = {1200, 1400}) : dpi_(dpi), page_(size, CV_8UC1, 255) {}

  int box(cv::Point centre, int half_w = 70, int half_h = 30) {
    const cv::Rect rect(centre.x - half_w, centre.y - half_h, 2 * half_w, 2 * half_h);
    cv::rectangle(page_, rect, 0, stroke());
    boxes_.push_back(rect);
    return static_cast<int>(boxes_.size()) - 1;
  }

  int diamond(cv::Point centre, int half_w = 70, int half_h = 45) {
    std::vector<cv::Point> corners{{centre.x, centre.y - half_h},
                                   {centre.x + half_w, centre.y},
                                   {centre.x, centre.y + half_h},
                                   {centre.x - half_w, centre.y}};
    cv::polylines(page_, corners, true, 0, stroke());
    boxes_.push_back(cv::Rect(centre.x - half_w, centre.y - half_h, 2 * half_w, 2 * half_h));
    return static_cast<int>(boxes_.size()) - 1;
  }

  // A polyline whose last segment ends in a head at the last point.
  void arrow(const std::vector<cv::Point>& points) {
    filled_arrow(points, std::max(1, dpi_ / 100), 5.0, 2.2);
  }

  // The same drawn with a heavy stroke (1.8 pt), its head `head_length_pt` long and
  // `head_half_width_pt` to either side of the line.
  void heavy_arrow(const std::vector<cv::Point>& points, double head_length_pt,
                   double head_half_width_pt) {
    filled_arrow(points, static_cast<int>(std::lround(1.8 * dpi_ / 72)), head_length_pt,
                 head_half_width_pt);
  }

  // The same with the head drawn open, as a chevron of two strokes ("->").
  void open_arrow(const std::vector<cv::Point>& points) {
    const int line = std::max(1, dpi_ / 100);
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
      cv::line(page_, points[i], points[i + 1], 0, line);
    }
    const cv::Point tip = points.back();
    const cv::Point2d along =
        cv::Point2d(tip - points[points.size() - 2]) / cv::norm(tip - points[points.size() - 2]);
    const cv::Point2d across(-along.y, along.x);
    const cv::Point2d base = cv::Point2d(tip) - along * (4.0 * dpi_ / 72);
    const double half_width = 2.0 * dpi_ / 72;
    // Drawn with a finer stroke than the line, as the scans show them: where the arms meet the
    // line the ink is no wider than the line itself.
    const int arm = std::max(1, line - 1);
    cv::line(page_, tip, base + across * half_width, 0, arm);
    cv::line(page_, tip, base - across * half_width, 0, arm);
  }

  void text(const std::string& words, cv::Point bottom_left) {
    cv::putText(page_, words, bottom_left, cv::FONT_HERSHEY_SIMPLEX, dpi_ / 400.0, 0,
                std::max(1, dpi_ / 150));
  }

  cv::Mat& page() { return page_; }

  ArrowTrace trace() const {
    return trace_arrows(binarize_ink(page_, dpi_), {0, 0, page_.cols, page_.rows}, boxes_, dpi_);
  }

 private:
  int stroke() const { return std::max(2, dpi_ / 80); }

 public:
  // A polyline `line_px` wide whose last segment ends in a filled head.
  void filled_arrow(const std::vector<cv::Point>& points, int line_px, double head_length_pt,
                    double head_half_width_pt) {
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
      cv::line(page_, points[i], points[i + 1], 0, line_px);
    }
    const cv::Point tip = points.back();
    const cv::Point2d along =
        cv::Point2d(tip - points[points.size() - 2]) / cv::norm(tip - points[points.size() - 2]);
    const cv::Point2d across(-along.y, along.x);
    const double length = head_length_pt * dpi_ / 72;
    const double half_width = head_half_width_pt * dpi_ / 72;
    const cv::Point2d base = cv::Point2d(tip) - along * length;
    std::vector<cv::Point> head{tip, base + across * half_width, base - across * half_width};
    cv::fillConvexPoly(page_, head, 0, cv::LINE_AA);
  }

 private:
  int dpi_;
  cv::Mat page_;
  std::vector<cv::Rect> boxes_;
};

std::vector<std::pair<int, int>> edges_of(const ArrowTrace& trace) {
  std::vector<std::pair<int, int>> edges;
  for (const TracedArrow& arrow : trace.arrows) edges.emplace_back(arrow.from, arrow.to);
  std::sort(edges.begin(), edges.end());
  return edges;
}

using Edges = std::vector<std::pair<int, int>>;

// The usual arrow from one step to the next: down out of the first box, across, and down into
// the second, with a filled head.
struct TwoSteps {
  Flow flow;
  int first = 0;
  int second = 0;
};

TwoSteps two_steps_joined_by_an_elbow(int dpi, int second_x) {
  TwoSteps steps{Flow(dpi)};
  steps.first = steps.flow.box({300, 150});
  steps.second = steps.flow.box({second_x, 450});
  steps.flow.arrow({{300, 180}, {300, 300}, {second_x, 300}, {second_x, 420}});
  return steps;
}

class AtResolution : public ::testing::TestWithParam<int> {};

TEST_P(AtResolution, AStraightFlowWithBendsGoesFromEachStepToTheNext) {
  Flow flow(GetParam());
  const int first = flow.box({300, 150});
  const int second = flow.box({700, 450});
  const int third = flow.box({300, 750});
  // Down out of the first, across, down into the second; the same back to the left.
  flow.arrow({{300, 180}, {300, 300}, {700, 300}, {700, 420}});
  flow.arrow({{700, 480}, {700, 600}, {300, 600}, {300, 720}});
  const ArrowTrace trace = flow.trace();
  EXPECT_EQ(edges_of(trace), (Edges{{first, second}, {second, third}}));
  EXPECT_TRUE(trace.loose_starts.empty());
  EXPECT_TRUE(trace.loose_ends.empty());
}

TEST_P(AtResolution, ADecisionLoopsBackUpAndBothBranchesHaveTheirLabelBeside) {
  Flow flow(GetParam());
  const int draft = flow.box({300, 150});
  const int check = flow.diamond({300, 500});
  const int sign = flow.box({300, 850});
  flow.arrow({{300, 180}, {300, 455}});
  // "Ya" down; "Tidak" out of the right corner, up a channel and into the draft's side.
  flow.arrow({{300, 545}, {300, 820}});
  flow.text("Ya", {310, 590});
  flow.arrow({{370, 500}, {560, 500}, {560, 150}, {370, 150}});
  flow.text("Tidak", {385, 490});
  const ArrowTrace trace = flow.trace();
  EXPECT_EQ(edges_of(trace), (Edges{{draft, check}, {check, draft}, {check, sign}}));
  for (const TracedArrow& arrow : trace.arrows) {
    if (arrow.from != check) continue;
    ASSERT_TRUE(arrow.label_bbox_px) << "arrow to " << arrow.to;
    // Each label belongs to its own exit: "Ya" below the decision, "Tidak" to its right.
    if (arrow.to == sign) {
      EXPECT_GT(arrow.label_bbox_px->y, 545);
    } else {
      EXPECT_GT(arrow.label_bbox_px->x, 370);
      EXPECT_LT(arrow.label_bbox_px->y, 500);
    }
  }
}

TEST_P(AtResolution, ABranchLabelOfTwoWordsIsReadWholeThoughOnlyItsEndIsNearTheExit) {
  const int dpi = GetParam();
  Flow flow(dpi);
  const int check = flow.diamond({800, 300});
  const int redo = flow.box({300, 700});
  // Out of the left corner; the label printed above the line, ending by the corner.
  flow.arrow({{730, 300}, {300, 300}, {300, 670}});
  const std::string words = "Tidak lengkap";
  int baseline = 0;
  const cv::Size size = cv::getTextSize(words, cv::FONT_HERSHEY_SIMPLEX, dpi / 400.0,
                                        std::max(1, dpi / 150), &baseline);
  const int label_right = 730 - dpi / 30;
  ASSERT_GT(size.width, 0.3 * dpi) << "longer than the reach of a label from the exit";
  flow.text(words, {label_right - size.width, 290});
  const ArrowTrace trace = flow.trace();
  ASSERT_EQ(edges_of(trace), (Edges{{check, redo}}));
  ASSERT_TRUE(trace.arrows[0].label_bbox_px);
  const cv::Rect label = *trace.arrows[0].label_bbox_px;
  EXPECT_LE(label.x, label_right - size.width + dpi / 50) << "the label's first word";
  EXPECT_GE(label.br().x, label_right - dpi / 50) << "its last letter, by the exit";
}

TEST_P(AtResolution, ABranchLabelsLettersWhoseDescendersTouchTheLineArePartOfIt) {
  const int dpi = GetParam();
  Flow flow(dpi);
  const int check = flow.diamond({300, 300});
  const int next = flow.box({900, 300});
  flow.arrow({{370, 300}, {830, 300}});
  // Printed just above the line: the descenders of "g" and "p" run into it.
  const std::string words = "Lengkap";
  int baseline = 0;
  const cv::Size size = cv::getTextSize(words, cv::FONT_HERSHEY_SIMPLEX, dpi / 400.0,
                                        std::max(1, dpi / 150), &baseline);
  const int left = 370 + dpi / 15;
  flow.text(words, {left, 300 - baseline + 2});
  const ArrowTrace trace = flow.trace();
  ASSERT_EQ(edges_of(trace), (Edges{{check, next}}));
  ASSERT_TRUE(trace.arrows[0].label_bbox_px);
  EXPECT_GE(trace.arrows[0].label_bbox_px->br().x, left + size.width - dpi / 50)
      << "the label's last letter, on the line";
}

TEST_P(AtResolution, ABranchLabelWhoseLettersRanTogetherIsStillTextNotALine) {
  const int dpi = GetParam();
  Flow flow(dpi);
  const int check = flow.diamond({600, 300});
  const int next = flow.box({600, 700});
  flow.arrow({{600, 345}, {600, 670}});
  // Set tight, as blur and ink spread print a low-resolution label: each letter touches the
  // next, and the word is one piece of ink longer than a short line.
  const std::string words = "Lengkap";
  const double scale = dpi / 400.0;
  const int weight = std::max(1, dpi / 150);
  int right = 600 - dpi / 30;
  const int bottom = 345 + dpi / 12;
  std::vector<cv::Rect> letters;
  for (auto letter = words.rbegin(); letter != words.rend(); ++letter) {
    int baseline = 0;
    const cv::Size size = cv::getTextSize(std::string(1, *letter), cv::FONT_HERSHEY_SIMPLEX, scale,
                                          weight, &baseline);
    const cv::Point bottom_left(right - size.width, bottom);
    cv::putText(flow.page(), std::string(1, *letter), bottom_left, cv::FONT_HERSHEY_SIMPLEX, scale,
                0, weight);
    letters.push_back(
        cv::Rect(bottom_left.x, bottom - size.height, size.width, size.height + baseline));
    right = bottom_left.x + size.width / 3;
  }
  const cv::Rect word = std::accumulate(letters.begin(), letters.end(), letters.front(),
                                        [](const cv::Rect& a, const cv::Rect& b) { return a | b; });
  cv::Mat pieces;
  ASSERT_LE(cv::connectedComponents(flow.page()(word) < 128, pieces), 3)
      << "the letters should run together";
  const ArrowTrace trace = flow.trace();
  ASSERT_EQ(edges_of(trace), (Edges{{check, next}}));
  ASSERT_TRUE(trace.arrows[0].label_bbox_px);
  EXPECT_LE(trace.arrows[0].label_bbox_px->x, word.x + dpi / 50) << "its first letter";
}

TEST_P(AtResolution, ALabelOfOneLetterTakesInNoMarkBesideIt) {
  const int dpi = GetParam();
  Flow flow(dpi);
  const int check = flow.diamond({300, 300});
  const int next = flow.box({300, 700});
  flow.arrow({{300, 345}, {300, 670}});
  flow.text("Y", {310, 345 + dpi / 12});
  int baseline = 0;
  const cv::Size size = cv::getTextSize("Y", cv::FONT_HERSHEY_SIMPLEX, dpi / 400.0,
                                        std::max(1, dpi / 150), &baseline);
  // A speck a little way to its right, where a second letter would be.
  const cv::Point speck(310 + size.width + size.height / 2, 345 + dpi / 12 - size.height / 2);
  cv::rectangle(flow.page(), cv::Rect(speck, cv::Size(3, 3)), 0, cv::FILLED);
  const ArrowTrace trace = flow.trace();
  ASSERT_EQ(edges_of(trace), (Edges{{check, next}}));
  ASSERT_TRUE(trace.arrows[0].label_bbox_px);
  EXPECT_LT(trace.arrows[0].label_bbox_px->br().x, speck.x) << "the speck is no letter of it";
}

TEST_P(AtResolution, CrossingArrowsStayTwoArrows) {
  Flow flow(GetParam());
  const int top_left = flow.box({250, 150});
  const int top_right = flow.box({850, 150});
  const int bottom_left = flow.box({250, 850});
  const int bottom_right = flow.box({850, 850});
  // Top left to bottom right and top right to bottom left: the routes cross once.
  flow.arrow({{250, 180}, {250, 400}, {600, 400}, {600, 700}, {850, 700}, {850, 820}});
  flow.arrow({{850, 180}, {850, 550}, {400, 550}, {400, 750}, {250, 750}, {250, 820}});
  const ArrowTrace trace = flow.trace();
  EXPECT_EQ(edges_of(trace), (Edges{{top_left, bottom_right}, {top_right, bottom_left}}));
}

TEST_P(AtResolution, TwoArrowsMergingIntoOneEntryBothArrive) {
  Flow flow(GetParam());
  const int left = flow.box({250, 150});
  const int right = flow.box({850, 150});
  const int below = flow.box({550, 750});
  flow.arrow({{250, 180}, {250, 450}, {550, 450}, {550, 720}});
  flow.arrow({{850, 180}, {850, 450}, {552, 450}});
  const ArrowTrace trace = flow.trace();
  EXPECT_EQ(edges_of(trace), (Edges{{left, below}, {right, below}}));
}

TEST_P(AtResolution, ALineBrokenByTheScanStillJoinsItsEnds) {
  Flow flow(GetParam());
  const int first = flow.box({400, 150});
  const int second = flow.box({400, 750});
  flow.arrow({{400, 180}, {400, 720}});
  // Faded out over a stretch as long as a thin line's width several times over.
  const int gap = GetParam() / 30;
  cv::rectangle(flow.page(), cv::Rect(380, 450, 40, gap), 255, cv::FILLED);
  EXPECT_EQ(edges_of(flow.trace()), (Edges{{first, second}}));
}

TEST_P(AtResolution, AnElbowArrowBrokenForThreeMillimetresStillJoinsItsEnds) {
  // A worn scan breaks a connector as it breaks the table's rules: up to 3 mm of its across
  // stretch gone, between the lanes.
  TwoSteps steps = two_steps_joined_by_an_elbow(GetParam(), 900);
  const int gap = GetParam() * 3 / 25;
  cv::rectangle(steps.flow.page(), cv::Rect(600, 280, gap, 40), 255, cv::FILLED);
  EXPECT_EQ(edges_of(steps.flow.trace()), (Edges{{steps.first, steps.second}}));
}

TEST_P(AtResolution, AnArrowBrokenTwiceWithAFragmentBetweenStillJoinsItsEnds) {
  // Two breaks of 2.5 mm a millimetre and a half apart: the fragment left between them is too
  // short to be a line, and the ends of the line lie 6.5 mm apart.
  const int dpi = GetParam();
  TwoSteps steps = two_steps_joined_by_an_elbow(dpi, 900);
  const int gap = dpi * 25 / 254;
  const int fragment = dpi * 15 / 254;
  cv::rectangle(steps.flow.page(), cv::Rect(550, 280, gap, 40), 255, cv::FILLED);
  cv::rectangle(steps.flow.page(), cv::Rect(550 + gap + fragment, 280, gap, 40), 255, cv::FILLED);
  EXPECT_EQ(edges_of(steps.flow.trace()), (Edges{{steps.first, steps.second}}));
}

TEST_P(AtResolution, AnArrowFadedOutForHalfAnInchIsJoinedWhereItsEndsHeadAtEachOther) {
  // Faded toner loses a stretch of the across run far longer than any break: the line leaving
  // the first symbol stops, and the line into the second starts, level with it further on.
  const int dpi = GetParam();
  TwoSteps steps = two_steps_joined_by_an_elbow(dpi, 900);
  cv::rectangle(steps.flow.page(), cv::Rect(450, 280, dpi / 2, 40), 255, cv::FILLED);
  const ArrowTrace trace = steps.flow.trace();
  EXPECT_EQ(edges_of(trace), (Edges{{steps.first, steps.second}}));
  ASSERT_EQ(trace.arrows.size(), 1u);
  EXPECT_TRUE(trace.arrows[0].joined_across_gap);
  EXPECT_TRUE(trace.loose_starts.empty());
  EXPECT_TRUE(trace.loose_ends.empty());
}

TEST_P(AtResolution, AnArrowFadedOutRoundItsBendIsJoinedAtTheBend) {
  const int dpi = GetParam();
  TwoSteps steps = two_steps_joined_by_an_elbow(dpi, 900);
  // The bend above the second symbol is gone, with 0.4 in of line before it and 0.2 in after.
  cv::rectangle(steps.flow.page(),
                cv::Rect(900 - dpi * 2 / 5, 270, dpi * 2 / 5 + 40, 30 + dpi / 5), 255, cv::FILLED);
  EXPECT_EQ(edges_of(steps.flow.trace()), (Edges{{steps.first, steps.second}}));
}

TEST_P(AtResolution, AConnectorDrawnAlongARowRuleAndErasedWithItJoinsItsEnds) {
  // The across run lay on the table's rule and went with it: the line down from the first
  // symbol stops at the rule, the line into the second starts under it, further along.
  TwoSteps steps = two_steps_joined_by_an_elbow(GetParam(), 700);
  cv::rectangle(steps.flow.page(), cv::Rect(0, 296, 1200, 9), 255, cv::FILLED);
  EXPECT_EQ(edges_of(steps.flow.trace()), (Edges{{steps.first, steps.second}}));
}

TEST_P(AtResolution, ALineWhoseHeadWasLostAtARuleJustAboveItsTargetReachesIt) {
  // The last stretch and the head went with a rule crossed just above the second symbol: the
  // line, leaving the first without a head, stops heading straight into the second's box.
  TwoSteps steps = two_steps_joined_by_an_elbow(GetParam(), 700);
  cv::rectangle(steps.flow.page(), cv::Rect(650, 395, 100, 26), 255, cv::FILLED);
  const ArrowTrace trace = steps.flow.trace();
  EXPECT_EQ(edges_of(trace), (Edges{{steps.first, steps.second}}));
  EXPECT_TRUE(trace.loose_starts.empty());
}

TEST_P(AtResolution, LinesWhoseEndsDoNotHeadAtEachOtherStayLoose) {
  // The line out of the first symbol stops heading right; the line into the second starts
  // further down and runs right as well: no one arrow could run from one to the other.
  Flow flow(GetParam());
  const int first = flow.box({300, 150});
  const int second = flow.box({700, 600});
  flow.arrow({{300, 180}, {300, 300}, {420, 300}});
  // Without its head the first line ends plainly, as a faded one does.
  cv::rectangle(flow.page(), cv::Rect(380, 270, 60, 60), 255, cv::FILLED);
  flow.arrow({{450, 600}, {630, 600}});
  const ArrowTrace trace = flow.trace();
  EXPECT_TRUE(trace.arrows.empty());
  EXPECT_EQ(trace.loose_starts, std::vector<int>{first});
  EXPECT_EQ(trace.loose_ends, std::vector<int>{second});
}

TEST_P(AtResolution, AnArrowPointingAtNothingIsNotJoinedToALineFurtherOn) {
  // The first line ends in its head short of a line into the second symbol on its course: a
  // drawn head says the line ends there, so it is no faded stretch.
  Flow flow(GetParam());
  const int first = flow.box({300, 150});
  const int second = flow.box({300, 850});
  flow.arrow({{300, 180}, {300, 400}});
  flow.arrow({{300, 560}, {300, 820}});
  const ArrowTrace trace = flow.trace();
  EXPECT_TRUE(trace.arrows.empty());
  EXPECT_EQ(trace.loose_starts, std::vector<int>{first});
  EXPECT_EQ(trace.loose_ends, std::vector<int>{second});
}

TEST_P(AtResolution, HeadsDrawnOpenAsChevronsGiveTheDirection) {
  // A decision sends the flow back up into the step before it, with heads drawn as two strokes
  // no wider than the line: the arms either side of the line's course are the head.
  Flow flow(GetParam());
  const int draft = flow.box({300, 150});
  const int check = flow.diamond({700, 500});
  flow.open_arrow({{300, 180}, {300, 300}, {700, 300}, {700, 455}});
  flow.open_arrow({{630, 500}, {150, 500}, {150, 150}, {230, 150}});
  const ArrowTrace trace = flow.trace();
  EXPECT_EQ(edges_of(trace), (Edges{{draft, check}, {check, draft}}));
  EXPECT_TRUE(trace.headless.empty());
}

TEST_P(AtResolution, AnArrowShorterThanTwoHeadsBetweenCompactRowsKeepsItsDirection) {
  // A fifth of an inch from one step's symbol to the next one's: the head is nearer the
  // source's end than its own length, yet it is at the target's end.
  const int dpi = GetParam();
  Flow flow(dpi);
  const int length = dpi / 5;
  const int first = flow.box({300, 150});
  const int second = flow.box({300, 180 + length + 30});
  flow.arrow({{300, 180}, {300, 180 + length}});
  const ArrowTrace trace = flow.trace();
  EXPECT_EQ(edges_of(trace), (Edges{{first, second}}));
  EXPECT_TRUE(trace.loose_ends.empty());
}

TEST_P(AtResolution, AnArrowFromASymbolsFootIntoAnotherSymbolsTopRunsDownThoughItsFootIsWider) {
  // Compact rows: the line bends under the first box's foot, within a head's length of it, and
  // the scan left that corner a blot wider than the small head at the second box's top.
  const int dpi = GetParam();
  Flow flow(dpi);
  const int first = flow.box({300, 150});
  const int second = flow.box({600, 300});
  const int bend_y = 180 + dpi / 30;
  flow.filled_arrow({{300, 180}, {300, bend_y}, {600, bend_y}, {600, 270}}, std::max(1, dpi / 100),
                    3.0, 1.2);
  const int blot = dpi / 25;
  cv::rectangle(flow.page(), cv::Rect(300 - blot / 2, bend_y - blot / 2, blot, blot), 0,
                cv::FILLED);
  // Joined from the first to the second, as an arrow or as a line the table's order directs.
  const ArrowTrace trace = flow.trace();
  Edges joined = edges_of(trace);
  for (const TracedArrow& line : trace.headless) joined.emplace_back(line.from, line.to);
  EXPECT_EQ(joined, (Edges{{first, second}}));
}

TEST_P(AtResolution, ALineBulgingIntoTheBandUnderASymbolMeetsItOnce) {
  // The line bends close under the first box's foot and runs on just outside the band round the
  // box where lines are looked for; scanned a little wavy, a blotted stretch of it bulges into
  // the band. Its head at the second box was lost. The bulge is the line passing by, not a
  // second meeting whose blot would be a head.
  const int dpi = GetParam();
  Flow flow(dpi);
  const int first = flow.box({300, 150});
  const int second = flow.box({600, 330});
  const int line = std::max(1, dpi / 100);
  // The last row of the band: the box's foot, the blur erased with it and the reach beyond.
  const int band_end = 180 + std::max(2, dpi / 100) + dpi / 20;
  const int run_y = band_end + 2 + line / 2;
  cv::polylines(flow.page(),
                std::vector<cv::Point>{{300, 180}, {300, run_y}, {600, run_y}, {600, 300}}, false,
                0, line);
  cv::rectangle(flow.page(), cv::Rect(350, band_end - 3, dpi / 40, run_y - band_end + 3), 0,
                cv::FILLED);
  const ArrowTrace trace = flow.trace();
  Edges joined = edges_of(trace);
  for (const TracedArrow& headless : trace.headless)
    joined.emplace_back(headless.from, headless.to);
  EXPECT_EQ(joined, (Edges{{first, second}}));
}

TEST_P(AtResolution, ArrowsInAndOutOfASymbolShorterThanALinesBreakStayTwoArrows) {
  // Small boxes, a ninth of an inch high, stacked in one lane: the arrow into each and the one
  // out of it run on one course with the erased box between them, a gap no longer than a
  // break the scan may leave in a line. A gap through a symbol is the symbol, not a break.
  const int dpi = GetParam();
  Flow flow(dpi);
  const int half_h = dpi / 18;
  const int half_w = dpi / 5;
  const int step = dpi / 2;
  std::vector<int> boxes;
  for (int i = 0; i < 4; ++i) boxes.push_back(flow.box({400, 150 + i * step}, half_w, half_h));
  for (int i = 0; i + 1 < 4; ++i) {
    flow.arrow({{400, 150 + i * step + half_h}, {400, 150 + (i + 1) * step - half_h}});
  }
  const ArrowTrace trace = flow.trace();
  EXPECT_EQ(edges_of(trace),
            (Edges{{boxes[0], boxes[1]}, {boxes[1], boxes[2]}, {boxes[2], boxes[3]}}));
}

TEST_P(AtResolution, AnArrowThatReachesNoSymbolIsALooseStartNotAnEdge) {
  Flow flow(GetParam());
  const int first = flow.box({400, 150});
  flow.box({400, 850});
  // The line stops halfway, its head pointing at nothing.
  flow.arrow({{400, 180}, {400, 450}});
  const ArrowTrace trace = flow.trace();
  EXPECT_TRUE(trace.arrows.empty());
  EXPECT_EQ(trace.loose_starts, std::vector<int>{first});
}

TEST_P(AtResolution, PlainConnectorLinesWithoutHeadsAreReportedFromTheHigherSymbol) {
  Flow flow(GetParam());
  const int first = flow.box({300, 150});
  const int second = flow.box({700, 450});
  // An elbow connector as word processors draw it: no head at either end.
  const int line = std::max(1, GetParam() / 100);
  cv::line(flow.page(), {300, 180}, {300, 300}, 0, line);
  cv::line(flow.page(), {300, 300}, {700, 300}, 0, line);
  cv::line(flow.page(), {700, 300}, {700, 420}, 0, line);
  const ArrowTrace trace = flow.trace();
  EXPECT_TRUE(trace.arrows.empty());
  EXPECT_TRUE(trace.loose_starts.empty());
  ASSERT_EQ(trace.headless.size(), 1u);
  EXPECT_EQ(trace.headless[0].from, first);
  EXPECT_EQ(trace.headless[0].to, second);
}

TEST_P(AtResolution, ADecisionsBranchWithoutAHeadKeepsTheLabelBesideItsExit) {
  const int dpi = GetParam();
  Flow flow(dpi);
  const int next = flow.box({300, 700});
  const int check = flow.diamond({300, 300});
  // The head into the next step lost in the scan; "Ya" printed left of the line, under the exit.
  cv::line(flow.page(), {300, 345}, {300, 670}, 0, std::max(1, dpi / 100));
  flow.text("Ya", {300 - dpi / 8, 345 + dpi / 12});
  const ArrowTrace trace = flow.trace();
  EXPECT_TRUE(trace.arrows.empty());
  ASSERT_EQ(trace.headless.size(), 1u);
  EXPECT_EQ(trace.headless[0].from, check);
  EXPECT_EQ(trace.headless[0].to, next);
  ASSERT_TRUE(trace.headless[0].label_bbox_px);
  EXPECT_LT(trace.headless[0].label_bbox_px->br().x, 300);
}

TEST_P(AtResolution, ALineWithoutAHeadKeepsTheLabelBesideItsLowerEnd) {
  // A decision's branch looping back up from its left corner round into an earlier step's side,
  // its head lost: "Tidak" is printed over the line where it leaves the decision.
  const int dpi = GetParam();
  Flow flow(dpi);
  const int earlier = flow.box({400, 200});
  const int check = flow.diamond({400, 600});
  const int line = std::max(1, dpi / 100);
  cv::line(flow.page(), {330, 600}, {200, 600}, 0, line);
  cv::line(flow.page(), {200, 600}, {200, 200}, 0, line);
  cv::line(flow.page(), {200, 200}, {330, 200}, 0, line);
  flow.text("Tidak", {330 - dpi / 3, 600 - dpi / 30});
  const ArrowTrace trace = flow.trace();
  ASSERT_EQ(trace.headless.size(), 1u);
  EXPECT_EQ(trace.headless[0].from, earlier);
  EXPECT_EQ(trace.headless[0].to, check);
  EXPECT_FALSE(trace.headless[0].label_bbox_px);
  ASSERT_TRUE(trace.headless[0].end_label_bbox_px);
  EXPECT_GT(trace.headless[0].end_label_bbox_px->y, 500);
}

// A head hardly wider than a heavy line cannot be told from the line's other end, which meets its
// symbol as widely: the line joins the two symbols undirected (the table's order directs it),
// not as a line with a head at each end that starts nowhere.
TEST_P(AtResolution, AHeadNoWiderThanItsHeavyLineLeavesTheLineUndirected) {
  Flow flow(GetParam());
  const int first = flow.box({300, 150});
  const int second = flow.box({300, 450});
  flow.heavy_arrow({{300, 180}, {300, 420}}, 3.0, 1.1);
  const ArrowTrace trace = flow.trace();
  EXPECT_TRUE(trace.arrows.empty());
  EXPECT_TRUE(trace.loose_ends.empty());
  ASSERT_EQ(trace.headless.size(), 1u);
  EXPECT_EQ(trace.headless[0].from, first);
  EXPECT_EQ(trace.headless[0].to, second);
}

TEST_P(AtResolution, AHeadWiderThanItsHeavyLineStillGivesTheDirection) {
  Flow flow(GetParam());
  const int first = flow.box({300, 150});
  const int second = flow.box({300, 450});
  flow.heavy_arrow({{300, 180}, {300, 420}}, 5.0, 2.5);
  EXPECT_EQ(edges_of(flow.trace()), (Edges{{first, second}}));
}

INSTANTIATE_TEST_SUITE_P(Dpi, AtResolution, ::testing::Values(200, 300));

}  // namespace
}  // namespace sopocr
