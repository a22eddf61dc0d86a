// An official's printed name with honorific and academic degrees ("H. Ahmad Aznem, SE, M.Si",
// "ABDURRAHMAN, S.Sos., M.Si"). Bold, underlined names come out of OCR with their punctuation
// confused: "H..Ahmad", "H, Ahmad", "SE. M.Si", "M,Si".
#pragma once

#include <string>

namespace sopocr {

// The name with the punctuation of its honorific prefix and its degree suffix put back in the
// printed convention: "H. " before the name, ", " between degrees (two read as one word apart
// again: "SE.M.Si"), dots inside a degree ("MSi", "M Si"), and the space OCR lost between two
// words of the name ("AhmadAznem"). Letters are never changed but a degree's S read as 5
// ("S.5os"); a reading with no recognisable degree keeps its punctuation.
std::string normalize_person_name(const std::string& reading);

// Whether the reading ends in an academic degree after a name ("…, SE, M.Si"): the shape of an
// official's name line, which neither a rank ("Pembina Tk. I") nor a position has.
bool reads_as_name_with_degrees(const std::string& reading);

}  // namespace sopocr
