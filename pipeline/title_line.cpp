#include "title_line.h"

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "labels.h"
#include "text.h"

namespace sopocr {
namespace {

// Whether `line` starts with a key of the identity table ("Nomor SOP", "Tanggal Pembuatan"),
// after a speck or two read before it.
bool starts_with_a_key(const std::string& line) {
  static const std::vector<std::string> texts = identity_label_texts();
  const std::vector<std::string> words = split_words(line);
  constexpr std::size_t kLongestSpeckInBytes = 3;
  for (std::size_t first = 0; first < words.size() && first <= 2; ++first) {
    std::string rest;
    for (std::size_t i = first; i < words.size(); ++i) rest += (rest.empty() ? "" : " ") + words[i];
    if (const auto match = match_label_prefix(rest, texts)) {
      if (!identity_labels()[match->index].is_list) return true;
    }
    if (words[first].size() > kLongestSpeckInBytes) break;
  }
  return false;
}

}  // namespace

std::optional<CellText> read_title_line(const TableGrid& grid, const PageImage& page,
                                        CellReader& reader) {
  const int strip_height = std::min(grid.bbox_px.y, static_cast<int>(page.dpi * 1.2));
  if (strip_height < page.dpi / 6) return std::nullopt;
  CellText strip = reader.read(
      cv::Rect(grid.bbox_px.x, grid.bbox_px.y - strip_height, grid.bbox_px.width, strip_height));
  static const std::regex heading(
      "S\\s*T\\s*A\\s*N\\s*D\\s*A\\s*R\\s+OPERASIONAL\\s+PROSEDUR(?:\\s*\\(\\s*SOP\\s*\\))?",
      std::regex::icase);
  std::smatch match;
  if (!std::regex_search(strip.original, match, heading)) return std::nullopt;
  // The table's first key row, its top rule lost, is read with the strip ("… JASA KONSTRUKSI\n
  // Nomor Urut SOP 067.1/012"): the name ends before a line that starts with a key.
  std::string name;
  for (const std::string& line : split_lines(match.suffix().str())) {
    if (starts_with_a_key(line)) break;
    name += (name.empty() ? "" : " ") + line;
  }
  strip.text = normalize_text(name);
  if (strip.text.empty()) return std::nullopt;
  return strip;
}

}  // namespace sopocr
