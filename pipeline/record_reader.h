// Records back from what `sopocr ingest` wrote, for the commands that work on them (export):
// a JSON Lines file, a SQLite database, or a JSON file holding one record or an array of them.
#pragma once

#include <filesystem>
#include <vector>

#include "sop_record.h"

namespace sopocr {

// Every record in `path`, in the order it holds them (a database: in ingest order). Throws
// std::runtime_error naming the file (and line, for JSON Lines) of anything unreadable.
std::vector<SopRecord> read_records(const std::filesystem::path& path);

}  // namespace sopocr
