#include "build_record.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "date.h"
#include "duration.h"
#include "field_confidence.h"
#include "field_text.h"
#include "labels.h"
#include "line_joining.h"
#include "lists.h"
#include "nip.h"
#include "ocr_words.h"
#include "person_name.h"
#include "term_repair.h"
#include "text.h"
#include "unicode_nfc.h"

namespace sopocr {
namespace {

// Ink in which the engine found no text at all, not even marks it doubted, and nothing the size
// of a letter: a rule's ragged edge or a few specks left in a cell. An optional value there (a
// step's notes, a revision date) is blank, not unread; a reviewer shown it would find an empty
// cell.
bool blank_to_the_engine(const CellText& cell) {
  return !cell.has_ink ||
         (cell.original.empty() && cell.doubtful_words.empty() && !cell.letters_unread);
}

// Whether `reading` holds a word: three letters or more together. Specks and streaks in an
// empty cell read as "*", "J", "1", "te": no note or activity is so short.
bool holds_a_word(std::string_view reading) {
  int letters_together = 0;
  for (char c : reading) {
    // Any byte of a multibyte character is part of a letter here: "é" counts as one or two.
    const bool letter =
        std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    letters_together = letter ? letters_together + 1 : 0;
    if (letters_together >= 3) return true;
  }
  return false;
}

// The confidence of a review entry no reading backs: nothing was found where the field should be.
constexpr double kNothingFound = 0.0;
// The confidence of a choice between two readings the pipeline could not tell apart (which
// way a headless line runs, which of two arrows is the step's).
constexpr double kOneOfTwo = 0.5;

// Where a reviewer looks for a field of the identity page no label was found for: the cells
// that were read, and what they were.
CellText identity_area(const IdentityContent& identity) {
  CellText area;
  std::string found;
  auto include = [&](const std::string& key, const CellText& cell) {
    if (cell.page > 0 && area.page == 0) area.page = cell.page;
    if (cell.bbox_px.area() > 0) {
      area.bbox_px = area.bbox_px.area() > 0 ? (area.bbox_px | cell.bbox_px) : cell.bbox_px;
    }
    found += (found.empty() ? "" : ", ") + key;
  };
  for (const auto& [key, cell] : identity.fields) include(key, cell);
  for (const auto& [key, cell] : identity.lists) include(key, cell);
  area.original = "labels found: " + (found.empty() ? std::string("none") : found);
  return area;
}

// Collects review entries while the record's fields are filled in.
class ReviewList {
 public:
  ReviewList(const ReviewPolicy& policy, const Lexicon* lexicon)
      : policy_(policy), lexicon_(lexicon) {}

  void add(const std::string& path, const std::string& reason, const CellText& cell,
           double confidence) {
    ReviewEntry entry;
    entry.path = path;
    entry.reason = reason;
    entry.confidence = confidence;
    entry.raw = cell.original;  // empty where the cell was read as nothing
    if (cell.page > 0) entry.page = cell.page;
    if (cell.bbox_px.area() > 0) {
      entry.bbox =
          PixelBox{cell.bbox_px.x, cell.bbox_px.y, cell.bbox_px.width, cell.bbox_px.height};
    }
    entries_.push_back(std::move(entry));
  }

  // The cell's text, or nullopt for a blank cell. Unread ink is reviewed, and so is a value the
  // pipeline is not sure of (field_confidence below the policy's threshold). Prose has its
  // stray punctuation and garbled words repaired; codes are kept as read.
  enum class Kind { prose, sentence, code };
  std::optional<std::string> text_field(const CellText& cell, const std::string& path,
                                        Kind kind = Kind::prose) {
    if (!cell.has_ink) return std::nullopt;
    if (cell.text.empty()) {
      add(path, "not_read", cell, cell.confidence);
      return std::nullopt;
    }
    if (kind == Kind::code) {
      flag_if_weak(cell, path);
      return cell.text;
    }
    const TermRepair terms = normalize_prose(cell.text, lexicon_, words_read_as_printed(cell));
    const FieldKind judged_as = kind == Kind::sentence ? FieldKind::sentence : FieldKind::prose;
    judge(path, cell, field_confidence(terms.text, cell, judged_as, lexicon_, &terms));
    return terms.text;
  }

  // The items of a list cell; one review entry for the list, on its least sure item.
  std::vector<std::string> list_field(const CellText& cell, const std::string& path) {
    // A lone "-" says the list is empty.
    if (!cell.has_ink || is_placeholder(cell.text)) return {};
    std::vector<std::string> items =
        split_list_items(cell.original, lines_broken_on_purpose(cell.words));
    std::vector<std::string> kept;
    FieldConfidence weakest = field_confidence("", cell, FieldKind::code, lexicon_);
    const WordsReadAsPrinted as_printed = words_read_as_printed(cell);
    for (const std::string& item : items) {
      const TermRepair terms = normalize_list_item(item, lexicon_, as_printed);
      if (terms.text.empty()) continue;
      weakest = weaker(weakest,
                       field_confidence(terms.text, cell, FieldKind::list_item, lexicon_, &terms));
      kept.push_back(terms.text);
    }
    // Ink read as nothing, or as nothing but marks (". ."), is unread.
    if (kept.empty()) {
      add(path, "not_read", cell, cell.confidence);
      return {};
    }
    judge(path, cell, weakest);
    return kept;
  }

  // Reviews the field when the pipeline is less sure of it than the policy asks.
  void judge(const std::string& path, const CellText& cell, const FieldConfidence& confidence) {
    if (confidence.value >= policy_.review_threshold) return;
    add(path, confidence.reason, cell, confidence.value);
    entries_.back().candidates = confidence.candidates;
  }

  // Reviews a cell read with less OCR confidence than the policy asks.
  // Reviews a value kept as read when the OCR was unsure of it, or when `doubt` (what a
  // normaliser found) is weaker still.
  void flag_if_weak(const CellText& cell, const std::string& path,
                    const std::optional<FieldConfidence>& doubt = std::nullopt) {
    FieldConfidence confidence = field_confidence(cell.text, cell, FieldKind::code, lexicon_);
    if (doubt) confidence = weaker(confidence, *doubt);
    judge(path, cell, confidence);
  }

  // Reviews a short phrase kept as read (a branch label of no usual wording) when it reads as
  // no phrase (no word of three letters, a word no document uses) or the OCR was unsure of it.
  void flag_phrase_if_weak(const CellText& cell, const std::string& path) {
    judge(path, cell, field_confidence(cell.text, cell, FieldKind::list_item, lexicon_));
  }

  // Every PermenPAN-RB 35/2012 identity page prints each of its labels; one we did not find
  // means its value went unread, not that the document has none.
  std::nullopt_t label_not_found(const std::string& path, const IdentityContent& identity) {
    add(path, "label_not_found", identity_area(identity), kNothingFound);
    return std::nullopt;
  }

  // Withdraws the entries on `path`: a later stage settled what they doubted.
  void drop(const std::string& path) {
    std::erase_if(entries_, [&](const ReviewEntry& entry) { return entry.path == path; });
  }

  const ReviewPolicy& policy() const { return policy_; }
  std::vector<ReviewEntry> take() { return std::move(entries_); }

