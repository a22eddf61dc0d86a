// Reading a cell: a cell whose letters the engine could not read is told apart from one holding
// a placeholder dash or specks, so that a value printed there is reviewed, not taken for blank.
#include "cell_reader.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace sopocr {
namespace {

constexpr int kDpi = 300;
constexpr int kScannedPaper = 235;

// An engine that finds no text anywhere: a date under a stamp, as Tesseract sometimes reads it.
class ReadsNothingEngine final : public OcrEngine {
 public:
  void set_page(const cv::Mat&, int) override {}
  OcrText read_region(const cv::Rect&) override { return {}; }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return std::nullopt;
  }
};

// A page of scanned paper to draw a cell's marks on, read with the engine a test chooses.
struct OnePage {
  PageImage page;

  OnePage() {
    page.dpi = kDpi;
    page.gray = cv::Mat(600, 1500, CV_8UC1, cv::Scalar(kScannedPaper));
  }

  // `paper_estimate`: the page's paper grey as the pipeline estimated it.
  CellText read(const cv::Rect& cell, OcrEngine& engine, int paper_estimate = kScannedPaper) {
    const cv::Mat paper(page.gray.size(), CV_8UC1, cv::Scalar(paper_estimate));
    CellReader reader(page, page.gray < 128, page.gray.clone(), paper, engine);
    return reader.read(cell);
  }

  CellText read(const cv::Rect& cell) {
    ReadsNothingEngine engine;
    return read(cell, engine);
  }
};

const cv::Rect kCell(100, 100, 1000, 90);

TEST(CellReader, LettersTheEngineReadNothingFromAreUnreadText) {
  OnePage sheet;
  // "04 Januari 2021" at 11 pt: letters about 30 px tall at 300 ppi.
  cv::putText(sheet.page.gray, "04 Januari 2021", {130, 160}, cv::FONT_HERSHEY_SIMPLEX, 1.2,
              cv::Scalar(30), 3);
  const CellText cell = sheet.read(kCell);
  EXPECT_TRUE(cell.has_ink);
  EXPECT_TRUE(cell.original.empty());
  EXPECT_TRUE(cell.letters_unread);
}

TEST(CellReader, APlaceholderDashOrSpecksTheEngineReadNothingFromAreNoUnreadText) {
  OnePage dash;
  cv::rectangle(dash.page.gray, cv::Rect(130, 140, 20, 4), cv::Scalar(30), cv::FILLED);
  const CellText dash_cell = dash.read(kCell);
  EXPECT_TRUE(dash_cell.has_ink);
  EXPECT_FALSE(dash_cell.letters_unread);

  OnePage specks;
  for (int x = 150; x < 1000; x += 120) {
    cv::rectangle(specks.page.gray, cv::Rect(x, 130 + x % 40, 4, 4), cv::Scalar(30), cv::FILLED);
  }
  // A rule's ragged edge left along the cell's bottom.
  cv::rectangle(specks.page.gray, cv::Rect(110, 178, 900, 3), cv::Scalar(30), cv::FILLED);
  const CellText specks_cell = specks.read(kCell);
  EXPECT_TRUE(specks_cell.has_ink);
  EXPECT_FALSE(specks_cell.letters_unread);
}

// An engine that reads whatever it is shown as letters, as Tesseract reads a lone dash ("ee").
class ReadsLettersEngine final : public OcrEngine {
 public:
  void set_page(const cv::Mat&, int) override {}
  OcrText read_region(const cv::Rect& region) override {
    ++reads;
    return {"ee", 0.3, {OcrWord{"ee", 0.3, region, 0}}};
  }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return std::nullopt;
  }
  int reads = 0;
};

TEST(CellReader, APlaceholderDashReadsAsADashWhateverTheEngineMakesOfIt) {
  // A hyphen at 9 pt, an en dash at 12 pt, each with a speck of dust beside it.
  for (const cv::Rect& dash : {cv::Rect(130, 140, 14, 4), cv::Rect(600, 138, 40, 5)}) {
    OnePage sheet;
    cv::rectangle(sheet.page.gray, dash, cv::Scalar(30), cv::FILLED);
    cv::rectangle(sheet.page.gray, cv::Rect(dash.x + 60, 120, 3, 3), cv::Scalar(30), cv::FILLED);
    ReadsLettersEngine engine;
    const CellText cell = sheet.read(kCell, engine);
    EXPECT_EQ(cell.text, "-") << "dash " << dash;
    EXPECT_EQ(engine.reads, 0) << "dash " << dash;
  }
}

