#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

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
// Sets every parameter group's learning rate.
void set_learning_rate(torch::optim::SGD& optimizer, double lr);

// InputError unless the epochs, batch size, threads and learning rate are
// positive.
void check_loop_options(const TrainOptions& o);

// Images `start` to `start + n` of the epoch's order: normalised (after the
// augmentation, when asked for) and their labels.
std::pair<torch::Tensor, torch::Tensor> training_batch(const TrainingData& d,
                                                       const std::vector<std::int64_t>& order,
                                                       std::int64_t start, std::int64_t n,
                                                       bool augment_images, std::mt19937_64& rng);

// "epoch 2/4  batch 15/430  loss 3.4401  48 images/s  ETA 84m06s\r".
std::string batch_progress_line(int epoch, int epochs, std::int64_t batch, std::int64_t batches,
                                double loss, double images_per_second, double remaining_s);

// Continues from `checkpoint` (weights, optimiser, metadata into `meta`)
// when it was trained with the same values of the keys `same`; InputError
// naming the first key that differs otherwise. A finished training's
// optimiser state is not read: it may have been left out
// (save_final_checkpoint).
void resume_training(const std::string& checkpoint, const std::vector<const char*>& same,
                     nlohmann::json& meta, torch::nn::Module& module,
                     torch::optim::Optimizer& optimizer,
                     const std::function<void(const std::string&)>& progress);

// The checkpoint metadata every training starts with: the format, the
// options, the data's normalisation and empty progress. Each method adds
// its own keys (switches, members).
nlohmann::json base_meta(const TrainOptions& o, const TrainingData& d);

// Records in `meta` which source tree trains from which epoch on, at the
// start of a session (a training may span several).
void begin_session(nlohmann::json& meta, const std::string& commit, const std::string& started,
                   int threads);
void begin_session(nlohmann::json& meta, const TrainOptions& o);

// Records an epoch's end in `meta`: epochs done, its mean loss, the
// held-out accuracy and the seconds of training so far.
void record_epoch(nlohmann::json& meta, int epochs_done, double loss, double holdout_accuracy,
                  double seconds);

// What a training's metadata says it did.
TrainReport report_of(const nlohmann::json& meta);

}  // namespace paradis
