// How sure the pipeline is of one field's value, in [0, 1], and the weakest reason why not: the
// OCR's confidence in the words of the cell, the lexicon's verdict on the value's words, and
// checks of its shape that OCR noise breaks (an unbalanced bracket, a stray digit, a list item
// of two letters). One threshold on this value (ReviewPolicy::review_threshold) decides what a
// person reviews; `sopocr eval --review-sweep` measures where to set it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "page_content.h"
#include "term_repair.h"

namespace sopocr {

enum class FieldKind {
  prose,  // an activity, a note, a title: sentences
  // An activity of a table whose author ends activities with a stop: the final stop is the
  // author's, not a speck the scan left after the last word.
  sentence,
  list_item,  // an item of Kelengkapan, Output or an identity list: a phrase
  code,       // an SOP number, a step number, a date, an institution: kept as read
  // A swimlane's name, its steps' actor ("PjPHP/PPHP", "PA", "Sekretaris/Ka. Bidang"): judged by
  // its words alone, as an abbreviation's letters and stops are the office's own.
  name,
};

struct FieldConfidence {
  double value = 1.0;
  std::string reason;                   // a review reason; empty when value is 1
  std::vector<std::string> candidates;  // for "uncertain_repair": what the word may have been
};

// The weakest word the OCR read in `cell` (words of two or more letters or digits), or the
// cell's mean confidence where no words were kept (a text layer, a scripted engine).
double ocr_confidence(const CellText& cell);

// The words of `cell` the OCR read as surely as it reads clean print: what was printed, the
// author's spelling included, not letters a scan garbled. Term repair leaves them as read, and
// one the lexicon does not know is no sign of a garbled reading (a name, an abbreviation, an
// office's own spelling).
WordsReadAsPrinted words_read_as_printed(const CellText& cell);

// `value` is the field as it will be written (after repairs); `terms` is what term repair
// did to it, when it ran. Without a lexicon, words are not judged.
FieldConfidence field_confidence(std::string_view value, const CellText& cell, FieldKind kind,
                                 const Lexicon* lexicon, const TermRepair* terms = nullptr);

// Whether `reason` is one field_confidence gives: such review entries exist because their
// confidence fell below the threshold, and a lower threshold would drop them.
bool is_confidence_reason(std::string_view reason);

// The judgement on a value a normaliser repaired without being sure (a garbled month, "UKPB)"
// read as "UKPBJ"): reviewed as "uncertain_repair", like a word term repair could not settle.
FieldConfidence repair_doubt(std::vector<std::string> candidates = {});

// The weaker of two judgements, keeping the reason and candidates of the weaker.
FieldConfidence weaker(FieldConfidence a, FieldConfidence b);

}  // namespace sopocr
