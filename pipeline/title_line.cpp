#include "title_line.h"

#include <algorithm>
#include <regex>

#include "text.h"

namespace sopocr {

std::optional<CellText> read_title_line(const TableGrid& grid, const PageImage& page,
                                        CellReader& reader) {
  const int strip_height = std::min(grid.bbox_px.y, static_cast<int>(page.dpi * 1.2));
  if (strip_height < page.dpi / 6) return std::nullopt;
  CellText strip = reader.read(
      cv::Rect(grid.bbox_px.x, grid.bbox_px.y - strip_height, grid.bbox_px.width, strip_height));
  static const std::regex title(
      ".*?S\\s*T\\s*A\\s*N\\s*D\\s*A\\s*R\\s+OPERASIONAL\\s+PROSEDUR\\s*(?:\\(\\s*SOP\\s*\\))?\\s*("
      ".+)",
      std::regex::icase);
  std::smatch match;
  if (!std::regex_match(strip.text, match, title)) return std::nullopt;
  strip.text = normalize_text(match[1].str());
  if (strip.text.empty()) return std::nullopt;
  return strip;
}

}  // namespace sopocr
