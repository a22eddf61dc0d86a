// The batch as a user sees it: bad inputs are reported with the file and the reason, the batch
// goes on, what was already written stays intact. A scripted OCR engine stands in for Tesseract
// so the flow through every stage is exact; a crashing one shows that an OCR failure on a page
// is reported, not fatal.
#include "ingest.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <optional>
#include <sstream>

#include "page_source.h"
#include "record_validator.h"

namespace sopocr {
namespace {

namespace fs = std::filesystem;

constexpr int kDpi = 150;

// A cell of the test step table, in PDF points, with the text a perfect OCR would read there.
struct DrawnCell {
  double x, y, width, height;
  std::string text;
};

// A one-page landscape step table drawn with Cairo: No | Uraian Kegiatan | Pelaksana (two lanes)
// | Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan, and two step rows. Its text is not drawn:
// the scripted OCR engine "reads" it from `cells`, so the test knows exactly what is on the page.
struct DrawnTable {
  std::vector<DrawnCell> cells;
};

DrawnTable step_table_layout() {
  DrawnTable table;
  const double top = 60, header1 = 30, header2 = 40, body = 70;
  const double no_x = 40, uraian_x = 80, lane1_x = 300, lane2_x = 380, kelengkapan_x = 460,
               waktu_x = 560, output_x = 630, keterangan_x = 730, right = 800;
  auto add = [&](double x0, double y0, double x1, double y1, std::string text) {
    table.cells.push_back({x0, y0, x1 - x0, y1 - y0, std::move(text)});
  };
  const double y1 = top + header1, y2 = y1 + header2, y3 = y2 + body, y4 = y3 + body;
  add(no_x, top, uraian_x, y2, "No");
  add(uraian_x, top, lane1_x, y2, "Uraian Kegiatan");
  add(lane1_x, top, kelengkapan_x, y1, "Pelaksana");
  add(kelengkapan_x, top, keterangan_x, y1, "Mutu Baku");
  add(keterangan_x, top, right, y2, "Keterangan");
  add(lane1_x, y1, lane2_x, y2, "Kepala Dinas");
  add(lane2_x, y1, kelengkapan_x, y2, "Staf");
  add(kelengkapan_x, y1, waktu_x, y2, "Kelengkapan");
  add(waktu_x, y1, output_x, y2, "Waktu");
  add(output_x, y1, keterangan_x, y2, "Output");
  const std::vector<std::vector<std::string>> rows{
      {"1", "Membuat rencana kerja", "", "", "Telaahan Staf", "60 Menit", "Disposisi", ""},
      {"2", "Memeriksa rencana kerja", "", "", "- Disposisi\n- Draft", "2 jam", "Renja", ""}};
  const std::vector<double> xs{no_x,    uraian_x, lane1_x,      lane2_x, kelengkapan_x,
                               waktu_x, output_x, keterangan_x, right};
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double row_top = r == 0 ? y2 : y3;
    const double row_bottom = r == 0 ? y3 : y4;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      add(xs[c], row_top, xs[c + 1], row_bottom, rows[r][c]);
    }
  }
  return table;
}

// `with_text`: the cells' text is typeset, as in a born-digital PDF; otherwise a mark stands in.
void write_step_table_pdf(const fs::path& path, const DrawnTable& table, bool with_text = false) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), 842, 595);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1.0);
  for (const DrawnCell& cell : table.cells) {
    cairo_rectangle(cr, cell.x, cell.y, cell.width, cell.height);
    cairo_stroke(cr);
    if (cell.text.empty()) continue;
    if (with_text) {
      cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size(cr, 7);
      std::istringstream lines(cell.text);
      double baseline = cell.y + 10;
      for (std::string line; std::getline(lines, line); baseline += 9) {
        cairo_move_to(cr, cell.x + 4, baseline);
        cairo_show_text(cr, line.c_str());
      }
    } else {
      // A small mark so the cell holds ink; the scripted engine supplies the words.
      cairo_rectangle(cr, cell.x + 6, cell.y + cell.height / 2 - 3, 14, 6);
      cairo_fill(cr);
    }
  }
  // Step 1's process box in lane 1 (Kepala Dinas), step 2's in lane 2 (Staf).
  cairo_rectangle(cr, 310, 150, 60, 30);
  cairo_stroke(cr);
  cairo_rectangle(cr, 390, 220, 60, 30);
  cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

