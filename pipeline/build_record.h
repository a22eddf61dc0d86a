// Turns one assembled SOP (cell readings) into a contract record: normalises every field and
// puts each one the pipeline is unsure of on the review list. Nothing is guessed: a field that
// could not be read is null (or an empty list) with a review entry saying why.
#pragma once

#include <string>

#include "assemble.h"
#include "sop_record.h"
#include "term_repair.h"

namespace sopocr {

struct RecordSourceInfo {
  std::string file;
  std::string sha256;
};

struct ReviewPolicy {
  // Fields whose field_confidence (field_confidence.h) is below this go on the review list:
  // the OCR's weakest word, the lexicon and shape checks. Calibrated on the degraded fixtures
  // with `sopocr eval --review-sweep`.
  double review_threshold = 0.75;
  // Symbols classified with less confidence than this go on the review list.
  double min_symbol_confidence = 0.6;
  // Wording with no amount read less surely than this is scan noise taken for letters ("SN pa
  // tae Gan eee"), not a duration such as "Setiap saat": the duration is null and reviewed.
  double min_wording_confidence = 0.4;
  // A header date after this year is a misread (a stamp's ring through "2019" read "2044"):
  // null and reviewed. The year the document is read in, and the next: an SOP may take effect
  // early the next year. 0: no bound.
  int latest_date_year = 0;
};

// With a `lexicon`, garbled words of text fields are repaired (term_repair.h); without one,
// words are kept as read.
SopRecord build_record(const RawSop& sop, const RecordSourceInfo& source,
                       const ReviewPolicy& policy = {}, const Lexicon* lexicon = nullptr);

}  // namespace sopocr
