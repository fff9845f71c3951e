#include "models/images/image.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace paradis {

Image quantize_to_8_bits(Image image) {
  for (float& v : image.values) v = std::clamp(std::nearbyint(v), 0.0f, 255.0f);
  return image;
}

Image crop_to_multiple(const Image& image, int scale) {
  if (scale < 1) throw std::invalid_argument("crop_to_multiple: scale must be at least 1");
  Image out(image.width - image.width % scale, image.height - image.height % scale, image.channels);
  for (int c = 0; c < out.channels; ++c) {
    for (int y = 0; y < out.height; ++y) {
      for (int x = 0; x < out.width; ++x) out.at(c, y, x) = image.at(c, y, x);
    }
  }
  return out;
}

}  // namespace paradis
