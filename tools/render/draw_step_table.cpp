#include "draw_step_table.h"

#include "cell_text.h"
#include "draw_arrows.h"
#include "draw_symbols.h"
#include "drawing_basics.h"

namespace sopocr::fixtures {
namespace {

void draw_rules(cairo_t* cr, const StepTablePage& page, const DocumentStyle& style) {
  const StepTableColumns& columns = page.columns;
  const Pen rule = rule_pen(style, style.rule_pt);
  const Pen outer = rule_pen(style, style.outer_rule_pt);
  const double left = columns.edges.front();
  const double right = columns.edges.back();
  const double lanes_left = columns.left(columns.lane(0));
  const double mutu_baku_right = columns.right(columns.outputs());

  // Horizontal rules: the group row ("Pelaksana", "Mutu Baku") is split only under its spans.
  stroke_line(cr, lanes_left, page.group_row_bottom, mutu_baku_right, page.group_row_bottom, rule);
  stroke_line(cr, left, page.header_bottom, right, page.header_bottom, rule);
  if (page.number_row_bottom > page.header_bottom) {
    stroke_line(cr, left, page.number_row_bottom, right, page.number_row_bottom, rule);
  }
  for (const StepRow& row : page.rows) {
    stroke_line(cr, left, row.box.bottom(), right, row.box.bottom(), rule);
  }

  // Vertical rules: those inside a span start below the group row.
  for (std::size_t edge = 1; edge + 1 < columns.edges.size(); ++edge) {
    const bool inside_lanes = edge > columns.lane(0) && edge < columns.requirements();
    const bool inside_mutu_baku = edge > columns.requirements() && edge <= columns.outputs();
    const double top = inside_lanes || inside_mutu_baku ? page.group_row_bottom : page.table_top;
    stroke_line(cr, columns.edges[edge], top, columns.edges[edge], page.table_bottom, rule);
  }
  const Box border{left, page.table_top, right - left, page.table_bottom - page.table_top};
  stroke_box(cr, border, outer);
  if (style.double_border) {
    // A second frame just outside the first, as some office templates draw a table's border.
    const double gap = 1.5 * style.outer_rule_pt + 1;
    stroke_box(cr,
               {border.x - gap, border.y - gap, border.width + 2 * gap, border.height + 2 * gap},
               outer);
  }
}

void draw_header(cairo_t* cr, const StepTablePage& page, const SopRecord& record,
                 const DocumentStyle& style, const Typesetter& typesetter) {
  const StepTableColumns& columns = page.columns;
  const TextStyle header = header_style(style, page.font_pt);
  const double pad = kCellPaddingPt;
  const double full_height = page.header_bottom - page.table_top;
  const double group_height = page.group_row_bottom - page.table_top;
  const double names_height = page.header_bottom - page.group_row_bottom;
  auto column_box = [&](std::size_t first, std::size_t last, double top, double height) {
    return Box{columns.left(first), top, columns.right(last) - columns.left(first), height};
  };
  auto centred = [&](std::string_view text, const Box& box) {
    draw_cell_text(cr, typesetter, text, header, box, pad, VerticalAlign::middle);
  };

  centred(style.wording.number,
          column_box(columns.kNumber, columns.kNumber, page.table_top, full_height));
  centred(style.wording.activity,
          column_box(columns.kActivity, columns.kActivity, page.table_top, full_height));
  centred(style.wording.lanes, column_box(columns.lane(0), columns.lane(columns.lane_count - 1),
                                          page.table_top, group_height));
  centred(style.wording.quality,
          column_box(columns.requirements(), columns.outputs(), page.table_top, group_height));
  centred(style.wording.notes,
          column_box(columns.notes(), columns.notes(), page.table_top, full_height));
  for (std::size_t actor = 0; actor < record.actors.size(); ++actor) {
    centred(record.actors[actor], column_box(columns.lane(actor), columns.lane(actor),
                                             page.group_row_bottom, names_height));
  }
  centred(style.wording.requirements, column_box(columns.requirements(), columns.requirements(),
                                                 page.group_row_bottom, names_height));
  centred(style.wording.duration,
          column_box(columns.duration(), columns.duration(), page.group_row_bottom, names_height));
  centred(style.wording.output,
          column_box(columns.outputs(), columns.outputs(), page.group_row_bottom, names_height));

  if (page.number_row_bottom > page.header_bottom) {
    TextStyle number = cell_style(style, page.font_pt);
    number.align = Align::centre;
    for (std::size_t column = 0; column < columns.count(); ++column) {
      draw_cell_text(cr, typesetter, std::to_string(column + 1), number,
                     column_box(column, column, page.header_bottom,
                                page.number_row_bottom - page.header_bottom),
                     pad, VerticalAlign::middle);
    }
  }
}

// The activity in its cell, or its sub-items in cells of their own: each as tall as its text
// asks, the row's spare height shared among them, a rule between each two.
void draw_activity_cells(cairo_t* cr, const std::string& activity, const Box& box,
                         const TextStyle& text, const DocumentStyle& style,
                         const Typesetter& typesetter) {
  const double pad = kCellPaddingPt;
  const std::vector<std::string> items = activity_cells(activity, style);
  std::vector<double> heights;
  double total = 0;
  for (const std::string& item : items) {
    heights.push_back(typesetter.height(item, text, box.width - 2 * pad) + 2 * pad);
    total += heights.back();
  }
  const double spare = (box.height - total) / static_cast<double>(items.size());
  double y = box.y;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double height = heights[i] + spare;
    draw_cell_text(cr, typesetter, items[i], text, Box{box.x, y, box.width, height}, pad);
    y += height;
    if (i + 1 < items.size())
      stroke_line(cr, box.x, y, box.x + box.width, y, rule_pen(style, style.rule_pt));
  }
}

void draw_row_texts(cairo_t* cr, const StepRow& row, const Step& step, const StepTablePage& page,
                    const DocumentStyle& style, const Typesetter& typesetter) {
  const StepTableColumns& columns = page.columns;
  const StepCellTexts texts = step_cell_texts(step);
  const TextStyle cell = cell_style(style, page.font_pt);
  TextStyle centred = cell;
  centred.align = Align::centre;
  auto box = [&](std::size_t column) {
    return Box{columns.left(column), row.box.y, columns.width(column), row.box.height};
  };
  const double pad = kCellPaddingPt;
  draw_cell_text(cr, typesetter, texts.number, centred, box(columns.kNumber), pad);
  draw_activity_cells(cr, texts.activity, box(columns.kActivity), cell, style, typesetter);
  draw_cell_text(cr, typesetter, texts.requirements,
                 dash_list_style(cell, step.requirements, typesetter), box(columns.requirements()),
                 pad);
  draw_cell_text(cr, typesetter, texts.duration, centred, box(columns.duration()), pad);
  draw_cell_text(cr, typesetter, texts.outputs, dash_list_style(cell, step.outputs, typesetter),
                 box(columns.outputs()), pad);
  draw_cell_text(cr, typesetter, texts.notes, cell, box(columns.notes()), pad);
}

}  // namespace

void draw_step_table(cairo_t* cr, const StepTablePage& page, const SopRecord& record,
                     const DocumentStyle& style, const Typesetter& typesetter) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  if (page.title_line) {
    TextStyle title = header_style(style, style.table_font_pt + 1.5);
    typesetter.draw(cr, *page.title_line, title, page.title_box.x, page.title_box.y,
                    page.title_box.width);
  }
  draw_rules(cr, page, style);
  draw_header(cr, page, record, style, typesetter);
  for (const StepRow& row : page.rows) {
    draw_row_texts(cr, row, record.steps[row.step_index], page, style, typesetter);
    if (row.symbol) draw_symbol(cr, row.symbol->kind, row.symbol->box, style);
    for (const PlacedSymbol& other : row.other_symbols) {
      draw_symbol(cr, other.kind, other.box, style);
    }
  }
  const TextStyle small = arrow_label_style(style, page.font_pt);
  for (const OffPageConnector& connector : page.connectors) {
    draw_off_page_connector(cr, connector, style, small, typesetter);
  }
  draw_arrows(cr, page.arrows, style.arrow_stroke_pt, style.arrow_head, small, typesetter);
  cairo_restore(cr);
}

}  // namespace sopocr::fixtures
