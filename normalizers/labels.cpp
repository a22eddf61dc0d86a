#include "labels.h"

#include <algorithm>
#include <cctype>

#include "line_joining.h"
#include "punctuation.h"
#include "term_repair.h"
#include "text.h"
#include "unicode_nfc.h"

namespace sopocr {

const std::vector<IdentityLabel>& identity_labels() {
  static const std::vector<IdentityLabel> labels{
      {"sop_number", "Nomor SOP", false},
      {"sop_number", "No. SOP", false},
      {"sop_number", "Nomor Urut SOP", false},
      {"created", "Tanggal Pembuatan", false},
      {"created", "Tgl. Pembuatan", false},
      {"revised", "Tanggal Revisi", false},
      {"revised", "Tgl. Revisi", false},
      {"effective", "Tanggal Efektif", false},
      {"effective", "Tgl. Efektif", false},
      {"effective", "Tanggal Pengesahan", false},
      {"effective", "Tgl. Pengesahan", false},
      {"approved_by", "Disahkan Oleh", false},
      {"approved_by", "Mengesahkan", false},
      {"title", "Nama SOP", false},
      {"title", "Judul SOP", false},
      {"legal_basis", "Dasar Hukum", true},
      {"qualifications", "Kualifikasi Pelaksana", true},
      {"related_sops", "Keterkaitan", true},
      {"equipment", "Peralatan / Perlengkapan", true},
      {"equipment", "Peralatan/Perlengkapan", true},
      {"equipment", "Peralatan", true},
      {"warnings", "Peringatan", true},
      {"recording", "Pencatatan dan Pendataan", true},
      {"recording", "Pencatatan & Pendataan", true},
  };
  return labels;
}

std::vector<std::string> identity_label_texts() {
  std::vector<std::string> texts;
  for (const IdentityLabel& label : identity_labels()) texts.emplace_back(label.text);
  return texts;
}

namespace {

struct HeaderLabel {
  StepColumn column;
  const char* text;
};

constexpr HeaderLabel kStepHeaderLabels[] = {
    {StepColumn::number, "No"},
    {StepColumn::number, "No."},
    {StepColumn::activity, "Uraian Kegiatan"},
    {StepColumn::activity, "Kegiatan"},
    {StepColumn::activity, "Aktivitas"},
    {StepColumn::activity, "Tahapan Kegiatan"},
    {StepColumn::activity, "Proses/Tahapan Kegiatan"},
    {StepColumn::lanes, "Pelaksana"},
    {StepColumn::lanes, "Pejabat yang bertanggung jawab"},
    {StepColumn::quality, "Mutu Baku"},
    {StepColumn::requirements, "Kelengkapan"},
    {StepColumn::requirements, "Perlengkapan"},
    {StepColumn::requirements, "Persyaratan/Perlengkapan"},
    {StepColumn::duration, "Waktu"},
    {StepColumn::output, "Output"},
    {StepColumn::output, "Hasil"},
    {StepColumn::notes, "Keterangan"},
    {StepColumn::notes, "Ket."},
    {StepColumn::notes, "Ket"},
};

}  // namespace

std::string letters_only(std::string_view text) {
  std::string letters;
  for (char c : ascii_lower(text)) {
    if ((c >= 'a' && c <= 'z') || c == ' ') letters += c;
  }
  return normalize_text(letters);
}

std::optional<StepColumnMatch> match_step_column(std::string_view header_text) {
  const std::string lower = letters_only(header_text);
  if (lower.empty()) return std::nullopt;
  std::optional<StepColumnMatch> best;
  for (const HeaderLabel& label : kStepHeaderLabels) {
    const double score = similarity(lower, letters_only(label.text));
    if (!best || score > best->similarity) best = StepColumnMatch{label.column, score};
  }
  const double needed = lower.size() <= 3 ? 0.99 : 0.7;
  return best->similarity >= needed ? best : std::nullopt;
}

std::optional<StepColumn> step_column_of(std::string_view header_text) {
  const auto match = match_step_column(header_text);
  return match ? std::optional<StepColumn>(match->column) : std::nullopt;
}

namespace {

// A label's letters and digits alone.
std::string squeezed(std::string_view text) {
  std::string kept;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) kept += c;
  }
  return kept;
}

}  // namespace

