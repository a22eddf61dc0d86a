#include "sop_record.h"

#include <array>
#include <cmath>
#include <utility>

namespace sopocr {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<SymbolKind, std::string_view>, 5> kSymbolNames{{
    {SymbolKind::terminator, "terminator"},
    {SymbolKind::process, "process"},
    {SymbolKind::decision, "decision"},
    {SymbolKind::connector, "connector"},
    {SymbolKind::off_page_connector, "off_page_connector"},
}};

constexpr std::array<std::pair<DurationUnit, std::string_view>, 11> kUnitNames{{
    {DurationUnit::minute, "minute"},
    {DurationUnit::hour, "hour"},
    {DurationUnit::day, "day"},
    {DurationUnit::working_day, "working_day"},
    {DurationUnit::week, "week"},
    {DurationUnit::month, "month"},
    {DurationUnit::year, "year"},
    {DurationUnit::as_needed, "as_needed"},
    {DurationUnit::per_contract, "per_contract"},
    {DurationUnit::not_applicable, "not_applicable"},
    {DurationUnit::other, "other"},
}};

// Whole numbers are written as JSON integers so "30 menit" stays 30, not 30.0.
json number_json(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 9.0e15) {
    return static_cast<long long>(value);
  }
  return value;
}

template <typename T, typename ToJson>
json optional_json(const std::optional<T>& value, ToJson to) {
  return value ? to(*value) : json(nullptr);
}

json optional_text(const std::optional<std::string>& value) {
  return optional_json(value, [](const std::string& text) { return json(text); });
}

json optional_number(const std::optional<double>& value) {
  return optional_json(value, number_json);
}

json optional_int(const std::optional<int>& value) {
  return optional_json(value, [](int number) { return json(number); });
}

// Reading: each helper takes the JSON Pointer of the value it reads so errors say where.
std::string child(const std::string& pointer, std::string_view key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return pointer + "/" + escaped;
}

std::string child(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

const json& require_member(const json& object, const std::string& pointer, std::string_view key) {
  if (!object.is_object()) throw RecordFormatError(pointer, "expected an object");
  auto found = object.find(std::string(key));
  if (found == object.end()) {
    throw RecordFormatError(child(pointer, key), "required field is missing");
  }
  return *found;
}

std::string read_text(const json& value, const std::string& pointer) {
  if (!value.is_string()) throw RecordFormatError(pointer, "expected a string");
  return value.get<std::string>();
}

std::optional<std::string> read_optional_text(const json& value, const std::string& pointer) {
  if (value.is_null()) return std::nullopt;
  return read_text(value, pointer);
}

std::optional<double> read_optional_number(const json& value, const std::string& pointer) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_number()) throw RecordFormatError(pointer, "expected a number or null");
  return value.get<double>();
}

int read_int(const json& value, const std::string& pointer) {
  if (!value.is_number_integer()) throw RecordFormatError(pointer, "expected an integer");
  return value.get<int>();
}

std::optional<int> read_optional_int(const json& value, const std::string& pointer) {
  if (value.is_null()) return std::nullopt;
  return read_int(value, pointer);
}

template <typename ReadItem>
auto read_array(const json& value, const std::string& pointer, ReadItem read_item) {
  if (!value.is_array()) throw RecordFormatError(pointer, "expected an array");
  std::vector<decltype(read_item(value, pointer))> items;
  items.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    items.push_back(read_item(value[i], child(pointer, i)));
  }
  return items;
}

std::vector<std::string> read_text_list(const json& value, const std::string& pointer) {
  return read_array(value, pointer, read_text);
}

// Optional members (other_actors, amount_max, to_index, label, candidates) may be absent.
const json* find_member(const json& object, std::string_view key) {
  auto found = object.find(std::string(key));
  return found == object.end() ? nullptr : &*found;
}

Approver read_approver(const json& value, const std::string& pointer) {
  Approver approver;
  approver.position =
      read_optional_text(require_member(value, pointer, "position"), child(pointer, "position"));
  approver.name =
      read_optional_text(require_member(value, pointer, "name"), child(pointer, "name"));
  approver.rank =
      read_optional_text(require_member(value, pointer, "rank"), child(pointer, "rank"));
  approver.nip = read_optional_text(require_member(value, pointer, "nip"), child(pointer, "nip"));
  return approver;
}

