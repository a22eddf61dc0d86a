#include "bundle_consensus.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string_view>

#include "nip.h"
#include "ocr_words.h"
#include "text.h"
#include "unicode_nfc.h"

namespace sopocr {
namespace {

// Readings at most this many edits apart, per character of the longer, are of one text. Two
// officials' names differ in most of their letters; one name under a signature loses a few.
constexpr double kSameTextMaxEdits = 0.25;
// Fewer readings cannot outvote one bad reading.
constexpr std::size_t kMinReadings = 3;
// Where most readings show each character the consensus is sure; where some character was only
// the most shown (two of four, the others split), a reviewer checks it.
constexpr double kSureAgreement = 0.5;

// What a reading shows at each position of the backbone it is aligned to (empty where it has
// nothing there), and in each gap before a position and after the last (empty where it adds
// nothing).
struct Alignment {
  std::vector<std::u32string> at;      // one per backbone position
  std::vector<std::u32string> before;  // one per backbone position, and one after the last
};

enum class CharacterClass { digit, letter, mark };

CharacterClass class_of(char32_t c) {
  if (c >= U'0' && c <= U'9') return CharacterClass::digit;
  return is_letter_or_digit(c) ? CharacterClass::letter : CharacterClass::mark;
}

// A character misread is most often read as one of its kind ("4" for "1", "," for "."): where
// two alignments cost the same edits, the one pairing like with like is the true one ("324 I"
// against "325/": 4 for 5, a space for the slash, an I added).
std::size_t substitution_cost(char32_t a, char32_t b) {
  constexpr std::size_t kSame = 0;
  constexpr std::size_t kLike = 2;
  constexpr std::size_t kUnlike = 3;
  if (a == b) return kSame;
  return class_of(a) == class_of(b) ? kLike : kUnlike;
}

Alignment align_to(std::u32string_view backbone, std::u32string_view reading) {
  constexpr std::size_t kInsertOrDelete = 2;
  const std::size_t rows = backbone.size();
  const std::size_t cols = reading.size();
  std::vector<std::vector<std::size_t>> cost(rows + 1, std::vector<std::size_t>(cols + 1));
  for (std::size_t i = 0; i <= rows; ++i) cost[i][0] = i * kInsertOrDelete;
  for (std::size_t j = 0; j <= cols; ++j) cost[0][j] = j * kInsertOrDelete;
  for (std::size_t i = 1; i <= rows; ++i) {
    for (std::size_t j = 1; j <= cols; ++j) {
      const std::size_t replace =
          cost[i - 1][j - 1] + substitution_cost(backbone[i - 1], reading[j - 1]);
      cost[i][j] = std::min(
          {replace, cost[i - 1][j] + kInsertOrDelete, cost[i][j - 1] + kInsertOrDelete});
    }
  }
  Alignment alignment{std::vector<std::u32string>(rows), std::vector<std::u32string>(rows + 1)};
  std::size_t i = rows;
  std::size_t j = cols;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 &&
        cost[i][j] == cost[i - 1][j - 1] + substitution_cost(backbone[i - 1], reading[j - 1])) {
      alignment.at[i - 1] = std::u32string(1, reading[j - 1]);
      --i;
      --j;
    } else if (i > 0 && cost[i][j] == cost[i - 1][j] + kInsertOrDelete) {
      --i;  // the reading has nothing at this position
    } else {
      alignment.before[i].insert(alignment.before[i].begin(), reading[j - 1]);
      --j;
    }
  }
  return alignment;
}

struct MostShown {
  std::u32string option;
  std::size_t count = 0;
};

// The option shown more often than any other; nullopt on a tie for the most.
std::optional<MostShown> most_shown(const std::vector<std::u32string>& shown) {
  std::map<std::u32string, std::size_t> counts;
  for (const std::u32string& option : shown) ++counts[option];
  MostShown best;
  std::size_t runner_up = 0;
  for (const auto& [option, count] : counts) {
    if (count > best.count) {
      runner_up = best.count;
      best = {option, count};
    } else if (count > runner_up) {
      runner_up = count;
    }
  }
  if (best.count == runner_up) return std::nullopt;
  return best;
}

bool same_text(std::u32string_view a, std::u32string_view b) {
  return static_cast<double>(edit_distance(a, b)) <=
         kSameTextMaxEdits * static_cast<double>(std::max(a.size(), b.size()));
}

// Indices of `texts` in groups of one text each: the text with the most others near it, with
// those, then the same among the rest, until none is left.
std::vector<std::vector<std::size_t>> groups_of_one_text(const std::vector<std::u32string>& texts) {
  std::vector<std::vector<std::size_t>> groups;
  std::vector<bool> grouped(texts.size(), false);
  while (std::find(grouped.begin(), grouped.end(), false) != grouped.end()) {
    std::vector<std::size_t> largest;
    for (std::size_t a = 0; a < texts.size(); ++a) {
      if (grouped[a]) continue;
      std::vector<std::size_t> near;
      for (std::size_t b = 0; b < texts.size(); ++b) {
        if (!grouped[b] && same_text(texts[a], texts[b])) near.push_back(b);
      }
      if (near.size() > largest.size()) largest = std::move(near);
    }
    for (const std::size_t index : largest) grouped[index] = true;
    groups.push_back(std::move(largest));
  }
  return groups;
}