TEST(CellReader, ABarThatIsNoDashIsLeftToTheEngine) {
  struct Case {
    const char* what;
    std::vector<cv::Rect> marks;
  };
  const std::vector<Case> cases{
      {"a bar longer than any dash (an underline)", {cv::Rect(130, 140, 120, 4)}},
      {"a bar as thick as a letter is tall", {cv::Rect(130, 130, 40, 25)}},
      {"a bar against the cell's edge (a rule's remains)", {cv::Rect(100, 140, 30, 4)}},
      {"a dash beside a letter-sized mark", {cv::Rect(130, 140, 20, 4), cv::Rect(180, 125, 8, 30)}},
  };
  for (const Case& c : cases) {
    OnePage sheet;
    for (const cv::Rect& mark : c.marks) {
      cv::rectangle(sheet.page.gray, mark, cv::Scalar(30), cv::FILLED);
    }
    ReadsLettersEngine engine;
    const CellText cell = sheet.read(kCell, engine);
    EXPECT_EQ(cell.text, "ee") << c.what;
    EXPECT_GT(engine.reads, 0) << c.what;
  }
}

// An engine whose block reading is scripted, as Tesseract's line finder left a cell's lines, and
// which reads the lines it is asked for alone in the order given (top to bottom). It notes what
// each line's own image held around the line.
class ScriptedLinesEngine final : public OcrEngine {
 public:
  ScriptedLinesEngine(std::vector<OcrWord> block_words, std::vector<std::string> lines_alone)
      : block_words_(std::move(block_words)), lines_alone_(std::move(lines_alone)) {}

  void set_page(const cv::Mat& gray, int) override { page_ = gray.clone(); }
  OcrText read_region(const cv::Rect&) override {
    OcrText text;
    text.words = block_words_;
    return text;
  }
  OcrText read_line(const cv::Rect& region) override {
    const auto asked = static_cast<std::size_t>(lines_read++);
    double darkest_at_top = 0.0;
    double lightest_at_top = 0.0;
    double darkest_at_bottom = 0.0;
    cv::minMaxLoc(page_.row(0), &darkest_at_top, &lightest_at_top);
    cv::minMaxLoc(page_.row(page_.rows - 1), &darkest_at_bottom);
    if (darkest_at_top < 128 || darkest_at_bottom < 128) ++lines_read_with_neighbours;
    if (lightest_at_top != kScannedPaper) ++lines_read_on_other_paper;
    OcrText text;
    // The line is read from an image of its own, the region's corner at the line's.
    const std::string line = asked < lines_alone_.size() ? lines_alone_[asked] : "?";
    text.words = {{line, 0.9, cv::Rect(region.x + 30, region.y + 10, 150, 24), 0}};
    return text;
  }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return std::nullopt;
  }

  int lines_read = 0;
  int lines_read_with_neighbours = 0;
  int lines_read_on_other_paper = 0;

 private:
  std::vector<OcrWord> block_words_;
  std::vector<std::string> lines_alone_;
  cv::Mat page_;
};

TEST(CellReader, ALineTheEngineLeftOutIsReadOnItsOwnInItsPlace) {
  OnePage sheet;
  int baseline = 130;
  for (const char* line : {"Kepala", "Perangkat", "Daerah"}) {
    cv::putText(sheet.page.gray, line, {130, baseline}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
                cv::Scalar(30), 3);
    baseline += 50;
  }
  // The block reading leaves out the first line.
  ScriptedLinesEngine engine({{"Perangkat", 0.9, cv::Rect(130, 150, 200, 30), 0},
                              {"Daerah", 0.9, cv::Rect(130, 200, 150, 30), 1}},
                             {"Kepala"});
  const CellText cell = sheet.read(cv::Rect(100, 80, 600, 200), engine);
  EXPECT_EQ(cell.original, "Kepala\nPerangkat\nDaerah");
  EXPECT_EQ(cell.text, "Kepala Perangkat Daerah");
  EXPECT_EQ(engine.lines_read, 1);  // the lines the block reading holds are not read again
}

// A step's number alone at the top of a tall cell: the block reading finds no line in it.
struct NumberCell {
  OnePage sheet;
  const cv::Rect cell{100, 50, 120, 400};

  NumberCell() {
    cv::putText(sheet.page.gray, "2", {145, 110}, cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(30), 3);
  }

  CellText read_number(OcrEngine& engine) {
    const cv::Mat paper(sheet.page.gray.size(), CV_8UC1, cv::Scalar(kScannedPaper));
    CellReader reader(sheet.page, sheet.page.gray < 128, sheet.page.gray.clone(), paper, engine);
    return reader.read_number(cell);
  }
};

