// Rules too faint to binarise: a dotted hairline in pale toner, a thin grey rule scanned at a
// low resolution. No pixel of them is clearly ink, but along a quarter inch they are darker than
// the paper on both sides, which neither paper grain nor the edge of a line of text is.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "grid.h"

namespace sopocr {

// Masks of faint horizontal and vertical rules on a level page, drawn as the rule_masks of
// extract_rule_masks are: 255 along each rule. `gray` is the page (CV_8UC1), `ink` its
// binarize_ink mask, `ink_rules` the rules extract_rule_masks found on that ink (255 on them;
// empty for none), which are no faint rule's. A rule here is a thin line whose darkness, averaged
// over a quarter inch along it, stands above the paper beside it (a third and two thirds of a
// millimetre away on both sides) by the paper's grain, is at least twice as dark as any of them,
// and is spread along the line rather than held in a speck. So is a line of scattered dots away
// from any letter, as dark over an inch: a hairline a low-resolution bilevel scan kept only here
// and there.
RuleMasks faint_rule_masks(const cv::Mat& gray, const cv::Mat& ink, const cv::Mat& ink_rules,
                           int dpi);

// `masks` kept only on the rules of `grids` (within `tolerance` pixels of a row rule for the
// horizontal mask, of a column rule for the vertical one, inside the grid's box): a faint mask
// also holds short lines through text and arrows, which are no rules and must not be painted
// out of the text.
RuleMasks on_grid_rules(const RuleMasks& masks, const std::vector<TableGrid>& grids, int tolerance);

}  // namespace sopocr