void write_text_only_pdf(const fs::path& path) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), 595, 842);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 14);
  cairo_move_to(cr, 72, 100);
  cairo_show_text(cr, "Notulen rapat koordinasi, bukan SOP.");
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

void write_blank_pdf(const fs::path& path, double width_pt, double height_pt) {
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), width_pt, height_pt);
  cairo_t* cr = cairo_create(surface);
  cairo_rectangle(cr, 72, 72, 200, 20);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

// "Reads" the drawn table: the text of the cell that contains the region's centre.
class ScriptedOcrEngine final : public OcrEngine {
 public:
  explicit ScriptedOcrEngine(DrawnTable table) : table_(std::move(table)) {}
  void set_page(const cv::Mat&, int dpi) override { dpi_ = dpi; }
  OcrText read_region(const cv::Rect& region_px) override {
    const double scale = 72.0 / dpi_;
    const double x = (region_px.x + region_px.width / 2.0) * scale;
    const double y = (region_px.y + region_px.height / 2.0) * scale;
    for (const DrawnCell& cell : table_.cells) {
      if (x > cell.x && x < cell.x + cell.width && y > cell.y && y < cell.y + cell.height) {
        return OcrText{cell.text, cell.text.empty() ? 0.0 : 0.95, {}};
      }
    }
    return {};
  }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return PageOrientation{0, 20.0};
  }

 private:
  DrawnTable table_;
  int dpi_ = 300;
};

class CrashingOcrEngine final : public OcrEngine {
 public:
  void set_page(const cv::Mat&, int) override {}
  OcrText read_region(const cv::Rect&) override { throw OcrError("engine crashed"); }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    throw OcrError("engine crashed");
  }
};

std::vector<nlohmann::json> read_jsonl(const fs::path& path) {
  std::vector<nlohmann::json> records;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) records.push_back(nlohmann::json::parse(line));
  return records;
}

