// What the SOPs of one file print alike, agreed across them. One official signs every SOP of a
// bundle, so the same name and NIP are printed on each identity page, and the signature or stamp
// over them garbles each copy in a different place ("SUHERMAI", "SUHEFMAN"). The SOPs are
// numbered in one scheme ("000.8.3.3/324/SATPOLPP-A", ".../325/..."), so their numbers share
// all but the part that counts the SOPs, and OCR garbles the shared parts in different places.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sop_record.h"

namespace sopocr {

struct Consensus {
  std::string text;
  // The smallest share of the readings that showed the consensus at any one position: how
  // firmly the weakest character was agreed, in (0, 1].
  double agreement = 0.0;
};

// The text most of `readings` agree on, character by character: each reading is aligned to the
// one nearest all the others, and every position (and every gap between positions) takes what
// more readings show there than anything else. Nullopt where some position has no single most
// shown reading (a tie), or where fewer than three readings are given.
std::optional<Consensus> consensus_of_readings(const std::vector<std::string>& readings);

// Where three or more of `records` (one file's SOPs, in order) read nearly the same approver
// name or NIP (at most a quarter of the characters apart), each of those readings becomes their
// consensus_of_readings. A NIP consensus is taken only if it passes the NIP check. What a record
// whose reading changed said of that field in its review list goes; where the consensus is not
// sure (some character shown by no more than half the readings), a review entry
// "agreed_with_other_sops" takes its place, holding the record's own reading.
void agree_on_approvers(std::vector<SopRecord>& records);

// Where three or more of `records` read nearly the same SOP number (at most a quarter of the
// characters apart), each character most of those numbers show alike (more than half of them)
// is taken in each; the others, the part that counts the SOPs, stay as each record read them.
// A number that there shows something other than a digit where every other number shows a
// digit ("M7" among "147" and "256") is reviewed as "unlike_other_sops". A number the agreement
// changed loses its "space_in_code" entry when no space is left. `numbers_read_at`, one per
// record where given, says on which page and where each read its number, for that entry.
struct ReadAt {
  int page = 0;
  PixelBox bbox;
};
void agree_on_sop_numbers(std::vector<SopRecord>& records,
                          const std::vector<std::optional<ReadAt>>& numbers_read_at = {});

}  // namespace sopocr
