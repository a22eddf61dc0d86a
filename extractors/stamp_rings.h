// Round rubber stamps: an office's stamp pressed over the approver's name and NIP and the rows
// beside them. Its rings cut through the printed letters they cross, and OCR then reads other
// letters ("Ahmad" as "Ahraga") or a stray "(" or "9" before the name. A colour scan keeps the
// stamp's colour apart (coloured_ink_mask); on a grey or bilevel scan only its shape does: a
// ring is ink along one circle nearly all the way round, and no letter, rule or flowchart symbol
// is that.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace sopocr {

struct StampRing {
  cv::Point2f centre_px;
  float radius_px = 0;
  float width_px = 0;  // the ring's stroke, across
};

// The rings of the round stamps on a page, each stamp's concentric rings one entry each. `ink`
// is CV_8UC1, 255 on ink; `dpi` its true resolution. A stamp is 20-60 mm across; a ring is ink
// on at least 70 % of its circle and a thin line (at most 3 mm, a doubled rim's two lines run
// together), clearly more ink than the circles just inside and outside it, so a paragraph's
// text or a filled logo is none.
std::vector<StampRing> find_stamp_rings(const cv::Mat& ink, int dpi);

// 255 on the pixels of `ink` that the stamps of `rings` printed, as far as they can be told from
// the printed letters under them: their rings (blurred rim included) but where a letter's
// stroke crosses them; the emblem inside the innermost ring (a mark larger than any letter
// that stays inside it); and the lettering around the rim, where it stands apart from printed
// lines. What OCR should not see; empty where there are no rings. `dpi` is the true resolution.
cv::Mat stamp_ink(const std::vector<StampRing>& rings, const cv::Mat& ink, int dpi);

}  // namespace sopocr
