// SHA-256 of a file, as lower-case hex: the identity of a source document in every record.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sopocr {

std::string sha256_hex(std::string_view bytes);
// Streams the file; throws std::runtime_error naming the file when it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace sopocr