using ApproverField = std::optional<std::string> Approver::*;

// Where on the page a record read `path`: from its review entry for the field or for the block
// holding it (`block`, "/header/approver", which every reading of the block produces); else
// only the record's first page.
ReviewEntry review_at(const SopRecord& record, const std::string& path,
                      std::string_view block = {}) {
  ReviewEntry entry;
  entry.path = path;
  if (!record.source.pages.empty()) entry.page = record.source.pages.front();
  for (const ReviewEntry& existing : record.review) {
    if (existing.path == path || (!block.empty() && existing.path == block)) {
      entry.page = existing.page;
      entry.bbox = existing.bbox;
      if (existing.path == path) break;
    }
  }
  return entry;
}

void agree_on(std::vector<SopRecord>& records, ApproverField field, const std::string& path) {
  std::vector<SopRecord*> readers;
  std::vector<std::string> values;
  std::vector<std::u32string> texts;
  for (SopRecord& record : records) {
    if (!record.header.approver || !((*record.header.approver).*field)) continue;
    readers.push_back(&record);
    values.push_back(*((*record.header.approver).*field));
    texts.push_back(decode_utf8(values.back()));
  }
  const bool is_nip = field == &Approver::nip;
  for (const std::vector<std::size_t>& group : groups_of_one_text(texts)) {
    std::vector<std::string> readings;
    for (const std::size_t index : group) readings.push_back(values[index]);
    const std::optional<Consensus> agreed = consensus_of_readings(readings);
    if (!agreed || (is_nip && !parse_nip(agreed->text).valid)) continue;
    for (std::size_t k = 0; k < group.size(); ++k) {
      if (readings[k] == agreed->text) continue;
      SopRecord& record = *readers[group[k]];
      // What the record said of its own reading (a NIP failing the check) is about text it no
      // longer holds.
      ReviewEntry entry = review_at(record, path, "/header/approver");
      std::erase_if(record.review, [&](const ReviewEntry& old) { return old.path == path; });
      if (agreed->agreement <= kSureAgreement) {
        entry.reason = "agreed_with_other_sops";
        entry.confidence = agreed->agreement;
        entry.raw = readings[k];
        record.review.push_back(std::move(entry));
      }
      (*record.header.approver).*field = agreed->text;
    }
  }
}

// The backbone of `texts`: the one nearest all the others, the least damaged, most likely.
std::size_t nearest_all_others(const std::vector<std::u32string>& texts) {
  std::size_t backbone = 0;
  std::size_t least_total = std::numeric_limits<std::size_t>::max();
  for (std::size_t a = 0; a < texts.size(); ++a) {
    std::size_t total = 0;
    for (const std::u32string& other : texts) total += edit_distance(texts[a], other);
    if (total < least_total) {
      least_total = total;
      backbone = a;
    }
  }
  return backbone;
}

bool all_digits(std::u32string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char32_t c) {
    return class_of(c) == CharacterClass::digit;
  });
}

struct PartlyAgreed {
  std::u32string text;
  // A part of its own holding a non-digit where every other reading holds digits only.
  bool unlike_the_others = false;
};

// The backbone's characters in segments: each separator alone, each run between separators
// (a part of the number) whole.
std::vector<std::pair<std::size_t, std::size_t>> segments_of(std::u32string_view backbone) {
  auto separator = [](char32_t c) { return class_of(c) == CharacterClass::mark; };
  std::vector<std::pair<std::size_t, std::size_t>> segments;
  for (std::size_t start = 0; start < backbone.size();) {
    std::size_t end = start + 1;
    if (!separator(backbone[start])) {
      while (end < backbone.size() && !separator(backbone[end])) ++end;
    }
    segments.emplace_back(start, end);
    start = end;
  }
  return segments;
}

// The backbone position a gap before `position` goes with: a part's own position, or the part
// it follows (an extra digit after it), else the separator after it (or the last position).
std::size_t gap_owner(std::u32string_view backbone, std::size_t position) {
  auto in_part = [&](std::size_t at) { return class_of(backbone[at]) != CharacterClass::mark; };
  if (position < backbone.size() && in_part(position)) return position;
  if (position > 0 && in_part(position - 1)) return position - 1;
  return std::min(position, backbone.size() - 1);
}

// What a reading shows over the backbone's positions [start, end) and the gaps going with them.
std::u32string shown_over(const Alignment& alignment, std::u32string_view backbone,
                          std::size_t start, std::size_t end) {
  std::u32string shown;
  for (std::size_t position = start; position <= end; ++position) {
    const std::size_t owner = gap_owner(backbone, position);
    if (owner >= start && owner < end) shown += alignment.before[position];
    if (position < end) shown += alignment.at[position];
  }
  return shown;
}

