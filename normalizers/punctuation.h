// Punctuation that scan specks put into text: a dust speck beside a word is read as '.' or ':'
// ("Notulen evaluasi. dan pembahasan"), and a ';' loses its tail (": jika tidak").
#pragma once

#include <string>
#include <string_view>

namespace sopocr {

// Repairs what cannot be Indonesian punctuation:
// - a '.' or ':' ending a word before a word that starts lower-case, and a '.' or ':' glued to
//   the front of a lower-case word, are dropped: a sentence starts with a capital. A list
//   marker ("a.", "1.") and an abbreviation ("No.", "dll.", "S.T.") keep their dot;
// - a '.' joining two words of three or more letters ("jasa.konstruksi"), a quote joining two
//   lower-case ones ("honor'dan", not "Jum'at") and a '-' joining a year and a lower-case word
//   ("2012-tentang") are a space;
// - ':' before "jika" in text with an earlier "Jika" is the ';' of "Jika …, …; jika …".
// - a quote opening or closing a word with no partner is dropped ("Notulen' hasil");
// - a space after a '/' between words is dropped ("Pemeriksa/ Penyidik");
// - the hyphens of repair_reduplication_hyphens are repaired;
// - sub-items' letter markers that lost their stop ("a Menerima …; b Menyusun …") or their
//   case ("a. …; b. …; C. …") have it back.
// A colon a document did print before a lower-case word ("Sifat: merk") is lost with the specks.
std::string repair_stray_punctuation(std::string_view text);

// The hyphen of a reduplication is printed, unspaced: one OCR spaced on one side or lost at low
// resolution ("Perundang -undangan", "Perundang- undangan", "Perundang undangan") is put back
// ("Perundang-undangan"). A word typed twice ("kegiatan kegiatan") is the author's and stays.
std::string repair_reduplication_hyphens(std::string_view text);

// A list item is a phrase: trailing '.', ':', ';', ',' and '-' are dropped, unless the last word
// is an abbreviation ("S.T.", "dll."); so are marks before its first letter (".Daftar akun").
std::string trim_item_punctuation(std::string_view item);

}  // namespace sopocr
