#pragma once

#include "models/images/image.h"

namespace paradis {

// Luminance as super-resolution is scored on it (ITU-R BT.601, MATLAB's
// rgb2ycbcr): Y = 16 + (65.481 R + 128.553 G + 24.966 B) / 255 for R, G, B
// on 0-255; 16-235 on that scale. One channel; an image of one channel is
// returned as it is.
Image luminance(const Image& rgb);

// PSNR in dB of `estimate` against `reference` (same size and channels),
// peak 255, over every pixel but a border of `shave` pixels (the usual
// convention shaves the scale factor). Infinite when they are equal.
double psnr(const Image& estimate, const Image& reference, int shave);

// SSIM (Wang et al. 2004: an 11 x 11 Gaussian window of sigma 1.5, K1 0.01,
// K2 0.03, peak 255, windows wholly inside the image) of one-channel images,
// the border of `shave` pixels cut off first; the mean over windows.
double ssim(const Image& estimate, const Image& reference, int shave);

}  // namespace paradis
