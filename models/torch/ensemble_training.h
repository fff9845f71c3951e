#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "models/torch/checkpoint.h"
#include "models/torch/ensemble_module.h"
#include "models/torch/trainer.h"

namespace paradis {

// What makes an ensemble's training its own: the checkpoint keys naming its
// members, its loss and how its members' answers fuse.
struct EnsembleMethod {
  // Merged into the checkpoint's metadata ({"variants": [...]}, {"parts":
  // 4, "width": 0.25}); a resumed training must have the same.
  nlohmann::json members;
  // The batch's loss from every member's logits and the labels.
  std::function<torch::Tensor(const std::vector<torch::Tensor>& logits,
                              const torch::Tensor& labels)>
      loss;
  // Class scores (N x classes) of the whole ensemble from every member's
  // probabilities: the held-out accuracy after each epoch.
  std::function<torch::Tensor(const std::vector<torch::Tensor>& probabilities)> fuse;
};

// Trains `ensemble` as TrainOptions says (SGD with Nesterov momentum,
// cosine decay per batch, a checkpoint after every epoch, resumed when one
// of the same training exists), reporting progress through `progress`.
TrainReport train_ensemble(const TrainOptions& options, EnsembleModule& ensemble,
                           const EnsembleMethod& method,
                           const std::function<void(const std::string&)>& progress);

// Every member's softmax probabilities on `images` (normalised), in
// batches of 1,000, in eval mode.
std::vector<torch::Tensor> member_probabilities(EnsembleModule& ensemble,
                                                const torch::Tensor& images);

// Percent of rows whose highest score is the label.
double percent_correct(const torch::Tensor& scores, const torch::Tensor& labels);

// An ensemble checkpoint opened for evaluation: its metadata and every
// member's probabilities on the first `limit` test images.
struct EnsembleOutputs {
  nlohmann::json meta;
  std::vector<torch::Tensor> probabilities;
  std::vector<std::int64_t> macs;  // of each member
  torch::Tensor labels;
  std::int64_t images = 0;
};
// `build` makes the untrained ensemble from the checkpoint's metadata.
EnsembleOutputs evaluate_members(
    const std::string& checkpoint, const std::string& data_dir, std::int64_t limit, int threads,
    const std::function<EnsembleModule(const nlohmann::json& meta)>& build);

}  // namespace paradis
