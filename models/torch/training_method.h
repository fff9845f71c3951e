#pragma once

#include <cstddef>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "models/torch/graph_module.h"
#include "models/torch/trainer.h"

namespace paradis {

// One training method (--method): what the switches must be, how batch norm
// is kept, and what learns each batch besides the teacher switch, which
// always learns from the labels. Each method is one file in methods/.
class TrainingMethod {
 public:
  virtual ~TrainingMethod() = default;
  virtual std::string name() const = 0;
  virtual BatchNormMode batch_norm() const { return BatchNormMode::switchable; }
  // Its checkpoints run widths 1xW they were not trained at (batch norm
  // recalibrated first), not only their own switches.
  virtual bool runs_untrained_widths() const { return false; }
  // Throws InputError when the switches do not suit the method; `full` is
  // the index of 1x1.0 among them (their count when it is absent).
  virtual void check_switches(const TrainOptions& options, std::size_t full) const = 0;
  // The switch that learns from the labels and whose held-out accuracy is
  // reported.
  virtual std::size_t teacher(std::size_t full) const { return full; }
  virtual torch::Tensor teacher_logits(GraphModule& module, const torch::Tensor& x,
                                       std::size_t teacher) const {
    return module->forward(x, teacher).flatten(1);
  }
  // Adds the method's own options to a new checkpoint's metadata (a resumed
  // training must have the same).
  virtual void add_meta(nlohmann::json& /*meta*/, const TrainOptions& /*options*/) const {}
  // Before training, once the module is built and its weights loaded.
  virtual void prepare(GraphModule& /*module*/, const TrainOptions& /*options*/) const {}
  // After the labels' loss went backward: whatever learns from the teacher's
  // `logits` this batch adds its gradients.
  virtual void distil(GraphModule& /*module*/, const torch::Tensor& /*x*/,
                      const torch::Tensor& /*logits*/, std::size_t /*full*/,
                      const TrainOptions& /*options*/, std::mt19937_64& /*rng*/) const {}
  // After an epoch, before its held-out figure; `calibration` gives the
  // normalised calibration images.
  virtual void after_epoch(GraphModule& /*module*/, const TrainOptions& /*options*/,
                           std::size_t /*full*/, bool /*last_epoch*/,
                           const std::function<torch::Tensor()>& /*calibration*/) const {}
};

// The method of a name ("paradis", "individual", "us"); InputError otherwise.
const TrainingMethod& training_method(const std::string& name);

// The module a method trains or evaluates, on a built-in network.
GraphModule build_module(const std::string& network, const std::vector<Switch>& switches,
                         const TrainingMethod& method);

// Shared by the methods that need a teacher: InputError unless 1x1.0 is
// among the switches.
void require_full_switch(const TrainOptions& options, std::size_t full);

}  // namespace paradis
