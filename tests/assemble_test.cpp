// Assembly as a specification: which pages make up which SOP.
#include "assemble.h"

#include <gtest/gtest.h>

namespace sopocr {
namespace {

CellText read(const std::string& text) {
  CellText cell;
  cell.text = text;
  cell.original = text;
  cell.has_ink = !text.empty();
  cell.confidence = 0.95;
  return cell;
}

PageContent identity_page(int number) {
  PageContent page;
  page.page_number = number;
  page.dpi = 300;
  page.kind = PageKind::identity;
  page.identity = IdentityContent{};
  page.identity->fields["title"] = read("SOP " + std::to_string(number));
  return page;
}

// A step-table page whose rows carry the printed numbers given.
PageContent step_page(int number, std::vector<std::string> step_numbers,
                      std::optional<std::string> title_line = std::nullopt) {
  PageContent page;
  page.page_number = number;
  page.dpi = 300;
  page.kind = PageKind::step_table;
  page.steps = StepTableContent{};
  page.steps->lane_names = {read("Kepala Dinas"), read("Staf")};
  for (const std::string& step : step_numbers) {
    StepRowContent row;
    row.number = read(step);
    row.activity = read("Kegiatan " + step);
    page.steps->rows.push_back(row);
  }
  if (title_line) page.steps->title_line = read(*title_line);
  return page;
}

PageContent other_page(int number) {
  PageContent page;
  page.page_number = number;
  return page;
}

std::vector<std::vector<int>> pages_of(const std::vector<RawSop>& sops) {
  std::vector<std::vector<int>> pages;
  for (const RawSop& sop : sops) pages.push_back(sop.pages);
  return pages;
}

TEST(Assemble, IdentityPageStartsASopAndStepPagesContinueIt) {
  const auto sops =
      assemble_sops({identity_page(1), step_page(2, {"1", "2", "3"}), step_page(3, {"4", "5"}),
                     identity_page(4), step_page(5, {"1", "2"})});
  EXPECT_EQ(pages_of(sops), (std::vector<std::vector<int>>{{1, 2, 3}, {4, 5}}));
  EXPECT_EQ(sops[0].rows.size(), 5u);
  EXPECT_EQ(sops[1].rows.size(), 2u);
}

TEST(Assemble, EachLanesNameIsItsSurestReadingOnAnyPageOfTheSop) {
  PageContent first = step_page(2, {"1", "2"});
  first.steps->lane_names[0] = read("Kepala Dinas ama");
  first.steps->lane_names[0].confidence = 0.5;
  PageContent second = step_page(3, {"3", "4"});
  second.steps->lane_names[1] = read("");
  const auto sops = assemble_sops({identity_page(1), first, second});
  ASSERT_EQ(sops.size(), 1u);
  ASSERT_EQ(sops[0].lane_names.size(), 2u);
  EXPECT_EQ(sops[0].lane_names[0].text, "Kepala Dinas");
  EXPECT_EQ(sops[0].lane_names[1].text, "Staf");  // an unread name never replaces a reading
}

TEST(Assemble, ALaneNameALineWasLeftOutOfOnOnePageIsItsFullerReading) {
  PageContent first = step_page(2, {"1", "2"});
  first.steps->lane_names[0] = read("Perangkat Daerah");
  first.steps->lane_names[0].confidence = 0.89;
  PageContent second = step_page(3, {"3", "4"});
  second.steps->lane_names[0] = read("Kepala Perangkat Daerah");
  second.steps->lane_names[0].confidence = 0.79;
  second.steps->lane_names[1] = read("Staf Hg");  // two letters read from specks are no word
  second.steps->lane_names[1].confidence = 0.9;
  const auto sops = assemble_sops({identity_page(1), first, second});
  ASSERT_EQ(sops.size(), 1u);
  EXPECT_EQ(sops[0].lane_names[0].text, "Kepala Perangkat Daerah");
  EXPECT_EQ(sops[0].lane_names[1].text, "Staf");
}

TEST(Assemble, ALaneDrawnOtherwiseOnALaterPageKeepsItsFirstName) {
  PageContent first = step_page(2, {"1", "2"});
  first.steps->lane_names[0].confidence = 0.9;
  PageContent second = step_page(3, {"3", "4"});
  second.steps->lane_names[0] = read("Kepala Dinas dan Sekretaris Dinas");
  second.steps->lane_names[0].confidence = 0.97;
  const auto sops = assemble_sops({identity_page(1), first, second});
  ASSERT_EQ(sops.size(), 1u);
  EXPECT_EQ(sops[0].lane_names[0].text, "Kepala Dinas");
}

TEST(Assemble, ALaterTableWithOtherLanesNamesItsOwnLanes) {
  // The SOP's second table has three lanes: Staf again, and two actors of its own.
  PageContent second = step_page(3, {"3", "4"});
  second.steps->lane_names = {read("Staf"), read("Pemohon"), read("")};
  for (int lane = 0; lane < 3; ++lane) {
    StepRowContent row;
    row.number = read(std::to_string(5 + lane));
    row.symbols.push_back({DetectedSymbol{}, lane, false});
    second.steps->rows.push_back(row);
  }
  const auto sops = assemble_sops({identity_page(1), step_page(2, {"1", "2"}), second});
  ASSERT_EQ(sops.size(), 1u);
  const RawSop& sop = sops[0];
  ASSERT_EQ(sop.lane_names.size(), 4u);
  EXPECT_EQ(sop.lane_names[0].text, "Kepala Dinas");
  EXPECT_EQ(sop.lane_names[1].text, "Staf");
  EXPECT_EQ(sop.lane_names[2].text, "Pemohon");
  EXPECT_EQ(sop.lane_names[3].text, "") << "unread: its steps are reviewed, not given a name";
  ASSERT_EQ(sop.rows.size(), 7u);
  EXPECT_EQ(sop.rows[4].symbols[0].lane, 1);
  EXPECT_EQ(sop.rows[5].symbols[0].lane, 2);
  EXPECT_EQ(sop.rows[6].symbols[0].lane, 3);
}

TEST(Assemble, AMetadataGridRunningOntoTheNextPageContinuesItsSop) {
  PageContent lists_only;
  lists_only.page_number = 2;
  lists_only.kind = PageKind::identity;
  lists_only.identity = IdentityContent{};
  lists_only.identity->lists["warnings"] = read("Jika tidak dilaksanakan, ...");
  PageContent identity = identity_page(1);
  identity.identity->lists["legal_basis"] = read("1. UU Nomor 14 Tahun 2008");
  const auto sops = assemble_sops(
      {identity, lists_only, step_page(3, {"1", "2"}), identity_page(4), step_page(5, {"1"})});
  EXPECT_EQ(pages_of(sops), (std::vector<std::vector<int>>{{1, 2, 3}, {4, 5}}));
  EXPECT_EQ(sops[0].identity->lists.size(), 2u);
  EXPECT_EQ(sops[0].identity->lists.at("warnings").text, "Jika tidak dilaksanakan, ...");
}

TEST(Assemble, NumberingThatStartsOverStartsANewSop) {
  const auto sops =
      assemble_sops({step_page(1, {"1", "2"}), step_page(2, {"3"}), step_page(3, {"1", "2", "3"})});
  EXPECT_EQ(pages_of(sops), (std::vector<std::vector<int>>{{1, 2}, {3}}));
}

TEST(Assemble, AContinuationWhoseFirstNumberLostADigitStaysWithItsSop) {
  // "4" misread as "1" at the top of the next page: the numbers under it say 4.
  const auto sops = assemble_sops(
      {identity_page(1), step_page(2, {"1", "2", "3"}), step_page(3, {"1", "5", "6"})});
  EXPECT_EQ(pages_of(sops), (std::vector<std::vector<int>>{{1, 2, 3}}));
}

TEST(Assemble, ContinuationWhoseFirstNumberIsUnreadStaysWithItsSop) {
  const auto sops =
      assemble_sops({identity_page(1), step_page(2, {"1", "2"}), step_page(3, {"", "4"})});
  EXPECT_EQ(pages_of(sops), (std::vector<std::vector<int>>{{1, 2, 3}}));
}

TEST(Assemble, RegulationTitleLinesSplitSopsAndPreamblePagesAreNoRecord) {
  const auto sops =
      assemble_sops({other_page(1), other_page(2), step_page(3, {"1", "2"}, "PROSES UTAMA"),
                     step_page(4, {"3", "4"}), step_page(5, {"1"}, "PERSIAPAN PEMILIHAN")});
  EXPECT_EQ(pages_of(sops), (std::vector<std::vector<int>>{{3, 4}, {5}}));
  ASSERT_TRUE(sops[0].title_line);
  EXPECT_EQ(sops[0].title_line->text, "PROSES UTAMA");
}

TEST(Assemble, KeepsEachPagesRotationSkewAndPerspective) {
  PageContent sideways = step_page(2, {"1"});
  sideways.rotation_degrees = 90;
  sideways.skew_degrees = -1.23456;
  sideways.perspective = cv::Matx33d(1.01, 0.02, -12.5, 0, 0.99, 3.25, 1.23456789012e-6, 0, 1);
  const auto sops = assemble_sops({identity_page(1), sideways});
  ASSERT_EQ(sops.size(), 1u);
  ASSERT_EQ(sops[0].page_geometry.size(), 2u);
  EXPECT_EQ(
      sops[0].page_geometry[1],
      (PageGeometry{2, 300, 90, -1.235,
                    std::array<double, 9>{1.01, 0.02, -12.5, 0, 0.99, 3.25, 1.235e-6, 0, 1}}));
  // A page laid flat records no homography.
  EXPECT_EQ(sops[0].page_geometry[0], (PageGeometry{1, 300, 0, 0.0, std::nullopt}));
}

}  // namespace
}  // namespace sopocr
