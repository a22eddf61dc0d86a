// Record building as a specification: what was read becomes a field, what was not is null and on
// the review list, and nothing is filled in that the page did not say.
#include "build_record.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "term_repair.h"

namespace sopocr {
namespace {

CellText read_cell(const std::string& text, double confidence = 0.95) {
  CellText cell;
  cell.text = text;
  cell.original = text;
  cell.confidence = confidence;
  cell.has_ink = true;
  cell.page = 1;
  cell.bbox_px = cv::Rect(10, 20, 300, 40);
  return cell;
}

bool has_review(const SopRecord& record, const std::string& path, const std::string& reason) {
  return std::any_of(record.review.begin(), record.review.end(), [&](const ReviewEntry& entry) {
    return entry.path == path && entry.reason == reason;
  });
}

bool has_review(const SopRecord& record, const std::string& path) {
  return std::any_of(record.review.begin(), record.review.end(),
                     [&](const ReviewEntry& entry) { return entry.path == path; });
}

RawSop identity_only() {
  RawSop sop;
  sop.pages = {1};
  IdentityContent identity;
  identity.institution = read_cell("DINAS KETENAGAKERJAAN KOTA BONTANG");
  identity.fields["sop_number"] = read_cell("067.17.002/Disnaker/01");
  identity.fields["title"] = read_cell("Penyusunan Rencana Kerja Perangkat Daerah");
  identity.fields["created"] = read_cell("30 Mei 2019");
  identity.fields["revised"] = read_cell("-");
  identity.fields["approved_by"] = read_cell(
      "Kepala Dinas Ketenagakerjaan Kota Bontang\nH. Ahmad Aznem, SE, M.Si\nPembina Tk. I/IV.b\n"
      "NIP. 19730614 200112 1 004");
  identity.lists["legal_basis"] = read_cell("1. UU Nomor 25 Tahun 2004\n2. PP Nomor 8 Tahun 2008");
  sop.identity = identity;
  return sop;
}

TEST(BuildRecord, ReadsTheIdentityPage) {
  const SopRecord record = build_record(identity_only(), {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.created, "2019-05-30");
  EXPECT_EQ(record.header.revised, std::nullopt);  // printed "-": none, and nothing to review
  EXPECT_FALSE(has_review(record, "/header/revised", "label_not_found"));
  ASSERT_TRUE(record.header.approver);
  EXPECT_EQ(record.header.approver->nip, "197306142001121004");
  EXPECT_EQ(record.header.approver->rank, "Pembina Tk. I/IV.b");
  EXPECT_EQ(record.header.approver->name, "H. Ahmad Aznem, SE, M.Si");
  EXPECT_EQ(record.legal_basis,
            (std::vector<std::string>{"UU Nomor 25 Tahun 2004", "PP Nomor 8 Tahun 2008"}));
}

TEST(BuildRecord, AListReadAsNothingButMarksIsEmptyAndReviewedButAPrintedDashIsNone) {
  RawSop sop = identity_only();
  sop.identity->lists["warnings"] = read_cell(". .");
  sop.identity->lists["recording"] = read_cell("-");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_TRUE(record.warnings.empty());
  EXPECT_TRUE(has_review(record, "/warnings", "not_read"));
  EXPECT_TRUE(record.recording.empty());
  EXPECT_FALSE(has_review(record, "/recording", "not_read"));
}

TEST(BuildRecord, ProseIsRepairedButCodesAreKeptAsRead) {
  RawSop sop = identity_only();
  sop.identity->fields["sop_number"] = read_cell("067.17.002/Disnaker. x/01");
  sop.identity->fields["title"] = read_cell("Penyusunan Rencana. kerja");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  // The dot prose would drop before a lower-case word stays in a code (the space beside it
  // goes: a code's separators stand unspaced).
  EXPECT_EQ(record.header.sop_number, "067.17.002/Disnaker.x/01");
  EXPECT_EQ(record.header.title, "Penyusunan Rencana kerja");
}

TEST(BuildRecord, ASopNumberFilledIntoAPrintedBlankHasNoSpacesBesideItsSlashes) {
  RawSop sop = identity_only();
  sop.identity->fields["sop_number"] = read_cell("000.8.3.3/ 256 /SATPOLPP-A");
  EXPECT_EQ(build_record(sop, {"in.pdf", std::string(64, 'a')}).header.sop_number,
            "000.8.3.3/256/SATPOLPP-A");
  sop.identity->fields["sop_number"] = read_cell("000.8.3.3 /   /SATPOLPP-A");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.sop_number, "000.8.3.3//SATPOLPP-A");
  EXPECT_FALSE(has_review(record, "/header/sop_number", "space_in_code"));
  // Nor beside its dots and hyphens, where OCR spaces them at low resolution.
  sop.identity->fields["sop_number"] = read_cell("067. 1/022/BID. BIKON- LPSE");
  EXPECT_EQ(build_record(sop, {"in.pdf", std::string(64, 'a')}).header.sop_number,
            "067.1/022/BID.BIKON-LPSE");
}

TEST(BuildRecord, AMarkReadBeforeASopNumberIsNoPartOfIt) {
  RawSop sop = identity_only();
  for (const char* reading : {".061/014/BID.BIKON", "\u201C061/014/BID.BIKON",
                              "* 061/014/BID.BIKON", "'061/014/BID.BIKON"}) {
    sop.identity->fields["sop_number"] = read_cell(reading);
    EXPECT_EQ(build_record(sop, {"in.pdf", std::string(64, 'a')}).header.sop_number,
              "061/014/BID.BIKON")
        << reading;
  }
}

TEST(BuildRecord, ALoneCharacterStandingApartBeforeOrAfterASopNumberIsNoPartOfIt) {
  RawSop sop = identity_only();
  for (const char* reading :
       {"5 067.1/012/Disnaker.01", "067.1/012/Disnaker.01 5", "k 067.1/012/Disnaker.01"}) {
    sop.identity->fields["sop_number"] = read_cell(reading);
    const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
    EXPECT_EQ(record.header.sop_number, "067.1/012/Disnaker.01") << reading;
    EXPECT_FALSE(has_review(record, "/header/sop_number", "space_in_code")) << reading;
  }
  // A part of the number standing apart is no speck: kept, and reviewed.
  sop.identity->fields["sop_number"] = read_cell("067 1/074/Disnaker.01");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.sop_number, "067 1/074/Disnaker.01");
  EXPECT_TRUE(has_review(record, "/header/sop_number", "space_in_code"));
}

// The words of a one-line reading, each with its box.
CellText read_words(const std::vector<std::pair<std::string, cv::Rect>>& boxed) {
  std::string text;
  for (const auto& [word, box] : boxed) text += (text.empty() ? "" : " ") + word;
  CellText cell = read_cell(text);
  for (const auto& [word, box] : boxed) cell.words.push_back({word, 0.9, box, 0});
  return cell;
}

// In a part of an SOP number that holds digits, an O is a zero; a part of letters keeps its O.
TEST(BuildRecord, AnOAmongTheDigitsOfAnSopNumberIsAZero) {
  RawSop sop = identity_only();
  for (const auto& [read, number] : std::vector<std::pair<std::string, std::string>>{
           {"067.1/013/Disnaker.O1", "067.1/013/Disnaker.01"},
           {"O61/016/BID.BIKON", "061/016/BID.BIKON"},
           {"067/2018/DISNAKERTRANS/01", "067/2018/DISNAKERTRANS/01"},
           {"800/OO/SOP-01", "800/OO/SOP-01"}}) {
    sop.identity->fields["sop_number"] = read_cell(read);
    const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
    EXPECT_EQ(record.header.sop_number, number) << read;
  }
}

TEST(BuildRecord, ALastDigitReadApartButStandingAgainstTheSopNumberIsItsOwn) {
  RawSop sop = identity_only();
  // "…Disnaker.0" and its "1" half the digit's height apart, or over it (a box widened by a
  // speck), as Tesseract spaces a narrow digit off.
  for (const int gap : {13, 4, -10}) {
    sop.identity->fields["sop_number"] = read_words(
        {{"067.1/012/Disnaker.0", {1488, 311, 326, 46}}, {"1", {1488 + 326 + gap, 321, 7, 26}}});
    const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
    EXPECT_EQ(record.header.sop_number, "067.1/012/Disnaker.01") << gap;
  }
  // A speck or a stamp's letter a digit's height or more off either end is none of it.
  sop.identity->fields["sop_number"] = read_words(
      {{"067.1/012/Disnaker.01", {1488, 311, 333, 46}}, {"5", {1488 + 333 + 30, 321, 14, 26}}});
  EXPECT_EQ(build_record(sop, {"in.pdf", std::string(64, 'a')}).header.sop_number,
            "067.1/012/Disnaker.01");
  sop.identity->fields["sop_number"] =
      read_words({{"k", {1440, 321, 12, 26}}, {"067.1/012/Disnaker.01", {1488, 311, 333, 46}}});
  EXPECT_EQ(build_record(sop, {"in.pdf", std::string(64, 'a')}).header.sop_number,
            "067.1/012/Disnaker.01");
}

TEST(BuildRecord, ASpaceLeftInsideASopNumberIsKeptAsReadAndReviewed) {
  RawSop sop = identity_only();
  sop.identity->fields["sop_number"] = read_cell("000.8 3.3/332/SATPOLPP-A");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.sop_number, "000.8 3.3/332/SATPOLPP-A");
  EXPECT_TRUE(has_review(record, "/header/sop_number", "space_in_code"));
}