std::optional<LabelMatch> match_label_prefix(std::string_view text,
                                             const std::vector<std::string>& labels,
                                             double min_similarity) {
  const std::string lower = ascii_lower(normalize_text(text));
  std::optional<LabelMatch> best;
  double best_explained = 0.0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string label = ascii_lower(labels[i]);
    // Try prefixes around the label's length: OCR may add or drop a few characters.
    const std::size_t slack = label.size() / 4 + 1;
    const std::size_t shortest = label.size() > slack ? label.size() - slack : 1;
    for (std::size_t length = shortest; length <= label.size() + slack && length <= lower.size();
         ++length) {
      // Only cut at a word end, so "Nama SOP" does not match inside "Nama SOPir".
      if (length < lower.size() && std::isalnum(static_cast<unsigned char>(lower[length])) &&
          std::isalnum(static_cast<unsigned char>(lower[length - 1]))) {
        continue;
      }
      // OCR drops a label's stops and spaces as often as it garbles a letter ("TglEtektif"
      // for "Tgl. Efektif"): they are compared without them too, where the letters read are
      // as many as the label's. Fewer are a word lost ("pembuatan Kartu …" in a list is no
      // "Tgl. Pembuatan"). A short label's letters are too few to tell a garble from another
      // word ("N sop" of a wrapped "Nama SOP" is no "No. SOP").
      const std::string prefix = lower.substr(0, length);
      double score = similarity(prefix, label);
      const std::string prefix_letters = squeezed(prefix);
      const std::string label_letters = squeezed(label);
      constexpr std::size_t kFewestLettersToSqueeze = 8;
      if (label_letters.size() >= kFewestLettersToSqueeze &&
          prefix_letters.size() + 1 >= label_letters.size() &&
          prefix_letters.size() <= label_letters.size() + 1) {
        score = std::max(score, similarity(prefix_letters, label_letters));
      }
      if (score < min_similarity) continue;
      // Prefer the label that explains more of the text: "Peralatan / Perlengkapan" over
      // "Peralatan" when both match the start.
      const double explained = score * label.size();
      if (!best || explained > best_explained) {
        best = LabelMatch{i, score, length};
        best_explained = explained;
      }
    }
  }
  return best;
}

LaneName normalize_lane_name(std::string_view text) {
  std::string kept;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // UTF-8 curly quotes: E2 80 98/99/9C/9D.
    if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
        static_cast<unsigned char>(text[i + 1]) == 0x80) {
      const auto third = static_cast<unsigned char>(text[i + 2]);
      if (third == 0x98 || third == 0x99 || third == 0x9C || third == 0x9D) {
        i += 2;
        continue;
      }
    }
    if (text[i] == '"' || text[i] == '\'' || text[i] == '`') continue;
    kept += text[i];
  }
  LaneName name;
  const bool has_opening = kept.find_first_of("({[") != std::string::npos;
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const char c = kept[i];
    const bool closing = c == ')' || c == '}' || c == ']';
    const bool after_capitals = i >= 2 && std::isupper(static_cast<unsigned char>(kept[i - 1])) &&
                                std::isupper(static_cast<unsigned char>(kept[i - 2]));
    const bool after_letter = i >= 1 && std::isalpha(static_cast<unsigned char>(kept[i - 1]));
    const bool ends_word = i + 1 == kept.size() || kept[i + 1] == ' ';
    if (closing && !has_opening && after_capitals) {
      name.text += 'J';
      name.repaired = true;
    } else if ((c == ':' || c == ';') && after_letter && ends_word) {
      // No position title holds a colon: a speck beside the word's last letter.
    } else if ((c == '.' || c == ',') && i >= 1 && kept[i - 1] == '/') {
      // Nor a stop after a slash: a speck where the slash ended its line ("Pemeriksa/." over
      // "Penyidik"), the line joined on after it.
      if (i + 1 < kept.size() && kept[i + 1] == ' ') ++i;
    } else if (c == '!' && after_letter) {
      // The slash between two positions ("Auditor/Pemeriksa"), its foot lost.
      name.text += '/';
      name.repaired = true;
    } else {
      name.text += c;
    }
  }
  name.text = repair_reduplication_hyphens(normalize_text(name.text));
  auto is_stray = [](char c) { return c == '.' || c == ',' || c == ':' || c == ';' || c == '-'; };
  while (!name.text.empty() && is_stray(name.text.back())) name.text.pop_back();
  std::size_t start = 0;
  while (start < name.text.size() && is_stray(name.text[start])) ++start;
  name.text = normalize_text(name.text.substr(start));
  return name;
}

