// Field confidence as a specification: each sign of OCR trouble lowers a field's confidence
// below the review threshold, and a clean value read surely stays above it.
#include "field_confidence.h"

#include <gtest/gtest.h>

#include <memory>

#include "build_record.h"
#include "field_text.h"

namespace sopocr {
namespace {

const Lexicon& lexicon() {
  static const std::unique_ptr<Lexicon> loaded = load_default_lexicon();
  return *loaded;
}

const double kThreshold = ReviewPolicy{}.review_threshold;

// A cell read as `text`, every word with `confidence`, on one line each.
CellText cell_of(const std::string& text, double confidence = 0.95) {
  CellText cell;
  cell.text = text;
  cell.original = text;
  cell.confidence = confidence;
  cell.has_ink = true;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == '\n') {
      if (!word.empty()) cell.words.push_back({word, confidence, cv::Rect(0, 0, 40, 30), 0});
      word.clear();
    } else {
      word += c;
    }
  }
  return cell;
}

FieldConfidence judged(const std::string& value, FieldKind kind, double ocr = 0.95) {
  return field_confidence(value, cell_of(value, ocr), kind, &lexicon());
}

TEST(FieldConfidence, ACleanValueReadSurelyIsNotReviewed) {
  for (const char* value : {"Membentuk SK Tim Kegiatan",
                            "Mengoreksi draft Renja PD. Jika sesuai, dilanjutkan; jika tidak, "
                            "dikembalikan kepada Bidang Teknis"}) {
    EXPECT_GE(judged(value, FieldKind::prose).value, kThreshold) << value;
  }
  for (const char* value : {"Undang-Undang No. 23 Tahun 2014 tentang Pemerintahan Daerah",
                            "Notulen hasil rapat", "Komputer PC/laptop", "SPMK/SPP"}) {
    EXPECT_GE(judged(value, FieldKind::list_item).value, kThreshold) << value;
  }
}

TEST(FieldConfidence, OnlyAVeryWeakOcrWordIsReviewedOnItsOwn) {
  EXPECT_GE(judged("Notulen hasil rapat", FieldKind::prose, 0.5).value, kThreshold);
  const FieldConfidence weak = judged("Notulen hasil rapat", FieldKind::prose, 0.2);
  EXPECT_LT(weak.value, kThreshold);
  EXPECT_EQ(weak.reason, "low_ocr_confidence");
}

// A word the lexicon does not know is a sign of a garbled reading only where the OCR was less
// sure of it than of clean print: read so surely, it is what was printed (a name, an office's
// own spelling).
TEST(FieldConfidence, AnUnknownWordIsReviewedUnlessReadAsSurelyAsCleanPrint) {
  const FieldConfidence unsure = judged("Menyusun laporan qwertzuiop", FieldKind::prose, 0.9);
  EXPECT_LT(unsure.value, kThreshold);
  EXPECT_EQ(unsure.reason, "unknown_word");
  EXPECT_GE(judged("Menyusun laporan qwertzuiop", FieldKind::prose, 0.97).value, kThreshold);
}

TEST(FieldConfidence, SignsOfOcrTroubleAreReviewedWithTheirReason) {
  const std::pair<const char*, const char*> prose[] = {
      {"Membahas bersama JF PPB) dan menyusun", "unbalanced_bracket"},
      {"Data pengaduan dari masyarakavOPD", "garbled_word"},
      {"Menyusun dan menetapkan jadwal 1 pemilihan", "stray_digit"},
      {"Menandatangani Berita Acara Hasil Pemeriksaan. Administratif", "unlikely_sentence_start"},
      {"Memeriksa administrasi serah terima: Jika sesuai", "colon_in_prose"},
      {"Konsultasi draft laporan kinerja.", "trailing_mark"},
      {"Tugas dan Fungsi serta Tata Kerja-Dinas Pekerjaan Umum", "hyphen_joins_two_words"},
      {"Memeriksa DPAPD dan perubahannya", "codes_run_together"},
      {"Mengonsep surat peringatan I, II dan lil", "garbled_word"},
      {"Mengonsep surat peringatan |, Il dan III", "garbled_word"},
  };
  for (const auto& [value, reason] : prose) {
    const FieldConfidence judgement = judged(value, FieldKind::prose);
    EXPECT_LT(judgement.value, kThreshold) << value;
    EXPECT_EQ(judgement.reason, reason) << value;
  }
  const std::pair<const char*, const char*> items[] = {
      {"an", "implausible_item"},
      {"Kualifikasi Pelaksana", "label_read_as_value"},
      {"Arsip dokumen LKIP. PD dalam bentuk softcopy", "sentence_break_in_phrase"},
  };
  for (const auto& [value, reason] : items) {
    const FieldConfidence judgement = judged(value, FieldKind::list_item);
    EXPECT_LT(judgement.value, kThreshold) << value;
    EXPECT_EQ(judgement.reason, reason) << value;
  }
}

// Roman numerals as printed are capitals alone; "l" or "|" among their strokes is the OCR's.
TEST(FieldConfidence, ARomanNumeralAsPrintedIsNotGarbled) {
  EXPECT_GE(judged("Surat peringatan I, II dan III (III)", FieldKind::prose).value, kThreshold);
  EXPECT_GE(judged("Surat peringatan I, II dan III", FieldKind::list_item).value, kThreshold);
}

