// UTF-8 decoding and encoding, and Unicode NFC, for the text the normalisers clean and the
// evaluation compares. NFC covers the Latin letters with diacritics (U+00C0–U+024F,
// U+1E00–U+1EFF) and the combining marks U+0300–U+036F; it is not a full Unicode NFC.
#pragma once

#include <string>
#include <string_view>

namespace sopocr {

// Code points of `text`; each byte of an invalid UTF-8 sequence becomes U+FFFD.
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view code_points);

// Canonical composition (NFC) of `code_points`, exact for the Latin repertoire above: precomposed
// letters are decomposed, combining marks put in canonical order, then composed again.
// Outside it (Hangul, Greek, Cyrillic, marks outside U+0300–U+036F, and singletons such as
// U+212B ANGSTROM SIGN or the tone marks U+0340, U+0341, U+0343, U+0344) code points pass through
// unchanged. The SOP text is Indonesian in Latin script and almost always NFC already, so this
// covers what the pipeline and the evaluation meet without ICU.
std::u32string to_nfc(std::u32string_view code_points);

}  // namespace sopocr
