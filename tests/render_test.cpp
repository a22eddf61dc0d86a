// Fixture renderer and scan degrader: a tiny SOP built here is laid out, drawn and scanned, and
// the results are checked for page structure, symbol placement, arrows and determinism.
#include <gtest/gtest.h>
#include <poppler-page.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "degrade.h"
#include "fixture_manifest.h"
#include "layout.h"
#include "random_document.h"
#include "rasterize.h"
#include "render_document.h"
#include "scan_document.h"

namespace fx = sopocr::fixtures;
using sopocr::Edge;
using sopocr::SopRecord;
using sopocr::Step;
using sopocr::SymbolKind;

namespace {

Step make_step(int no, const std::string& actor, SymbolKind symbol, std::vector<Edge> next) {
  Step step;
  step.no = no;
  step.activity = "Langkah " + std::to_string(no) + " dari prosedur uji";
  step.actor = actor;
  step.symbol = symbol;
  step.requirements = {"Berkas"};
  step.outputs = {"Dokumen", "Tanda terima"};
  step.next = std::move(next);
  return step;
}

// Seven steps over three lanes on two table pages (identity page + 2): a decision with a back
// edge on the first page and an arrow that continues onto the second page.
SopRecord tiny_record() {
  SopRecord record;
  record.source.file = "tiny.pdf";
  record.source.pages = {1, 2, 3};
  record.header.institution = "DINAS UJI COBA KABUPATEN CONTOH";
  record.header.title = "Pengujian Renderer";
  record.header.created = "2021-01-04";
  record.header.approver =
      sopocr::Approver{"Kepala Dinas", "Budi, S.T.", "Pembina / IV.a", "196911011993031009"};
  record.legal_basis = {"Peraturan Uji Nomor 1 Tahun 2020"};
  record.actors = {"Kepala Dinas", "Sekretaris", "Staf Pelaksana"};
  record.steps = {
      make_step(1, "Kepala Dinas", SymbolKind::terminator, {Edge{2, {}, {}}}),
      make_step(2, "Staf Pelaksana", SymbolKind::process, {Edge{3, {}, {}}}),
      make_step(3, "Sekretaris", SymbolKind::decision,
                {Edge{4, {}, std::string("Ya")}, Edge{2, {}, std::string("Tidak")}}),
      make_step(4, "Kepala Dinas", SymbolKind::process, {Edge{5, {}, {}}}),
      make_step(5, "Sekretaris", SymbolKind::process, {Edge{6, {}, {}}}),
      make_step(6, "Staf Pelaksana", SymbolKind::process, {Edge{std::nullopt, 6, {}}}),
      make_step(7, "Kepala Dinas", SymbolKind::terminator, {}),
  };
  record.steps[6].no = std::nullopt;  // an unnumbered row, reached through to_index
  return record;
}

fx::DocumentSpec tiny_document() {
  fx::DocumentSpec document;
  document.id = "tiny";
  document.file = "tiny.pdf";
  document.kind = fx::DocumentKind::single;
  document.sops = {fx::SopEntry{"tiny", true}};
  document.scan = fx::ScanSettings{7, 60, {2}};
  return document;
}

std::vector<fx::TruthSop> tiny_sops() {
  return {fx::TruthSop{"tiny", "in-test/tiny.json", fx::SopEntry{"tiny", true}, tiny_record()}};
}

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    out_dir_ = std::filesystem::temp_directory_path() /
               (std::string("sopocr-render-test-") + info->name());
    std::filesystem::remove_all(out_dir_);
  }
  void TearDown() override { std::filesystem::remove_all(out_dir_); }

  std::filesystem::path out_dir_;
  fx::Typesetter typesetter_;
};

const fx::StepTablePage& table_of(const fx::PageLayout& page) {
  return std::get<fx::StepTablePage>(page.content);
}

}  // namespace

TEST(RowsPerPage, EarlierPagesTakeTheExtraRow) {
  EXPECT_EQ(fx::rows_per_page(7, 3), (std::vector<std::size_t>{3, 2, 2}));
  EXPECT_EQ(fx::rows_per_page(4, 2), (std::vector<std::size_t>{2, 2}));
  EXPECT_EQ(fx::rows_per_page(1, 1), (std::vector<std::size_t>{1}));
}