// A lone digit is a speck read as one, unless it numbers ("Nomor 5") or counts what the next
// word names ("3 hari kerja", "sebanyak 4 kali").
TEST(FieldConfidence, ALoneDigitBeforeWhatItCountsIsAnAmountNotAStrayDigit) {
  for (const char* value :
       {"3 hari kerja", "Rapat sebanyak 4 kali", "Dicetak 2 rangkap", "Peraturan Nomor 5"}) {
    EXPECT_GE(judged(value, FieldKind::prose).value, kThreshold) << value;
  }
  EXPECT_EQ(judged("Menyusun 4 laporan kinerja", FieldKind::prose).reason, "stray_digit");
}

// Where the table's author ends every activity with a stop, the stop after the last word is
// theirs; elsewhere it is a speck the scan left.
TEST(FieldConfidence, AFinalStopIsASpeckUnlessTheAuthorEndsSentencesWithOne) {
  EXPECT_EQ(judged("Konsultasi draft laporan kinerja.", FieldKind::prose).reason, "trailing_mark");
  EXPECT_GE(judged("Konsultasi draft laporan kinerja.", FieldKind::sentence).value, kThreshold);
}

TEST(FieldConfidence, ACapitalStartingALineMidItemIsAnItemWhoseMarkerWasLost) {
  CellText cell = cell_of("Dokumen persiapan pengadaan Jadwal pemilihan");
  cell.original = "- Dokumen\npersiapan\npengadaan\nJadwal\npemilihan";
  const FieldConfidence merged = field_confidence("Dokumen persiapan pengadaan Jadwal pemilihan",
                                                  cell, FieldKind::list_item, &lexicon());
  EXPECT_EQ(merged.reason, "capital_mid_phrase");
  EXPECT_LT(merged.value, kThreshold);
  // Mid-line, a capital is a name: "surat ke Dinas Pendidikan".
  EXPECT_GE(judged("Surat pengantar ke Dinas Pendidikan", FieldKind::list_item).value, kThreshold);
}

// No item ends in "dan" or "tentang": a capital starting the line after one is the author's
// title case, as in most legal bases and many outputs of the real archives.
TEST(FieldConfidence, ACapitalAfterAConnectiveContinuesTheItem) {
  for (const std::string value :
       {"Daftar nama Tim dan Nota Pengantar", "Peraturan Pemerintah tentang Manajemen Pegawai",
        "Surat Kuasa dari Atasan Pejabat"}) {
    CellText cell = cell_of(value);
    std::string lines = value;
    // Break the line before the last two capitalised words, as a narrow column does.
    const std::size_t last_space = lines.rfind(' ');
    const std::size_t break_at = lines.rfind(' ', last_space - 1);
    lines[break_at] = '\n';
    cell.original = lines;
    EXPECT_GE(field_confidence(value, cell, FieldKind::list_item, &lexicon()).value, kThreshold)
        << value;
  }
}

// A word the lexicon lacks, read this surely, is as often the author's own spelling as a garble:
// the repair stands, and the reviewer gets the reading back as the alternative. A repair of a
// word read weakly is the garble it looks like.
TEST(FieldConfidence, ARepairOfAWordReadSurelyIsTheReviewersToConfirm) {
  const std::string read = "Meyampaikan surat kepada Sekretaris";
  for (double ocr : {0.6, 0.9}) {
    const CellText cell = cell_of(read, ocr);
    const TermRepair terms = normalize_prose(cell.text, &lexicon(), words_read_as_printed(cell));
    ASSERT_EQ(terms.text, "Menyampaikan surat kepada Sekretaris") << ocr;
    const FieldConfidence judgement =
        field_confidence(terms.text, cell, FieldKind::prose, &lexicon(), &terms);
    if (ocr < 0.85) {
      EXPECT_GE(judgement.value, kThreshold);
    } else {
      EXPECT_LT(judgement.value, kThreshold);
      EXPECT_EQ(judgement.reason, "uncertain_repair");
      EXPECT_EQ(judgement.candidates, std::vector<std::string>{"Meyampaikan"});
    }
  }
}

// Abbreviations any Indonesian institution prints are not two codes run together, though they
// spell two ("PPID": "PP" and "ID").
TEST(FieldConfidence, AGovernmentAbbreviationIsNotTwoCodesRunTogether) {
  for (const char* value :
       {"Menyampaikan kepada PPID Pelaksana", "Surat kuasa dari SKPD", "Menyiapkan SPPD dan SPT"}) {
    EXPECT_GE(judged(value, FieldKind::prose).value, kThreshold) << value;
  }
}

TEST(FieldConfidence, AWordDroppedAsNoiseThatMayHaveBeenTextIsReviewed) {
  CellText cell = cell_of("sampai dengan semester");
  cell.doubtful_words.push_back({"I", 0.3, cv::Rect(0, 0, 10, 30), 0});
  const FieldConfidence judgement =
      field_confidence("sampai dengan semester", cell, FieldKind::list_item, &lexicon());
  EXPECT_EQ(judgement.reason, "doubtful_word_dropped");
  EXPECT_LT(judgement.value, kThreshold);
}

TEST(FieldConfidence, EveryReasonItGivesIsOneTheSweepCanThreshold) {
  for (const char* reason :
       {"low_ocr_confidence", "unbalanced_bracket", "garbled_word", "stray_digit",
        "unlikely_sentence_start", "colon_in_prose", "trailing_mark", "hyphen_joins_two_words",
        "codes_run_together", "unknown_word", "implausible_item", "label_read_as_value",
        "sentence_break_in_phrase", "capital_mid_phrase", "doubtful_word_dropped",
        "uncertain_repair", "garbled_name"}) {
    EXPECT_TRUE(is_confidence_reason(reason)) << reason;
  }
  EXPECT_FALSE(is_confidence_reason("not_read"));
  EXPECT_FALSE(is_confidence_reason("no_arrow_found"));
}

}  // namespace
}  // namespace sopocr
