#include "models/images/bicubic_resize.h"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace paradis {
namespace {

// Keys' cubic convolution kernel, a = -0.5.
double cubic(double x) {
  const double a = std::abs(x);
  if (a <= 1.0) return (1.5 * a - 2.5) * a * a + 1.0;
  if (a < 2.0) return ((-0.5 * a + 2.5) * a - 4.0) * a + 2.0;
  return 0.0;
}

// Index k mirrored into 0..n-1 (symmetric: -1 -> 0, n -> n-1).
int mirrored(int k, int n) {
  const int period = 2 * n;
  int m = k % period;
  if (m < 0) m += period;
  return m < n ? m : period - 1 - m;
}

// The taps of every output pixel along one axis: input indices and weights.
struct Taps {
  std::vector<std::vector<int>> index;
  std::vector<std::vector<double>> weight;
};

Taps taps_for(int in, int out, double scale) {
  const double stretch = scale < 1.0 ? scale : 1.0;  // antialiasing when shrinking
  const double half_width = 2.0 / stretch;
  Taps t;
  t.index.resize(static_cast<std::size_t>(out));
  t.weight.resize(static_cast<std::size_t>(out));
  for (int i = 0; i < out; ++i) {
    const double centre = (i + 0.5) / scale - 0.5;
    const int first = static_cast<int>(std::floor(centre - half_width));
    const int last = static_cast<int>(std::ceil(centre + half_width));
    double sum = 0.0;
    for (int k = first; k <= last; ++k) {
      const double w = stretch * cubic(stretch * (centre - k));
      if (w == 0.0) continue;
      t.index[i].push_back(mirrored(k, in));
      t.weight[i].push_back(w);
      sum += w;
    }
    for (double& w : t.weight[i]) w /= sum;
  }
  return t;
}

}  // namespace

Image bicubic_resize(const Image& image, double scale) {
  if (!(scale > 0.0) || !std::isfinite(scale)) {
    throw std::invalid_argument("bicubic_resize: the scale must be positive");
  }
  const int out_w = static_cast<int>(std::ceil(image.width * scale - 1e-9));
  const int out_h = static_cast<int>(std::ceil(image.height * scale - 1e-9));
  const Taps across = taps_for(image.width, out_w, scale);
  const Taps down = taps_for(image.height, out_h, scale);
  Image rows(out_w, image.height, image.channels);
  for (int c = 0; c < image.channels; ++c) {
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < out_w; ++x) {
        double v = 0.0;
        for (std::size_t j = 0; j < across.index[x].size(); ++j) {
          v += across.weight[x][j] * image.at(c, y, across.index[x][j]);
        }
        rows.at(c, y, x) = static_cast<float>(v);
      }
    }
  }
  Image out(out_w, out_h, image.channels);
  for (int c = 0; c < image.channels; ++c) {
    for (int y = 0; y < out_h; ++y) {
      for (int x = 0; x < out_w; ++x) {
        double v = 0.0;
        for (std::size_t j = 0; j < down.index[y].size(); ++j) {
          v += down.weight[y][j] * rows.at(c, down.index[y][j], x);
        }
        out.at(c, y, x) = static_cast<float>(v);
      }
    }
  }
  return out;
}

}  // namespace paradis
