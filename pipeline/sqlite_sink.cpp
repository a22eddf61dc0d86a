// SQLite: one row per document (its status), per record (the JSON and the columns a database
// user filters on) and per review entry. A document's records are replaced in one transaction,
// so re-ingesting a file updates it and a failed run leaves the previous records as they were.
#include <sqlite3.h>

#include <chrono>
#include <stdexcept>

#include "record_sink.h"

namespace sopocr {

std::unique_ptr<RecordSink> make_sqlite_sink(const std::filesystem::path& path);

namespace {

constexpr const char* kSchemaSql = R"SQL(
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS documents (
  sha256 TEXT PRIMARY KEY,
  file TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  page_count INTEGER NOT NULL,
  error TEXT,
  problems TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
  id INTEGER PRIMARY KEY,
  document_sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
  file TEXT NOT NULL,
  first_page INTEGER NOT NULL,
  sop_number TEXT,
  title TEXT,
  institution TEXT,
  step_count INTEGER NOT NULL,
  review_count INTEGER NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record)),
  UNIQUE (document_sha256, first_page)
);
CREATE TABLE IF NOT EXISTS review_entries (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  reason TEXT NOT NULL,
  confidence REAL,
  raw TEXT,
  page INTEGER,
  bbox TEXT
);
CREATE INDEX IF NOT EXISTS review_entries_record ON review_entries(record_id);
)SQL";

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.c_str(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, const std::optional<std::string>& text) {
    return text ? bind(index, *text) : bind_null(index);
  }
  Statement& bind(int index, long long number) {
    sqlite3_bind_int64(statement_, index, number);
    return *this;
  }
  Statement& bind(int index, std::optional<double> number) {
    if (!number) return bind_null(index);
    sqlite3_bind_double(statement_, index, *number);
    return *this;
  }
  Statement& bind_null(int index) {
    sqlite3_bind_null(statement_, index);
    return *this;
  }
  void run() {
    if (sqlite3_step(statement_) != SQLITE_DONE) {
      throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    }
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

class SqliteSink final : public RecordSink {
 public:
  explicit SqliteSink(const std::filesystem::path& path) : path_(path) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    if (sqlite3_open(path.string().c_str(), &db_) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error(path.string() + ": cannot open SQLite database: " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    execute(kSchemaSql);
  }
  ~SqliteSink() override { sqlite3_close(db_); }

  void write(const DocumentResult& document) override {
    execute("BEGIN IMMEDIATE");
    try {
      write_document(document);
      execute("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

 private:
  void execute(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw std::runtime_error(path_.string() + ": SQLite: " + message);
    }
  }

  void write_document(const DocumentResult& document) {
    if (document.sha256.empty()) return;  // unreadable file: nothing to key it by
    nlohmann::json problems = nlohmann::json::array();
    for (const DocumentProblem& problem : document.problems) {
      problems.push_back(
          {{"stage", problem.stage}, {"page", problem.page}, {"message", problem.message}});
    }
    // A failed re-run keeps the records of the last good one; a successful run replaces them.
    if (document.status != DocumentStatus::failed) {
      Statement(db_, "DELETE FROM records WHERE document_sha256 = ?")
          .bind(1, document.sha256)
          .run();
    }
    Statement(db_,
              "INSERT INTO documents (sha256, file, status, page_count, error, problems, "
              "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO UPDATE SET "
              "file = excluded.file, status = excluded.status, page_count = excluded.page_count, "
              "error = excluded.error, problems = excluded.problems, "
              "ingested_at = excluded.ingested_at")
        .bind(1, document.sha256)
        .bind(2, document.file.string())
        .bind(3, std::string(to_string(document.status)))
        .bind(4, static_cast<long long>(document.page_count))
        .bind(5, document.error.empty() ? std::optional<std::string>() : document.error)
        .bind(6, problems.dump())
        .bind(7, utc_now())
        .run();
    Statement insert_record(
        db_,
        "INSERT INTO records (document_sha256, file, first_page, sop_number, title, institution, "
        "step_count, review_count, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement insert_review(db_,
                            "INSERT INTO review_entries (record_id, path, reason, confidence, raw, "
                            "page, bbox) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const SopRecord& record : document.records) {
      insert_record.bind(1, document.sha256)
          .bind(2, record.source.file)
          .bind(3, static_cast<long long>(record.source.pages.empty() ? 0 : record.source.pages[0]))
          .bind(4, record.header.sop_number)
          .bind(5, record.header.title)
          .bind(6, record.header.institution)
          .bind(7, static_cast<long long>(record.steps.size()))
          .bind(8, static_cast<long long>(record.review.size()))
          .bind(9, to_json(record).dump())
          .run();
      const long long record_id = sqlite3_last_insert_rowid(db_);
      for (const ReviewEntry& entry : record.review) {
        const nlohmann::json entry_json = to_json(entry);
        insert_review.bind(1, record_id)
            .bind(2, entry.path)
            .bind(3, entry.reason)
            .bind(4, entry.confidence)
            .bind(5, entry.raw)
            .bind(7, entry.bbox ? std::optional<std::string>(entry_json.at("bbox").dump())
                                : std::nullopt);
        if (entry.page) {
          insert_review.bind(6, static_cast<long long>(*entry.page));
        } else {
          insert_review.bind_null(6);
        }
        insert_review.run();
      }
    }
  }

  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<RecordSink> make_sqlite_sink(const std::filesystem::path& path) {
  return std::make_unique<SqliteSink>(path);
}

}  // namespace sopocr