TEST(BuildRecord, AMarkNoNumberingSchemeUsesInASopNumberIsKeptAsReadAndReviewed) {
  RawSop sop = identity_only();
  sop.identity->fields["sop_number"] = read_cell("000.8.3.3/25%/SATPOLPP-A");
  SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.sop_number, "000.8.3.3/25%/SATPOLPP-A");
  EXPECT_TRUE(has_review(record, "/header/sop_number", "unexpected_mark_in_code"));
  sop.identity->fields["sop_number"] = read_cell("800/12/BKD-(A)_2021");
  record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_FALSE(has_review(record, "/header/sop_number", "unexpected_mark_in_code"));
}

TEST(BuildRecord, ASopNumberReadAsNothingButASpeckIsNullAndReviewed) {
  RawSop sop = identity_only();
  sop.identity->fields["sop_number"] = read_cell(".");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.sop_number, std::nullopt);
  EXPECT_TRUE(has_review(record, "/header/sop_number", "not_read"));
}

TEST(BuildRecord, AnUnreadApproverNameIsNullAndReviewedNotTakenFromThePosition) {
  RawSop sop = identity_only();
  sop.identity->fields["approved_by"] = read_cell(
      "Plh. Kepala Dinas Pekerjaan Umum\nProvinsi Kalimantan Timur\nPembina Utama Muda/IV.c\n"
      "NIP. 19691115 199303 1 007");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_TRUE(record.header.approver);
  EXPECT_EQ(record.header.approver->name, std::nullopt);
  EXPECT_TRUE(has_review(record, "/header/approver/name", "not_read"));
  EXPECT_EQ(record.header.approver->position,
            "Plh. Kepala Dinas Pekerjaan Umum Provinsi Kalimantan Timur");
  EXPECT_EQ(record.header.approver->rank, "Pembina Utama Muda/IV.c");
}

// Where the name itself went unread, the line above the rank may be what the stamp's emblem or
// lettering read as: no name, so none is made of it.
TEST(BuildRecord, AnApproverNameLineOfMarksOrDigitsIsNoName) {
  for (const char* read_as_name : {"*", "3", "mip 1975 MOL2"}) {
    SCOPED_TRACE(read_as_name);
    RawSop sop = identity_only();
    sop.identity->fields["approved_by"] =
        read_cell(std::string("Kepala Dinas Ketenagakerjaan Kota Bontang\n") + read_as_name +
                  "\nPembina Tk. I/IV.b\nNIP. 19730614 200112 1 004");
    const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
    ASSERT_TRUE(record.header.approver);
    EXPECT_EQ(record.header.approver->name, std::nullopt);
    EXPECT_TRUE(has_review(record, "/header/approver/name", "not_read"));
    EXPECT_EQ(record.header.approver->position, "Kepala Dinas Ketenagakerjaan Kota Bontang");
  }
  // A degree's letter read as a digit is repaired, and the name stays one.
  RawSop sop = identity_only();
  sop.identity->fields["approved_by"] = read_cell(
      "Kepala Dinas\nABDURRAHMAN, S.5os., M.Si\nPembina Utama Muda/IV.c\n"
      "NIP. 19691115 199303 1 007");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_TRUE(record.header.approver);
  EXPECT_EQ(record.header.approver->name, "ABDURRAHMAN, S.Sos., M.Si");
}

TEST(BuildRecord, TheNipLineIsFoundWhereAStampTookItsWordOrLeftMarksBeforeIt) {
  for (const char* nip_line : {"9 NIP. 19730614 200112 1 004", "IP 19730614 200112 1 004"}) {
    SCOPED_TRACE(nip_line);
    RawSop sop = identity_only();
    sop.identity->fields["approved_by"] = read_cell(
        std::string("Kepala Dinas Ketenagakerjaan Kota Bontang\nH. Ahmad Aznem, SE, M.Si\n"
                    "Pembina Tk. I/IV.b\n") +
        nip_line);
    const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
    ASSERT_TRUE(record.header.approver);
    EXPECT_EQ(record.header.approver->nip, "197306142001121004");
    EXPECT_EQ(record.header.approver->name, "H. Ahmad Aznem, SE, M.Si");
    EXPECT_EQ(record.header.approver->rank, "Pembina Tk. I/IV.b");
  }
}

// A stamp over the block's last lines leaves the NIP's line with part of its digits and the
// rank's with its grade run together: the name is still the line above them.
TEST(BuildRecord, TheApproversNameIsNotTakenFromARankOrNipLineAStampGarbled) {
  RawSop sop = identity_only();
  sop.identity->fields["approved_by"] = read_cell(
      "Kepala Dinas Ketenagakerjaan Kota Bontang\nH. Ahmad Aznem, SE, M.Si\nNe Tk. VIVb\n"
      "KA Kent 200112 1004");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_TRUE(record.header.approver);
  EXPECT_EQ(record.header.approver->name, "H. Ahmad Aznem, SE, M.Si");
  EXPECT_EQ(record.header.approver->rank, "Ne Tk. VIVb");
  EXPECT_TRUE(has_review(record, "/header/approver/nip", "invalid_nip"));
  EXPECT_EQ(record.header.approver->position, "Kepala Dinas Ketenagakerjaan Kota Bontang");
}

// A stamp over the rank's line can leave nothing a rank is known by: the name is still the line
// that ends in degrees, not the garbled line under it, and the rank it was is reviewed.
TEST(BuildRecord, TheApproversNameIsTheLineWithDegreesWhereTheRankWentUnrecognised) {
  RawSop sop = identity_only();
  sop.identity->fields["approved_by"] = read_cell(
      "Kepala Dinas Ketenagakerjaan Kota Bontang\nH. Ahmad Azneih. SE. M.Si\nKa PERAK Tive\n"
      "NIP. 19730614 200112 1 004");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_TRUE(record.header.approver);
  EXPECT_EQ(record.header.approver->name, "H. Ahmad Azneih, SE, M.Si");
  EXPECT_EQ(record.header.approver->position, "Kepala Dinas Ketenagakerjaan Kota Bontang");
  EXPECT_EQ(record.header.approver->rank, "Ka PERAK Tive");
  EXPECT_TRUE(has_review(record, "/header/approver/rank", "rank_not_recognised"));
}

// A cell read word by word: each line's words left to right, `gap` pixels between them, 30
// pixels high; a word's gap before it overrides where given as "gap:word".
CellText boxed_cell(const std::vector<std::vector<std::string>>& lines) {
  CellText cell = read_cell("");
  std::string original;
  for (std::size_t line = 0; line < lines.size(); ++line) {
    int x = 100;
    std::string text;
    for (const std::string& spec : lines[line]) {
      const std::size_t colon = spec.find(':');
      const int gap = colon == std::string::npos ? 10 : std::stoi(spec.substr(0, colon));
      const std::string word = colon == std::string::npos ? spec : spec.substr(colon + 1);
      x += gap;
      const int width = 18 * static_cast<int>(word.size());
      cell.words.push_back(
          {word, 0.9, cv::Rect(x, 40 * static_cast<int>(line), width, 30), static_cast<int>(line)});
      x += width;
      text += (text.empty() ? "" : " ") + word;
    }
    original += (original.empty() ? "" : "\n") + text;
  }
  cell.original = original;
  cell.text = original;
  return cell;
}

