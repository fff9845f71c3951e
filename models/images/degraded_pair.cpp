#include "models/images/degraded_pair.h"

#include <stdexcept>

#include "models/images/bicubic_resize.h"
#include "models/images/image_quality.h"

namespace paradis {

DegradedPair degraded_pair(const Image& photo, int scale) {
  if (scale < 2) throw std::invalid_argument("degraded_pair: the scale must be at least 2");
  DegradedPair pair;
  pair.high = crop_to_multiple(photo, scale);
  pair.low = quantize_to_8_bits(bicubic_resize(pair.high, 1.0 / scale));
  return pair;
}

Image bicubic_upscaled(const Image& low, int scale) {
  return quantize_to_8_bits(bicubic_resize(low, scale));
}

LuminanceScore luminance_score(const Image& estimate, const Image& high, int scale) {
  const Image a = luminance(estimate);
  const Image b = luminance(high);
  return {psnr(a, b, scale), ssim(a, b, scale)};
}

}  // namespace paradis
