#include "models/images/image_quality.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace paradis {
namespace {

void check_same(const Image& a, const Image& b, int shave, const char* what) {
  if (a.width != b.width || a.height != b.height || a.channels != b.channels) {
    throw std::invalid_argument(std::string(what) + ": the images differ in size or channels");
  }
  if (shave < 0 || 2 * shave >= a.width || 2 * shave >= a.height) {
    throw std::invalid_argument(std::string(what) + ": the border to shave leaves no pixel");
  }
}

Image shaved(const Image& image, int shave) {
  Image out(image.width - 2 * shave, image.height - 2 * shave, image.channels);
  for (int c = 0; c < out.channels; ++c) {
    for (int y = 0; y < out.height; ++y) {
      for (int x = 0; x < out.width; ++x) out.at(c, y, x) = image.at(c, y + shave, x + shave);
    }
  }
  return out;
}

// The 11 x 11 Gaussian window of sigma 1.5, summing to 1.
std::vector<double> gaussian_window() {
  std::vector<double> w(121);
  double sum = 0.0;
  for (int y = 0; y < 11; ++y) {
    for (int x = 0; x < 11; ++x) {
      const double dy = y - 5, dx = x - 5;
      w[static_cast<std::size_t>(y * 11 + x)] = std::exp(-(dx * dx + dy * dy) / (2 * 1.5 * 1.5));
      sum += w[static_cast<std::size_t>(y * 11 + x)];
    }
  }
  for (double& v : w) v /= sum;
  return w;
}

}  // namespace

Image luminance(const Image& rgb) {
  if (rgb.channels == 1) return rgb;
  if (rgb.channels != 3) throw std::invalid_argument("luminance: expected 1 or 3 channels");
  Image y(rgb.width, rgb.height, 1);
  for (int r = 0; r < rgb.height; ++r) {
    for (int x = 0; x < rgb.width; ++x) {
      y.at(0, r, x) = static_cast<float>(
          16.0 + (65.481 * rgb.at(0, r, x) + 128.553 * rgb.at(1, r, x) + 24.966 * rgb.at(2, r, x)) /
                     255.0);
    }
  }
  return y;
}

double psnr(const Image& estimate, const Image& reference, int shave) {
  check_same(estimate, reference, shave, "psnr");
  double sum = 0.0;
  std::size_t n = 0;
  for (int c = 0; c < estimate.channels; ++c) {
    for (int y = shave; y < estimate.height - shave; ++y) {
      for (int x = shave; x < estimate.width - shave; ++x) {
        const double d = static_cast<double>(estimate.at(c, y, x)) - reference.at(c, y, x);
        sum += d * d;
        ++n;
      }
    }
  }
  const double mse = sum / static_cast<double>(n);
  if (mse == 0.0) return std::numeric_limits<double>::infinity();
  return 10.0 * std::log10(255.0 * 255.0 / mse);
}

double ssim(const Image& estimate, const Image& reference, int shave) {
  check_same(estimate, reference, shave, "ssim");
  if (estimate.channels != 1) throw std::invalid_argument("ssim: expected one channel");
  const Image a = shaved(estimate, shave);
  const Image b = shaved(reference, shave);
  if (a.width < 11 || a.height < 11)
    throw std::invalid_argument("ssim: smaller than its 11 x 11 window");
  const std::vector<double> w = gaussian_window();
  const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
  double total = 0.0;
  std::size_t windows = 0;
  for (int y = 0; y + 11 <= a.height; ++y) {
    for (int x = 0; x + 11 <= a.width; ++x) {
      double ma = 0, mb = 0, aa = 0, bb = 0, ab = 0;
      for (int j = 0; j < 11; ++j) {
        for (int i = 0; i < 11; ++i) {
          const double g = w[static_cast<std::size_t>(j * 11 + i)];
          const double va = a.at(0, y + j, x + i), vb = b.at(0, y + j, x + i);
          ma += g * va;
          mb += g * vb;
          aa += g * va * va;
          bb += g * vb * vb;
          ab += g * va * vb;
        }
      }
      const double sa = aa - ma * ma, sb = bb - mb * mb, sab = ab - ma * mb;
      total += ((2 * ma * mb + c1) * (2 * sab + c2)) / ((ma * ma + mb * mb + c1) * (sa + sb + c2));
      ++windows;
    }
  }
  return total / static_cast<double>(windows);
}

}  // namespace paradis
