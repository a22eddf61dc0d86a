// The SOP record: the typed form of schemas/sop-record.schema.json (shared/spec/sop-record.md).
// Plain value types plus a lossless JSON round trip; validation lives in record_validator.h.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sopocr {

inline constexpr std::string_view kSchemaVersion = "1.0";

// PermenPAN-RB 35/2012 flowchart symbols.
enum class SymbolKind { terminator, process, decision, connector, off_page_connector };

std::string_view to_string(SymbolKind kind);
std::optional<SymbolKind> symbol_kind_from_string(std::string_view text);

enum class DurationUnit {
  minute,
  hour,
  day,
  working_day,
  week,
  month,
  year,
  as_needed,
  per_contract,
  not_applicable,
  other,
};

std::string_view to_string(DurationUnit unit);
std::optional<DurationUnit> duration_unit_from_string(std::string_view text);
// Units that carry an amount (minute … year); the others name no amount.
bool unit_has_amount(DurationUnit unit);

struct Approver {
  std::optional<std::string> position;
  std::optional<std::string> name;
  std::optional<std::string> rank;
  std::optional<std::string> nip;
  bool operator==(const Approver&) const = default;
};

struct Header {
  std::optional<std::string> institution;
  std::optional<std::string> sop_number;
  std::optional<std::string> title;
  std::optional<std::string> created;  // ISO YYYY-MM-DD
  std::optional<std::string> revised;
  std::optional<std::string> effective;
  std::optional<Approver> approver;
  bool operator==(const Header&) const = default;
};

struct Duration {
  std::string text;
  std::optional<double> amount;
  std::optional<double> amount_max;
  DurationUnit unit = DurationUnit::other;
  std::optional<std::string> iso8601;
  std::optional<double> minutes;
  bool operator==(const Duration&) const = default;
};

struct Edge {
  std::optional<int> to;        // the target step's printed number
  std::optional<int> to_index;  // 0-based step index, when the target has no number
  std::optional<std::string> label;
  bool operator==(const Edge&) const = default;
};

struct Step {
  std::optional<int> no;
  std::optional<std::string> activity;
  std::optional<std::string> actor;
  std::vector<std::string> other_actors;
  std::optional<SymbolKind> symbol;
  std::vector<std::string> requirements;
  std::optional<Duration> duration;
  std::vector<std::string> outputs;
  std::optional<std::string> notes;
  std::vector<Edge> next;
  bool operator==(const Step&) const = default;
};

struct PixelBox {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
  bool operator==(const PixelBox&) const = default;
};

struct ReviewEntry {
  std::string path;  // RFC 6901 JSON Pointer into the record
  std::string reason;
  std::optional<double> confidence;
  std::optional<std::string> raw;
  std::optional<int> page;
  std::optional<PixelBox> bbox;  // pixels at the rasterisation DPI
  std::vector<std::string> candidates;
  bool operator==(const ReviewEntry&) const = default;
};

// What was done to one page's raster before pixel coordinates on it were measured.
struct PageGeometry {
  int page = 1;
  int dpi = 300;
  int rotation_degrees = 0;   // clockwise quarter turns applied first
  double skew_degrees = 0.0;  // then this counter-clockwise levelling about the centre
  // Then, on a photographed page, this homography (row-major) straightening its keystone:
  // levelled pixel (x, y, 1) to measured pixel. Absent where none was applied.
  std::optional<std::array<double, 9>> perspective;
  bool operator==(const PageGeometry&) const = default;
};

struct Source {
  std::string file;
  std::optional<std::string> sha256;
  std::vector<int> pages;
  std::vector<PageGeometry> page_geometry;  // empty in hand-authored truth
  bool operator==(const Source&) const = default;
};

struct SopRecord {
  std::string schema_version{kSchemaVersion};
  Source source;
  Header header;
  std::vector<std::string> legal_basis;
  std::vector<std::string> qualifications;
  std::vector<std::string> related_sops;
  std::vector<std::string> equipment;
  std::vector<std::string> warnings;
  std::vector<std::string> recording;
  std::vector<std::string> actors;
  std::vector<Step> steps;
  std::vector<ReviewEntry> review;
  bool operator==(const SopRecord&) const = default;
};

// Thrown by record_from_json when the JSON does not have the record's shape. `pointer` says where.
class RecordFormatError : public std::runtime_error {
 public:
  RecordFormatError(std::string pointer, const std::string& message);
  const std::string& pointer() const { return pointer_; }

 private:
  std::string pointer_;
};

nlohmann::json to_json(const SopRecord& record);
nlohmann::json to_json(const Duration& duration);
nlohmann::json to_json(const ReviewEntry& entry);

// The step an arrow points to: by `to` (the first step printed with that number), or by
// `to_index` when `to` is null; nullopt when the record has no such step.
std::optional<std::size_t> edge_target(const SopRecord& record, const Edge& edge);

// Reads a record; throws RecordFormatError naming the JSON Pointer of the first bad field.
// Does not check the schema's value rules (patterns, enums of text): use RecordValidator.
SopRecord record_from_json(const nlohmann::json& json);

}  // namespace sopocr