class Batch : public ::testing::Test {
 protected:
  void SetUp() override {
    silence_poppler_diagnostics();
    dir_ = fs::path(::testing::TempDir()) /
           ("sopocr-ingest-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write_step_table_pdf(dir_ / "good.pdf", step_table_layout());
  }

  fs::path write_bytes(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return dir_ / name;
  }

  IngestSummary run(const std::vector<fs::path>& files, const OcrEngineFactory& engines,
                    RecordSink& sink) {
    IngestOptions options;
    options.dpi = kDpi;
    return ingest(files, options, engines, {&sink},
                  [this](const std::string& line) { progress_.push_back(line); });
  }

  // Ingests one file to JSONL and returns its only record; nullopt (and a failure) unless the
  // file went through with exactly one record.
  std::optional<nlohmann::json> only_record_of(const fs::path& file,
                                               const OcrEngineFactory& engines) {
    auto sink = make_record_sink("jsonl", dir_ / "out.jsonl");
    const IngestSummary summary = run({file}, engines, *sink);
    sink.reset();
    EXPECT_EQ(summary.documents.size(), 1u);
    if (summary.documents.size() != 1) return std::nullopt;
    EXPECT_EQ(summary.documents[0].status, DocumentStatus::ok) << summary.documents[0].error;
    std::vector<nlohmann::json> records = read_jsonl(dir_ / "out.jsonl");
    EXPECT_EQ(records.size(), 1u);
    if (records.size() != 1) return std::nullopt;
    return std::move(records[0]);
  }

  static OcrEngineFactory scripted() {
    return [] { return std::make_unique<ScriptedOcrEngine>(step_table_layout()); };
  }

  fs::path dir_;
  std::vector<std::string> progress_;
};

TEST(PageSource, AMultiPageTiffGivesEachPageInTurn) {
  const fs::path tiff = fs::path(::testing::TempDir()) / "archive-scan.tif";
  const std::vector<cv::Mat> pages{cv::Mat(1169, 827, CV_8UC1, cv::Scalar(255)),
                                   cv::Mat(827, 1169, CV_8UC1, cv::Scalar(250)),
                                   cv::Mat(1169, 827, CV_8UC1, cv::Scalar(245))};
  ASSERT_TRUE(cv::imwritemulti(tiff.string(), pages));
  const auto source = open_page_source(tiff);
  ASSERT_EQ(source->page_count(), 3);
  const PageImage second = source->render(2, 300);
  EXPECT_EQ(second.page_number, 2);
  EXPECT_EQ(second.gray.size(), cv::Size(1169, 827));
  EXPECT_EQ(second.gray.at<uchar>(10, 10), 250);
  EXPECT_GE(second.dpi, 90);  // estimated from an A4-like page: 1169 px on 11.7 inches
  EXPECT_LE(second.dpi, 110);
  EXPECT_EQ(source->render(3, 300).gray.at<uchar>(10, 10), 245);
}

TEST(PageSource, APageBoxNoPaperHasIsRenderedAsThePaperOfItsShape) {
  // A scan embedded at 72 ppi: the box is four times an A4 sheet (33 x 47 inches).
  const fs::path pdf = fs::path(::testing::TempDir()) / "embedded-at-72ppi.pdf";
  cairo_surface_t* surface = cairo_pdf_surface_create(pdf.c_str(), 4 * 595.28, 4 * 841.89);
  cairo_t* cr = cairo_create(surface);
  cairo_rectangle(cr, 400, 400, 1600, 40);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  const PageImage page = open_page_source(pdf)->render(1, 200);
  EXPECT_EQ(page.dpi, 200);     // of the paper: what thresholds in inches scale with
  EXPECT_EQ(page.box_dpi, 50);  // of the box: what re-renders the same pixels
  EXPECT_NEAR(page.gray.cols, 8.27 * 200, 3);
  EXPECT_NEAR(page.gray.rows, 11.69 * 200, 3);

  // A 96-ppi scan embedded at 72 ppi: an A4 sheet's shape, a third larger than any paper of it.
  const fs::path a4_shape = fs::path(::testing::TempDir()) / "a4-shape-at-96ppi.pdf";
  write_blank_pdf(a4_shape, 595.28 * 96 / 72, 841.89 * 96 / 72);
  const PageImage a4_shaped = open_page_source(a4_shape)->render(1, 200);
  EXPECT_EQ(a4_shaped.box_dpi, 150);
  EXPECT_NEAR(a4_shaped.gray.cols, 8.27 * 200, 3);

  // A box of a real paper size is rendered as asked, whatever its shape: A3, B4, a cropped page.
  for (const auto& [width_pt, height_pt] : {std::pair{841.89, 1190.55}, std::pair{708.66, 1000.63},
                                            std::pair{700.0, 920.0}}) {
    const fs::path paper = fs::path(::testing::TempDir()) / "true-paper.pdf";
    write_blank_pdf(paper, width_pt, height_pt);
    EXPECT_EQ(open_page_source(paper)->render(1, 100).box_dpi, 100) << width_pt << " x " << height_pt;
  }
  const fs::path a4 = fs::path(::testing::TempDir()) / "true-a4.pdf";
  write_text_only_pdf(a4);
  const PageImage true_page = open_page_source(a4)->render(1, 200);
  EXPECT_EQ(true_page.box_dpi, 200);
  EXPECT_NEAR(true_page.gray.cols, 8.27 * 200, 3);
}

TEST(PageSource, AnImageIsRecognisedByItsContentNotItsName) {
  const fs::path misnamed = fs::path(::testing::TempDir()) / "scan-from-the-copier.pdf";
  ASSERT_TRUE(cv::imwrite((misnamed.string() + ".png"), cv::Mat(400, 300, CV_8UC1, 255)));
  fs::rename(misnamed.string() + ".png", misnamed);
  const auto source = open_page_source(misnamed);
  EXPECT_EQ(source->page_count(), 1);
  EXPECT_EQ(source->render(1, 300).gray.size(), cv::Size(300, 400));
}

TEST_F(Batch, AStepTableBecomesAValidRecordWithLanesAsActors) {
  const std::optional<nlohmann::json> only = only_record_of(dir_ / "good.pdf", scripted());
  ASSERT_TRUE(only);
  const nlohmann::json& record = *only;
  EXPECT_TRUE(RecordValidator().validate(record).empty());
  EXPECT_EQ(record["actors"], nlohmann::json({"Kepala Dinas", "Staf"}));
  ASSERT_EQ(record["steps"].size(), 2u);
  EXPECT_EQ(record["steps"][0]["no"], 1);
  EXPECT_EQ(record["steps"][0]["activity"], "Membuat rencana kerja");
  EXPECT_EQ(record["steps"][0]["actor"], "Kepala Dinas");
  EXPECT_EQ(record["steps"][0]["symbol"], "process");
  EXPECT_EQ(record["steps"][0]["duration"]["minutes"], 60);
  EXPECT_EQ(record["steps"][1]["actor"], "Staf");
  EXPECT_EQ(record["steps"][1]["requirements"], nlohmann::json({"Disposisi", "Draft"}));
  EXPECT_EQ(record["source"]["pages"], nlohmann::json({1}));
  EXPECT_EQ(record["source"]["sha256"].get<std::string>().size(), 64u);
  // No identity page: header fields are null, not invented.
  EXPECT_TRUE(record["header"]["title"].is_null());
  // The table has no arrows: no flow is invented, and the first step, which should lead on,
  // has its `next` on review; the last step leads nowhere and is not.
  auto reviewed = [&](const std::string& pointer) {
    return std::any_of(record["review"].begin(), record["review"].end(),
                       [&](const nlohmann::json& entry) { return entry["path"] == pointer; });
  };
  EXPECT_TRUE(record["steps"][0]["next"].empty());
  EXPECT_TRUE(record["steps"][1]["next"].empty());
  EXPECT_TRUE(reviewed("/steps/0/next"));
  EXPECT_FALSE(reviewed("/steps/1/next"));
}

TEST_F(Batch, ABornDigitalPdfIsReadFromItsTextLayerWithoutOcr) {
  write_step_table_pdf(dir_ / "born-digital.pdf", step_table_layout(), true);
  // Any OCR call would fail the document.
  const std::optional<nlohmann::json> only = only_record_of(
      dir_ / "born-digital.pdf", [] { return std::make_unique<CrashingOcrEngine>(); });
  ASSERT_TRUE(only);
  const nlohmann::json& record = *only;
  EXPECT_EQ(record["actors"], nlohmann::json({"Kepala Dinas", "Staf"}));
  ASSERT_EQ(record["steps"].size(), 2u);
  EXPECT_EQ(record["steps"][0]["activity"], "Membuat rencana kerja");
  EXPECT_EQ(record["steps"][1]["requirements"], nlohmann::json({"Disposisi", "Draft"}));
  EXPECT_EQ(record["steps"][1]["duration"]["text"], "2 jam");
  // Text from the layer is certain: nothing is on review for a weak reading.
  for (const nlohmann::json& entry : record["review"]) {
    EXPECT_NE(entry["reason"], "low_ocr_confidence") << entry["path"];
  }
}

TEST_F(Batch, BadFilesAreReportedWithTheReasonAndTheBatchGoesOn) {
  write_text_only_pdf(dir_ / "notulen.pdf");
  const fs::path encrypted = dir_ / "encrypted.pdf";
  ASSERT_EQ(std::system(("qpdf --encrypt user owner 256 -- " + (dir_ / "good.pdf").string() + " " +
                         encrypted.string())
                            .c_str()),
            0);
  const std::vector<fs::path> files{
      write_bytes("corrupt.pdf", "%PDF-1.4\n1 0 obj garbage\n%%EOF\n"),
      write_bytes("empty.pdf", ""),
      encrypted,
      write_bytes("photo.txt", "not a document"),
      dir_ / "notulen.pdf",
      dir_ / "good.pdf",
  };
  auto sink = make_record_sink("jsonl", dir_ / "out.jsonl");
  const IngestSummary summary = run(files, scripted(), *sink);
  sink.reset();
  ASSERT_EQ(summary.documents.size(), files.size());
  auto error_of = [&](std::size_t i) { return summary.documents[i].error; };
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(summary.documents[i].status, DocumentStatus::failed) << files[i];
  }
  EXPECT_NE(error_of(0).find("damaged"), std::string::npos) << error_of(0);
  EXPECT_NE(error_of(1).find("empty"), std::string::npos) << error_of(1);
  EXPECT_NE(error_of(2).find("encrypted"), std::string::npos) << error_of(2);
  EXPECT_NE(error_of(3).find("not a PDF"), std::string::npos) << error_of(3);
  EXPECT_NE(error_of(4).find("no SOP found"), std::string::npos) << error_of(4);
  EXPECT_EQ(summary.documents[5].status, DocumentStatus::ok);
  EXPECT_EQ(read_jsonl(dir_ / "out.jsonl").size(), 1u);
  // Every failure is reported with its file name.
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_TRUE(std::any_of(progress_.begin(), progress_.end(), [&](const std::string& line) {
      return line.find(files[i].string()) != std::string::npos &&
             line.find("FAILED") != std::string::npos;
    })) << files[i];
  }
}

