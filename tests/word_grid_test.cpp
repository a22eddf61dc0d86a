// The grid of a step table whose rules the scan lost, as a specification: the words an engine
// reads off such a page, each printed as a block of ink where it stands, and where the grid's
// columns and rows must part them.
#include "word_grid.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <stdexcept>

namespace sopocr {
namespace {

constexpr int kDpi = 150;
constexpr int kLetter = 8, kHeight = 14, kSpace = 6;

// A page with no rule left on it: its words as the engine read them, and their ink.
struct UnruledPage {
  cv::Mat ink = cv::Mat(1100, 1650, CV_8UC1, cv::Scalar(0));
  std::vector<OcrWord> words;

  // `text` printed from (x, y), its words `space` apart, each read where it stands.
  void line(int x, int y, const std::string& text, int space = kSpace) {
    std::istringstream in(text);
    for (std::string word; in >> word;) {
      const cv::Rect box(x, y, kLetter * static_cast<int>(word.size()), kHeight);
      ink(box).setTo(255);
      words.push_back({word, 0.9, box, 0});
      x += box.width + space;
    }
  }

  // A letter the engine did not read: a step number too small or faint for it.
  void unread_letter(int x, int y) { ink(cv::Rect(x, y, kLetter, kHeight)).setTo(255); }

