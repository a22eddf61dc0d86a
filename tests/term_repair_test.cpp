// Term repair: garbled SOP words from the seed transcriptions are repaired in place, a doubtful
// one is kept as read with its candidates, and nothing the lexicon knows is ever changed.
#include "term_repair.h"

#include <gtest/gtest.h>

#include <memory>

#include "unicode_nfc.h"

namespace sopocr {
namespace {

const Lexicon& lexicon() {
  static const std::unique_ptr<Lexicon> loaded = load_default_lexicon();
  return *loaded;
}

std::string repaired(std::string_view text) { return repair_terms(text, lexicon()).text; }

double cost(std::u32string_view reading, std::u32string_view word) {
  return ocr_edit_cost(reading, word);
}

TEST(OcrEditCost, OcrConfusionsCostLessThanAnyOtherEdit) {
  EXPECT_EQ(cost(U"notulen", U"notulen"), 0.0);
  EXPECT_LT(cost(U"rnenyusun", U"menyusun"), 0.5);  // rn for m
  EXPECT_LT(cost(U"lial", U"hal"), 0.5);            // li for h
  EXPECT_LT(cost(U"clata", U"data"), 0.5);          // cl for d
  EXPECT_LT(cost(U"undangun", U"undangan"), 1.0);   // u for a
  EXPECT_LT(cost(U"kerja1", U"kerjal"), 1.0);       // 1 for l
  EXPECT_LT(cost(U"diparaaf", U"diparaf"), 1.0);    // a doubled letter
  EXPECT_EQ(cost(U"asip", U"arsip"), 1.0);          // a dropped letter
  EXPECT_EQ(cost(U"kxrja", U"kerja"), 1.0);         // no confusion: a plain substitution
}

TEST(RepairTerms, SeedGarblesAreRepairedInPlace) {
  EXPECT_EQ(repaired("Undangun"), "Undangan");
  EXPECT_EQ(repaired("Asip Dokumen Rencana PD dalam bentuk softcopy"),
            "Arsip Dokumen Rencana PD dalam bentuk softcopy");
  EXPECT_EQ(repaired("Draft Laporan Kelangan Akhir Tahun PD"),
            "Draft Laporan Keuangan Akhir Tahun PD");
  EXPECT_EQ(repaired("Pengusunan Laporan Keuangan Semester Pertama"),
            "Penyusunan Laporan Keuangan Semester Pertama");
  // Three letters off, but "Notulen hasil" is how the domain writes it.
  EXPECT_EQ(repaired("Mobulan hasil rapat"), "Notulen hasil rapat");
}

TEST(RepairTerms, PunctuationAroundARepairedWordStays) {
  EXPECT_EQ(repaired("- Undangun;"), "- Undangan;");
  EXPECT_EQ(repaired("(Asip) dokumen"), "(Arsip) dokumen");
}

TEST(RepairTerms, AMisreadWordWithoutContextIsNotGuessedFarAway) {
  // Alone, "Mobulan" is three edits from "Notulen": too far to repair without the words that
  // usually follow it.
  const TermRepair result = repair_terms("Mobulan", lexicon());
  EXPECT_EQ(result.text, "Mobulan");
  ASSERT_EQ(result.doubts.size(), 1u);
  EXPECT_EQ(result.doubts[0].reading, "Mobulan");
}

TEST(RepairTerms, TwoCandidatesAsCloseAsEachOtherAreADoubtWithBoth) {
  // "Asip": "Arsip" with an "r" dropped, or "Asap" with an "i" for an "a". Beside "dokumen" it is
  // "Arsip"; alone, a reviewer decides.
  const TermRepair result = repair_terms("Asip", lexicon());
  EXPECT_EQ(result.text, "Asip");
  ASSERT_EQ(result.doubts.size(), 1u);
  ASSERT_GE(result.doubts[0].candidates.size(), 2u);
  EXPECT_EQ(result.doubts[0].candidates[0].word, "Arsip");
  EXPECT_EQ(result.doubts[0].candidates[1].word, "Asap");
}

TEST(RepairTerms, AKnownWordIsKeptEvenWhereAnotherWouldFitBetter) {
  // "Koneksi" is Indonesian; whether "Notulen" was printed is for a reviewer to say.
  EXPECT_EQ(repaired("Koneksi hasil rapat tim"), "Koneksi hasil rapat tim");
}

TEST(RepairTerms, AbbreviationsCodesAndNumbersAreNeverRepaired) {
  for (const char* text : {"SK", "RKA", "DPA", "LKIP", "PD", "NIP", "SPPLS", "PPBJ",
                           "067.17.002/Disnaker/01", "800/123/BKPP", "Tahun 2014", "x1y2z"}) {
    EXPECT_EQ(repaired(text), text);
  }
}

TEST(RepairTerms, AClosingMarkAfterACodeThatClosesNothingIsTheCodesJ) {
  // A serif J whose hook the resolution cut reads as ")", "]", "}" or "!".
  EXPECT_EQ(repaired("Menghitung dan menuliskan SP} yang akan dibayar"),
            "Menghitung dan menuliskan SPJ yang akan dibayar");
  EXPECT_EQ(repaired("SP] belanja"), "SPJ belanja");
  EXPECT_EQ(repaired("kepada Kepala UKPB}"), "kepada Kepala UKPBJ");
  EXPECT_EQ(repaired("diterbitkan SPPB); jika tidak"), "diterbitkan SPPBJ; jika tidak");
  EXPECT_EQ(repaired("sesuai SP! belanja"), "sesuai SPJ belanja");
  // A bracket the text opened, or a code no J completes, stays as printed.
  EXPECT_EQ(repaired("Rencana Umum Pengadaan (RUP)"), "Rencana Umum Pengadaan (RUP)");
  EXPECT_EQ(repaired("Surat Pertanggungjawaban (SP)"), "Surat Pertanggungjawaban (SP)");
  EXPECT_EQ(repaired("uang persediaan (UP dan GU) diajukan"),
            "uang persediaan (UP dan GU) diajukan");
  EXPECT_EQ(repaired("berita acara BAST)"), "berita acara BAST)");
  EXPECT_EQ(repaired("Kasubbag Umum)"), "Kasubbag Umum)");
}

TEST(RepairTerms, InATitleSetInCapitalsTheLongCapitalWordsAreWordsAndTheCodesStay) {
  EXPECT_EQ(repaired("PERSIAFAN PEMILIHAN PENYEDIA"), "PERSIAPAN PEMILIHAN PENYEDIA");
  EXPECT_EQ(repaired("FENGAWASAN PENYELENGGARAAN JASA KONSTRUKSI"),
            "PENGAWASAN PENYELENGGARAAN JASA KONSTRUKSI");
  EXPECT_EQ(repaired("PENYUSUNAN LKIP DAN RENJA PPBJ"), "PENYUSUNAN LKIP DAN RENJA PPBJ");
  // A capital word among lower-case ones is a code, however long.
  EXPECT_EQ(repaired("Laporan SATPOLPP"), "Laporan SATPOLPP");
}

TEST(RepairTerms, EveryDomainLexiconWordIsLeftAlone) {
  for (const std::u32string& word : lexicon().domain_words()) {
    const std::string utf8 = encode_utf8(word);
    const TermRepair result = repair_terms(utf8, lexicon());
    EXPECT_EQ(result.text, utf8);
    EXPECT_TRUE(result.repairs.empty() && result.doubts.empty()) << utf8;
  }
}

TEST(RepairTerms, IndonesianWordsHunspellKnowsAreLeftAlone) {
  // Words of the hunspell-id dictionary the SOP lexicon does not hold, in affixed forms too.
  for (const char* text : {"pemandangan", "berlari", "dimakan", "kebersihan", "Menyeberangi"}) {
    EXPECT_EQ(repaired(text), text);
  }
}

TEST(RepairTerms, AKnownWordWithOneAffixTheDictionaryLacksIsAWord) {
  // hunspell-id lacks these forms; their stems are known, and the affix is Indonesian.
  for (const char* text : {"fasilitasi", "lanjuti", "Uraikan"}) {
    EXPECT_EQ(repaired(text), text);
  }
  // A letter that is no affix is still a garble.
  EXPECT_EQ(repaired("Disposisis"), "Disposisi");
}

TEST(RepairTerms, RepairingTwiceChangesNothingMore) {
  for (const char* text :
       {"Undangun", "Mobulan hasil rapat", "Asip laporan e-controlling dalam bentuk soft",
        "Pengusunan Realisasi Program", "Menyusun Draft Laporan Kelangan Akhir Tahun PD",
        "hasil dan mengentry data pada aplikasi Kelangan", "Qwrtzp xkcdv"}) {
    const std::string once = repaired(text);
    EXPECT_EQ(repaired(once), once) << text;
  }
}

TEST(JoinSplitWords, PiecesOfAWordANarrowCellWrappedAreOneWordAgain) {
  bool joined = false;
  EXPECT_EQ(join_split_words("Pengadminis trasi Umum", lexicon(), joined), "Pengadministrasi Umum");
  EXPECT_TRUE(joined);
  joined = false;
  EXPECT_EQ(join_split_words("Pengadministr asi umum", lexicon(), joined), "Pengadministrasi umum");
  EXPECT_TRUE(joined);
  // The second of a pair written with a slash.
  joined = false;
  EXPECT_EQ(join_split_words("Sekretaris/Kabi d", lexicon(), joined), "Sekretaris/Kabid");
  EXPECT_TRUE(joined);
}

TEST(JoinSplitWords, TwoKnownWordsOrAPieceInCapitalsStayApart) {
  bool joined = false;
  EXPECT_EQ(join_split_words("Kepala Sub Bagian", lexicon(), joined), "Kepala Sub Bagian");
  EXPECT_EQ(join_split_words("Tamu / Pengunjung", lexicon(), joined), "Tamu / Pengunjung");
  EXPECT_EQ(join_split_words("Sekretaris/Kab d", lexicon(), joined), "Sekretaris/Kab d");
  EXPECT_EQ(join_split_words("Admin LAPOR", lexicon(), joined), "Admin LAPOR");
  EXPECT_FALSE(joined);
}

TEST(SplitRunTogetherWords, TwoWordsReadWithoutTheirSpaceAreTwoAgain) {
  bool split = false;
  EXPECT_EQ(split_run_together_words("PengadministrasiUmum", lexicon(), split),
            "Pengadministrasi Umum");
  EXPECT_TRUE(split);
  EXPECT_EQ(
      split_run_together_words("Pimpinan Instansi AuditorPemeriksa/Penyidik", lexicon(), split),
      "Pimpinan Instansi Auditor Pemeriksa/Penyidik");
}

TEST(SplitRunTogetherWords, KnownWordsAndUnknownRunsStayWhole) {
  bool split = false;
  EXPECT_EQ(split_run_together_words("Kepala Sub Bagian Umum", lexicon(), split),
            "Kepala Sub Bagian Umum");
  EXPECT_EQ(split_run_together_words("PjPHP/PPHP", lexicon(), split), "PjPHP/PPHP");
  // An acronym the lexicon lacks is no two it knows run together.
  EXPECT_EQ(split_run_together_words("Atasan PPID", lexicon(), split), "Atasan PPID");
  EXPECT_EQ(split_run_together_words("Tim Penyusunan LKIPPD", lexicon(), split),
            "Tim Penyusunan LKIPPD");
  EXPECT_EQ(split_run_together_words("Qwrtzp Xkcdv", lexicon(), split), "Qwrtzp Xkcdv");
  EXPECT_FALSE(split);
}

}  // namespace
}  // namespace sopocr
