// Page analysis as a specification: tables drawn into an image, an OCR engine that "reads" the
// text the test put in each cell, and the page content that must come out.
#include "page_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "cell_reader.h"
#include "ocr_words.h"
#include "orientation.h"
#include "page_geometry.h"

namespace sopocr {
namespace {

constexpr int kDpi = 150;

struct DrawnCell {
  cv::Rect box;
  std::string reading;  // what the scripted OCR returns for a region centred in this cell
};

// Where the words of a drawn cell are printed: centred in the cell line by line, 9 px a letter,
// wrapped at the cell's width.
std::vector<OcrWord> printed_words(const DrawnCell& cell) {
  constexpr int kLetter = 9, kSpace = 5, kHeight = 14, kLeading = 4, kPadding = 10;
  std::vector<std::vector<std::string>> lines;
  std::istringstream reading(cell.reading);
  for (std::string line; std::getline(reading, line);) {
    std::istringstream words(line);
    lines.emplace_back();
    int width = 0;
    for (std::string word; words >> word;) {
      const int word_width = kLetter * int(word.size());
      if (!lines.back().empty() && width + kSpace + word_width > cell.box.width - 2 * kPadding) {
        lines.emplace_back();
        width = 0;
      }
      width += (lines.back().empty() ? 0 : kSpace) + word_width;
      lines.back().push_back(word);
    }
  }
  const bool several_words = cell.reading.find(' ') != std::string::npos;
  std::vector<OcrWord> printed;
  const int height = static_cast<int>(lines.size()) * (kHeight + kLeading) - kLeading;
  int y = cell.box.y + (cell.box.height - height) / 2;
  for (std::size_t line = 0; line < lines.size(); ++line, y += kHeight + kLeading) {
    int width = -kSpace;
    for (const std::string& word : lines[line]) width += kSpace + kLetter * int(word.size());
    int x = cell.box.x + (cell.box.width - width) / 2;
    for (const std::string& word : lines[line]) {
      // Sure of words, unsure of a lone digit beside one ("2 jam"), as Tesseract is.
      const bool lone_digit = word.size() == 1 && std::isdigit(static_cast<unsigned char>(word[0]));
      // A colon or comma typed apart from its word sits low on the line, as printed.
      const bool mark = word == ":" || word == ",";
      const int mark_height = 3 * kHeight / 5;
      const cv::Rect box = mark ? cv::Rect(x, y + kHeight - mark_height, kLetter, mark_height)
                                : cv::Rect(x, y, kLetter * int(word.size()), kHeight);
      printed.push_back({word, lone_digit && several_words ? 0.3 : 0.95, box, int(line)});
      x += box.width + kSpace;
    }
  }
  return printed;
}

// A white page with ruled cells, each cell's reading printed in it where printed_words() says.
struct DrawnPage {
  cv::Mat gray;
  std::vector<DrawnCell> cells;
  bool rules_drawn = true;

  explicit DrawnPage(cv::Size size) : gray(size, CV_8UC1, cv::Scalar(255)) {}

  void cell(int x0, int y0, int x1, int y1, std::string reading, bool ruled = true) {
    const cv::Rect box(x0, y0, x1 - x0, y1 - y0);
    if (ruled && rules_drawn) cv::rectangle(gray, box, cv::Scalar(0), 2);
    DrawnCell drawn{box, std::move(reading)};
    for (const OcrWord& word : printed_words(drawn)) {
      cv::putText(gray, word.text, {word.bbox_px.x, word.bbox_px.br().y - 2},
                  cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(0), 1);
    }
    cells.push_back(std::move(drawn));
  }

  // A stretch of a drawn rule lost, as a scan breaks it.
  void break_rule(int x0, int y0, int x1, int y1) {
    cv::rectangle(gray, cv::Rect(x0 - 3, y0 - 3, x1 - x0 + 7, y1 - y0 + 7), cv::Scalar(255),
                  cv::FILLED);
  }

  void process_box(int x, int y) { cv::rectangle(gray, cv::Rect(x, y, 60, 30), cv::Scalar(0), 2); }
};

// "Reads" the drawn page: the words printed in the region, line by line.
class ScriptedOcrEngine final : public OcrEngine {
 public:
  ScriptedOcrEngine(const std::vector<DrawnCell>& cells, int page_turn) : page_turn_(page_turn) {
    for (const DrawnCell& cell : cells) {
      for (OcrWord& word : printed_words(cell)) words_.push_back(std::move(word));
    }
  }

  void set_page(const cv::Mat& image, int) override { pages_seen.push_back(image.clone()); }

  OcrText read_region(const cv::Rect& region_px) override {
    regions_read.push_back(region_px);
    std::vector<OcrWord> inside;
    for (const OcrWord& word : words_) {
      if (region_px.contains((word.bbox_px.tl() + word.bbox_px.br()) / 2)) inside.push_back(word);
    }
    if (inside.empty()) return {};
    // Line by line, by where the words stand.
    std::sort(inside.begin(), inside.end(), [](const OcrWord& a, const OcrWord& b) {
      return std::make_pair(a.bbox_px.br().y, a.bbox_px.x) <
             std::make_pair(b.bbox_px.br().y, b.bbox_px.x);
    });
    OcrText text{"", 0.95, {}};
    int line = 0;
    for (std::size_t i = 0; i < inside.size(); ++i) {
      if (i > 0) {
        const bool new_line = inside[i].bbox_px.br().y > inside[i - 1].bbox_px.br().y + 7;
        text.text += new_line ? "\n" : " ";
        line += new_line;
      }
      text.text += inside[i].text;
      inside[i].line = line;
      text.words.push_back(inside[i]);
    }
    return text;
  }

  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return PageOrientation{page_turn_, 20.0};
  }

  std::vector<cv::Rect> regions_read;  // every region asked for, in order
  std::vector<cv::Mat> pages_seen;     // each image the engine was given to read from

 private:
  std::vector<OcrWord> words_;
  int page_turn_ = 0;
};

// How the test table is drawn; the defaults draw the usual table.
struct TableLook {
  std::string number_label = "No";  // empty: the number column's head left blank
  std::string activity_label = "Uraian Kegiatan";
  std::string second_activity = "Memeriksa rencana kerja";
  std::string pelaksana = "Pelaksana";
  std::string first_lane = "Kepala Dinas";
  std::string second_lane = "Staf";
  bool rule_between_pelaksana_and_mutu = true;
  bool column_number_row = true;
  std::string column_number_under_no = "1";
  std::string column_number_under_uraian = "2";
  std::string column_number_under_first_lane = "3";
  std::vector<std::string> column_numbers_after_first_lane = {"4", "5", "6", "7", "8"};
  std::vector<std::string> first_step = {
      "1", "Membuat rencana kerja", "", "", "Telaahan Staf", "60 Menit", "Disposisi", ""};
  bool first_lane_outside_pelaksana = false;
  std::string output_label = "Output";
  // Every label of the header printed too faint or too small to read: it reads as garble.
  bool header_unreadable = false;
  bool third_step = false;
  // The first step's activity printed as two sub-items, each in a cell of its own: a rule
  // across the activity column only.
  bool first_activity_in_sub_items = false;
  // The table's rules lost to the scan, as a dotted grid scanned at a low resolution loses them:
  // only the text and the flowchart are left.
  bool rules_lost = false;
};

// A label as an unreadable header reads: its vowels lost.
std::string garbled(std::string label) {
  for (char& c : label) {
    if (std::string_view("aeiou").find(c) != std::string_view::npos) c = 'x';
    if (std::string_view("AEIOU").find(c) != std::string_view::npos) c = 'X';
  }
  return label;
}

// Where the test table's rules run.
constexpr int kTop = 100, kHeader1 = 160, kHeader2 = 240;
constexpr int kNo = 60, kUraian = 140, kLane1 = 560, kLane2 = 720, kKelengkapan = 880,
              kWaktu = 1080, kOutput = 1220, kKeterangan = 1420, kRight = 1580;

// The test table's column rules, left to right.
std::vector<int> column_rules() {
  return {kNo, kUraian, kLane1, kLane2, kKelengkapan, kWaktu, kOutput, kKeterangan, kRight};
}

// No | Uraian Kegiatan | Pelaksana (Kepala Dinas, Staf) | Mutu Baku (Kelengkapan, Waktu,
// Output) | Keterangan, a column-number row, and two steps with a process box in each lane.
DrawnPage step_table(const TableLook& look = {}) {
  DrawnPage page(cv::Size(1650, 1100));
  page.rules_drawn = !look.rules_lost;
  const int top = kTop, header1 = kHeader1, header2 = kHeader2;
  const int no = kNo, uraian = kUraian, lane1 = kLane1, lane2 = kLane2, kelengkapan = kKelengkapan,
            waktu = kWaktu, output = kOutput, keterangan = kKeterangan, right = kRight;
  page.cell(no, top, uraian, header2, look.number_label);
  page.cell(uraian, top, lane1, header2, look.activity_label);
  const int pelaksana_left = look.first_lane_outside_pelaksana ? lane2 : lane1;
  // Without the rule between them, both labels are printed where they were, in one cell.
  page.cell(pelaksana_left, top, keterangan, header1, "");
  page.cell(pelaksana_left, top, kelengkapan, header1, look.pelaksana,
            look.rule_between_pelaksana_and_mutu);
  page.cell(kelengkapan, top, keterangan, header1, "Mutu Baku",
            look.rule_between_pelaksana_and_mutu);
  page.cell(keterangan, top, right, header2, "Keterangan");
  if (look.first_lane_outside_pelaksana) {
    page.cell(lane1, top, lane2, header2, look.first_lane);
  } else {
    page.cell(lane1, header1, lane2, header2, look.first_lane);
  }
  page.cell(lane2, header1, kelengkapan, header2, look.second_lane);
  page.cell(kelengkapan, header1, waktu, header2, "Kelengkapan");
  page.cell(waktu, header1, output, header2, "Waktu");
  page.cell(output, header1, keterangan, header2, look.output_label);
  if (look.header_unreadable) {
    for (DrawnCell& cell : page.cells) cell.reading = garbled(cell.reading);
  }
  const std::vector<int> xs = column_rules();
  std::vector<std::vector<std::string>> rows{
      look.first_step, {"2", look.second_activity, "", "", "Disposisi", "2 jam", "Renja", ""}};
  std::vector<int> ys{header2, 390, 540};
  if (look.third_step) {
    rows.push_back({"3", "Mengirim rencana kerja", "", "", "Renja", "1 hari", "Surat", ""});
    ys.push_back(690);
  }
  if (look.column_number_row) {
    std::vector<std::string> numbers{look.column_number_under_no, look.column_number_under_uraian,
                                     look.column_number_under_first_lane};
    numbers.insert(numbers.end(), look.column_numbers_after_first_lane.begin(),
                   look.column_numbers_after_first_lane.end());
    rows.insert(rows.begin(), numbers);
    ys = {header2, 280, 430, 580};
    if (look.third_step) ys.push_back(730);
  }
  const std::size_t first_step = look.column_number_row ? 1 : 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (r == first_step && c == 1 && look.first_activity_in_sub_items) {
        const int middle = (ys[r] + ys[r + 1]) / 2;
        page.cell(xs[c], ys[r], xs[c + 1], middle, "a. Membuat rencana");
        page.cell(xs[c], middle, xs[c + 1], ys[r + 1], "b. kerja tahunan");
        continue;
      }
      page.cell(xs[c], ys[r], xs[c + 1], ys[r + 1], rows[r][c]);
    }
  }
  page.process_box(lane1 + 50, ys[first_step] + 60);
  page.process_box(lane2 + 50, ys[first_step + 1] + 60);
  if (look.third_step) page.process_box(lane1 + 50, ys[first_step + 2] + 60);
  return page;
}

// A drawn page printed on grey paper: ink 40, paper 225.
constexpr int kGreyPaper = 225;
cv::Mat on_grey_paper(const DrawnPage& drawn) {
  cv::Mat paper;
  drawn.gray.convertTo(paper, CV_8U, (kGreyPaper - 40) / 255.0, 40);
  return paper;
}

// `paper` as a clean scanner gives it back: a little blur and grain, the same grain every run
// (the global generator's draws would depend on the tests run before).
PageImage lightly_scanned(const cv::Mat& paper, unsigned grain_seed = 7) {
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  cv::GaussianBlur(paper, page.gray, {0, 0}, 0.6);
  cv::Mat grain(page.gray.size(), CV_16S);
  cv::RNG grain_source(grain_seed);
  grain_source.fill(grain, cv::RNG::NORMAL, 0, 3);
  cv::add(page.gray, grain, page.gray, cv::noArray(), CV_8U);
  return page;
}

// The grids the prepared page's ink alone rules, without its faint rules.
std::vector<TableGrid> grids_of_the_ink_alone(const PreparedPage& prepared) {
  return detect_grids(extract_rule_masks(prepared.ink, kDpi), prepared.ink.size(), kDpi);
}

PageContent analyze(const DrawnPage& drawn, int scan_turn = 0) {
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = drawn.gray;
  // A page scanned sideways: the engine reports how far its content is turned.
  if (scan_turn != 0) page = rotate_clockwise(page, scan_turn);
  page.rotation_degrees = 0;
  ScriptedOcrEngine ocr(drawn.cells, scan_turn);
  return analyze_page(page, ocr);
}

