// Layout: ground truth -> page geometry. Decides the pages of a fixture document (identity,
// preamble and step-table pages, per the PermenPAN-RB 35/2012 shapes), the step-table columns,
// which rows go on which page, row heights, symbol boxes and arrow routes. Returns DocumentLayout.
#pragma once

#include <vector>

#include "fixture_manifest.h"
#include "page_layout.h"
#include "typesetter.h"

namespace sopocr::fixtures {

// The document's look (font, bullets, paper), varied by its position in docs.json.
DocumentStyle style_for_document(const DocumentSpec& document);

// Lays out the whole document. Throws FixtureError naming the truth file and SOP when the pages
// produced differ from the truth's source.pages, when an arrow's target does not exist, or when
// a page's rows do not fit even at the smallest text size.
DocumentLayout layout_document(const DocumentSpec& document, const std::vector<TruthSop>& sops,
                               const Typesetter& typesetter);

// Step rows per page: `row_count` rows over `page_count` pages, as evenly as possible, earlier
// pages taking the extra row (the rule the truth authors count pages by).
std::vector<std::size_t> rows_per_page(std::size_t row_count, std::size_t page_count);

}  // namespace sopocr::fixtures
