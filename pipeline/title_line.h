// The SOP's name printed as a heading above a table, "STANDAR OPERASIONAL PROSEDUR (SOP)" and the
// name under it: over a regulation's appendix table, or over an identity page whose key rows
// have no "Nama SOP".
#pragma once

#include <optional>

#include "cell_reader.h"
#include "grid.h"
#include "page_image.h"

namespace sopocr {

// The name after the heading's words, read from the strip just above `grid`; nullopt when the
// strip holds no such heading.
std::optional<CellText> read_title_line(const TableGrid& grid, const PageImage& page,
                                        CellReader& reader);

}  // namespace sopocr