TEST_F(RenderTest, PagesFollowTheTruthPageCountAndOrientation) {
  const fx::DocumentLayout layout =
      fx::render_document(tiny_document(), tiny_sops(), out_dir_, typesetter_);
  ASSERT_EQ(layout.pages.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<fx::IdentityPage>(layout.pages[0].content));
  EXPECT_EQ(layout.pages[0].orientation, fx::Orientation::portrait);
  for (std::size_t page = 1; page < 3; ++page) {
    EXPECT_EQ(layout.pages[page].orientation, fx::Orientation::landscape);
    EXPECT_EQ(table_of(layout.pages[page]).rows.size(), page == 1 ? 4u : 3u);
  }

  // The PDF itself agrees: three pages, portrait then landscape.
  const auto pdf = fx::open_pdf(out_dir_ / "tiny.pdf");
  ASSERT_EQ(pdf->pages(), 3);
  for (int index = 0; index < 3; ++index) {
    const std::unique_ptr<poppler::page> page(pdf->create_page(index));
    const poppler::rectf box = page->page_rect(poppler::media_box);
    EXPECT_EQ(box.width() < box.height(), index == 0) << "page " << index + 1;
  }
  EXPECT_TRUE(std::filesystem::exists(out_dir_ / "tiny.layout.json"));
}

TEST_F(RenderTest, PagesNotWhereTruthSaysAreReported) {
  std::vector<fx::TruthSop> sops = tiny_sops();
  sops[0].record.source.pages = {2, 3, 4};  // the renderer starts the SOP on page 1
  try {
    fx::layout_document(tiny_document(), sops, typesetter_);
    FAIL() << "expected a FixtureError";
  } catch (const fx::FixtureError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("in-test/tiny.json"), std::string::npos) << message;
    EXPECT_NE(message.find("[2, 3, 4]"), std::string::npos) << message;
    EXPECT_NE(message.find("[1, 2, 3]"), std::string::npos) << message;
  }
}

TEST_F(RenderTest, SymbolsSitInTheirActorsLaneAndRow) {
  const SopRecord record = tiny_record();
  const fx::DocumentLayout layout = fx::layout_document(tiny_document(), tiny_sops(), typesetter_);
  int symbols = 0;
  for (const fx::PageLayout& page : layout.pages) {
    if (!std::holds_alternative<fx::StepTablePage>(page.content)) continue;
    const fx::StepTablePage& table = table_of(page);
    for (const fx::StepRow& row : table.rows) {
      ASSERT_TRUE(row.symbol.has_value());
      const std::string& actor = *record.steps[row.step_index].actor;
      EXPECT_EQ(record.actors[row.symbol->actor], actor);
      const std::size_t column = table.columns.lane(row.symbol->actor);
      const fx::Box lane{table.columns.left(column), row.box.y, table.columns.width(column),
                         row.box.height};
      EXPECT_TRUE(lane.contains(row.symbol->box)) << "step " << row.step_index;
      EXPECT_TRUE(row.box.contains(row.symbol->box)) << "step " << row.step_index;
      ++symbols;
    }
  }
  EXPECT_EQ(symbols, 7);
}

TEST_F(RenderTest, ArrowsAreOrthogonalAndEndOnTheirTarget) {
  const fx::DocumentLayout layout = fx::layout_document(tiny_document(), tiny_sops(), typesetter_);
  int arrows = 0;
  int connectors = 0;
  for (const fx::PageLayout& page : layout.pages) {
    if (!std::holds_alternative<fx::StepTablePage>(page.content)) continue;
    const fx::StepTablePage& table = table_of(page);
    connectors += static_cast<int>(table.connectors.size());
    for (const fx::ArrowRoute& arrow : table.arrows) {
      ASSERT_GE(arrow.points.size(), 2u);
      for (std::size_t i = 0; i + 1 < arrow.points.size(); ++i) {
        const fx::Point& a = arrow.points[i];
        const fx::Point& b = arrow.points[i + 1];
        EXPECT_TRUE(std::abs(a.x - b.x) < 0.01 || std::abs(a.y - b.y) < 0.01)
            << "diagonal segment in arrow " << arrow.from_step << "->" << arrow.to_step;
      }
      // The tip touches the target symbol when the target is on this page.
      for (const fx::StepRow& row : table.rows) {
        if (row.step_index != arrow.to_step) continue;
        EXPECT_TRUE(
            row.symbol->box.contains({arrow.points.back().x, arrow.points.back().y, 0, 0}, 0.01))
            << "arrow " << arrow.from_step << "->" << arrow.to_step;
      }
      ++arrows;
    }
  }
  EXPECT_EQ(arrows, 8);      // 7 edges, the one crossing pages drawn on both pages
  EXPECT_EQ(connectors, 2);  // its off-page connector pair
}