Header read_header(const json& value, const std::string& pointer) {
  auto text_field = [&](std::string_view key) {
    return read_optional_text(require_member(value, pointer, key), child(pointer, key));
  };
  Header header;
  header.institution = text_field("institution");
  header.sop_number = text_field("sop_number");
  header.title = text_field("title");
  header.created = text_field("created");
  header.revised = text_field("revised");
  header.effective = text_field("effective");
  const json& approver = require_member(value, pointer, "approver");
  if (!approver.is_null()) header.approver = read_approver(approver, child(pointer, "approver"));
  return header;
}

Duration read_duration(const json& value, const std::string& pointer) {
  Duration duration;
  duration.text = read_text(require_member(value, pointer, "text"), child(pointer, "text"));
  duration.amount =
      read_optional_number(require_member(value, pointer, "amount"), child(pointer, "amount"));
  if (const json* amount_max = find_member(value, "amount_max")) {
    duration.amount_max = read_optional_number(*amount_max, child(pointer, "amount_max"));
  }
  const std::string unit_pointer = child(pointer, "unit");
  const std::string unit_text = read_text(require_member(value, pointer, "unit"), unit_pointer);
  auto unit = duration_unit_from_string(unit_text);
  if (!unit) throw RecordFormatError(unit_pointer, "unknown duration unit '" + unit_text + "'");
  duration.unit = *unit;
  duration.iso8601 =
      read_optional_text(require_member(value, pointer, "iso8601"), child(pointer, "iso8601"));
  duration.minutes =
      read_optional_number(require_member(value, pointer, "minutes"), child(pointer, "minutes"));
  return duration;
}

Edge read_edge(const json& value, const std::string& pointer) {
  Edge edge;
  edge.to = read_optional_int(require_member(value, pointer, "to"), child(pointer, "to"));
  if (const json* to_index = find_member(value, "to_index")) {
    edge.to_index = read_int(*to_index, child(pointer, "to_index"));
  }
  if (const json* label = find_member(value, "label")) {
    edge.label = read_text(*label, child(pointer, "label"));
  }
  return edge;
}

Step read_step(const json& value, const std::string& pointer) {
  auto member = [&](std::string_view key) -> const json& {
    return require_member(value, pointer, key);
  };
  Step step;
  step.no = read_optional_int(member("no"), child(pointer, "no"));
  step.activity = read_optional_text(member("activity"), child(pointer, "activity"));
  step.actor = read_optional_text(member("actor"), child(pointer, "actor"));
  if (const json* others = find_member(value, "other_actors")) {
    step.other_actors = read_text_list(*others, child(pointer, "other_actors"));
  }
  if (const json& symbol = member("symbol"); !symbol.is_null()) {
    const std::string symbol_pointer = child(pointer, "symbol");
    const std::string symbol_text = read_text(symbol, symbol_pointer);
    step.symbol = symbol_kind_from_string(symbol_text);
    if (!step.symbol) {
      throw RecordFormatError(symbol_pointer, "unknown symbol kind '" + symbol_text + "'");
    }
  }
  step.requirements = read_text_list(member("requirements"), child(pointer, "requirements"));
  if (const json& duration = member("duration"); !duration.is_null()) {
    step.duration = read_duration(duration, child(pointer, "duration"));
  }
  step.outputs = read_text_list(member("outputs"), child(pointer, "outputs"));
  step.notes = read_optional_text(member("notes"), child(pointer, "notes"));
  step.next = read_array(member("next"), child(pointer, "next"), read_edge);
  return step;
}

PixelBox read_bbox(const json& value, const std::string& pointer) {
  if (!value.is_array() || value.size() != 4) {
    throw RecordFormatError(pointer, "expected [x, y, width, height]");
  }
  return PixelBox{read_int(value[0], child(pointer, 0)), read_int(value[1], child(pointer, 1)),
                  read_int(value[2], child(pointer, 2)), read_int(value[3], child(pointer, 3))};
}

ReviewEntry read_review_entry(const json& value, const std::string& pointer) {
  auto member = [&](std::string_view key) -> const json& {
    return require_member(value, pointer, key);
  };
  ReviewEntry entry;
  entry.path = read_text(member("path"), child(pointer, "path"));
  entry.reason = read_text(member("reason"), child(pointer, "reason"));
  entry.confidence = read_optional_number(member("confidence"), child(pointer, "confidence"));
  entry.raw = read_optional_text(member("raw"), child(pointer, "raw"));
  entry.page = read_optional_int(member("page"), child(pointer, "page"));
  if (const json& bbox = member("bbox"); !bbox.is_null()) {
    entry.bbox = read_bbox(bbox, child(pointer, "bbox"));
  }
  if (const json* candidates = find_member(value, "candidates")) {
    entry.candidates = read_text_list(*candidates, child(pointer, "candidates"));
  }
  return entry;
}

