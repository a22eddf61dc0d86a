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

  const double star_y = top + height * 0.4;
  const double outer = width * 0.26;
  const double inner = outer * 0.42;
  cairo_new_path(cr);
  for (int point = 0; point < 10; ++point) {
    const double angle = -std::numbers::pi / 2 + point * std::numbers::pi / 5;
    const double radius = point % 2 == 0 ? outer : inner;
    cairo_line_to(cr, centre_x + radius * std::cos(angle), star_y + radius * std::sin(angle));
  }
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_new_path(cr);
  cairo_move_to(cr, left + width * 0.18, top + height * 0.72);
  cairo_line_to(cr, left + width * 0.82, top + height * 0.72);
  cairo_set_line_width(cr, 0.8);
  cairo_stroke(cr);
  cairo_restore(cr);
}

// A pen scribble in the signature space, so the approver block looks signed.
void draw_signature(cairo_t* cr, double centre_x, double top) {
  cairo_save(cr);
  cairo_new_path(cr);
  const double y = top + kSignatureSpacePt * 0.6;
  cairo_move_to(cr, centre_x - 26, y + 4);
  cairo_curve_to(cr, centre_x - 18, y - 14, centre_x - 10, y + 10, centre_x - 4, y - 6);
  cairo_curve_to(cr, centre_x + 2, y - 16, centre_x + 6, y + 8, centre_x + 12, y - 2);
  cairo_curve_to(cr, centre_x + 18, y - 10, centre_x + 22, y + 2, centre_x + 30, y - 4);
  cairo_set_line_width(cr, 0.8);
  cairo_stroke(cr);
  cairo_restore(cr);
}

struct KeyValueRow {
  std::string label;
  std::string value;
  bool approver = false;
};

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

  TextStyle text = cell_style(style, font_pt);
  TextStyle bold = text;
  bold.bold = true;
  TextStyle centred = text;
  centred.align = Align::centre;
  TextStyle name = centred;
  name.bold = true;
  name.underline = true;

  const Header& header = record.header;
  const std::vector<KeyValueRow> rows = {
      {"Nomor SOP", header.sop_number.value_or("")},
      {"Tanggal Pembuatan", indonesian_date(header.created)},
      {"Tanggal Revisi", indonesian_date(header.revised)},
      {"Tanggal Efektif", indonesian_date(header.effective)},
      {"Disahkan Oleh", "", true},
      {"Nama SOP", header.title.value_or("")},
  };
  const double inner_value = value_width - 2 * pad;

  // The approver block: position, signature space, name, rank, NIP.
  std::vector<std::pair<std::string, const TextStyle*>> approver_lines;
  if (header.approver) {
    const Approver& approver = *header.approver;
    if (approver.position) approver_lines.emplace_back(*approver.position, &centred);
    approver_lines.emplace_back("", nullptr);  // signature space
    if (approver.name) approver_lines.emplace_back(*approver.name, &name);
    if (approver.rank) approver_lines.emplace_back(*approver.rank, &centred);
    if (approver.nip) approver_lines.emplace_back("NIP. " + spaced_nip(*approver.nip), &centred);
  }
  auto approver_height = [&]() {
    double height = 0;
    for (const auto& [line, line_style] : approver_lines) {
      height += line_style ? typesetter.height(line, *line_style, inner_value) : kSignatureSpacePt;
    }
    return height;
  };

  double y = kMarginPt;
  const double top = y;
  for (const KeyValueRow& row : rows) {
    const double value_height =
        row.approver ? approver_height() : typesetter.height(row.value, text, inner_value);
    const double height = std::max({typesetter.height(row.label, text, label_width - 2 * pad),
                                    value_height, font_pt * 1.3}) +
                          2 * pad;
    if (cr) {
      stroke_box(cr, {label_x, y, label_width, height}, rule_pen(style, style.rule_pt));
      stroke_box(cr, {value_x, y, value_width, height}, rule_pen(style, style.rule_pt));
      draw_cell_text(cr, typesetter, row.label, text, {label_x, y, label_width, height}, pad);
      if (!row.approver) {
        draw_cell_text(cr, typesetter, row.value, text, {value_x, y, value_width, height}, pad);
      } else {
        double line_y = y + pad;
        for (const auto& [line, line_style] : approver_lines) {
          if (line_style == nullptr) {
            draw_signature(cr, value_x + value_width / 2, line_y);
            line_y += kSignatureSpacePt;
          } else {
            line_y += typesetter.draw(cr, line, *line_style, value_x + pad, line_y, inner_value);
          }
        }
      }
    }
    y += height;
  }

  // The institution block spans the key/value rows: emblem, then the name in capitals.
  TextStyle institution = bold;
  institution.align = Align::centre;
  institution.size_pt = font_pt + 1.5;
  const std::string institution_name = header.institution.value_or("");
  const double name_height = typesetter.height(institution_name, institution, left_width - 4 * pad);
  const double block_height = kEmblemHeightPt + 10 + name_height;
  const double block_top = top + std::max(pad, (y - top - block_height) / 2);
  if (cr) {
    stroke_box(cr, {left, top, left_width, y - top}, rule_pen(style, style.rule_pt));
    draw_emblem(cr, left + left_width / 2, block_top);
    typesetter.draw(cr, institution_name, institution, left + 2 * pad,
                    block_top + kEmblemHeightPt + 10, left_width - 4 * pad);
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