TEST_F(RenderTest, RenderingTwiceGivesTheSameBytes) {
  fx::render_document(tiny_document(), tiny_sops(), out_dir_ / "a", typesetter_);
  fx::render_document(tiny_document(), tiny_sops(), out_dir_ / "b", typesetter_);
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_EQ(read(out_dir_ / "a" / "tiny.pdf"), read(out_dir_ / "b" / "tiny.pdf"));
}

TEST_F(RenderTest, DegradingIsDeterministicPerSeed) {
  fx::render_document(tiny_document(), tiny_sops(), out_dir_, typesetter_);
  const auto pdf = fx::open_pdf(out_dir_ / "tiny.pdf");
  const fx::PageImage clean = fx::rasterize_page(*pdf, 2, 60, out_dir_ / "tiny.pdf");
  const fx::ScanPage first = fx::scan_page(clean, fx::degrade_params(7, 2, false));
  const fx::ScanPage again = fx::scan_page(clean, fx::degrade_params(7, 2, false));
  const fx::ScanPage other_seed = fx::scan_page(clean, fx::degrade_params(8, 2, false));
  ASSERT_FALSE(first.jpeg.empty());
  EXPECT_EQ(first.jpeg, again.jpeg);
  EXPECT_NE(first.jpeg, other_seed.jpeg);
  EXPECT_LE(std::abs(first.params.skew_degrees), 3.0);
  EXPECT_GE(first.params.jpeg_quality, 55);
  EXPECT_LE(first.params.jpeg_quality, 80);
}

TEST_F(RenderTest, BornDigitalDocumentIsCopiedWithItsTextLayer) {
  fx::DocumentSpec document = tiny_document();
  document.scan = fx::ScanSettings{7, 60, {}, true};
  fx::render_document(document, tiny_sops(), out_dir_ / "clean", typesetter_);
  const std::vector<fx::ScanPage> scans =
      fx::scan_document(document, out_dir_ / "clean" / "tiny.pdf", out_dir_ / "scans");
  EXPECT_TRUE(scans.empty());
  const auto copied = fx::open_pdf(out_dir_ / "scans" / "tiny.pdf");
  ASSERT_EQ(copied->pages(), 3);
  const std::unique_ptr<poppler::page> first(copied->create_page(0));
  EXPECT_FALSE(first->text_list().empty()) << "the copy lost its text layer";
  EXPECT_EQ(std::filesystem::file_size(out_dir_ / "scans" / "tiny.pdf"),
            std::filesystem::file_size(out_dir_ / "clean" / "tiny.pdf"));
}

TEST_F(RenderTest, SidewaysPageHasSwappedDimensionsAndNoRotateFlag) {
  const fx::DocumentSpec document = tiny_document();  // rotate_pages = {2}
  fx::render_document(document, tiny_sops(), out_dir_ / "clean", typesetter_);
  const std::vector<fx::ScanPage> scans =
      fx::scan_document(document, out_dir_ / "clean" / "tiny.pdf", out_dir_ / "scans");
  ASSERT_EQ(scans.size(), 3u);

  const auto clean = fx::open_pdf(out_dir_ / "clean" / "tiny.pdf");
  const auto scanned = fx::open_pdf(out_dir_ / "scans" / "tiny.pdf");
  ASSERT_EQ(scanned->pages(), 3);
  for (int index = 0; index < 3; ++index) {
    const std::unique_ptr<poppler::page> before(clean->create_page(index));
    const std::unique_ptr<poppler::page> after(scanned->create_page(index));
    const poppler::rectf clean_box = before->page_rect(poppler::media_box);
    const poppler::rectf scan_box = after->page_rect(poppler::media_box);
    const bool sideways = index == 1;
    EXPECT_NEAR(scan_box.width(), sideways ? clean_box.height() : clean_box.width(), 0.5);
    EXPECT_NEAR(scan_box.height(), sideways ? clean_box.width() : clean_box.height(), 0.5);
    EXPECT_EQ(after->orientation(), poppler::page::portrait) << "no /Rotate on page " << index + 1;
    // The image turned with the page: landscape page 2 became a portrait image.
    EXPECT_EQ(scans[index].width_px < scans[index].height_px, index == 0 || index == 1);
  }
}