 private:
  const ReviewPolicy& policy_;
  const Lexicon* lexicon_;
  std::vector<ReviewEntry> entries_;
};

std::optional<std::string> header_text(const IdentityContent& identity, const std::string& key,
                                       const std::string& path, ReviewList& review,
                                       ReviewList::Kind kind) {
  auto found = identity.fields.find(key);
  if (found == identity.fields.end()) return review.label_not_found(path, identity);
  auto text = review.text_field(found->second, path, kind);
  if (text && is_placeholder(*text)) return std::nullopt;
  return text;
}

// A lane name's closing stop is printed where it ends an abbreviation ("Sek.", "Kasubag Umum &
// Kepeg."), and a speck after a whole word ("Staf.") otherwise: the stop is kept after a short
// word the SOP vocabulary never has standing alone (the dictionary knows "sek" as a cheque).
bool ends_in_abbreviation(const std::string& reading, const std::string& name,
                          const Lexicon& lexicon) {
  const std::string read = normalize_text(reading);
  if (name.empty() || read.size() < name.size() + 1 || read.back() != '.' ||
      !std::isalpha(static_cast<unsigned char>(name.back()))) {
    return false;
  }
  const std::size_t space = name.find_last_of(" /");
  const std::string last = space == std::string::npos ? name : name.substr(space + 1);
  constexpr std::size_t kLongestAbbreviation = 5;
  return last.size() <= kLongestAbbreviation &&
         std::isupper(static_cast<unsigned char>(last.front())) &&
         read.compare(read.size() - last.size() - 1, last.size(), last) == 0 &&
         lexicon.count(ascii_lower(last)) == 0;
}

// The word with each run of a repeated letter written once, lower case: "Kasubbag" and "kasubag"
// are both "kasubag".
std::string undoubled(const std::string& word) {
  std::string letters;
  for (char c : word_lower_utf8(word)) {
    if (letters.empty() || letters.back() != c) letters += c;
  }
  return letters;
}

// A letter lost from a long word of a lane name ("Pengadministras Umum", "Tim enanganan") is
// repaired. A short word is repaired only towards a title seen beside the name's next word
// ("Kepata Perangkat Daerah"), and never where the two differ by a doubled letter alone: offices
// spell their abbreviated titles their own way ("Kasubag" and "Kasubbag"). The name is repaired
// whole, so each word has its neighbours for context, and a word OCR read surely is kept. A
// repaired word takes a capital where the name's other words (but "dan", "atau") all have one: a
// lost first letter's case is the name's.
std::string repair_lane_words(const std::string& name, const Lexicon& lexicon,
                              const WordsReadAsPrinted& as_printed, bool& repaired) {
  constexpr std::size_t kShortestRepairedAlone = 8;
  constexpr std::size_t kShortestTitleWord = 4;
  const TermRepair whole = repair_terms(name, lexicon, as_printed);
  std::vector<std::string> words = split_words(name);
  // Repairs come in reading order; each belongs to the first word still ahead that holds it.
  auto next_repair = whole.repairs.begin();
  for (std::string& word : words) {
    for (; next_repair != whole.repairs.end(); ++next_repair) {
      const std::size_t at = word.find(next_repair->reading);
      if (at == std::string::npos) break;
      const bool seen_beside =
          !next_repair->candidates.empty() && next_repair->candidates.front().in_context;
      const bool short_word = decode_utf8(next_repair->reading).size() < kShortestRepairedAlone;
      if (short_word &&
          (!seen_beside || undoubled(next_repair->reading) == undoubled(*next_repair->repaired))) {
        continue;
      }
      const bool title_case =
          std::all_of(words.begin(), words.end(), [&](const std::string& other) {
            return &other == &word || other.size() < kShortestTitleWord ||
                   !std::islower(static_cast<unsigned char>(other.front()));
          });
      std::string repair = *next_repair->repaired;
      if (title_case && at == 0)
        repair.front() =
            static_cast<char>(std::toupper(static_cast<unsigned char>(repair.front())));
      word.replace(at, next_repair->reading.size(), repair);
      repaired = true;
    }
  }
  return join_words(words);
}

std::optional<std::string> header_date(const IdentityContent& identity, const std::string& key,
                                       const std::string& path, ReviewList& review) {
  auto found = identity.fields.find(key);
  if (found == identity.fields.end()) return review.label_not_found(path, identity);
  const CellText& cell = found->second;
  if (blank_to_the_engine(cell) || is_placeholder(cell.text)) return std::nullopt;
  if (cell.letters_unread) {
    review.add(path, "not_read", cell, kNothingFound);
    return std::nullopt;
  }
  const ParsedDate date = parse_indonesian_date(cell.text);
  if (!date.iso) {
    review.add(path, date.problem == "no day" ? "incomplete_date" : "invalid_date", cell,
               cell.confidence);
    return std::nullopt;
  }
  const int latest_year = review.policy().latest_date_year;
  if (latest_year > 0 && std::stoi(date.iso->substr(0, 4)) > latest_year) {
    review.add(path, "implausible_date", cell, cell.confidence);
    return std::nullopt;
  }
  review.flag_if_weak(cell, path, date.repaired ? std::optional(repair_doubt()) : std::nullopt);
  return date.iso;
}

bool printed_without_day(const IdentityContent& identity, const std::string& key) {
  const auto found = identity.fields.find(key);
  return found != identity.fields.end() &&
         parse_indonesian_date(found->second.text).problem == "no day";
}

// A rank line names the rank ("Pembina Tk. I") or ends in its grade ("IV/b", "IV.b"); a stamp
// over it leaves the grade's letters run together ("VIVb") more often than a word of the rank.
bool looks_like_rank(const std::string& line) {
  static const std::regex rank(
      "\\b(Pembina|Penata|Pengatur|Juru|Utama|Madya|Muda|Tk\\.?\\s*I|Tk|I[VX]?/[a-e]|III/[a-e]|"
      "II/[a-e])\\b",
      std::regex::icase);
  static const std::regex grade_at_end("[IV]{1,3}\\s*[./]?\\s*[a-e]\\s*\\)?\\s*$");
  return std::regex_search(line, rank) || std::regex_search(line, grade_at_end);
}

bool looks_like_position(const std::string& line) {
  static const std::regex position(
      "\\b(Kepala|Sekretaris|Dinas|Badan|Bagian|Bidang|Kota|Kabupaten|Provinsi|Daerah|Umum|"
      "Plh|Plt|Pemerintah)\\b",
      std::regex::icase);
  return std::regex_search(line, position);
}

// No name has a digit (once a degree's letters misread as digits are repaired: "S.5os."), and
// every name has a word of two letters.
bool could_be_a_name(const std::string& line) {
  static const std::regex two_letters("[A-Za-z]{2}");
  return std::none_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
         std::regex_search(line, two_letters);
}

// The lines of the approver's block. A stamp's ring or lettering crossing a line left of its
// text reads as a word of a character or two standing apart from it ("t H. Ahmad Aznem",
// "2 ABDURRAHMAN", "k NIP. 1973…"): such a word, further from the next than the line is high,
// is no part of the line (the line's height: the median of its words', a stamp's letter may be
// tall). Words one space apart ("La Ode") are.
std::vector<std::string> approver_lines(const CellText& cell) {
  std::vector<std::vector<const OcrWord*>> boxed_lines;
  for (std::size_t i = 0; i < cell.words.size(); ++i) {
    if (i == 0 || cell.words[i].line != cell.words[i - 1].line) boxed_lines.emplace_back();
    boxed_lines.back().push_back(&cell.words[i]);
  }
  std::vector<std::string> lines = split_lines(cell.original);
  for (std::string& line : lines) {
    const std::vector<std::string> line_words = split_words(line);
    auto boxes_this_line = [&](const std::vector<const OcrWord*>& words) {
      if (words.size() != line_words.size()) return false;
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (normalize_text(words[i]->text) != line_words[i]) return false;
      }
      return true;
    };
    const auto boxed = std::find_if(boxed_lines.begin(), boxed_lines.end(), boxes_this_line);
    if (boxed == boxed_lines.end()) continue;
    std::vector<int> heights;
    for (const OcrWord* word : *boxed) heights.push_back(word->bbox_px.height);
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    const int height = heights[heights.size() / 2];
    // An initial or an honorific ("H.", "A.", "Hj") stands apart where the stamp took the
    // letters after it ("H. ad Azngin"): it is the name's.
    static const std::regex initial("[A-Z]\\.?|Hj\\.?|Dr|Ir");
    std::size_t specks = 0;
    while (specks + 1 < boxed->size() && specks < 2 &&
           decode_utf8((*boxed)[specks]->text).size() <= 2 &&
           !std::regex_match((*boxed)[specks]->text, initial) &&
           (*boxed)[specks + 1]->bbox_px.x - (*boxed)[specks]->bbox_px.br().x > height) {
      ++specks;
    }
    if (specks == 0) continue;
    line.clear();
    for (std::size_t i = specks; i < line_words.size(); ++i) {
      line += (line.empty() ? "" : " ") + line_words[i];
    }
  }
  return lines;
}

// "Disahkan Oleh": position lines, signature space, name, rank, "NIP. …" (PermenPAN-RB 35/2012).
std::optional<Approver> read_approver(const IdentityContent& identity, ReviewList& review) {
  auto found = identity.fields.find("approved_by");
  if (found == identity.fields.end()) return review.label_not_found("/header/approver", identity);
  if (!found->second.has_ink) return std::nullopt;
  const CellText& cell = found->second;
  if (identity.keys_placed_by_content.contains("approved_by")) {
    review.add("/header/approver", "read_without_label", cell, kOneOfTwo);
  }
  std::vector<std::string> lines = approver_lines(cell);
  Approver approver;
  auto nip_at = std::find_if(lines.begin(), lines.end(), holds_nip_digits);
  if (nip_at != lines.end()) {
    const ParsedNip nip = parse_nip(*nip_at);
    approver.nip = nip.nip;
    if (nip.nip && !nip.valid) {
      CellText raw = cell;
      raw.original = *nip_at;
      review.add("/header/approver/nip", "invalid_nip", raw, cell.confidence);
    }
  } else {
    review.add("/header/approver/nip", "not_read", cell, cell.confidence);
  }
  std::vector<std::string> before(lines.begin(), nip_at);
  if (!before.empty() && looks_like_rank(before.back())) {
    approver.rank = normalize_text(before.back());
    before.pop_back();
  } else if (before.size() >= 2 && !reads_as_name_with_degrees(before.back()) &&
             reads_as_name_with_degrees(before[before.size() - 2])) {
    // The name line is the one ending in degrees; the line under it a stamp garbled past
    // knowing ("Ka PERAK Tive" for "Pembina Tk. I/IV.b") is where the rank stands.
    approver.rank = normalize_text(before.back());
    CellText rank = cell;
    rank.original = before.back();
    review.add("/header/approver/rank", "rank_not_recognised", rank, cell.confidence);
    before.pop_back();
  }
  // The line above the rank is the name, unless the name went unread and that line is still
  // the position ("Provinsi Kalimantan Timur"), or is what the stamp's emblem, lettering or the
  // NIP's digits read as ("*", "3", "mip 1975 MOL2").
  if (!before.empty() && !looks_like_position(before.back())) {
    std::string name = normalize_person_name(before.back());
    if (could_be_a_name(name)) approver.name = std::move(name);
    before.pop_back();
  }
  std::string position;
  for (const std::string& line : before) position += (position.empty() ? "" : " ") + line;
  position = normalize_text(position);
  if (!position.empty() && position.back() == ',')
    position = normalize_text(position.substr(0, position.size() - 1));
  if (!position.empty()) approver.position = position;
  if (!approver.name) review.add("/header/approver/name", "not_read", cell, cell.confidence);
  // "S.T...M.L.": dots run together are specks in a name's degrees.
  const bool garbled_name = approver.name && approver.name->find("..") != std::string::npos;
  review.flag_if_weak(
      cell, "/header/approver",
      garbled_name ? std::optional(FieldConfidence{0.4, "garbled_name", {}}) : std::nullopt);
  // The signature or stamp over the name and NIP was taken out before reading; the letters it
  // crossed lost pixels, and OCR reads the damage confidently ("SUHEFPMAN").
  if (cell.coloured_ink_removed) {
    review.add("/header/approver", "read_under_signature", cell, kOneOfTwo);
  }
  return approver;
}

// A name, number or title begins with a letter or a digit and ends with one (or in a
// bracket: "… (LKIP)"): a speck, a rule's end or a stamp's letter beside it reads as ".", ",",
// "“" or "*" ("061/016/BID.BIKON.", "“Registrasi …", "… KALIMANTAN TIMUR.").
std::string without_marks_at_its_ends(const std::string& text) {
  const std::u32string letters = decode_utf8(text);
  auto kept_at_start = [](char32_t c) {
    return is_word_letter(c) || (c >= U'0' && c <= U'9') || c == U'(';
  };
  auto kept_at_end = [](char32_t c) {
    return is_word_letter(c) || (c >= U'0' && c <= U'9') || c == U')';
  };
  const auto first = std::find_if(letters.begin(), letters.end(), kept_at_start);
  const auto last = std::find_if(letters.rbegin(), letters.rend(), kept_at_end).base();
  if (first >= last) return {};
  return encode_utf8(std::u32string_view(letters).substr(
      static_cast<std::size_t>(first - letters.begin()), static_cast<std::size_t>(last - first)));
}

// Whether `lone`, a character read apart at the start (`before_code`) or the end of an SOP
// number, stands against the rest of it: Tesseract spaces a narrow last digit off a code
// ("…/Disnaker.0 1") it sets closer than half the digit's height, even over it; a speck or a
// stamp's letter stands further off. Without the words' boxes, nothing says so.
bool glued_to_the_code(const CellText& cell, const std::string& lone, bool before_code) {
  const auto& words = cell.words;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::size_t at = before_code ? i : words.size() - 1 - i;
    if (words[at].text != lone) continue;
    const std::size_t neighbour = before_code ? at + 1 : at - 1;
    if (neighbour >= words.size() || words[neighbour].line != words[at].line) return false;
    const cv::Rect& mark = words[at].bbox_px;
    const cv::Rect& code = words[neighbour].bbox_px;
    const int gap = before_code ? code.x - mark.br().x : mark.x - code.br().x;
    return 2 * gap <= mark.height;
  }
  return false;
}

