#include "fixture_manifest.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace sopocr::fixtures {
namespace {

using nlohmann::json;

json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw FixtureError(path.string() + ": cannot open file");
  try {
    return json::parse(in);
  } catch (const json::parse_error& error) {
    throw FixtureError(path.string() + ": not valid JSON: " + error.what());
  }
}

// Small reader that remembers where it is, so every error names the file and the field.
struct FieldReader {
  const std::filesystem::path& file;
  std::string where;

  [[noreturn]] void fail(const std::string& reason) const {
    throw FixtureError(file.string() + ": " + where + ": " + reason);
  }
  const json& member(const json& object, const char* name) const {
    if (!object.is_object()) fail("expected an object");
    auto it = object.find(name);
    if (it == object.end()) fail(std::string("missing '") + name + "'");
    return *it;
  }
  std::string text(const json& object, const char* name) const {
    const json& value = member(object, name);
    if (!value.is_string() || value.get<std::string>().empty()) {
      FieldReader{file, where + "." + name}.fail("expected a non-empty string");
    }
    return value.get<std::string>();
  }
  FieldReader child(const std::string& name) const { return {file, where + "." + name}; }
  FieldReader index(std::size_t i) const { return {file, where + "[" + std::to_string(i) + "]"}; }
};

DocumentKind parse_kind(const std::string& text, const FieldReader& at) {
  if (text == "single") return DocumentKind::single;
  if (text == "binder") return DocumentKind::binder;
  if (text == "regulation") return DocumentKind::regulation;
  at.fail("unknown kind '" + text + "' (known: single, binder, regulation)");
}

ScanSettings parse_scan(const json& object, const FieldReader& at) {
  ScanSettings scan;
  if (!object.is_object()) at.fail("expected an object");
  if (auto it = object.find("seed"); it != object.end()) {
    if (!it->is_number_unsigned()) at.child("seed").fail("expected a non-negative integer");
    scan.seed = it->get<unsigned>();
  }
  if (auto it = object.find("dpi"); it != object.end()) {
    if (!it->is_number_integer() || it->get<int>() < 50 || it->get<int>() > 600) {
      at.child("dpi").fail("expected an integer between 50 and 600");
    }
    scan.dpi = it->get<int>();
  }
  if (auto it = object.find("rotate_pages"); it != object.end()) {
    if (!it->is_array()) at.child("rotate_pages").fail("expected an array of page numbers");
    for (const json& page : *it) {
      if (!page.is_number_integer() || page.get<int>() < 1) {
        at.child("rotate_pages").fail("page numbers are 1-based integers");
      }
      scan.rotate_pages.push_back(page.get<int>());
    }
  }
  if (auto it = object.find("born_digital"); it != object.end()) {
    if (!it->is_boolean()) at.child("born_digital").fail("expected true or false");
    scan.born_digital = it->get<bool>();
    if (scan.born_digital && !scan.rotate_pages.empty()) {
      at.child("rotate_pages").fail("a born-digital document is not scanned, so no page turns");
    }
  }
  if (auto it = object.find("degradation"); it != object.end()) {
    if (!it->is_object()) at.child("degradation").fail("expected an object");
    scan.degradation = *it;
  }
  return scan;
}

RegulationFront parse_regulation(const json& object, const FieldReader& at) {
  RegulationFront front;
  front.title = at.text(object, "title");
  const json& pages = at.member(object, "preamble_pages");
  if (!pages.is_array()) at.child("preamble_pages").fail("expected an array of pages");
  for (std::size_t p = 0; p < pages.size(); ++p) {
    FieldReader page_at = at.child("preamble_pages").index(p);
    if (!pages[p].is_array()) page_at.fail("expected an array of paragraphs");
    std::vector<std::string> paragraphs;
    for (const json& paragraph : pages[p]) {
      if (!paragraph.is_string()) page_at.fail("paragraphs are strings");
      paragraphs.push_back(paragraph.get<std::string>());
    }
    front.preamble_pages.push_back(std::move(paragraphs));
  }
  return front;
}

