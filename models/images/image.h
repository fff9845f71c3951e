#pragma once

#include <cstddef>
#include <vector>

namespace paradis {

// An image as super-resolution works on it: `channels` planes (3: R, G, B;
// 1: one plane such as luminance) of height x width values, row by row,
// plane after plane, on the 0-255 scale of 8-bit files (not rounded: a
// resized image keeps its fractions until quantize_to_8_bits).
struct Image {
  int width = 0;
  int height = 0;
  int channels = 0;
  std::vector<float> values;  // channels * height * width

  Image() = default;
  Image(int w, int h, int c)
      : width(w), height(h), channels(c), values(static_cast<std::size_t>(w) * h * c, 0.0f) {}

  float& at(int c, int y, int x) {
    return values[(static_cast<std::size_t>(c) * height + y) * width + x];
  }
  float at(int c, int y, int x) const {
    return values[(static_cast<std::size_t>(c) * height + y) * width + x];
  }
};

// Every value rounded to the nearest integer and held to 0-255, as an 8-bit
// file would store it (a low-resolution input is saved so).
Image quantize_to_8_bits(Image image);

// The largest top-left crop whose sides are multiples of `scale` ("modcrop":
// a high-resolution image whose downscaled size is whole).
Image crop_to_multiple(const Image& image, int scale);

}  // namespace paradis
