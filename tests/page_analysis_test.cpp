// Page analysis as a specification: tables drawn into an image, an OCR engine that "reads" the
// text the test put in each cell, and the page content that must come out.
#include "page_analysis.h"

#include <gtest/gtest.h>

#include <cctype>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "orientation.h"

namespace sopocr {
namespace {

constexpr int kDpi = 150;

struct DrawnCell {
  cv::Rect box;
  std::string reading;  // what the scripted OCR returns for a region centred in this cell
};

// A white page with ruled cells; each cell with a reading gets a dab of ink so it is not blank.
struct DrawnPage {
  cv::Mat gray;
  std::vector<DrawnCell> cells;

  explicit DrawnPage(cv::Size size) : gray(size, CV_8UC1, cv::Scalar(255)) {}

  void cell(int x0, int y0, int x1, int y1, std::string reading, bool ruled = true) {
    const cv::Rect box(x0, y0, x1 - x0, y1 - y0);
    if (ruled) cv::rectangle(gray, box, cv::Scalar(0), 2);
    if (!reading.empty()) {
      cv::rectangle(gray, cv::Rect(x0 + 10, y0 + box.height / 2 - 3, 24, 7), cv::Scalar(0),
                    cv::FILLED);
    }
    cells.push_back({box, std::move(reading)});
  }

  void process_box(int x, int y) { cv::rectangle(gray, cv::Rect(x, y, 60, 30), cv::Scalar(0), 2); }
};

// "Reads" the drawn page: the reading of the innermost cell holding the region's centre.
class ScriptedOcrEngine final : public OcrEngine {
 public:
  ScriptedOcrEngine(std::vector<DrawnCell> cells, int page_turn)
      : cells_(std::move(cells)), page_turn_(page_turn) {}

  void set_page(const cv::Mat& gray, int) override { page_size_ = gray.size(); }

  OcrText read_region(const cv::Rect& region_px) override {
    const cv::Point centre = (region_px.tl() + region_px.br()) / 2;
    const DrawnCell* best = nullptr;
    for (const DrawnCell& cell : cells_) {
      if (cell.box.contains(centre) && (!best || cell.box.area() < best->box.area())) {
        best = &cell;
      }
    }
    if (!best || best->reading.empty()) return {};
    // Word by word, as Tesseract reports them: sure of words, unsure of a lone digit beside
    // one ("2 jam").
    OcrText text{best->reading, 0.95, {}};
    const bool several_words = best->reading.find(' ') != std::string::npos;
    std::istringstream lines(best->reading);
    std::string line_text;
    for (int line = 0; std::getline(lines, line_text); ++line) {
      std::istringstream words(line_text);
      std::string word;
      while (words >> word) {
        const bool lone_digit =
            word.size() == 1 && std::isdigit(static_cast<unsigned char>(word[0]));
        text.words.push_back({word, lone_digit && several_words ? 0.3 : 0.95, region_px, line});
      }
    }
    return text;
  }

  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return PageOrientation{page_turn_, 20.0};
  }

 private:
  std::vector<DrawnCell> cells_;
  int page_turn_ = 0;
  cv::Size page_size_;
};

// No | Uraian Kegiatan | Pelaksana (Kepala Dinas, Staf) | Mutu Baku (Kelengkapan, Waktu,
// Output) | Keterangan, a column-number row, and two steps with a process box in each lane.
DrawnPage step_table(const std::string& pelaksana_reading, bool rule_between_pelaksana_and_mutu,
                     const std::string& column_number_no_reading,
                     bool first_lane_outside_pelaksana = false,
                     const std::string& output_label = "Output") {
  DrawnPage page(cv::Size(1650, 1100));
  const int top = 100, header1 = 160, header2 = 240, numbers = 280, row1 = 430, row2 = 580;
  const int no = 60, uraian = 140, lane1 = 560, lane2 = 720, kelengkapan = 880, waktu = 1080,
            output = 1220, keterangan = 1420, right = 1580;
  page.cell(no, top, uraian, header2, "No");
  page.cell(uraian, top, lane1, header2, "Uraian Kegiatan");
  const int pelaksana_left = first_lane_outside_pelaksana ? lane2 : lane1;
  if (rule_between_pelaksana_and_mutu) {
    page.cell(pelaksana_left, top, kelengkapan, header1, pelaksana_reading);
    page.cell(kelengkapan, top, keterangan, header1, "Mutu Baku");
  } else {
    page.cell(pelaksana_left, top, keterangan, header1, pelaksana_reading);
  }
  page.cell(keterangan, top, right, header2, "Keterangan");
  if (first_lane_outside_pelaksana) {
    page.cell(lane1, top, lane2, header2, "Kepala Dinas");
  } else {
    page.cell(lane1, header1, lane2, header2, "Kepala Dinas");
  }
  page.cell(lane2, header1, kelengkapan, header2, "Staf");
  page.cell(kelengkapan, header1, waktu, header2, "Kelengkapan");
  page.cell(waktu, header1, output, header2, "Waktu");
  page.cell(output, header1, keterangan, header2, output_label);
  const std::vector<int> xs{no,    uraian, lane1,      lane2, kelengkapan,
                            waktu, output, keterangan, right};
  const std::vector<std::vector<std::string>> rows{
      {column_number_no_reading, "2", "3", "4", "5", "6", "7", "8"},
      {"1", "Membuat rencana kerja", "", "", "Telaahan Staf", "60 Menit", "Disposisi", ""},
      {"2", "Memeriksa rencana kerja", "", "", "Disposisi", "2 jam", "Renja", ""}};
  const std::vector<int> ys{header2, numbers, row1, row2};
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      page.cell(xs[c], ys[r], xs[c + 1], ys[r + 1], rows[r][c]);
    }
  }
  page.process_box(lane1 + 50, numbers + 60);
  page.process_box(lane2 + 50, row1 + 60);
  return page;
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
  const PageContent content = analyze(step_table("Pelaksana", true, "1"));
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