std::vector<std::string> activities(const PageContent& content) {
  std::vector<std::string> texts;
  for (const StepRowContent& row : content.steps->rows) texts.push_back(row.activity.text);
  return texts;
}

std::vector<std::string> lane_names(const PageContent& content) {
  std::vector<std::string> names;
  for (const CellText& name : content.steps->lane_names) names.push_back(name.text);
  return names;
}

TEST(StepTable, ReadsLanesStepsAndTheSymbolInEachStepsLane) {
  const PageContent content = analyze(step_table());
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
  ASSERT_EQ(content.steps->rows[0].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[0].symbols[0].lane, 0);
  ASSERT_EQ(content.steps->rows[1].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[1].symbols[0].lane, 1);
  // The lone "2" is read with low confidence, but it is the amount before its unit.
  EXPECT_EQ(content.steps->rows[1].duration.text, "2 jam");
}

// A page's first step holds the off-page connector its flow resumes from; the step's own box
// lost a stretch of its top and of its bottom to the scan, so its interior leaks out. The
// connector is no step's symbol: the box is looked for again across the breaks.
TEST(StepTable, AStepWhoseBoxLeaksBesideAConnectorStillHasItsBox) {
  DrawnPage drawn = step_table();
  const int row_top = 280;  // under the column-number row
  const std::vector<cv::Point> pentagon{{kLane1 + 10, row_top + 8},
                                        {kLane1 + 36, row_top + 8},
                                        {kLane1 + 36, row_top + 24},
                                        {kLane1 + 23, row_top + 34},
                                        {kLane1 + 10, row_top + 24}};
  cv::polylines(drawn.gray, pentagon, true, cv::Scalar(0), 2);
  // The box at (kLane1 + 50, row_top + 60), 60 x 30: 8 px gone from its top and its bottom.
  cv::rectangle(drawn.gray, cv::Rect(kLane1 + 70, row_top + 57, 8, 6), cv::Scalar(255), cv::FILLED);
  cv::rectangle(drawn.gray, cv::Rect(kLane1 + 85, row_top + 87, 8, 6), cv::Scalar(255), cv::FILLED);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  const std::vector<PlacedSymbol>& symbols = content.steps->rows[0].symbols;
  EXPECT_TRUE(std::any_of(symbols.begin(), symbols.end(), [](const PlacedSymbol& placed) {
    return placed.symbol.kind == SymbolKind::process && placed.lane == 0;
  }));
}

// The one symbol of step `row` on a step-table page, where it is a process box in `lane`;
// nullopt, with the failure reported, where it is not.
std::optional<PlacedSymbol> only_box_of_step(const PageContent& content, std::size_t row,
                                             int lane) {
  EXPECT_EQ(content.kind, PageKind::step_table);
  if (!content.steps || content.steps->rows.size() <= row) {
    ADD_FAILURE() << "no step " << row;
    return std::nullopt;
  }
  const std::vector<PlacedSymbol>& symbols = content.steps->rows[row].symbols;
  EXPECT_EQ(symbols.size(), 1u);
  if (symbols.size() != 1) return std::nullopt;
  EXPECT_EQ(symbols[0].symbol.kind, SymbolKind::process);
  EXPECT_EQ(symbols[0].lane, lane);
  if (symbols[0].symbol.kind != SymbolKind::process || symbols[0].lane != lane) return std::nullopt;
  return symbols[0];
}

// A box whose top faded for most of its width encloses nothing, however far breaks are bridged:
// its three whole sides and the rest of its top still make it the step's box, less surely.
TEST(StepTable, AStepWhoseBoxLostMostOfItsTopStillHasItsBoxLessSurely) {
  DrawnPage drawn = step_table();
  const int row_top = 280;  // under the column-number row
  // The box at (kLane1 + 50, row_top + 60), 60 x 30: 45 px of its top gone.
  cv::rectangle(drawn.gray, cv::Rect(kLane1 + 62, row_top + 57, 45, 6), cv::Scalar(255),
                cv::FILLED);
  const std::optional<PlacedSymbol> box = only_box_of_step(analyze(drawn), 0, 0);
  ASSERT_TRUE(box);
  EXPECT_LT(box->symbol.confidence, 0.6);
}

// The second step's box (drawn at kLane2 + 50, 490) taken off, to be drawn otherwise.
DrawnPage step_table_without_second_box() {
  DrawnPage drawn = step_table();
  cv::rectangle(drawn.gray, cv::Rect(kLane2 + 47, 487, 66, 36), cv::Scalar(255), cv::FILLED);
  return drawn;
}

// The second step of `drawn` has one symbol, a process box in the second lane.
void expect_second_step_boxed_in_second_lane(const DrawnPage& drawn) {
  EXPECT_TRUE(only_box_of_step(analyze(drawn), 1, 1));
}

// A box as wide as its lane drawn against the lane's rule has its side on the rule, which is
// erased with it; its bottom is broken wider than outlines are bridged (0.2 in). Its three other
// sides and the rule make it the step's box.
TEST(StepTable, AStepWhoseBoxStandsOnItsLanesRuleStillHasItsBox) {
  DrawnPage drawn = step_table_without_second_box();
  cv::rectangle(drawn.gray, cv::Rect(kLane2, 490, 60, 30), cv::Scalar(0), 2);
  cv::rectangle(drawn.gray, cv::Rect(kLane2 + 15, 517, 30, 5), cv::Scalar(255), cv::FILLED);
  expect_second_step_boxed_in_second_lane(drawn);
}

// A box drawn wider than the last lane reaches past the lanes' outer rule; its top is broken.
TEST(StepTable, AStepWhoseBoxReachesPastTheLastLanesRuleStillHasItsBox) {
  DrawnPage drawn = step_table_without_second_box();
  cv::rectangle(drawn.gray, cv::Rect(kKelengkapan - 50, 490, 60, 30), cv::Scalar(0), 2);
  cv::rectangle(drawn.gray, cv::Rect(kKelengkapan - 35, 488, 30, 5), cv::Scalar(255), cv::FILLED);
  expect_second_step_boxed_in_second_lane(drawn);
}

// The first step's box leads down, with a head, into the second step's decision, whose branch
// loops back up round into the box's side; the scan lost that branch's head. Only a decision
// branches: the box has its way out, and the second line is the decision's loop.
TEST(StepTable, AHeadlessLineFromAStepWithItsWayOutDownToADecisionIsTheDecisionsLoopBack) {
  DrawnPage drawn = step_table_without_second_box();
  const int centre_x = kLane1 + 80;  // the first box spans kLane1 + 50 to kLane1 + 110
  const std::vector<cv::Point> diamond{
      {centre_x, 480}, {centre_x + 35, 505}, {centre_x, 530}, {centre_x - 35, 505}};
  cv::polylines(drawn.gray, diamond, true, cv::Scalar(0), 2);
  cv::line(drawn.gray, {centre_x, 370}, {centre_x, 472}, cv::Scalar(0), 1);
  const std::vector<cv::Point> head{{centre_x, 479}, {centre_x - 5, 468}, {centre_x + 5, 468}};
  cv::fillConvexPoly(drawn.gray, head, cv::Scalar(0));
  const int left_of_box = kLane1 + 25;
  cv::line(drawn.gray, {centre_x - 35, 505}, {left_of_box, 505}, cv::Scalar(0), 1);
  cv::line(drawn.gray, {left_of_box, 505}, {left_of_box, 355}, cv::Scalar(0), 1);
  cv::line(drawn.gray, {left_of_box, 355}, {kLane1 + 50, 355}, cv::Scalar(0), 1);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  ASSERT_EQ(content.steps->rows.size(), 2u);
  const auto offsets = [](const StepRowContent& row) {
    std::vector<int> found;
    for (const StepArrow& arrow : row.arrows_out) found.push_back(arrow.row_offset.value_or(0));
    return found;
  };
  EXPECT_EQ(offsets(content.steps->rows[0]), (std::vector<int>{1}));
  EXPECT_EQ(offsets(content.steps->rows[1]), (std::vector<int>{-1}));
}

// A step drawn in two lanes: the flow from the step above enters the right-hand box, and that
// box says whose step it is (the contract's actor); the other box is only drawn beside it. A
// branch of a step below looping back up into the left-hand box is not how the step is reached.
TEST(StepTable, OfAStepsTwoSymbolsTheOneTheArrowFromTheStepAboveEntersIsMarked) {
  DrawnPage drawn = step_table({.third_step = true});
  drawn.process_box(kLane1 + 50, 490);  // beside the second step's box at kLane2 + 50, 490
  const int into_x = kLane2 + 80;
  cv::line(drawn.gray, {kLane1 + 111, 355}, {into_x, 355}, cv::Scalar(0), 1);
  cv::line(drawn.gray, {into_x, 355}, {into_x, 478}, cv::Scalar(0), 1);
  const std::vector<cv::Point> head{{into_x, 488}, {into_x - 5, 477}, {into_x + 5, 477}};
  cv::fillConvexPoly(drawn.gray, head, cv::Scalar(0));
  // Out of the third step's box (kLane1 + 50, 640) on its left, up, and into the left-hand box.
  const int back_x = kLane1 + 25;
  cv::line(drawn.gray, {kLane1 + 49, 655}, {back_x, 655}, cv::Scalar(0), 1);
  cv::line(drawn.gray, {back_x, 655}, {back_x, 505}, cv::Scalar(0), 1);
  cv::line(drawn.gray, {back_x, 505}, {kLane1 + 40, 505}, cv::Scalar(0), 1);
  const std::vector<cv::Point> back_head{
      {kLane1 + 48, 505}, {kLane1 + 37, 500}, {kLane1 + 37, 510}};
  cv::fillConvexPoly(drawn.gray, back_head, cv::Scalar(0));
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  ASSERT_EQ(content.steps->rows.size(), 3u);
  ASSERT_EQ(content.steps->rows[2].arrows_out.size(), 1u);
  EXPECT_EQ(content.steps->rows[2].arrows_out[0].row_offset, -1);
  const std::vector<PlacedSymbol>& symbols = content.steps->rows[1].symbols;
  ASSERT_EQ(symbols.size(), 2u);
  EXPECT_EQ(symbols[0].lane, 0);
  EXPECT_FALSE(symbols[0].flow_enters);
  EXPECT_EQ(symbols[1].lane, 1);
  EXPECT_TRUE(symbols[1].flow_enters);
  EXPECT_FALSE(content.steps->rows[0].symbols[0].flow_enters);
}

// Where the scan kept no rule, the table is still in where its words stand: the header's labels
// over their columns, a number at the start of each step.
TEST(StepTable, ATableWhoseRulesTheScanLostIsReadFromWhereItsWordsStand) {
  const PageContent content = analyze(step_table({.rules_lost = true}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
  ASSERT_EQ(content.steps->rows.size(), 2u);
  EXPECT_EQ(content.steps->rows[0].number.text, "1");
  EXPECT_EQ(content.steps->rows[1].number.text, "2");
  EXPECT_EQ(content.steps->rows[0].requirements.text, "Telaahan Staf");
  EXPECT_EQ(content.steps->rows[1].duration.text, "2 jam");
  EXPECT_EQ(content.steps->rows[1].outputs.text, "Renja");
  ASSERT_EQ(content.steps->rows[0].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[0].symbols[0].lane, 0);
  ASSERT_EQ(content.steps->rows[1].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[1].symbols[0].lane, 1);
  // Said, for the review list and the document's report: the grid was placed, not found.
  ASSERT_TRUE(content.steps->rules_lost);
  EXPECT_TRUE(content.steps->rules_lost->bbox_px.contains({kLane1 + 80, 400}));
  EXPECT_EQ(content.steps->rules_lost->page, 1);
  EXPECT_NE(std::find_if(content.problems.begin(), content.problems.end(),
                         [](const std::string& problem) {
                           return problem.find("placed from where its words stand") !=
                                  std::string::npos;
                         }),
            content.problems.end());
}

// A step's sub-items in one unruled activity cell stay one step: no number starts the second,
// and no Kelengkapan, Waktu or Output beside it.
TEST(StepTable, SubItemsOfAStepWhoseRulesTheScanLostStayOneStep) {
  const PageContent content = analyze(
      step_table({.third_step = true, .first_activity_in_sub_items = true, .rules_lost = true}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"a. Membuat rencana b. kerja tahunan",
                                      "Memeriksa rencana kerja", "Mengirim rencana kerja"}));
}

// A rule across the activity column alone parts a step's sub-items, not two steps: the number,
// the symbol's row and the Mutu Baku cells span both.
TEST(StepTable, AnActivityPrintedAsSubItemsInCellsOfTheirOwnIsOneStep) {
  TableLook look;
  look.third_step = true;
  look.first_activity_in_sub_items = true;
  const PageContent content = analyze(step_table(look));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"a. Membuat rencana b. kerja tahunan",
                                      "Memeriksa rencana kerja", "Mengirim rencana kerja"}));
  EXPECT_EQ(content.steps->rows[0].number.text, "1");
  EXPECT_EQ(content.steps->rows[0].requirements.text, "Telaahan Staf");
  ASSERT_EQ(content.steps->rows[0].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[0].symbols[0].lane, 0);
}