TEST(CellReader, ANumberTheBlockReadingMissedIsReadAsALine) {
  NumberCell number;
  ScriptedLinesEngine engine({}, {"2"});
  const CellText cell = number.read_number(engine);
  EXPECT_EQ(cell.text, "2");
  EXPECT_EQ(engine.lines_read, 1);
  EXPECT_EQ(engine.lines_read_with_neighbours, 0);
}

// One digit is too few marks to tell letters from specks in a text cell; in a number cell it is
// the number, and unread it is reviewed, not taken for a blank.
TEST(CellReader, ANumberNotReadEvenAsALineIsUnreadNotBlank) {
  NumberCell number;
  ReadsNothingEngine engine;
  const CellText cell = number.read_number(engine);
  EXPECT_TRUE(cell.original.empty());
  EXPECT_TRUE(cell.letters_unread);
  EXPECT_FALSE(number.sheet.read(number.cell).letters_unread);  // read as a text cell
}

TEST(CellReader, TouchingLinesTheEngineReadAsFewerAreEachReadOnTheirOwn) {
  OnePage sheet;
  const int leading = 33;
  const int first_baseline = 130;
  int baseline = first_baseline;
  for (const char* line : {"Memeriksa kelengkapan berkas", "permohonan. Apakah berkas lengkap",
                           "dan salinan dokumen sesuai", "aslinya?"}) {
    cv::putText(sheet.page.gray, line, {130, baseline}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
                cv::Scalar(30), 2);
    baseline += leading;
  }
  // Descenders meeting the ascenders below: no blank row is left between the lines.
  for (int gap = 0; gap < 3; ++gap) {
    cv::rectangle(sheet.page.gray, cv::Rect(400, first_baseline + gap * leading, 3, 16),
                  cv::Scalar(30), cv::FILLED);
  }
  // The block reading takes the touching lines for fewer, as Tesseract does with tight leading
  // at low resolution: it leaves out the first and reads a word across the second and third.
  ScriptedLinesEngine engine({{"salinan", 0.95, cv::Rect(130, 141, 150, 58), 0},
                              {"aslinya?", 0.95, cv::Rect(130, 207, 140, 30), 1}},
                             {"Memeriksa", "permohonan", "salinan"});
  // The page's paper estimate lighter than the scan's paper, as a blurred estimate can be.
  const CellText cell = sheet.read(cv::Rect(100, 80, 800, 200), engine, 255);
  EXPECT_EQ(cell.original, "Memeriksa\npermohonan\nsalinan\naslinya?");
  EXPECT_EQ(engine.lines_read, 3);  // "aslinya?" was read on its own line and is not read again
  EXPECT_EQ(engine.lines_read_with_neighbours, 0);  // the touching lines are paper around each
  EXPECT_EQ(engine.lines_read_on_other_paper, 0);   // and that paper is the line's own
}

// A thin run of marks in a cell (a dotted rule's remnant, 12 px beside 28 px words) is no line of
// its own: it is not read alone, where the engine would make letters of it.
TEST(CellReader, AThinRunOfMarksBesideALineIsNotReadAsALine) {
  OnePage sheet;
  cv::putText(sheet.page.gray, "Tanggal Revisi", {130, 160}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
              cv::Scalar(30), 2);
  for (int x = 130; x < 530; x += 20) {
    cv::rectangle(sheet.page.gray, cv::Rect(x, 110, 3, 12), cv::Scalar(30), cv::FILLED);
  }
  ScriptedLinesEngine engine({{"Tanggal", 0.95, cv::Rect(130, 138, 120, 28), 0},
                              {"Revisi", 0.95, cv::Rect(262, 138, 100, 28), 0}},
                             {"....u.u.uuuuum."});
  const CellText cell = sheet.read(cv::Rect(100, 90, 800, 100), engine);
  EXPECT_EQ(cell.original, "Tanggal Revisi");
  EXPECT_EQ(engine.lines_read, 0);
}

// Tesseract's Indonesian model reads ";" as ",". What ends a word is told by the ink after its
// letters: a dot straight above the comma makes it a semicolon.
enum class WordEnd { kSemicolon, kComma, kCommaCutByAnErasedUnderline, kCommaUnderASpeck };