// The stamp's ring crossing the block left of its centred lines reads as a letter or two far
// from the line's first word; a name's own short first word stands a space from the next.
TEST(BuildRecord, ALetterAStampLeftFarBeforeTheApproversLinesIsNoPartOfThem) {
  RawSop sop = identity_only();
  sop.identity->fields["approved_by"] =
      boxed_cell({{"Kepala", "Dinas", "Ketenagakerjaan"},
                  {"t", "160:H.", "Ahmad", "Aznem,", "SE,", "M.Si"},
                  {"2", "80:Pembina", "Tk.", "I/IV.b"},
                  {"k", "90:NIP.", "19730614", "200112", "1", "004"}});
  SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_TRUE(record.header.approver);
  EXPECT_EQ(record.header.approver->name, "H. Ahmad Aznem, SE, M.Si");
  EXPECT_EQ(record.header.approver->rank, "Pembina Tk. I/IV.b");
  EXPECT_EQ(record.header.approver->nip, "197306142001121004");

  sop.identity->fields["approved_by"] =
      boxed_cell({{"Kepala", "Dinas"}, {"La", "Ode", "Rahman,", "S.E."}, {"NIP.", "19730614"}});
  record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_TRUE(record.header.approver);
  EXPECT_EQ(record.header.approver->name, "La Ode Rahman, S.E.");

  // The stamp took the letters after an initial: the initial stays the name's.
  sop.identity->fields["approved_by"] =
      boxed_cell({{"Kepala", "Dinas"}, {"H.", "120:ad", "Azngin", "SE,", "M.Si"}, {"NIP.", "1"}});
  record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_TRUE(record.header.approver);
  EXPECT_EQ(record.header.approver->name, "H. ad Azngin, SE, M.Si");
}

// A speck beside a value reads as a mark: no title, name or number begins or ends in one, but
// a title may end in its bracket.
TEST(BuildRecord, MarksASpeckLeftAtTheEndsOfATitleNameOrNumberAreNoPartOfIt) {
  RawSop sop = identity_only();
  sop.identity->institution = read_cell("DINAS KETENAGAKERJAAN KOTA BONTANG,");
  sop.identity->fields["title"] = read_cell("“Registrasi Auditor/Pemeriksa/Penyidik.");
  sop.identity->fields["sop_number"] = read_cell("* 067.1/013/Disnaker.01.");
  SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.institution, "DINAS KETENAGAKERJAAN KOTA BONTANG");
  EXPECT_EQ(record.header.title, "Registrasi Auditor/Pemeriksa/Penyidik");
  EXPECT_EQ(record.header.sop_number, "067.1/013/Disnaker.01");

  sop.identity->fields["title"] = read_cell("Pengumpulan SKP (Sasaran Kinerja Pegawai)");
  record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.title, "Pengumpulan SKP (Sasaran Kinerja Pegawai)");
}

// A stamp's ring through "2019" can read as a year to come ("2044"): a date after the policy's
// latest year is no date of the SOP's, null and reviewed.
TEST(BuildRecord, AHeaderDateInAYearToComeIsNullAndReviewed) {
  RawSop sop = identity_only();
  sop.identity->fields["revised"] = read_cell("16 Desember 2044");
  ReviewPolicy policy;
  policy.latest_date_year = 2027;
  SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')}, policy);
  EXPECT_EQ(record.header.revised, std::nullopt);
  EXPECT_TRUE(has_review(record, "/header/revised", "implausible_date"));
  EXPECT_EQ(record.header.created, "2019-05-30");
  sop.identity->fields["revised"] = read_cell("16 Desember 2027");
  record = build_record(sop, {"in.pdf", std::string(64, 'a')}, policy);
  EXPECT_EQ(record.header.revised, "2027-12-16");
}

TEST(BuildRecord, AnApproverReadUnderASignatureIsReviewedHoweverSureTheOcrWas) {
  RawSop sop = identity_only();
  CellText approver = read_cell(
      "Kepala Dinas\nSUHEFPMAN, S.H., M.H.\nPembina Utama Muda\nNIP. 19701110 200212 1 005", 0.97);
  sop.identity->fields["approved_by"] = approver;
  EXPECT_FALSE(has_review(build_record(sop, {"in.pdf", std::string(64, 'a')}), "/header/approver",
                          "read_under_signature"));
  approver.coloured_ink_removed = true;
  sop.identity->fields["approved_by"] = approver;
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.approver->name, "SUHEFPMAN, S.H., M.H.");  // as read
  EXPECT_TRUE(has_review(record, "/header/approver", "read_under_signature"));
}

TEST(BuildRecord, AnApproverFoundWithoutItsKeyIsReadAndReviewed) {
  RawSop sop = identity_only();
  sop.identity->fields["approved_by"] = read_cell(
      "Kepala Dinas\nH. Ahmad Aznem, SE, M.Si\nPembina Tk. I/IV.b\nNIP. 19730614 200112 1 004",
      0.97);
  EXPECT_FALSE(has_review(build_record(sop, {"in.pdf", std::string(64, 'a')}), "/header/approver",
                          "read_without_label"));
  sop.identity->keys_placed_by_content.insert("approved_by");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.approver->name, "H. Ahmad Aznem, SE, M.Si");
  EXPECT_EQ(record.header.approver->nip, "197306142001121004");
  EXPECT_TRUE(has_review(record, "/header/approver", "read_without_label"));
}

TEST(BuildRecord, ALabelNotFoundOnTheIdentityPageIsNullAndReviewed) {
  const SopRecord record = build_record(identity_only(), {"in.pdf", std::string(64, 'a')});
  // "Tanggal Efektif" and five list headings were not read from this page.
  EXPECT_EQ(record.header.effective, std::nullopt);
  EXPECT_TRUE(has_review(record, "/header/effective", "label_not_found"));
  EXPECT_TRUE(record.equipment.empty());
  EXPECT_TRUE(has_review(record, "/equipment", "label_not_found"));
  EXPECT_FALSE(has_review(record, "/legal_basis", "label_not_found"));
}

TEST(BuildRecord, ARegulationSopWithoutIdentityPageHasNullHeaderAndNoHeaderReviews) {
  RawSop sop;
  sop.pages = {3};
  sop.title_line = read_cell("PROSES UTAMA PENGADAAN BARANG/JASA");
  const SopRecord record = build_record(sop, {"perbup.pdf", std::string(64, 'b')});
  EXPECT_EQ(record.header.title, "PROSES UTAMA PENGADAAN BARANG/JASA");
  EXPECT_EQ(record.header.institution, std::nullopt);
  EXPECT_FALSE(record.header.approver);
  EXPECT_TRUE(std::none_of(record.review.begin(), record.review.end(),
                           [](const ReviewEntry& e) { return e.path.rfind("/header", 0) == 0; }));
}

TEST(BuildRecord, ASopWhoseIdentityPageWasNotFoundHasItsHeaderAndListsReviewed) {
  RawSop sop;
  sop.pages = {2};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'c')});
  EXPECT_EQ(record.header.sop_number, std::nullopt);
  EXPECT_TRUE(has_review(record, "/header", "identity_page_not_found"));
  for (const char* list : {"/legal_basis", "/qualifications", "/related_sops", "/equipment",
                           "/warnings", "/recording"}) {
    EXPECT_TRUE(has_review(record, list, "identity_page_not_found")) << list;
  }
}

TEST(BuildRecord, AnUnreadableDateIsNullAndReviewedWithWhatWasRead) {
  RawSop sop = identity_only();
  sop.identity->fields["created"] = read_cell("31 Februari 2019");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.header.created, std::nullopt);
  ASSERT_TRUE(has_review(record, "/header/created", "invalid_date"));
  const auto entry = std::find_if(record.review.begin(), record.review.end(),
                                  [](const ReviewEntry& e) { return e.path == "/header/created"; });
  EXPECT_EQ(entry->raw, "31 Februari 2019");
  EXPECT_EQ(entry->page, 1);
  EXPECT_EQ(entry->bbox, (PixelBox{10, 20, 300, 40}));
}

}  // namespace
}  // namespace sopocr

