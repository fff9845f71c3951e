#pragma once

#include "models/images/image.h"

namespace paradis {

// Bicubic resizing as super-resolution papers make their inputs (MATLAB's
// imresize(image, 1/scale, 'bicubic'), the standard degradation): Keys'
// cubic kernel with a = -0.5; when shrinking, the kernel stretched by the
// scale so that it also filters (antialiasing); output pixel i (from 0)
// centred on input coordinate (i + 0.5) / scale - 0.5; each pixel's weights
// normalised to sum to 1; beyond the border the image mirrored (symmetric:
// the edge pixel repeated). Separable: rows, then columns. `scale` < 1
// shrinks (0.5: x2 downscaling), > 1 enlarges (the bicubic baseline). The
// output is width x scale and height x scale, rounded up; not rounded to
// 8 bits (quantize_to_8_bits).
Image bicubic_resize(const Image& image, double scale);

}  // namespace paradis