CellText read_word_ending_in(WordEnd end) {
  OnePage sheet;
  constexpr int kBaseline = 160;
  cv::putText(sheet.page.gray, "lengkap", {130, kBaseline}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
              cv::Scalar(30), 2);
  const int x = 262;
  const auto draw = [&](const cv::Rect& box) {
    cv::rectangle(sheet.page.gray, box, cv::Scalar(30), cv::FILLED);
  };
  switch (end) {
    case WordEnd::kSemicolon:
      draw({x, kBaseline - 18, 6, 6});  // the dot, at the letters' middle
      draw({x, kBaseline - 6, 6, 6});   // the comma's head on the baseline
      draw({x + 2, kBaseline, 3, 7});   // and its tail below
      break;
    case WordEnd::kComma:
      draw({x, kBaseline - 6, 6, 6});
      draw({x + 2, kBaseline, 3, 7});
      break;
    case WordEnd::kCommaUnderASpeck:
      draw({x + 2, kBaseline - 17, 2, 2});  // scanner noise, a fraction of a dot
      draw({x, kBaseline - 6, 6, 6});
      draw({x + 2, kBaseline, 3, 7});
      break;
    case WordEnd::kCommaCutByAnErasedUnderline:
      draw({x, kBaseline - 6, 6, 6});
      draw({x + 2, kBaseline + 2, 3, 5});
      break;
  }
  ScriptedLinesEngine engine({{"lengkap,", 0.9, cv::Rect(128, kBaseline - 26, 144, 36), 0}}, {});
  return sheet.read(cv::Rect(100, 100, 800, 100), engine);
}

TEST(CellReader, ACommaWithADotStraightAboveItIsASemicolon) {
  EXPECT_EQ(read_word_ending_in(WordEnd::kSemicolon).original, "lengkap;");
}

TEST(CellReader, ACommaAloneCutInTwoOrUnderASpeckStaysAComma) {
  EXPECT_EQ(read_word_ending_in(WordEnd::kComma).original, "lengkap,");
  EXPECT_EQ(read_word_ending_in(WordEnd::kCommaCutByAnErasedUnderline).original, "lengkap,");
  EXPECT_EQ(read_word_ending_in(WordEnd::kCommaUnderASpeck).original, "lengkap,");
}

// "nomor , tanggal": the engine's box for a comma typed apart can hold its head alone, as round
// as a speck. The comma is measured by its ink, head and tail.
TEST(CellReader, ACommaTypedApartIsMeasuredByItsInkNotTheEnginesBoxForIt) {
  OnePage sheet;
  constexpr int kBaseline = 160;
  cv::putText(sheet.page.gray, "nomor", {130, kBaseline}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
              cv::Scalar(30), 2);
  cv::putText(sheet.page.gray, "tanggal", {270, kBaseline}, cv::FONT_HERSHEY_SIMPLEX, 1.0,
              cv::Scalar(30), 2);
  cv::rectangle(sheet.page.gray, cv::Rect(245, kBaseline - 6, 7, 7), cv::Scalar(30), cv::FILLED);
  cv::rectangle(sheet.page.gray, cv::Rect(248, kBaseline + 1, 3, 5), cv::Scalar(30), cv::FILLED);
  const std::vector<OcrWord> words = {{"nomor", 0.93, cv::Rect(130, kBaseline - 16, 100, 17), 0},
                                      {",", 0.93, cv::Rect(245, kBaseline - 6, 7, 7), 0},
                                      {"tanggal", 0.96, cv::Rect(270, kBaseline - 22, 120, 30), 0}};
  ScriptedLinesEngine engine(words, {});
  EXPECT_EQ(sheet.read(cv::Rect(100, 100, 800, 100), engine).original, "nomor , tanggal");
}

// Beside a stamp's emblem Tesseract reads a line of the approver's block only in part: "M.Si" of
// "H. Ahmad Aznem, SE, M.Si". Read on its own the line reads whole.
class ReadsPartOfALineEngine final : public OcrEngine {
 public:
  ReadsPartOfALineEngine(std::vector<OcrWord> block_words, double line_alone_confidence)
      : block_words_(std::move(block_words)), line_alone_confidence_(line_alone_confidence) {}

  void set_page(const cv::Mat&, int) override {}
  OcrText read_region(const cv::Rect&) override {
    OcrText text;
    text.words = block_words_;
    return text;
  }
  OcrText read_line(const cv::Rect& region) override {
    ++lines_read;
    OcrText text;
    text.words = {{"H. Ahmad Aznem, SE, M.Si", line_alone_confidence_, region, 0}};
    return text;
  }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return std::nullopt;
  }

  int lines_read = 0;

 private:
  std::vector<OcrWord> block_words_;
  double line_alone_confidence_;
};

struct ApproverNameRead {
  std::string original;
  int lines_read = 0;
};