namespace sopocr {
namespace {

// A connector's mark as page analysis keeps it: a small ink image. Two different marks.
ConnectorGlyph mark_a() {
  ConnectorGlyph glyph(kGlyphRows * kGlyphCols, 0.0f);
  for (int y = 0; y < kGlyphRows; ++y)
    glyph[y * kGlyphCols + (y * kGlyphCols) / (2 * kGlyphRows)] = 1;
  return glyph;
}
ConnectorGlyph mark_b() {
  ConnectorGlyph glyph(kGlyphRows * kGlyphCols, 0.0f);
  for (int x = 0; x < kGlyphCols; ++x) glyph[(kGlyphRows / 2) * kGlyphCols + x] = 1;
  return glyph;
}

StepRowContent step_row(int page, const std::string& number, SymbolKind kind, int lane) {
  StepRowContent row;
  row.page = page;
  row.number = read_cell(number);
  row.activity = read_cell("Langkah " + number);
  DetectedSymbol symbol;
  symbol.kind = kind;
  symbol.confidence = 0.95;
  row.symbols.push_back({symbol, lane});
  row.lanes_bbox_px = cv::Rect(500, 100, 600, 200);
  return row;
}

StepArrow to_row(int offset, std::optional<std::string> label = std::nullopt) {
  StepArrow arrow;
  arrow.row_offset = offset;
  if (label) arrow.label = read_cell(*label);
  return arrow;
}

StepArrow to_connector(ConnectorGlyph mark, std::optional<std::string> label = std::nullopt) {
  StepArrow arrow;
  arrow.connector_mark = std::move(mark);
  if (label) arrow.label = read_cell(*label);
  return arrow;
}

// Mulai (p1) -> check (p1) -Ya-> off-page "A" -> sign (p2) -> Selesai (p2); the check's
// "Tidak" goes back up to Mulai's successor on page 1.
RawSop two_page_flow() {
  RawSop sop;
  sop.pages = {1, 2};
  sop.lane_names = {read_cell("Kepala Dinas"), read_cell("Staf")};
  sop.rows = {step_row(1, "1", SymbolKind::terminator, 0), step_row(1, "2", SymbolKind::process, 1),
              step_row(1, "3", SymbolKind::decision, 0), step_row(2, "4", SymbolKind::process, 1),
              step_row(2, "5", SymbolKind::terminator, 0)};
  sop.rows[0].arrows_out = {to_row(1)};
  sop.rows[1].arrows_out = {to_row(1)};
  sop.rows[2].arrows_out = {to_connector(mark_a(), "YA"), to_row(-1, "Tldak")};
  sop.rows[3].arrives_from_connectors = {mark_a()};
  sop.rows[3].arrows_out = {to_row(1)};
  return sop;
}

TEST(Flow, ArrowsBecomeEdgesByTargetNumberAcrossPagesWithBranchLabels) {
  const SopRecord record = build_record(two_page_flow(), {"in.pdf", std::string(64, 'a')});
  ASSERT_EQ(record.steps.size(), 5u);
  EXPECT_EQ(record.steps[0].next, (std::vector<Edge>{{2, {}, {}}}));
  EXPECT_EQ(record.steps[1].next, (std::vector<Edge>{{3, {}, {}}}));
  // Labels as printed ("YA" in capitals), a misread letter repaired.
  EXPECT_EQ(record.steps[2].next, (std::vector<Edge>{{4, {}, "YA"}, {2, {}, "Tidak"}}));
  EXPECT_EQ(record.steps[3].next, (std::vector<Edge>{{5, {}, {}}}));
  EXPECT_TRUE(record.steps[4].next.empty());
  for (const ReviewEntry& entry : record.review) {
    EXPECT_EQ(entry.path.find("/next"), std::string::npos) << entry.path << " " << entry.reason;
  }
}

TEST(Flow, ABranchLabelOfOtherWordsIsKeptAsReadAndReviewedOnlyWhenItReadsAsNoPhrase) {
  RawSop sop = two_page_flow();
  sop.rows[2].arrows_out = {to_connector(mark_a(), "Diteruskan"), to_row(-1, "Dikembalikan")};
  const SopRecord clean = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(clean.steps[2].next,
            (std::vector<Edge>{{4, {}, "Diteruskan"}, {2, {}, "Dikembalikan"}}));
  for (const ReviewEntry& entry : clean.review) {
    EXPECT_EQ(entry.path.find("/next"), std::string::npos) << entry.path << " " << entry.reason;
  }

  // Only the end of "Dikembalikan" read: kept as read, and checked by a person.
  sop.rows[2].arrows_out = {to_connector(mark_a(), "Diteruskan"), to_row(-1, "ka")};
  const SopRecord cut = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(cut.steps[2].next[1].label, "ka");
  EXPECT_TRUE(has_review(cut, "/steps/2/next", "implausible_item"));
}

// Most SOPs print no label on any branch: their decisions' branches are as printed. Where a SOP
// labels a branch anywhere, a decision's branch without one may have lost its label to OCR.
TEST(Flow, AnUnlabelledBranchIsReviewedOnlyWhereTheSopLabelsABranchElsewhere) {
  RawSop unlabelled = two_page_flow();
  unlabelled.rows[2].arrows_out = {to_connector(mark_a()), to_row(-1)};
  const SopRecord as_printed = build_record(unlabelled, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(as_printed.steps[2].next, (std::vector<Edge>{{4, {}, {}}, {2, {}, {}}}));
  EXPECT_FALSE(has_review(as_printed, "/steps/2/next", "branch_label_not_found"));

  RawSop labelled_elsewhere = unlabelled;
  labelled_elsewhere.rows[3].symbols[0].symbol.kind = SymbolKind::decision;
  labelled_elsewhere.rows[3].arrows_out = {to_row(1, "Ya"), to_row(-2, "Tidak")};
  const SopRecord lost = build_record(labelled_elsewhere, {"in.pdf", std::string(64, 'a')});
  EXPECT_TRUE(has_review(lost, "/steps/2/next", "branch_label_not_found"));
  EXPECT_FALSE(has_review(lost, "/steps/3/next", "branch_label_not_found"));
}

// A decision has two ways out: where one was found, the other's line was lost, whether or not
// the SOP labels its branches.
TEST(Flow, ADecisionWithOneWayOutFoundIsReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[2].arrows_out = {to_connector(mark_a())};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[2].next, (std::vector<Edge>{{4, {}, {}}}));
  EXPECT_TRUE(has_review(record, "/steps/2/next", "branch_not_found"));
}

// Some offices label a decision's branches with their initials, in capitals. A lone letter could
// be a speck's reading; the two answering each other are the usual wording.
TEST(Flow, BranchesLabelledYAndTAreLabelsInCapitalsAndNotReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[2].arrows_out = {to_connector(mark_a(), "y"), to_row(-1, "T")};
  const SopRecord initials = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(initials.steps[2].next, (std::vector<Edge>{{4, {}, "Y"}, {2, {}, "T"}}));
  EXPECT_FALSE(has_review(initials, "/steps/2/next"));

  sop.rows[2].arrows_out = {to_connector(mark_a(), "Y"), to_row(-1, "a")};
  const SopRecord unanswered = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_TRUE(has_review(unanswered, "/steps/2/next", "implausible_item"));
}

TEST(Flow, ADecisionBranchLabelReadOnlyInPartIsTheAnswerToItsOtherBranchAndReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[2].arrows_out = {to_connector(mark_a(), "YA"), to_row(-1, "AK")};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[2].next, (std::vector<Edge>{{4, {}, "YA"}, {2, {}, "TIDAK"}}));
  EXPECT_TRUE(has_review(record, "/steps/2/next", "uncertain_repair"));

  // A process has no branches that answer each other: its label stays as read.
  sop.rows[1].arrows_out = {to_row(1, "YA"), to_row(-1, "AK")};
  const SopRecord process = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(process.steps[1].next[1].label, "AK");
}

TEST(Flow, AnArrowEndThatReachedNoSymbolIsReviewedNotGuessed) {
  RawSop sop = two_page_flow();
  sop.rows[1].arrows_out.clear();
  sop.rows[1].loose_arrow_starts = 1;
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_TRUE(record.steps[1].next.empty());
  EXPECT_TRUE(has_review(record, "/steps/1/next", "arrow_not_attached"));
}

// An arrowhead at a step whose line starts at no symbol says the step it comes from was not seen
// to lead there: the step before it, where that one does not; the step it came from cannot be
// told where the step before already leads there.
TEST(Flow, AnArrowInFromNoSymbolReviewsTheStepItMostLikelyCameFrom) {
  RawSop lost_start = two_page_flow();
  lost_start.rows[0].arrows_out.clear();
  lost_start.rows[1].arrivals_from_nowhere = 1;
  const SopRecord lost = build_record(lost_start, {"in.pdf", std::string(64, 'a')});
  EXPECT_TRUE(has_review(lost, "/steps/0/next", "arrow_not_attached"));
  EXPECT_FALSE(has_review(lost, "/steps/1/next"));
  EXPECT_EQ(lost.steps[1].next, (std::vector<Edge>{{3, {}, {}}}));

  RawSop second_arrival = two_page_flow();
  second_arrival.rows[1].arrivals_from_nowhere = 1;
  const SopRecord second = build_record(second_arrival, {"in.pdf", std::string(64, 'a')});
  EXPECT_FALSE(has_review(second, "/steps/0/next"));
  EXPECT_TRUE(has_review(second, "/steps/1/next", "arrow_not_attached"));
}

TEST(Flow, AStepThatShouldLeadOnAndHasNoArrowIsReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[3].arrows_out.clear();
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_TRUE(has_review(record, "/steps/3/next", "no_arrow_found"));
  EXPECT_FALSE(has_review(record, "/steps/4/next", "no_arrow_found"));  // the last step
}

TEST(Flow, TwoArrowsFromAProcessAreKeptAndReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[1].arrows_out = {to_row(1), to_row(-1)};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[1].next, (std::vector<Edge>{{3, {}, {}}, {1, {}, {}}}));
  EXPECT_TRUE(has_review(record, "/steps/1/next", "several_arrows_from_process"));
  EXPECT_FALSE(has_review(record, "/steps/2/next", "several_arrows_from_process"));
}