  void process_box(int x, int y) { cv::rectangle(ink, cv::Rect(x, y, 60, 30), 255, 2); }
};

// No | Uraian Kegiatan | Pelaksana (two lanes) | Mutu Baku (Kelengkapan, Waktu, Output) |
// Keterangan, two steps with a process box in each lane. The first lane's name is `first_lane`,
// printed as it is given, one line per entry.
UnruledPage step_table(const std::vector<std::string>& first_lane = {"Kepala Dinas"},
                       bool numbers_read = true) {
  UnruledPage page;
  page.line(684, 120, "Pelaksana");
  page.line(1110, 120, "Mutu Baku");
  page.line(90, 165, "No");
  page.line(280, 165, "Uraian Kegiatan");
  page.line(1450, 165, "Keterangan");
  for (std::size_t i = 0; i < first_lane.size(); ++i) {
    page.line(590, 195 + 20 * static_cast<int>(i) - 10 * static_cast<int>(first_lane.size() - 1),
              first_lane[i]);
  }
  page.line(780, 195, "Staf");
  page.line(930, 195, "Kelengkapan");
  page.line(1128, 195, "Waktu");
  page.line(1294, 195, "Output");
  const std::vector<std::vector<std::string>> steps{
      {"1", "Membuat rencana kerja", "Telaahan Staf", "60 Menit", "Disposisi"},
      {"2", "Memeriksa rencana kerja", "Disposisi", "2 jam", "Renja"}};
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const int y = 300 + 150 * static_cast<int>(s);
    if (numbers_read) {
      page.line(95, y, steps[s][0]);
    } else {
      page.unread_letter(95, y);
    }
    page.line(150, y, steps[s][1]);
    page.line(900, y, steps[s][2]);
    page.line(1100, y, steps[s][3]);
    page.line(1250, y, steps[s][4]);
  }
  page.process_box(610, 330);
  page.process_box(790, 480);
  return page;
}

cv::Point centre(const cv::Rect& box) { return (box.tl() + box.br()) / 2; }

const OcrWord& word(const UnruledPage& page, const std::string& text) {
  for (const OcrWord& read : page.words) {
    if (read.text == text) return read;
  }
  throw std::invalid_argument("no word " + text);
}

TEST(WordGrid, ColumnsPartBetweenTheHeadersLabelsAndRowsStartAtTheStepNumbers) {
  const UnruledPage page = step_table();
  const auto grid = grid_from_words(page.words, page.ink, kDpi);
  ASSERT_TRUE(grid);
  // No, Uraian Kegiatan, two lanes, Kelengkapan, Waktu, Output, Keterangan.
  EXPECT_EQ(grid->col_count(), 8);
  auto column_of = [&](const std::string& text) {
    return grid->column_at(centre(word(page, text).bbox_px).x);
  };
  EXPECT_EQ(column_of("No"), 0);
  EXPECT_EQ(column_of("Membuat"), 1);
  EXPECT_EQ(column_of("Kepala"), 2);
  EXPECT_EQ(column_of("Dinas"), 2);
  EXPECT_EQ(column_of("Staf"), 3);
  EXPECT_EQ(column_of("Telaahan"), 4);
  EXPECT_EQ(column_of("Waktu"), 5);
  EXPECT_EQ(column_of("Renja"), 6);
  EXPECT_EQ(column_of("Keterangan"), 7);
  // Each step's symbol in its own lane and row.
  EXPECT_EQ(grid->column_at(640), 2);
  EXPECT_EQ(grid->column_at(820), 3);
  EXPECT_NE(grid->row_at(345), grid->row_at(495));
  EXPECT_EQ(grid->row_at(345), grid->row_at(300));
  EXPECT_EQ(grid->row_at(495), grid->row_at(450));
  // Pelaksana's row above the lanes' names, one cell across both lanes.
  const GridCell* pelaksana = grid->cell_at(grid->row_at(127), 2);
  ASSERT_NE(pelaksana, nullptr);
  EXPECT_EQ(pelaksana->col_span, 2);
  EXPECT_NE(grid->row_at(127), grid->row_at(200));
}

// The engine reads a wrapped name's second line as two words further apart than a space: the
// first line over them is still that lane's name, not a label spanning two lanes.
TEST(WordGrid, AWrappedLaneNameWhoseSecondLineWasReadInTwoPartsIsOneLane) {
  UnruledPage page = step_table({"Sekretaris/", ""});
  page.line(590, 205, "Ka. Bidang", 3 * kSpace);
  const auto grid = grid_from_words(page.words, page.ink, kDpi);
  ASSERT_TRUE(grid);
  EXPECT_EQ(grid->col_count(), 8);
  EXPECT_EQ(grid->column_at(centre(word(page, "Ka.").bbox_px).x),
            grid->column_at(centre(word(page, "Bidang").bbox_px).x));
}

// A label spanning the lanes read in two parts, a letter's gap wider than a space between them:
// it is still the label over both lanes, not the first line of each lane's name.
TEST(WordGrid, ALabelOverTheLanesReadInTwoPartsStillSpansThem) {
  UnruledPage page = step_table();
  const OcrWord pelaksana = word(page, "Pelaksana");
  page.ink(pelaksana.bbox_px).setTo(0);
  page.words.erase(std::find_if(page.words.begin(), page.words.end(),
                                [](const OcrWord& read) { return read.text == "Pelaksana"; }));
  page.line(600, 120, "Pejabat yang");
  page.line(714, 120, "bertanggung jawab");
  const auto grid = grid_from_words(page.words, page.ink, kDpi);
  ASSERT_TRUE(grid);
  EXPECT_EQ(grid->col_count(), 8);
  EXPECT_NE(grid->row_at(127), grid->row_at(200));
  const GridCell* label = grid->cell_at(grid->row_at(127), 2);
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->col_span, 2);
}

// Grain on a photographed page is read as "words" of a speck or two, in the header and between
// the steps: they name no column and start no step.
TEST(WordGrid, SpecksReadAsWordsNameNoColumn) {
  UnruledPage page = step_table();
  for (const cv::Point speck : {cv::Point(200, 130), cv::Point(470, 190), cv::Point(520, 240),
                                cv::Point(880, 150), cv::Point(300, 380), cv::Point(450, 400)}) {
    const cv::Rect box(speck.x, speck.y, 3, 5);
    page.ink(box).setTo(255);
    page.words.push_back({"ee", 0.45, box, 0});
  }
  const auto grid = grid_from_words(page.words, page.ink, kDpi);
  ASSERT_TRUE(grid);
  EXPECT_EQ(grid->col_count(), 8);
  EXPECT_EQ(grid->column_at(centre(word(page, "Membuat").bbox_px).x), 1);
  EXPECT_EQ(grid->row_at(300), grid->row_at(400));
  EXPECT_NE(grid->row_at(400), grid->row_at(450));
}

