// Scanner streaks: the thin lines dirt on a scanner's glass draws the whole length of every page
// it feeds. They cross the table like a column rule, split its cells and read as "|", "," or
// ":" in the text. They are found in the image as delivered, where they run straight along one
// of its axes (or a little off it, where a streaked copy was photographed at an angle), and
// lifted off before anything else looks at the page.
#pragma once

#include <opencv2/core.hpp>

namespace sopocr {

// `gray` with its streaks lifted off. A streak is a straight line no wider than 0.7 mm, darker
// than the paper on both sides of it, along one of the image's axes or up to 3° off it, that
// runs from one edge of the image to the other: printed rules keep a margin. Each of its pixels is lightened to
// the blend of the pixels just beside the streak: paper where it crossed paper, a rule's or a
// letter's ink where it crossed them. `gray` is CV_8UC1. `unseen` (255 where the scan shows no
// paper, such as a dark border painted out; may be empty) neither proves nor disproves a streak:
// a streak runs on under the border unseen.
cv::Mat without_scanner_streaks(const cv::Mat& gray, const cv::Mat& unseen, int dpi);

}  // namespace sopocr
