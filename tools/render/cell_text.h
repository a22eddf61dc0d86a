// The printed form of record values: Indonesian dates, spaced NIPs, "- item" lists, the step-table
// cell texts and their text styles. Layout measures these strings and the drawing stages print
// the same strings, so measured and drawn text never differ.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "page_layout.h"
#include "sop_record.h"
#include "typesetter.h"

namespace sopocr::fixtures {

// Space between a cell's rules and its text.
inline constexpr double kCellPaddingPt = 2.5;

// "2021-01-04" -> "04 Januari 2021"; a missing date prints "-" as on real identity pages.
std::string indonesian_date(const std::optional<std::string>& iso_date);

// "196911011993031009" -> "19691101 199303 1 009" (birth date, appointment month, sex, sequence);
// anything that is not 18 digits prints as it is.
std::string spaced_nip(const std::string& nip);

// Mutu Baku lists: one item prints bare, several print one "- item" per line.
std::string dash_list(const std::vector<std::string>& items);

// The style of a dash_list cell: wrapped lines hang under the item text when there are dashes.
TextStyle dash_list_style(const TextStyle& cell, const std::vector<std::string>& items,
                          const Typesetter& typesetter);

// Identity-page lists: "1. …", "- …" or "a. …" one per line, by the document's bullet style.
std::string bulleted_list(const std::vector<std::string>& items, BulletStyle bullets);

// The width a hanging indent needs so wrapped lines start under the item text, not the bullet.
double bullet_indent_pt(const Typesetter& typesetter, const TextStyle& style, BulletStyle bullets);

// The texts of one step row, column by column.
struct StepCellTexts {
  std::string number;  // blank when the row has no printed number
  std::string activity;
  std::string requirements;
  std::string duration;
  std::string outputs;
  std::string notes;
};
StepCellTexts step_cell_texts(const Step& step);

// The texts of an activity's cells: one per sub-item ("a. …", "b. …") where the style prints
// sub-items in cells of their own and the activity has two or more; else the activity whole.
std::vector<std::string> activity_cells(const std::string& activity, const DocumentStyle& style);

TextStyle cell_style(const DocumentStyle& style, double font_pt);
TextStyle header_style(const DocumentStyle& style, double font_pt);
TextStyle arrow_label_style(const DocumentStyle& style, double font_pt);

}  // namespace sopocr::fixtures
