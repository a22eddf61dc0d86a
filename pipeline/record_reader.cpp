#include "record_reader.h"

#include <sqlite3.h>

#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

namespace sopocr {
namespace {

bool is_sqlite_database(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string magic(16, '\0');
  in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  return in && magic == std::string("SQLite format 3\0", 16);
}

SopRecord parse_record(const std::string& text, const std::string& where) {
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) throw std::runtime_error(where + ": not valid JSON");
  try {
    return record_from_json(json);
  } catch (const std::exception& error) {
    throw std::runtime_error(where + ": not a record: " + error.what());
  }
}

std::vector<SopRecord> read_database(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    const std::string message = raw ? sqlite3_errmsg(raw) : "cannot open";
    sqlite3_close(raw);
    throw std::runtime_error(path.string() + ": " + message);
  }
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  sqlite3_stmt* raw_statement = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT id, record FROM records ORDER BY id", -1, &raw_statement,
                         nullptr) != SQLITE_OK) {
    throw std::runtime_error(path.string() +
                             ": not a sopocr database: " + sqlite3_errmsg(db.get()));
  }
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw_statement,
                                                                       sqlite3_finalize);
  std::vector<SopRecord> records;
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 1));
    const std::string where =
        path.string() + ": record " + std::to_string(sqlite3_column_int64(statement.get(), 0));
    records.push_back(parse_record(text ? text : "", where));
  }
  return records;
}

}  // namespace

std::vector<SopRecord> read_records(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) {
    throw std::runtime_error(path.string() + ": no such file");
  }
  if (is_sqlite_database(path)) return read_database(path);
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot open file");
  std::vector<SopRecord> records;
  if (path.extension() == ".jsonl") {
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      records.push_back(parse_record(line, path.string() + ":" + std::to_string(line_number)));
    }
    return records;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) throw std::runtime_error(path.string() + ": not valid JSON");
  if (!json.is_array()) return {parse_record(text, path.string())};
  for (std::size_t i = 0; i < json.size(); ++i) {
    records.push_back(parse_record(json[i].dump(), path.string() + "[" + std::to_string(i) + "]"));
  }
  return records;
}

}  // namespace sopocr