// A region of a step table on `page`, as the page reader reports it.
CellText table_area(int page, const cv::Rect& box) {
  CellText area;
  area.page = page;
  area.bbox_px = box;
  return area;
}

// The review entry on the step list as a whole, or nullptr.
const ReviewEntry* whole_steps_entry(const SopRecord& record) {
  const auto entry = std::find_if(record.review.begin(), record.review.end(),
                                  [](const ReviewEntry& e) { return e.path == "/steps"; });
  return entry == record.review.end() ? nullptr : &*entry;
}

TEST(Flow, StepsReadUnderAHeaderWhoseLabelsWereNotReadAreReviewedAsATable) {
  RawSop sop = two_page_flow();
  sop.unread_headers = {table_area(2, cv::Rect(40, 60, 2000, 180))};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  const ReviewEntry* entry = whole_steps_entry(record);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->reason, "column_roles_inferred");
  EXPECT_EQ(entry->page, 2);
  EXPECT_EQ(entry->bbox, (PixelBox{40, 60, 2000, 180}));
  EXPECT_FALSE(has_review(build_record(two_page_flow(), {"in.pdf", std::string(64, 'a')}), "/steps",
                          "column_roles_inferred"));
}

TEST(Flow, StepsReadOnAGridPlacedFromTheWordsAreReviewedAsATable) {
  RawSop sop = two_page_flow();
  sop.unruled_tables = {table_area(1, cv::Rect(30, 50, 2100, 1400))};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  const ReviewEntry* entry = whole_steps_entry(record);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->reason, "table_rules_not_found");
  EXPECT_EQ(entry->page, 1);
  EXPECT_EQ(entry->bbox, (PixelBox{30, 50, 2100, 1400}));
  EXPECT_FALSE(has_review(build_record(two_page_flow(), {"in.pdf", std::string(64, 'a')}), "/steps",
                          "table_rules_not_found"));
}

TEST(Review, EveryEntryHasPointerReasonConfidenceRawPageAndBbox) {
  RawSop sop = two_page_flow();
  sop.identity = identity_only().identity;  // several labels not found
  sop.rows[1].arrows_out = {to_row(1), to_row(-1)};
  sop.rows[3].arrows_out.clear();
  sop.rows[2].symbols.clear();
  sop.rows[4].duration = read_cell("sebentar saja 5", 0.3);
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_GE(record.review.size(), 6u);
  for (const ReviewEntry& entry : record.review) {
    EXPECT_FALSE(entry.path.empty());
    EXPECT_FALSE(entry.reason.empty());
    EXPECT_TRUE(entry.confidence && *entry.confidence >= 0 && *entry.confidence <= 1)
        << entry.path << " " << entry.reason;
    EXPECT_TRUE(entry.raw) << entry.path << " " << entry.reason;
    EXPECT_TRUE(entry.page) << entry.path << " " << entry.reason;
    EXPECT_TRUE(entry.bbox) << entry.path << " " << entry.reason;
  }
  // The flow's raw reading says what the lanes held.
  const auto no_arrow =
      std::find_if(record.review.begin(), record.review.end(),
                   [](const ReviewEntry& e) { return e.reason == "no_arrow_found"; });
  ASSERT_NE(no_arrow, record.review.end());
  EXPECT_EQ(*no_arrow->raw, "process in lane 2; no arrow out");
}

TEST(Flow, ConnectorsWithUnlikeMarksArePairedOnlyOntoTheNextPageAndReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[3].arrives_from_connectors = {mark_b()};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  // Labels as printed ("YA" in capitals), a misread letter repaired.
  EXPECT_EQ(record.steps[2].next, (std::vector<Edge>{{4, {}, "YA"}, {2, {}, "Tidak"}}));
  EXPECT_TRUE(has_review(record, "/steps/2/next", "uncertain_connector_match"));
  // Not on the next page: no pair at all.
  sop.pages = {1, 2, 3};
  sop.rows[3].page = 3;
  sop.rows[4].page = 3;
  const SopRecord far = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(far.steps[2].next, (std::vector<Edge>{{2, {}, "Tidak"}}));
  EXPECT_TRUE(has_review(far, "/steps/2/next", "arrow_not_attached"));
}

TEST(Flow, AHeadlessLineToTheNextStepIsTheTablesOrderOneSkippingStepsIsReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[0].arrows_out = {to_row(2)};  // step 1 to step 3, skipping step 2
  sop.rows[0].arrows_out[0].headless = true;
  sop.rows[1].arrows_out = {to_row(1)};  // step 2 to step 3
  sop.rows[1].arrows_out[0].headless = true;
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[0].next, (std::vector<Edge>{{3, {}, {}}}));
  EXPECT_TRUE(has_review(record, "/steps/0/next", "arrow_direction_inferred"));
  EXPECT_EQ(record.steps[1].next, (std::vector<Edge>{{3, {}, {}}}));
  EXPECT_FALSE(has_review(record, "/steps/1/next", "arrow_direction_inferred"));
}

TEST(Flow, AnArrowJoinedAcrossAFadedStretchIsKeptAndReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[0].arrows_out = {to_row(1)};
  sop.rows[0].arrows_out[0].joined_across_gap = true;
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[0].next, (std::vector<Edge>{{2, {}, {}}}));
  EXPECT_TRUE(has_review(record, "/steps/0/next", "arrow_joined_across_gap"));
  EXPECT_FALSE(has_review(record, "/steps/1/next", "arrow_joined_across_gap"));
}

TEST(BuildRecord, NoiseReadAsWordsInTheWaktuCellIsNotADuration) {
  RawSop sop = two_page_flow();
  sop.rows[0].duration = read_cell("SN pa tae Gan eee ne eee", 0.24);
  sop.rows[1].duration = read_cell("Setiap saat", 0.91);
  sop.rows[2].duration = read_cell("1 jam", 0.3);
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_FALSE(record.steps[0].duration);
  EXPECT_TRUE(has_review(record, "/steps/0/duration", "not_read"));
  ASSERT_TRUE(record.steps[1].duration);
  EXPECT_EQ(record.steps[1].duration->unit, DurationUnit::other);
  // An amount read unsurely is kept, and reviewed.
  ASSERT_TRUE(record.steps[2].duration);
  EXPECT_EQ(record.steps[2].duration->minutes, 60);
  EXPECT_TRUE(has_review(record, "/steps/2/duration", "low_ocr_confidence"));
}

TEST(BuildRecord, ATimeInWordsIsKeptAsReadAndReviewedWhereItReadsAsNoPhrase) {
  RawSop sop = two_page_flow();
  sop.rows[0].duration = read_cell("Setiap saat", 0.91);
  sop.rows[1].duration = read_cell("Sesuai jadwl", 0.91);
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  ASSERT_TRUE(record.steps[0].duration);
  EXPECT_EQ(record.steps[0].duration->text, "Setiap saat");
  EXPECT_FALSE(has_review(record, "/steps/0/duration"));
  ASSERT_TRUE(record.steps[1].duration);
  EXPECT_EQ(record.steps[1].duration->unit, DurationUnit::other);
  EXPECT_TRUE(has_review(record, "/steps/1/duration"));
}