TEST_F(RenderTest, StyleFromDocsJsonChangesWhatIsDrawn) {
  fx::DocumentSpec document = tiny_document();
  const fx::DocumentLayout usual = fx::layout_document(document, tiny_sops(), typesetter_);
  document.style = {{"rule_dash", "dashed"},
                    {"terminator", "ellipse"},
                    {"symbol_scale", 1.5},
                    {"paper", "Letter"},
                    {"wording", {{"activity", "Aktivitas"}}}};
  const fx::DocumentStyle style = fx::style_for_document(document);
  EXPECT_EQ(style.rule_dash, fx::RuleDash::dashed);
  EXPECT_EQ(style.terminator, fx::TerminatorShape::ellipse);
  EXPECT_EQ(style.wording.activity, "Aktivitas");
  EXPECT_EQ(style.wording.lanes, "Pelaksana");  // words not named keep their default
  EXPECT_DOUBLE_EQ(style.paper_short_pt, 612);
  const fx::DocumentLayout larger = fx::layout_document(document, tiny_sops(), typesetter_);
  const fx::Box& usual_box = table_of(usual.pages[1]).rows[1].symbol->box;
  const fx::Box& larger_box = table_of(larger.pages[1]).rows[1].symbol->box;
  EXPECT_NEAR(larger_box.height, 1.5 * usual_box.height, 1e-6);
  // The drawing itself succeeds with every non-default look.
  fx::render_document(document, tiny_sops(), out_dir_, typesetter_);
  EXPECT_TRUE(std::filesystem::exists(out_dir_ / "tiny.pdf"));

  document.style = {{"rule_colour", "red"}};
  try {
    fx::style_for_document(document);
    ADD_FAILURE() << "an unknown style key was accepted";
  } catch (const fx::FixtureError& error) {
    EXPECT_NE(std::string(error.what()).find("style.rule_colour: unknown style key"),
              std::string::npos)
        << error.what();
  }
}

TEST_F(RenderTest, DegradationSettingsReplaceWhatTheSeedDrew) {
  fx::render_document(tiny_document(), tiny_sops(), out_dir_, typesetter_);
  const auto pdf = fx::open_pdf(out_dir_ / "tiny.pdf");
  const fx::PageImage clean = fx::rasterize_page(*pdf, 2, 60, out_dir_ / "tiny.pdf");
  const nlohmann::json settings = {{"jpeg_quality", 31},
                                   {"skew_degrees_max", 5},
                                   {"bilevel", true},
                                   {"page_box_scale", 2},
                                   {"perspective", 0.02}};
  const fx::DegradeParams params = fx::degrade_params(7, 2, false, settings);
  EXPECT_EQ(params.jpeg_quality, 31);
  EXPECT_TRUE(params.bilevel);
  EXPECT_LE(std::abs(params.skew_degrees), 5.0);
  // Settings leave the seed's other draws as they were.
  EXPECT_EQ(params.noise_sigma, fx::degrade_params(7, 2, false).noise_sigma);

  const fx::ScanPage page = fx::scan_page(clean, params);
  EXPECT_TRUE(page.jpeg.empty()) << "a bilevel page is stored losslessly";
  EXPECT_EQ(cv::countNonZero((page.pixels > 0) & (page.pixels < 255)), 0) << "only black and white";
  EXPECT_DOUBLE_EQ(page.width_pt, 2 * clean.width_pt);  // the page box lies about the paper

  EXPECT_THROW(fx::degrade_params(7, 2, false, {{"sepia", 1}}), std::invalid_argument);
}