// `code` with each O in a part of digits read as the zero it is ("…/Disnaker.O1", "O67.1/…"):
// a part between separators that holds a digit and otherwise only O's is a number.
std::string zeros_read_as_o(const std::string& code) {
  std::string mended = code;
  std::size_t start = 0;
  while (start < mended.size()) {
    const std::size_t end = std::min(mended.find_first_of("./- ", start), mended.size());
    const auto first = mended.begin() + static_cast<long>(start);
    const auto last = mended.begin() + static_cast<long>(end);
    const bool digit = std::any_of(first, last, [](char c) { return c >= '0' && c <= '9'; });
    const bool digits_and_o = std::all_of(
        first, last, [](char c) { return (c >= '0' && c <= '9') || c == 'O' || c == 'o'; });
    if (digit && digits_and_o) {
      std::replace(first, last, 'O', '0');
      std::replace(first, last, 'o', '0');
    }
    start = end + 1;
  }
  return mended;
}

void fill_identity(const IdentityContent& identity, SopRecord& record, ReviewList& review) {
  Header& header = record.header;
  if (identity.institution) {
    header.institution =
        review.text_field(*identity.institution, "/header/institution", ReviewList::Kind::code);
    if (header.institution) header.institution = without_marks_at_its_ends(*header.institution);
    if (header.institution && header.institution->empty()) {
      header.institution.reset();
      review.add("/header/institution", "not_read", *identity.institution, kNothingFound);
    }
  } else {
    review.add("/header/institution", "not_read", identity_area(identity), kNothingFound);
  }
  header.sop_number =
      header_text(identity, "sop_number", "/header/sop_number", review, ReviewList::Kind::code);
  if (header.sop_number) header.sop_number = without_marks_at_its_ends(*header.sop_number);
  if (header.sop_number && header.sop_number->empty()) {
    header.sop_number.reset();
    review.add("/header/sop_number", "not_read", identity.fields.at("sop_number"), kNothingFound);
  }
  // A number typed or written into a printed blank ("000.8.3.3/ 256 /SATPOLPP-A") keeps the
  // blank's width as spaces beside its slashes, and OCR spaces a code's dots and hyphens at low
  // resolution ("BID. BIKON"); a database matches the number without them.
  if (header.sop_number) {
    static const std::regex spaced_separator("\\s*([/.-])\\s*");
    header.sop_number = std::regex_replace(*header.sop_number, spaced_separator, "$1");
    // A lone character standing apart before or after a code with separators ("5 067.1/012/…",
    // "…/BID.BIKON 5") is a speck or a stamp's letter: no numbering scheme begins or ends so.
    // One standing against it is its own.
    const std::vector<std::string> parts = split_words(*header.sop_number);
    if (parts.size() == 2) {
      for (std::size_t lone = 0; lone < 2; ++lone) {
        const std::string& code = parts[1 - lone];
        if (parts[lone].size() != 1 || code.find_first_of("/.") == std::string::npos) continue;
        const bool before_code = lone == 0;
        if (!glued_to_the_code(identity.fields.at("sop_number"), parts[lone], before_code)) {
          header.sop_number = code;
        } else {
          header.sop_number = before_code ? parts[0] + code : code + parts[1];
        }
      }
    }
    header.sop_number = zeros_read_as_o(*header.sop_number);
    // A space left inside a number's part is a dot or a slash OCR lost ("000.8 3.3",
    // "329 ISATPOLPP") as often as one printed: kept as read, and reviewed.
    if (header.sop_number->find(' ') != std::string::npos) {
      review.add("/header/sop_number", "space_in_code", identity.fields.at("sop_number"),
                 kOneOfTwo);
    }
    // No numbering scheme uses "%", "*" or quotes: such a mark is a digit or a separator
    // misread ("25%" for "256").
    const bool unexpected_mark =
        std::any_of(header.sop_number->begin(), header.sop_number->end(), [](char c) {
          return !std::isalnum(static_cast<unsigned char>(c)) &&
                 std::string_view(" ./-_(),:").find(c) == std::string_view::npos;
        });
    if (unexpected_mark) {
      review.add("/header/sop_number", "unexpected_mark_in_code",
                 identity.fields.at("sop_number"), kNothingFound);
    }
  }
  header.title = header_text(identity, "title", "/header/title", review, ReviewList::Kind::prose);
  if (header.title) {
    header.title = without_marks_at_its_ends(*header.title);
    if (header.title->empty()) {
      header.title.reset();
      review.add("/header/title", "not_read", identity.fields.at("title"), kNothingFound);
    }
  }
  header.created = header_date(identity, "created", "/header/created", review);
  header.revised = header_date(identity, "revised", "/header/revised", review);
  header.effective = header_date(identity, "effective", "/header/effective", review);
  // A template that prints its dates as a month and a year ("Agustus 2023") prints both so, and
  // they are null by the contract with nothing a reviewer could add; a day the scan lost would
  // leave one of them without it, not both.
  if (printed_without_day(identity, "created") && printed_without_day(identity, "effective")) {
    review.drop("/header/created");
    review.drop("/header/effective");
  }
  header.approver = read_approver(identity, review);

  const std::pair<const char*, std::vector<std::string> SopRecord::*> lists[] = {
      {"legal_basis", &SopRecord::legal_basis},   {"qualifications", &SopRecord::qualifications},
      {"related_sops", &SopRecord::related_sops}, {"equipment", &SopRecord::equipment},
      {"warnings", &SopRecord::warnings},         {"recording", &SopRecord::recording},
  };
  for (const auto& [key, member] : lists) {
    auto found = identity.lists.find(key);
    if (found == identity.lists.end()) {
      review.label_not_found(std::string("/") + key, identity);
      continue;
    }
    record.*member = review.list_field(found->second, std::string("/") + key);
  }
}