// A garbled unit alone, or after a mark where its amount stood ("f han" for "7 hari"), is a
// duration whose amount was lost, however surely the engine read the marks: unread and reviewed,
// never a wording.
TEST(BuildRecord, AGarbledUnitWhoseAmountWasLostIsUnreadAndReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[0].duration = read_cell("han", 0.91);
  sop.rows[1].duration = read_cell("f han", 0.93);
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  for (const int step : {0, 1}) {
    EXPECT_FALSE(record.steps[step].duration) << step;
    EXPECT_TRUE(
        has_review(record, "/steps/" + std::to_string(step) + "/duration", "unparsed_duration"))
        << step;
  }
}

// A unit word OCR garbled is one of a handful of names: the nearest is the unit printed (on the
// randomised set and the real scans, every one). The duration is reviewed only where the
// reading itself was unsure.
TEST(BuildRecord, ADurationWhoseUnitWordOcrGarbledIsReadAndReviewedOnlyWhenReadUnsurely) {
  RawSop sop = two_page_flow();
  sop.rows[0].duration = read_cell("10 Ment", 0.95);
  sop.rows[1].duration = read_cell("3 han", 0.2);
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  ASSERT_TRUE(record.steps[0].duration);
  EXPECT_EQ(record.steps[0].duration->minutes, 10);
  EXPECT_EQ(record.steps[0].duration->text, "10 Ment");
  EXPECT_FALSE(has_review(record, "/steps/0/duration"));
  ASSERT_TRUE(record.steps[1].duration);
  EXPECT_EQ(record.steps[1].duration->unit, DurationUnit::day);
  EXPECT_TRUE(has_review(record, "/steps/1/duration", "low_ocr_confidence"));
}

// Tesseract reads a serif "1" before a unit as "|" or "I" (and the sifting drops it), "t" or "Il":
// a bar shaped as the digit one where the amount stands is the amount, reviewed as a repair.
TEST(BuildRecord, ADurationWhoseOneWasReadAsABarIsOneUnitReviewedAsRepaired) {
  RawSop sop = two_page_flow();
  const OcrWord hari{"hari", 0.96, cv::Rect(3108, 999, 58, 30), 0};
  sop.rows[0].duration = read_cell("hari");
  sop.rows[0].duration.words = {hari};
  sop.rows[0].duration.doubtful_words = {{"|", 0.88, cv::Rect(3081, 1000, 6, 28), 0}};
  sop.rows[1].duration = read_cell("t hari");
  sop.rows[1].duration.words = {{"t", 0.76, cv::Rect(3080, 999, 11, 28), 0}, hari};
  sop.rows[2].duration = read_cell("Il hari");
  sop.rows[2].duration.words = {{"Il", 0.6, cv::Rect(3082, 999, 12, 28), 0}, hari};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  for (const int step : {0, 1, 2}) {
    ASSERT_TRUE(record.steps[step].duration) << step;
    EXPECT_EQ(record.steps[step].duration->minutes, 480) << step;
    EXPECT_EQ(record.steps[step].duration->text, "1 hari") << step;
    EXPECT_TRUE(
        has_review(record, "/steps/" + std::to_string(step) + "/duration", "uncertain_repair"))
        << step;
  }
}

// Where nothing the shape of a one stands before the unit, or what stands there is a letter as
// wide as it is tall, the amount is lost: unread and reviewed, never taken for one.
TEST(BuildRecord, AUnitWithoutAnyOneShapedMarkBeforeItStaysUnread) {
  RawSop sop = two_page_flow();
  const OcrWord hari{"hari", 0.96, cv::Rect(3108, 999, 58, 30), 0};
  sop.rows[0].duration = read_cell("hari");
  sop.rows[0].duration.words = {hari};
  sop.rows[1].duration = read_cell("M hari");
  sop.rows[1].duration.words = {{"M", 0.8, cv::Rect(3070, 999, 30, 28), 0}, hari};
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  for (const int step : {0, 1}) {
    EXPECT_FALSE(record.steps[step].duration) << step;
    EXPECT_TRUE(
        has_review(record, "/steps/" + std::to_string(step) + "/duration", "unparsed_duration"))
        << step;
  }
}

// A rule's ragged edge or a few specks left in a cell count as ink, but the engine finds no text
// in them: an optional value there is blank. Marks the engine doubted are something to look at.
TEST(BuildRecord, InkInWhichTheEngineFoundNoTextIsABlankOptionalValueNotAnUnreadOne) {
  CellText rule_edge = read_cell("");
  RawSop sop = two_page_flow();
  sop.identity = identity_only().identity;
  sop.identity->fields["revised"] = rule_edge;
  sop.rows[0].notes = rule_edge;
  CellText marks = read_cell("");
  marks.doubtful_words.push_back({"~", 0.2, cv::Rect(15, 25, 20, 10), 0});
  sop.rows[1].notes = marks;
  sop.identity->fields["effective"] = marks;
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_FALSE(record.header.revised);
  EXPECT_FALSE(has_review(record, "/header/revised", "invalid_date"));
  EXPECT_FALSE(record.steps[0].notes);
  EXPECT_FALSE(has_review(record, "/steps/0/notes", "not_read"));
  EXPECT_FALSE(record.header.effective);
  EXPECT_TRUE(has_review(record, "/header/effective", "invalid_date"));
  EXPECT_FALSE(record.steps[1].notes);
  EXPECT_TRUE(has_review(record, "/steps/1/notes", "not_read"));
}

// A date printed under a stamp can come back from the engine as nothing at all; the cell's
// marks are letters, not a dash or specks. It is unread, not blank: reviewed, never silently
// null. Unread letters in a step's notes and No cell are reviewed the same way.
TEST(BuildRecord, LettersTheEngineReadNothingFromAreAnUnreadValueNotABlankOne) {
  CellText stamped = read_cell("", 0.0);
  stamped.letters_unread = true;
  RawSop sop = two_page_flow();
  sop.identity = identity_only().identity;
  sop.identity->fields["effective"] = stamped;
  sop.rows[0].notes = stamped;
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_FALSE(record.header.effective);
  EXPECT_TRUE(has_review(record, "/header/effective", "not_read"));
  EXPECT_FALSE(record.steps[0].notes);
  EXPECT_TRUE(has_review(record, "/steps/0/notes", "not_read"));
}

// Keterangan is optional. A lone dash there says "no note", as in a list cell; specks read as
// "*" or "J" are no note either, but on the review list, as a reviewer may find a mark there.
TEST(BuildRecord, ANoteOfADashIsNoNoteAndMarksReadAsNoWordAreNoNoteButReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[0].notes = read_cell("-");
  sop.rows[1].notes = read_cell("* J");
  sop.rows[2].notes = read_cell("SK Tim");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_FALSE(record.steps[0].notes);
  EXPECT_FALSE(has_review(record, "/steps/0/notes"));
  EXPECT_FALSE(record.steps[1].notes);
  EXPECT_TRUE(has_review(record, "/steps/1/notes", "not_read"));
  EXPECT_EQ(record.steps[2].notes, "SK Tim");
}

