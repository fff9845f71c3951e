#include "models/torch/class_parallel_training.h"

#include <algorithm>

#include "models/ensemble/class_split.h"
#include "models/io/input_error.h"
#include "models/torch/compute_setup.h"
#include "models/torch/ensemble_training.h"
#include "models/torch/training_loop.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

ClassSplit split_of(const std::string& network, int parts) {
  ClassSplit split;
  split.classes = load_network(network, NetworkOptions{}).output_shape().elements();
  split.parts = parts;
  // At most one part per class, and few enough that eval measures every
  // subset of parts alive.
  const std::int64_t most = std::min<std::int64_t>(split.classes, 10);
  if (parts < 2 || parts > most) {
    throw InputError("--parts: expected 2 to " + std::to_string(most) + " parts for " + network +
                     "'s " + std::to_string(split.classes) + " classes, got " +
                     std::to_string(parts));
  }
  return split;
}

EnsembleModule class_parallel_ensemble(const std::string& network, const ClassSplit& split,
                                       double width) {
  std::vector<NetworkOptions> members;
  for (int k = 0; k < split.parts; ++k) {
    NetworkOptions options;
    options.width = width;
    options.classes = static_cast<int>(split.outputs(k));
    members.push_back(options);
  }
  return EnsembleModule(network, members, "part");
}

// Part k's target: the class's index among its own, or "none of mine".
torch::Tensor part_targets(const torch::Tensor& labels, const ClassSplit& split, int k) {
  const torch::Tensor mine = labels.ge(split.first(k)).logical_and(labels.lt(split.first(k + 1)));
  return torch::where(mine, labels - split.first(k), torch::full_like(labels, split.own(k)));
}

// Class scores of the parts in `mask`: each part's probabilities of its own
// classes; a lost part's classes score -1, below any answer.
torch::Tensor fused_scores(const std::vector<torch::Tensor>& p, const ClassSplit& split,
                           std::size_t mask) {
  std::vector<torch::Tensor> columns;
  for (int k = 0; k < split.parts; ++k) {
    const torch::Tensor own = p[static_cast<std::size_t>(k)].narrow(1, 0, split.own(k));
    columns.push_back(mask >> k & 1U ? own : torch::full_like(own, -1.0));
  }
  return torch::cat(columns, 1);
}

}  // namespace

TrainReport train_class_parallel(const TrainOptions& o,
                                 const std::function<void(const std::string&)>& progress) {
  const ClassSplit split = split_of(o.network, o.parts);
  if (!(o.part_width > 0.0) || o.part_width > 1.0) {
    throw InputError("--width: expected a width in (0, 1], got " + std::to_string(o.part_width));
  }
  check_loop_options(o);
  prepare_compute(o.threads);
  torch::manual_seed(o.seed);
  EnsembleModule ensemble = class_parallel_ensemble(o.network, split, o.part_width);
  const auto cross_entropy = F::CrossEntropyFuncOptions().label_smoothing(o.label_smoothing);
  EnsembleMethod method;
  method.members = {{"parts", o.parts}, {"width", o.part_width}};
  method.loss = [split, cross_entropy](const std::vector<torch::Tensor>& logits,
                                       const torch::Tensor& y) {
    torch::Tensor loss = F::cross_entropy(logits[0], part_targets(y, split, 0), cross_entropy);
    for (int k = 1; k < split.parts; ++k) {
      loss = loss + F::cross_entropy(logits[static_cast<std::size_t>(k)],
                                     part_targets(y, split, k), cross_entropy);
    }
    return loss;
  };
  method.fuse = [split](const std::vector<torch::Tensor>& p) {
    return fused_scores(p, split, (std::size_t{1} << split.parts) - 1);
  };
  return train_ensemble(o, ensemble, method, progress);
}

std::vector<SwitchAccuracy> evaluate_class_parallel(const std::string& checkpoint,
                                                    const std::string& data_dir,
                                                    std::int64_t limit, int threads) {
  const auto build = [](const nlohmann::json& meta) {
    const std::string network = meta.value("network", "");
    return class_parallel_ensemble(network, split_of(network, meta.value("parts", 0)),
                                   meta.value("width", 1.0));
  };
  const EnsembleOutputs e = evaluate_members(checkpoint, data_dir, limit, threads, build);
  const int parts = e.meta.value("parts", 0);
  const double width = e.meta.value("width", 1.0);
  const ClassSplit split = split_of(e.meta.value("network", ""), parts);
  std::vector<SwitchAccuracy> out;
  for (std::size_t mask = (std::size_t{1} << parts) - 1; mask > 0; --mask) {
    std::vector<int> alive;
    std::int64_t macs = 0;
    for (int k = 0; k < parts; ++k) {
      if (!(mask >> k & 1U)) continue;
      alive.push_back(k);
      macs += e.macs[static_cast<std::size_t>(k)];
    }
    out.push_back({class_parallel_label(parts, width, alive),
                   percent_correct(fused_scores(e.probabilities, split, mask), e.labels),
                   e.images, macs});
  }
  return out;
}

}  // namespace paradis