// A SOP read without its identity page (lost, unrecognised, or never scanned) has no header
// value and no list that was read: all of them are for a person to fill in. (A regulation's
// appendix prints its SOPs under a title line and no identity page: a SOP whose title line was
// read has none to find.)
void review_missing_identity(const RawSop& sop, ReviewList& review) {
  CellText where;
  if (!sop.pages.empty()) where.page = sop.pages.front();
  review.add("/header", "identity_page_not_found", where, kNothingFound);
  for (const char* list : {"/legal_basis", "/qualifications", "/related_sops", "/equipment",
                           "/warnings", "/recording"}) {
    review.add(list, "identity_page_not_found", where, kNothingFound);
  }
}

// The number printed in a row's No cell. Specks beside it read as marks ("“3", "2°", "12!"); a
// letter or a second number is no reading of one.
std::optional<int> step_number(const CellText& cell, const std::string& path, ReviewList& review) {
  if (blank_to_the_engine(cell)) return std::nullopt;
  static const std::regex number("^[^A-Za-z0-9]*(\\d{1,3})[^A-Za-z0-9]*$");
  std::smatch match;
  if (!std::regex_match(cell.text, match, number)) {
    review.add(path, "not_read", cell, cell.confidence);
    return std::nullopt;
  }
  review.flag_if_weak(cell, path);
  return std::stoi(match[1].str());
}

// The row's swimlane area: where a reviewer looks for its symbol and arrows.
// The row's swimlane area, and what was read there, as the raw reading of its flow entries:
// "process in lane 2; arrows to rows +1, -2; 1 loose end".
CellText lanes_of(const StepRowContent& row) {
  CellText lanes;
  lanes.page = row.page;
  lanes.bbox_px = row.lanes_bbox_px;
  std::string symbols;
  for (const PlacedSymbol& placed : row.symbols) {
    symbols += (symbols.empty() ? "" : ", ") + std::string(to_string(placed.symbol.kind)) +
               " in lane " + std::to_string(placed.lane + 1);
  }
  std::string arrows;
  for (const StepArrow& arrow : row.arrows_out) {
    std::string target = "an off-page connector";
    if (arrow.row_offset) {
      target = "row " + std::string(*arrow.row_offset > 0 ? "+" : "") +
               std::to_string(*arrow.row_offset);
    }
    arrows += (arrows.empty() ? "" : ", ") + target;
  }
  lanes.original = (symbols.empty() ? "no symbol" : symbols) + "; " +
                   (arrows.empty() ? "no arrow out" : "arrows to " + arrows);
  if (row.loose_arrow_starts > 0) {
    lanes.original +=
        "; " + std::to_string(row.loose_arrow_starts) + " line(s) out reaching no symbol";
  }
  if (row.arrivals_from_nowhere > 0) {
    lanes.original +=
        "; " + std::to_string(row.arrivals_from_nowhere) + " arrow(s) in from no symbol";
  }
  return lanes;
}

