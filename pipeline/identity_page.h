// Reads an identity page (PermenPAN-RB 35/2012): the key/value table (Nomor SOP, dates,
// Disahkan Oleh, Nama SOP), the two-column grid of lists and the institution's name.
#pragma once

#include <optional>

#include "cell_reader.h"
#include "page_content.h"
#include "page_geometry.h"

namespace sopocr {

// What the page's tables say by their labels, or nullopt when fewer than two identity labels
// are found: then the page is no identity page.
std::optional<IdentityContent> read_identity(const PreparedPage& prepared, CellReader& reader);

}  // namespace sopocr
