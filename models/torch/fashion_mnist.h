#pragma once

#include <cstdint>
#include <string>

#include <torch/types.h>

namespace paradis {

// Where Debian's dataset-fashion-mnist package puts the gzip IDX files.
constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// One split of Fashion-MNIST: images N x 1 x 28 x 28 as float in [0, 1],
// labels N as int64 in [0, 9].
struct ImageSet {
  torch::Tensor images;
  torch::Tensor labels;
  std::int64_t size() const { return labels.defined() ? labels.size(0) : 0; }
};

// Reads train-* (60,000 images) or t10k-* (10,000) from `dir`, checking the
// magic numbers, sizes and counts. `limit` > 0 keeps the first `limit`.
// Throws InputError naming the file and what is wrong.
ImageSet load_fashion_mnist(const std::string& dir, bool train, std::int64_t limit = 0);

// Reads one gzip IDX file (exposed for tests of corrupt files).
torch::Tensor read_idx_gz(const std::string& path, std::uint32_t expected_magic);

}  // namespace paradis