// Whether join_split_words joins two pieces of one line of `reading`.
bool joins_within_a_line(const std::string& reading, const Lexicon& lexicon) {
  bool joined = false;
  for (const std::string& line : split_lines(reading)) {
    join_split_words(normalize_text(line), lexicon, joined);
  }
  return joined;
}

// A lane's name as its steps' actor. A name the pipeline is not sure of leaves every step in the
// lane unsure of its actor: each is what a downstream system reads, and each is reviewed.
struct LaneActor {
  std::optional<std::string> name;  // nullopt: the name went unread
  std::optional<FieldConfidence> doubt;
  CellText name_cell;
};

// The actor of a lane of the SOP's first table page. A continuation page whose table was read
// with more lanes than the first (a rule split a lane, or one was missed there) puts symbols in
// lanes the SOP has no name for: no actor, never another lane's.
std::optional<std::string> actor_of_lane(const std::vector<LaneActor>& lane_actor, int lane) {
  if (lane < 0 || static_cast<std::size_t>(lane) >= lane_actor.size()) return std::nullopt;
  return lane_actor[static_cast<std::size_t>(lane)].name;
}

// Whether the table's author ends activities with a stop. Authors are not consistent: on the
// real scans, tables end two of seven activities with one, or six of thirteen. A speck after
// the last word lands on one activity here and there: never on two of one table in the
// randomised set's 300 documents.
bool activities_end_in_stops(const std::vector<StepRowContent>& rows) {
  constexpr int kFewestStops = 2;
  int read = 0;
  int stopped = 0;
  for (const StepRowContent& row : rows) {
    if (row.activity.text.empty()) continue;
    ++read;
    if (row.activity.text.back() == '.') ++stopped;
  }
  return stopped >= kFewestStops && 4 * stopped >= read;
}

// The cell with the words its narrow column broke over two lines joined again
// (ocr_words.h with_wrapped_words_joined), its text read anew from them.
CellText with_wrapped_words_joined(const CellText& cell, const Lexicon& lexicon) {
  std::vector<OcrWord> words = with_wrapped_words_joined(cell.words, lexicon);
  if (words.size() == cell.words.size()) return cell;
  CellText joined = cell;
  joined.words = std::move(words);
  joined.original = reading_of(joined.words);
  joined.text = normalize_text(unwrap_lines(joined.original));
  return joined;
}

// The duration of a Waktu cell read as a unit alone ("hari", "t hari") where a bar shaped as the
// digit one stands before the unit (shaped_as_digit_one_before): Tesseract reads a serif "1"
// before a word as "|", "I", "t" or "Il", and the bar is dropped as a speck or the amount reads
// as letters. Nullopt where no such bar stands there.
std::optional<Duration> duration_with_its_one(const CellText& cell) {
  const std::vector<OcrWord>& words = cell.words;
  if (words.empty()) return std::nullopt;
  const std::string& first = words[0].text;
  const bool letter_first =
      decode_utf8(first).size() <= 2 && std::none_of(first.begin(), first.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      });
  const std::size_t unit_at = letter_first ? 1 : 0;
  if (unit_at >= words.size() || !names_a_unit_of_time(words[unit_at].text)) return std::nullopt;
  const OcrWord& unit = words[unit_at];
  const auto one_before_unit = [&](const OcrWord& glyph) {
    return glyph.line == unit.line && shaped_as_digit_one_before(glyph, unit);
  };
  const bool one_found = letter_first ? one_before_unit(words[0])
                                      : std::any_of(cell.doubtful_words.begin(),
                                                    cell.doubtful_words.end(), one_before_unit);
  if (!one_found) return std::nullopt;
  std::string reading = "1";
  for (std::size_t i = unit_at; i < words.size(); ++i) reading += " " + words[i].text;
  std::optional<Duration> duration = parse_duration(reading);
  if (!duration || !duration->amount) return std::nullopt;
  return duration;
}

Step build_step(const StepRowContent& row, std::size_t index,
                const std::vector<LaneActor>& lane_actor, ReviewList::Kind activity_kind,
                ReviewList& review) {
  const std::string base = "/steps/" + std::to_string(index);
  Step step;
  step.no = step_number(row.number, base + "/no", review);
  step.activity = review.text_field(row.activity, base + "/activity", activity_kind);
  step.requirements = review.list_field(row.requirements, base + "/requirements");
  step.outputs = review.list_field(row.outputs, base + "/outputs");
  // Keterangan is optional: a lone "-" there says there is no note, as in a list cell. Marks
  // that read as no word are not a note either, but a reviewer sees what the cell holds.
  const bool no_note = blank_to_the_engine(row.notes) || is_placeholder(row.notes.text);
  if (!no_note && holds_a_word(row.notes.text)) {
    step.notes = review.text_field(row.notes, base + "/notes");
  } else if (!no_note) {
    review.add(base + "/notes", "not_read", row.notes, row.notes.confidence);
  }
  if (row.duration.has_ink) {
    step.duration = parse_duration(row.duration.text);
    bool one_found = false;
    if (!step.duration) {
      step.duration = duration_with_its_one(row.duration);
      one_found = step.duration.has_value();
    }
    if (step.duration && step.duration->unit == DurationUnit::other &&
        row.duration.confidence < review.policy().min_wording_confidence) {
      step.duration.reset();
      review.add(base + "/duration", "not_read", row.duration, row.duration.confidence);
    } else if (one_found) {
      review.flag_if_weak(row.duration, base + "/duration", repair_doubt());
    } else if (!step.duration) {
      review.add(base + "/duration", "unparsed_duration", row.duration, row.duration.confidence);
    } else if (step.duration->unit == DurationUnit::other) {
      // A time given in words ("Setiap saat") is kept as read: checked where it reads as no
      // phrase ("han", a garbled "hari" whose amount was lost).
      review.flag_phrase_if_weak(row.duration, base + "/duration");
    } else {
      review.flag_if_weak(row.duration, base + "/duration");
    }
  }

  const CellText lanes = lanes_of(row);
  if (row.symbols.empty()) {
    review.add(base + "/symbol", "symbol_not_found", lanes, kNothingFound);
    review.add(base + "/actor", "symbol_not_found", lanes, kNothingFound);
  } else {
    // Connectors drawn in a row (the off-page connector where a flow resumes) mark where an
    // arrow comes from, not the step: the step is the other shape. Of several step shapes the
    // contract takes the one the flow enters, and the leftmost where the arrows do not tell
    // (symbols are in column order).
    auto is_connector_shape = [](const PlacedSymbol& placed) {
      return is_connector(placed.symbol.kind);
    };
    auto is_step_shape = [&](const PlacedSymbol& placed) { return !is_connector_shape(placed); };
    auto entered_step_shape = [&](const PlacedSymbol& placed) {
      return is_step_shape(placed) && placed.flow_enters;
    };
    const auto step_shapes = std::count_if(row.symbols.begin(), row.symbols.end(), is_step_shape);
    const auto entered_shapes =
        std::count_if(row.symbols.begin(), row.symbols.end(), entered_step_shape);
    const bool flow_tells = entered_shapes == 1;
    const auto leftmost_step_shape =
        std::find_if(row.symbols.begin(), row.symbols.end(), is_step_shape);
    const auto step_shape =
        flow_tells ? std::find_if(row.symbols.begin(), row.symbols.end(), entered_step_shape)
                   : leftmost_step_shape;
    const PlacedSymbol& primary =
        step_shape != row.symbols.end() ? *step_shape : row.symbols.front();
    step.symbol = primary.symbol.kind;
    if (primary.symbol.confidence < review.policy().min_symbol_confidence) {
      review.add(base + "/symbol", "uncertain_symbol", lanes, primary.symbol.confidence);
    }
    step.actor = actor_of_lane(lane_actor, primary.lane);
    if (!step.actor) {
      review.add(base + "/actor", "lane_name_not_read", lanes, kNothingFound);
    } else if (primary.lane_uncertain) {
      review.add(base + "/actor", "uncertain_lane", lanes, kOneOfTwo);
    } else if (const LaneActor& lane = lane_actor[static_cast<std::size_t>(primary.lane)];
               lane.doubt) {
      review.add(base + "/actor", lane.doubt->reason, lane.name_cell, lane.doubt->value);
    }
    for (const PlacedSymbol& placed : row.symbols) {
      if (&placed == &primary || (is_connector_shape(placed) && step_shape != row.symbols.end()))
        continue;
      const std::optional<std::string> other = actor_of_lane(lane_actor, placed.lane);
      if (other && other != step.actor &&
          std::find(step.other_actors.begin(), step.other_actors.end(), *other) ==
              step.other_actors.end()) {
        step.other_actors.push_back(*other);
      }
    }
    // The arrows traced into the leftmost shape settle it; where they chose another shape (a line
    // of a low-resolution scan may be taken for the wrong one's) or could not tell, a person
    // checks.
    const bool settled = flow_tells && step_shape == leftmost_step_shape;
    if (step_shapes > 1 && !settled) {
      review.add(base + "/actor", "several_symbols", lanes, kOneOfTwo);
    }
  }
  return step;
}

