// Normalisers as specifications: every duration form of the contract and the seeds, Indonesian
// dates with garbled months, NIP checks, list splitting, text clean-up, and their properties.
#include <gtest/gtest.h>

#include "date.h"
#include "duration.h"
#include "labels.h"
#include "line_joining.h"
#include "lists.h"
#include "nip.h"
#include "person_name.h"
#include "punctuation.h"
#include "term_repair.h"
#include "text.h"

namespace sopocr {
namespace {

struct DurationCase {
  const char* printed;
  DurationUnit unit;
  std::optional<double> amount;
  std::optional<double> amount_max;
  std::optional<std::string> iso8601;
  std::optional<double> minutes;
};

class DurationForms : public ::testing::TestWithParam<DurationCase> {};

TEST_P(DurationForms, ParseAsTheContractSays) {
  const DurationCase& expected = GetParam();
  const std::optional<Duration> parsed = parse_duration(expected.printed);
  ASSERT_TRUE(parsed) << expected.printed;
  EXPECT_EQ(parsed->text, normalize_text(expected.printed));
  EXPECT_EQ(parsed->unit, expected.unit) << expected.printed;
  EXPECT_EQ(parsed->amount, expected.amount) << expected.printed;
  EXPECT_EQ(parsed->amount_max, expected.amount_max) << expected.printed;
  EXPECT_EQ(parsed->iso8601, expected.iso8601) << expected.printed;
  EXPECT_EQ(parsed->minutes, expected.minutes) << expected.printed;
}

using U = DurationUnit;
INSTANTIATE_TEST_SUITE_P(
    SeedsAndContract, DurationForms,
    ::testing::Values(DurationCase{"60 Menit", U::minute, 60, {}, "PT60M", 60},
                      DurationCase{"1,5 menit", U::minute, 1.5, {}, "PT1.5M", 1.5},
                      DurationCase{"5 mnt", U::minute, 5, {}, "PT5M", 5},
                      DurationCase{"2 jam", U::hour, 2, {}, "PT2H", 120},
                      DurationCase{"1 hari/8 Jam", U::day, 1, {}, "P1D", 480},
                      DurationCase{
                          "5 hari kerja (2 jam/ hari)", U::working_day, 5, {}, "P5D", 2400},
                      DurationCase{"1 (satu) hari kerja", U::working_day, 1, {}, "P1D", 480},
                      DurationCase{"1 minggu", U::week, 1, {}, "P1W", 2400},
                      DurationCase{"3 bulan", U::month, 3, {}, "P3M", 28800},
                      DurationCase{"1 tahun", U::year, 1, {}, "P1Y", 115200},
                      DurationCase{"1-2 hari", U::day, 1, 2, "P1D", 480},
                      DurationCase{"Paling lambat 30 menit", U::minute, 30, {}, "PT30M", 30},
                      DurationCase{"± 15 menit", U::minute, 15, {}, "PT15M", 15},
                      DurationCase{"Sesuai kontrak", U::per_contract, {}, {}, {}, {}},
                      DurationCase{"Sesuai kebutuhan", U::as_needed, {}, {}, {}, {}},
                      DurationCase{"N/A", U::not_applicable, {}, {}, {}, {}},
                      DurationCase{"-", U::not_applicable, {}, {}, {}, {}},
                      DurationCase{"Setiap Saat", U::other, {}, {}, {}, {}},
                      DurationCase{"Pada hari dan jam kerja", U::other, {}, {}, {}, {}}));

TEST(Duration, ANumberWithoutAUnitIsNotGuessed) {
  EXPECT_FALSE(parse_duration("2"));
  EXPECT_FALSE(parse_duration(""));
}

// A Waktu cell never prints a unit alone: where OCR read only "menit", the amount beside it
// (a thin "1" against the cell's rule, most often) was lost, and the duration is unread.
TEST(Duration, AUnitWithoutItsAmountIsNotADurationWording) {
  for (const char* unit_only : {"menit", "& Menit", "Hari", "hari kerja", "Jam.", "han", "Ment"}) {
    EXPECT_FALSE(parse_duration(unit_only)) << unit_only;
  }
  EXPECT_EQ(parse_duration("Setiap hari")->unit, DurationUnit::other);
  EXPECT_EQ(parse_duration("Pada hari dan jam kerja")->unit, DurationUnit::other);
}

// An amount OCR read as letters ("5" as "S" glued to its unit, "11" as "Il", "14" as "M") is
// lost: the duration is unread, not the other amount the cell prints ("(2 jam/ hari)") nor a
// wording. Wording that names a unit has a word of its own before it.
TEST(Duration, AnAmountReadAsLettersLeavesTheDurationUnread) {
  for (const char* lost : {"Shari kerja (2 jam/ hari)", "Shari", "Il hari", "M hari", "Smenit",
                           "2 Il hari", "f han", "Shan"}) {
    EXPECT_FALSE(parse_duration(lost)) << lost;
  }
  EXPECT_EQ(parse_duration("5 hari kerja (2 jam/ hari)")->amount, 5);
  for (const char* wording :
       {"Setiap hari", "Sehari", "Seminggu", "Di hari yang sama", "Setiap han", "Bulanan"}) {
    EXPECT_EQ(parse_duration(wording)->unit, DurationUnit::other) << wording;
  }
}

TEST(Duration, PrintedBackParsesToTheSameValue) {
  for (const char* printed : {"60 Menit", "1,5 menit", "1-2 hari", "3 bulan", "Sesuai kontrak"}) {
    const Duration first = *parse_duration(printed);
    const Duration second = *parse_duration(first.text);
    EXPECT_EQ(first, second) << printed;
  }
}

TEST(BranchLabel, YaAndTidakAreReadAsPrintedWithAMisreadLetterRepaired) {
  EXPECT_EQ(decision_branch_label("Ya"), "Ya");
  EXPECT_EQ(decision_branch_label("ya."), "Ya");
  EXPECT_EQ(decision_branch_label("YA"), "YA");
  EXPECT_EQ(decision_branch_label("Tldak"), "Tidak");
  EXPECT_EQ(decision_branch_label("TIDAK"), "TIDAK");
  EXPECT_EQ(decision_branch_label("TlDAK"), "TIDAK");
  // A lone letter could be any word's: the caller keeps it as read.
  EXPECT_EQ(decision_branch_label("Y"), std::nullopt);
}

TEST(BranchLabel, TheWordsBranchesAreLabelledWithAreReadAsPrintedWithAMisreadLetterRepaired) {
  EXPECT_EQ(decision_branch_label("Lengkap"), "Lengkap");
  EXPECT_EQ(decision_branch_label("Lengkam"), "Lengkap");
  EXPECT_EQ(decision_branch_label("Lengkapl"), "Lengkap");
  EXPECT_EQ(decision_branch_label("Tidak lenakap"), "Tidak lengkap");
  EXPECT_EQ(decision_branch_label("Tid:k lengkap"), "Tidak lengkap");
  EXPECT_EQ(decision_branch_label("Tidak -engkap"), "Tidak lengkap");
  EXPECT_EQ(decision_branch_label("TIDAK SESUAl"), "TIDAK SESUAI");
  EXPECT_EQ(decision_branch_label("Tidak Setuju"), "Tidak Setuju");
  EXPECT_EQ(decision_branch_label("Ditolak"), "Ditolak");
  // Other wording, or what is left of a label cut short, is no label of the list: the caller
  // keeps it as read.
  EXPECT_EQ(decision_branch_label("Tida jkap"), std::nullopt);
  EXPECT_EQ(decision_branch_label("kap"), std::nullopt);
  EXPECT_EQ(decision_branch_label("Ya lengkap"), std::nullopt);
  EXPECT_EQ(decision_branch_label("Dikembalikan ke Kasubag"), std::nullopt);
}

TEST(BranchLabel, ALabelReadInPiecesOfWordsIsItsWordsRunTogether) {
  // Small type set wide reads as pieces: their letters run together are the label.
  EXPECT_EQ(decision_branch_label("Leng kap"), "Lengkap");
  EXPECT_EQ(decision_branch_label("Tid ak len g kap"), "Tidak lengkap");
  EXPECT_EQ(decision_branch_label("TI DAK SE SUAI"), "TIDAK SESUAI");
  // Pieces that make no label stay unread, as whole words do.
  EXPECT_EQ(decision_branch_label("Tid ak lang mg"), std::nullopt);
  EXPECT_EQ(decision_branch_label("Di kembali kan"), std::nullopt);
}

// A decision's two branches answer each other. Where one reads as a usual wording and the
// other only in part (a rule or the lane's edge cut it) or misread, the other is its answer, in
// its case, so long as what was read is a piece of that answer.
TEST(BranchLabel, TheOtherBranchOfADecisionIsTheAnswerToItsUsualLabel) {
  EXPECT_EQ(other_branch_label("YA", "AK"), "TIDAK");
  EXPECT_EQ(other_branch_label("YA", "TD"), "TIDAK");
  EXPECT_EQ(other_branch_label("Ya", "Tuak"), "Tidak");
  EXPECT_EQ(other_branch_label("Ya", "icak"), "Tidak");
  EXPECT_EQ(other_branch_label("Tidak", "Yo"), "Ya");
  EXPECT_EQ(other_branch_label("Lengkap", "Tdak lengk"), "Tidak lengkap");
  EXPECT_EQ(other_branch_label("Lengkap", "ak lenokan"), "Tidak lengkap");
  EXPECT_EQ(other_branch_label("TIDAK LENGKAP", "ENGK"), "LENGKAP");
  EXPECT_EQ(other_branch_label("Disetujui", "Ditolk"), "Ditolak");
}

TEST(BranchLabel, ALabelThatIsNoPieceOfTheAnswerStaysAsRead) {
  // Marks with nothing of "Tidak" in them, or another wording altogether.
  EXPECT_EQ(other_branch_label("YA", "n"), std::nullopt);
  EXPECT_EQ(other_branch_label("Lengkap", "4 sm is"), std::nullopt);
  EXPECT_EQ(other_branch_label("Ya", "Dikembalikan"), std::nullopt);
  // As near the other branch's own label as its answer: it says nothing of which this is.
  EXPECT_EQ(other_branch_label("Ya", "Ya"), std::nullopt);
  // "Lengkap" may be what a cut left of "Tidak lengkap": a piece of "lengkap" could be either.
  EXPECT_EQ(other_branch_label("Lengkap", "kap"), std::nullopt);
  // The other branch's label is no usual wording itself.
  EXPECT_EQ(other_branch_label("Diteruskan", "AK"), std::nullopt);
}

TEST(Date, ReadsIndonesianMonthNames) {
  EXPECT_EQ(parse_indonesian_date("04 Januari 2021").iso, "2021-01-04");
  EXPECT_EQ(parse_indonesian_date("8 Nopember 2023").iso, "2023-11-08");
  EXPECT_EQ(parse_indonesian_date("16-09-2019").iso, "2019-09-16");
}

TEST(Date, RepairsAGarbledMonthAndSaysSo) {
  const ParsedDate date = parse_indonesian_date("10 Desernber 2019");
  EXPECT_EQ(date.iso, "2019-12-10");
  EXPECT_TRUE(date.repaired);
}

// A stamp pressed over the date leaves a month's first letter and its length, little else.
TEST(Date, AMonthAStampGarbledIsReadFromItsFirstLetterAndSaysSo) {
  const ParsedDate date = parse_indonesian_date("08 Noyerfiben 2023");
  EXPECT_EQ(date.iso, "2023-11-08");
  EXPECT_TRUE(date.repaired);
  EXPECT_EQ(parse_indonesian_date("10 Deserfher 2019").iso, "2019-12-10");
  EXPECT_EQ(parse_indonesian_date("16 Sepyertker 2019").iso, "2019-09-16");
  EXPECT_EQ(parse_indonesian_date("08 Nguember 2023").iso, "2023-11-08");
  // "M" begins Maret and Mei alike: nothing tells them apart.
  EXPECT_FALSE(parse_indonesian_date("18 Mgsef 2020").iso);
  // A word far longer than any month is no month.
  EXPECT_FALSE(parse_indonesian_date("08 Nomorsuratkeluar 2023").iso);
}

TEST(Date, ADayReadAsALetterIsReadAndSaysSo) {
  const ParsedDate date = parse_indonesian_date("l5 Agustus 2023");
  EXPECT_EQ(date.iso, "2023-08-15");
  EXPECT_TRUE(date.repaired);
  EXPECT_EQ(parse_indonesian_date("l0 Pebruari 2019").iso, "2019-02-10");
  EXPECT_EQ(parse_indonesian_date("1 Aaustus 2023").iso, "2023-08-01");
  EXPECT_EQ(parse_indonesian_date("04 Jan 21").iso, "2021-01-04");
}

TEST(Date, AYearReadWithASpaceAmongItsDigitsIsOneYear) {
  EXPECT_EQ(parse_indonesian_date("10 Desember 201 9").iso, "2019-12-10");
  EXPECT_EQ(parse_indonesian_date("10 Desember 20 19").iso, "2019-12-10");
  EXPECT_EQ(parse_indonesian_date("10 Desember 2 019").iso, "2019-12-10");
  // A two-digit year and a speck after it stay the two-digit year.
  EXPECT_EQ(parse_indonesian_date("04 Jan 21 3").iso, "2021-01-04");
}

// A stamp's ring through "2019" reads "20,9" or "20I9": the year is unread, not 2020.
TEST(Date, AYearAStampCutIsNoTwoDigitYear) {
  for (const char* cut : {"01 Mei 20,9", "01 Mei 20I9", "01 Mei 20.1"}) {
    EXPECT_FALSE(parse_indonesian_date(cut).iso) << cut;
  }
  EXPECT_EQ(parse_indonesian_date("01 Mei 2019.").iso, "2019-05-01");
  EXPECT_EQ(parse_indonesian_date("01 Mei 2019, ttd").iso, "2019-05-01");
}

// A stamp's ring through a year adds a stroke to a digit or takes one ("2019" read "9019",
// "2018" read "2918"): a year no date has, one digit off exactly one year of this century's first
// half, is that year, and says so. One off several, or none, stays unread.
TEST(Date, AYearOneDigitOffTheCenturyIsThatYearAndSaysSo) {
  for (const auto& [garbled, iso] :
       {std::pair{"16 September 9019", "2019-09-16"}, std::pair{"20 Mei 4019", "2019-05-20"},
        std::pair{"16 September 2918", "2018-09-16"},
        std::pair{"08 November 2823", "2023-11-08"}}) {
    const ParsedDate date = parse_indonesian_date(garbled);
    EXPECT_EQ(date.iso, iso) << garbled;
    EXPECT_TRUE(date.repaired) << garbled;
  }
  EXPECT_FALSE(parse_indonesian_date("20 Mei 7777").iso);
  EXPECT_FALSE(parse_indonesian_date("20 Mei 2777").iso);
  // A year a date may have stays as read, however old.
  const ParsedDate old = parse_indonesian_date("20 Mei 1998");
  EXPECT_EQ(old.iso, "1998-05-20");
  EXPECT_FALSE(old.repaired);
}

// The cell's left rule or a speck before the day reads as a digit glued to it.
TEST(Date, ADayOfThreeDigitsIsItsLastTwoAndSaysSo) {
  const ParsedDate date = parse_indonesian_date("110 Desember 2019");
  EXPECT_EQ(date.iso, "2019-12-10");
  EXPECT_TRUE(date.repaired);
  EXPECT_EQ(parse_indonesian_date("101 Mei 2019").iso, "2019-05-01");
  EXPECT_FALSE(parse_indonesian_date("145 Mei 2019").iso);
}

TEST(Date, AMonthAndAYearAreNoDate) {
  const ParsedDate date = parse_indonesian_date("Agustus 2023");
  EXPECT_FALSE(date.iso);
  EXPECT_EQ(date.problem, "no day");
  // A lone letter before the month is a speck or a rule's edge, not the 1st (real scans).
  for (const char* speck : {"i Agustus 2023", "I Aaustus 2023", "l Agustus 2023"}) {
    EXPECT_FALSE(parse_indonesian_date(speck).iso) << speck;
    EXPECT_EQ(parse_indonesian_date(speck).problem, "no day") << speck;
  }
  EXPECT_EQ(parse_indonesian_date("Kalimantan 2023").problem, "no date found");
}

TEST(Date, AnImpossibleDateIsNull) {
  const ParsedDate date = parse_indonesian_date("31 Februari 2020");
  EXPECT_FALSE(date.iso);
  EXPECT_EQ(date.problem, "impossible date");
  EXPECT_FALSE(parse_indonesian_date("tanpa tanggal").iso);
}

TEST(Nip, StripsSpacesAndChecksTheParts) {
  const ParsedNip nip = parse_nip("NIP. 19691101 199303 1 009");
  EXPECT_EQ(nip.nip, "196911011993031009");
  EXPECT_TRUE(nip.valid) << nip.problem;
}

TEST(Nip, KeepsAnInvalidNipAsReadAndSaysWhy) {
  const ParsedNip short_nip = parse_nip("NIP. 19691101 199303 1 00");
  EXPECT_EQ(short_nip.nip, "19691101199303100");
  EXPECT_FALSE(short_nip.valid);
  const ParsedNip young = parse_nip("19901101 200003 1 009");  // appointed at 9
  EXPECT_FALSE(young.valid);
  EXPECT_EQ(young.problem, "appointment before the 18th birthday");
  EXPECT_FALSE(parse_nip("19691101 199303 3 009").valid);  // sex digit 3
}

TEST(Nip, WhatAStampLeftBeforeTheNipIsNoPartOfIt) {
  EXPECT_EQ(parse_nip("9 NIP. 19691101 199303 1 009").nip, "196911011993031009");
  EXPECT_EQ(parse_nip("g NIP:19691101 199303 1 009").nip, "196911011993031009");
  EXPECT_EQ(parse_nip("NIP. ,19691101 199303 1 009").nip, "196911011993031009");
  EXPECT_EQ(parse_nip("NIP ' 19691101 199303 1 009").nip, "196911011993031009");
  // A signature's stroke after the last digit, likewise; but not a digit's worth of a longer run.
  EXPECT_EQ(parse_nip("NIP. 19730614 200112 1 004-").nip, "197306142001121004");
  EXPECT_EQ(parse_nip("NIP. 19780412 200501 1 003AT").nip, "197804122005011003");
  EXPECT_EQ(parse_nip("NIP. 19730614 200112 1 0045").nip, "1973061420011210045");
  // The word itself lost under the stamp: the digits are still the NIP.
  const ParsedNip lost_word = parse_nip("IP 19691101 199303 1 009");
  EXPECT_EQ(lost_word.nip, "196911011993031009");
  EXPECT_TRUE(lost_word.valid) << lost_word.problem;
  // And the word misread, a speck between the digit groups read as a comma.
  const ParsedNip comma = parse_nip("MP19730614,2001121004");
  EXPECT_EQ(comma.nip, "197306142001121004");
  EXPECT_TRUE(comma.valid) << comma.problem;
}

TEST(Lists, SplitsOnTheDocumentsOwnMarkersAndDropsThem) {
  EXPECT_EQ(split_list_items("1. Undang-Undang No. 23 Tahun 2014\n2. PP No. 22 Tahun 2020"),
            (std::vector<std::string>{"Undang-Undang No. 23 Tahun 2014", "PP No. 22 Tahun 2020"}));
  EXPECT_EQ(split_list_items("- Disposisi\n- Telaahan Staf"),
            (std::vector<std::string>{"Disposisi", "Telaahan Staf"}));
  EXPECT_EQ(split_list_items("a. Komputer\nb) Printer"),
            (std::vector<std::string>{"Komputer", "Printer"}));
}

TEST(Lists, WrappedLinesContinueTheirItem) {
  EXPECT_EQ(
      split_list_items("1. Peraturan Daerah Nomor 9\nTahun 2016 tentang Pembentukan\n2. SK"),
      (std::vector<std::string>{"Peraturan Daerah Nomor 9 Tahun 2016 tentang Pembentukan", "SK"}));
  EXPECT_EQ(split_list_items("Surat Undangan dan\nPermohonan Narasumber"),
            (std::vector<std::string>{"Surat Undangan dan Permohonan Narasumber"}));
}

TEST(Lists, AMarkerAfterASpeckOrWithItsLetterDoubledIsStillAMarker) {
  EXPECT_EQ(split_list_items("1. Memahami keuangan\n.2. Memahami pengadaan\n3. Aplikasi"),
            (std::vector<std::string>{"Memahami keuangan", "Memahami pengadaan", "Aplikasi"}));
  EXPECT_EQ(split_list_items("a. Memahami peraturan\nb. Memahami jasa\nCc. Memahami pedoman"),
            (std::vector<std::string>{"Memahami peraturan", "Memahami jasa", "Memahami pedoman"}));
}

// At low resolution OCR loses a number's stop or reads it as a comma. Numbers that carry the
// list's count from 1 are still its markers; a wrapped "2 Tahun 2017" or a number out of the
// count is text.
TEST(Lists, NumbersThatLostTheirStopAreMarkersWhereTheyCarryTheCount) {
  EXPECT_EQ(split_list_items("1 Undang-Undang No. 23 Tahun 2014\n2 Undang-Undang No.\n"
                             "2 Tahun 2017 tentang Jasa Konstruksi\n3, Peraturan Pemerintah"),
            (std::vector<std::string>{"Undang-Undang No. 23 Tahun 2014",
                                      "Undang-Undang No. 2 Tahun 2017 tentang Jasa Konstruksi",
                                      "Peraturan Pemerintah"}));
  EXPECT_EQ(split_list_items("1. Renstra PD\n2, RKPD tahun rencana\n3 Aplikasi keuangan"),
            (std::vector<std::string>{"Renstra PD", "RKPD tahun rencana", "Aplikasi keuangan"}));
  EXPECT_EQ(
      split_list_items("1. Peraturan Walikota Nomor\n39 Tahun 2018\n2. SK Kepala Dinas"),
      (std::vector<std::string>{"Peraturan Walikota Nomor 39 Tahun 2018", "SK Kepala Dinas"}));
  EXPECT_EQ(split_list_items("Laporan bulanan\n4 Buku agenda"),
            (std::vector<std::string>{"Laporan bulanan 4 Buku agenda"}));
}

// Letters lose their stops too, and a first item's "1." reads as "L" or "l". The count runs on
// from a first item whose marker was lost whole.
TEST(Lists, LettersThatLostTheirStopAreMarkersWhereTheyCarryTheCount) {
  EXPECT_EQ(split_list_items("Memahami tata cara\nb Mampu mengoperasikan komputer"),
            (std::vector<std::string>{"Memahami tata cara", "Mampu mengoperasikan komputer"}));
  EXPECT_EQ(split_list_items("a. Printer\nb. Kertas NCR\nc: Kuitansi, nota"),
            (std::vector<std::string>{"Printer", "Kertas NCR", "Kuitansi, nota"}));
  EXPECT_EQ(split_list_items("L Memahami tata cara\n2 Mampu mengoperasikan"),
            (std::vector<std::string>{"Memahami tata cara", "Mampu mengoperasikan"}));
  EXPECT_EQ(split_list_items("a, Capaian kinerja"), (std::vector<std::string>{"Capaian kinerja"}));
  // A letter out of the count is a word's or a speck's.
  EXPECT_EQ(split_list_items("a. Memahami tata cara\nd Mampu mengoperasikan"),
            (std::vector<std::string>{"Memahami tata cara d Mampu mengoperasikan"}));
}

TEST(Lists, AQuoteIsNeverCutIntoAMarker) {
  // "‘" is three bytes of UTF-8, two of them shared with the dashes: none is taken for a dash.
  EXPECT_EQ(split_list_items("- Usulan daftar\npelaku usaha\n‘terkualifikasi"),
            (std::vector<std::string>{"Usulan daftar pelaku usaha ‘terkualifikasi"}));
  EXPECT_EQ(split_list_items("‘Laporan final’"), (std::vector<std::string>{"‘Laporan final’"}));
}

TEST(Lists, ALineBrokenOnPurposeBeforeACapitalStartsAnItemWhoseMarkerWasLost) {
  const std::string raw = "- Jaringan internet\n- Aplikasi SPSE\nFormulir permohonan akun";
  EXPECT_EQ(
      split_list_items(raw, {false, true}),
      (std::vector<std::string>{"Jaringan internet", "Aplikasi SPSE", "Formulir permohonan akun"}));
  // Wrapped because "Formulir" did not fit: one item.
  EXPECT_EQ(
      split_list_items(raw, {false, false}),
      (std::vector<std::string>{"Jaringan internet", "Aplikasi SPSE Formulir permohonan akun"}));
  // Without markers nothing says where items begin.
  EXPECT_EQ(split_list_items("Aplikasi SPSE\nFormulir permohonan", {true}),
            (std::vector<std::string>{"Aplikasi SPSE Formulir permohonan"}));
}

TEST(Labels, ActorsMisspelledInTheTextAreSpelledAsTheirLane) {
  const std::vector<std::string> actors{"Kepala Seksi", "Kepala Dinas", "Staf"};
  int changed = 0;
  EXPECT_EQ(
      align_actor_mentions("Diteruskan kepada Kepala Seksl, lalu ke Kepala Dinas", actors, changed),
      "Diteruskan kepada Kepala Seksi, lalu ke Kepala Dinas");
  EXPECT_EQ(changed, 1);
  // Another office, and words that only look alike in lower case, stay.
  EXPECT_EQ(align_actor_mentions("Surat dari Kepala Desa dan kepala seksl", actors, changed),
            "Surat dari Kepala Desa dan kepala seksl");
  EXPECT_EQ(align_actor_mentions("Stat", actors, changed), "Stat");
}

TEST(Punctuation, ASpeckReadAsADotOrColonBeforeALowerCaseWordIsDropped) {
  EXPECT_EQ(repair_stray_punctuation("Notulen evaluasi. dan pembahasan"),
            "Notulen evaluasi dan pembahasan");
  EXPECT_EQ(repair_stray_punctuation("Laporan hasil pemilihan: penyedia"),
            "Laporan hasil pemilihan penyedia");
  EXPECT_EQ(repair_stray_punctuation("Jika prosedur tidak dilakukan, .maka pengaduan"),
            "Jika prosedur tidak dilakukan, maka pengaduan");
  EXPECT_EQ(repair_stray_punctuation("pelatihan tenaga ahli jasa.konstruksi"),
            "pelatihan tenaga ahli jasa konstruksi");
  EXPECT_EQ(repair_stray_punctuation("daftar terima honor'dan rekening"),
            "daftar terima honor dan rekening");
  EXPECT_EQ(repair_stray_punctuation("Nomor 70 Tahun 2012-tentang Perubahan"),
            "Nomor 70 Tahun 2012 tentang Perubahan");
}

// A sub-item's letter is printed with its stop, which is a few pixels at low resolution.
TEST(Punctuation, ASubItemLetterThatLostItsStopOrCaseHasThemBack) {
  EXPECT_EQ(repair_stray_punctuation("a Menerima bukti transfer; b Menyusun laporan"),
            "a. Menerima bukti transfer; b. Menyusun laporan");
  EXPECT_EQ(repair_stray_punctuation("Memeriksa usulan: a Jika sesuai diteruskan"),
            "Memeriksa usulan: a. Jika sesuai diteruskan");
  EXPECT_EQ(repair_stray_punctuation("a. Menyeleksi dan mengarsipkan b dokumen"),
            "a. Menyeleksi dan mengarsipkan b. dokumen");
  EXPECT_EQ(repair_stray_punctuation("a. Menyusun; b. Memeriksa; C. Mengirim usulan"),
            "a. Menyusun; b. Memeriksa; c. Mengirim usulan");
  // A lone letter that opens no sequence, or comes out of it, is left as read.
  EXPECT_EQ(repair_stray_punctuation("Menyusun a Konsep"), "Menyusun a Konsep");
  EXPECT_EQ(repair_stray_punctuation("a. Menyusun laporan c hasil"), "a. Menyusun laporan c hasil");
  EXPECT_EQ(repair_stray_punctuation("Kepala Dinas C. Ahmad"), "Kepala Dinas C. Ahmad");
}

TEST(Punctuation, UnpairedQuotesAndASpaceAfterASlashAreSpecks) {
  EXPECT_EQ(repair_stray_punctuation("Notulen' hasil rapat"), "Notulen hasil rapat");
  EXPECT_EQ(repair_stray_punctuation("Akun SPSE ‘Auditor/Pemeriksa"),
            "Akun SPSE Auditor/Pemeriksa");
  EXPECT_EQ(repair_stray_punctuation("Keputusan PA/' KPA"), "Keputusan PA/KPA");
  EXPECT_EQ(repair_stray_punctuation("Aplikasi ‘SPSE’ dan Jum'at"), "Aplikasi ‘SPSE’ dan Jum'at");
}

TEST(Punctuation, AReduplicationsHyphenSpacedOnOneSideOrLostIsPutBack) {
  for (const char* reduplication : {"Peraturan Perundang undangan", "Peraturan Perundang -undangan",
                                    "Peraturan Perundang- undangan"}) {
    EXPECT_EQ(repair_reduplication_hyphens(reduplication), "Peraturan Perundang-undangan")
        << reduplication;
  }
  EXPECT_EQ(repair_reduplication_hyphens("sewaktu waktu"), "sewaktu-waktu");
  EXPECT_EQ(repair_stray_punctuation("Perundang undangan, sewaktu -waktu"),
            "Perundang-undangan, sewaktu-waktu");
  // A spaced hyphen between other words is a dash or a suspended compound; words that merely
  // share letters are two words; a word typed twice is the author's.
  for (const char* text : {"Januari - Desember", "pra- dan pascasarjana", "Kepala Pelaksana",
                           "data dan dana", "Laporan -lampiran", "Sekretariat Sekretaris",
                           "tidak dilaksanakan akan", "secara mendalam dalam rapat",
                           "kegiatan kegiatan Non Yustisi", "Undang Undang", "sekretaris /Kabid"}) {
    EXPECT_EQ(repair_reduplication_hyphens(text), text);
  }
}

TEST(Punctuation, TheSemicolonOfJikaJikaIsRestored) {
  EXPECT_EQ(repair_stray_punctuation("Jika sesuai, diteruskan ke Kepala Dinas: jika tidak, "
                                     "dikembalikan"),
            "Jika sesuai, diteruskan ke Kepala Dinas; jika tidak, dikembalikan");
  // Without a "Jika" before it, a colon before "jika" is a stray mark like any other.
  EXPECT_EQ(repair_stray_punctuation("Diteruskan: jika perlu"), "Diteruskan jika perlu");
}

TEST(Punctuation, SentencesAbbreviationsMarkersAndCodesKeepTheirDots) {
  for (const char* text :
       {"Rapat selesai. Kemudian dilaporkan", "Ms. Word dan Ms. Excel", "Ir. H. Ahmad, S.T., M.T.",
        "dll. dan sebagainya", "sub. ini", "kegiatan. b. bahwa", "www.bontangkota.go.id",
        "067.17.002/Disnaker/01", "Nomor 23 Tahun 2014 tentang Pemerintahan Daerah", "Jum'at",
        "SPP-LS dan SPM-LS", "e-controlling", "Tahun 2019-2023"}) {
    EXPECT_EQ(repair_stray_punctuation(text), text);
  }
}

TEST(Punctuation, AListItemLosesTrailingAndLeadingMarksButNotAnAbbreviationsDot) {
  EXPECT_EQ(trim_item_punctuation("Tanda terima pengiriman."), "Tanda terima pengiriman");
  EXPECT_EQ(trim_item_punctuation("Laporan pelaksanaan pemilihan penyedia:"),
            "Laporan pelaksanaan pemilihan penyedia");
  EXPECT_EQ(trim_item_punctuation("SPMK/SPP-"), "SPMK/SPP");
  EXPECT_EQ(trim_item_punctuation(".Daftar akun Auditor"), "Daftar akun Auditor");
  EXPECT_EQ(trim_item_punctuation("Alat tulis, dll."), "Alat tulis, dll.");
  EXPECT_EQ(trim_item_punctuation("-"), "");
}

TEST(Punctuation, RepairingTwiceChangesNothingMore) {
  for (const char* text : {"Notulen evaluasi. dan pembahasan", "Kepala Dinas: jika tidak",
                           "a.. b:: c", ". .maka", "Jika x: jika y: jika z", "jasa.konstruksi.baru",
                           "::jika", "Tata.Kerja-Dinas.", "a/ b/ c", "a /b -c d- e",
                           "Perundang undangan undangan", "'' ‘x’ y'", "PA/' KPA'"}) {
    const std::string once = repair_stray_punctuation(text);
    EXPECT_EQ(repair_stray_punctuation(once), once) << text;
    const std::string item = trim_item_punctuation(once);
    EXPECT_EQ(trim_item_punctuation(item), item) << text;
  }
}

TEST(Text, SplitsWordsOnSpacesAndJoinsTheNonEmptyOnes) {
  EXPECT_EQ(split_words("  Kepala  Dinas, dan "),
            (std::vector<std::string>{"Kepala", "Dinas,", "dan"}));
  EXPECT_EQ(join_words({"Kepala", "", "Dinas"}), "Kepala Dinas");
  EXPECT_TRUE(split_words("").empty());
}

TEST(Text, NormalisesSpacesRuleRemnantsAndComposition) {
  EXPECT_EQ(normalize_text("  Kepala \t Dinas\n| "), "Kepala Dinas");
  EXPECT_EQ(normalize_text("Caf"
                           "e\xCC\x81"),
            "Caf\xC3\xA9");  // e + combining acute → é
}

TEST(Text, NormalisationComposesOgonekAndStackedMarks) {
  // A + ogonek (U+0328) is U+0104 Ą, which the old 58-entry composition table lacked.
  EXPECT_EQ(normalize_text("A\xCC\xA8"), "\xC4\x84");
  // e + dot below + circumflex, in either order, is U+1EC7 ệ.
  EXPECT_EQ(normalize_text("e\xCC\xA3\xCC\x82"), "\xE1\xBB\x87");
  EXPECT_EQ(normalize_text("e\xCC\x82\xCC\xA3"), "\xE1\xBB\x87");
}

TEST(Text, NormalisingTwiceChangesNothing) {
  for (const char* raw : {"  a  b ", "|x|", "e\xCC\x81 e", "Menyusun\nRenja  PD", ""}) {
    const std::string once = normalize_text(raw);
    EXPECT_EQ(normalize_text(once), once) << raw;
  }
}

TEST(Text, EditDistanceCountsCodePoints) {
  EXPECT_EQ(edit_distance("Undangun", "Undangan"), 1u);
  EXPECT_EQ(edit_distance("\xC3\xA9", "e"), 1u);
  EXPECT_DOUBLE_EQ(similarity("abcd", "abcf"), 0.75);
}

}  // namespace
}  // namespace sopocr