ApproverNameRead read_approver_name(std::vector<OcrWord> block_words,
                                    double line_alone_confidence) {
  OnePage sheet;
  cv::putText(sheet.page.gray, "H. Ahmad Aznem, SE, M.Si", {130, 160}, cv::FONT_HERSHEY_SIMPLEX,
              1.0, cv::Scalar(30), 2);
  ReadsPartOfALineEngine engine(std::move(block_words), line_alone_confidence);
  const CellText cell = sheet.read(cv::Rect(100, 100, 800, 100), engine);
  return {cell.original, engine.lines_read};
}

const OcrWord kLastWordAlone{"M.Si", 0.93, cv::Rect(520, 136, 80, 26), 0};

TEST(CellReader, ALineReadOnlyInPartIsReadAloneAndTakenWhereItReadsMoreSurely) {
  EXPECT_EQ(read_approver_name({kLastWordAlone}, 0.85).original, "H. Ahmad Aznem, SE, M.Si");
}

TEST(CellReader, AnUnsureReadingAloneDoesNotReplaceTheLineReadInPart) {
  EXPECT_EQ(read_approver_name({kLastWordAlone}, 0.3).original, "M.Si");
}

TEST(CellReader, ALineReadWholeIsNotReadAgain) {
  const ApproverNameRead name = read_approver_name({{"H.", 0.9, cv::Rect(130, 136, 30, 26), 0},
                                                    {"Ahmad", 0.9, cv::Rect(170, 136, 110, 26), 0},
                                                    {"Aznem,", 0.9, cv::Rect(290, 136, 130, 30), 0},
                                                    {"SE,", 0.9, cv::Rect(430, 136, 70, 30), 0},
                                                    kLastWordAlone},
                                                   0.99);
  EXPECT_EQ(name.original, "H. Ahmad Aznem, SE, M.Si");
  EXPECT_EQ(name.lines_read, 0);
}

// Reads a word of small type as Tesseract does: weakly at the page's own resolution, surely
// enlarged (above 300 ppi). `weakly_read` false: nothing at the page's resolution, and enlarged
// surely, but wrong.
class ReadsBetterEnlargedEngine final : public OcrEngine {
 public:
  explicit ReadsBetterEnlargedEngine(bool weakly_read) : weakly_read_(weakly_read) {}
  void set_page(const cv::Mat&, int dpi) override { dpi_ = dpi; }
  OcrText read_region(const cv::Rect& region_px) override {
    const bool enlarged = dpi_ > kDpi;
    if (!weakly_read_) {
      if (!enlarged) return {};
      return OcrText{"Rank", 0.95, {OcrWord{"Rank", 0.95, region_px, 0}}};
    }
    const std::string word = enlarged ? "Bank" : "Barik";
    const double confidence = enlarged ? 0.9 : 0.5;
    return OcrText{word, confidence, {OcrWord{word, confidence, region_px, 0}}};
  }
  std::optional<PageOrientation> detect_orientation(const cv::Mat&, int) override {
    return std::nullopt;
  }

 private:
  bool weakly_read_;
  int dpi_ = 0;
};

TEST(CellReader, SmallTypeReadWeaklyIsReadAgainEnlargedAndTheSurerReadingKept) {
  OnePage sheet;
  cv::putText(sheet.page.gray, "Bank", {130, 160}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(30),
              3);
  const cv::Mat paper(sheet.page.gray.size(), CV_8UC1, cv::Scalar(kScannedPaper));
  ReadsBetterEnlargedEngine engine(true);
  CellReader small_type(sheet.page, sheet.page.gray < 128, sheet.page.gray.clone(), paper, engine,
                        {}, 1.6);
  const CellText cell = small_type.read(kCell);
  EXPECT_EQ(cell.original, "Bank");
  EXPECT_DOUBLE_EQ(cell.confidence, 0.9);
  ASSERT_EQ(cell.words.size(), 1u);
  // Where it stands on the page, not on the enlarged image.
  EXPECT_TRUE(kCell.contains(cell.words[0].bbox_px.tl()));
  EXPECT_TRUE(kCell.contains(cell.words[0].bbox_px.br() - cv::Point(1, 1)));

  // Type the page measured as of a size to read as it is is not read again.
  CellReader usual_type(sheet.page, sheet.page.gray < 128, sheet.page.gray.clone(), paper, engine);
  EXPECT_EQ(usual_type.read(kCell).original, "Barik");

  // Nor is a cell read as nothing: it stays unread, for a person to read.
  ReadsBetterEnlargedEngine not_read(false);
  CellReader unread(sheet.page, sheet.page.gray < 128, sheet.page.gray.clone(), paper, not_read, {},
                    1.6);
  EXPECT_TRUE(unread.read(kCell).letters_unread);
}

}  // namespace
}  // namespace sopocr
