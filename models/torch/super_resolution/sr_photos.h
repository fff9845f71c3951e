#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <torch/types.h>

#include "models/images/image.h"

namespace paradis {

// A photograph of a super-resolution set, as tensors: the high-resolution
// image and its degraded input (degraded_pair), 3 x H x W, R, G, B on 0-1.
struct SrPhoto {
  std::string name;  // the file name, without its folder
  torch::Tensor high;
  torch::Tensor low;
};

// The PNG and JPEG files of `folder`, sorted by name, each reduced `reduce`
// times first (bicubic, rounded to 8 bits: the wallpapers are soft at full
// size) and degraded for `scale`; at most `limit` of them (0: all).
// InputError naming the folder when it is missing or holds no photograph.
std::vector<SrPhoto> load_sr_photos(const std::string& folder, int scale, int reduce,
                                    std::int64_t limit = 0);

// An image as a 3 x H x W tensor on 0-1, and back on 0-255 (not rounded).
torch::Tensor image_tensor(const Image& image);
Image tensor_image(const torch::Tensor& chw);

// `n` random training patches: low-resolution `size` x `size` crops of the
// photos' inputs and the high-resolution crops they come from, each flipped
// and rotated by a random multiple of 90 degrees; photos drawn in
// proportion to their area. N x 3 x size x size and N x 3 x size*scale x
// size*scale.
std::pair<torch::Tensor, torch::Tensor> random_patches(const std::vector<SrPhoto>& photos,
                                                       std::int64_t n, int size, int scale,
                                                       std::mt19937_64& rng);

}  // namespace paradis