DocumentSpec parse_document(const json& object, const FieldReader& at, int position) {
  DocumentSpec spec;
  spec.position = position;
  spec.id = at.text(object, "id");
  spec.file = at.text(object, "file");
  if (spec.file.find('/') != std::string::npos) at.child("file").fail("must be a bare file name");
  spec.kind = parse_kind(at.text(object, "kind"), at.child("kind"));

  const json& sops = at.member(object, "sops");
  if (!sops.is_array() || sops.empty()) at.child("sops").fail("expected a non-empty array");
  for (std::size_t s = 0; s < sops.size(); ++s) {
    const FieldReader sop_at = at.child("sops").index(s);
    SopEntry entry;
    entry.truth_id = sop_at.text(sops[s], "truth");
    if (auto it = sops[s].find("column_number_row"); it != sops[s].end()) {
      if (!it->is_boolean()) sop_at.child("column_number_row").fail("expected true or false");
      entry.column_number_row = it->get<bool>();
    }
    spec.sops.push_back(std::move(entry));
  }

  if (spec.kind == DocumentKind::regulation) {
    spec.regulation = parse_regulation(at.member(object, "regulation"), at.child("regulation"));
  }
  if (auto it = object.find("scan"); it != object.end()) {
    spec.scan = parse_scan(*it, at.child("scan"));
  }
  if (auto it = object.find("style"); it != object.end()) {
    if (!it->is_object()) at.child("style").fail("expected an object");
    spec.style = *it;
  }
  return spec;
}

}  // namespace

DocumentSpec document_from_json(const nlohmann::json& entry, int position) {
  const std::filesystem::path origin = "docs.json entry";
  return parse_document(entry, FieldReader{origin, "document"}, position);
}

std::string_view to_string(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::single:
      return "single";
    case DocumentKind::binder:
      return "binder";
    case DocumentKind::regulation:
      return "regulation";
  }
  return "unknown";
}

std::vector<DocumentSpec> load_document_specs(const std::filesystem::path& docs_file) {
  const json root = read_json_file(docs_file);
  const FieldReader top{docs_file, "$"};
  const json& documents = top.member(root, "documents");
  if (!documents.is_array()) top.child("documents").fail("expected an array");

  std::vector<DocumentSpec> specs;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const FieldReader at{docs_file, "documents[" + std::to_string(i) + "]"};
    DocumentSpec spec = parse_document(documents[i], at, static_cast<int>(i));
    for (const DocumentSpec& earlier : specs) {
      if (earlier.id == spec.id) at.child("id").fail("duplicate document id '" + spec.id + "'");
      if (earlier.file == spec.file) at.child("file").fail("duplicate file '" + spec.file + "'");
    }
    specs.push_back(std::move(spec));
  }
  return specs;
}

std::vector<TruthSop> load_truth_sops(const DocumentSpec& document,
                                      const std::filesystem::path& truth_dir) {
  std::vector<TruthSop> sops;
  for (const SopEntry& entry : document.sops) {
    TruthSop sop;
    sop.truth_id = entry.truth_id;
    sop.truth_file = truth_dir / (entry.truth_id + ".json");
    sop.entry = entry;
    try {
      sop.record = record_from_json(read_json_file(sop.truth_file));
    } catch (const RecordFormatError& error) {
      throw FixtureError(sop.truth_file.string() + ": at " + error.pointer() + ": " + error.what() +
                         " (document '" + document.id + "')");
    }
    sops.push_back(std::move(sop));
  }
  return sops;
}

std::vector<DocumentSpec> select_documents(const std::vector<DocumentSpec>& documents,
                                           const std::optional<std::string>& only) {
  if (!only) return documents;
  for (const DocumentSpec& document : documents) {
    if (document.id == *only) return {document};
  }
  std::string known;
  for (const DocumentSpec& document : documents) known += (known.empty() ? "" : ", ") + document.id;
  throw FixtureError("no document with id '" + *only + "' (known: " + known + ")");
}

}  // namespace sopocr::fixtures