// The three-step table with the rule between its first two steps faded from the number column
// to `faded_to_x`, read.
PageContent three_steps_with_first_rule_faded_to(int faded_to_x) {
  DrawnPage page = step_table({.third_step = true});
  const int rule_between_first_and_second_step = 430;
  page.break_rule(kNo + 4, rule_between_first_and_second_step, faded_to_x - 4,
                  rule_between_first_and_second_step);
  return analyze(page);
}

// The three steps are read apart, numbered, each with its activity, the second in its lane.
void expect_three_steps_apart(const PageContent& content) {
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja",
                                      "Mengirim rencana kerja"}));
  ASSERT_EQ(content.steps->rows.size(), 3u);
  EXPECT_EQ(content.steps->rows[0].number.text, "1");
  EXPECT_EQ(content.steps->rows[1].number.text, "2");
  ASSERT_EQ(content.steps->rows[1].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[1].symbols[0].lane, 1);
}

// A step's rule faded across the number and activity columns, and only there, leaves two steps
// in one activity cell; the Mutu Baku cells, still parted by the rule, keep them two.
TEST(StepTable, TwoStepsWhoseRuleFadedAcrossTheActivityColumnAloneStayTwo) {
  expect_three_steps_apart(three_steps_with_first_rule_faded_to(kLane1));
}

TEST(StepTable, TwoStepsWhoseRuleFadedAcrossTheWholeTableArePartedWhereTheirNumbersStand) {
  // No column parts them: only the numbers, one above the other, tell where the second begins.
  const PageContent content = three_steps_with_first_rule_faded_to(kRight);
  expect_three_steps_apart(content);
  if (testing::Test::HasFatalFailure()) return;
  EXPECT_EQ(content.steps->rows[0].duration.text, "60 Menit");
  EXPECT_EQ(content.steps->rows[1].duration.text, "2 jam");
  ASSERT_EQ(content.steps->rows[0].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[0].symbols[0].lane, 0);
}

// The rule between a step's number and its activity lost for the row leaves them one cell: the
// activity is what stands right of the number column, the number what stands in it.
TEST(StepTable, AnActivityWhoseRuleFromItsNumberWasLostDoesNotStartWithTheNumber) {
  DrawnPage page = step_table();
  const int second_step_top = 430, second_step_bottom = 580;
  page.break_rule(kUraian, second_step_top + 4, kUraian, second_step_bottom - 4);
  const PageContent content = analyze(page);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
  EXPECT_EQ(content.steps->rows[1].number.text, "2");
}

