// An official's printed name with honorific and academic degrees ("H. Ahmad Aznem, SE, M.Si",
// "ABDURRAHMAN, S.Sos., M.Si"). Bold, underlined names come out of OCR with their punctuation
// confused: "H..Ahmad", "H, Ahmad", "SE. M.Si", "M,Si".
#pragma once

#include <string>

namespace sopocr {

// The name with the punctuation of its honorific prefix and its degree suffix put back in the
// printed convention: "H. " before the name, ", " between degrees, dots inside a degree. Letters
// are never changed but a degree's S read as 5 ("S.5os"); a reading with no recognisable degree
// or honorific keeps its punctuation.
std::string normalize_person_name(const std::string& reading);

}  // namespace sopocr
