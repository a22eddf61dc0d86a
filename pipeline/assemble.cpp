#include "assemble.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <regex>

#include "text.h"

namespace sopocr {
namespace {

std::optional<int> printed_step_number(const StepRowContent& row) {
  static const std::regex number("^(\\d{1,3})\\.?$");
  std::smatch match;
  if (!std::regex_match(row.number.text, match, number)) return std::nullopt;
  return std::stoi(match[1].str());
}

std::optional<int> last_step_number(const RawSop& sop) {
  for (auto row = sop.rows.rbegin(); row != sop.rows.rend(); ++row) {
    if (auto number = printed_step_number(*row)) return number;
  }
  return std::nullopt;
}

// The number of a page's first numbered row, as most of the page's numbers say: each number
// read, less the rows between it and that row, votes; a tie goes to the row's own reading. The
// "11" that opens a continuation page, its second digit lost, reads "1": the "12" and "13"
// below it outvote it, and it does not start the numbering over.
std::optional<int> first_step_number(const StepTableContent& table) {
  std::map<int, int> votes;
  std::optional<std::size_t> first_row;
  std::optional<int> own_reading;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const std::optional<int> number = printed_step_number(table.rows[i]);
    if (!number) continue;
    if (!first_row) {
      first_row = i;
      own_reading = number;
    }
    ++votes[*number - static_cast<int>(i - *first_row)];
  }
  if (!own_reading) return std::nullopt;
  int most = *own_reading;
  for (const auto& [number, count] : votes) {
    if (count > votes[most]) most = number;
  }
  return most;
}

// A step page continues the SOP before it unless its numbering starts over.
bool starts_new_sop(const RawSop& current, const StepTableContent& table) {
  if (table.title_line) return current.identity.has_value() ? !current.rows.empty() : true;
  if (current.rows.empty()) return false;
  const auto first = first_step_number(table);
  const auto last = last_step_number(current);
  return first && last && *first == 1 && *last > 1;
}

void add_page(RawSop& sop, const PageContent& page) {
  sop.pages.push_back(page.page_number);
  // Thousandths of a degree move a corner of an A4 page at 300 dpi by well under a pixel.
  const double skew = std::round(page.skew_degrees * 1000.0) / 1000.0;
  PageGeometry geometry{page.page_number, page.dpi, page.rotation_degrees, skew, std::nullopt};
  if (page.perspective != cv::Matx33d::eye()) {
    // Nine decimals move a pixel of a page tens of thousands of pixels wide by far less than one.
    geometry.perspective.emplace();
    for (int i = 0; i < 9; ++i) {
      (*geometry.perspective)[static_cast<std::size_t>(i)] =
          std::round(page.perspective.val[i] * 1e9) / 1e9;
    }
  }
  sop.page_geometry.push_back(geometry);
}

// The metadata grid of an identity page may run onto the next page: list headings (Keterkaitan,
// Peringatan, ...) and no key of its own. That page continues the SOP whose steps have not
// started yet.
bool continues_identity(const std::vector<RawSop>& sops, const IdentityContent& identity) {
  return !sops.empty() && sops.back().identity && sops.back().rows.empty() &&
         identity.fields.empty() && !identity.lists.empty();
}

// `fuller` reads as `name` with whole words more around it ("Kepala Perangkat Daerah" and
// "Perangkat Daerah"), and the engine was about as sure of it: it left a line of the name out of
// the other reading. Marks and short words read from specks ("Kepala Dinas ama") are no such
// line, and a name that grew by more than itself is more likely two lanes merged ("Kepala Dinas
// dan Sekretaris Dinas") than a line lost.
bool is_fuller_reading(const CellText& fuller, const CellText& name) {
  constexpr std::size_t kShortestWord = 4;
  constexpr double kFullerMayBeLessSure = 0.15;
  const std::string& text = fuller.text;
  if (name.text.empty() || text.size() <= name.text.size() ||
      text.size() > 2 * name.text.size() + 1 ||
      fuller.confidence < name.confidence - kFullerMayBeLessSure) {
    return false;
  }
  const std::size_t at = (' ' + text + ' ').find(' ' + name.text + ' ');
  if (at == std::string::npos) return false;
  const std::string more = text.substr(0, at) + ' ' + text.substr(at + name.text.size());
  for (const std::string& word : split_words(more)) {
    const bool letters = std::all_of(word.begin(), word.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c));
    });
    if (!letters || word.size() < kShortestWord) return false;
  }
  return true;
}

