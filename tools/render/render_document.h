// Renders one fixture document: lays it out, draws every page into a vector PDF with Cairo, and
// writes <out_dir>/<file> plus <out_dir>/<id>.layout.json. Returns the layout it drew.
#pragma once

#include <filesystem>
#include <vector>

#include "fixture_manifest.h"
#include "page_layout.h"
#include "typesetter.h"

namespace sopocr::fixtures {

DocumentLayout render_document(const DocumentSpec& document, const std::vector<TruthSop>& sops,
                               const std::filesystem::path& out_dir, const Typesetter& typesetter);

// Draws an already laid-out document into `pdf_file`. Output is deterministic: the PDF's
// creation date is pinned, so the same inputs give the same bytes.
void write_document_pdf(const DocumentSpec& document, const std::vector<TruthSop>& sops,
                        const DocumentLayout& layout, const std::filesystem::path& pdf_file,
                        const Typesetter& typesetter);

}  // namespace sopocr::fixtures