TEST(StepTable, ANarrowColumnBeforeTheActivitiesHoldsTheNumbersWhenItsHeadIsBlank) {
  const PageContent content = analyze(step_table({.number_label = "", .column_number_row = false}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  ASSERT_EQ(content.steps->rows.size(), 2u);
  EXPECT_EQ(content.steps->rows[0].number.text, "1");
  EXPECT_EQ(content.steps->rows[1].number.text, "2");
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

TEST(StepTable, AStepWhoseTextNamesTheActivityColumnIsNoHeader) {
  const std::string listing = "Menyusun KAK yang berisi:\na. Uraian Kegiatan\nb. Maksud dan Tujuan";
  // The header's own label read, in a wording of its own, or not read at all.
  for (const std::string label : {"Proses/ Tahapan Kegiatan", "Prxsxs/ Txhxpxn"}) {
    const PageContent content = analyze(step_table(
        {.activity_label = label, .second_activity = listing, .column_number_row = false}));
    ASSERT_EQ(content.kind, PageKind::step_table) << label;
    EXPECT_EQ(activities(content),
              (std::vector<std::string>{"Membuat rencana kerja",
                                        "Menyusun KAK yang berisi: a. Uraian Kegiatan b. Maksud "
                                        "dan Tujuan"}))
        << label;
    EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"})) << label;
  }
}

TEST(StepTable, AHeaderWhoseActivityLabelGarbledIsKnownByTheLabelsAfterIt) {
  // At a low resolution "Aktivitas" reads "Alanatas"; Pelaksana, Mutu Baku and the rest still
  // read, in their order, and only two steps have a symbol: too few to go by the symbols alone.
  const PageContent content = analyze(step_table({.activity_label = "Alanatas"}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
  EXPECT_EQ(content.steps->rows[1].duration.text, "2 jam");
}

TEST(StepTable, AHeaderWhoseLabelsWereNotReadTakesItsRolesFromWhereTheSymbolsStand) {
  // Lanes hold the symbols; the widest column before them is the activity, the narrow one before
  // it the number; the column of durations is Waktu, Kelengkapan before it, Output after.
  const PageContent content = analyze(step_table({.header_unreadable = true, .third_step = true}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  ASSERT_TRUE(content.steps->unread_header.has_value());
  // The header is the rows above the first symbol: the labels and the column-number row.
  const cv::Rect header = content.steps->unread_header->bbox_px;
  EXPECT_NEAR(header.y, kTop, 2);
  EXPECT_NEAR(header.br().y, kHeader2 + 40, 2);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kxpxlx Dxnxs", "Stxf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja",
                                      "Mengirim rencana kerja"}));
  std::vector<std::string> numbers, durations, outputs, requirements;
  std::vector<int> lanes;
  for (const StepRowContent& row : content.steps->rows) {
    numbers.push_back(row.number.text);
    durations.push_back(row.duration.text);
    outputs.push_back(row.outputs.text);
    requirements.push_back(row.requirements.text);
    lanes.push_back(row.symbols.empty() ? -1 : row.symbols[0].lane);
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(durations, (std::vector<std::string>{"60 Menit", "2 jam", "1 hari"}));
  EXPECT_EQ(outputs, (std::vector<std::string>{"Disposisi", "Renja", "Surat"}));
  EXPECT_EQ(requirements, (std::vector<std::string>{"Telaahan Staf", "Disposisi", "Renja"}));
  EXPECT_EQ(lanes, (std::vector<int>{0, 1, 0}));
}

TEST(StepTable, AnArrowDownTheMiddleOfALaneIsNoLaneBorderWhenTheHeaderWasNotRead) {
  // The arrow from the first step's box down Kepala Dinas's lane to the third step's box, and on
  // to the foot: in most rows it runs from rule to rule, as a rule would, but it goes through the
  // middle of the lane's symbols, as no lane's border does.
  DrawnPage drawn = step_table({.header_unreadable = true, .third_step = true});
  const int middle = (kLane1 + kLane2) / 2;
  cv::line(drawn.gray, {middle, 280}, {middle, 340}, cv::Scalar(0), 2);
  cv::line(drawn.gray, {middle, 370}, {middle, 640}, cv::Scalar(0), 2);
  cv::line(drawn.gray, {middle, 670}, {middle, 730}, cv::Scalar(0), 2);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kxpxlx Dxnxs", "Stxf"}));
  std::vector<int> lanes;
  for (const StepRowContent& row : content.steps->rows) {
    lanes.push_back(row.symbols.empty() ? -1 : row.symbols[0].lane);
  }
  EXPECT_EQ(lanes, (std::vector<int>{0, 1, 0}));
}

TEST(StepTable, TheColumnNumberRowIsKnownByMostOfItsNumbersWhenTheHeaderWasNotRead) {
  // The "3" over the first lane blurred into a "t": the other cells of the row still read as
  // numbers, so the lanes' names are in the row above it.
  const PageContent content = analyze(step_table(
      {.column_number_under_first_lane = "t", .header_unreadable = true, .third_step = true}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  ASSERT_TRUE(content.steps->unread_header.has_value());
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kxpxlx Dxnxs", "Stxf"}));
}

TEST(StepTable, AHeaderReadAsLabelsLeavesTheRolesUnmarked) {
  const PageContent content = analyze(step_table({.third_step = true}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_FALSE(content.steps->unread_header.has_value());
}

TEST(StepTable, ACellHoldingOnlyScanSpecksIsEmptyNotRead) {
  DrawnPage drawn = step_table();
  // The first step's Keterangan cell: dust only, which OCR of its bare paper turns into letters.
  DrawnCell& notes = drawn.cells.at(drawn.cells.size() - 9);
  notes.reading = "Sah KAT Seng Ta";
  for (int y = notes.box.y + 15; y < notes.box.br().y - 10; y += 20) {
    for (int x = notes.box.x + 15; x < notes.box.br().x - 10; x += 20) {
      cv::rectangle(drawn.gray, cv::Rect(x, y, 1, 1), cv::Scalar(0), cv::FILLED);
    }
  }
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_FALSE(content.steps->rows[0].notes.has_ink);
  EXPECT_EQ(content.steps->rows[0].notes.text, "");
}

TEST(StepTable, TheColumnAfterWaktuIsTheOutputWhenItsLabelWasNotRead) {
  // No "Mutu Baku" cell either: a faded rule merged it into "Pelaksana".
  const PageContent content =
      analyze(step_table({.rule_between_pelaksana_and_mutu = false, .output_label = ""}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(content.steps->rows[0].outputs.text, "Disposisi");
  EXPECT_EQ(content.steps->rows[1].outputs.text, "Renja");
}

TEST(StepTable, ColumnNumberRowIsNotAStepEvenWhenItsOneIsMisread) {
  const PageContent content = analyze(step_table({.column_number_under_no = "\u201c4"}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

TEST(StepTable, ColumnNumberRowIsNotAStepWhenTheTwoUnderUraianKegiatanIsLost) {
  DrawnPage page = step_table({.column_number_under_no = "", .column_number_under_uraian = ""});
  // The "2" printed but read as nothing.
  cv::rectangle(page.gray, cv::Rect((kUraian + kLane1) / 2, kHeader2 + 12, 7, 15), cv::Scalar(0),
                cv::FILLED);
  const PageContent content = analyze(page);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

// Garbled under Uraian Kegiatan and in half the Mutu Baku cells, the column-number row is still
// known by the bare numbers in most of its cells, the lanes' included.
TEST(StepTable, ColumnNumberRowIsNotAStepWhereMostOfItsCellsStillReadAsNumbers) {
  TableLook look;
  look.column_number_under_uraian = "Mara 2";
  look.column_numbers_after_first_lane = {"4.", "Wo", "6", "7 aa", ""};
  const PageContent content = analyze(step_table(look));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

// A first step whose cells read as bare numbers that do not rise along the row (arrows' lines
// down its lanes read as "1") is a step, not the column-number row.
TEST(StepTable, AFirstStepWhoseCellsReadAsNumbersThatDoNotRiseIsAStep) {
  TableLook look;
  look.column_number_row = false;
  look.first_step = {"1", "Membuat rencana kerja", "1", "1", "Telaahan Staf", "1", "1", ""};
  const PageContent content = analyze(step_table(look));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

TEST(StepTable, LanesEndWhereMutuBakuBeginsWhenAFadedRuleMergedTheirHeaders) {
  const PageContent content = analyze(step_table({.rule_between_pelaksana_and_mutu = false}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(content.steps->rows.size(), 2u);
}

TEST(StepTable, ALaneOutsideThePrintedPelaksanaSpanIsStillALane) {
  // Real tables draw the requester's lane ("Tamu / Pengunjung") beside Pelaksana, its name
  // spanning both header rows.
  const PageContent content = analyze(step_table({.first_lane_outside_pelaksana = true}));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(content.steps->rows[0].symbols.at(0).lane, 0);
}

TEST(StepTable, AnArrowRunningDownALaneOverManyRowsDoesNotSplitTheLane) {
  DrawnPage drawn = step_table();
  // Down the Staf lane from the column-number row to the foot of the table, beside the border:
  // long enough for the grid to take it for a column rule, but it does not cross "Staf".
  cv::line(drawn.gray, {740, 280}, {740, 580}, cv::Scalar(0), 2);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  ASSERT_EQ(content.steps->rows.size(), 2u);
  ASSERT_EQ(content.steps->rows[1].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[1].symbols[0].lane, 1);
}

TEST(StepTable, TwoLanesWhoseRuleFadedBetweenTheirNamesAreTwoLanesWhereTheNamesSitApart) {
  DrawnPage drawn = step_table();
  // Kepala Dinas | Staf lost over the name row only: one header cell holds both names, each still
  // centred over its own column, and the rule runs on through the steps below.
  drawn.break_rule(kLane2, kHeader1 + 4, kLane2, kHeader2 - 4);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  ASSERT_EQ(content.steps->rows.size(), 2u);
  ASSERT_EQ(content.steps->rows[1].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[1].symbols[0].lane, 1);
}

TEST(StepTable, TwoLanesWhoseRuleFadedBetweenLongNamesAreTwoLanesWhereEachNameIsCentredOnItsOwn) {
  // Names as wide as their narrow columns leave less than a word's height between them where
  // the rule faded, but each wraps and stands centred on its own column, line by line.
  TableLook look;
  look.first_lane = "Pengadministrasi Umum";
  look.second_lane = "Pengawas-Internal Inspektorat";
  DrawnPage drawn = step_table(look);
  drawn.break_rule(kLane2, kHeader1 + 4, kLane2, kHeader2 - 4);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content),
            (std::vector<std::string>{"Pengadministrasi Umum", "Pengawas-Internal Inspektorat"}));
  ASSERT_EQ(content.steps->rows.size(), 2u);
  ASSERT_EQ(content.steps->rows[1].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[1].symbols[0].lane, 1);
}

TEST(StepTable, AnArrowDownTheMiddleOfALaneDoesNotPartTwoWordsEachNearlyCentredOnItsHalf) {
  // "Petugas" and "Layanan", a space apart, each stand within half a word's height of their
  // half's centre: but one line is no name centred on its own column.
  TableLook look;
  look.first_lane = "Petugas Layanan";
  DrawnPage drawn = step_table(look);
  const int middle = (kLane1 + kLane2) / 2;
  cv::line(drawn.gray, {middle, 280}, {middle, 580}, cv::Scalar(0), 2);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Petugas Layanan", "Staf"}));
}

TEST(StepTable, AnArrowDownTheMiddleOfALaneDoesNotPartTheWordsOfItsName) {
  DrawnPage drawn = step_table();
  // Down the middle of the Kepala Dinas lane, under the gap between "Kepala" and "Dinas": each
  // word sits near the centre of its half, but they are one name's words, a space apart.
  const int middle = (kLane1 + kLane2) / 2;
  cv::line(drawn.gray, {middle, 280}, {middle, 580}, cv::Scalar(0), 2);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
}

TEST(StepTable, AnArrowDownALaneWhoseNameFillsItsCellDoesNotSplitTheLane) {
  // A long name wrapped over four lines in bold fills the name cell from top to bottom: down the
  // middle of the lane its letters' ink is nearly unbroken, yet the words cross the middle, so no
  // rule is drawn there. The arrow below is long enough for the grid to take it for a rule.
  TableLook look;
  look.second_lane = "Tim Analisis Rancangan Peraturan Perundang-undangan";
  DrawnPage drawn = step_table(look);
  const auto name = std::find_if(drawn.cells.begin(), drawn.cells.end(), [&](const DrawnCell& cell) {
    return cell.reading == look.second_lane;
  });
  // Bold type blurred by a coarse scan: each line's letters run together into one dark band.
  const cv::Rect name_ink = name->box - cv::Size(8, 8) + cv::Point(4, 4);
  cv::erode(drawn.gray(name_ink), drawn.gray(name_ink),
            cv::getStructuringElement(cv::MORPH_RECT, {5, 9}));
  const int middle = (kLane2 + kKelengkapan) / 2;
  cv::line(drawn.gray, {middle, 280}, {middle, 580}, cv::Scalar(0), 2);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content),
            (std::vector<std::string>{"Kepala Dinas",
                                      "Tim Analisis Rancangan Peraturan Perundang-undangan"}));
  ASSERT_EQ(content.steps->rows.size(), 2u);
  // The line cuts the second step's box in two; both halves are in the one lane.
  ASSERT_FALSE(content.steps->rows[1].symbols.empty());
  for (const auto& symbol : content.steps->rows[1].symbols) EXPECT_EQ(symbol.lane, 1);
}

std::vector<std::string> durations(const PageContent& content) {
  std::vector<std::string> texts;
  for (const StepRowContent& row : content.steps->rows) texts.push_back(row.duration.text);
  return texts;
}

std::vector<std::string> outputs(const PageContent& content) {
  std::vector<std::string> texts;
  for (const StepRowContent& row : content.steps->rows) texts.push_back(row.outputs.text);
  return texts;
}

TEST(StepTable, HeaderRolesComeFromWhereTheLabelsArePrintedNotFromHowTheCellsMerged) {
  DrawnPage drawn = step_table();
  // Broken in the header only: Uraian Kegiatan | Pelaksana, the rule under Pelaksana, and
  // Waktu | Output. One cell now holds "Uraian Kegiatan", "Pelaksana" and "Kepala Dinas",
  // another "Waktu" and "Output".
  drawn.break_rule(kLane1, kTop + 10, kLane1, kHeader2 - 10);
  drawn.break_rule(kLane1 + 10, kHeader1, kKelengkapan - 10, kHeader1);
  drawn.break_rule(kOutput, kHeader1 + 10, kOutput, kHeader2 - 10);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
  EXPECT_EQ(durations(content), (std::vector<std::string>{"60 Menit", "2 jam"}));
  EXPECT_EQ(outputs(content), (std::vector<std::string>{"Disposisi", "Renja"}));
}

TEST(StepTable, LaneNamesInTheCellOfPelaksanaAreReadThereNotFromTheRowBelow) {
  // The rule under Pelaksana and Mutu Baku lost over its whole length: the header is one row.
  DrawnPage drawn = step_table();
  drawn.break_rule(kLane1 + 10, kHeader1, kKeterangan - 10, kHeader1);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

TEST(StepTable, LaneNamesAreAboveTheColumnNumberRowWhenTheNumberCellSpansIt) {
  // The rule under "No" broke: its cell runs down through the column-number row, whose faint
  // "1" was not read.
  DrawnPage drawn = step_table({.column_number_under_no = ""});
  drawn.break_rule(kNo + 10, kHeader2, kUraian - 10, kHeader2);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

TEST(StepTable, ALaneNameJoinedToTheColumnNumberRowDoesNotTakeItsNumber) {
  // The rule under the lane names broke: each name's cell runs down into the column-number row.
  DrawnPage drawn = step_table();
  drawn.break_rule(kLane1 + 10, kHeader2, kKelengkapan - 10, kHeader2);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
}

TEST(StepTable, AFirstStepJoinedToTheHeaderByABrokenRuleIsStillAStep) {
  DrawnPage drawn = step_table({.column_number_row = false});
  drawn.break_rule(kUraian + 10, kHeader2, kLane1 - 10, kHeader2);
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
  ASSERT_EQ(content.steps->rows[0].symbols.size(), 1u);
  EXPECT_EQ(content.steps->rows[0].symbols[0].lane, 0);
}

// The number's head merged with the first step's number by a broken rule spans one row more than
// the header: the activity's head and every other label still end the header where they end.
TEST(StepTable, AFirstStepWhoseNumberCellJoinedTheHeadersIsStillAStep) {
  DrawnPage drawn = step_table({.column_number_row = false});
  drawn.break_rule(kNo + 3, kHeader2, kUraian - 10, kHeader2);
  // Its "1" is lost to the scan: "No" is all the merged cell reads.
  for (DrawnCell& cell : drawn.cells) {
    if (cell.box.x != kNo || cell.reading != "1") continue;
    cell.reading.clear();
    drawn.gray(cell.box - cv::Size(10, 10) + cv::Point(5, 5)).setTo(255);
  }
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

TEST(StepTable, ABandOfScanNoiseRuledAboveTheTableIsNotItsHeader) {
  DrawnPage drawn = step_table();
  drawn.cell(kNo, kTop - 50, kRight, kTop, "Ih ot 7! vo TM. 5 Oa ta wo");
  const PageContent content = analyze(drawn);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

TEST(StepTable, AScannersDarkBorderDoesNotHoldASkewedPageAtLevel) {
  // The sheet lay 2 degrees crooked, printed in grey that a black-and-white scanner kept only in
  // scattered dots; the scanner lid's shadow frames the image, straight, in thick dark bands
  // whose solid edges outweigh the scattered rules.
  DrawnPage drawn = step_table();
  std::mt19937 rng(3);
  std::bernoulli_distribution kept(0.6);
  drawn.gray.forEach<uchar>([&](uchar& pixel, const int*) {
    if (pixel < 128 && !kept(rng)) pixel = 255;
  });
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  const cv::Mat turn = cv::getRotationMatrix2D(
      cv::Point2f(drawn.gray.cols / 2.0f, drawn.gray.rows / 2.0f), 2.0, 1.0);
  cv::warpAffine(drawn.gray, page.gray, turn, drawn.gray.size(), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, 255);
  const int width = page.gray.cols;
  const int height = page.gray.rows;
  for (const cv::Rect& band : {cv::Rect(0, 0, width, 40), cv::Rect(0, height - 35, width, 35),
                               cv::Rect(0, 0, 30, height), cv::Rect(width - 45, 0, 45, height)}) {
    page.gray(band).setTo(50);
  }
  // Saved as a rough JPEG: its blocks ring along the band's straight inner edge.
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", page.gray, jpeg, {cv::IMWRITE_JPEG_QUALITY, 30});
  page.gray = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
  ScriptedOcrEngine ocr(drawn.cells, 0);
  const PageContent content = analyze_page(page, ocr);
  // Levelled, its table is found (its scattered rules are another matter).
  EXPECT_NEAR(content.skew_degrees, -2.0, 0.3);
  EXPECT_EQ(content.kind, PageKind::step_table);
}

TEST(StepTable, APagePhotographedAtAnAngleIsStraightenedBeforeItsTableIsRead) {
  // The phone was nearer the sheet's foot: the table's head is drawn narrower than its foot, and
  // its column rules lean outwards, the outer ones by 1 in 20. Straightened, it stands where it
  // was drawn, and the words are where the engine reads them.
  TableLook look;
  look.third_step = true;
  const DrawnPage drawn = step_table(look);
  const float left = kNo, right = kRight, top = kTop, foot = 690, lean = 15;
  const std::vector<cv::Point2f> square{{left, top}, {right, top}, {right, foot}, {left, foot}};
  const std::vector<cv::Point2f> keystone{
      {left + lean, top}, {right - lean, top}, {right + lean, foot}, {left - lean, foot}};
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  cv::warpPerspective(drawn.gray, page.gray, cv::getPerspectiveTransform(square, keystone),
                      drawn.gray.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 255);
  ScriptedOcrEngine ocr(drawn.cells, 0);
  const PageContent content = analyze_page(page, ocr);
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_NE(content.perspective, cv::Matx33d::eye());
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja",
                                      "Mengirim rencana kerja"}));
  const std::vector<int> lanes_of_steps{0, 1, 0};
  for (std::size_t step = 0; step < lanes_of_steps.size(); ++step) {
    ASSERT_EQ(content.steps->rows[step].symbols.size(), 1u) << "step " << step;
    EXPECT_EQ(content.steps->rows[step].symbols[0].lane, lanes_of_steps[step]) << "step " << step;
  }
}

TEST(StepTable, TheDeskAroundAPhotographedSheetLeavesNoRuleRoundIt) {
  // Grey paper photographed at an angle on a dark desk, which shows beyond the sheet's edges.
  // Painted out, the desk must take the paper's grey: white against grey paper is a rule round
  // the sheet, which can frame the table in a grid of its own with a row of scan noise.
  const DrawnPage drawn = step_table();
  const float width = static_cast<float>(drawn.gray.cols);
  const float height = static_cast<float>(drawn.gray.rows);
  const std::vector<cv::Point2f> sheet{{0, 0}, {width, 0}, {width, height}, {0, height}};
  const std::vector<cv::Point2f> photographed{
      {40, 25}, {width - 20, 45}, {width - 35, height - 30}, {30, height - 20}};
  cv::Mat paper;
  drawn.gray.convertTo(paper, CV_8U, (190 - 30) / 255.0, 30);  // ink 30, paper 190
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  cv::warpPerspective(paper, page.gray, cv::getPerspectiveTransform(sheet, photographed),
                      paper.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, 60);
  cv::GaussianBlur(page.gray, page.gray, {0, 0}, 0.8);
  cv::Mat grain(page.gray.size(), CV_16S);
  cv::randn(grain, 0, 7);
  cv::add(page.gray, grain, page.gray, cv::noArray(), CV_8U);
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", page.gray, jpeg, {cv::IMWRITE_JPEG_QUALITY, 50});
  page.gray = cv::imdecode(jpeg, cv::IMREAD_GRAYSCALE);
  ScriptedOcrEngine ocr(drawn.cells, 0);
  const PreparedPage prepared = prepare_page(page, ocr);
  ASSERT_EQ(prepared.grids.size(), 1u);
  // The table alone: its outer rules, not the sheet's edges, bound the grid, and no rule runs
  // between the table and the sheet's edges.
  const TableGrid& table = prepared.grids[0];
  EXPECT_EQ(table.row_count(), 5) << ::testing::PrintToString(table.row_rules_y_px);
  EXPECT_EQ(table.col_count(), 8) << ::testing::PrintToString(table.col_rules_x_px);
  const cv::Rect around = table.bbox_px + cv::Size(20, 20) - cv::Point(10, 10);
  cv::Mat rules_outside = prepared.rules.horizontal | prepared.rules.vertical;
  rules_outside(around).setTo(0);
  EXPECT_EQ(cv::countNonZero(rules_outside), 0);
}

TEST(StepTable, ATableWhoseLowerRulesAreTooPaleToBinariseIsRuledWhole) {
  // The header and first step ruled in ink, the last two steps in a hairline of pale toner no
  // pixel of which binarises: the ink's grid rules more than half of the page's ink, yet it is
  // a fragment of the table, and the steps below it would be lost. Where a column rule passes
  // from ink to toner, its two halves may be found a few pixels apart: still one rule.
  TableLook look;
  look.third_step = true;
  const DrawnPage drawn = step_table(look);
  cv::Mat paper = on_grey_paper(drawn);
  const int pale_from = 430;
  const int bottom = 730;
  const cv::Scalar pale(212);
  for (int y : {580, bottom}) {
    paper(cv::Rect(kNo - 2, y - 2, kRight - kNo + 5, 5)).setTo(kGreyPaper);
    cv::line(paper, {kNo, y}, {kRight, y}, pale, 1);
  }
  for (int x : column_rules()) {
    paper(cv::Rect(x - 2, pale_from + 3, 5, bottom - pale_from)).setTo(kGreyPaper);
    cv::line(paper, {x, pale_from + 3}, {x, bottom}, pale, 1);
  }
  ScriptedOcrEngine ocr(drawn.cells, 0);

  // (Grain 3 still parts the table in two: the faint column rules of one step are not found.)
  for (const unsigned grain_seed : {7u, 1u, 2u, 4u, 5u, 6u, 8u}) {
    SCOPED_TRACE("grain " + std::to_string(grain_seed));
    const PreparedPage prepared = prepare_page(lightly_scanned(paper, grain_seed), ocr);

    const std::vector<TableGrid> from_ink = grids_of_the_ink_alone(prepared);
    ASSERT_EQ(from_ink.size(), 1u);
    ASSERT_LT(from_ink[0].bbox_px.br().y, pale_from + 10) << "the pale rules must not binarise";
    ASSERT_EQ(prepared.grids.size(), 1u);
    const TableGrid& table = prepared.grids[0];
    EXPECT_NEAR(table.bbox_px.br().y, bottom, 4);
    EXPECT_EQ(table.col_count(), 8) << ::testing::PrintToString(table.col_rules_x_px);
  }
}

TEST(StepTable, RowRulesTooPaleToBinariseInsideAnInkFrameStillPartTheSteps) {
  // The frame, the header and the column rules in ink; the rules between the steps in a pale
  // dashed hairline. The ink's grid rules the whole table, as one tall row of steps.
  TableLook look;
  look.third_step = true;
  const DrawnPage drawn = step_table(look);
  cv::Mat paper = on_grey_paper(drawn);
  const std::vector<int> pale_rows{430, 580};
  const std::vector<int> columns = column_rules();
  for (int y : pale_rows) {
    for (std::size_t c = 0; c + 1 < columns.size(); ++c) {
      const int from = columns[c] + 3;
      const int to = columns[c + 1] - 2;
      paper(cv::Rect(from, y - 2, to - from, 5)).setTo(kGreyPaper);
      for (int x = from; x + 6 <= to; x += 10) cv::line(paper, {x, y}, {x + 6, y}, 209, 1);
    }
  }
  ScriptedOcrEngine ocr(drawn.cells, 0);

  const PreparedPage prepared = prepare_page(lightly_scanned(paper), ocr);

  const std::vector<TableGrid> from_ink = grids_of_the_ink_alone(prepared);
  ASSERT_EQ(from_ink.size(), 1u);
  ASSERT_EQ(from_ink[0].row_count(), 4) << "the pale rules must not binarise";
  ASSERT_EQ(prepared.grids.size(), 1u);
  const std::vector<int>& rows = prepared.grids[0].row_rules_y_px;
  // The frame's top, the two header rows, the column-number row, and the three steps.
  ASSERT_EQ(rows.size(), 7u) << ::testing::PrintToString(rows);
  EXPECT_NEAR(rows[4], pale_rows[0], 3);
  EXPECT_NEAR(rows[5], pale_rows[1], 3);
}

TEST(StepTable, SidewaysScanIsTurnedUprightAndTheTurnIsRecorded) {
  const PageContent upright = analyze(step_table());
  const PageContent sideways = analyze(step_table(), 90);
  EXPECT_EQ(upright.rotation_degrees, 0);
  EXPECT_EQ(sideways.rotation_degrees, 270);
  ASSERT_EQ(sideways.kind, PageKind::step_table);
  EXPECT_EQ(activities(sideways), activities(upright));
  EXPECT_EQ(sideways.steps->rows[1].symbols.at(0).lane, 1);
}

TEST(CellReading, TheEngineIsGivenACellsTextNotTheBarePaperAroundIt) {
  // OCR binarises a region as a whole: a wide cell of noisy paper around a short label is
  // mostly paper, and its threshold then falls inside the paper's noise.
  const DrawnPage drawn = step_table();
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = drawn.gray;
  ScriptedOcrEngine ocr(drawn.cells, 0);
  const PageContent content = analyze_page(page, ocr);
  ASSERT_EQ(content.kind, PageKind::step_table);
  const cv::Rect activity_header(kUraian, kTop, kLane1 - kUraian, kHeader2 - kTop);
  const auto region = std::find_if(
      ocr.regions_read.begin(), ocr.regions_read.end(),
      [&](const cv::Rect& read) { return (read & activity_header) == read && read.area() > 0; });
  ASSERT_NE(region, ocr.regions_read.end());
  const int label_width = 15 * 9 + 5;  // "Uraian Kegiatan" as printed_words() sets it
  EXPECT_LT(region->width, label_width + kDpi / 4);
  EXPECT_LT(region->height, 14 + kDpi / 4);
}

TEST(CellReading, ARuleTextTouchesFromOneSideIsNotGivenToTheEngineButAStrokeThroughItIs) {
  DrawnPage drawn = step_table();
  // A digit printed close to the activity cell's left rule, whose scanned edge is ragged, and a
  // comma's tail down through the row rule under the first step's activity.
  const cv::Rect digit(kUraian + 4, 330, 5, 9);
  cv::rectangle(drawn.gray, digit, cv::Scalar(0), cv::FILLED);
  for (int y = 300; y < 420; y += 4) {
    cv::line(drawn.gray, {kUraian + 2, y}, {kUraian + 2, y + 1}, cv::Scalar(0));
  }
  const int row_rule = 430;
  cv::line(drawn.gray, {300, row_rule - 6}, {300, row_rule + 5}, cv::Scalar(0), 2);
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = drawn.gray;
  ScriptedOcrEngine ocr(drawn.cells, 0);
  ASSERT_EQ(analyze_page(page, ocr).kind, PageKind::step_table);
  ASSERT_FALSE(ocr.pages_seen.empty());
  const cv::Mat& seen = ocr.pages_seen.front();
  EXPECT_EQ(seen.at<uchar>(digit.y + 4, digit.x + 2), 0) << "the digit is text";
  // Painted out, a pixel takes the paper's grey: white here, less the grey edges of the print.
  const int paper = 230;
  for (int x = kUraian - 1; x <= kUraian + 2; ++x) {
    EXPECT_GT(seen.at<uchar>(digit.y + 4, x), paper) << "the rule beside it is not, at x " << x;
  }
  EXPECT_EQ(seen.at<uchar>(row_rule, 300), 0) << "the comma's tail crosses the rule";
  EXPECT_GT(seen.at<uchar>(row_rule, 340), paper) << "the rest of the rule is not text";
}

TEST(CellReading, InkPaintedOutOfGreyPaperTakesThePapersGreyNotWhite) {
  // On grey paper a white hole where a rule was is the brightest thing in its cell: the
  // engine's threshold then falls between hole and paper, and the paper reads as ink.
  const DrawnPage drawn = step_table();
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  const int paper = 150;
  drawn.gray.convertTo(page.gray, CV_8U, (paper - 20) / 255.0, 20);  // ink 20, paper 150
  ScriptedOcrEngine ocr(drawn.cells, 0);
  ASSERT_EQ(analyze_page(page, ocr).kind, PageKind::step_table);
  ASSERT_FALSE(ocr.pages_seen.empty());
  const cv::Mat& seen = ocr.pages_seen.front();
  const int row_rule = 430;
  EXPECT_NEAR(seen.at<uchar>(row_rule, 340), paper, 12) << "a row rule painted out";
  EXPECT_NEAR(seen.at<uchar>(360, kUraian), paper, 12) << "a column rule painted out";
}

// Reads as Tesseract does faint letters over grainy paper: its threshold, taken over the whole
// region, falls in the grain and it reads "na" unsurely; over clean paper it reads the line.
class GrainBlindEngine final : public OcrEngine {
 public:
  void set_page(const cv::Mat& gray, int) override { page_ = gray.clone(); }

  OcrText read_region(const cv::Rect& region_px) override {
    const cv::Mat region = page_(region_px);
    cv::Scalar mean, grain;
    cv::meanStdDev(region, mean, grain, region > 180);
    if (grain[0] > 2) return {"na", 0.3, {{"na", 0.3, {region_px.x, region_px.y, 20, 14}, 0}}};
    return {"Membuat rencana",
            0.9,
            {{"Membuat", 0.9, {region_px.x + 5, region_px.y + 5, 60, 14}, 0},
             {"rencana", 0.9, {region_px.x + 70, region_px.y + 5, 60, 14}, 0}}};
  }

  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return std::nullopt;
  }

 private:
  cv::Mat page_;
};

TEST(CellReading, AnUnsureReadingOverGrainyPaperIsReadAgainFromTheInkAlone) {
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = cv::Mat(300, 600, CV_8UC1, cv::Scalar(230));
  cv::Mat grain(page.gray.size(), CV_16SC1);
  cv::RNG(11).fill(grain, cv::RNG::NORMAL, 0, 10);
  cv::Mat grainy;
  cv::add(page.gray, grain, grainy, cv::noArray(), CV_8U);
  page.gray = grainy;
  // Faint strokes of a line of text: grey 120 on the paper's 230.
  cv::Mat text_ink = cv::Mat::zeros(page.gray.size(), CV_8UC1);
  for (int x = 110; x < 330; x += 12) {
    page.gray(cv::Rect(x, 120, 4, 20)).setTo(120);
    text_ink(cv::Rect(x, 120, 4, 20)).setTo(255);
  }
  const cv::Mat paper(page.gray.size(), CV_8UC1, cv::Scalar(230));
  GrainBlindEngine ocr;
  CellReader reader(page, text_ink, page.gray, paper, ocr);
  const cv::Rect cell(80, 80, 400, 120);
  const CellText text = reader.read(cell);
  EXPECT_EQ(text.text, "Membuat rencana");
  ASSERT_EQ(text.words.size(), 2u);
  EXPECT_EQ(text.words[0].bbox_px & cell, text.words[0].bbox_px) << "back on the page, in the cell";
}

// How the test identity page is drawn; the defaults draw the usual page.
struct IdentityLook {
  std::string number_label = "Nomor SOP";  // what the scripted OCR reads in the number's label cell
  std::string title_label = "Nama SOP";    // and in the title's
  std::string effective_label = "Tanggal Efektif";
  std::vector<std::string> letterhead_cells = {"DINAS KETENAGAKERJAAN KOTA BONTANG"};
  bool first_two_rows_in_one_cell = false;  // the rules between and under their cells lost
  bool title_row = true;                    // false: no "Nama SOP" row
  std::string heading = {};                 // printed above the table, if not empty
  // The keys from "Nomor SOP" to "Disahkan Oleh" in one label cell, each beside its value.
  bool keys_stacked_in_one_cell = false;
  std::string title = "Pengelolaan Administrasi Belanja Barang/Jasa LS";
  int list_height = 240;  // tall lists make the key|value rule too short for a table column
  int list_split = 620;   // where the lists' two columns meet
  // "Disahkan Oleh" and the approver's block under it in one cell across the key|value rule.
  bool approver_in_key_cell = false;
  // The key|value rule lost beside the number, but for a dash read as "1" just left of it.
  bool number_rule_lost_but_a_dash = false;
  // The rule between the two list headings lost, and a speck between them read as "Ta".
  bool list_headings_parted_by_a_speck = false;
  // The rule between the two list headings lost: "Dasar Hukum : Kualifikasi Pelaksana :".
  bool list_headings_rule_lost = false;
  // The rule between the approver's row and the title's lost: "Nama SOP" under "Disahkan Oleh"
  // in one cell, level with the approver's NIP (past halfway between the keys), the title under it.
  bool approver_block_reaches_the_title_key = false;
  // What the scripted OCR reads for "Disahkan Oleh" (a stamp pressed over the key garbles it).
  std::string approver_label = "Disahkan Oleh";
  // Read in the key's cell under "Disahkan Oleh", if not empty: the letterhead's line where the
  // rule between the letterhead and the keys was lost.
  std::string under_the_approver_key = {};
  // The rule between the approver's value and the title's lost: one cell beside both keys.
  bool approver_and_title_values_in_one_cell = false;
  // false: no rule drawn at all, as a bilevel scan loses grey hairlines.
  bool rules_drawn = true;
  // The title's key in one cell with the letterhead's address left of it, the rule between
  // them lost.
  bool title_key_beside_the_address = false;
  std::string approver_block = "Kepala Dinas\nH. Ahmad Aznem, SE, M.Si\nNIP. 19730614 200112 1 004";
};

// The key/value block of an identity page, with the metadata grid below it.
DrawnPage identity_page(const IdentityLook& look = {}) {
  DrawnPage page(cv::Size(1240, 1160 + look.list_height));
  page.rules_drawn = look.rules_drawn;
  const int left = 80, key = 560, value = 860, right = 1160;
  // clang-format off
  std::vector<std::pair<std::string, std::string>> rows{
      {look.number_label, "067/2018/Disnaker/01"},
      {"Tanggal Pembuatan", "01 Mei 2019"},
      {"Tanggal Revisi", "16 September 2019"},
      {look.effective_label, "10 Desember 2019"},
      {"Disahkan Oleh", look.approver_block},
      {look.title_label, look.title}};
  // clang-format on
  if (!look.title_row) rows.pop_back();
  if (!look.heading.empty()) page.cell(left, 10, right, 95, look.heading, false);
  int y = 100;
  const int top = y;
  if (look.first_two_rows_in_one_cell) {
    page.cell(key, y, right, y + 120,
              rows[0].first + " " + rows[0].second + "\n" + rows[1].first + " " + rows[1].second);
    rows.erase(rows.begin(), rows.begin() + 2);
    y += 120;
  }
  bool in_stack = look.keys_stacked_in_one_cell;
  std::optional<int> letterhead_bottom;
  const int stack_top = y;
  for (const auto& [label, reading] : rows) {
    if (look.approver_block_reaches_the_title_key && label == "Disahkan Oleh") {
      const int approver_height = 200, bottom = y + approver_height + 60;
      page.cell(key, y, value, y + 30, label, false);
      page.cell(value, y, right, y + approver_height, reading, false);
      // The NIP, the block's last line, is printed 111-125 px below the row's top.
      page.cell(key, y + 103, value, y + 133, look.title_label, false);
      page.cell(value, y + approver_height, right, bottom, look.title, false);
      cv::rectangle(page.gray, cv::Rect(key, y, value - key, bottom - y), cv::Scalar(0), 2);
      cv::rectangle(page.gray, cv::Rect(value, y, right - value, bottom - y), cv::Scalar(0), 2);
      y = bottom;
      break;
    }
    const int height = label == "Disahkan Oleh" ? 200 : 60;
    // A stacked key is printed at the top of its row's band, level with its value's first line.
    const bool approver = label == "Disahkan Oleh";
    const std::string printed_label = approver ? look.approver_label : label;
    if (look.title_key_beside_the_address && label == look.title_label) {
      letterhead_bottom = y;
      page.cell(left, y, value, y + height, "");
      page.cell(left, y, key, y + height, "Jalan Jenderal Sudirman No. 12", false);
      page.cell(key, y, value, y + height, printed_label, false);
      page.cell(value, y, right, y + height, reading);
    } else if (look.approver_and_title_values_in_one_cell && label == look.title_label) {
      page.cell(key, y, value, y + height, printed_label);
      page.cell(value, y, right, y + height, reading, false);
      const int approver_top = y - 200;
      cv::rectangle(page.gray,
                    cv::Rect(value, approver_top, right - value, y + height - approver_top),
                    cv::Scalar(0), 2);
    } else if (look.approver_and_title_values_in_one_cell && approver) {
      page.cell(key, y, value, y + height, printed_label);
      page.cell(value, y, right, y + height, reading, false);
    } else if (look.approver_in_key_cell && approver) {
      page.cell(key, y, right, y + height, printed_label + "\n" + reading);
    } else {
      if (in_stack) {
        page.cell(key, y, value, y + 30, printed_label, false);
      } else if (!look.rules_drawn) {
        // Printed at the top of its row, level with its value's first line, as the forms are.
        page.cell(key, y, value, y + 30, printed_label);
      } else {
        page.cell(key, y, value, y + height, printed_label);
      }
      std::set<int> value_lines;
      for (const OcrWord& word : printed_words({cv::Rect(value, y, right - value, 1), reading})) {
        value_lines.insert(word.bbox_px.y);
      }
      page.cell(value, y, right,
                look.rules_drawn ? y + height : y + 12 + 18 * static_cast<int>(value_lines.size()),
                reading);
    }
    if (approver && !look.under_the_approver_key.empty()) {
      page.cell(key, y + 100, value, y + 130, look.under_the_approver_key, false);
    }
    if (look.number_rule_lost_but_a_dash && label == look.number_label) {
      page.break_rule(value, y + 3, value, y + height - 3);
      page.cell(value - 8, y + 10, value + 2, y + height - 10, "1", false);
    }
    y += height;
    if (in_stack && label == "Disahkan Oleh") {
      cv::rectangle(page.gray, cv::Rect(key, stack_top, value - key, y - stack_top), cv::Scalar(0),
                    2);
      in_stack = false;
    }
  }
  const auto letterhead_cells = static_cast<int>(look.letterhead_cells.size());
  const int letterhead_cell_height = (letterhead_bottom.value_or(y) - top) / letterhead_cells;
  for (int i = 0; i < letterhead_cells; ++i) {
    const int cell_top = top + i * letterhead_cell_height;
    page.cell(left, cell_top, key, cell_top + letterhead_cell_height,
              look.letterhead_cells[static_cast<std::size_t>(i)]);
  }
  const int split = look.list_split;
  const int bottom = y + 60 + look.list_height;
  page.cell(left, y, split, y + 60, "Dasar Hukum :");
  page.cell(split, y, right, y + 60, "Kualifikasi Pelaksana :");
  if (look.list_headings_parted_by_a_speck || look.list_headings_rule_lost) {
    page.break_rule(split, y + 3, split, y + 57);
  }
  if (look.list_headings_parted_by_a_speck) {
    page.cell(split - 40, y + 15, split - 10, y + 45, "Ta", false);
  }
  page.cell(left, y + 60, split, bottom, "1. Peraturan Walikota Bontang Nomor 27 Tahun 2012");
  page.cell(split, y + 60, right, bottom, "1. Memahami peraturan keuangan");
  return page;
}

// The approver's name underlined, with a signature stroke down through it: two short rules inside
// one cell. A signature of long strokes from the cell's top to its bottom parts it into cells.
DrawnPage signed_identity_page(bool strokes_span_the_cell = false) {
  DrawnPage page = identity_page();
  const int approval_top = 100 + 4 * 60;
  cv::line(page.gray, {900, approval_top + 110}, {1120, approval_top + 110}, cv::Scalar(0), 2);
  cv::line(page.gray, {1000, approval_top + 20}, {1000, approval_top + 150}, cv::Scalar(0), 3);
  if (strokes_span_the_cell) {
    for (int x : {940, 1060}) {
      cv::line(page.gray, {x, approval_top + 2}, {x, approval_top + 198}, cv::Scalar(0), 3);
    }
  }
  return page;
}

TEST(IdentityPage, KeyValueComesFromTheCellRightOfTheLabel) {
  const PageContent content = analyze(identity_page());
  ASSERT_EQ(content.kind, PageKind::identity);
  const IdentityContent& identity = *content.identity;
  EXPECT_EQ(identity.fields.at("sop_number").text, "067/2018/Disnaker/01");
  EXPECT_EQ(identity.fields.at("title").text, "Pengelolaan Administrasi Belanja Barang/Jasa LS");
  EXPECT_EQ(identity.lists.at("legal_basis").text,
            "1. Peraturan Walikota Bontang Nomor 27 Tahun 2012");
  ASSERT_TRUE(identity.institution);
  EXPECT_EQ(identity.institution->text, "DINAS KETENAGAKERJAAN KOTA BONTANG");
}

TEST(IdentityPage, NoiseReadInAKeyLabelsCellDoesNotHideTheLabelOrTheValueBesideIt) {
  // A speck under the label read as "1"; a stamp over the cell read as a line above it.
  for (const std::string label_cell_reading : {"Nama SOP\n1", "NAA a,\nNama SOP"}) {
    const PageContent content = analyze(identity_page({.title_label = label_cell_reading}));
    ASSERT_EQ(content.kind, PageKind::identity) << label_cell_reading;
    EXPECT_EQ(content.identity->fields.at("title").text,
              "Pengelolaan Administrasi Belanja Barang/Jasa LS")
        << label_cell_reading;
  }
}

TEST(IdentityPage, ANumbersLabelMisreadAsTheTitlesKeepsTheNumberAndTheTitle) {
  // "Nomor SOP" read "Nema SOP" is one letter from "Nama SOP": the number's row first finds the
  // title's key, and the title's own row ("Judul SOP") finds it taken.
  const PageContent content =
      analyze(identity_page({.number_label = "Nema SOP", .title_label = "Judul SOP"}));
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->fields.at("sop_number").text, "067/2018/Disnaker/01");
  EXPECT_EQ(content.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
}

TEST(IdentityPage, ASignatureAndTheNamesUnderlineDoNotMakeTheApproverCellATable) {
  const PageContent unsigned_page = analyze(identity_page());
  const PageContent signed_page = analyze(signed_identity_page());
  ASSERT_EQ(signed_page.kind, PageKind::identity);
  const std::string approver = signed_page.identity->fields.at("approved_by").text;
  EXPECT_NE(approver.find("Kepala Dinas H. Ahmad Aznem, SE, M.Si NIP. 19730614"), std::string::npos)
      << approver;
  EXPECT_EQ(approver, unsigned_page.identity->fields.at("approved_by").text);
}

TEST(IdentityPage, AKeysValueIsTheCellBesideItWhateverStrokesPartIt) {
  const PageContent unsigned_page = analyze(identity_page());
  const PageContent signed_page = analyze(signed_identity_page(true));
  ASSERT_EQ(signed_page.kind, PageKind::identity);
  EXPECT_EQ(signed_page.identity->fields.at("approved_by").text,
            unsigned_page.identity->fields.at("approved_by").text);
}

TEST(IdentityPage, TheInstitutionsNameSpreadOverStackedCellsIsReadWhole) {
  const PageContent content = analyze(
      identity_page({.letterhead_cells = {"PEMERINTAH KOTA BONTANG", "DINAS KETENAGAKERJAAN",
                                          "SUB BIDANG PENEMPATAN"}}));
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->institution);
  EXPECT_EQ(content.identity->institution->text,
            "PEMERINTAH KOTA BONTANG DINAS KETENAGAKERJAAN SUB BIDANG PENEMPATAN");
}

TEST(IdentityPage, ANameCarriedOnInTheCellBelowWithoutAKeywordIsPartOfIt) {
  // The address in the cell under the name is no part of it.
  const PageContent content = analyze(
      identity_page({.letterhead_cells = {"DINAS PEKERJAAN UMUM PENATAAN RUANG DAN",
                                          "PERUMAHAN RAKYAT PROVINSI KALIMANTAN TIMUR",
                                          "Jalan Jenderal Sudirman No. 12 Telp. (0561) 734521"}}));
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->institution);
  EXPECT_EQ(content.identity->institution->text,
            "DINAS PEKERJAAN UMUM PENATAAN RUANG DAN PERUMAHAN RAKYAT PROVINSI KALIMANTAN TIMUR");
}

TEST(IdentityPage, TheLetterheadsAddressUnderTheNameInItsCellIsNoPartOfIt) {
  // Where the table's rules were lost, the text beside it reads as one block after the address.
  const PageContent content = analyze(
      identity_page({.letterhead_cells = {
                         "DINAS PEKERJAAN UMUM\n*\nKOTA BONTANG\nJalan Jenderal Sudirman No. 12\n"
                         "Telp. (0561) 734521\nDasar Hukum : UU Nomor 25 Tahun 2004"}}));
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->institution);
  EXPECT_EQ(content.identity->institution->text, "DINAS PEKERJAAN UMUM KOTA BONTANG");
}

TEST(IdentityPage, ATitlePrintedAsThePagesHeadingIsTheTitleWhenNoKeyNamesIt) {
  const PageContent content = analyze(identity_page(
      {.title_row = false,
       .heading = "STANDAR OPERASIONAL PROSEDUR\nPENGAWASAN PENYELENGGARAAN JASA KONSTRUKSI"}));
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->fields.contains("title"));
  EXPECT_EQ(content.identity->fields.at("title").text,
            "PENGAWASAN PENYELENGGARAAN JASA KONSTRUKSI");
  ASSERT_TRUE(content.identity->institution);
  EXPECT_EQ(content.identity->institution->text, "DINAS KETENAGAKERJAAN KOTA BONTANG");

  // A key row's title wins over the heading.
  const PageContent both = analyze(identity_page({.heading = "STANDAR OPERASIONAL PROSEDUR"}));
  EXPECT_EQ(both.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
}

// A bilevel scan dropped every grey rule of the page: the keys, their values, the letterhead and
// the lists are placed from where their labels stand and read as from the ruled page, and the
// record will say the rules were not found.
TEST(IdentityPage, AnIdentityPageWhoseRulesTheScanLostIsReadFromWhereItsLabelsStand) {
  const PageContent ruled = analyze(identity_page());
  const PageContent unruled = analyze(identity_page({.rules_drawn = false}));
  ASSERT_EQ(unruled.kind, PageKind::identity);
  for (const auto& [key, value] : ruled.identity->fields) {
    ASSERT_TRUE(unruled.identity->fields.contains(key)) << key;
    EXPECT_EQ(unruled.identity->fields.at(key).text, value.text) << key;
  }
  for (const auto& [key, value] : ruled.identity->lists) {
    ASSERT_TRUE(unruled.identity->lists.contains(key)) << key;
    EXPECT_EQ(unruled.identity->lists.at(key).text, value.text) << key;
  }
  ASSERT_TRUE(unruled.identity->institution);
  EXPECT_EQ(unruled.identity->institution->text, ruled.identity->institution->text);
  EXPECT_TRUE(unruled.identity->rules_lost);
  EXPECT_FALSE(ruled.identity->rules_lost);
}

// Words that name no keys (a letter, a page of prose) make no identity page.
TEST(IdentityPage, APageOfWordsWithoutKeysIsNoIdentityPage) {
  DrawnPage drawn(cv::Size(1240, 900));
  drawn.rules_drawn = false;
  drawn.cell(80, 100, 1160, 160, "Nomor : 800/12/BKD Bontang, 10 Mei 2019");
  drawn.cell(80, 200, 1160, 260, "Perihal : Undangan rapat penyusunan SOP");
  drawn.cell(80, 300, 1160, 360, "Dengan hormat, bersama ini kami sampaikan");
  EXPECT_EQ(analyze(drawn).kind, PageKind::other);
}

// The table's top rule lost, its first key row is read with the heading above it: the title
// ends before that row's key, and a speck read before the key is no part of it.
TEST(IdentityPage, ATitleInThePagesHeadingEndsBeforeTheKeyRowReadWithIt) {
  const PageContent content = analyze(identity_page(
      {.title_row = false,
       .heading = "STANDAR OPERASIONAL PROSEDUR\nPENGAWASAN PENYELENGGARAAN JASA KONSTRUKSI\n"
                  "Ma Nomor Urut SOP 067/2018"}));
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->fields.contains("title"));
  EXPECT_EQ(content.identity->fields.at("title").text,
            "PENGAWASAN PENYELENGGARAAN JASA KONSTRUKSI");
}

// Where the rule between the approver's block and the title beside "Nama SOP" faded, one cell
// holds both: the title is what lies beside its own key, not the approver's block above it.
TEST(IdentityPage, AValueCellReachingUpBesideTheKeyAboveIsReadFromItsOwnKeysRow) {
  const PageContent ruled = analyze(identity_page());
  const PageContent merged =
      analyze(identity_page({.approver_and_title_values_in_one_cell = true}));
  ASSERT_EQ(merged.kind, PageKind::identity);
  EXPECT_EQ(merged.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
  EXPECT_EQ(merged.identity->fields.at("approved_by").text,
            ruled.identity->fields.at("approved_by").text);
}

// The title's key stacked under an unread "Disahkan Oleh" takes the approver's block's last
// lines with its own: a title holds no NIP, it is the lines after it.
TEST(IdentityPage, ATitleIsTheLinesAfterTheApproversNipThatRanOnIntoIt) {
  const PageContent content = analyze(identity_page(
      {.title = "Pembina Tk. I/IV.b\nNIP. 19730614 200112 1 004\nPERSIAPAN PEMILIHAN PENYEDIA"}));
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->fields.at("title").text, "PERSIAPAN PEMILIHAN PENYEDIA");
}

// The title's key shares a cell with the letterhead's address left of it where the rule
// between them was lost: the key still starts where the address ends, past a column's gap.
TEST(IdentityPage, AKeyBesideTheLetterheadsAddressInOneCellIsStillAKey) {
  const PageContent content = analyze(identity_page({.title_key_beside_the_address = true}));
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->fields.contains("title"));
  EXPECT_EQ(content.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
}

// "Nomor SOP" misread exactly as "Nama SOP": two values under the title's key, one shaped as
// an SOP's number, and no number read. That one is the number.
TEST(IdentityPage, ANumbersKeyReadExactlyAsTheTitlesKeepsTheNumberAndTheTitle) {
  const PageContent content = analyze(identity_page({.number_label = "Nama SOP"}));
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->fields.contains("sop_number"));
  EXPECT_EQ(content.identity->fields.at("sop_number").text, "067/2018/Disnaker/01");
  EXPECT_EQ(content.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
}

TEST(IdentityPage, TwoKeyRowsInOneCellEachKeepTheirOwnLine) {
  const PageContent content = analyze(identity_page({.first_two_rows_in_one_cell = true}));
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->fields.at("sop_number").text, "067/2018/Disnaker/01");
  EXPECT_EQ(content.identity->fields.at("created").text, "01 Mei 2019");
}

TEST(IdentityPage, KeysStackedInOneCellEachTakeTheValueBesideTheirLine) {
  const PageContent ruled = analyze(identity_page());
  const PageContent stacked = analyze(identity_page({.keys_stacked_in_one_cell = true}));
  ASSERT_EQ(stacked.kind, PageKind::identity);
  EXPECT_EQ(stacked.identity->fields.at("sop_number").text, "067/2018/Disnaker/01");
  EXPECT_EQ(stacked.identity->fields.at("effective").text, "10 Desember 2019");
  for (const auto& [key, value] : ruled.identity->fields) {
    ASSERT_TRUE(stacked.identity->fields.contains(key)) << key;
    EXPECT_EQ(stacked.identity->fields.at(key).text, value.text) << key;
  }
}

// An approver's block taller than its row, with the rule under it lost, reaches past halfway to the
// title's key stacked under it: the block is the approver's down to its NIP, the title the rest.
TEST(IdentityPage, AnApproversBlockStackedOverTheTitleEndsWithItsNip) {
  const PageContent page = analyze(identity_page({.approver_block_reaches_the_title_key = true}));
  ASSERT_EQ(page.kind, PageKind::identity);
  ASSERT_TRUE(page.identity->fields.contains("title"));
  EXPECT_EQ(page.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
  // The approver's block reads as it does in a row of its own.
  const PageContent own_row = analyze(identity_page());
  EXPECT_EQ(page.identity->fields.at("approved_by").text,
            own_row.identity->fields.at("approved_by").text);
}

// A stamp pressed over "Disahkan Oleh" leaves it unreadable as the key; the block beside it is
// still the approver's, known by its NIP, and says it was found without its key.
TEST(IdentityPage, AnApproversBlockWhoseKeyAStampGarbledIsKnownByItsNip) {
  const PageContent page = analyze(identity_page({.approver_label = "Disahkgk TAN"}));
  ASSERT_EQ(page.kind, PageKind::identity);
  ASSERT_TRUE(page.identity->fields.contains("approved_by"));
  const PageContent own_key = analyze(identity_page());
  EXPECT_EQ(page.identity->fields.at("approved_by").text,
            own_key.identity->fields.at("approved_by").text);
  EXPECT_TRUE(page.identity->keys_placed_by_content.contains("approved_by"));
  EXPECT_FALSE(own_key.identity->keys_placed_by_content.contains("approved_by"));
}

// The keys' cell merged with the letterhead where the rule between them was lost: the
// letterhead's line under "Disahkan Oleh" is no approver's block (it has no NIP); the block is
// the cell beside the key.
TEST(IdentityPage, TheLetterheadsLineUnderTheApprovalKeyIsNotTheApprover) {
  for (const bool stacked : {false, true}) {
    const PageContent page = analyze(identity_page(
        {.keys_stacked_in_one_cell = stacked, .under_the_approver_key = "DINAS KETENAGAKERJAAN"}));
    ASSERT_EQ(page.kind, PageKind::identity) << stacked;
    EXPECT_NE(page.identity->fields.at("approved_by").text.find("NIP. 19730614"), std::string::npos)
        << stacked << ": " << page.identity->fields.at("approved_by").text;
  }
}

// A stacked key read with its words run together and a letter wrong is still its own key: its
// line is not the value of the key above it.
TEST(IdentityPage, AStackedKeyReadWithoutItsStopKeepsItsOwnValue) {
  const PageContent stacked =
      analyze(identity_page({.effective_label = "TglEtektif", .keys_stacked_in_one_cell = true}));
  ASSERT_EQ(stacked.kind, PageKind::identity);
  EXPECT_EQ(stacked.identity->fields.at("revised").text, "16 September 2019");
  ASSERT_TRUE(stacked.identity->fields.contains("effective"));
  EXPECT_EQ(stacked.identity->fields.at("effective").text, "10 Desember 2019");
}

// A dashed or faded key|value rule the other rows keep leaves a key and its value in one cell
// where it broke, and what is left of it reads as a "1" glued to the value.
TEST(IdentityPage, AValueIsReadFromTheColumnsRuleOnWhereItsRowLostThatRule) {
  const PageContent content = analyze(identity_page({.number_rule_lost_but_a_dash = true}));
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->fields.at("sop_number").text, "067/2018/Disnaker/01");
  EXPECT_EQ(content.identity->fields.at("created").text, "01 Mei 2019");
}

// Two list headings in one cell where the rule between them broke, a speck read between
// them: the speck is no item, and each heading's items are still the cell below it.
TEST(IdentityPage, ASpeckBetweenTwoListHeadingsInOneCellIsNoItem) {
  const PageContent content = analyze(identity_page({.list_headings_parted_by_a_speck = true}));
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->lists.at("legal_basis").text,
            "1. Peraturan Walikota Bontang Nomor 27 Tahun 2012");
  EXPECT_EQ(content.identity->lists.at("qualifications").text, "1. Memahami peraturan keuangan");
}

TEST(IdentityPage, TwoListHeadingsInOneCellEachTakeTheItemsUnderThem) {
  // The colon after the first heading is no part of the second: its items are in its column.
  const PageContent content = analyze(identity_page({.list_headings_rule_lost = true}));
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->lists.at("legal_basis").text,
            "1. Peraturan Walikota Bontang Nomor 27 Tahun 2012");
  EXPECT_EQ(content.identity->lists.at("qualifications").text, "1. Memahami peraturan keuangan");
}

TEST(IdentityPage, AKeyAndItsValueUnderARuleThatStopsAboveTheListsAreStillParted) {
  // Tall lists leave the key|value rule too short to be a column of the page's table, and the
  // key, centred beside a two-line value, is read between the value's lines.
  const PageContent content =
      analyze(identity_page({.title = "Pengelolaan Administrasi\nBelanja Barang/Jasa LS",
                             .list_height = 1100,
                             .list_split = 560}));
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->fields.contains("title"));
  EXPECT_EQ(content.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
  EXPECT_EQ(content.identity->fields.at("sop_number").text, "067/2018/Disnaker/01");
}

TEST(IdentityPage, ATitleWhoseRuleBelowFadedEndsWhereTheListHeadingsRowBegins) {
  // The rule under the title's value faded: its cell runs on into the list headings' row, where
  // the key column holds a heading of its own.
  DrawnPage page = identity_page();
  const int title_bottom = 100 + 4 * 60 + 200 + 60;
  page.break_rule(870, title_bottom, 1150, title_bottom);
  const PageContent content = analyze(page);
  ASSERT_EQ(content.kind, PageKind::identity);
  ASSERT_TRUE(content.identity->fields.contains("title"));
  EXPECT_EQ(content.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
}

TEST(IdentityPage, KeyRowsUnderTheListsColumnRuleAreReadByTheirOwnRules) {
  // The lists' column rule runs at x 700, inside the key column, and a stroke on it in the first
  // key row (a letter's stem) parts that row there: the letterhead and the other key rows join
  // in an L, its box the whole head. Its own rules, not the lists', part the keys from their
  // values.
  DrawnPage page = identity_page({.list_height = 1100, .list_split = 700});
  cv::line(page.gray, {700, 100}, {700, 160}, cv::Scalar(0), 3);
  const PageContent content = analyze(page);
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->fields.at("sop_number").text, "067/2018/Disnaker/01");
  EXPECT_EQ(content.identity->fields.at("effective").text, "10 Desember 2019");
  EXPECT_EQ(content.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
}

// The drawn page with blue-pen `strokes` over it: grey on the page as a grey scan shows them, and
// in its coloured-ink mask as a colour scan keeps them apart.
PageImage with_pen_strokes(const DrawnPage& drawn,
                           const std::vector<std::pair<cv::Point, cv::Point>>& strokes) {
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = drawn.gray.clone();
  page.coloured_ink = cv::Mat::zeros(drawn.gray.size(), CV_8UC1);
  for (const auto& [from, to] : strokes) {
    cv::line(page.gray, from, to, cv::Scalar(60), 3);
    cv::line(page.coloured_ink, from, to, cv::Scalar(255), 5);
  }
  return page;
}

TEST(IdentityPage, TheApproverIsReadWithoutThePenOverItButAHandwrittenValueKeepsIts) {
  DrawnPage drawn = identity_page();
  // In blue pen: a signature across the approver's name, and a date written into its blank.
  const int approval_top = 100 + 4 * 60;
  std::vector<std::pair<cv::Point, cv::Point>> strokes{
      {{900, approval_top + 120}, {1100, approval_top + 60}}};  // signature
  const int written_line = 100 + 3 * 60 + 30;
  for (int x = 880; x < 1000; x += 8) {  // handwriting: short zigzag strokes, no rule
    strokes.push_back({{x, written_line - 6}, {x + 8, written_line + 6}});
  }
  ScriptedOcrEngine ocr(drawn.cells, 0);
  const PageContent content = analyze_page(with_pen_strokes(drawn, strokes), ocr);
  ASSERT_EQ(content.kind, PageKind::identity);
  const cv::Point signature_middle(1000, approval_top + 90);
  const cv::Point handwriting(940, written_line);
  EXPECT_LT(ocr.pages_seen.front().at<uchar>(signature_middle), 128);
  // The engine is also handed single lines to read alone: only whole pages count here.
  const auto without_pen =
      std::find_if(ocr.pages_seen.begin(), ocr.pages_seen.end(), [&](const cv::Mat& seen) {
        return seen.size() == drawn.gray.size() && seen.at<uchar>(signature_middle) > 230;
      });
  ASSERT_NE(without_pen, ocr.pages_seen.end()) << "the approver's cell is read without the pen";
  EXPECT_LT(without_pen->at<uchar>(handwriting), 128) << "only the approver's cell loses it there";
  ASSERT_EQ(ocr.pages_seen.back().size(), drawn.gray.size());
  EXPECT_LT(ocr.pages_seen.back().at<uchar>(handwriting), 128);
  // Read without its ink, the written date is no surer: its reading is the one with the ink.
  EXPECT_FALSE(content.identity->fields.at("effective").coloured_ink_removed);
}

TEST(IdentityPage, AnApproverBlockInItsKeysOwnCellIsReadWithoutThePenOverIt) {
  DrawnPage drawn = identity_page({.approver_in_key_cell = true});
  const int approval_top = 100 + 4 * 60;
  ScriptedOcrEngine ocr(drawn.cells, 0);
  const PageContent content = analyze_page(
      with_pen_strokes(drawn, {{{700, approval_top + 150}, {900, approval_top + 80}}}), ocr);
  ASSERT_EQ(content.kind, PageKind::identity);
  const cv::Point signature_middle(800, approval_top + 115);
  EXPECT_TRUE(std::any_of(ocr.pages_seen.begin(), ocr.pages_seen.end(), [&](const cv::Mat& seen) {
    return seen.size() == drawn.gray.size() && seen.at<uchar>(signature_middle) > 230;
  })) << "the approver's cell is read without the pen";
  const CellText& approver = content.identity->fields.at("approved_by");
  EXPECT_TRUE(approver.coloured_ink_removed);
  EXPECT_NE(approver.text.find("H. Ahmad Aznem, SE, M.Si"), std::string::npos) << approver.text;
  EXPECT_EQ(approver.text.find("Disahkan"), std::string::npos) << approver.text;
}

// Reads as the scripted engine does, then has `alter` change each word by what the page image
// it was given shows under it (a stamp's ring there, or filled in). A crop of the page is read
// as scripted: nothing of the page is known there.
class PageImageAwareEngine final : public OcrEngine {
 public:
  using Alter = std::function<void(OcrWord&, const cv::Mat& page_image)>;

  PageImageAwareEngine(const std::vector<DrawnCell>& cells, cv::Size page_size, Alter alter)
      : scripted_(cells, 0), page_size_(page_size), alter_(std::move(alter)) {}

  void set_page(const cv::Mat& image, int dpi) override {
    image_ = image.clone();
    scripted_.set_page(image, dpi);
  }

  OcrText read_region(const cv::Rect& region_px) override {
    OcrText text = scripted_.read_region(region_px);
    if (image_.size() != page_size_ || text.words.empty()) return text;
    std::string joined;
    double confidence = 0;
    for (std::size_t i = 0; i < text.words.size(); ++i) {
      OcrWord& word = text.words[i];
      alter_(word, image_);
      if (i > 0) joined += text.words[i - 1].line == word.line ? " " : "\n";
      joined += word.text;
      confidence += word.confidence;
    }
    text.text = joined;
    text.confidence = confidence / static_cast<double>(text.words.size());
    return text;
  }

  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return PageOrientation{0, 20.0};
  }

 private:
  ScriptedOcrEngine scripted_;
  cv::Size page_size_;
  Alter alter_;
  cv::Mat image_;
};

TEST(IdentityPage, AStampOverAPrintedValueIsReadThroughWhereTheScanKeptItsColour) {
  DrawnPage drawn = identity_page();
  // A violet stamp's ring through "Desember" in the Tanggal Efektif row.
  const int effective_middle = 100 + 3 * 60 + 30;
  const cv::Point centre(1010, effective_middle + 40);
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = drawn.gray;
  page.coloured_ink = cv::Mat::zeros(drawn.gray.size(), CV_8UC1);
  cv::circle(page.gray, centre, 40, cv::Scalar(70), 3);
  cv::circle(page.coloured_ink, centre, 40, cv::Scalar(255), 5);
  std::vector<cv::Point> stain;
  for (int x = 960; x < 1060; ++x) {
    for (int y = effective_middle - 10; y <= effective_middle + 10; ++y) {
      if (std::abs(cv::norm(cv::Point(x, y) - centre) - 40) < 1.5) stain.emplace_back(x, y);
    }
  }
  ASSERT_FALSE(stain.empty());
  // A word under the stain, where the page image shows it, comes back garbled and unsure.
  PageImageAwareEngine ocr(drawn.cells, page.gray.size(), [&](OcrWord& word, const cv::Mat& image) {
    const bool stained = std::any_of(stain.begin(), stain.end(), [&](const cv::Point& at) {
      return word.bbox_px.contains(at) && image.at<uchar>(at) < 128;
    });
    if (stained) {
      word.text = "Dxsxmbxr";
      word.confidence = 0.6;
    }
  });
  const PageContent content = analyze_page(page, ocr);
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->fields.at("effective").text, "10 Desember 2019");
  EXPECT_TRUE(content.identity->fields.at("effective").coloured_ink_removed);
  EXPECT_EQ(content.identity->fields.at("created").text, "01 Mei 2019");
  EXPECT_FALSE(content.identity->fields.at("created").coloured_ink_removed);
}

// A placeholder dash reads as a dash only with nothing but dust beside it: a stamp's rim
// reaching into the cell leaves it to the engine, which reads it as letters. Where the scan kept
// the stamp's colour, the cell read without that ink is the dash, and the date is none.
TEST(IdentityPage, APlaceholderDashAStampsRimReachesIsReadWithoutTheStampsColour) {
  DrawnPage drawn = identity_page();
  const auto revised = std::find_if(drawn.cells.begin(), drawn.cells.end(), [](const DrawnCell& c) {
    return c.reading == "16 September 2019";
  });
  ASSERT_NE(revised, drawn.cells.end());
  const cv::Rect box = revised->box;
  drawn.gray(cv::Rect(box.x + 3, box.y + 3, box.width - 6, box.height - 6)).setTo(255);
  cv::rectangle(drawn.gray, cv::Rect(box.x + 20, box.y + 28, 10, 3), cv::Scalar(0), cv::FILLED);
  revised->reading = "ee";  // what the engine makes of a lone dash
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = drawn.gray;
  page.coloured_ink = cv::Mat::zeros(drawn.gray.size(), CV_8UC1);
  const cv::Point rim_from(box.x + 120, box.y + 48), rim_to(box.x + 190, box.y + 44);
  cv::line(page.gray, rim_from, rim_to, cv::Scalar(70), 3);
  cv::line(page.coloured_ink, rim_from, rim_to, cv::Scalar(255), 5);
  ScriptedOcrEngine ocr(drawn.cells, 0);
  const PageContent content = analyze_page(page, ocr);
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->fields.at("revised").text, "-");
  EXPECT_TRUE(content.identity->fields.at("revised").coloured_ink_removed);
}

TEST(IdentityPage, TheApproverReadWithoutThePenSaysSo) {
  DrawnPage drawn = identity_page();
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = drawn.gray;
  page.coloured_ink = cv::Mat::zeros(drawn.gray.size(), CV_8UC1);
  const int approval_top = 100 + 4 * 60;
  cv::line(page.coloured_ink, {900, approval_top + 120}, {1100, approval_top + 60}, cv::Scalar(255),
           5);
  ScriptedOcrEngine ocr(drawn.cells, 0);
  const PageContent content = analyze_page(page, ocr);
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_TRUE(content.identity->fields.at("approved_by").coloured_ink_removed);
  EXPECT_FALSE(content.identity->fields.at("title").coloured_ink_removed);
}

TEST(IdentityPage, AnApproverWhoseNipAGreyStampsFilledRingCutIsReadWithTheStampLeftIn) {
  DrawnPage drawn = identity_page();
  const auto approver = std::find_if(drawn.cells.begin(), drawn.cells.end(), [](const auto& cell) {
    return cell.reading.find("NIP.") != std::string::npos;
  });
  ASSERT_NE(approver, drawn.cells.end());
  const std::vector<OcrWord> words = printed_words(*approver);
  const auto sequence = std::find_if(words.begin(), words.end(),
                                     [](const OcrWord& word) { return word.text == "200112"; });
  ASSERT_NE(sequence, words.end());
  // A stamp 30 mm across, its ring crossing the NIP's line through the appointment date.
  const int radius = 177;
  const int offset = 125;  // radius / sqrt(2)
  const cv::Point word_middle = (sequence->bbox_px.tl() + sequence->bbox_px.br()) / 2;
  const cv::Point centre(word_middle.x - offset, word_middle.y - offset);
  PageImage page;
  page.page_number = 1;
  page.dpi = kDpi;
  page.gray = drawn.gray.clone();
  cv::circle(page.gray, centre, radius, cv::Scalar(90), 4);
  std::vector<cv::Point> ring;
  for (int degrees = 0; degrees < 360; ++degrees) {
    const double angle = degrees * CV_PI / 180;
    ring.emplace_back(centre.x + static_cast<int>(std::lround(radius * std::cos(angle))),
                      centre.y + static_cast<int>(std::lround(radius * std::sin(angle))));
  }
  // A word the ring runs through reads only in part where the ring was filled in before OCR
  // (the fill took the letters' strokes with it), and whole where the ring is still on the page.
  PageImageAwareEngine ocr(drawn.cells, page.gray.size(), [&](OcrWord& word, const cv::Mat& image) {
    int on_ring = 0;
    int inked = 0;
    for (const cv::Point& at : ring) {
      if (!word.bbox_px.contains(at)) continue;
      ++on_ring;
      inked += image.at<uchar>(at) < 128 ? 1 : 0;
    }
    if (on_ring > 0 && 2 * inked < on_ring) word.text = word.text.substr(0, 3);
    word.confidence = 0.95;  // the NIP's lone "1" too
  });
  const PageContent content = analyze_page(page, ocr);
  ASSERT_EQ(content.kind, PageKind::identity);
  const std::string approved = content.identity->fields.at("approved_by").text;
  EXPECT_NE(approved.find("19730614 200112 1 004"), std::string::npos) << approved;
  // The ring crosses the dates above too: each read again, and taken where it then is one.
  EXPECT_EQ(content.identity->fields.at("created").text, "01 Mei 2019");
}

// Tesseract leaves out a line whose ink ran into a stamp's emblem above it, and reads it alone.
class LeavesOutALineEngine final : public OcrEngine {
 public:
  LeavesOutALineEngine(const std::vector<DrawnCell>& cells, cv::Size page_size,
                       std::vector<std::string> line_words)
      : scripted_(cells, 0), page_size_(page_size), line_words_(std::move(line_words)) {}

  void set_page(const cv::Mat& image, int dpi) override {
    image_size_ = image.size();
    scripted_.set_page(image, dpi);
  }

  OcrText read_region(const cv::Rect& region_px) override {
    OcrText text = scripted_.read_region(region_px);
    if (image_size_ != page_size_) return {};
    std::erase_if(text.words, [&](const OcrWord& word) {
      return std::find(line_words_.begin(), line_words_.end(), word.text) != line_words_.end();
    });
    for (OcrWord& word : text.words) word.confidence = 0.95;  // the NIP's lone "1" too
    text.text = reading_of(text.words);
    return text;
  }

  // A band taller than one line with its margins is where the left-out line stands.
  OcrText read_line(const cv::Rect& region_px) override {
    if (image_size_ == page_size_ || region_px.height < 40) return {};
    OcrText line{"", 0.9, {}};
    int x = 10;
    for (const std::string& word : line_words_) {
      line.words.push_back(
          {word, 0.9, cv::Rect(x, region_px.height / 2 - 7, 9 * int(word.size()), 14), 0});
      x += 9 * int(word.size()) + 5;
    }
    line.text = reading_of(line.words);
    return line;
  }

  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return PageOrientation{0, 20.0};
  }

 private:
  ScriptedOcrEngine scripted_;
  cv::Size page_size_;
  cv::Size image_size_;
  std::vector<std::string> line_words_;
};

// The stamp's emblem touches the approver's name from above: no gap in the ink parts them, and
// the block's reading leaves the name out. It stands one line pitch above the rank and NIP.
TEST(IdentityPage, AnApproversNameTheBlocksReadingLeftOutIsReadAloneAboveItsRank) {
  for (const bool in_key_cell : {false, true}) {
    SCOPED_TRACE(in_key_cell ? "block under its key" : "block beside its key");
    DrawnPage drawn = identity_page(
        {.approver_in_key_cell = in_key_cell,
         .approver_block = "Kepala Dinas\nH. Ahmad Aznem, SE, M.Si\nPembina Tk. I/IV.b\n"
                           "NIP. 19730614 200112 1 004"});
    const auto approver = std::find_if(
        drawn.cells.begin(), drawn.cells.end(),
        [](const auto& cell) { return cell.reading.find("NIP.") != std::string::npos; });
    ASSERT_NE(approver, drawn.cells.end());
    const std::vector<OcrWord> words = printed_words(*approver);
    const auto name = std::find_if(words.begin(), words.end(),
                                   [](const OcrWord& word) { return word.text == "Ahmad"; });
    ASSERT_NE(name, words.end());
    cv::rectangle(drawn.gray, cv::Rect(name->bbox_px.x, name->bbox_px.y - 30, 40, 33),
                  cv::Scalar(0), cv::FILLED);
    PageImage page;
    page.page_number = 1;
    page.dpi = kDpi;
    page.gray = drawn.gray;
    LeavesOutALineEngine ocr(drawn.cells, page.gray.size(),
                             {"H.", "Ahmad", "Aznem,", "SE,", "M.Si"});
    const PageContent content = analyze_page(page, ocr);
    ASSERT_EQ(content.kind, PageKind::identity);
    EXPECT_EQ(content.identity->fields.at("approved_by").original,
              "Kepala Dinas\nH. Ahmad Aznem, SE, M.Si\nPembina Tk. I/IV.b\n"
              "NIP. 19730614 200112 1 004");
  }
}

}  // namespace
}  // namespace sopocr