namespace {

// The identity page's words as Poppler reads them from the clean PDF's text layer.
std::string identity_page_text(const std::filesystem::path& pdf_file) {
  const auto pdf = fx::open_pdf(pdf_file);
  const std::unique_ptr<poppler::page> page(pdf->create_page(0));
  const auto utf8 = page->text().to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

}  // namespace

TEST_F(RenderTest, EveryIdentityLayoutPrintsItsKeysAndValues) {
  fx::DocumentSpec document = tiny_document();
  for (const char* layout : {"grid", "letterhead_cells", "inline_labels", "title_in_head"}) {
    SCOPED_TRACE(layout);
    document.style = {
        {"identity",
         {{"layout", layout},
          {"labels", {{"sop_number", "Nomor Urut SOP"}, {"created", "Tgl. Pembuatan"}}},
          {"signature_ink", "blue"},
          {"stamp", "violet"}}}};
    const std::filesystem::path dir = out_dir_ / layout;
    fx::render_document(document, tiny_sops(), dir, typesetter_);
    const std::string text = identity_page_text(dir / "tiny.pdf");
    EXPECT_NE(text.find("Nomor Urut SOP"), std::string::npos) << text;
    EXPECT_NE(text.find("Tgl. Pembuatan"), std::string::npos) << text;
    EXPECT_NE(text.find("Pengujian Renderer"), std::string::npos) << text;
    EXPECT_NE(text.find("Budi, S.T."), std::string::npos) << text;
    const bool title_in_head = std::string(layout) == "title_in_head";
    EXPECT_EQ(text.find("Nama SOP") == std::string::npos, title_in_head) << text;
    EXPECT_EQ(text.find("STANDAR OPERASIONAL PROSEDUR") != std::string::npos, title_in_head);
    // The letterhead's name in two cells, its address in a third.
    EXPECT_EQ(text.find("Jalan Jenderal Sudirman") != std::string::npos,
              std::string(layout) == "letterhead_cells");
  }
  document.style = {{"identity", {{"layout", "sidebar"}}}};
  EXPECT_THROW(fx::style_for_document(document), fx::FixtureError);
}

TEST_F(RenderTest, AColourScanKeepsTheStampsInkAndAGreyScanDoesNot) {
  fx::DocumentSpec document = tiny_document();
  document.style = {{"identity", {{"stamp", "violet"}, {"signature_ink", "blue"}}}};
  fx::render_document(document, tiny_sops(), out_dir_, typesetter_);
  const auto pdf = fx::open_pdf(out_dir_ / "tiny.pdf");
  const fx::PageImage clean = fx::rasterize_page(*pdf, 1, 150, out_dir_ / "tiny.pdf", true);
  ASSERT_EQ(clean.colour.type(), CV_8UC3);

  auto coloured_pixels = [](const fx::ScanPage& page) {
    const cv::Mat image = cv::imdecode(page.jpeg, cv::IMREAD_UNCHANGED);
    if (image.channels() == 1) return 0;
    std::vector<cv::Mat> bgr;
    cv::split(image, bgr);
    const cv::Mat spread =
        cv::max(cv::max(bgr[0], bgr[1]), bgr[2]) - cv::min(cv::min(bgr[0], bgr[1]), bgr[2]);
    return cv::countNonZero(spread >= 60);
  };
  const fx::ScanPage colour = fx::scan_page(
      clean, fx::degrade_params(7, 1, false, {{"colour", true}, {"paper_tint", 0.1}}));
  const fx::ScanPage grey = fx::scan_page(clean, fx::degrade_params(7, 1, false));
  // A 34 mm stamp's two rings alone are over 1,500 pixels of ink at 150 ppi; tinted paper is none.
  EXPECT_GT(coloured_pixels(colour), 1000);
  EXPECT_EQ(coloured_pixels(grey), 0);
  EXPECT_THROW(
      fx::degrade_page(clean.colour, 150, fx::degrade_params(7, 1, false, {{"bilevel", true}})),
      std::invalid_argument);
}

TEST_F(RenderTest, AStampsSizeRingsAndWeightAreTheDocumentsOwn) {
  fx::DocumentSpec document = tiny_document();
  document.style = {{"identity",
                     {{"stamp", "blue"},
                      {"stamp_shape", {{"diameter_mm", 44}, {"rings", 3}, {"ring_pt", 2.0}}}}}};
  const fx::DocumentStyle style = fx::style_for_document(document);
  ASSERT_TRUE(style.approval_ink.stamp.has_value());
  EXPECT_EQ(style.approval_ink.stamp_diameter_mm, 44);
  EXPECT_EQ(style.approval_ink.stamp_rings, 3);
  EXPECT_EQ(style.approval_ink.stamp_ring_pt, 2.0);

  // A three-ringed 44 mm stamp in 2 pt lines prints far more ink than a one-ringed 28 mm one.
  auto stamp_ink = [&](const nlohmann::json& shape, const std::string& name) {
    document.style = {{"identity", {{"stamp", "blue"}, {"stamp_shape", shape}}}};
    fx::render_document(document, tiny_sops(), out_dir_ / name, typesetter_);
    const auto pdf = fx::open_pdf(out_dir_ / name / "tiny.pdf");
    const fx::PageImage page = fx::rasterize_page(*pdf, 1, 100, out_dir_ / name / "tiny.pdf", true);
    std::vector<cv::Mat> bgr;
    cv::split(page.colour, bgr);
    return cv::countNonZero(bgr[0] - bgr[2] >= 60);  // blue well above red: the stamp's ink
  };
  const int large = stamp_ink({{"diameter_mm", 44}, {"rings", 3}, {"ring_pt", 2.0}}, "large");
  const int small = stamp_ink({{"diameter_mm", 28}, {"rings", 1}, {"ring_pt", 0.8}}, "small");
  EXPECT_GT(large, 2 * small);

  document.style = {{"identity", {{"stamp_shape", {{"diameter_mm", 90}}}}}};
  EXPECT_THROW(fx::style_for_document(document), fx::FixtureError);
}

TEST(Degrade, AScannersDarkBorderFallsOnTheMarginNeverOverThePrint) {
  // Print framed 8 mm from the edges of a 100 ppi page; borders drawn up to 15 mm wide.
  constexpr int kDpi = 100;
  constexpr int kMargin = 31;
  cv::Mat clean(1000, 800, CV_8UC1, cv::Scalar(255));
  const cv::Rect print(kMargin, kMargin, clean.cols - 2 * kMargin, clean.rows - 2 * kMargin);
  cv::rectangle(clean, print, cv::Scalar(0), 2);
  int darkened_margins = 0;
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    fx::DegradeParams params;
    params.dark_border_mm = 15;
    params.speckle_per_megapixel = 0;
    params.pixel_seed = seed;
    const cv::Mat scan = fx::degrade_page(clean, kDpi, params);
    // Just inside the frame is paper: no border reached it.
    const cv::Rect inside(print.x + 4, print.y + 4, print.width - 8, print.height - 8);
    cv::Mat ring = scan(inside).clone();
    ring(cv::Rect(4, 4, inside.width - 8, inside.height - 8)).setTo(255);
    double darkest = 0;
    cv::minMaxLoc(ring, &darkest);
    EXPECT_GT(darkest, 150) << "seed " << seed;
    // The margin outside the frame takes the border on some edges of some scans.
    darkened_margins += cv::mean(scan(cv::Rect(0, 0, scan.cols, 3)))[0] < 100;
  }
  EXPECT_GT(darkened_margins, 0) << "the test must draw borders at all";
}