// Normalised correlation of two marks' ink: the same letter printed twice and scanned scores
// above kSameMark. Off the next page, marks must at least look alike (kLikeMark).
constexpr double kSameMark = 0.8;
constexpr double kLikeMark = 0.5;
constexpr double kNextPageBonus = 0.2;

struct ConnectorMatch {
  std::size_t target_row = 0;
  bool certain = false;  // the marks look alike and nothing else competed
};

// Pairs every arrow into an off-page connector with the incoming connector where the flow
// resumes: PermenPAN-RB 35/2012 gives each pair its own mark, printed alike at both ends, so the
// pairs whose marks look most alike go first (the next page breaking near-ties), each connector
// used once. A pair with unlike or missing marks is kept only on the next page and is not
// certain. Keyed by (row, arrow).
std::map<std::pair<std::size_t, std::size_t>, ConnectorMatch> match_connectors(const RawSop& sop) {
  struct End {
    std::size_t row;
    std::size_t index;  // arrow index (outgoing) or mark index (incoming) in the row
    ConnectorGlyph mark;
  };
  std::vector<End> outgoing;
  std::vector<End> incoming;
  for (std::size_t r = 0; r < sop.rows.size(); ++r) {
    const StepRowContent& row = sop.rows[r];
    for (std::size_t a = 0; a < row.arrows_out.size(); ++a) {
      if (row.arrows_out[a].connector_mark) {
        outgoing.push_back({r, a, *row.arrows_out[a].connector_mark});
      }
    }
    for (std::size_t m = 0; m < row.arrives_from_connectors.size(); ++m) {
      incoming.push_back({r, m, row.arrives_from_connectors[m]});
    }
  }
  auto page_index = [&](std::size_t row) {
    return std::find(sop.pages.begin(), sop.pages.end(), sop.rows[row].page) - sop.pages.begin();
  };
  struct Candidate {
    double score;
    std::size_t out;
    std::size_t in;
  };
  std::vector<Candidate> candidates;
  for (std::size_t o = 0; o < outgoing.size(); ++o) {
    for (std::size_t i = 0; i < incoming.size(); ++i) {
      const auto from_page = page_index(outgoing[o].row);
      const auto to_page = page_index(incoming[i].row);
      if (from_page == to_page) continue;
      const bool next_page = to_page == from_page + 1;
      const double similarity = glyph_similarity(outgoing[o].mark, incoming[i].mark);
      if (!next_page && similarity < kLikeMark) continue;
      candidates.push_back({similarity + (next_page ? kNextPageBonus : 0.0), o, i});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  std::vector<bool> out_used(outgoing.size(), false);
  std::vector<bool> in_used(incoming.size(), false);
  std::map<std::pair<std::size_t, std::size_t>, ConnectorMatch> matches;
  for (const Candidate& candidate : candidates) {
    if (out_used[candidate.out] || in_used[candidate.in]) continue;
    out_used[candidate.out] = in_used[candidate.in] = true;
    const End& out = outgoing[candidate.out];
    const End& in = incoming[candidate.in];
    const bool rival = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) {
      return (c.out == candidate.out) != (c.in == candidate.in) && c.score >= candidate.score - 0.1;
    });
    const bool alike = glyph_similarity(out.mark, in.mark) >= kSameMark;
    matches[{out.row, out.index}] = {in.row, alike && !rival};
  }
  return matches;
}

// Whether `from` has an edge to the step at index `target` of `steps`.
bool leads_to(const Step& from, std::size_t target, const std::vector<Step>& steps) {
  return std::any_of(from.next.begin(), from.next.end(), [&](const Edge& edge) {
    return edge.to_index == static_cast<int>(target) || (edge.to && edge.to == steps[target].no);
  });
}

