// Reads a page's step tables: each row's number, activity, Mutu Baku cells and notes, the
// flowchart symbols in its swimlanes with their lanes, and the arrows traced between them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cell_reader.h"
#include "page_content.h"
#include "page_geometry.h"
#include "table_roles.h"

namespace sopocr {

// The step tables of the page, their rows in one table top to bottom, or nullopt when no grid
// has a step-table header. A step table whose lanes could not be found is left out and said in
// `problems`.
std::optional<StepTableContent> read_step_tables(
    const PreparedPage& prepared, CellReader& reader, std::vector<std::string>& problems,
    ActivityLabel activity_label = ActivityLabel::must_read);

// The step tables of a page where no header was read, found by the flowchart symbols in their
// body (find_step_header_by_symbols); nullopt when none holds them. Their roles are marked as
// inferred.
std::optional<StepTableContent> read_unlabelled_step_tables(const PreparedPage& prepared,
                                                            CellReader& reader,
                                                            std::vector<std::string>& problems);

}  // namespace sopocr
