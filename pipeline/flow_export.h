// A record's flow as diagrams other tools open: BPMN 2.0 XML (lanes are the actors, with BPMN DI
// layout so bpmn.io and Camunda Modeler show it as swimlanes) and a Mermaid flowchart with one
// subgraph per lane. Both are built from `actors`, `steps[].actor`, `symbol` and `next` alone.
#pragma once

#include <string>

#include "sop_record.h"

namespace sopocr {

// BPMN 2.0 `definitions` document, valid against the OMG XSD (schemas/bpmn/BPMN20.xsd): one
// pool holding a lane per actor; a terminator without incoming arrows is a startEvent, one
// without outgoing arrows an endEvent, a decision an exclusiveGateway, any other step a task;
// each `next` edge a sequenceFlow named by its label. Steps without an actor sit in the pool
// outside every lane; edges to a step that does not exist are left out.
std::string to_bpmn_xml(const SopRecord& record);

// Mermaid `flowchart LR`: a subgraph per actor, shapes by symbol (stadium, rectangle, rhombus,
// circle), labelled edges.
std::string to_mermaid(const SopRecord& record);

}  // namespace sopocr
