#include "flow_export.h"

#include <algorithm>
#include <optional>
#include <sstream>
#include <vector>

namespace sopocr {
namespace {

struct FlowEdge {
  std::size_t from = 0;
  std::size_t to = 0;
  std::optional<std::string> label;
};

std::vector<FlowEdge> edges_of(const SopRecord& record) {
  std::vector<FlowEdge> edges;
  for (std::size_t from = 0; from < record.steps.size(); ++from) {
    for (const Edge& edge : record.steps[from].next) {
      if (auto to = edge_target(record, edge)) edges.push_back({from, *to, edge.label});
    }
  }
  return edges;
}

std::optional<std::size_t> lane_of(const SopRecord& record, const Step& step) {
  if (!step.actor) return std::nullopt;
  const auto found = std::find(record.actors.begin(), record.actors.end(), *step.actor);
  if (found == record.actors.end()) return std::nullopt;
  return static_cast<std::size_t>(found - record.actors.begin());
}

std::string step_name(const Step& step, std::size_t index) {
  if (step.activity) return *step.activity;
  return "Langkah " + (step.no ? std::to_string(*step.no) : std::to_string(index + 1));
}

// ---------------------------------------------------------------------------------------------
// BPMN

enum class NodeKind { start_event, end_event, task, gateway };

const char* element_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::start_event:
      return "startEvent";
    case NodeKind::end_event:
      return "endEvent";
    case NodeKind::gateway:
      return "exclusiveGateway";
    case NodeKind::task:
      break;
  }
  return "task";
}

// PermenPAN-RB 35/2012 draws Mulai and Selesai as terminators: which one a terminator is shows
// in its arrows.
NodeKind node_kind(const Step& step, bool has_incoming, bool has_outgoing) {
  if (step.symbol == SymbolKind::decision) return NodeKind::gateway;
  if (step.symbol == SymbolKind::terminator) {
    if (!has_incoming) return NodeKind::start_event;
    if (!has_outgoing) return NodeKind::end_event;
  }
  return NodeKind::task;
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Diagram layout: lanes are horizontal bands, steps stand left to right in record order.
constexpr int kPoolLabelWidth = 30;
constexpr int kLaneHeight = 140;
constexpr int kFirstStepX = 120;
constexpr int kStepSpacing = 170;

struct Box {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
  int centre_x() const { return x + width / 2; }
  int centre_y() const { return y + height / 2; }
  int right() const { return x + width; }
  int bottom() const { return y + height; }
};

Box node_box(NodeKind kind, std::size_t index, std::size_t band) {
  const int centre_x = kFirstStepX + static_cast<int>(index) * kStepSpacing;
  const int centre_y = static_cast<int>(band) * kLaneHeight + kLaneHeight / 2;
  const int width = kind == NodeKind::task ? 110 : kind == NodeKind::gateway ? 50 : 36;
  const int height = kind == NodeKind::task ? 80 : width;
  return {centre_x - width / 2, centre_y - height / 2, width, height};
}

// Forward arrows leave to the right and enter from the left; arrows back to an earlier step run
// below both symbols.
std::vector<std::pair<int, int>> waypoints(const Box& from, const Box& to, bool forward) {
  if (forward) {
    if (from.centre_y() == to.centre_y()) {
      return {{from.right(), from.centre_y()}, {to.x, to.centre_y()}};
    }
    const int turn_x = to.x - 20;
    return {{from.right(), from.centre_y()},
            {turn_x, from.centre_y()},
            {turn_x, to.centre_y()},
            {to.x, to.centre_y()}};
  }
  const int below = std::max(from.bottom(), to.bottom()) + 20;
  return {{from.centre_x(), from.bottom()},
          {from.centre_x(), below},
          {to.centre_x(), below},
          {to.centre_x(), to.bottom()}};
}

void write_bounds(std::ostringstream& out, const Box& box) {
  out << "<dc:Bounds x=\"" << box.x << "\" y=\"" << box.y << "\" width=\"" << box.width
      << "\" height=\"" << box.height << "\"/>";
}

// ---------------------------------------------------------------------------------------------
// Mermaid

// Mermaid takes entity codes inside quoted text.
std::string mermaid_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"') {
      out += "#quot;";
    } else if (c == '|') {
      out += "#124;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string mermaid_node(const Step& step, std::size_t index) {
  const std::string id = "step_" + std::to_string(index);
  const std::string text = "\"" + mermaid_text(step_name(step, index)) + "\"";
  switch (step.symbol.value_or(SymbolKind::process)) {
    case SymbolKind::terminator:
      return id + "([" + text + "])";
    case SymbolKind::decision:
      return id + "{" + text + "}";
    case SymbolKind::connector:
    case SymbolKind::off_page_connector:
      return id + "((" + text + "))";
    case SymbolKind::process:
      break;
  }
  return id + "[" + text + "]";
}

}  // namespace

