// What a person looks at when a record is wrong: the level page with the tables, cells,
// swimlane rows, symbols and traced arrows drawn on it, and every cell's reading as JSON.
#pragma once

#include <filesystem>
#include <vector>

#include "cell_reader.h"
#include "page_content.h"
#include "page_geometry.h"

namespace sopocr {

// Writes `<stem>.png` (the overlay) and `<stem>.json` (to_debug_json of the content, the grids
// and every reading `reader` made, when there is a reader).
void write_debug_files(const std::filesystem::path& stem, const PreparedPage& prepared,
                       const PageContent& content, const CellReader* reader);

}  // namespace sopocr