TEST_F(Batch, AnOcrCrashFailsItsDocumentAndKeepsWhatWasWritten) {
  const fs::path jsonl = dir_ / "out.jsonl";
  {
    auto sink = make_record_sink("jsonl", jsonl);
    run({dir_ / "good.pdf"}, scripted(), *sink);
  }
  const std::vector<nlohmann::json> before = read_jsonl(jsonl);
  ASSERT_EQ(before.size(), 1u);
  {
    auto sink = make_record_sink("jsonl", jsonl, SinkOptions{.append = true});
    const IngestSummary summary = run(
        {dir_ / "good.pdf"}, [] { return std::make_unique<CrashingOcrEngine>(); }, *sink);
    ASSERT_EQ(summary.documents.size(), 1u);
    EXPECT_EQ(summary.documents[0].status, DocumentStatus::failed);
    EXPECT_NE(summary.documents[0].error.find("engine crashed"), std::string::npos)
        << summary.documents[0].error;
  }
  EXPECT_EQ(read_jsonl(jsonl), before);
}

TEST_F(Batch, SqliteKeepsOneSetOfRecordsPerDocumentAcrossRuns) {
  const fs::path db = dir_ / "out.sqlite";
  for (int run_number = 0; run_number < 2; ++run_number) {
    auto sink = make_record_sink("sqlite", db);
    run({dir_ / "good.pdf"}, scripted(), *sink);
  }
  const std::string query = "sqlite3 " + db.string() + " 'SELECT COUNT(*) FROM records' > " +
                            (dir_ / "count.txt").string();
  ASSERT_EQ(std::system(query.c_str()), 0);
  std::ifstream in(dir_ / "count.txt");
  int count = -1;
  in >> count;
  EXPECT_EQ(count, 1);
}

TEST(Inputs, DirectoriesExpandToDocumentsAndMissingInputsAreNamed) {
  const fs::path dir = fs::path(::testing::TempDir()) / "sopocr-inputs";
  fs::remove_all(dir);
  fs::create_directories(dir / "b" / ".hidden");
  std::ofstream(dir / "b" / "2.pdf") << "%PDF-1.4";
  std::ofstream(dir / "1.pdf") << "%PDF-1.4";
  std::ofstream(dir / "b" / ".hidden" / "3.pdf") << "%PDF-1.4";
  std::ofstream(dir / "b" / "README.md") << "# notes";
  std::ofstream(dir / "named.txt") << "not a document";
  const InputFiles inputs = collect_input_files({dir, dir / "nope.pdf", dir / "named.txt"});
  EXPECT_EQ(inputs.files,
            (std::vector<fs::path>{dir / "1.pdf", dir / "b" / "2.pdf", dir / "named.txt"}));
  EXPECT_EQ(inputs.skipped_in_directories, 2);  // b/README.md and named.txt found by the walk
  ASSERT_EQ(inputs.missing.size(), 1u);
  EXPECT_NE(inputs.missing[0].find("nope.pdf"), std::string::npos);
}

}  // namespace
}  // namespace sopocr