// Every page of an SOP's table repeats its header: each lane's name is read once per page, and
// a reading a page's damage garbled gives way to a surer one of the same lane on another page,
// or to a fuller one. The same lane reads alike; a page whose lanes were drawn otherwise (two
// merged, one added) keeps the names it had.
void take_surer_lane_names(std::vector<CellText>& names, const std::vector<CellText>& page_names) {
  if (names.empty()) {
    names = page_names;
    return;
  }
  if (names.size() != page_names.size()) return;
  for (std::size_t lane = 0; lane < names.size(); ++lane) {
    const CellText& candidate = page_names[lane];
    if (candidate.text.empty() || is_fuller_reading(names[lane], candidate)) continue;
    if (names[lane].text.empty() || is_fuller_reading(candidate, names[lane]) ||
        (candidate.confidence > names[lane].confidence &&
         similarity(candidate.text, names[lane].text) >= 0.5)) {
      names[lane] = candidate;
    }
  }
}

// A later page's table with another number of lanes (an SOP printed as two tables, each with
// actors of its own) names its own lanes: each is the SOP's lane that reads alike, or a lane
// added after them, unnamed where its name went unread. Returns each page lane's index into
// `names`.
std::vector<int> place_other_lanes(std::vector<CellText>& names,
                                   const std::vector<CellText>& page_names) {
  constexpr double kSameName = 0.8;
  std::vector<int> placed;
  for (const CellText& name : page_names) {
    const auto same = std::find_if(names.begin(), names.end(), [&](const CellText& known) {
      return !name.text.empty() && !known.text.empty() &&
             similarity(name.text, known.text) >= kSameName;
    });
    if (same != names.end()) {
      placed.push_back(static_cast<int>(same - names.begin()));
    } else {
      placed.push_back(static_cast<int>(names.size()));
      names.push_back(name);
    }
  }
  return placed;
}

}  // namespace

std::vector<RawSop> assemble_sops(const std::vector<PageContent>& pages) {
  std::vector<RawSop> sops;
  for (const PageContent& page : pages) {
    if (page.kind == PageKind::identity && continues_identity(sops, *page.identity)) {
      IdentityContent& identity = *sops.back().identity;
      for (const auto& [key, list] : page.identity->lists) identity.lists.emplace(key, list);
      add_page(sops.back(), page);
      continue;
    }
    if (page.kind == PageKind::identity) {
      RawSop sop;
      sop.identity = page.identity;
      add_page(sop, page);
      sops.push_back(std::move(sop));
      continue;
    }
    if (page.kind != PageKind::step_table || !page.steps) continue;
    const StepTableContent& table = *page.steps;
    if (sops.empty() || starts_new_sop(sops.back(), table)) sops.emplace_back();
    RawSop& sop = sops.back();
    if (table.title_line && !sop.title_line) sop.title_line = table.title_line;
    std::vector<StepRowContent> rows = table.rows;
    if (sop.lane_names.empty() || sop.lane_names.size() == table.lane_names.size()) {
      take_surer_lane_names(sop.lane_names, table.lane_names);
    } else {
      const std::vector<int> placed = place_other_lanes(sop.lane_names, table.lane_names);
      for (StepRowContent& row : rows) {
        for (PlacedSymbol& symbol : row.symbols) {
          if (symbol.lane >= 0 && static_cast<std::size_t>(symbol.lane) < placed.size()) {
            symbol.lane = placed[static_cast<std::size_t>(symbol.lane)];
          }
        }
      }
    }
    if (table.unread_header) sop.unread_headers.push_back(*table.unread_header);
    if (table.rules_lost) sop.unruled_tables.push_back(*table.rules_lost);
    add_page(sop, page);
    sop.rows.insert(sop.rows.end(), rows.begin(), rows.end());
  }
  return sops;
}

}  // namespace sopocr
