#include "debug_overlay.h"

#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

namespace sopocr {
namespace {

// Rule ink found in orange (horizontal) and teal (vertical), tables in blue, cells in green, step
// symbols in red with their kind, traced arrows in magenta (symbol centre to symbol centre, a dot
// at the target; a stub down for an arrow off the page), for a person to check.
void write_overlay(const std::filesystem::path& png, const PageImage& page, const RuleMasks& rules,
                   const std::vector<TableGrid>& grids, const PageContent& content) {
  cv::Mat overlay;
  cv::cvtColor(page.gray, overlay, cv::COLOR_GRAY2BGR);
  if (!rules.horizontal.empty()) overlay.setTo(cv::Scalar(0, 140, 255), rules.horizontal);
  if (!rules.vertical.empty()) overlay.setTo(cv::Scalar(200, 160, 0), rules.vertical);
  const int thickness = std::max(2, page.dpi / 100);
  for (const TableGrid& grid : grids) {
    for (const GridCell& cell : grid.cells) {
      cv::rectangle(overlay, cell.bbox_px, {0, 160, 0}, thickness);
    }
    cv::rectangle(overlay, grid.bbox_px, {255, 0, 0}, thickness * 2);
  }
  if (content.steps) {
    for (const StepRowContent& row : content.steps->rows) {
      cv::rectangle(overlay, row.lanes_bbox_px, {0, 200, 255}, thickness);
      for (const PlacedSymbol& placed : row.symbols) {
        cv::rectangle(overlay, placed.symbol.bbox_px, {0, 0, 255}, thickness * 2);
        cv::putText(overlay,
                    std::string(to_string(placed.symbol.kind)) + " L" + std::to_string(placed.lane),
                    placed.symbol.bbox_px.tl() + cv::Point(0, -6), cv::FONT_HERSHEY_SIMPLEX,
                    page.dpi / 300.0, {0, 0, 255}, thickness);
      }
    }
    const auto& rows = content.steps->rows;
    auto centre_of = [](const StepRowContent& row) {
      const cv::Rect& box = row.symbols.front().symbol.bbox_px;
      return (box.tl() + box.br()) / 2;
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (rows[r].symbols.empty()) continue;
      for (const StepArrow& arrow : rows[r].arrows_out) {
        const cv::Point from = centre_of(rows[r]);
        if (arrow.connector_mark) {
          cv::line(overlay, from, from + cv::Point(0, page.dpi / 3), {255, 0, 255}, thickness);
          continue;
        }
        const long target = static_cast<long>(r) + arrow.row_offset.value_or(0);
        if (target < 0 || target >= static_cast<long>(rows.size()) || rows[target].symbols.empty())
          continue;
        const cv::Point to = centre_of(rows[target]);
        cv::line(overlay, from, to, {255, 0, 255}, thickness);
        cv::circle(overlay, to, thickness * 4, {255, 0, 255}, cv::FILLED);
      }
    }
  }
  // Small enough to open at once in any viewer; detail enough to see a misplaced rule.
  const double scale = std::min(1.0, 1800.0 / std::max(overlay.cols, overlay.rows));
  cv::resize(overlay, overlay, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::imwrite(png.string(), overlay);
}

}  // namespace

void write_debug_files(const std::filesystem::path& stem, const PreparedPage& prepared,
                       const PageContent& content, const CellReader* reader) {
  if (stem.empty()) return;
  const PageImage& page = prepared.page;
  const std::vector<TableGrid>& grids = prepared.grids;
  std::filesystem::create_directories(stem.parent_path());
  write_overlay(stem.string() + ".png", page, prepared.rules, grids, content);
  nlohmann::json dump = to_debug_json(content);
  dump["grids"] = nlohmann::json::array();
  for (const TableGrid& grid : grids) {
    dump["grids"].push_back(
        {{"bbox", {grid.bbox_px.x, grid.bbox_px.y, grid.bbox_px.width, grid.bbox_px.height}},
         {"row_rules_y", grid.row_rules_y_px},
         {"col_rules_x", grid.col_rules_x_px},
         {"cells", grid.cells.size()}});
  }
  dump["readings"] = nlohmann::json::array();
  if (reader) {
    for (const CellText& cell : reader->readings()) dump["readings"].push_back(to_debug_json(cell));
  }
  std::ofstream json(stem.string() + ".json");
  json << dump.dump(2) << '\n';
}

}  // namespace sopocr