PageGeometry read_page_geometry(const json& value, const std::string& pointer) {
  if (!value.is_object()) throw RecordFormatError(pointer, "expected an object");
  PageGeometry geometry;
  geometry.page = read_int(require_member(value, pointer, "page"), child(pointer, "page"));
  geometry.dpi = read_int(require_member(value, pointer, "dpi"), child(pointer, "dpi"));
  geometry.rotation_degrees = read_int(require_member(value, pointer, "rotation_degrees"),
                                       child(pointer, "rotation_degrees"));
  const std::string skew_pointer = child(pointer, "skew_degrees");
  const auto skew =
      read_optional_number(require_member(value, pointer, "skew_degrees"), skew_pointer);
  if (!skew) throw RecordFormatError(skew_pointer, "expected a number");
  geometry.skew_degrees = *skew;
  if (const json* perspective = find_member(value, "perspective")) {
    const std::string perspective_pointer = child(pointer, "perspective");
    const std::vector<double> entries =
        read_array(*perspective, perspective_pointer, [](const json& entry, const std::string& at) {
          const auto number = read_optional_number(entry, at);
          if (!number) throw RecordFormatError(at, "expected a number");
          return *number;
        });
    if (entries.size() != 9) {
      throw RecordFormatError(perspective_pointer, "expected the 9 entries of a 3x3 matrix");
    }
    geometry.perspective.emplace();
    std::copy(entries.begin(), entries.end(), geometry.perspective->begin());
  }
  return geometry;
}

Source read_source(const json& value, const std::string& pointer) {
  Source source;
  source.file = read_text(require_member(value, pointer, "file"), child(pointer, "file"));
  source.sha256 =
      read_optional_text(require_member(value, pointer, "sha256"), child(pointer, "sha256"));
  source.pages =
      read_array(require_member(value, pointer, "pages"), child(pointer, "pages"), read_int);
  if (const json* geometry = find_member(value, "page_geometry")) {
    source.page_geometry =
        read_array(*geometry, child(pointer, "page_geometry"), read_page_geometry);
  }
  return source;
}

}  // namespace

RecordFormatError::RecordFormatError(std::string pointer, const std::string& message)
    : std::runtime_error((pointer.empty() ? std::string("/") : pointer) + ": " + message),
      pointer_(std::move(pointer)) {}

std::string_view to_string(SymbolKind kind) {
  for (const auto& [value, name] : kSymbolNames) {
    if (value == kind) return name;
  }
  return "process";
}