// Turns the arrows traced on each page into `next` edges by target step. An arrow whose end
// was not found, a connector that could not be matched or a step that should lead on and has no
// arrow puts the step's `next` on the review list; no edge is ever assumed.
void link_steps(const RawSop& sop, SopRecord& record, ReviewList& review) {
  const auto connectors = match_connectors(sop);
  // Most SOPs label no branch at all (on the real scans, 19 of 23 with a decision): a branch
  // without a label is one whose label went unread only where the SOP labels some branch.
  const bool branches_labelled =
      std::any_of(sop.rows.begin(), sop.rows.end(), [](const StepRowContent& row) {
        return std::any_of(
            row.arrows_out.begin(), row.arrows_out.end(),
            [](const StepArrow& arrow) { return arrow.label && arrow.label->has_ink; });
      });
  for (std::size_t i = 0; i < sop.rows.size(); ++i) {
    const StepRowContent& row = sop.rows[i];
    Step& step = record.steps[i];
    const std::string path = "/steps/" + std::to_string(i) + "/next";
    bool unresolved = row.loose_arrow_starts > 0;
    bool uncertain = false;
    // A headless line to the very next step is the table's order; one that skips steps could
    // as well be a branch coming back up.
    bool direction_inferred = false;
    // An arrow whose line was lost for a stretch was joined over it by where its ends head.
    bool joined_across_gap = false;
    // The labels of no usual wording, kept as read, by their edge's place in step.next.
    std::map<std::size_t, const CellText*> unusual_labels;
    for (std::size_t a = 0; a < row.arrows_out.size(); ++a) {
      const StepArrow& arrow = row.arrows_out[a];
      std::optional<std::size_t> target;
      if (arrow.row_offset) {
        const auto index = static_cast<long>(i) + *arrow.row_offset;
        if (index >= 0 && index < static_cast<long>(sop.rows.size()) &&
            sop.rows[index].page == row.page) {
          target = static_cast<std::size_t>(index);
        }
      } else if (arrow.connector_mark) {
        const auto match = connectors.find({i, a});
        if (match != connectors.end()) {
          target = match->second.target_row;
          uncertain = uncertain || !match->second.certain;
        }
      }
      if (!target) {
        unresolved = true;
        continue;
      }
      if (arrow.headless && *target != i + 1) direction_inferred = true;
      if (arrow.joined_across_gap) joined_across_gap = true;
      Edge edge;
      // A number printed twice (one of them misread) cannot say which step: then, as for a
      // row without a number, the index does.
      const std::optional<int> number = record.steps[*target].no;
      const bool unique =
          number && std::count_if(record.steps.begin(), record.steps.end(),
                                  [&](const Step& other) { return other.no == number; }) == 1;
      if (unique) {
        edge.to = number;
      } else {
        edge.to_index = static_cast<int>(*target);
      }
      const CellText* unusual = nullptr;
      if (arrow.label && arrow.label->has_ink) {
        // "YA", "Tldak" or "Tidak lenakap" is a usual wording (decision_branch_label); other
        // wording is kept as read, and checked by a person where it reads as no phrase or OCR
        // was unsure.
        edge.label = decision_branch_label(arrow.label->text);
        if (edge.label) {
          review.flag_if_weak(*arrow.label, path);
        } else if (!arrow.label->text.empty()) {
          edge.label = arrow.label->text;
          unusual = &*arrow.label;
        } else {
          review.add(path, "label_not_read", *arrow.label, arrow.label->confidence);
        }
      }
      if (std::find(step.next.begin(), step.next.end(), edge) == step.next.end()) {
        step.next.push_back(std::move(edge));
        if (unusual) unusual_labels[step.next.size() - 1] = unusual;
      } else if (unusual) {
        review.flag_phrase_if_weak(*unusual, path);
      }
    }
    const bool two_branches = step.symbol == SymbolKind::decision && step.next.size() == 2 &&
                              step.next[0].label && step.next[1].label;
    const auto initials =
        two_branches ? branch_initials(*step.next[0].label, *step.next[1].label) : std::nullopt;
    if (initials) {
      step.next[0].label = initials->first;
      step.next[1].label = initials->second;
    } else {
      for (const auto& unusual : unusual_labels) review.flag_phrase_if_weak(*unusual.second, path);
    }
    // A decision's two branches answer each other: where one reads "Ya" and the other only
    // "AK" or "Tuak" (cut short by a rule, or misread), that one is "Tidak".
    if (step.symbol == SymbolKind::decision && step.next.size() == 2 &&
        unusual_labels.size() == 1) {
      const auto [garbled, as_read] = *unusual_labels.begin();
      const Edge& other = step.next[1 - garbled];
      if (other.label) {
        if (auto answer = other_branch_label(*other.label, *step.next[garbled].label)) {
          step.next[garbled].label = std::move(answer);
          review.flag_if_weak(*as_read, path, repair_doubt({as_read->text}));
        }
      }
    }
    const bool decision_without_labels = branches_labelled && step.symbol == SymbolKind::decision &&
                                         std::any_of(step.next.begin(), step.next.end(),
                                                     [](const Edge& edge) { return !edge.label; });
    // An arrow into a step whose line starts at no symbol lost its start on the way: it is
    // most likely the step before's (a table lists its steps in the order they happen), unless
    // that one already leads there; then the step it came from is not known, and the step it
    // arrives at says so.
    const bool next_arrival_unsourced = i + 1 < sop.rows.size() &&
                                        sop.rows[i + 1].arrivals_from_nowhere > 0 &&
                                        !leads_to(step, i + 1, record.steps);
    const bool arrival_unsourced =
        row.arrivals_from_nowhere > 0 && (i == 0 || leads_to(record.steps[i - 1], i, record.steps));
    if (next_arrival_unsourced || arrival_unsourced) unresolved = true;
    const bool dead_end = step.next.empty() && i + 1 < sop.rows.size();
    // A decision has two ways out: one found, the other's line was lost.
    const bool one_branch = step.symbol == SymbolKind::decision && step.next.size() == 1;
    // Only a decision branches (PermenPAN-RB 35/2012): a second arrow from a process is more
    // likely a neighbouring arrow's line taken for its own.
    const bool process_branches = step.symbol != SymbolKind::decision && step.next.size() > 1;
    if (unresolved) {
      review.add(path, "arrow_not_attached", lanes_of(row), kNothingFound);
    } else if (uncertain) {
      review.add(path, "uncertain_connector_match", lanes_of(row), kOneOfTwo);
    } else if (direction_inferred) {
      review.add(path, "arrow_direction_inferred", lanes_of(row), kOneOfTwo);
    } else if (joined_across_gap) {
      review.add(path, "arrow_joined_across_gap", lanes_of(row), kOneOfTwo);
    } else if (dead_end) {
      review.add(path, "no_arrow_found", lanes_of(row), kNothingFound);
    } else if (one_branch) {
      review.add(path, "branch_not_found", lanes_of(row), kNothingFound);
    } else if (decision_without_labels) {
      review.add(path, "branch_label_not_found", lanes_of(row), kNothingFound);
    } else if (process_branches) {
      review.add(path, "several_arrows_from_process", lanes_of(row), kOneOfTwo);
    }
  }
}

// The step numbers as the record holds them.
std::vector<std::optional<int>> step_numbers(const SopRecord& record) {
  std::vector<std::optional<int>> numbers;
  for (const Step& step : record.steps) numbers.push_back(step.no);
  return numbers;
}

// What the rows around step `i` say its number is, and how many say each: every neighbour up to
// two rows away with a number says "mine minus the rows between us".
std::map<int, int> numbers_neighbours_give(const std::vector<std::optional<int>>& numbers, long i) {
  std::map<int, int> votes;
  for (long offset : {-2L, -1L, 1L, 2L}) {
    const long j = i + offset;
    if (j < 0 || j >= static_cast<long>(numbers.size()) || !numbers[j]) continue;
    ++votes[*numbers[j] - static_cast<int>(offset)];
  }
  return votes;
}

// The number the sequence gives step `i`: where at least two neighbours say it and more say it
// than say anything else together, no neighbour holds it already, and the row's own reading
// agrees with no neighbour. A misread neighbour ("3" read as "1") is outvoted; a row without a
// number of its own between steps 1 and 2 hears 1 from the two rows below, but the row above
// holds 1; a number after two steps merged into one row ("1 2 3 5 6") agrees with the row after
// it and stays.
std::optional<int> number_by_sequence(const std::vector<std::optional<int>>& read, long i) {
  const std::map<int, int> votes = numbers_neighbours_give(read, i);
  if (read[i] && votes.count(*read[i])) return std::nullopt;
  int total = 0;
  std::pair<int, int> most{0, 0};  // number, votes
  for (const auto& [number, count] : votes) {
    total += count;
    if (count > most.second) most = {number, count};
  }
  const auto [number, count] = most;
  if (count < 2 || count <= total - count || number < 1) return std::nullopt;
  for (long j = std::max(0L, i - 2); j <= std::min<long>(static_cast<long>(read.size()) - 1, i + 2);
       ++j) {
    if (j != i && read[j] == number) return std::nullopt;
  }
  return number;
}