TEST(StepTable, ACellHoldingOnlyScanSpecksIsEmptyNotRead) {
  DrawnPage drawn = step_table("Pelaksana", true, "1");
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
  const PageContent content = analyze(step_table("Pelaksana", false, "1", false, ""));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(content.steps->rows[0].outputs.text, "Disposisi");
  EXPECT_EQ(content.steps->rows[1].outputs.text, "Renja");
}

TEST(StepTable, ColumnNumberRowIsNotAStepEvenWhenItsOneIsMisread) {
  const PageContent content = analyze(step_table("Pelaksana", true, "\u201c4"));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(activities(content),
            (std::vector<std::string>{"Membuat rencana kerja", "Memeriksa rencana kerja"}));
}

TEST(StepTable, LanesEndWhereMutuBakuBeginsWhenAFadedRuleMergedTheirHeaders) {
  const PageContent content = analyze(step_table("Pelaksana Mutu Baku", false, "1"));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(content.steps->rows.size(), 2u);
}

TEST(StepTable, ALaneOutsideThePrintedPelaksanaSpanIsStillALane) {
  // Real tables draw the requester's lane ("Tamu / Pengunjung") beside Pelaksana, its name
  // spanning both header rows.
  const PageContent content = analyze(step_table("Pelaksana", true, "1", true));
  ASSERT_EQ(content.kind, PageKind::step_table);
  EXPECT_EQ(lane_names(content), (std::vector<std::string>{"Kepala Dinas", "Staf"}));
  EXPECT_EQ(content.steps->rows[0].symbols.at(0).lane, 0);
}

TEST(StepTable, AnArrowRunningDownALaneOverManyRowsDoesNotSplitTheLane) {
  DrawnPage drawn = step_table("Pelaksana", true, "1");
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

TEST(StepTable, SidewaysScanIsTurnedUprightAndTheTurnIsRecorded) {
  const PageContent upright = analyze(step_table("Pelaksana", true, "1"));
  const PageContent sideways = analyze(step_table("Pelaksana", true, "1"), 90);
  EXPECT_EQ(upright.rotation_degrees, 0);
  EXPECT_EQ(sideways.rotation_degrees, 270);
  ASSERT_EQ(sideways.kind, PageKind::step_table);
  EXPECT_EQ(activities(sideways), activities(upright));
  EXPECT_EQ(sideways.steps->rows[1].symbols.at(0).lane, 1);
}

// The key/value block of an identity page, with the metadata grid below it.
DrawnPage identity_page(const std::string& title_label_reading) {
  DrawnPage page(cv::Size(1240, 1400));
  const int left = 80, key = 560, value = 860, right = 1160;
  const std::vector<std::pair<std::string, std::string>> rows{
      {"Nomor SOP", "067/2018/Disnaker/01"},
      {"Tanggal Pembuatan", "01 Mei 2019"},
      {"Tanggal Revisi", "16 September 2019"},
      {"Tanggal Efektif", "10 Desember 2019"},
      {"Disahkan Oleh", "Kepala Dinas\nH. Ahmad Aznem, SE, M.Si\nNIP. 19730614 200112 1 004"},
      {title_label_reading, "Pengelolaan Administrasi Belanja Barang/Jasa LS"}};
  int y = 100;
  const int top = y;
  for (const auto& [label, reading] : rows) {
    const int height = label == "Disahkan Oleh" ? 200 : 60;
    page.cell(key, y, value, y + height, label);
    page.cell(value, y, right, y + height, reading);
    y += height;
  }
  page.cell(left, top, key, y, "DINAS KETENAGAKERJAAN KOTA BONTANG");
  page.cell(left, y, 620, y + 60, "Dasar Hukum :");
  page.cell(620, y, right, y + 60, "Kualifikasi Pelaksana :");
  page.cell(left, y + 60, 620, y + 300, "1. Peraturan Walikota Bontang Nomor 27 Tahun 2012");
  page.cell(620, y + 60, right, y + 300, "1. Memahami peraturan keuangan");
  return page;
}

TEST(IdentityPage, KeyValueComesFromTheCellRightOfTheLabel) {
  const PageContent content = analyze(identity_page("Nama SOP"));
  ASSERT_EQ(content.kind, PageKind::identity);
  const IdentityContent& identity = *content.identity;
  EXPECT_EQ(identity.fields.at("sop_number").text, "067/2018/Disnaker/01");
  EXPECT_EQ(identity.fields.at("title").text, "Pengelolaan Administrasi Belanja Barang/Jasa LS");
  EXPECT_EQ(identity.lists.at("legal_basis").text,
            "1. Peraturan Walikota Bontang Nomor 27 Tahun 2012");
  ASSERT_TRUE(identity.institution);
  EXPECT_EQ(identity.institution->text, "DINAS KETENAGAKERJAAN KOTA BONTANG");
}

TEST(IdentityPage, AStrayMarkReadUnderAKeyLabelDoesNotHideTheValueBesideIt) {
  const PageContent content = analyze(identity_page("Nama SOP\n1"));
  ASSERT_EQ(content.kind, PageKind::identity);
  EXPECT_EQ(content.identity->fields.at("title").text,
            "Pengelolaan Administrasi Belanja Barang/Jasa LS");
}

}  // namespace
}  // namespace sopocr