// A table whose author ends activities with a stop, all of them or only some, has its stops
// kept unreviewed; one stop in a table without them is a speck the scan left, and reviewed.
TEST(BuildRecord, AnActivitysFinalStopIsReviewedOnlyWhereTheTableDoesNotEndActivitiesWithOne) {
  RawSop stopped = two_page_flow();
  for (StepRowContent& row : stopped.rows) {
    row.activity = read_cell("Menyusun konsep laporan kinerja.");
  }
  const SopRecord with_stops = build_record(stopped, {"in.pdf", std::string(64, 'a')});
  for (std::size_t i = 0; i < with_stops.steps.size(); ++i) {
    EXPECT_FALSE(
        has_review(with_stops, "/steps/" + std::to_string(i) + "/activity", "trailing_mark"));
  }
  RawSop some_stopped = two_page_flow();
  some_stopped.rows[1].activity = read_cell("Menyusun konsep laporan kinerja.");
  some_stopped.rows[3].activity = read_cell("Menyampaikan laporan kepada Kepala Dinas.");
  const SopRecord with_some = build_record(some_stopped, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(with_some.steps[3].activity, "Menyampaikan laporan kepada Kepala Dinas.");
  EXPECT_FALSE(has_review(with_some, "/steps/1/activity", "trailing_mark"));
  EXPECT_FALSE(has_review(with_some, "/steps/3/activity", "trailing_mark"));
  RawSop one_speck = two_page_flow();
  one_speck.rows[2].activity = read_cell("Menyusun konsep laporan kinerja.");
  const SopRecord with_speck = build_record(one_speck, {"in.pdf", std::string(64, 'a')});
  EXPECT_TRUE(has_review(with_speck, "/steps/2/activity", "trailing_mark"));
}

// Dates printed as a month and a year are null by the contract. Where the template prints
// both so, nothing is left to review; one date without its day beside a whole one lost it.
TEST(BuildRecord, DatesATemplatePrintsWithoutADayAreNullAndOnlyAnOddOneIsReviewed) {
  RawSop sop = identity_only();
  sop.identity->fields["created"] = read_cell("Agustus 2023");
  sop.identity->fields["effective"] = read_cell("Agustus 2023");
  const SopRecord both = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_FALSE(both.header.created);
  EXPECT_FALSE(both.header.effective);
  EXPECT_FALSE(has_review(both, "/header/created", "incomplete_date"));
  EXPECT_FALSE(has_review(both, "/header/effective", "incomplete_date"));

  sop.identity->fields["created"] = read_cell("20 Agustus 2023");
  const SopRecord one = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(one.header.created, "2023-08-20");
  EXPECT_TRUE(has_review(one, "/header/effective", "incomplete_date"));
}

// Read neighbours agreeing, and none against, settle a number: nothing is left for a person
// to check, and the reading's own doubt is withdrawn.
TEST(Flow, AStepNumberMisreadOrLostIsSettledByTheSequenceItsNeighboursRead) {
  auto reviews_of = [](const SopRecord& record, const std::string& path) {
    return std::count_if(record.review.begin(), record.review.end(),
                         [&](const ReviewEntry& e) { return e.path == path; });
  };
  RawSop lost = two_page_flow();
  lost.rows[2].number = read_cell("", 0.2);  // ink in the cell, nothing read
  const SopRecord with_lost = build_record(lost, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(with_lost.steps[2].no, 3);
  EXPECT_EQ(reviews_of(with_lost, "/steps/2/no"), 0);

  RawSop misread = two_page_flow();
  misread.rows[3].number = read_cell("1");  // step 4 read as "1"
  const SopRecord with_misread = build_record(misread, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(with_misread.steps[3].no, 4);
  EXPECT_EQ(with_misread.steps[2].next[0].to, 4);
  EXPECT_EQ(reviews_of(with_misread, "/steps/3/no"), 0);
  EXPECT_FALSE(has_review(with_misread, "/steps/3/no", "number_out_of_sequence"));

  // Lost numbers beside a misread one: the rows further on outvote it, one row at a time.
  RawSop lost_and_misread = two_page_flow();
  lost_and_misread.rows[0].number = read_cell("", 0.2);
  lost_and_misread.rows[1].number = read_cell("", 0.2);
  lost_and_misread.rows[2].number = read_cell("1");  // step 3 read as "1"
  lost_and_misread.rows.push_back(lost_and_misread.rows[4]);
  lost_and_misread.rows[5].number = read_cell("6");
  lost_and_misread.rows[3].number = read_cell("", 0.2);
  const SopRecord with_lost_and_misread =
      build_record(lost_and_misread, {"in.pdf", std::string(64, 'a')});
  for (int i = 0; i < 6; ++i) EXPECT_EQ(with_lost_and_misread.steps[i].no, i + 1) << i;
  EXPECT_TRUE(has_review(with_lost_and_misread, "/steps/0/no", "number_from_sequence"));

  // At the table's head only the rows below speak; two agreeing settle it too.
  RawSop first_misread = two_page_flow();
  first_misread.rows[0].number = read_cell("4");
  const SopRecord with_first_misread =
      build_record(first_misread, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(with_first_misread.steps[0].no, 1);
  EXPECT_EQ(reviews_of(with_first_misread, "/steps/0/no"), 0);
}

// The first row beside a lost second hears only the third until the second is settled; a
// number the sequence gave speaks for it then, and a person checks what it led to.
TEST(Flow, TheFirstNumberLostBesideALostSecondIsSettledOnceTheSecondIsAndReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[0].number = read_cell("q");
  sop.rows[1].number = read_cell("", 0.2);
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[1].no, 2);
  EXPECT_EQ(record.steps[0].no, 1);
  const auto entry = std::find_if(record.review.begin(), record.review.end(),
                                  [](const ReviewEntry& e) { return e.path == "/steps/0/no"; });
  ASSERT_NE(entry, record.review.end());
  EXPECT_EQ(entry->reason, "number_from_sequence");
  EXPECT_EQ(entry->raw, "q");
  EXPECT_FALSE(has_review(record, "/steps/0/no", "not_read"));
  EXPECT_FALSE(has_review(record, "/steps/1/no", "number_from_sequence"));
}

TEST(Flow, SpecksBesideAStepNumberAreNotPartOfIt) {
  RawSop sop = two_page_flow();
  sop.rows[1].number = read_cell("\u201c2");
  sop.rows[2].number = read_cell("3\u00b0");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[1].no, 2);
  EXPECT_EQ(record.steps[2].no, 3);
  EXPECT_FALSE(has_review(record, "/steps/1/no", "not_read"));
}

TEST(Flow, AnUnnumberedRowBetweenTwoStepsStaysUnnumbered) {
  RawSop sop = two_page_flow();
  // Rows 1, (none), 2, 3, 4: the sequence has no room for a number here.
  sop.rows[1].number = CellText{};
  sop.rows[2].number = read_cell("2");
  sop.rows[3].number = read_cell("3");
  sop.rows[4].number = read_cell("4");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[1].no, std::nullopt);
  EXPECT_FALSE(has_review(record, "/steps/1/no", "number_from_sequence"));
}

TEST(Flow, ANumberAfterTwoStepsMergedIntoOneRowStaysAsPrinted) {
  RawSop sop = two_page_flow();
  // Rows 1, 2, 3, 5, 6: step 4 went into the third row; the last two agree with each other.
  sop.rows[3].number = read_cell("5");
  sop.rows[4].number = read_cell("6");
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[3].no, 5);
  EXPECT_EQ(record.steps[4].no, 6);
}

TEST(Flow, ANumberPrintedTwiceThatTheSequenceCannotSettleIsReviewedAndEdgesToItUseTheIndex) {
  RawSop sop = two_page_flow();
  sop.rows.resize(2);  // one neighbour says too little
  sop.rows[1].number = read_cell("1");
  sop.rows[1].arrows_out.clear();
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[1].no, 1);  // kept as read
  EXPECT_TRUE(has_review(record, "/steps/1/no", "number_out_of_sequence"));
  // The arrow into it names it by index, not by the number step 1 also has.
  EXPECT_EQ(record.steps[0].next[0].to, std::nullopt);
  EXPECT_EQ(record.steps[0].next[0].to_index, 1);
}

TEST(Flow, ASymbolReachingWellIntoTheNextLaneHasItsActorReviewed) {
  RawSop sop = two_page_flow();
  sop.rows[1].symbols[0].lane_uncertain = true;
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[1].actor, "Staf");
  EXPECT_TRUE(has_review(record, "/steps/1/actor", "uncertain_lane"));
  EXPECT_FALSE(has_review(record, "/steps/0/actor", "uncertain_lane"));
}

TEST(BuildRecord, ALaneNameKeepsTheStopOfAnAbbreviationButNotASpeckAfterAWord) {
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  RawSop sop = two_page_flow();
  sop.lane_names = {read_cell("Sek."), read_cell("Staf."), read_cell("Kasubag Umum & Kepeg.")};
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  EXPECT_EQ(record.actors, (std::vector<std::string>{"Sek.", "Staf", "Kasubag Umum & Kepeg."}));
}

TEST(BuildRecord, ALetterLostFromALongWordOfALaneNameIsRepairedButShortTitlesAreAsPrinted) {
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  RawSop sop = two_page_flow();
  sop.lane_names = {read_cell("Pengadministras Umum"), read_cell("Tim enanganan"),
                    read_cell("Kasubag Kepegawaian")};
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  EXPECT_EQ(record.actors, (std::vector<std::string>{"Pengadministrasi Umum", "Tim Penanganan",
                                                     "Kasubag Kepegawaian"}));
  EXPECT_TRUE(has_review(record, "/actors/0", "uncertain_repair"));
}

