#include "page_content.h"

namespace sopocr {
namespace {

nlohmann::json box_json(const cv::Rect& box) {
  return {{"x", box.x}, {"y", box.y}, {"w", box.width}, {"h", box.height}};
}

const char* kind_name(PageKind kind) {
  switch (kind) {
    case PageKind::identity:
      return "identity";
    case PageKind::step_table:
      return "step_table";
    case PageKind::other:
      break;
  }
  return "other";
}

}  // namespace

nlohmann::json to_debug_json(const CellText& cell) {
  nlohmann::json words = nlohmann::json::array();
  for (const OcrWord& word : cell.words) {
    words.push_back({{"text", word.text},
                     {"confidence", word.confidence},
                     {"line", word.line},
                     {"bbox", box_json(word.bbox_px)}});
  }
  return {{"text", cell.text},
          {"original", cell.original},
          {"confidence", cell.confidence},
          {"has_ink", cell.has_ink},
          {"letters_unread", cell.letters_unread},
          {"bbox", box_json(cell.bbox_px)},
          {"words", std::move(words)}};
}

nlohmann::json to_debug_json(const PageContent& page) {
  nlohmann::json out{
      {"page", page.page_number},          {"dpi", page.dpi},
      {"kind", kind_name(page.kind)},      {"rotation_degrees", page.rotation_degrees},
      {"skew_degrees", page.skew_degrees}, {"text_from_layer", page.text_from_layer},
      {"problems", page.problems}};
  if (page.perspective != cv::Matx33d::eye()) {
    out["perspective"] = std::vector<double>(page.perspective.val, page.perspective.val + 9);
  }
  if (page.identity) {
    nlohmann::json identity{{"fields", nlohmann::json::object()},
                            {"lists", nlohmann::json::object()}};
    for (const auto& [key, cell] : page.identity->fields)
      identity["fields"][key] = to_debug_json(cell);
    for (const auto& [key, cell] : page.identity->lists)
      identity["lists"][key] = to_debug_json(cell);
    if (page.identity->institution) {
      identity["institution"] = to_debug_json(*page.identity->institution);
    }
    out["identity"] = std::move(identity);
  }
  if (page.steps) {
    nlohmann::json steps{{"lane_names", nlohmann::json::array()},
                         {"rows", nlohmann::json::array()}};
    for (const CellText& name : page.steps->lane_names)
      steps["lane_names"].push_back(to_debug_json(name));
    if (page.steps->title_line) steps["title_line"] = to_debug_json(*page.steps->title_line);
    for (const StepRowContent& row : page.steps->rows) {
      nlohmann::json symbols = nlohmann::json::array();
      for (const PlacedSymbol& placed : row.symbols) {
        symbols.push_back({{"kind", to_string(placed.symbol.kind)},
                           {"lane", placed.lane},
                           {"lane_uncertain", placed.lane_uncertain},
                           {"flow_enters", placed.flow_enters},
                           {"confidence", placed.symbol.confidence},
                           {"bbox", box_json(placed.symbol.bbox_px)}});
      }
      nlohmann::json arrows = nlohmann::json::array();
      for (const StepArrow& arrow : row.arrows_out) {
        nlohmann::json entry = nlohmann::json::object();
        if (arrow.row_offset) entry["row_offset"] = *arrow.row_offset;
        if (arrow.connector_mark) entry["to_connector"] = !arrow.connector_mark->empty();
        if (arrow.label) entry["label"] = to_debug_json(*arrow.label);
        if (arrow.headless) entry["headless"] = true;
        if (arrow.joined_across_gap) entry["joined_across_gap"] = true;
        arrows.push_back(std::move(entry));
      }
      steps["rows"].push_back({{"number", to_debug_json(row.number)},
                               {"activity", to_debug_json(row.activity)},
                               {"requirements", to_debug_json(row.requirements)},
                               {"duration", to_debug_json(row.duration)},
                               {"outputs", to_debug_json(row.outputs)},
                               {"notes", to_debug_json(row.notes)},
                               {"symbols", std::move(symbols)},
                               {"arrows_out", std::move(arrows)},
                               {"arrives_from_connectors", row.arrives_from_connectors.size()},
                               {"loose_arrow_starts", row.loose_arrow_starts},
                               {"arrivals_from_nowhere", row.arrivals_from_nowhere}});
    }
    out["steps"] = std::move(steps);
  }
  return out;
}

}  // namespace sopocr
