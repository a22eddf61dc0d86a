// Fuzzy matching of the printed labels of SOP forms ("Tanggal Pembuatan", "Mutu Baku",
// "Keterangan"), which OCR garbles ("Mutu Buku", "Ketersangan"): never match by exact text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sopocr {

struct LabelMatch {
  std::size_t index = 0;    // which of the candidate labels
  double similarity = 0.0;  // in [0, 1]
  std::size_t end = 0;      // byte offset in normalize_text(text) where the label ends
};

// Best candidate whose label matches the START of `text` (case-insensitive, spaces collapsed)
// with at least `min_similarity`; the rest of `text` after `end` is the value.
std::optional<LabelMatch> match_label_prefix(std::string_view text,
                                             const std::vector<std::string>& labels,
                                             double min_similarity = 0.75);

// The labels of a PermenPAN-RB 35/2012 identity page, with the variants documents print, and
// the record field each one names.
struct IdentityLabel {
  const char* key;  // "sop_number", "created", ..., or a list: "legal_basis", "equipment", ...
  const char* text;
  bool is_list;
};
const std::vector<IdentityLabel>& identity_labels();
// Their texts, in the same order: a match_label_prefix() index is an identity_labels() index.
std::vector<std::string> identity_label_texts();

// The columns of a PermenPAN-RB 35/2012 step table, as its header names them.
enum class StepColumn { number, activity, lanes, quality, requirements, duration, output, notes };

// The column a step-table header cell names ("Uraian Kegiatan", "Mutu Baku", or a variant real
// archives print: "PEJABAT YANG BERTANGGUNG JAWAB" for Pelaksana, "Perlengkapan" for
// Kelengkapan), or nullopt. Short labels ("No") must read exactly; longer ones tolerate a garble.
std::optional<StepColumn> step_column_of(std::string_view header_text);

// The same with how closely the text matched the label, in [0, 1].
struct StepColumnMatch {
  StepColumn column;
  double similarity = 0.0;
};
std::optional<StepColumnMatch> match_step_column(std::string_view header_text);

// Lower-case letters and single spaces only: scan specks read as ", ; ." around a label or a
// column number do not count.
std::string letters_only(std::string_view text);

struct LaneName {
  std::string text;
  bool repaired = false;  // a letter was changed, not only stray punctuation dropped
};

// A swimlane's printed name as a clean actor name: quote marks and specks read as punctuation
// around it dropped ("Pelaksana “Teknis", ".Kepala Seksi", "Pokja Pemilihan."), and a closing
// bracket with no opening one after capitals read back as the J it was ("UKPB)" -> "UKPBJ"), a
// speck read as ':' after a word dropped ("Pembinaan: Pengadaan"), a '!' after one read back
// as the slash it was ("Auditor! Pemeriksa" -> "Auditor/ Pemeriksa": offices type the slash
// spaced on one side too, "Petugas Informasi/ TU"), a speck read as '.' after a slash that ended
// a line dropped with the space the line's end left ("Pemeriksa/. Penyidik" ->
// "Pemeriksa/Penyidik") and the reduplication hyphens of
// repair_reduplication_hyphens (punctuation.h) put back ("Perundang-undangan").
LaneName normalize_lane_name(std::string_view text);

class Lexicon;

// The lines of a lane's name cell (`reading`, as OCR read them) as one name, joined as the narrow
// cell wrapped them (join_wrapped_lines: "Surat/" + "Caraka", "Penyusun-" + "an"). A slash that
// ended a line is read as '!', '|', its foot faded as an apostrophe ("Surat’" over "Caraka"),
// or, its stroke thinned, as a word's last 'l', 'I' or '1'
// ("Pemeriksal" over "Penyidik"): a word the lexicon does not know, which without that letter
// is one it does, had its slash there. A line that starts with a slash against a word carries
// on the word before it ("Sekretaris" over "/Ka."). Without a lexicon only the marks are read
// back.
std::string lane_name_lines_joined(std::string_view reading, const Lexicon* lexicon);

// `text` with each run of words that nearly spells one of `actors` (OCR garbled a letter or two:
// "Kepala Seksl") spelled as that actor, so that a record names its actors one way. `changed`
// counts the runs respelled.
std::string align_actor_mentions(std::string_view text, const std::vector<std::string>& actors,
                                 int& changed);

// A decision branch's label as printed, when `text` as OCR read it is one of the wordings
// flowcharts label branches with: "Ya" or "Tidak" ("ya.", "Tldak", "TIDAX"), or a word such as
// "Lengkap", "Sesuai", "Setuju" alone or after "Tidak" ("Tidak lenakap"), each word in the case
// it was printed in ("YA", "TIDAK LENGKAP"). Else nullopt: other wording is kept as read by the
// caller.
std::optional<std::string> decision_branch_label(std::string_view text);

// The label of a decision's branch OCR read as `read`, no usual wording ("AK", "Tuak", "kap"),
// where the decision's other branch reads as the usual wording `usual`: a decision's two branches
// answer each other ("Ya" / "Tidak", "Lengkap" / "Tidak lengkap", "Disetujui" / "Ditolak"), so
// this one is the answer to `usual`, in its case ("YA" / "TIDAK"), if `read` is a piece of it with
// at most half its letters misread, no nearer `usual` itself. Else nullopt.
std::optional<std::string> other_branch_label(std::string_view usual, std::string_view read);

// The labels of a decision's two branches read as the initials "Y" and "T" (Ya / Tidak), as
// some offices print them, in either order: in capitals, as initials are printed (OCR reads a
// lone "Y" as "y" as often as not). A lone letter could be a speck's reading; the pair answering
// each other is the usual wording. Nullopt for any other pair.
std::optional<std::pair<std::string, std::string>> branch_initials(std::string_view first,
                                                                   std::string_view second);

}  // namespace sopocr