TEST(RandomDocument, TheSameSeedDrawsTheSameDocumentAndEveryStepIsConsistent) {
  std::vector<SopRecord> records;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(SOPOCR_FIXTURES_DIR) / "truth")) {
    std::ifstream in(entry.path());
    records.push_back(sopocr::record_from_json(nlohmann::json::parse(in)));
  }
  const fx::ContentPool pool = fx::content_pool(records);
  const fx::RandomDocument first = fx::random_document(1234, pool);
  const fx::RandomDocument again = fx::random_document(1234, pool);
  EXPECT_EQ(first.docs_entry, again.docs_entry);
  EXPECT_EQ(first.truth, again.truth);
  EXPECT_NE(fx::random_document(1235, pool).docs_entry, first.docs_entry);

  int documents_with_marks_apart = 0;
  for (unsigned seed = 0; seed < 50; ++seed) {
    const fx::RandomDocument document = fx::random_document(seed, pool);
    const SopRecord& truth = document.truth;
    ASSERT_GE(truth.actors.size(), 1u);
    ASSERT_LE(truth.actors.size(), 9u);
    for (const Step& step : truth.steps) {
      EXPECT_NE(std::find(truth.actors.begin(), truth.actors.end(), *step.actor),
                truth.actors.end());
      for (const Edge& edge : step.next) EXPECT_TRUE(sopocr::edge_target(truth, edge));
    }
    EXPECT_EQ(truth.steps.front().symbol, SymbolKind::terminator);
    EXPECT_TRUE(truth.steps.back().next.empty());
    // The docs.json entry reads back, and names the factors the evaluation breaks down by.
    const fx::DocumentSpec spec = fx::document_from_json(document.docs_entry, 0);
    EXPECT_EQ(spec.sops.front().truth_id, spec.id);
    for (const char* factor : {"ppi", "font_kind", "lanes", "rule_damage", "page_box"}) {
      EXPECT_TRUE(document.docs_entry["factors"].contains(factor)) << factor;
    }
    // An author who types a space before a comma does so in every activity.
    if (document.docs_entry["factors"]["punctuation"] != "usual") {
      ++documents_with_marks_apart;
      for (const Step& step : truth.steps) {
        const std::string& text = *step.activity;
        for (std::size_t i = text.find_first_of(",:"); i != std::string::npos;
             i = text.find_first_of(",:", i + 1)) {
          if (i + 1 < text.size() && text[i + 1] == ' ') {
            EXPECT_EQ(text[i - 1], ' ') << text;
          }
        }
      }
    }
  }
  EXPECT_GT(documents_with_marks_apart, 0);
}