std::string lane_name_lines_joined(std::string_view reading, const Lexicon* lexicon) {
  // Split by hand: split_lines trims a '|' at a line's end as a rule's remnant.
  std::vector<std::string> lines;
  for (std::size_t start = 0; start <= reading.size();) {
    const std::size_t end = std::min(reading.find('\n', start), reading.size());
    lines.emplace_back(reading.substr(start, end - start));
    start = end + 1;
  }
  auto is_letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    std::string& line = lines[i];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    const std::string next = normalize_text(lines[i + 1]);
    const bool next_starts_word = !next.empty() && is_letter(next.front());
    // A thin slash whose foot faded reads as an apostrophe; no position title holds one.
    constexpr std::string_view kRightQuote = "\u2019";
    const std::size_t quote = line.ends_with(kRightQuote) ? kRightQuote.size()
                              : line.ends_with('\'')      ? 1
                                                          : 0;
    if (quote > 0 && next_starts_word && line.size() > quote &&
        is_letter(line[line.size() - quote - 1])) {
      line.replace(line.size() - quote, quote, "/");
      continue;
    }
    if (line.size() < 2 || !next_starts_word || !is_letter(line[line.size() - 2])) continue;
    const char last = line.back();
    // "Pengadmin-" over "Istrasi": a word the typesetter broke, its next line's first letter
    // read as a capital. The lexicon knows the whole word and not the piece: it carries on.
    if (lexicon && last == '-' && std::isupper(static_cast<unsigned char>(next.front()))) {
      const std::size_t space = line.rfind(' ');
      const std::string head = line.substr(space == std::string::npos ? 0 : space + 1);
      const std::string tail = next.substr(0, next.find(' '));
      const std::string carried = ascii_lower(tail);
      if (ascii_letters_only(tail) && !lexicon->knows_form(tail) &&
          lexicon->knows(head.substr(0, head.size() - 1) + carried)) {
        lines[i + 1] = carried + next.substr(tail.size());
      }
      continue;
    }
    if (last == '!' || last == '|') {
      line.back() = '/';
    } else if (lexicon && (last == 'l' || last == 'I' || last == '1')) {
      const std::size_t space = line.rfind(' ');
      const std::string word = line.substr(space == std::string::npos ? 0 : space + 1);
      const std::string stem = word.substr(0, word.size() - 1);
      if (!lexicon->knows_form(word) && lexicon->knows(stem)) line.back() = '/';
    }
  }
  // A name too long for the cell is broken inside a token too: a line that starts with a slash
  // against a word ("Sekretaris" over "/Ka. Bidang") carries on the word before it. A slash
  // spaced on both sides ("Tamu" over "/ Pengunjung") stands apart and keeps its spaces.
  std::vector<std::string> joined;
  for (const std::string& raw_line : lines) {
    const std::string line = normalize_text(raw_line);
    const bool carries_on = line.size() >= 2 && line[0] == '/' && is_letter(line[1]) &&
                            !joined.empty() &&
                            (is_letter(joined.back().back()) || joined.back().back() == '.');
    if (carries_on) {
      joined.back() += line;
    } else if (!line.empty()) {
      joined.push_back(line);
    }
  }
  return join_wrapped_lines(joined);
}