// Each of `texts` with every segment of the backbone that more than half of them show alike
// taken as they show it, and its own reading kept in the others.
std::vector<PartlyAgreed> agreed_where_most_agree(const std::vector<std::u32string>& texts) {
  const std::size_t backbone = nearest_all_others(texts);
  std::vector<Alignment> alignments;
  for (const std::u32string& text : texts) alignments.push_back(align_to(texts[backbone], text));
  std::vector<PartlyAgreed> agreed(texts.size());
  std::vector<std::u32string> shown(texts.size());
  for (const auto& [start, end] : segments_of(texts[backbone])) {
    for (std::size_t k = 0; k < texts.size(); ++k) {
      shown[k] = shown_over(alignments[k], texts[backbone], start, end);
    }
    const std::optional<MostShown> most = most_shown(shown);
    const bool most_agree = most && 2 * most->count > texts.size();
    // A part read as other digits may be another SOP's number ("325" beside two "324"s, one
    // misread): only nearly all the readings together outvote it.
    const bool nearly_all_agree =
        most && most->count >= kMinReadings && 4 * most->count >= 3 * texts.size();
    for (std::size_t k = 0; k < texts.size(); ++k) {
      const bool other_digits = all_digits(shown[k]) && most && all_digits(most->option);
      const bool take_most = other_digits ? nearly_all_agree : most_agree;
      agreed[k].text += take_most ? most->option : shown[k];
      if (most_agree || all_digits(shown[k])) continue;
      bool others_digits = true;
      for (std::size_t other = 0; other < texts.size(); ++other) {
        if (other != k && !all_digits(shown[other])) others_digits = false;
      }
      if (others_digits) agreed[k].unlike_the_others = true;
    }
  }
  return agreed;
}

}  // namespace

std::optional<Consensus> consensus_of_readings(const std::vector<std::string>& readings) {
  if (readings.size() < kMinReadings) return std::nullopt;
  std::vector<std::u32string> texts;
  for (const std::string& reading : readings) texts.push_back(decode_utf8(reading));
  const std::size_t backbone = nearest_all_others(texts);
  std::vector<Alignment> alignments;
  for (const std::u32string& text : texts) alignments.push_back(align_to(texts[backbone], text));

  std::u32string agreed;
  std::size_t weakest = texts.size();
  std::vector<std::u32string> shown(texts.size());
  auto take_most_shown = [&](auto shown_by) {
    for (std::size_t k = 0; k < texts.size(); ++k) shown[k] = shown_by(alignments[k]);
    const std::optional<MostShown> most = most_shown(shown);
    if (!most) return false;
    agreed += most->option;
    weakest = std::min(weakest, most->count);
    return true;
  };
  const std::size_t positions = texts[backbone].size();
  for (std::size_t position = 0; position <= positions; ++position) {
    if (!take_most_shown([&](const Alignment& a) { return a.before[position]; })) {
      return std::nullopt;
    }
    if (position == positions) break;
    if (!take_most_shown([&](const Alignment& a) { return a.at[position]; })) return std::nullopt;
  }
  return Consensus{encode_utf8(agreed),
                   static_cast<double>(weakest) / static_cast<double>(texts.size())};
}

void agree_on_approvers(std::vector<SopRecord>& records) {
  agree_on(records, &Approver::name, "/header/approver/name");
  agree_on(records, &Approver::nip, "/header/approver/nip");
}

void agree_on_sop_numbers(std::vector<SopRecord>& records,
                          const std::vector<std::optional<ReadAt>>& numbers_read_at) {
  const std::string path = "/header/sop_number";
  std::vector<std::size_t> readers;
  std::vector<std::u32string> texts;
  for (std::size_t index = 0; index < records.size(); ++index) {
    if (!records[index].header.sop_number) continue;
    readers.push_back(index);
    texts.push_back(decode_utf8(*records[index].header.sop_number));
  }
  for (const std::vector<std::size_t>& group : groups_of_one_text(texts)) {
    if (group.size() < kMinReadings) continue;
    std::vector<std::u32string> numbers;
    for (const std::size_t index : group) numbers.push_back(texts[index]);
    const std::vector<PartlyAgreed> agreed = agreed_where_most_agree(numbers);
    for (std::size_t k = 0; k < group.size(); ++k) {
      const std::size_t index = readers[group[k]];
      SopRecord& record = records[index];
      const std::string number = encode_utf8(agreed[k].text);
      if (number != *record.header.sop_number && number.find(' ') == std::string::npos) {
        std::erase_if(record.review, [&](const ReviewEntry& old) {
          return old.path == path && old.reason == "space_in_code";
        });
      }
      if (agreed[k].unlike_the_others) {
        ReviewEntry entry = review_at(record, path);
        if (index < numbers_read_at.size() && numbers_read_at[index]) {
          entry.page = numbers_read_at[index]->page;
          entry.bbox = numbers_read_at[index]->bbox;
        }
        entry.reason = "unlike_other_sops";
        entry.confidence = 0.0;
        entry.raw = *record.header.sop_number;
        record.review.push_back(std::move(entry));
      }
      record.header.sop_number = number;
    }
  }
}

}  // namespace sopocr
