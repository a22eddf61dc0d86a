#include "cell_text.h"

#include <array>
#include <cctype>

namespace sopocr::fixtures {

std::string indonesian_date(const std::optional<std::string>& iso_date) {
  static constexpr std::array<const char*, 12> kMonths = {
      "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
      "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
  if (!iso_date) return "-";
  const std::string& date = *iso_date;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return date;
  const int month = std::stoi(date.substr(5, 2));
  if (month < 1 || month > 12) return date;
  return date.substr(8, 2) + " " + kMonths[static_cast<std::size_t>(month - 1)] + " " +
         date.substr(0, 4);
}

std::string spaced_nip(const std::string& nip) {
  if (nip.size() != 18) return nip;
  for (char c : nip) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return nip;
  }
  return nip.substr(0, 8) + " " + nip.substr(8, 6) + " " + nip.substr(14, 1) + " " +
         nip.substr(15, 3);
}

std::string dash_list(const std::vector<std::string>& items) {
  if (items.size() == 1) return items.front();
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "- " : "\n- ") + item;
  return text;
}

TextStyle dash_list_style(const TextStyle& cell, const std::vector<std::string>& items,
                          const Typesetter& typesetter) {
  TextStyle style = cell;
  if (items.size() > 1) style.hanging_indent_pt = typesetter.natural_width("- ", cell);
  return style;
}

namespace {
std::string bullet_for(std::size_t index, BulletStyle bullets) {
  switch (bullets) {
    case BulletStyle::numbers:
      return std::to_string(index + 1) + ". ";
    case BulletStyle::dashes:
      return "- ";
    case BulletStyle::letters:
      // a. … z., then aa. ab. …: lists on identity pages never get that long in practice.
      if (index < 26) return std::string(1, static_cast<char>('a' + index)) + ". ";
      return std::string(1, static_cast<char>('a' + index / 26 - 1)) +
             std::string(1, static_cast<char>('a' + index % 26)) + ". ";
  }
  return "- ";
}
}  // namespace

std::string bulleted_list(const std::vector<std::string>& items, BulletStyle bullets) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    text += (i == 0 ? "" : "\n") + bullet_for(i, bullets) + items[i];
  }
  return text;
}

double bullet_indent_pt(const Typesetter& typesetter, const TextStyle& style, BulletStyle bullets) {
  return typesetter.natural_width(bullet_for(bullets == BulletStyle::numbers ? 8 : 0, bullets),
                                  style);
}

StepCellTexts step_cell_texts(const Step& step) {
  StepCellTexts texts;
  if (step.no) texts.number = std::to_string(*step.no);
  texts.activity = step.activity.value_or("");
  texts.requirements = dash_list(step.requirements);
  if (step.duration) texts.duration = step.duration->text;
  texts.outputs = dash_list(step.outputs);
  texts.notes = step.notes.value_or("");
  return texts;
}

std::vector<std::string> activity_cells(const std::string& activity, const DocumentStyle& style) {
  if (!style.activity_sub_item_cells || !activity.starts_with("a. ")) return {activity};
  std::vector<std::string> items;
  std::size_t start = 0;
  for (char letter = 'b'; letter <= 'z'; ++letter) {
    const std::size_t next = activity.find(std::string(" ") + letter + ". ", start);
    if (next == std::string::npos) break;
    items.push_back(activity.substr(start, next - start));
    start = next + 1;
  }
  items.push_back(activity.substr(start));
  return items;
}

TextStyle cell_style(const DocumentStyle& style, double font_pt) {
  TextStyle text;
  text.family = style.font_family;
  text.size_pt = font_pt;
  return text;
}

TextStyle header_style(const DocumentStyle& style, double font_pt) {
  TextStyle text = cell_style(style, font_pt);
  text.bold = true;
  text.align = Align::centre;
  return text;
}

TextStyle arrow_label_style(const DocumentStyle& style, double font_pt) {
  TextStyle text = cell_style(style, font_pt * 0.8);
  return text;
}

}  // namespace sopocr::fixtures