TEST(BuildRecord, TwoWordsOfALaneNameReadWithoutTheirSpaceAreTwoAndReviewed) {
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  RawSop sop = two_page_flow();
  sop.lane_names = {read_cell("PengadministrasiUmum"), read_cell("Atasan PPID"),
                    read_cell("PjPHP/PPHP")};
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  EXPECT_EQ(record.actors,
            (std::vector<std::string>{"Pengadministrasi Umum", "Atasan PPID", "PjPHP/PPHP"}));
  EXPECT_TRUE(has_review(record, "/actors/0", "uncertain_repair"));
  EXPECT_FALSE(has_review(record, "/actors/2", "uncertain_repair"));
}

TEST(BuildRecord, AShortWordOfALaneNameIsRepairedTowardsATitleSeenBesideItsNeighbour) {
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  RawSop sop = two_page_flow();
  // "Kepala Perangkat Daerah" and "Petugas Administrasi" are titles the lexicon has seen; two
  // edits in "Admirustrasi" are too many for a word alone, not for one beside "Petugas".
  sop.lane_names = {read_cell("Kepata Perangkat Daerah"), read_cell("Petugas Admirustrasi"),
                    read_cell("Kasubag Umum")};
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  EXPECT_EQ(record.actors, (std::vector<std::string>{"Kepala Perangkat Daerah",
                                                     "Petugas Administrasi", "Kasubag Umum"}));
  EXPECT_TRUE(has_review(record, "/actors/0", "uncertain_repair"));
  EXPECT_TRUE(has_review(record, "/actors/1", "uncertain_repair"));
}

// A cell read word by word, every word with `confidence`, but `word` (if any) with `its_own`.
CellText read_words(const std::string& text, double confidence, const std::string& word = "",
                    double its_own = 0.0) {
  CellText cell = read_cell(text, confidence);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    OcrWord read;
    read.text = text.substr(start, end - start);
    read.confidence = read.text == word ? its_own : confidence;
    cell.words.push_back(read);
    start = end + 1;
  }
  return cell;
}

// The contract keeps the author's spelling and repairs what the scan garbled. A word the OCR
// read as surely as it reads clean print is what was printed; one it was unsure of may be
// letters a speck or a fade changed.
TEST(BuildRecord, AWordReadAsSurelyAsCleanPrintKeepsTheAuthorsSpelling) {
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  RawSop sop = two_page_flow();
  sop.rows[0].activity = read_words("Menyusun telahaan staf", 0.97);
  sop.rows[0].requirements = read_words("Draf SPT, telahaan staf", 0.97);
  sop.rows[1].activity = read_words("Menyusun telahaan staf", 0.97, "telahaan", 0.80);
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  EXPECT_EQ(record.steps[0].activity, "Menyusun telahaan staf");
  EXPECT_EQ(record.steps[0].requirements, (std::vector<std::string>{"Draf SPT, telahaan staf"}));
  EXPECT_EQ(record.steps[1].activity, "Menyusun telaahan staf");
  // A word printed so is no garble for a person to check.
  EXPECT_FALSE(has_review(record, "/steps/0/activity", "unknown_word"));
  EXPECT_FALSE(has_review(record, "/steps/0/requirements", "unknown_word"));
}

// A lane's name holding a word no document uses, read less surely than clean print, is a
// misreading a person must check. The name is the actor of every step in that lane: each of
// those steps is reviewed, and no step of a lane read well.
TEST(BuildRecord, EveryStepInALaneWhoseNameHoldsAnUnknownWordHasItsActorReviewed) {
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  RawSop sop = two_page_flow();
  sop.lane_names = {read_words("Tim Pongsiota Pengaduan", 0.9), read_words("PjPHP/PPHP", 0.9)};
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  EXPECT_EQ(record.steps[0].actor, "Tim Pongsiota Pengaduan");
  EXPECT_TRUE(has_review(record, "/actors/0", "unknown_word"));
  for (const int step : {0, 2, 4}) {
    EXPECT_TRUE(has_review(record, "/steps/" + std::to_string(step) + "/actor", "unknown_word"))
        << "step " << step;
  }
  // An office's abbreviation, in its own mix of cases, is no garble.
  for (const char* reason : {"unknown_word", "garbled_word"}) {
    EXPECT_FALSE(has_review(record, "/steps/3/actor", reason)) << reason;
    EXPECT_FALSE(has_review(record, "/actors/1", reason)) << reason;
  }
}

// A narrow lane cell breaks a long word over two lines without a hyphen: joined back, surely.
// The same word split within one line may be two words OCR ran apart: joined, and reviewed.
TEST(BuildRecord, ALaneNameWordBrokenAtTheCellsEdgeIsJoinedWithoutDoubt) {
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  RawSop sop = two_page_flow();
  CellText broken = read_words("Pengadministr asi Umum", 0.95);
  broken.original = "Pengadministr\nasi Umum";
  sop.lane_names = {broken, read_words("Pengadministr asi Umum", 0.95)};
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  EXPECT_EQ(record.steps[0].actor, "Pengadministrasi Umum");
  EXPECT_FALSE(has_review(record, "/steps/0/actor", "uncertain_repair"));
  EXPECT_TRUE(has_review(record, "/steps/1/actor", "uncertain_repair"));
}

TEST(BuildRecord, ALaneNameBrokenAfterItsSlashesIsOneNameWhateverTheSlashWasReadAs) {
  static const std::unique_ptr<Lexicon> lexicon = load_default_lexicon();
  RawSop sop = two_page_flow();
  CellText auditor = read_words("Auditor! Pemeriksal Penyidik", 0.95);
  auditor.original = "Auditor!\nPemeriksal\nPenyidik";
  sop.lane_names = {auditor, read_words("Kepala Dinas", 0.95)};
  const SopRecord record =
      build_record(sop, {"in.pdf", std::string(64, 'a')}, ReviewPolicy{}, lexicon.get());
  EXPECT_EQ(record.steps[0].actor, "Auditor/Pemeriksa/Penyidik");
}

// A step drawn in two lanes is the lane the flow enters (the contract), the other lane its
// other actor. Where the arrows do not tell one box from the other, the leftmost is taken. Only
// the arrows and the leftmost agreeing leave no doubt for a person to check.
TEST(Flow, AStepDrawnInTwoLanesIsTheLaneTheFlowEntersElseTheLeftmost) {
  RawSop sop = two_page_flow();
  PlacedSymbol in_staf = sop.rows[1].symbols[0];  // the step in "Staf", lane 1
  PlacedSymbol in_kepala = in_staf;
  in_kepala.lane = 0;
  in_staf.flow_enters = true;
  sop.rows[1].symbols = {in_kepala, in_staf};
  const SopRecord entered_right = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(entered_right.steps[1].actor, "Staf");
  EXPECT_EQ(entered_right.steps[1].other_actors, (std::vector<std::string>{"Kepala Dinas"}));
  EXPECT_TRUE(has_review(entered_right, "/steps/1/actor", "several_symbols"));

  sop.rows[1].symbols[0].flow_enters = true;
  sop.rows[1].symbols[1].flow_enters = false;
  const SopRecord entered_left = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(entered_left.steps[1].actor, "Kepala Dinas");
  EXPECT_EQ(entered_left.steps[1].other_actors, (std::vector<std::string>{"Staf"}));
  EXPECT_FALSE(has_review(entered_left, "/steps/1/actor", "several_symbols"));

  for (const bool both_entered : {false, true}) {
    sop.rows[1].symbols[0].flow_enters = both_entered;
    sop.rows[1].symbols[1].flow_enters = both_entered;
    const SopRecord untold = build_record(sop, {"in.pdf", std::string(64, 'a')});
    EXPECT_EQ(untold.steps[1].actor, "Kepala Dinas") << both_entered;
    EXPECT_EQ(untold.steps[1].other_actors, (std::vector<std::string>{"Staf"})) << both_entered;
    EXPECT_TRUE(has_review(untold, "/steps/1/actor", "several_symbols")) << both_entered;
  }
}

TEST(Flow, ASymbolInALaneTheFirstTableDoesNotHaveHasNoActorAndIsReviewed) {
  // The second page's table was read with a third lane: its symbols name no known actor.
  RawSop sop = two_page_flow();
  sop.rows[3].symbols[0].lane = 2;
  sop.rows[4].symbols.push_back(sop.rows[3].symbols[0]);
  const SopRecord record = build_record(sop, {"in.pdf", std::string(64, 'a')});
  EXPECT_EQ(record.steps[3].actor, std::nullopt);
  EXPECT_TRUE(has_review(record, "/steps/3/actor", "lane_name_not_read"));
  EXPECT_EQ(record.steps[4].actor, "Kepala Dinas");
  EXPECT_TRUE(record.steps[4].other_actors.empty());
}

}  // namespace
}  // namespace sopocr
