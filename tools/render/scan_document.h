// Scans one clean fixture PDF: rasterise each page at the document's scan DPI, degrade it with
// parameters drawn from the scan seed and page number, and write the image-only PDF plus
// <id>.scan.json (the parameters of every page). Returns the scanned pages. A born-digital
// document is copied unchanged instead, and no pages are returned.
#pragma once

#include <filesystem>
#include <vector>

#include "degrade.h"
#include "fixture_manifest.h"

namespace sopocr::fixtures {

std::vector<ScanPage> scan_document(const DocumentSpec& document,
                                    const std::filesystem::path& clean_pdf,
                                    const std::filesystem::path& out_dir);

}  // namespace sopocr::fixtures
