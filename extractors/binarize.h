// Turns a grayscale page into an ink mask: 255 where there is ink, 0 on paper.
// Adaptive, so uneven illumination and grey paper tone do not turn into ink.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace sopocr {

// `gray` is CV_8UC1. The threshold window scales with `dpi` (about 1/10 inch).
cv::Mat binarize_ink(const cv::Mat& gray, int dpi);

// The paper's own grey at each pixel: what the pixel would be with its ink lifted off, from the
// paper around it (about 1/6 inch). Ink painted out before OCR takes this, not white: on grey or
// unevenly lit paper a white hole is the brightest thing in the cell, and the engine's threshold
// then falls between the holes and the paper, taking the paper for ink. `ink` is 255 on ink.
cv::Mat paper_background(const cv::Mat& gray, const cv::Mat& ink, int dpi);

// The grey level below which `share` of an 8-bit image's pixels lie; of those under `mask`
// where one is given.
int level_at_share(const cv::Mat& image, double share, const cv::Mat& mask = cv::Mat());

// The spread of the paper's grain (scanner noise, paper texture, JPEG ringing) in grey levels:
// a standard deviation, measured against the mean of each pixel's tenth of an inch.
double paper_grain(const cv::Mat& gray, int dpi);

// Ink of a colour no printer's black or grey has: a pen's blue, a stamp's violet or red. 255 on
// those pixels, their faint blurred edges included, 0 elsewhere, on tinted or shaded paper and on
// black ink under a translucent coloured stroke. `bgr` is CV_8UC3 or CV_8UC4 (BGRA).
cv::Mat coloured_ink_mask(const cv::Mat& bgr);

// CV_8UC1, `bgr` (CV_8UC3 or CV_8UC4) as a grey page of its black ink alone: the coloured ink
// of `coloured` (coloured_ink_mask) taken out of every pixel, black ink under it and the
// letters' blurred edges beside it left. Ink multiplies the paper's light, so a pixel's
// absorbance (the logarithm of paper over pixel, per channel) is the sum of each ink's: the
// coloured ink's share follows its hue, measured on the page where it lies alone, and what is
// left along black's (equal in every channel) is the black ink. White paper is 255.
cv::Mat black_ink_only(const cv::Mat& bgr, const cv::Mat& coloured);

// Isolated specks of ink (scanner dust, salt noise): 255 on a speck's pixels, 0 elsewhere. OCR
// reads them as punctuation or stray letters, so they are painted out before it. A speck is an
// ink component no larger than a full stop with no other ink within 1/30 inch.
cv::Mat speck_mask(const cv::Mat& ink, int dpi);

// Connected pieces of ink no larger than a printed dot (1/40 inch across): 255 on their pixels.
// A dotted rule's dots, a bilevel scan's remains of a hairline, full stops, specks.
cv::Mat dot_sized_ink(const cv::Mat& ink, int dpi);

// The scan's dark border: the scanner lid's shadow, the table top around a photographed sheet.
// Solid dark areas (wider than any stroke) joined to the image's edge, with their rim. 255 on
// its pixels. Rules and text that reach the edge of a cropped scan are strokes, not areas, and
// stay out of it.
cv::Mat scan_border(const cv::Mat& gray, int dpi);

// 255 on the pixels of the components `chosen` by label, from cv::connectedComponents' `labels`
// (CV_32S); `chosen[0]`, the background, is normally 0.
cv::Mat components_mask(const cv::Mat& labels, const std::vector<unsigned char>& chosen);

// Ink that touches the image's edge: a scanner's dark border, the strip past a sheet's edge, the
// table a photo leaves outside the sheet. Printed matter keeps a margin. 255 on its pixels.
cv::Mat edge_ink(const cv::Mat& ink);

}  // namespace sopocr
