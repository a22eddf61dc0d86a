// Parses the Waktu (time standard) cell of a step into the contract's duration: amount, unit,
// ISO 8601 and minutes on the working-time calendar (hour 60, day 480, week 2,400,
// month 9,600, year 115,200).
#pragma once

#include <optional>
#include <string_view>

#include "sop_record.h"

namespace sopocr {

// Minutes per unit on the contract's working-time calendar; nullopt for amount-less units.
std::optional<double> minutes_per_unit(DurationUnit unit);

// The duration a Waktu cell's text gives; nullopt when it names an amount without a recognisable
// unit ("2"), or is empty: the caller leaves the duration null and puts it on the review list.
// A unit word OCR garbled ("10 ment", "1 han") is read as the unit it is nearest.
std::optional<Duration> parse_duration(std::string_view raw);

// Whether `word` names a unit of time as a Waktu cell prints it or as OCR garbles it ("hari",
// "Menit", "han", "jam,"), whatever its case and a mark after it.
bool names_a_unit_of_time(std::string_view word);

// The ISO 8601 duration for an amount of a unit ("PT30M", "P1D"); nullopt for amount-less units.
std::optional<std::string> iso8601_duration(double amount, DurationUnit unit);

}  // namespace sopocr
