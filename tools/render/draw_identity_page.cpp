#include "draw_identity_page.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "cell_text.h"
#include "drawing_basics.h"

namespace sopocr::fixtures {
namespace {

constexpr double kMarginPt = 42;
constexpr double kLargestFontPt = 9.0;
constexpr double kSmallestFontPt = 5.0;
constexpr double kSignatureSpacePt = 30;
constexpr double kEmblemHeightPt = 44;

// A five-pointed star around (centre_x, centre_y), its points `outer` from the centre.
void fill_star(cairo_t* cr, double centre_x, double centre_y, double outer) {
  const double inner = outer * 0.42;
  cairo_new_path(cr);
  for (int point = 0; point < 10; ++point) {
    const double angle = -std::numbers::pi / 2 + point * std::numbers::pi / 5;
    const double radius = point % 2 == 0 ? outer : inner;
    cairo_line_to(cr, centre_x + radius * std::cos(angle), centre_y + radius * std::sin(angle));
  }
  cairo_close_path(cr);
  cairo_fill(cr);
}

// A stand-in for the regional emblem: a shield with a star, drawn with paths.
void draw_emblem(cairo_t* cr, double centre_x, double top) {
  const double height = kEmblemHeightPt;
  const double width = height * 0.8;
  const double left = centre_x - width / 2;
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_move_to(cr, left, top);
  cairo_line_to(cr, left + width, top);
  cairo_line_to(cr, left + width, top + height * 0.55);
  cairo_curve_to(cr, left + width, top + height * 0.8, centre_x + width * 0.2, top + height * 0.92,
                 centre_x, top + height);
  cairo_curve_to(cr, centre_x - width * 0.2, top + height * 0.92, left, top + height * 0.8, left,
                 top + height * 0.55);
  cairo_close_path(cr);
  cairo_set_line_width(cr, 1.2);
  cairo_stroke(cr);

  fill_star(cr, centre_x, top + height * 0.4, width * 0.26);
  cairo_new_path(cr);
  cairo_move_to(cr, left + width * 0.18, top + height * 0.72);
  cairo_line_to(cr, left + width * 0.82, top + height * 0.72);
  cairo_set_line_width(cr, 0.8);
  cairo_stroke(cr);
  cairo_restore(cr);
}

// A pen scribble whose middle line runs at `y`, so the approver block looks signed. Pen ink is
// translucent: over a printed letter the letter stays near-black (multiplied), as on paper.
void draw_signature(cairo_t* cr, double centre_x, double y, const InkColour& ink) {
  cairo_save(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_rgb(cr, ink.red, ink.green, ink.blue);
  cairo_new_path(cr);
  cairo_move_to(cr, centre_x - 26, y + 4);
  cairo_curve_to(cr, centre_x - 18, y - 14, centre_x - 10, y + 10, centre_x - 4, y - 6);
  cairo_curve_to(cr, centre_x + 2, y - 16, centre_x + 6, y + 8, centre_x + 12, y - 2);
  cairo_curve_to(cr, centre_x + 18, y - 10, centre_x + 22, y + 2, centre_x + 30, y - 4);
  cairo_set_line_width(cr, 0.8);
  cairo_stroke(cr);
  cairo_restore(cr);
}

// An office's round rubber stamp: its rings (ApprovalInk), the institution's name around the
// top, a star in the middle. Stamp ink darkens what it covers (multiplied), as it does on paper.
void draw_stamp(cairo_t* cr, const Typesetter& typesetter, const DocumentStyle& style,
                const std::string& institution, double centre_x, double centre_y,
                const InkColour& ink) {
  const ApprovalInk& shape = style.approval_ink;
  const double rim_pt = shape.stamp_diameter_mm / 2 / 25.4 * 72;
  cairo_save(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_rgb(cr, ink.red, ink.green, ink.blue);
  cairo_set_line_width(cr, shape.stamp_ring_pt);
  // One ring is the rim; a second is the inner ring inside the lettering; a third doubles the rim.
  std::vector<double> radii{rim_pt};
  if (shape.stamp_rings >= 2) radii.push_back(rim_pt * 0.66);
  if (shape.stamp_rings >= 3) radii.push_back(rim_pt * 0.94);
  for (const double radius : radii) {
    cairo_new_path(cr);
    cairo_arc(cr, centre_x, centre_y, radius, 0, 2 * std::numbers::pi);
    cairo_stroke(cr);
  }
  TextStyle letter;
  letter.family = style.font_family;
  letter.size_pt = 6.5;
  letter.bold = true;
  std::string name = institution;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (name.size() > 40) name.resize(40);
  // Letters spread over the upper 300° of the ring, read clockwise.
  const double text_radius = rim_pt * (shape.stamp_rings >= 3 ? 0.8 : 0.83);
  const double span = std::numbers::pi * 5 / 3;
  const double step = name.size() > 1 ? span / static_cast<double>(name.size() - 1) : 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const double angle = -std::numbers::pi / 2 - span / 2 + step * static_cast<double>(i);
    cairo_save(cr);
    cairo_translate(cr, centre_x + text_radius * std::cos(angle),
                    centre_y + text_radius * std::sin(angle));
    cairo_rotate(cr, angle + std::numbers::pi / 2);
    typesetter.draw(cr, std::string(1, name[i]), letter, -2, -4, 10);
    cairo_restore(cr);
  }
  fill_star(cr, centre_x, centre_y, rim_pt * 0.3);
  cairo_restore(cr);
}

struct KeyValueRow {
  std::string label;
  std::string value;
  bool approver = false;
};

// A line of the approval block; no style: the signature space.
struct ApproverLine {
  std::string text;
  const TextStyle* style = nullptr;
  bool name = false;
};

// Draws the approval block from (x, y) in a column `width` wide: position, signature, name,
// rank, NIP, then the signature's scribble and the stamp over them.
void draw_approver(cairo_t* cr, const Typesetter& typesetter, const DocumentStyle& style,
                   const Header& header, const std::vector<ApproverLine>& lines, double x, double y,
                   double width) {
  double signature_y = y;
  double name_y = -1;
  for (const ApproverLine& line : lines) {
    if (line.style == nullptr) {
      signature_y = y + kSignatureSpacePt * 0.6;
      y += kSignatureSpacePt;
    } else {
      const double height = typesetter.draw(cr, line.text, *line.style, x, y, width);
      if (line.name) name_y = y + height * 0.55;
      y += height;
    }
  }
  const ApprovalInk& ink = style.approval_ink;
  const double centre_x = x + width / 2;
  draw_signature(cr, centre_x, ink.signature_over_name && name_y >= 0 ? name_y : signature_y,
                 ink.signature);
  if (ink.stamp) {
    draw_stamp(cr, typesetter, style, header.institution.value_or(""), x + width * 0.28,
               signature_y, *ink.stamp);
  }
}

// The institution's name in two lines at the word boundary nearest its middle, as letterheads
// set "PEMERINTAH PROVINSI …" over the office's name.
std::vector<std::string> letterhead_lines(const std::string& name) {
  std::size_t best = std::string::npos;
  for (std::size_t space = name.find(' '); space != std::string::npos;
       space = name.find(' ', space + 1)) {
    const auto distance = [&](std::size_t at) {
      return std::abs(static_cast<double>(at) - static_cast<double>(name.size()) / 2);
    };
    if (best == std::string::npos || distance(space) < distance(best)) best = space;
  }
  if (best == std::string::npos) return {name};
  return {name.substr(0, best), name.substr(best + 1)};
}

constexpr const char* kLetterheadAddress = "Jalan Jenderal Sudirman No. 12 Telp. (0561) 734521";

// Lays the page out at `font_pt` and, when `cr` is set, draws it. `extra_pt` is added to each of
// the three list rows so the grid reaches the bottom margin. Returns the bottom of the grid.
double identity_page(cairo_t* cr, const PageLayout& page, const SopRecord& record,
                     const DocumentStyle& style, const Typesetter& typesetter, double font_pt,
                     double extra_pt) {
  const double pad = kCellPaddingPt + 0.5;
  const double width = page.width_pt - 2 * kMarginPt;
  const double left_width = width * 0.4;
  const double label_width = width * 0.21;
  const double value_width = width - left_width - label_width;
  const double left = kMarginPt;
  const double label_x = left + left_width;
  const double value_x = label_x + label_width;
  const IdentityLayout layout = style.identity_layout;
  const bool inline_labels = layout == IdentityLayout::inline_labels;

  TextStyle text = cell_style(style, font_pt);
  TextStyle bold = text;
  bold.bold = true;
  TextStyle centred = text;
  centred.align = Align::centre;
  TextStyle name = centred;
  name.bold = true;
  name.underline = true;

  const Header& header = record.header;
  const IdentityLabels& labels = style.identity_labels;
  std::vector<KeyValueRow> rows = {
      {labels.sop_number, header.sop_number.value_or("")},
      {labels.created, indonesian_date(header.created)},
      {labels.revised, indonesian_date(header.revised)},
      {labels.effective, indonesian_date(header.effective)},
      {labels.approved_by, "", true},
  };
  if (layout != IdentityLayout::title_in_head) {
    rows.push_back({labels.title, header.title.value_or("")});
  }
  // Inline rows hold key and value in one cell as wide as both columns.
  const double row_x = label_x;
  const double row_width = label_width + value_width;
  const double inner_value = (inline_labels ? row_width : value_width) - 2 * pad;

  // The approver block: position, signature space, name, rank, NIP.
  std::vector<ApproverLine> approver_lines;
  if (header.approver) {
    const Approver& approver = *header.approver;
    if (approver.position) approver_lines.push_back({*approver.position, &centred});
    approver_lines.push_back({});  // signature space
    if (approver.name) approver_lines.push_back({*approver.name, &name, true});
    if (approver.rank) approver_lines.push_back({*approver.rank, &centred});
    if (approver.nip) approver_lines.push_back({"NIP. " + spaced_nip(*approver.nip), &centred});
  }
  auto approver_height = [&]() {
    double height = 0;
    for (const ApproverLine& line : approver_lines) {
      height +=
          line.style ? typesetter.height(line.text, *line.style, inner_value) : kSignatureSpacePt;
    }
    return height;
  };

  double y = kMarginPt;
  if (layout == IdentityLayout::title_in_head) {
    TextStyle heading = bold;
    heading.align = Align::centre;
    heading.size_pt = font_pt + 2;
    const std::string title = "STANDAR OPERASIONAL PROSEDUR\n" + header.title.value_or("");
    const double heading_width = width * 0.8;
    const double height = typesetter.height(title, heading, heading_width);
    if (cr)
      typesetter.draw(cr, title, heading, left + (width - heading_width) / 2, y, heading_width);
    y += height + font_pt;
  }
  const double top = y;
  // The institution block spans the key/value rows: emblem, then the name in capitals.
  TextStyle institution = bold;
  institution.align = Align::centre;
  institution.size_pt = font_pt + 1.5;
  const std::string institution_name = header.institution.value_or("");
  const double name_width = left_width - 4 * pad;
  std::vector<std::pair<std::string, TextStyle>> letterhead_cells;
  double letterhead_cells_height = 0;
  if (layout == IdentityLayout::letterhead_cells) {
    for (const std::string& line : letterhead_lines(institution_name)) {
      letterhead_cells.emplace_back(line, institution);
    }
    letterhead_cells.emplace_back(kLetterheadAddress, centred);
    for (const auto& [cell_text, cell_style] : letterhead_cells) {
      letterhead_cells_height += typesetter.height(cell_text, cell_style, name_width) + 2 * pad;
    }
  }

  struct RowPlan {
    double key_height = 0;
    double height = 0;
  };
  std::vector<RowPlan> plans;
  double rows_height = 0;
  for (const KeyValueRow& row : rows) {
    const std::string key_text = !inline_labels ? row.label
                                 : row.approver ? row.label + " :"
                                                : row.label + " : " + row.value;
    RowPlan plan;
    plan.key_height =
        typesetter.height(key_text, text, inline_labels ? inner_value : label_width - 2 * pad);
    const double value_height = row.approver
                                    ? approver_height() + (inline_labels ? plan.key_height : 0)
                                : inline_labels ? plan.key_height
                                                : typesetter.height(row.value, text, inner_value);
    plan.height = std::max({plan.key_height, value_height, font_pt * 1.3}) + 2 * pad;
    rows_height += plan.height;
    plans.push_back(plan);
  }
  // The approver's row grows when the letterhead's stacked cells need more height than the rows.
  const double letterhead_need = letterhead_cells_height + kEmblemHeightPt + 2 * pad;
  if (rows_height < letterhead_need) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].approver) plans[i].height += letterhead_need - rows_height;
    }
  }

  // Stacked keys: the rows up to the approver's share one label cell; the title keeps its own.
  bool stack_open = style.stacked_keys && !inline_labels;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const KeyValueRow& row = rows[i];
    const double height = plans[i].height;
    const bool in_stack = stack_open;
    if (in_stack && row.approver) {
      stack_open = false;
      if (cr) {
        stroke_box(cr, {label_x, top, label_width, y + height - top},
                   rule_pen(style, style.rule_pt));
      }
    }
    if (cr) {
      double content_x = value_x + pad;
      double content_y = y + pad;
      if (inline_labels) {
        const std::string key_text =
            row.approver ? row.label + " :" : row.label + " : " + row.value;
        stroke_box(cr, {row_x, y, row_width, height}, rule_pen(style, style.rule_pt));
        draw_cell_text(cr, typesetter, key_text, text, {row_x, y, row_width, height}, pad);
        content_x = row_x + pad;
        content_y += plans[i].key_height;
      } else {
        if (!in_stack) {
          stroke_box(cr, {label_x, y, label_width, height}, rule_pen(style, style.rule_pt));
        }
        stroke_box(cr, {value_x, y, value_width, height}, rule_pen(style, style.rule_pt));
        draw_cell_text(cr, typesetter, row.label, text, {label_x, y, label_width, height}, pad);
        if (!row.approver) {
          draw_cell_text(cr, typesetter, row.value, text, {value_x, y, value_width, height}, pad);
        }
      }
      if (row.approver) {
        draw_approver(cr, typesetter, style, header, approver_lines, content_x, content_y,
                      inner_value);
      }
    }
    y += height;
  }

  if (cr && layout == IdentityLayout::letterhead_cells) {
    // Emblem, name lines and address stacked, each in a cell of its own.
    const double emblem_height = y - top - letterhead_cells_height;
    stroke_box(cr, {left, top, left_width, emblem_height}, rule_pen(style, style.rule_pt));
    draw_emblem(cr, left + left_width / 2, top + (emblem_height - kEmblemHeightPt) / 2);
    double cell_y = top + emblem_height;
    for (const auto& [cell_text, cell_style] : letterhead_cells) {
      const double height = typesetter.height(cell_text, cell_style, name_width) + 2 * pad;
      stroke_box(cr, {left, cell_y, left_width, height}, rule_pen(style, style.rule_pt));
      typesetter.draw(cr, cell_text, cell_style, left + 2 * pad, cell_y + pad, name_width);
      cell_y += height;
    }
  } else if (cr) {
    const double name_height = typesetter.height(institution_name, institution, name_width);
    const double block_height = kEmblemHeightPt + 10 + name_height;
    const double block_top = top + std::max(pad, (y - top - block_height) / 2);
    stroke_box(cr, {left, top, left_width, y - top}, rule_pen(style, style.rule_pt));
    draw_emblem(cr, left + left_width / 2, block_top);
    typesetter.draw(cr, institution_name, institution, left + 2 * pad,
                    block_top + kEmblemHeightPt + 10, name_width);
  }

  // The two-column grid: a label row, then the lists, for each pair.
  struct GridPair {
    const char* left_label;
    const std::vector<std::string>* left_items;
    const char* right_label;
    const std::vector<std::string>* right_items;
  };
  const std::array<GridPair, 3> pairs = {{
      {"Dasar Hukum :", &record.legal_basis, "Kualifikasi Pelaksana :", &record.qualifications},
      {"Keterkaitan :", &record.related_sops, "Peralatan / Perlengkapan :", &record.equipment},
      {"Peringatan :", &record.warnings, "Pencatatan dan Pendataan :", &record.recording},
  }};
  const double column_width = width / 2;
  TextStyle list = text;
  list.hanging_indent_pt = bullet_indent_pt(typesetter, text, style.bullets);
  for (const GridPair& pair : pairs) {
    const double label_height =
        std::max(typesetter.height(pair.left_label, text, column_width - 2 * pad),
                 typesetter.height(pair.right_label, text, column_width - 2 * pad)) +
        2 * pad;
    const std::string left_list = bulleted_list(*pair.left_items, style.bullets);
    const std::string right_list = bulleted_list(*pair.right_items, style.bullets);
    const double list_height =
        std::max({typesetter.height(left_list, list, column_width - 4 * pad),
                  typesetter.height(right_list, list, column_width - 4 * pad), font_pt * 2}) +
        2 * pad + extra_pt;
    if (cr) {
      for (int column = 0; column < 2; ++column) {
        const double x = left + column * column_width;
        stroke_box(cr, {x, y, column_width, label_height}, rule_pen(style, style.rule_pt));
        stroke_box(cr, {x, y + label_height, column_width, list_height},
                   rule_pen(style, style.rule_pt));
        draw_cell_text(cr, typesetter, column == 0 ? pair.left_label : pair.right_label, text,
                       {x, y, column_width, label_height}, pad);
        // Lists sit a little in from the rule, as typed into real forms.
        draw_cell_text(cr, typesetter, column == 0 ? left_list : right_list, list,
                       {x + pad, y + label_height, column_width - 2 * pad, list_height}, pad);
      }
    }
    y += label_height + list_height;
  }
  if (cr) stroke_box(cr, {left, top, width, y - top}, rule_pen(style, style.outer_rule_pt));
  return y;
}

}  // namespace

void draw_identity_page(cairo_t* cr, const PageLayout& page, const SopRecord& record,
                        const DocumentStyle& style, const Typesetter& typesetter) {
  const double bottom_limit = page.height_pt - kMarginPt;
  double font_pt = kLargestFontPt;
  double bottom = identity_page(nullptr, page, record, style, typesetter, font_pt, 0);
  while (bottom > bottom_limit && font_pt > kSmallestFontPt) {
    font_pt -= 0.5;
    bottom = identity_page(nullptr, page, record, style, typesetter, font_pt, 0);
  }
  // Real identity grids run down most of the page; stretch the list rows part of the way.
  const double extra = std::max(0.0, (bottom_limit - bottom) * 0.6 / 3);
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  identity_page(cr, page, record, style, typesetter, font_pt, extra);
  cairo_restore(cr);
}

}  // namespace sopocr::fixtures
