#include "render_document.h"

#include <cairo-pdf.h>

#include <fstream>

#include "draw_identity_page.h"
#include "draw_preamble_page.h"
#include "draw_step_table.h"
#include "layout.h"
#include "layout_json.h"
#include "pinned_pdf.h"

namespace sopocr::fixtures {
namespace {

class PdfPageDrawer {
 public:
  PdfPageDrawer(cairo_t* cr, const DocumentSpec& document, const std::vector<TruthSop>& sops,
                const DocumentLayout& layout, const PageLayout& page, const Typesetter& typesetter)
      : cr_(cr),
        document_(document),
        sops_(sops),
        layout_(layout),
        page_(page),
        typesetter_(typesetter) {}

  void operator()(const IdentityPage& identity) const {
    draw_identity_page(cr_, page_, sops_[identity.sop].record, layout_.style, typesetter_);
  }
  void operator()(const PreamblePage& preamble) const {
    const RegulationFront& front = *document_.regulation;
    draw_preamble_page(cr_, page_, preamble.index == 0 ? &front.title : nullptr,
                       front.preamble_pages[preamble.index], layout_.style, typesetter_);
  }
  void operator()(const StepTablePage& table) const {
    draw_step_table(cr_, table, sops_[table.sop].record, layout_.style, typesetter_);
  }

 private:
  cairo_t* cr_;
  const DocumentSpec& document_;
  const std::vector<TruthSop>& sops_;
  const DocumentLayout& layout_;
  const PageLayout& page_;
  const Typesetter& typesetter_;
};

}  // namespace

void write_document_pdf(const DocumentSpec& document, const std::vector<TruthSop>& sops,
                        const DocumentLayout& layout, const std::filesystem::path& pdf_file,
                        const Typesetter& typesetter) {
  if (layout.pages.empty()) throw FixtureError(pdf_file.string() + ": document has no pages");
  const PageLayout& first = layout.pages.front();
  cairo_surface_t* surface = create_pinned_pdf(pdf_file, first.width_pt, first.height_pt,
                                               document.id, "sopocr-render-fixtures");
  cairo_t* cr = cairo_create(surface);
  for (const PageLayout& page : layout.pages) {
    cairo_pdf_surface_set_size(surface, page.width_pt, page.height_pt);
    std::visit(PdfPageDrawer(cr, document, sops, layout, page, typesetter), page.content);
    cairo_show_page(cr);
  }
  finish_pdf(cr, surface, pdf_file);
}

DocumentLayout render_document(const DocumentSpec& document, const std::vector<TruthSop>& sops,
                               const std::filesystem::path& out_dir, const Typesetter& typesetter) {
  DocumentLayout layout = layout_document(document, sops, typesetter);
  std::filesystem::create_directories(out_dir);
  write_document_pdf(document, sops, layout, out_dir / document.file, typesetter);

  const std::filesystem::path layout_file = out_dir / (document.id + ".layout.json");
  std::ofstream out(layout_file);
  out << layout_to_json(document, sops, layout).dump(1) << '\n';
  if (!out) throw FixtureError(layout_file.string() + ": cannot write");
  return layout;
}

}  // namespace sopocr::fixtures
