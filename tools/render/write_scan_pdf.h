// Writes an image-only PDF: one page per scanned page, each page one embedded JPEG that fills it.
// The JPEG bytes go in unchanged (Cairo's JPEG mime data), artefacts and all, as a scanner does.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "degrade.h"

namespace sopocr::fixtures {

void write_scan_pdf(const std::vector<ScanPage>& pages, const std::string& title,
                    const std::filesystem::path& pdf_file);

}  // namespace sopocr::fixtures