// An engine's box may take in a speck above a word: the word still stands on its line, beside
// the other words of its name.
TEST(WordGrid, ASpeckInAWordsBoxDoesNotLiftItOffItsLine) {
  UnruledPage page = step_table();
  for (OcrWord& read : page.words) {
    if (read.text != "Dinas") continue;
    const cv::Rect speck(read.bbox_px.x + 10, read.bbox_px.y - 20, 6, 6);
    page.ink(speck).setTo(255);
    read.bbox_px |= speck;
  }
  const auto grid = grid_from_words(page.words, page.ink, kDpi);
  ASSERT_TRUE(grid);
  EXPECT_EQ(grid->col_count(), 8);
  EXPECT_EQ(grid->column_at(centre(word(page, "Kepala").bbox_px).x), 2);
  EXPECT_EQ(grid->column_at(centre(word(page, "Dinas").bbox_px).x + 5), 2);
}

// An activity label read in parts, the last a little apart ("Proses/ Tahapan" and "Kegiatan"):
// the whole label heads the column, and the first part is no column of its own.
TEST(WordGrid, AnActivityLabelReadInPartsHeadsOneColumn) {
  UnruledPage page = step_table();
  const OcrWord uraian = word(page, "Uraian");
  const OcrWord kegiatan = word(page, "Kegiatan");
  page.ink(uraian.bbox_px | kegiatan.bbox_px).setTo(0);
  page.words.erase(std::remove_if(page.words.begin(), page.words.end(),
                                  [](const OcrWord& read) {
                                    return read.text == "Uraian" || read.text == "Kegiatan";
                                  }),
                   page.words.end());
  page.line(230, 165, "Proses/ Tahapan");
  page.line(368, 165, "Kegiatan");
  const auto grid = grid_from_words(page.words, page.ink, kDpi);
  ASSERT_TRUE(grid);
  EXPECT_EQ(grid->col_count(), 8);
  EXPECT_EQ(grid->column_at(centre(word(page, "Membuat").bbox_px).x), 1);
  EXPECT_EQ(grid->column_at(centre(word(page, "Proses/").bbox_px).x), 1);
}

// Step numbers the engine did not read are still marks in the number column; a sub-item's
// paragraph beside none, and with no Kelengkapan, Waktu or Output level with it, stays in its
// step's row.
TEST(WordGrid, UnreadStepNumbersStartTheRowsAndASubItemStaysInItsStep) {
  UnruledPage page = step_table({"Kepala Dinas"}, false);
  page.line(150, 370, "b. kerja tahunan");
  const auto grid = grid_from_words(page.words, page.ink, kDpi);
  ASSERT_TRUE(grid);
  EXPECT_EQ(grid->column_at(100), 0);
  EXPECT_EQ(grid->row_at(377), grid->row_at(307));
  EXPECT_NE(grid->row_at(377), grid->row_at(457));
}

TEST(WordGrid, WordsThatShowNoStepTableHeaderPlaceNoGrid) {
  UnruledPage letter;
  letter.line(100, 100, "Uraian Kegiatan tahun ini disampaikan kepada");
  letter.line(100, 130, "seluruh pegawai dinas untuk dilaksanakan dengan");
  letter.line(100, 160, "penuh tanggung jawab oleh setiap bidang");
  EXPECT_FALSE(grid_from_words(letter.words, letter.ink, kDpi));

  // A header without the steps under it is no table either.
  UnruledPage header_only = step_table();
  header_only.words.erase(std::remove_if(header_only.words.begin(), header_only.words.end(),
                                         [](const OcrWord& read) { return read.bbox_px.y >= 300; }),
                          header_only.words.end());
  EXPECT_FALSE(grid_from_words(header_only.words, header_only.ink, kDpi));
}

}  // namespace
}  // namespace sopocr