std::string to_bpmn_xml(const SopRecord& record) {
  const std::vector<FlowEdge> edges = edges_of(record);
  const std::size_t step_count = record.steps.size();
  std::vector<bool> has_incoming(step_count, false);
  std::vector<bool> has_outgoing(step_count, false);
  for (const FlowEdge& edge : edges) {
    has_outgoing[edge.from] = true;
    has_incoming[edge.to] = true;
  }
  std::vector<NodeKind> kinds;
  std::vector<std::optional<std::size_t>> lanes;
  bool any_without_lane = false;
  for (std::size_t i = 0; i < step_count; ++i) {
    kinds.push_back(node_kind(record.steps[i], has_incoming[i], has_outgoing[i]));
    lanes.push_back(lane_of(record, record.steps[i]));
    any_without_lane = any_without_lane || !lanes.back();
  }
  // Steps without an actor get a band of their own under the lanes, inside the pool.
  const std::size_t band_count = record.actors.size() + (any_without_lane ? 1 : 0);
  std::vector<Box> boxes;
  for (std::size_t i = 0; i < step_count; ++i) {
    boxes.push_back(node_box(kinds[i], i, lanes[i].value_or(record.actors.size())));
  }
  const std::string title = xml_escaped(record.header.title.value_or("SOP"));

  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" "
         "xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" "
         "xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" id=\"Definitions_1\" "
         "targetNamespace=\"urn:sopocr\" exporter=\"sopocr\" exporterVersion=\"0.1.0\">\n";
  out << "  <bpmn:collaboration id=\"Collaboration_1\">\n"
      << "    <bpmn:participant id=\"Participant_1\" name=\"" << title
      << "\" processRef=\"Process_1\"/>\n"
      << "  </bpmn:collaboration>\n";
  out << "  <bpmn:process id=\"Process_1\" name=\"" << title << "\" isExecutable=\"false\">\n";
  if (!record.actors.empty()) {
    out << "    <bpmn:laneSet id=\"LaneSet_1\">\n";
    for (std::size_t lane = 0; lane < record.actors.size(); ++lane) {
      out << "      <bpmn:lane id=\"Lane_" << lane << "\" name=\""
          << xml_escaped(record.actors[lane]) << "\">\n";
      for (std::size_t i = 0; i < step_count; ++i) {
        if (lanes[i] == lane)
          out << "        <bpmn:flowNodeRef>Step_" << i << "</bpmn:flowNodeRef>\n";
      }
      out << "      </bpmn:lane>\n";
    }
    out << "    </bpmn:laneSet>\n";
  }
  for (std::size_t i = 0; i < step_count; ++i) {
    out << "    <bpmn:" << element_name(kinds[i]) << " id=\"Step_" << i << "\" name=\""
        << xml_escaped(step_name(record.steps[i], i)) << "\"/>\n";
  }
  for (std::size_t e = 0; e < edges.size(); ++e) {
    out << "    <bpmn:sequenceFlow id=\"Flow_" << e << "\" sourceRef=\"Step_" << edges[e].from
        << "\" targetRef=\"Step_" << edges[e].to << "\"";
    if (edges[e].label) out << " name=\"" << xml_escaped(*edges[e].label) << "\"";
    out << "/>\n";
  }
  out << "  </bpmn:process>\n";

  const int pool_width =
      kFirstStepX + static_cast<int>(std::max<std::size_t>(step_count, 1)) * kStepSpacing;
  const int pool_height = static_cast<int>(std::max<std::size_t>(band_count, 1)) * kLaneHeight;
  out << "  <bpmndi:BPMNDiagram id=\"Diagram_1\">\n"
      << "    <bpmndi:BPMNPlane id=\"Plane_1\" bpmnElement=\"Collaboration_1\">\n";
  out << "      <bpmndi:BPMNShape id=\"Participant_1_di\" bpmnElement=\"Participant_1\" "
         "isHorizontal=\"true\">";
  write_bounds(out, {0, 0, pool_width, pool_height});
  out << "</bpmndi:BPMNShape>\n";
  for (std::size_t lane = 0; lane < record.actors.size(); ++lane) {
    out << "      <bpmndi:BPMNShape id=\"Lane_" << lane << "_di\" bpmnElement=\"Lane_" << lane
        << "\" isHorizontal=\"true\">";
    write_bounds(out, {kPoolLabelWidth, static_cast<int>(lane) * kLaneHeight,
                       pool_width - kPoolLabelWidth, kLaneHeight});
    out << "</bpmndi:BPMNShape>\n";
  }
  for (std::size_t i = 0; i < step_count; ++i) {
    out << "      <bpmndi:BPMNShape id=\"Step_" << i << "_di\" bpmnElement=\"Step_" << i << "\"";
    if (kinds[i] == NodeKind::gateway) out << " isMarkerVisible=\"true\"";
    out << ">";
    write_bounds(out, boxes[i]);
    out << "</bpmndi:BPMNShape>\n";
  }
  for (std::size_t e = 0; e < edges.size(); ++e) {
    out << "      <bpmndi:BPMNEdge id=\"Flow_" << e << "_di\" bpmnElement=\"Flow_" << e << "\">";
    for (const auto& [x, y] :
         waypoints(boxes[edges[e].from], boxes[edges[e].to], edges[e].to > edges[e].from)) {
      out << "<di:waypoint x=\"" << x << "\" y=\"" << y << "\"/>";
    }
    out << "</bpmndi:BPMNEdge>\n";
  }
  out << "    </bpmndi:BPMNPlane>\n"
      << "  </bpmndi:BPMNDiagram>\n"
      << "</bpmn:definitions>\n";
  return out.str();
}

std::string to_mermaid(const SopRecord& record) {
  std::ostringstream out;
  out << "flowchart LR\n";
  std::vector<bool> placed(record.steps.size(), false);
  for (std::size_t lane = 0; lane < record.actors.size(); ++lane) {
    out << "  subgraph lane_" << lane << "[\"" << mermaid_text(record.actors[lane]) << "\"]\n";
    for (std::size_t i = 0; i < record.steps.size(); ++i) {
      if (lane_of(record, record.steps[i]) != lane) continue;
      out << "    " << mermaid_node(record.steps[i], i) << "\n";
      placed[i] = true;
    }
    out << "  end\n";
  }
  for (std::size_t i = 0; i < record.steps.size(); ++i) {
    if (!placed[i]) out << "  " << mermaid_node(record.steps[i], i) << "\n";
  }
  for (const FlowEdge& edge : edges_of(record)) {
    out << "  step_" << edge.from << " -->";
    if (edge.label) out << "|\"" << mermaid_text(*edge.label) << "\"|";
    out << " step_" << edge.to << "\n";
  }
  return out.str();
}

}  // namespace sopocr
