// Joins the lines of a wrapped cell back into running text. Narrow table columns wrap words:
// "Pengadmin-" + "istrasi" is one word, "Surat/" + "Caraka" one token, "Perundang-" +
// "Undangan" a hyphenated compound.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sopocr {

// Lines joined with single spaces, except: a line ending in a hyphen after a letter joins the next
// without a space (dropping the hyphen when the next line starts in lower case: a word broken
// by the typesetter, but not in a reduplication: "Perundang-" + "undangan"), and a line ending in
// a slash joined to its word ("Surat/") joins the next without a space.
std::string join_wrapped_lines(const std::vector<std::string>& lines);

// join_wrapped_lines over the '\n'-separated lines of `text`.
std::string unwrap_lines(std::string_view text);

}  // namespace sopocr
