// Joins analysed pages into SOPs in document order: an identity page or a regulation's title
// line starts a SOP, a step table continued over pages is stitched into one step list, and
// step numbering restarting at 1 starts a new SOP. Pages that belong to no SOP are dropped.
#pragma once

#include <optional>
#include <vector>

#include "page_content.h"
#include "sop_record.h"

namespace sopocr {

struct RawSop {
  std::vector<int> pages;
  std::vector<PageGeometry> page_geometry;  // one per entry of `pages`
  std::optional<IdentityContent> identity;
  std::optional<CellText> title_line;
  std::vector<CellText> lane_names;  // from the SOP's first step-table page
  std::vector<StepRowContent> rows;
  // The headers of its step-table pages whose labels were not read (StepTableContent).
  std::vector<CellText> unread_headers;
  // Its step tables whose rules were lost, placed from their words (StepTableContent).
  std::vector<CellText> unruled_tables;
};

std::vector<RawSop> assemble_sops(const std::vector<PageContent>& pages);

}  // namespace sopocr
