#pragma once

#include "models/images/image.h"

namespace paradis {

// A photograph as super-resolution is trained and scored on it, the
// standard way: the high-resolution image cropped to a multiple of the
// scale, and its degraded input, bicubic downscaling (bicubic_resize,
// antialiased) rounded to 8 bits as a saved file would be.
struct DegradedPair {
  Image high;
  Image low;
};
DegradedPair degraded_pair(const Image& photo, int scale);

// The bicubic baseline: `low` enlarged `scale` times, rounded to 8 bits.
Image bicubic_upscaled(const Image& low, int scale);

// PSNR and SSIM of an estimate of `high` on the luminance channel, a border
// of `scale` pixels shaved (the usual convention).
struct LuminanceScore {
  double psnr_db = 0.0;
  double ssim = 0.0;
};
LuminanceScore luminance_score(const Image& estimate, const Image& high, int scale);

}  // namespace paradis
