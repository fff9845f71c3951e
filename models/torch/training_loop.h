#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/torch/trainer.h"

namespace paradis {

// Training images in a fixed order for one epoch: the order depends on the
// seed and the epoch only, so a resumed run continues exactly.
std::vector<std::int64_t> epoch_order(std::int64_t n, std::uint64_t seed, int epoch);

// A random 28x28 crop of each image padded by 2, flipped left-right half of
// the time.
torch::Tensor augment(const torch::Tensor& batch, std::mt19937_64& rng);

// "12m05s".
std::string clock_text(double seconds);

// The training images this run uses and the held-out ones, with the
// normalisation from the former.
struct TrainingData {
  std::int64_t n_train = 0;
  torch::Tensor images;
  torch::Tensor labels;
  torch::Tensor holdout_images;
  torch::Tensor holdout_labels;
  double mean = 0.0;
  double stdev = 1.0;
};
TrainingData load_training_data(const TrainOptions& o);

// The learning rate of step `step` of `total`: cosine decay from `peak`.
double cosine_learning_rate(double peak, std::int64_t step, std::int64_t total);

}  // namespace paradis
