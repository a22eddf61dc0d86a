// Draws one step-table ("flowchart") page: the optional regulation title line, the two-level
// header (No | Uraian Kegiatan | Pelaksana lanes | Mutu Baku | Keterangan), the optional column
// number row, the step rows with their texts, then symbols, off-page connectors and arrows.
#pragma once

#include <cairo.h>

#include "page_layout.h"
#include "sop_record.h"
#include "typesetter.h"

namespace sopocr::fixtures {

void draw_step_table(cairo_t* cr, const StepTablePage& page, const SopRecord& record,
                     const DocumentStyle& style, const Typesetter& typesetter);

}  // namespace sopocr::fixtures
