// What a bundle's SOPs print alike, agreed across them, as a specification: copies of one name or
// NIP, each garbled somewhere else by the signature over it, give the printed text; different
// officials, too few copies and copies that do not agree give nothing, and every changed reading
// is kept for the reviewer. SOP numbers of one scheme agree on the parts they share and keep the
// part that counts the SOPs.
#include "bundle_consensus.h"

#include <gtest/gtest.h>

namespace sopocr {
namespace {

const std::string kName = "SUHERMAN, S.H., M.H.";
const std::string kNip = "197011102002121005";

SopRecord signed_by(const std::string& name, const std::string& nip) {
  SopRecord record;
  record.header.approver = Approver{"Kepala Satuan", name, std::nullopt, nip};
  ReviewEntry block;
  block.path = "/header/approver";
  block.reason = "read_under_signature";
  block.page = 1;
  block.bbox = PixelBox{1900, 360, 900, 310};
  record.review.push_back(block);
  return record;
}

TEST(ConsensusOfReadings, CopiesGarbledInDifferentLettersGiveThePrintedText) {
  const auto agreed = consensus_of_readings(
      {"SUHERMAM, S.H., M.H.", "SUHEFMAN, S.H., M.H.", kName, "SUHERMAs, S.H., M.H."});
  ASSERT_TRUE(agreed);
  EXPECT_EQ(agreed->text, kName);
  EXPECT_DOUBLE_EQ(agreed->agreement, 0.5);  // two of four showed the last letter of the name
}

TEST(ConsensusOfReadings, LostAndExtraCharactersAreOutvotedToo) {
  const auto agreed = consensus_of_readings(
      {"19701102002121005", kNip, "19701::102002121005", "1970111C2002121005", kNip});
  ASSERT_TRUE(agreed);
  EXPECT_EQ(agreed->text, kNip);
}

TEST(ConsensusOfReadings, ATieAtAnyPositionOrFewerThanThreeReadingsGiveNothing) {
  EXPECT_FALSE(consensus_of_readings({"SUHERMAN", "SUHERMAI"}));
  EXPECT_FALSE(consensus_of_readings({"SUHERMAN", "SUHERMAI", "SUHERMAS"}));
  EXPECT_TRUE(consensus_of_readings({"SUHERMAN", "SUHERMAI", "SUHERMAN"}));
}

TEST(AgreeOnApprovers, ReadingsMostCopiesOutvoteTakeTheConsensus) {
  std::vector<SopRecord> bundle = {signed_by("SUHERMAI, S.H., M.H.", kNip),
                                   signed_by(kName, "1970111C2002121005"), signed_by(kName, kNip),
                                   signed_by("SUHEFMAN, S.H., M.H.", "19701102002121005")};
  ReviewEntry failed_check;
  failed_check.path = "/header/approver/nip";
  failed_check.reason = "invalid_nip";
  failed_check.raw = "1970111C2002121005";
  bundle[1].review.push_back(failed_check);

  agree_on_approvers(bundle);

  for (const SopRecord& record : bundle) {
    EXPECT_EQ(record.header.approver->name, kName);
    EXPECT_EQ(record.header.approver->nip, kNip);
    // Three of four copies show every character: sure. What the second record said of the NIP
    // it read is about text it no longer holds.
    ASSERT_EQ(record.review.size(), 1u);
    EXPECT_EQ(record.review[0].path, "/header/approver");
  }
}

TEST(AgreeOnApprovers, AConsensusNoMajorityBacksIsReviewedWithTheRecordsOwnReading) {
  // The last letter of the name: N twice, M once, s once.
  std::vector<SopRecord> bundle = {signed_by("SUHERMAM, S.H., M.H.", kNip),
                                   signed_by("SUHEFMAN, S.H., M.H.", kNip), signed_by(kName, kNip),
                                   signed_by("SUHERMAs, S.H., M.H.", kNip)};

  agree_on_approvers(bundle);

  for (const SopRecord& record : bundle) EXPECT_EQ(record.header.approver->name, kName);
  ASSERT_EQ(bundle[0].review.size(), 2u);
  const ReviewEntry& name = bundle[0].review[1];
  EXPECT_EQ(name.path, "/header/approver/name");
  EXPECT_EQ(name.reason, "agreed_with_other_sops");
  EXPECT_EQ(name.raw, "SUHERMAM, S.H., M.H.");
  EXPECT_DOUBLE_EQ(*name.confidence, 0.5);
  EXPECT_EQ(name.page, 1);  // where the block was read
  EXPECT_EQ(name.bbox, bundle[0].review[0].bbox);
  EXPECT_EQ(bundle[2].review.size(), 1u);  // read as agreed: nothing new to check
}

TEST(AgreeOnApprovers, AnotherOfficialAndTooFewCopiesStayAsRead) {
  const std::string other = "ABDURRAHMAN, S.Sos., M.Si";
  std::vector<SopRecord> bundle = {signed_by("SUHERMAI, S.H., M.H.", kNip),
                                   signed_by(other, "196911151993031007"), signed_by(kName, kNip),
                                   signed_by("ABDURRAHMAM, S.Sos., M.Si", "")};
  bundle[3].header.approver->nip.reset();

  agree_on_approvers(bundle);

  // Two copies of SUHERMAN's name cannot outvote each other; the other official is not a copy.
  EXPECT_EQ(bundle[0].header.approver->name, "SUHERMAI, S.H., M.H.");
  EXPECT_EQ(bundle[1].header.approver->name, other);
  EXPECT_EQ(bundle[3].header.approver->name, "ABDURRAHMAM, S.Sos., M.Si");
  EXPECT_FALSE(bundle[3].header.approver->nip);
}

TEST(AgreeOnApprovers, ANipThatFailsTheCheckIsNotAgreedOn) {
  // All three read the birth month as 41: the check fails, so no reading is changed.
  const std::string bad = "197041102002121005";
  std::vector<SopRecord> bundle = {signed_by(kName, bad), signed_by(kName, bad),
                                   signed_by(kName, "197041102002121006")};
  agree_on_approvers(bundle);
  EXPECT_EQ(bundle[2].header.approver->nip, "197041102002121006");
}

SopRecord numbered(const std::string& number) {
  SopRecord record;
  record.source.pages = {3};
  record.header.sop_number = number;
  return record;
}

std::vector<std::string> numbers_of(const std::vector<SopRecord>& bundle) {
  std::vector<std::string> numbers;
  for (const SopRecord& record : bundle) numbers.push_back(record.header.sop_number.value_or(""));
  return numbers;
}

TEST(AgreeOnSopNumbers, ThePartsTheNumbersShareAreAgreedAndTheCountingPartKept) {
  // A dot read as a space in different places, a slash read as " I".
  std::vector<SopRecord> bundle = {
      numbered("000.8.3.3/324 ISATPOLPP-A"), numbered("000 8.3.3/325/SATPOLPP-A"),
      numbered("000.8 3 3/327/SATPOLPP-A"), numbered("000.8.3.3/328/SATPOLPP-A")};
  ReviewEntry space;
  space.path = "/header/sop_number";
  space.reason = "space_in_code";
  bundle[1].review.push_back(space);

  agree_on_sop_numbers(bundle);

  EXPECT_EQ(numbers_of(bundle),
            (std::vector<std::string>{"000.8.3.3/324/SATPOLPP-A", "000.8.3.3/325/SATPOLPP-A",
                                      "000.8.3.3/327/SATPOLPP-A", "000.8.3.3/328/SATPOLPP-A"}));
  EXPECT_TRUE(bundle[1].review.empty());  // no space is left to check
}

TEST(AgreeOnSopNumbers, ACountingPartWithALetterWhereTheOthersShowDigitsIsReviewed) {
  std::vector<SopRecord> bundle = {numbered("000.8.3.3/M7/SATPOLPP-A"),
                                   numbered("000.8.3.3/256/SATPOLPP-A"),
                                   numbered("000.8.3.3/219/SATPOLPP-A")};

  const PixelBox number_cell{1200, 310, 900, 60};
  agree_on_sop_numbers(bundle, {ReadAt{2, number_cell}, std::nullopt, std::nullopt});

  // Nothing the others share tells what "M" was: kept as read, and reviewed where it was read.
  EXPECT_EQ(bundle[0].header.sop_number, "000.8.3.3/M7/SATPOLPP-A");
  ASSERT_EQ(bundle[0].review.size(), 1u);
  EXPECT_EQ(bundle[0].review[0].path, "/header/sop_number");
  EXPECT_EQ(bundle[0].review[0].reason, "unlike_other_sops");
  EXPECT_EQ(bundle[0].review[0].raw, "000.8.3.3/M7/SATPOLPP-A");
  EXPECT_EQ(bundle[0].review[0].page, 2);
  EXPECT_EQ(bundle[0].review[0].bbox, number_cell);
  EXPECT_TRUE(bundle[1].review.empty());
  EXPECT_TRUE(bundle[2].review.empty());
}

TEST(AgreeOnSopNumbers, OtherSchemesAndTwoNumbersStayAsRead) {
  std::vector<SopRecord> two = {numbered("000 8.3.3/325/SATPOLPP-A"),
                                numbered("000.8.3.3/328/SATPOLPP-A")};
  agree_on_sop_numbers(two);
  EXPECT_EQ(two[0].header.sop_number, "000 8.3.3/325/SATPOLPP-A");

  std::vector<SopRecord> schemes = {numbered("800/12/BKD/2021"), numbered("800/13/BKD/2021"),
                                    numbered("000.8.3.3/327/SATPOLPP-A"),
                                    numbered("800/14/BKD/2021")};
  agree_on_sop_numbers(schemes);
  // Two "324"s may be one misread: the third's "325" is another SOP's number as likely.
  std::vector<SopRecord> counted = {numbered("000.8.3.3/324/SATPOLPP-A"),
                                    numbered("000.8.3.3/324/SATPOLPP-A"),
                                    numbered("000.8.3.3/325/SATPOLPP-A")};
  agree_on_sop_numbers(counted);
  EXPECT_EQ(counted[2].header.sop_number, "000.8.3.3/325/SATPOLPP-A");
  EXPECT_EQ(numbers_of(schemes),
            (std::vector<std::string>{"800/12/BKD/2021", "800/13/BKD/2021",
                                      "000.8.3.3/327/SATPOLPP-A", "800/14/BKD/2021"}));
}

}  // namespace
}  // namespace sopocr
