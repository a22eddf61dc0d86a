#include "random_document.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "random_draw.h"

namespace sopocr::fixtures {
namespace {

using nlohmann::json;

std::string band(double value, const std::vector<std::pair<double, const char*>>& upper_bounds) {
  for (const auto& [bound, name] : upper_bounds) {
    if (value < bound) return name;
  }
  return upper_bounds.back().second;
}

double round_to(double value, double step) { return std::round(value / step) * step; }

std::vector<std::string> actors_for(std::mt19937& rng, const ContentPool& pool, int count) {
  std::vector<std::string> chosen;
  std::set<std::string> seen;
  for (int tries = 0; static_cast<int>(chosen.size()) < count && tries < 1000; ++tries) {
    const std::string& actor = pick(rng, pool.actors);
    if (seen.insert(actor).second) chosen.push_back(actor);
  }
  return chosen;
}

// The flow: a chain from a terminator to a terminator, with decisions that loop back a step or
// three or skip forward, their branches labelled as archives label them (or not at all).
std::vector<Step> random_steps(std::mt19937& rng, const ContentPool& pool,
                               const std::vector<std::string>& actors) {
  const int count = uniform_int(rng, 3, 14);
  static const std::vector<std::pair<std::string, std::string>> kLabels = {
      {"Ya", "Tidak"}, {"Ya", "Tidak"}, {"Y", "T"},
      {"YA", "TIDAK"}, {"", ""},        {"Lengkap", "Tidak lengkap"}};
  const auto& labels = pick(rng, kLabels);
  std::vector<Step> steps;
  int lane = uniform_int(rng, 0, static_cast<int>(actors.size()) - 1);
  for (int i = 0; i < count; ++i) {
    const bool last = i == count - 1;
    const bool decision = i > 0 && i < count - 2 && chance(rng, 0.22);
    Step step = decision ? pick(rng, pool.decision_steps) : pick(rng, pool.process_steps);
    step.no = i + 1;
    step.other_actors.clear();
    step.symbol = i == 0 || last ? SymbolKind::terminator
                  : decision     ? SymbolKind::decision
                                 : SymbolKind::process;
    if (actors.size() > 1 && chance(rng, 0.7)) {
      int next_lane = uniform_int(rng, 0, static_cast<int>(actors.size()) - 2);
      lane = next_lane >= lane ? next_lane + 1 : next_lane;
    }
    step.actor = actors[static_cast<std::size_t>(lane)];
    step.next.clear();
    if (!last) {
      Edge forward{i + 2, std::nullopt, std::nullopt};
      if (decision) {
        // Back one to three steps, or on past the next one.
        int target = chance(rng, 0.7) ? std::max(0, i - uniform_int(rng, 1, 3))
                                      : std::min(count - 1, i + uniform_int(rng, 2, 3));
        Edge other{target + 1, std::nullopt, std::nullopt};
        if (!labels.first.empty()) {
          forward.label = labels.first;
          other.label = labels.second;
        }
        step.next = {forward, other};
      } else {
        step.next = {forward};
      }
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

json random_style(std::mt19937& rng, json& factors) {
  static const std::vector<std::string> kFonts = {
      "Liberation Sans", "Liberation Serif", "Liberation Sans Narrow",
      "DejaVu Sans",     "DejaVu Serif",     "DejaVu Sans Condensed",
      "FreeSans",        "FreeSerif",        "Carlito",
      "Caladea"};
  json style;
  const std::string font = pick(rng, kFonts);
  style["font_family"] = font;
  const double font_pt = round_to(uniform(rng, 7, 12.01), 0.5);
  style["table_font_pt"] = font_pt;
  style["paper"] = pick(rng, std::vector<std::string>{"A4", "A4", "F4", "Letter"});
  style["bullets"] = pick(rng, std::vector<std::string>{"numbers", "dashes", "letters"});
  const double rule_pt = round_to(0.3 * std::pow(2.0 / 0.3, uniform(rng, 0, 1)), 0.05);
  style["rule_pt"] = rule_pt;
  style["outer_rule_pt"] = round_to(std::min(3.0, rule_pt * uniform(rng, 1, 1.8)), 0.05);
  const bool grey = chance(rng, 0.2);
  if (grey) style["rule_grey"] = round_to(uniform(rng, 0.3, 0.6), 0.05);
  const double dash_draw = uniform(rng, 0, 1);
  const std::string dash = dash_draw < 0.7 ? "solid" : dash_draw < 0.85 ? "dashed" : "dotted";
  style["rule_dash"] = dash;
  style["double_border"] = chance(rng, 0.1);
  style["symbol_stroke_pt"] = round_to(uniform(rng, 0.4, 1.8), 0.05);
  style["arrow_stroke_pt"] = round_to(uniform(rng, 0.4, 1.5), 0.05);
  const double symbol_scale = round_to(uniform(rng, 0.55, 1.6), 0.05);
  style["symbol_scale"] = symbol_scale;
  const double terminator_draw = uniform(rng, 0, 1);
  const std::string terminator = terminator_draw < 0.5   ? "capsule"
                                 : terminator_draw < 0.8 ? "rounded_rectangle"
                                                         : "ellipse";
  style["terminator"] = terminator;
  const bool compact = chance(rng, 0.35);
  style["row_stretch"] = compact ? 0.0 : round_to(uniform(rng, 0.3, 1), 0.05);
  json wording;
  wording["number"] = pick(rng, std::vector<std::string>{"No", "No", "No."});
  wording["activity"] = pick(
      rng, std::vector<std::string>{"Uraian Kegiatan", "Uraian Kegiatan", "Kegiatan", "Aktivitas"});
  wording["lanes"] = pick(
      rng, std::vector<std::string>{"Pelaksana", "Pelaksana", "Pejabat yang bertanggung jawab"});
  wording["requirements"] =
      pick(rng, std::vector<std::string>{"Kelengkapan", "Kelengkapan", "Perlengkapan",
                                         "Persyaratan/Perlengkapan"});
  wording["output"] = pick(rng, std::vector<std::string>{"Output", "Output", "Hasil"});
  wording["notes"] = pick(rng, std::vector<std::string>{"Keterangan", "Keterangan", "Ket."});
  const bool default_wording = wording["activity"] == "Uraian Kegiatan" &&
                               wording["lanes"] == "Pelaksana" &&
                               wording["requirements"] == "Kelengkapan" &&
                               wording["output"] == "Output" && wording["notes"] == "Keterangan";
  style["wording"] = wording;

  const bool serif = font.find("Serif") != std::string::npos || font == "Caladea";
  const bool condensed =
      font.find("Narrow") != std::string::npos || font.find("Condensed") != std::string::npos;
  factors["font_kind"] = serif ? "serif" : condensed ? "condensed" : "sans";
  factors["font_pt"] = font_pt_factor(font_pt);
  factors["rule_weight"] = band(rule_pt, {{0.5, "<0.5pt"}, {1.0, "0.5-1pt"}, {99, ">=1pt"}});
  factors["rule_style"] = grey && dash == "solid" ? "grey" : dash;
  factors["symbol_size"] = band(symbol_scale, {{0.85, "small"}, {1.2, "usual"}, {99, "large"}});
  factors["terminator"] = terminator;
  factors["rows"] = compact ? "compact" : "padded";
  factors["header_wording"] = default_wording ? "usual" : "variant";
  return style;
}

// The identity page's template, keys and approval ink. Drawn from a stream of its own, so that
// adding it left every earlier draw of a seed as it was.
json random_identity(std::mt19937& rng, json& factors) {
  json identity;
  const std::string layout = pick(
      rng, std::vector<std::string>{"grid", "letterhead_cells", "inline_labels", "title_in_head"});
  identity["layout"] = layout;
  json labels;
  labels["sop_number"] =
      pick(rng, std::vector<std::string>{"Nomor SOP", "Nomor SOP", "No. SOP", "Nomor Urut SOP"});
  const std::string date_word = pick(rng, std::vector<std::string>{"Tanggal", "Tanggal", "Tgl."});
  labels["created"] = date_word + " Pembuatan";
  labels["revised"] = date_word + " Revisi";
  labels["effective"] = date_word + " Efektif";
  labels["approved_by"] =
      pick(rng, std::vector<std::string>{"Disahkan Oleh", "Disahkan oleh", "Mengesahkan"});
  labels["title"] = pick(rng, std::vector<std::string>{"Nama SOP", "Nama SOP", "Judul SOP"});
  identity["labels"] = labels;
  identity["signature_ink"] = pick(rng, std::vector<std::string>{"black", "blue", "blue"});
  const bool over_name = chance(rng, 0.3);
  identity["signature_over_name"] = over_name;
  const std::string stamp = pick(rng, std::vector<std::string>{"none", "violet", "blue"});
  identity["stamp"] = stamp;

  const bool usual_labels = labels["sop_number"] == "Nomor SOP" && date_word == "Tanggal" &&
                            labels["approved_by"] == "Disahkan Oleh" &&
                            labels["title"] == "Nama SOP";
  factors["identity_layout"] = layout;
  factors["identity_labels"] = usual_labels ? "usual" : "variant";
  factors["approval_ink"] = stamp != "none" ? "stamp"
                            : over_name     ? "signature over name"
                                            : "signature";
  return identity;
}

// A stamp's size, rings and their weight; drawn from a stream of their own like the identity
// page's, so that adding them left every other draw of a seed as it was.
void random_stamp_shape(std::mt19937& rng, json& identity) {
  if (identity["stamp"] == "none") return;
  identity["stamp_shape"] = {{"diameter_mm", round_to(uniform(rng, 26, 46), 0.5)},
                             {"rings", uniform_int(rng, 1, 3)},
                             {"ring_pt", round_to(uniform(rng, 0.6, 2.2), 0.1)}};
}

// Colour scans keep a pen's and a stamp's colour (and tint the paper); drawn from their own
// stream for the same reason as the identity page.
void random_colour(std::mt19937& rng, json& scan, json& factors) {
  json& degradation = scan["degradation"];
  const bool colour = !degradation["bilevel"].get<bool>() && chance(rng, 0.35);
  if (colour) {
    degradation["colour"] = true;
    if (chance(rng, 0.5)) degradation["paper_tint"] = round_to(uniform(rng, 0.03, 0.15), 0.01);
  }
  factors["colour"] = colour ? "yes" : "no";
}

// An activity printed as sub-items: "a. …" and "b. …", and "c. …" when it is long.
std::string as_sub_items(const std::string& activity) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < activity.size()) {
    const std::size_t end = std::min(activity.find(' ', start), activity.size());
    if (end > start) words.push_back(activity.substr(start, end - start));
    start = end + 1;
  }
  const std::size_t parts = words.size() >= 12 ? 3 : 2;
  std::string text;
  for (std::size_t part = 0; part < parts; ++part) {
    text += std::string(part == 0 ? "" : " ") + static_cast<char>('a' + part) + ".";
    for (std::size_t w = part * words.size() / parts; w < (part + 1) * words.size() / parts; ++w) {
      text += " " + words[w];
    }
  }
  return text;
}

std::string with_space_before_marks(const std::string& text) {
  std::string spaced;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool mark_then_space =
        (text[i] == ',' || text[i] == ':') && i + 1 < text.size() && text[i + 1] == ' ';
    if (mark_then_space && i > 0 && text[i - 1] != ' ') spaced += ' ';
    spaced += text[i];
  }
  return spaced;
}

// Template details found in real archives after the first generator: keys sharing one label
// cell, a number column whose head is left blank, the activity headed "Proses/ Tahapan
// Kegiatan", activities printed as sub-items in cells of their own. From a stream of their own,
// as the identity page's; new draws go at its end.
void random_template_details(std::mt19937& rng, SopRecord& record, json& style, json& factors) {
  json& identity = style["identity"];
  const bool stacked = identity["layout"] != "inline_labels" && chance(rng, 0.3);
  identity["stacked_keys"] = stacked;
  factors["key_cells"] = identity["layout"] == "inline_labels" ? "key and value in one"
                         : stacked                             ? "keys stacked in one"
                                                               : "one per key";
  const bool blank_number_head = chance(rng, 0.15);
  if (blank_number_head) style["wording"]["number"] = "";
  factors["number_head"] = blank_number_head ? "blank" : "printed";
  if (chance(rng, 0.1)) {
    style["wording"]["activity"] = "Proses/ Tahapan Kegiatan";
    factors["header_wording"] = "variant";
  }
  // A step's activity written as sub-items, each in a cell of its own: rules across the activity
  // column that bound no step.
  bool sub_items = false;
  if (chance(rng, 0.15)) {
    for (Step& step : record.steps) {
      if (!step.activity || std::count(step.activity->begin(), step.activity->end(), ' ') < 5 ||
          !chance(rng, 0.4)) {
        continue;
      }
      step.activity = as_sub_items(*step.activity);
      sub_items = true;
    }
  }
  style["activity_sub_item_cells"] = sub_items;
  factors["activity_cells"] = sub_items ? "sub-items" : "one";
  // Some authors type a space before a comma or a colon ("satpam , Jadwal", "berisi :").
  const bool marks_typed_apart = chance(rng, 0.2);
  if (marks_typed_apart) {
    for (Step& step : record.steps) {
      if (step.activity) step.activity = with_space_before_marks(*step.activity);
    }
  }
  factors["punctuation"] = marks_typed_apart ? "space before , :" : "usual";
  // Heads drawn open as a chevron ("->", as some provinces' word processors draw them), and heads
  // of other sizes than the usual filled 5 x 4.4 pt.
  const bool open_heads = chance(rng, 0.3);
  const double head_length = round_to(uniform(rng, 3.0, 6.5), 0.1);
  style["arrow_head"] = {{"shape", open_heads ? "open" : "filled"},
                         {"length_pt", head_length},
                         {"half_width_pt", round_to(head_length * uniform(rng, 0.35, 0.55), 0.1)}};
  factors["arrow_head"] = open_heads ? "open" : "filled";
  // A step two actors share drawn as a box in each lane; the arrows run to and from the box of
  // the step's actor (the contract's actor is the lane the flow enters), which may be the right
  // one of the two.
  bool shared_steps = false;
  if (record.actors.size() > 1 && chance(rng, 0.25)) {
    for (std::size_t i = 1; i + 1 < record.steps.size(); ++i) {
      Step& step = record.steps[i];
      if (step.symbol != SymbolKind::process || !step.actor || !chance(rng, 0.3)) continue;
      const auto actor = std::find(record.actors.begin(), record.actors.end(), *step.actor);
      const int own = static_cast<int>(actor - record.actors.begin());
      int other = uniform_int(rng, 0, static_cast<int>(record.actors.size()) - 2);
      if (other >= own) ++other;
      step.other_actors = {record.actors[static_cast<std::size_t>(other)]};
      shared_steps = true;
    }
  }
  factors["shared_steps"] = shared_steps ? "two lanes" : "no";
}

json random_scan(std::mt19937& rng, unsigned seed, json& factors) {
  json scan;
  scan["seed"] = seed;
  // Real archives hold 150-300 ppi scans; phone captures and faxes go far below.
  const int dpi = static_cast<int>(round_to(72 * std::pow(400.0 / 72, uniform(rng, 0, 1)), 1));
  scan["dpi"] = dpi;
  json degradation;
  const double skew = round_to(uniform(rng, 0, 5), 0.1);
  degradation["skew_degrees_max"] = skew;
  degradation["blur_sigma_px"] = round_to(uniform(rng, 0.3, 1.6), 0.05);
  degradation["noise_sigma"] = round_to(uniform(rng, 2, 12), 0.5);
  const int jpeg_quality = uniform_int(rng, 30, 95);
  degradation["jpeg_quality"] = jpeg_quality;
  degradation["paper_level"] = uniform_int(rng, 200, 250);
  const double ink = uniform(rng, 10, 110);  // faint toner reaches grey
  degradation["ink_level"] = static_cast<int>(ink);
  degradation["gradient_strength"] = round_to(uniform(rng, 0.02, 0.3), 0.01);
  const double gap_mm = round_to(uniform(rng, 0.3, 3), 0.1);
  degradation["rule_gap_max_mm"] = gap_mm;
  degradation["rule_gap_spacing_mm"] = static_cast<int>(uniform(rng, 25, 140));
  const double fade_mm = round_to(uniform(rng, 2, 20), 0.5);
  degradation["fade_span_max_mm"] = fade_mm;
  degradation["faded_rule_fraction"] = round_to(uniform(rng, 0.05, 0.5), 0.05);
  degradation["fade_keep_min"] = round_to(uniform(rng, 0, 0.35), 0.05);
  const bool bilevel = chance(rng, 0.15);
  degradation["bilevel"] = bilevel;
  const bool border = chance(rng, 0.15);
  if (border) degradation["dark_border_mm"] = round_to(uniform(rng, 3, 15), 0.5);
  const bool streaks = chance(rng, 0.15);
  if (streaks) degradation["streaks"] = uniform_int(rng, 1, 4);
  const bool photo = chance(rng, 0.15);
  if (photo) degradation["perspective"] = round_to(uniform(rng, 0.005, 0.03), 0.001);
  // A page box that lies about the paper: an image embedded at 72 ppi, or stretched to twice
  // its paper; the pipeline's render then says nothing of the true resolution.
  const double box_draw = uniform(rng, 0, 1);
  const double box_scale = box_draw < 0.8 ? 1.0 : box_draw < 0.9 ? dpi / 72.0 : 2.0;
  if (box_scale != 1.0) degradation["page_box_scale"] = round_to(box_scale, 0.001);
  scan["degradation"] = degradation;

  factors["ppi"] =
      band(dpi, {{110, "72-109"}, {160, "110-159"}, {250, "160-249"}, {999, "250-400"}});
  factors["scan_type"] = bilevel ? "bilevel" : photo ? "photo" : "greyscale";
  factors["jpeg"] =
      bilevel ? "lossless" : band(jpeg_quality, {{50, "q30-49"}, {75, "q50-74"}, {999, "q75-95"}});
  factors["rule_damage"] = gap_mm >= 1.5 || fade_mm >= 10 ? "heavy" : "light";
  factors["skew"] = band(skew, {{1, "<1deg"}, {3, "1-3deg"}, {99, "3-5deg"}});
  factors["page_box"] = box_scale == 1.0 ? "true" : "wrong";
  factors["toner"] = ink > 70 ? "faint" : "normal";
  factors["scan_border_or_streak"] = border || streaks ? "yes" : "no";
  return scan;
}

}  // namespace

std::string font_pt_factor(double font_pt) {
  return band(font_pt, {{7, "<7"}, {8.5, "7-8"}, {10, "8.5-9.5"}, {99, "10-12"}});
}

ContentPool content_pool(const std::vector<SopRecord>& records) {
  ContentPool pool;
  std::set<std::string> actors;
  for (const SopRecord& record : records) {
    const Header& header = record.header;
    if (header.institution) pool.institutions.push_back(*header.institution);
    if (header.sop_number) pool.sop_numbers.push_back(*header.sop_number);
    if (header.title) pool.titles.push_back(*header.title);
    for (const auto& date : {header.created, header.revised, header.effective}) {
      if (date) pool.dates.push_back(*date);
    }
    if (header.approver) pool.approvers.push_back(*header.approver);
    for (const std::string& actor : record.actors) actors.insert(actor);
    for (const Step& step : record.steps) {
      if (!step.activity) continue;
      (step.symbol == SymbolKind::decision ? pool.decision_steps : pool.process_steps)
          .push_back(step);
    }
    const std::vector<std::string>* lists[6] = {&record.legal_basis,  &record.qualifications,
                                                &record.related_sops, &record.equipment,
                                                &record.warnings,     &record.recording};
    for (int list = 0; list < 6; ++list) {
      if (!lists[list]->empty()) pool.lists[list].push_back(*lists[list]);
    }
  }
  pool.actors.assign(actors.begin(), actors.end());
  if (pool.institutions.empty() || pool.titles.empty() || pool.actors.size() < 9 ||
      pool.process_steps.empty() || pool.decision_steps.empty() || pool.approvers.empty()) {
    throw FixtureError(
        "content pool: the truth records lack institutions, titles, approvers, "
        "9 distinct actors, or process and decision steps to draw from");
  }
  for (const auto& list : pool.lists) {
    if (list.empty()) throw FixtureError("content pool: a list field is empty in every record");
  }
  return pool;
}

RandomDocument random_document(unsigned seed, const ContentPool& pool, unsigned redraw) {
  std::seed_seq first_draw{seed, 0x5e7u};
  std::seed_seq later_draw{seed, 0x5e7u, redraw};
  std::mt19937 rng(redraw == 0 ? first_draw : later_draw);
  const std::string id = "random-" + std::to_string(seed);
  json factors;

  SopRecord record;
  record.source.file = id + ".pdf";
  record.header.institution = pick(rng, pool.institutions);
  record.header.sop_number = pick(rng, pool.sop_numbers);
  record.header.title = pick(rng, pool.titles);
  record.header.created = pick(rng, pool.dates);
  record.header.revised = chance(rng, 0.5) ? std::optional(pick(rng, pool.dates)) : std::nullopt;
  record.header.effective = pick(rng, pool.dates);
  record.header.approver = pick(rng, pool.approvers);
  std::vector<std::string>* lists[6] = {&record.legal_basis,  &record.qualifications,
                                        &record.related_sops, &record.equipment,
                                        &record.warnings,     &record.recording};
  for (int list = 0; list < 6; ++list) *lists[list] = pick(rng, pool.lists[list]);
  // 1 to 9 lanes; single lanes and very wide tables are rare in archives but must not break.
  const int lane_count = uniform_int(rng, 1, 9);
  record.actors = actors_for(rng, pool, lane_count);
  record.steps = random_steps(rng, pool, record.actors);
  factors["lanes"] = band(lane_count, {{3, "1-2"}, {6, "3-5"}, {99, "6-9"}});

  json entry;
  entry["id"] = id;
  entry["file"] = record.source.file;
  entry["kind"] = "single";
  const bool column_numbers = chance(rng, 0.5);
  entry["sops"] = json::array({{{"truth", id}, {"column_number_row", column_numbers}}});
  entry["style"] = random_style(rng, factors);
  entry["scan"] = random_scan(rng, seed, factors);
  std::seed_seq identity_draw{seed, 0x1du, redraw};
  std::mt19937 identity_rng(identity_draw);
  entry["style"]["identity"] = random_identity(identity_rng, factors);
  random_colour(identity_rng, entry["scan"], factors);
  std::seed_seq stamp_draw{seed, 0x57u, redraw};
  std::mt19937 stamp_rng(stamp_draw);
  random_stamp_shape(stamp_rng, entry["style"]["identity"]);
  std::seed_seq details_draw{seed, 0x4bu, redraw};
  std::mt19937 details_rng(details_draw);
  random_template_details(details_rng, record, entry["style"], factors);
  factors["column_number_row"] = column_numbers ? "yes" : "no";
  entry["factors"] = factors;
  return {std::move(record), std::move(entry)};
}

}  // namespace sopocr::fixtures
