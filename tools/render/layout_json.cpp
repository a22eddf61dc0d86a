#include "layout_json.h"

#include <cmath>

namespace sopocr::fixtures {
namespace {

using nlohmann::json;

double rounded(double value) { return std::round(value * 100) / 100; }

json bbox(const Box& box) {
  return json::array({rounded(box.x), rounded(box.y), rounded(box.width), rounded(box.height)});
}

json symbol_json(const PlacedSymbol& symbol, const SopRecord& record) {
  return {{"kind", std::string(to_string(symbol.kind))},
          {"actor",
           symbol.actor < record.actors.size() ? json(record.actors[symbol.actor]) : json(nullptr)},
          {"bbox", bbox(symbol.box)}};
}

struct PageKindName {
  std::string operator()(const IdentityPage&) const { return "identity"; }
  std::string operator()(const PreamblePage&) const { return "preamble"; }
  std::string operator()(const StepTablePage&) const { return "step_table"; }
};

}  // namespace

json layout_to_json(const DocumentSpec& document, const std::vector<TruthSop>& sops,
                    const DocumentLayout& layout) {
  json pages = json::array();
  json rows = json::array();
  json arrows = json::array();
  json connectors = json::array();
  for (const PageLayout& page : layout.pages) {
    json page_json = {
        {"page", page.number},
        {"width", rounded(page.width_pt)},
        {"height", rounded(page.height_pt)},
        {"orientation", page.orientation == Orientation::portrait ? "portrait" : "landscape"},
        {"kind", std::visit(PageKindName{}, page.content)},
        {"sop", nullptr}};
    if (const auto* identity = std::get_if<IdentityPage>(&page.content)) {
      page_json["sop"] = sops[identity->sop].truth_id;
    }
    const auto* table = std::get_if<StepTablePage>(&page.content);
    if (table) {
      const TruthSop& sop = sops[table->sop];
      page_json["sop"] = sop.truth_id;
      page_json["font_pt"] = table->font_pt;
      page_json["table_bbox"] = bbox({table->columns.edges.front(), table->table_top,
                                      table->columns.edges.back() - table->columns.edges.front(),
                                      table->table_bottom - table->table_top});
      page_json["header_bottom"] = rounded(table->number_row_bottom);
      page_json["column_edges"] = json::array();
      for (double edge : table->columns.edges) page_json["column_edges"].push_back(rounded(edge));

      for (const StepRow& row : table->rows) {
        const Step& step = sop.record.steps[row.step_index];
        json lanes = json::array();
        for (std::size_t actor = 0; actor < table->columns.lane_count; ++actor) {
          const std::size_t column = table->columns.lane(actor);
          lanes.push_back(
              {{"actor",
                actor < sop.record.actors.size() ? json(sop.record.actors[actor]) : json(nullptr)},
               {"bbox", bbox({table->columns.left(column), row.box.y, table->columns.width(column),
                              row.box.height})}});
        }
        json others = json::array();
        for (const PlacedSymbol& other : row.other_symbols) {
          others.push_back(symbol_json(other, sop.record));
        }
        rows.push_back(
            {{"sop", sop.truth_id},
             {"step_index", row.step_index},
             {"no", step.no ? json(*step.no) : json(nullptr)},
             {"page", page.number},
             {"bbox", bbox(row.box)},
             {"symbol", row.symbol ? symbol_json(*row.symbol, sop.record) : json(nullptr)},
             {"other_symbols", others},
             {"lanes", lanes}});
      }
      for (const ArrowRoute& arrow : table->arrows) {
        json points = json::array();
        for (const Point& point : arrow.points) {
          points.push_back(json::array({rounded(point.x), rounded(point.y)}));
        }
        json arrow_json = {
            {"sop", sop.truth_id},      {"page", page.number}, {"from_step", arrow.from_step},
            {"to_step", arrow.to_step}, {"points", points},    {"label", nullptr}};
        if (arrow.label) {
          arrow_json["label"] = *arrow.label;
          arrow_json["label_bbox"] = bbox(arrow.label_box);
        }
        arrows.push_back(std::move(arrow_json));
      }
      for (const OffPageConnector& connector : table->connectors) {
        connectors.push_back({{"sop", sop.truth_id},
                              {"page", page.number},
                              {"mark", connector.mark},
                              {"outgoing", connector.outgoing},
                              {"from_step", connector.from_step},
                              {"to_step", connector.to_step},
                              {"bbox", bbox(connector.box)}});
      }
    }
    pages.push_back(std::move(page_json));
  }
  return {{"document", document.id},
          {"file", document.file},
          {"kind", std::string(to_string(document.kind))},
          {"units", "pt, origin top-left, bbox = [x, y, width, height]"},
          {"style",
           {{"font", layout.style.font_family},
            {"paper", layout.style.paper_name},
            {"table_font_pt", layout.style.table_font_pt}}},
          {"pages", pages},
          {"rows", rows},
          {"arrows", arrows},
          {"connectors", connectors}};
}

}  // namespace sopocr::fixtures