// PermenPAN-RB 35/2012 numbers steps 1, 2, 3 ... down the table: the numbers are read as one
// sequence. A step number misread ("1" as "4") or lost where the neighbours settle what it is
// takes the sequence's number. Two read neighbours agreeing and none against have settled it
// on every real and randomised table measured. A number settled only by numbers the sequence
// gave itself (the first row beside a lost second) is reviewed with what was read.
void repair_step_numbering(const RawSop& sop, SopRecord& record, ReviewList& review) {
  std::vector<bool> repaired(record.steps.size(), false);
  bool changed = true;
  for (int pass = 0; changed; ++pass) {
    changed = false;
    const std::vector<std::optional<int>> numbers = step_numbers(record);
    for (long i = 0; i < static_cast<long>(numbers.size()); ++i) {
      if (repaired[i]) continue;
      const std::optional<int> number = number_by_sequence(numbers, i);
      if (!number) continue;
      record.steps[i].no = number;
      repaired[i] = true;
      changed = true;
      const std::string path = "/steps/" + std::to_string(i) + "/no";
      // What the reading's own entry said (unread, unsure) the sequence has now settled.
      review.drop(path);
      if (pass > 0) {
        review.add(path, "number_from_sequence", sop.rows[i].number,
                   std::min(sop.rows[i].number.confidence, kOneOfTwo));
      }
    }
  }
}

// A number that agrees with none of its neighbours (one or two rows either side) and that the
// sequence could not settle is a misreading, or a row the pipeline split or merged. It stays as
// read.
void review_step_numbering(const RawSop& sop, const SopRecord& record, ReviewList& review) {
  const std::vector<std::optional<int>> numbers = step_numbers(record);
  for (long i = 0; i < static_cast<long>(numbers.size()); ++i) {
    if (!numbers[i]) continue;
    const std::map<int, int> votes = numbers_neighbours_give(numbers, i);
    if (!votes.empty() && !votes.count(*numbers[i])) {
      review.add("/steps/" + std::to_string(i) + "/no", "number_out_of_sequence",
                 sop.rows[i].number, sop.rows[i].number.confidence);
    }
  }
}

}  // namespace

SopRecord build_record(const RawSop& sop, const RecordSourceInfo& source,
                       const ReviewPolicy& policy, const Lexicon* lexicon) {
  SopRecord record;
  record.source.file = source.file;
  record.source.sha256 = source.sha256;
  record.source.pages = sop.pages;
  record.source.page_geometry = sop.page_geometry;
  ReviewList review(policy, lexicon);

  if (sop.identity) fill_identity(*sop.identity, record, review);
  if (!record.header.title && sop.title_line) {
    record.header.title = review.text_field(*sop.title_line, "/header/title");
    if (record.header.title) record.header.title = without_marks_at_its_ends(*record.header.title);
    if (record.header.title && record.header.title->empty()) record.header.title.reset();
  }
  if (!sop.identity && !record.header.title) review_missing_identity(sop, review);

  // Lane names become the actors; an unreadable one is left out and its steps reviewed.
  std::vector<LaneActor> lane_actor;
  for (std::size_t lane = 0; lane < sop.lane_names.size(); ++lane) {
    const CellText& cell = sop.lane_names[lane];
    LaneName name = normalize_lane_name(
        cell.original.empty() ? cell.text : lane_name_lines_joined(cell.original, lexicon));
    if (lexicon) {
      name.text = split_run_together_words(name.text, *lexicon, name.repaired);
      // A word the narrow lane cell broke over two lines without a hyphen ("Pengadministr" /
      // "asi Umum") is joined back surely; one OCR split within a line may be two words.
      bool joined = false;
      name.text = join_split_words(name.text, *lexicon, joined);
      if (joined && joins_within_a_line(cell.original, *lexicon)) name.repaired = true;
      name.text =
          repair_lane_words(name.text, *lexicon, words_read_as_printed(cell), name.repaired);
      if (ends_in_abbreviation(cell.text, name.text, *lexicon)) name.text += '.';
    }
    if (name.text.empty()) {
      lane_actor.emplace_back();
      continue;
    }
    // A word no document uses ("Pemberdayaandan", "Anditor") is a misreading.
    FieldConfidence confidence = field_confidence(name.text, cell, FieldKind::name, lexicon);
    if (name.repaired) confidence = weaker(confidence, repair_doubt());
    LaneActor& actor = lane_actor.emplace_back();
    actor.name = name.text;
    actor.name_cell = cell;
    if (confidence.value < policy.review_threshold) actor.doubt = confidence;
    if (std::find(record.actors.begin(), record.actors.end(), name.text) == record.actors.end()) {
      record.actors.push_back(name.text);
      review.judge("/actors/" + std::to_string(record.actors.size() - 1), cell, confidence);
    }
  }
  const ReviewList::Kind activity_kind =
      activities_end_in_stops(sop.rows) ? ReviewList::Kind::sentence : ReviewList::Kind::prose;
  for (std::size_t i = 0; i < sop.rows.size(); ++i) {
    StepRowContent row = sop.rows[i];
    if (lexicon) {
      for (CellText* cell : {&row.activity, &row.requirements, &row.outputs, &row.notes}) {
        *cell = with_wrapped_words_joined(*cell, *lexicon);
      }
    }
    record.steps.push_back(build_step(row, i, lane_actor, activity_kind, review));
  }
  // The activities name the actors too: one spelling per actor across the record.
  for (Step& step : record.steps) {
    int respelled = 0;
    if (step.activity)
      step.activity = align_actor_mentions(*step.activity, record.actors, respelled);
    if (step.notes) step.notes = align_actor_mentions(*step.notes, record.actors, respelled);
  }
  repair_step_numbering(sop, record, review);
  link_steps(sop, record, review);
  review_step_numbering(sop, record, review);
  // Steps read under a header whose labels were not read: which column is which lane, which
  // Waktu, was inferred from where the symbols stand and wants a person's eye.
  for (const CellText& header : sop.unread_headers) {
    review.add("/steps", "column_roles_inferred", header, kNothingFound);
  }
  // Header values read from cells placed where their labels stand: where a value ends was
  // judged from the text, not seen.
  if (sop.identity && sop.identity->rules_lost) {
    review.add("/header", "table_rules_not_found", *sop.identity->rules_lost, kNothingFound);
  }
  // Steps read on a grid placed from where the words stand: where a row or a lane ends was
  // judged from the text, not seen.
  for (const CellText& table : sop.unruled_tables) {
    review.add("/steps", "table_rules_not_found", table, kNothingFound);
  }
  if (sop.rows.empty()) {
    CellText where = sop.identity ? identity_area(*sop.identity) : CellText{};
    if (where.page == 0 && !sop.pages.empty()) where.page = sop.pages.front();
    review.add("/steps", "step_table_not_found", where, kNothingFound);
  }
  record.review = review.take();
  return record;
}

}  // namespace sopocr
