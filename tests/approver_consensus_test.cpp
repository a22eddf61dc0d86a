// The approver agreed across a bundle's SOPs, as a specification: copies of one name or NIP, each
// garbled somewhere else by the signature over it, give the printed text; different officials,
// too few copies and copies that do not agree give nothing, and every changed reading is kept
// for the reviewer.
#include "approver_consensus.h"

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

}  // namespace
}  // namespace sopocr