namespace sopocr {
namespace {

TEST(LineJoining, RejoinsWordsTheTypesetterBroke) {
  EXPECT_EQ(join_wrapped_lines({"Pengadmin-", "istrasi Umum"}), "Pengadministrasi Umum");
  EXPECT_EQ(join_wrapped_lines({"Pengantar Surat/", "Caraka"}), "Pengantar Surat/Caraka");
  EXPECT_EQ(join_wrapped_lines({"Tamu /", "Pengunjung"}), "Tamu / Pengunjung");
  // A hyphen before a capital is part of a compound and stays.
  EXPECT_EQ(join_wrapped_lines({"Peraturan Perundang-", "Undangan"}),
            "Peraturan Perundang-Undangan");
  EXPECT_EQ(join_wrapped_lines({"Kepala", "Dinas"}), "Kepala Dinas");
  // Reduplication keeps its hyphen; a word the typesetter broke does not.
  EXPECT_EQ(join_wrapped_lines({"Tim Analisis Rancangan Peraturan Perundang-", "undangan"}),
            "Tim Analisis Rancangan Peraturan Perundang-undangan");
  EXPECT_EQ(join_wrapped_lines({"Memeriksa kegiatan-", "kegiatan"}), "Memeriksa kegiatan-kegiatan");
  EXPECT_EQ(join_wrapped_lines({"Kepegawai-", "an"}), "Kepegawaian");
  // A lone dash is a bullet or a blank, not a broken word.
  EXPECT_EQ(join_wrapped_lines({"Draft -", "Disposisi"}), "Draft - Disposisi");
}

TEST(Lists, ItemsWrappedInANarrowColumnAreRejoined) {
  EXPECT_EQ(split_list_items("- Surat Undangan dan Permo-\nhonan Narasumber\n- Daftar hadir"),
            (std::vector<std::string>{"Surat Undangan dan Permohonan Narasumber", "Daftar hadir"}));
}

TEST(Labels, PreferTheLabelThatExplainsMoreOfTheText) {
  const std::vector<std::string> labels{"Peralatan", "Peralatan / Perlengkapan"};
  const auto match = match_label_prefix("Peralatan/ Perlengkapan :", labels);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->index, 1u);
  const auto short_match = match_label_prefix("Peralatan : Komputer", labels);
  ASSERT_TRUE(short_match);
  EXPECT_EQ(short_match->index, 0u);
}

TEST(Labels, ToleratesOcrGarblesButNotOtherWords) {
  const std::vector<std::string> labels{"Tanggal Pembuatan", "Nama SOP"};
  EXPECT_TRUE(match_label_prefix("Tangga1 Pembuatan 30 Mei 2019", labels));
  EXPECT_FALSE(match_label_prefix("Nomor SOP 067.17.002", labels));
}

// OCR runs a label's words together and loses its stop ("TglEtektif"); it does not invent the
// words a list item lacks ("pembuatan Kartu …" is no "Tgl. Pembuatan").
TEST(Labels, ALabelReadWithoutItsStopsAndSpacesIsStillKnown) {
  const std::vector<std::string> labels{"Tgl. Efektif", "Tgl. Pembuatan"};
  const auto glued = match_label_prefix("TglEtektif", labels, 0.85);
  ASSERT_TRUE(glued);
  EXPECT_EQ(glued->index, 0u);
  EXPECT_FALSE(match_label_prefix("pembuatan Kartu Inventaris Ruangan", labels, 0.75));
  // "Nama SOP" wrapped in a narrow cell: "N" and "SOP" on its first line, "ama" below.
  EXPECT_FALSE(match_label_prefix("N sop Standar Pelayanan Audiensi", {"No. SOP"}, 0.75));
}

TEST(Labels, IdentityKeysAreKnownByTheirAbbreviatedAndAlternativeWordings) {
  std::vector<std::string> texts;
  for (const IdentityLabel& label : identity_labels()) texts.emplace_back(label.text);
  auto key_of = [&](const std::string& printed) -> std::string {
    const auto match = match_label_prefix(printed, texts);
    return match ? identity_labels()[match->index].key : "(none)";
  };
  EXPECT_EQ(key_of("TGL. PEMBUATAN 18 April 2023"), "created");
  EXPECT_EQ(key_of("TGL REVISI"), "revised");
  EXPECT_EQ(key_of("TGL. EFEKTIF"), "effective");
  EXPECT_EQ(key_of("Judul SOP Standar Pelayanan Konsultasi"), "title");
  EXPECT_EQ(key_of("No. SOP 065/71/SATPOLPP"), "sop_number");
  EXPECT_EQ(key_of("Nama SOP"), "title");
  EXPECT_EQ(key_of("Nomor Urut SOP 067.1/012/Disnaker.01"), "sop_number");
  EXPECT_EQ(key_of("Mengesahkan"), "approved_by");
  EXPECT_EQ(key_of("Disahkan oleh"), "approved_by");
}

struct NameCase {
  const char* read;
  const char* printed;
};

class PersonName : public ::testing::TestWithParam<NameCase> {};

TEST_P(PersonName, PunctuationOfHonorificAndDegreesIsPutBack) {
  EXPECT_EQ(normalize_person_name(GetParam().read), GetParam().printed);
}

INSTANTIATE_TEST_SUITE_P(
    ReadingsFromTheDegradedFixtures, PersonName,
    ::testing::Values(NameCase{"H..Ahmad Aznem, SE, M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H, Ahmad Aznem, SE, M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H.Ahmad Aznem. SE, M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H. Ahmad Aznem. SE. M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H. Ahmad Aznem, SE, M,Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"ABDURRAHMAN, S.Sos., M,Si", "ABDURRAHMAN, S.Sos., M.Si"},
                      NameCase{"Rahmadi Noor, S.T, M.T.", "Rahmadi Noor, S.T., M.T."},
                      NameCase{"Rahmadi Noor, S.T., M.T.", "Rahmadi Noor, S.T., M.T."},
                      NameCase{"SUHERMAN, S:H, M.H.", "SUHERMAN, S.H., M.H."},
                      NameCase{"ABDURRAHMAN, S.5os., M.Si", "ABDURRAHMAN, S.Sos., M.Si"},
                      // What a stamp or a signature left before the name or after its degrees.
                      NameCase{"- H. Ahmad Aznem, SE, M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"\u2018i, ABDURRAHMAN, S.Sos., M.Si", "ABDURRAHMAN, S.Sos., M.Si"},
                      NameCase{"H. Ahmad Aznem. SE, M.Si:", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"dr. Budi Santoso, M.Kes", "dr. Budi Santoso, M.Kes"}));

// A stamp or a signature over the name line takes a dot, a comma or a space with it.
INSTANTIATE_TEST_SUITE_P(
    ReadingsUnderStampsAndSignatures, PersonName,
    ::testing::Values(NameCase{"H. Ahmad Aznem, SE.M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H. Ahmad Aznem, SE,-M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H. Ahmad Aznem, SE, MSi", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H. Ahmad Aznem, SE. M Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H Ahmad Aznem, SE, M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"H. AhmadAznem, SE, M.Si", "H. Ahmad Aznem, SE, M.Si"},
                      NameCase{"Budi Santoso, ST, MKes", "Budi Santoso, ST, M.Kes"}));

TEST(PersonName, NamesWithoutDegreesKeepTheirWords) {
  EXPECT_EQ(normalize_person_name("JOKO SRI"), "JOKO SRI");
  EXPECT_EQ(normalize_person_name("Budi  Santoso"), "Budi Santoso");
  EXPECT_EQ(normalize_person_name("Rahmadi Noor. S.T...M.L."), "Rahmadi Noor. S.T...M.L.");
}

TEST(PersonName, DegreesPrintedWithoutASpaceStayAsPrinted) {
  EXPECT_EQ(normalize_person_name("SUHERMAN, S.H.,M.H"), "SUHERMAN, S.H.,M.H");
  EXPECT_EQ(normalize_person_name("SUHERMAN, S.H..M.H"), "SUHERMAN, S.H..M.H");
  EXPECT_EQ(normalize_person_name("I Made Sudarma, SE"), "I Made Sudarma, SE");
}

}  // namespace
TEST(LaneName, StrayPunctuationGoesAndABracketAfterCapitalsIsTheJItWas) {
  EXPECT_EQ(normalize_lane_name("Pelaksana \u201cTeknis").text, "Pelaksana Teknis");
  EXPECT_EQ(normalize_lane_name(".Kepala Seksi").text, "Kepala Seksi");
  EXPECT_EQ(normalize_lane_name("Pokja Pemilihan.").text, "Pokja Pemilihan");
  EXPECT_FALSE(normalize_lane_name("Pokja Pemilihan.").repaired);
  const LaneName ukpbj = normalize_lane_name("Kepala UKPB}");
  EXPECT_EQ(ukpbj.text, "Kepala UKPBJ");
  EXPECT_TRUE(ukpbj.repaired);
  EXPECT_EQ(normalize_lane_name("JF PPB)").text, "JF PPBJ");
  // A bracket that closes one opened in the name is kept, as are slashes and dots inside.
  EXPECT_EQ(normalize_lane_name("Pejabat Pengadaan (PP)").text, "Pejabat Pengadaan (PP)");
  EXPECT_EQ(normalize_lane_name("PjPHP/PPHP").text, "PjPHP/PPHP");
  EXPECT_EQ(normalize_lane_name("Kasubbag Umum dan Kepegawaian").text,
            "Kasubbag Umum dan Kepegawaian");
  // No position title holds a colon or an exclamation mark: a speck, and a slash's lost foot.
  const LaneName speck = normalize_lane_name("Kasubbag Pembinaan: Pengadaan");
  EXPECT_EQ(speck.text, "Kasubbag Pembinaan Pengadaan");
  EXPECT_FALSE(speck.repaired);
  const LaneName slash = normalize_lane_name("Auditor! Pemeriksa");
  EXPECT_EQ(slash.text, "Auditor/ Pemeriksa");
  EXPECT_TRUE(slash.repaired);
  // Nor a stop after a slash: a speck where the slash ended its line.
  const LaneName stop_after_slash = normalize_lane_name("Auditor/Pemeriksa/. Penyidik");
  EXPECT_EQ(stop_after_slash.text, "Auditor/Pemeriksa/Penyidik");
  EXPECT_FALSE(stop_after_slash.repaired);
  // Offices space a slash on one side too; a reduplication's hyphen lost at low resolution is
  // put back, and is no repaired letter.
  const LaneName hyphen = normalize_lane_name("Petugas Informasi/ TU Perundang undangan");
  EXPECT_EQ(hyphen.text, "Petugas Informasi/ TU Perundang-undangan");
  EXPECT_FALSE(hyphen.repaired);
}

TEST(LaneName, LinesTheNarrowCellBrokeAfterASlashOrInsideAWordJoinWithoutASpace) {
  const Lexicon lexicon(
      "auditor\t3\npemeriksa\t3\npenyidik\t3\nsurat\t5\ncaraka\t2\npengadministrasi\t4\n"
      "marga\t2\n");
  EXPECT_EQ(lane_name_lines_joined("Auditor/\nPemeriksa/\nPenyidik", &lexicon),
            "Auditor/Pemeriksa/Penyidik");
  // The slash that ended a line read as a mark or, thinned, as the word's last letter.
  EXPECT_EQ(lane_name_lines_joined("Auditor!\nPemeriksal\nPenyidik", &lexicon),
            "Auditor/Pemeriksa/Penyidik");
  EXPECT_EQ(lane_name_lines_joined("Pengantar\nSurat|\nCaraka", &lexicon),
            "Pengantar Surat/Caraka");
  // Its foot faded, as an apostrophe, curly or straight; one ending the name is a speck.
  EXPECT_EQ(lane_name_lines_joined("Pengantar Surat\u2019\nCaraka", &lexicon),
            "Pengantar Surat/Caraka");
  EXPECT_EQ(lane_name_lines_joined("Bupati'\nWakil Bupati", nullptr), "Bupati/Wakil Bupati");
  EXPECT_EQ(lane_name_lines_joined("Pengantar\nSurat\u2019", &lexicon), "Pengantar Surat\u2019");
  EXPECT_EQ(lane_name_lines_joined("Tim Penyusun-\nan LKIP PD", &lexicon),
            "Tim Penyusunan LKIP PD");
  // The broken word's second piece read with a capital ("Istrasi"); a compound's second word
  // ("Bina-" over "Marga") is a word of its own and keeps its hyphen.
  EXPECT_EQ(lane_name_lines_joined("Pengadmin-\nIstrasi Umum", &lexicon), "Pengadministrasi Umum");
  EXPECT_EQ(lane_name_lines_joined("Bina-\nMarga", &lexicon), "Bina-Marga");
  EXPECT_EQ(lane_name_lines_joined("Sekretaris\n/Ka.\nBidang", &lexicon), "Sekretaris/Ka. Bidang");
  EXPECT_EQ(lane_name_lines_joined("Tamu\n/ Pengunjung", &lexicon), "Tamu / Pengunjung");
  // Within a line the author's spacing stays; a last 'l' of a word the lexicon cannot explain
  // without it, or at the name's end, is a letter; without a lexicon it is never a slash.
  EXPECT_EQ(lane_name_lines_joined("Petugas Informasi/ TU", &lexicon), "Petugas Informasi/ TU");
  EXPECT_EQ(lane_name_lines_joined("Seksi Hasil\nPenyidik", &lexicon), "Seksi Hasil Penyidik");
  EXPECT_EQ(lane_name_lines_joined("Penyidik\nPemeriksal", &lexicon), "Penyidik Pemeriksal");
  EXPECT_EQ(lane_name_lines_joined("Pemeriksal\nPenyidik", nullptr), "Pemeriksal Penyidik");
}

TEST(Duration, OcrMarksNoDurationPrintsAreDropped) {
  const auto quoted = parse_duration("Paling\nlambat 30\n\u201cmenit");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->text, "Paling lambat 30 menit");
  EXPECT_EQ(quoted->minutes, 30);
  for (const char* one : {"lhari", "I hari", "Paling lambat l jam", "I (satu) hari kerja"}) {
    const auto read = parse_duration(one);
    ASSERT_TRUE(read) << one;
    EXPECT_EQ(read->amount, 1) << one;
  }
  EXPECT_EQ(parse_duration("lhari")->text, "1 hari");
  EXPECT_EQ(parse_duration("I (satu) hari kerja")->text, "1 (satu) hari kerja");
  // Found by the duration fuzzer: a rule remnant after the unit hid the "1" until the text was
  // parsed a second time.
  EXPECT_EQ(parse_duration("IJaM_")->text, "1 JaM");
  EXPECT_EQ(parse_duration("Setiap hari")->unit, DurationUnit::other);
  const auto dotted = parse_duration("120.menit");
  ASSERT_TRUE(dotted);
  EXPECT_EQ(dotted->text, "120 menit");
  EXPECT_EQ(dotted->minutes, 120);
  // Digits run together (found by the duration fuzzer) are not an amount.
  EXPECT_FALSE(parse_duration("7777777777777777777777771 jam"));
  // A decimal comma or point between digits is still a decimal.
  EXPECT_EQ(parse_duration("1,5 jam")->minutes, 90);
  EXPECT_EQ(parse_duration("1.5 jam")->minutes, 90);
}

// OCR garbles a unit word the way it garbles any other ("ment", "merit" for menit, "han" for
// hari), and the amount beside it is still clear. The unit is the one name the word is near.
TEST(Duration, AGarbledUnitIsReadAsTheUnitItIsNearest) {
  struct Garbled {
    const char* read;
    double amount;
    DurationUnit unit;
  };
  for (const Garbled& garbled : {Garbled{"10 Ment", 10, DurationUnit::minute},
                                 Garbled{"30\nmerit", 30, DurationUnit::minute},
                                 Garbled{"15 merut", 15, DurationUnit::minute},
                                 Garbled{"3\nmen", 3, DurationUnit::minute},
                                 Garbled{"1 han", 1, DurationUnit::day},
                                 Garbled{"3han,", 3, DurationUnit::day},
                                 Garbled{"1 han/8 Jam", 1, DurationUnit::day},
                                 Garbled{"2jan", 2, DurationUnit::hour},
                                 Garbled{"1 butan", 1, DurationUnit::month},
                                 Garbled{"1 minggo", 1, DurationUnit::week},
                                 Garbled{"1 (satu) han\nkena", 1, DurationUnit::working_day},
                                 Garbled{"lhan", 1, DurationUnit::day},
                                 Garbled{"ihart", 1, DurationUnit::day}}) {
    const std::optional<Duration> duration = parse_duration(garbled.read);
    ASSERT_TRUE(duration) << garbled.read;
    EXPECT_EQ(duration->amount, garbled.amount) << garbled.read;
    EXPECT_EQ(duration->unit, garbled.unit) << garbled.read;
  }
  EXPECT_EQ(parse_duration("5 hari kerja")->unit, DurationUnit::working_day);
}

// Only a word near one unit name, keeping its first letter, is read as that unit: a word of its
// own ("hal", "orang") or a garble too far from every name leaves the duration unread.
TEST(Duration, AWordFarFromEveryUnitNameIsNoUnit) {
  for (const char* unread : {"2 hal", "3 orang", "30 Meal", "1 nan", "62 Nara", "6pm"}) {
    EXPECT_FALSE(parse_duration(unread)) << unread;
  }
}

TEST(Duration, ADotOrDashBetweenTheAmountAndItsUnitIsASpace) {
  EXPECT_EQ(parse_duration("1. jam")->minutes, 60);
  EXPECT_EQ(parse_duration("1-hari")->minutes, 480);
  EXPECT_EQ(parse_duration("I-jam.")->minutes, 60);
  EXPECT_EQ(parse_duration("1-2 hari")->amount_max, 2);
}

}  // namespace sopocr