namespace {

// Words that label a decision's branches in PermenPAN-RB flowcharts besides Ya and Tidak, alone
// or after "Tidak": "Lengkap" / "Tidak lengkap", "Sesuai" / "Tidak sesuai", "Disetujui" /
// "Ditolak".
constexpr std::string_view kBranchWords[] = {
    "lengkap", "sesuai", "setuju", "disetujui", "benar",  "salah",    "valid",  "diterima",
    "ditolak", "memenuhi", "layak", "lulus",    "cukup", "tersedia", "lanjut", "revisi"};

// `word` (lower case) in the case `as_read` was printed in: capitals where most of its letters
// were read as capitals (a misread letter is one of a word's capitals as often as not),
// capitalised where its first letter was or where it starts the label, else lower case.
std::string in_case_read(std::string_view word, std::string_view as_read, bool starts_label) {
  int letters = 0;
  int capitals = 0;
  char first = 0;
  for (char c : as_read) {
    if (!std::isalpha(static_cast<unsigned char>(c))) continue;
    if (first == 0) first = c;
    ++letters;
    capitals += std::isupper(static_cast<unsigned char>(c)) ? 1 : 0;
  }
  std::string printed(word);
  if (2 * capitals > letters) {
    for (char& c : printed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (starts_label || (first != 0 && std::isupper(static_cast<unsigned char>(first)))) {
    printed[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(printed[0])));
  }
  return printed;
}

// The branch word `letters` (a word as read, its letters only, lower case) spells: "ya" only
// exactly, being two letters; "tidak" and the words of kBranchWords with one letter misread,
// lost or added.
std::optional<std::string_view> branch_word(const std::string& letters, bool first_word) {
  if (first_word && letters == "ya") return "ya";
  auto near = [&](std::string_view word) {
    const std::size_t length = letters.size();
    return length + 1 >= word.size() && length <= word.size() + 1 &&
           edit_distance(letters, word) <= 1;
  };
  if (first_word && near("tidak")) return "tidak";
  for (std::string_view word : kBranchWords) {
    if (near(word)) return word;
  }
  return std::nullopt;
}

}  // namespace

namespace {

// A label of one or two words as its words were read apart.
std::optional<std::string> branch_label_of_words(const std::vector<std::string>& words) {
  if (words.size() == 1) {
    const std::optional<std::string_view> word = branch_word(letters_only(words[0]), true);
    if (!word) return std::nullopt;
    return in_case_read(*word, words[0], true);
  }
  // A second word follows only "Tidak": "Tidak lengkap", never "Ya lengkap".
  if (words.size() != 2 || branch_word(letters_only(words[0]), true) != "tidak") {
    return std::nullopt;
  }
  const std::optional<std::string_view> second = branch_word(letters_only(words[1]), false);
  if (!second) return std::nullopt;
  return in_case_read("tidak", words[0], true) + " " + in_case_read(*second, words[1], false);
}

}  // namespace

std::optional<std::string> decision_branch_label(std::string_view text) {
  std::vector<std::string> words;
  for (const std::string& word : split_words(text)) {
    if (!letters_only(word).empty()) words.push_back(word);
  }
  if (words.empty()) return std::nullopt;
  if (std::optional<std::string> label = branch_label_of_words(words)) return label;
  // Small type set wide, or kerned apart, reads as pieces of words ("Leng kap", "Tid ak len g
  // kap"): the letters run together are one word, or "Tidak" and one.
  std::string joined;
  for (const std::string& word : words) joined += word;
  if (std::optional<std::string> label = branch_label_of_words({joined})) return label;
  const std::string letters = letters_only(joined);
  for (std::size_t split = 4; split <= 6 && split < letters.size(); ++split) {
    const std::string first = letters.substr(0, split);
    const std::string rest = letters.substr(split);
    if (branch_word(first, true) != "tidak" || !branch_word(rest, false)) continue;
    // The case of each part as read: the joined reading's letters in order.
    std::string first_read;
    std::string rest_read;
    std::size_t seen = 0;
    for (char c : joined) {
      if (!std::isalpha(static_cast<unsigned char>(c))) continue;
      (seen++ < split ? first_read : rest_read) += c;
    }
    return in_case_read("tidak", first_read, true) + " " +
           in_case_read(*branch_word(rest, false), rest_read, false);
  }
  return std::nullopt;
}

namespace {

// Branch words that answer each other without "Tidak": "Disetujui" / "Ditolak".
constexpr std::pair<std::string_view, std::string_view> kOpposedBranchWords[] = {
    {"disetujui", "ditolak"}, {"diterima", "ditolak"}, {"benar", "salah"}};

// The labels the other branch of a decision may carry where one branch is labelled `usual` (as
// decision_branch_label gives it, lower case): "ya" and "tidak" answer each other, "lengkap"
// and "tidak lengkap", "disetujui" and "ditolak".
std::vector<std::string> answers_to(const std::string& usual) {
  if (usual == "ya") return {"tidak"};
  if (usual == "tidak") return {"ya"};
  if (usual.starts_with("tidak ")) return {usual.substr(6)};
  std::vector<std::string> answers{"tidak " + usual};
  for (const auto& [one, other] : kOpposedBranchWords) {
    if (usual == one) answers.emplace_back(other);
    if (usual == other) answers.emplace_back(one);
  }
  return answers;
}

std::string without_spaces(std::string text) {
  std::erase(text, ' ');
  return text;
}

// What it costs to read `reading` (letters only) as a stretch of `label` (letters only), spaces
// aside, in OCR edits: a label cut short by a rule or the lane's edge costs nothing for what was
// cut.
double cost_as_part_of(const std::string& reading, const std::string& label) {
  const std::u32string read = decode_utf8(without_spaces(reading));
  const std::u32string whole = decode_utf8(without_spaces(label));
  double cheapest = static_cast<double>(read.size());
  for (std::size_t first = 0; first < whole.size(); ++first) {
    for (std::size_t last = first + 1; last <= whole.size(); ++last) {
      cheapest = std::min(cheapest, ocr_edit_cost(read, whole.substr(first, last - first)));
    }
  }
  return cheapest;
}

std::string in_capitals(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::optional<std::string> other_branch_label(std::string_view usual, std::string_view read) {
  const std::string usual_letters = letters_only(usual);
  const std::string reading = without_spaces(letters_only(read));
  if (reading.empty() || !decision_branch_label(usual)) return std::nullopt;
  const double as_usual = cost_as_part_of(reading, usual_letters);
  std::optional<std::string> found;
  for (const std::string& answer : answers_to(usual_letters)) {
    const double cost = cost_as_part_of(reading, answer);
    // At most half its letters misread, and no nearer the other branch's own label: a label
    // that reads as that one says nothing of which this is. Where the answer holds the other
    // label ("Tidak lengkap" to "Lengkap"), that one may itself be what was left of the answer
    // after a cut: this reading must then show some of what only the answer has ("Tidak").
    const bool other_may_be_cut = answer.find(usual_letters) != std::string::npos;
    const bool nearer = other_may_be_cut ? cost < as_usual : cost <= as_usual;
    if (2 * cost > static_cast<double>(reading.size()) || !nearer) continue;  // ASCII letters
    if (found) return std::nullopt;  // as near two answers
    // In the other label's case: "YA" / "TIDAK", "Lengkap" / "Tidak lengkap".
    const std::string first_word = answer.substr(0, answer.find(' '));
    const std::string capitalised = in_case_read(first_word, usual, true);
    found = capitalised == in_capitals(capitalised) ? in_capitals(answer)
                                                    : capitalised + answer.substr(first_word.size());
  }
  return found;
}

std::string align_actor_mentions(std::string_view text, const std::vector<std::string>& actors,
                                 int& changed) {
  // Close enough to be the same name misread, far enough to leave "Kepala Desa" alone when the
  // actor is "Kepala Dinas".
  constexpr double kSameName = 0.85;
  std::vector<std::string> words = split_words(normalize_text(text));
  for (const std::string& actor : actors) {
    const std::size_t count = std::count(actor.begin(), actor.end(), ' ') + 1;
    // Single words ("Staf") are too short to tell a misreading from another word.
    if (count < 2 || words.size() < count) continue;
    const std::string target = ascii_lower(actor);
    for (std::size_t start = 0; start + count <= words.size(); ++start) {
      const bool respelled_already =
          std::any_of(words.begin() + static_cast<long>(start),
                      words.begin() + static_cast<long>(start + count),
                      [](const std::string& word) { return word.empty(); });
      if (respelled_already) continue;
      std::string run;
      for (std::size_t i = start; i < start + count; ++i) run += (i > start ? " " : "") + words[i];
      // Punctuation after the run ("Kepala Seksl,") stays after it.
      std::string trail;
      while (!run.empty() && std::ispunct(static_cast<unsigned char>(run.back()))) {
        trail.insert(trail.begin(), run.back());
        run.pop_back();
      }
      const std::string lower = ascii_lower(run);
      if (lower == target || run.empty() || !std::isupper(static_cast<unsigned char>(run[0]))) {
        continue;
      }
      if (similarity(lower, target) < kSameName) continue;
      words[start] = actor + trail;
      for (std::size_t i = start + 1; i < start + count; ++i) words[i].clear();
      ++changed;
    }
    std::erase_if(words, [](const std::string& word) { return word.empty(); });
  }
  return join_words(words);
}

std::optional<std::pair<std::string, std::string>> branch_initials(std::string_view first,
                                                                   std::string_view second) {
  const std::string a = in_capitals(normalize_text(first));
  const std::string b = in_capitals(normalize_text(second));
  if ((a == "Y" && b == "T") || (a == "T" && b == "Y")) return std::pair{a, b};
  return std::nullopt;
}

}  // namespace sopocr
