// Which words of an OCR reading are text, and which are scan specks the engine read as text.
#include "ocr_words.h"

#include <gtest/gtest.h>

#include <memory>

#include "term_repair.h"

namespace sopocr {
namespace {

// A word at `x` on `line`, as tall as `height` pixels (text at 300 dpi is about 30).
OcrWord word(std::string text, double confidence, int x, int line, int height = 32) {
  return {std::move(text), confidence, cv::Rect(x, 100 + 40 * line, 20 * height / 32 + 10, height),
          line};
}

std::string kept_reading(const std::vector<OcrWord>& words) {
  return reading_of(sift_words(words).text);
}

TEST(SiftWords, ASpeckReadAsADigitBesideWordsIsDropped) {
  // "Rapat Tim Kegiatan 5": Tesseract half sure of a "5" five pixels tall.
  EXPECT_EQ(kept_reading({word("Rapat", 0.97, 0, 0), word("Tim", 0.97, 100, 0),
                          word("Kegiatan", 0.96, 170, 0), word("5", 0.5, 670, 0, 5)}),
            "Rapat Tim Kegiatan");
  EXPECT_EQ(kept_reading(
                {word("Selesai", 0.97, 0, 0), word("Ia", 0.3, 420, 0, 5), word("dan", 0.97, 0, 1)}),
            "Selesai\ndan");
}

TEST(SiftWords, ASureBarAfterAWordIsTheCapitalIOfASansFont) {
  // "Asisten I": the engine is sure of a "|" as tall as the word before it.
  EXPECT_EQ(kept_reading({word("Asisten", 0.96, 0, 0), word("|", 0.93, 40, 0, 30)}), "Asisten I");
  // A speck-high bar, an unsure one, one after a step's number or alone is not a letter.
  EXPECT_EQ(kept_reading({word("Asisten", 0.96, 0, 0), word("|", 0.93, 40, 0, 12)}), "Asisten");
  EXPECT_EQ(kept_reading({word("Asisten", 0.96, 0, 0), word("|", 0.4, 40, 0, 30)}), "Asisten");
  EXPECT_EQ(kept_reading({word("12", 0.96, 0, 0), word("|", 0.93, 60, 0, 32)}), "12");
  EXPECT_EQ(kept_reading({word("|", 0.93, 0, 0), word("Asisten", 0.96, 40, 0)}), "Asisten");
  // A cell's right rule far along the line from a heading, and taller than its letters.
  EXPECT_EQ(
      kept_reading({word("Peralatan/perlengkapan", 0.92, 0, 0, 46), word("|", 0.96, 1490, 0, 54)}),
      "Peralatan/perlengkapan");
  EXPECT_EQ(kept_reading({word("Asisten", 0.96, 0, 0), word("|", 0.93, 40, 0, 40)}), "Asisten");
  // "peringatan I, II dan III": the bar and its comma, read as one word.
  EXPECT_EQ(kept_reading({word("peringatan", 0.96, 0, 0), word("|,", 0.9, 40, 0, 34)}),
            "peringatan I,");
}

TEST(SiftWords, ADrawingReadAsAWordIsDropped) {
  // A lane's name, and under it the top of a symbol's outline that the engine made "ama" of.
  EXPECT_EQ(kept_reading({word("Kasubbag", 0.93, 0, 0), word("LPSE", 0.96, 0, 1),
                          word("ama", 0.05, 10, 2, 74)}),
            "Kasubbag\nLPSE");
  // An unsure tall word beside a sure one stays: an underlined name's box takes the underline.
  EXPECT_EQ(kept_reading({word("ABDURRAHMAN,", 0.9, 0, 0, 40), word("S.Sos.,", 0.3, 300, 0, 74),
                          word("Pembina", 0.96, 0, 1), word("Utama", 0.96, 200, 1)}),
            "ABDURRAHMAN, S.Sos.,\nPembina Utama");
  // A tall word read with confidence stays: a heading in a larger font.
  EXPECT_EQ(kept_reading({word("Kasubbag", 0.93, 0, 0), word("LPSE", 0.96, 0, 1),
                          word("UMUM", 0.9, 10, 2, 74)}),
            "Kasubbag\nLPSE\nUMUM");
}

TEST(SiftWords, AWeakLoneLetterOfTextHeightIsDroppedButDoubtful) {
  const std::vector<OcrWord> words{word("sampai", 0.95, 0, 0), word("semester", 0.95, 120, 0),
                                   word("I", 0.3, 270, 0, 30), word("5", 0.4, 400, 0, 4)};
  const SiftedWords sifted = sift_words(words);
  EXPECT_EQ(reading_of(sifted.text), "sampai semester");
  const std::vector<OcrWord>& doubtful = sifted.doubtful;
  ASSERT_EQ(doubtful.size(), 1u);
  EXPECT_EQ(doubtful[0].text, "I");
}

// A serif "1" before a unit of time comes back as a sure "|" (measured: 6 by 28 pixels before
// "hari" 58 by 30). A bar is a speck nowhere else, so only there it is kept as doubtful, for
// the Waktu cell's reader to weigh; its reading stays without it.
TEST(SiftWords, ABarShapedAsADigitOneBeforeAUnitOfTimeIsDoubtful) {
  const OcrWord hari{"hari", 0.96, cv::Rect(3108, 999, 58, 30), 0};
  const SiftedWords before_unit = sift_words({{"|", 0.88, cv::Rect(3081, 1000, 6, 28), 0}, hari});
  EXPECT_EQ(reading_of(before_unit.text), "hari");
  ASSERT_EQ(before_unit.doubtful.size(), 1u);
  EXPECT_EQ(before_unit.doubtful[0].text, "|");
  // Before another word, as short as a comma, as wide as a dash or a line off: a speck.
  const OcrWord rapat{"rapat", 0.96, cv::Rect(3108, 999, 80, 30), 0};
  EXPECT_TRUE(sift_words({{"|", 0.88, cv::Rect(3081, 1000, 6, 28), 0}, rapat}).doubtful.empty());
  EXPECT_TRUE(sift_words({{"|", 0.88, cv::Rect(3081, 1010, 6, 12), 0}, hari}).doubtful.empty());
  EXPECT_TRUE(sift_words({{"-", 0.88, cv::Rect(3071, 1010, 20, 4), 0}, hari}).doubtful.empty());
  EXPECT_TRUE(
      sift_words({{"|", 0.88, cv::Rect(3081, 960, 6, 28), 0}, {"hari", 0.96, hari.bbox_px, 1}})
          .doubtful.empty());
}

TEST(SiftWords, ALongRunOfUnsureWordsIsAShadowTheEngineTriedToReadNotText) {
  // A step's activity, then the shading of a photographed page read as letters.
  std::vector<OcrWord> words{word("Mengarsipkan", 0.95, 0, 0), word("berkas", 0.93, 300, 0)};
  const std::vector<std::string> noise{"Bt", "LA", "ANA", "NAN", "Nae", "Eom", "ENI", "TRE"};
  for (std::size_t i = 0; i < noise.size(); ++i) {
    words.push_back(
        word(noise[i], 0.1 + 0.03 * static_cast<double>(i), 60 * static_cast<int>(i), 1));
  }
  const SiftedWords sifted = sift_words(words);
  EXPECT_EQ(reading_of(sifted.text), "Mengarsipkan berkas");
  EXPECT_EQ(sifted.doubtful.size(), noise.size()) << "kept as doubtful, for the review";
  // A poor scan's text: now and then a few unsure words among sure ones, and those stay.
  EXPECT_EQ(kept_reading({word("Menyusun", 0.9, 0, 0), word("draft", 0.3, 200, 0),
                          word("Renja", 0.4, 300, 0), word("PD", 0.2, 420, 0),
                          word("tahun", 0.35, 500, 0), word("rencana", 0.8, 620, 0)}),
            "Menyusun draft Renja PD tahun rencana");
}

TEST(SiftWords, ALoneDigitOfTextHeightBeforeAWordIsAnAmount) {
  EXPECT_EQ(kept_reading({word("1", 0.3, 0, 0, 26), word("jam", 0.95, 40, 0, 26)}), "1 jam");
  EXPECT_EQ(kept_reading({word("Paling", 0.95, 0, 0), word("lambat", 0.95, 120, 0),
                          word("2", 0.3, 250, 0, 26), word("hari", 0.95, 290, 0)}),
            "Paling lambat 2 hari");
}

TEST(SiftWords, ABulletIsKeptAtTheStartOfALineHoweverShort) {
  EXPECT_EQ(
      kept_reading({word("-", 0.9, 0, 0, 3), word("SK", 0.95, 30, 0), word("Tim", 0.95, 80, 0),
                    word("-", 0.9, 0, 1, 3), word("Undangan", 0.95, 30, 1)}),
      "- SK Tim\n- Undangan");
}

TEST(SiftWords, LonePunctuationAndWeakLettersAreSpecks) {
  EXPECT_EQ(kept_reading({word("Draft", 0.95, 0, 0), word(",", 0.9, 110, 0, 8),
                          word("laporan", 0.95, 140, 0), word("i", 0.2, 300, 0)}),
            "Draft laporan");
}

TEST(SiftWords, ACommaOrColonTypedASpaceAfterAWordIsText) {
  // "satpam , Jadwal" and "yang berisi :": the mark sits on the line, low and short, a space on.
  auto mark = [](std::string text, int x, int top, int height) {
    return OcrWord{std::move(text), 0.9, cv::Rect(x, top, 6, height), 0};
  };
  const OcrWord satpam = word("satpam", 0.95, 0, 0);  // 30 px wide, rows 100 to 132
  EXPECT_EQ(kept_reading({satpam, mark(",", 40, 122, 12), word("Jadwal", 0.95, 60, 0)}),
            "satpam , Jadwal");
  EXPECT_EQ(kept_reading({satpam, mark(":", 40, 112, 18)}), "satpam :");
  // At a line's end too; but a round speck is no comma.
  EXPECT_EQ(kept_reading({satpam, mark(",", 40, 122, 12)}), "satpam ,");
  EXPECT_EQ(kept_reading({satpam, OcrWord{",", 0.9, cv::Rect(40, 124, 9, 8), 0}}), "satpam");
  // As tall as the line (a streak across it), high on it, far along it, or unsure: a speck.
  EXPECT_EQ(kept_reading({satpam, mark(":", 40, 98, 36)}), "satpam");
  EXPECT_EQ(kept_reading({satpam, mark(",", 40, 100, 10)}), "satpam");
  EXPECT_EQ(kept_reading({satpam, mark(",", 200, 122, 12)}), "satpam");
  EXPECT_EQ(kept_reading({satpam, OcrWord{",", 0.5, cv::Rect(40, 122, 6, 12), 0}}), "satpam");
}

TEST(SiftWords, ACommaAfterAWordOfShortLettersIsMeasuredByItsLine) {
  // "Memberi nomor , tanggal" at 7 pt, 300 ppi: "nomor" is as tall as its x-height, and the
  // comma, 7 pixels by 10, hangs below that word's foot and is nearly as tall as it.
  auto at = [](std::string text, double confidence, int x, int top, int width, int height) {
    return OcrWord{std::move(text), confidence, cv::Rect(x, top, width, height), 0};
  };
  const std::vector<OcrWord> line = {
      at("Memberi", 0.97, 220, 922, 114, 35), at("nomor", 0.93, 344, 929, 86, 16),
      at(",", 0.93, 440, 941, 7, 10), at("tanggal", 0.96, 457, 923, 85, 29)};
  EXPECT_EQ(kept_reading(line), "Memberi nomor , tanggal");
}

TEST(SiftWords, ACellOfOneShortWordIsNotJudgedByHeight) {
  // With no other words to compare with, a small "-" (a duration of none) stays.
  EXPECT_EQ(kept_reading({word("5", 0.9, 0, 0, 20)}), "5");
}

TEST(LinesBrokenOnPurpose, ALineEndingShortOfWhereTheNextWordWouldFitWasBrokenOnPurpose) {
  // "Aplikasi SPSE" ends far left of the cell's longest line; "Formulir" would have fitted.
  const std::vector<OcrWord> words{
      word("Aplikasi", 0.95, 0, 0),    word("SPSE", 0.95, 150, 0),
      word("Formulir", 0.95, 0, 1),    word("permohonan", 0.95, 150, 1),
      word("pembuatan", 0.95, 300, 1), word("akun", 0.95, 450, 1)};
  EXPECT_EQ(lines_broken_on_purpose(words), (std::vector<bool>{true}));
}

TEST(LinesBrokenOnPurpose, ALineFilledToTheEdgeWasWrapped) {
  const std::vector<OcrWord> words{word("tentang", 0.95, 0, 0), word("Pemerintahan", 0.95, 150, 0),
                                   word("Daerah", 0.95, 0, 1)};
  EXPECT_EQ(lines_broken_on_purpose(words), (std::vector<bool>{false}));
}

const Lexicon& lexicon() {
  static const std::unique_ptr<Lexicon> loaded = load_default_lexicon();
  return *loaded;
}

// A word at `x` on `line`, `width` pixels wide.
OcrWord placed(std::string text, int x, int width, int line) {
  return {std::move(text), 0.95, cv::Rect(x, 100 + 40 * line, width, 30), line};
}

TEST(WrappedWordsJoined, AWordANarrowCellBrokeWithoutAHyphenIsOneAgain) {
  // "pemberitahuan/peringatan" is longer than the cell is wide: broken where the line ended.
  const std::vector<OcrWord> words{
      placed("Surat", 0, 100, 0), placed("pemberitahuan/peri", 0, 300, 1),
      placed("ngatan", 0, 120, 2), placed("I,", 130, 20, 2), placed("II", 160, 30, 2)};
  EXPECT_EQ(reading_of(with_wrapped_words_joined(words, lexicon())),
            "Surat\npemberitahuan/peringatan I, II");
  // A word that ends a line of several was wrapped at the space before the next.
  const std::vector<OcrWord> spaced{placed("Surat", 0, 100, 0), placed("Foto", 110, 190, 0),
                                    placed("copy", 0, 120, 1), placed("SK", 130, 40, 1)};
  EXPECT_EQ(reading_of(with_wrapped_words_joined(spaced, lexicon())), reading_of(spaced));
}

TEST(WrappedWordsJoined, ALineBrokenOnPurposeOrTwoWordsOfTheirOwnStayApart) {
  // "ditindak" ends a short line: the author broke it there, "lanjuti" would have fitted.
  const std::vector<OcrWord> short_line{placed("ditindak", 0, 150, 0), placed("lanjuti", 0, 120, 1),
                                        placed("Menyerahkan", 0, 250, 2),
                                        placed("persetujuan", 260, 240, 2)};
  EXPECT_EQ(reading_of(with_wrapped_words_joined(short_line, lexicon())), reading_of(short_line));
  // Wrapped, but "lencana" is a word of its own.
  const std::vector<OcrWord> two_words{placed("kehormatan", 0, 200, 0),
                                       placed("satya", 210, 100, 0), placed("lencana", 0, 150, 1),
                                       placed("karya", 160, 100, 1)};
  EXPECT_EQ(reading_of(with_wrapped_words_joined(two_words, lexicon())), reading_of(two_words));
}

}  // namespace
}  // namespace sopocr