std::optional<SymbolKind> symbol_kind_from_string(std::string_view text) {
  for (const auto& [value, name] : kSymbolNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

std::string_view to_string(DurationUnit unit) {
  for (const auto& [value, name] : kUnitNames) {
    if (value == unit) return name;
  }
  return "other";
}

std::optional<DurationUnit> duration_unit_from_string(std::string_view text) {
  for (const auto& [value, name] : kUnitNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

bool unit_has_amount(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::as_needed:
    case DurationUnit::per_contract:
    case DurationUnit::not_applicable:
    case DurationUnit::other:
      return false;
    default:
      return true;
  }
}

json to_json(const Duration& duration) {
  json out = {
      {"text", duration.text},
      {"amount", optional_number(duration.amount)},
  };
  if (duration.amount_max) out["amount_max"] = number_json(*duration.amount_max);
  out["unit"] = std::string(to_string(duration.unit));
  out["iso8601"] = optional_text(duration.iso8601);
  out["minutes"] = optional_number(duration.minutes);
  return out;
}

json to_json(const ReviewEntry& entry) {
  json out = {
      {"path", entry.path},
      {"reason", entry.reason},
      {"confidence", optional_number(entry.confidence)},
      {"raw", optional_text(entry.raw)},
      {"page", optional_int(entry.page)},
      {"bbox", entry.bbox ? json::array({entry.bbox->x, entry.bbox->y, entry.bbox->width,
                                         entry.bbox->height})
                          : json(nullptr)},
  };
  if (!entry.candidates.empty()) out["candidates"] = entry.candidates;
  return out;
}

namespace {

json to_json(const Step& step) {
  json next = json::array();
  for (const Edge& edge : step.next) {
    json out = {{"to", optional_int(edge.to)}};
    if (edge.to_index) out["to_index"] = *edge.to_index;
    if (edge.label) out["label"] = *edge.label;
    next.push_back(std::move(out));
  }
  json out = {
      {"no", optional_int(step.no)},
      {"activity", optional_text(step.activity)},
      {"actor", optional_text(step.actor)},
  };
  if (!step.other_actors.empty()) out["other_actors"] = step.other_actors;
  out["symbol"] = step.symbol ? json(std::string(sopocr::to_string(*step.symbol))) : json(nullptr);
  out["requirements"] = step.requirements;
  out["duration"] = step.duration ? sopocr::to_json(*step.duration) : json(nullptr);
  out["outputs"] = step.outputs;
  out["notes"] = optional_text(step.notes);
  out["next"] = std::move(next);
  return out;
}

json to_json(const Header& header) {
  json approver = nullptr;
  if (header.approver) {
    approver = {
        {"position", optional_text(header.approver->position)},
        {"name", optional_text(header.approver->name)},
        {"rank", optional_text(header.approver->rank)},
        {"nip", optional_text(header.approver->nip)},
    };
  }
  return {
      {"institution", optional_text(header.institution)},
      {"sop_number", optional_text(header.sop_number)},
      {"title", optional_text(header.title)},
      {"created", optional_text(header.created)},
      {"revised", optional_text(header.revised)},
      {"effective", optional_text(header.effective)},
      {"approver", std::move(approver)},
  };
}

json to_json(const Source& source) {
  json out{
      {"file", source.file}, {"sha256", optional_text(source.sha256)}, {"pages", source.pages}};
  if (!source.page_geometry.empty()) {
    json pages = json::array();
    for (const PageGeometry& page : source.page_geometry) {
      json geometry{{"page", page.page},
                    {"dpi", page.dpi},
                    {"rotation_degrees", page.rotation_degrees},
                    {"skew_degrees", page.skew_degrees}};
      if (page.perspective) geometry["perspective"] = *page.perspective;
      pages.push_back(std::move(geometry));
    }
    out["page_geometry"] = std::move(pages);
  }
  return out;
}

}  // namespace

json to_json(const SopRecord& record) {
  json steps = json::array();
  for (const Step& step : record.steps) steps.push_back(to_json(step));
  json review = json::array();
  for (const ReviewEntry& entry : record.review) review.push_back(to_json(entry));
  // nlohmann::ordered_json would keep field order, but plain json sorts keys: a stable order
  // downstream diff tools handle well, and what the golden files use.
  return {
      {"schema_version", record.schema_version},
      {"source", to_json(record.source)},
      {"header", to_json(record.header)},
      {"legal_basis", record.legal_basis},
      {"qualifications", record.qualifications},
      {"related_sops", record.related_sops},
      {"equipment", record.equipment},
      {"warnings", record.warnings},
      {"recording", record.recording},
      {"actors", record.actors},
      {"steps", std::move(steps)},
      {"review", std::move(review)},
  };
}

SopRecord record_from_json(const json& value) {
  const std::string root;
  auto member = [&](std::string_view key) -> const json& {
    return require_member(value, root, key);
  };
  SopRecord record;
  record.schema_version = read_text(member("schema_version"), "/schema_version");
  record.source = read_source(member("source"), "/source");
  record.header = read_header(member("header"), "/header");
  record.legal_basis = read_text_list(member("legal_basis"), "/legal_basis");
  record.qualifications = read_text_list(member("qualifications"), "/qualifications");
  record.related_sops = read_text_list(member("related_sops"), "/related_sops");
  record.equipment = read_text_list(member("equipment"), "/equipment");
  record.warnings = read_text_list(member("warnings"), "/warnings");
  record.recording = read_text_list(member("recording"), "/recording");
  record.actors = read_text_list(member("actors"), "/actors");
  record.steps = read_array(member("steps"), "/steps", read_step);
  record.review = read_array(member("review"), "/review", read_review_entry);
  return record;
}

std::optional<std::size_t> edge_target(const SopRecord& record, const Edge& edge) {
  if (edge.to) {
    for (std::size_t i = 0; i < record.steps.size(); ++i) {
      if (record.steps[i].no == edge.to) return i;
    }
    return std::nullopt;
  }
  if (edge.to_index && *edge.to_index >= 0 &&
      static_cast<std::size_t>(*edge.to_index) < record.steps.size()) {
    return static_cast<std::size_t>(*edge.to_index);
  }
  return std::nullopt;
}

}  // namespace sopocr
