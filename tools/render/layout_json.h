// The debugging companion of a rendered fixture: <doc-id>.layout.json with every page's size and
// orientation and, for each step row, its page, bbox, symbol bbox and kind, and lane bboxes,
// plus arrows and off-page connectors. PDF points, origin top-left, bbox = [x, y, width, height].
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "fixture_manifest.h"
#include "page_layout.h"

namespace sopocr::fixtures {

nlohmann::json layout_to_json(const DocumentSpec& document, const std::vector<TruthSop>& sops,
                              const DocumentLayout& layout);

}  // namespace sopocr::fixtures
