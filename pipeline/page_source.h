// Opens an input file by its content (PDF, or a PNG / JPEG / TIFF scan) and renders its pages
// one at a time, so a long document never holds more than the page being worked on.
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "page_image.h"

namespace sopocr {

// A whole document cannot be processed. The message names the file and says what to do.
class DocumentError : public std::runtime_error {
 public:
  DocumentError(const std::filesystem::path& file, const std::string& reason);
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

class PageSource {
 public:
  virtual ~PageSource() = default;
  virtual int page_count() const = 0;
  // Grayscale raster of 1-based `page_number` at `dpi`, upright per the file's /Rotate flag.
  // Throws DocumentError when the page cannot be rendered.
  virtual PageImage render(int page_number, int dpi) const = 0;
};

// Throws DocumentError for a missing, empty, corrupt, encrypted or unsupported file.
std::unique_ptr<PageSource> open_page_source(const std::filesystem::path& file);

// True when the file's first bytes say PDF, PNG, JPEG or TIFF.
bool looks_like_document(const std::filesystem::path& file);

// Stops Poppler printing its own diagnostics to stderr; ours name the file instead.
void silence_poppler_diagnostics();

}  // namespace sopocr
