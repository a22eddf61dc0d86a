// JSON Lines: one record per line, flushed per document so an interrupted batch leaves only
// whole lines behind.
#include <fstream>
#include <stdexcept>

#include "record_sink.h"

namespace sopocr {

std::unique_ptr<RecordSink> make_jsonl_sink(const std::filesystem::path& path, bool append);

namespace {

class JsonlSink final : public RecordSink {
 public:
  JsonlSink(const std::filesystem::path& path, bool append) : path_(path) {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    out_.open(path, append ? std::ios::app : std::ios::trunc);
    if (!out_) throw std::runtime_error(path.string() + ": cannot open for writing");
  }

  void write(const DocumentResult& document) override {
    for (const SopRecord& record : document.records) out_ << to_json(record).dump() << '\n';
    out_.flush();
    if (!out_) throw std::runtime_error(path_.string() + ": write failed (disk full?)");
  }

 private:
  std::filesystem::path path_;
  std::ofstream out_;
};

}  // namespace

std::unique_ptr<RecordSink> make_jsonl_sink(const std::filesystem::path& path, bool append) {
  return std::make_unique<JsonlSink>(path, append);
}

}  // namespace sopocr
