#include "models/torch/variant_training.h"

#include "models/torch/compute_setup.h"
#include "models/torch/ensemble_training.h"
#include "models/torch/training_loop.h"
#include "models/torch/variant_ensemble.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

std::vector<std::string> names_of(const std::vector<VariantSpec>& variants) {
  std::vector<std::string> names;
  for (const auto& v : variants) names.push_back(v.name());
  return names;
}

std::vector<VariantSpec> variants_of(const nlohmann::json& meta) {
  std::string text;
  for (const auto& name : meta.value("variants", std::vector<std::string>{})) {
    text += (text.empty() ? "" : ",") + name;
  }
  return parse_variants(text);
}

// The ensemble's log-probabilities: the mean of the variants' probabilities.
torch::Tensor ensemble_log_probabilities(const std::vector<torch::Tensor>& logits) {
  torch::Tensor sum = F::softmax(logits[0], 1);
  for (std::size_t k = 1; k < logits.size(); ++k) sum = sum + F::softmax(logits[k], 1);
  return torch::log(sum / static_cast<double>(logits.size()) + 1e-12);
}

// Fused class scores of the variants in `mask`: each variant's `top` best
// classes and their scores summed (what it sends), or every probability
// summed when `top` is 0.
torch::Tensor fused_scores(const std::vector<torch::Tensor>& p, std::size_t mask, int top) {
  torch::Tensor scores = torch::zeros_like(p[0]);
  for (std::size_t k = 0; k < p.size(); ++k) {
    if (!(mask >> k & 1U)) continue;
    if (top == 0) {
      scores = scores + p[k];
    } else {
      const auto best = p[k].topk(top, 1);
      scores = scores.scatter_add(1, std::get<1>(best), std::get<0>(best));
    }
  }
  return scores;
}

}  // namespace

TrainReport train_variants(const TrainOptions& o,
                           const std::function<void(const std::string&)>& progress) {
  const std::vector<VariantSpec> variants = parse_variants(o.variants);
  check_loop_options(o);
  prepare_compute(o.threads);
  torch::manual_seed(o.seed);
  EnsembleModule ensemble = variant_ensemble(o.network, variants);
  const auto cross_entropy = F::CrossEntropyFuncOptions().label_smoothing(o.label_smoothing);
  EnsembleMethod method;
  method.members = {{"variants", names_of(variants)}};
  // Each variant learns on its own, and together as the ensemble.
  method.loss = [cross_entropy](const std::vector<torch::Tensor>& logits, const torch::Tensor& y) {
    torch::Tensor loss = F::nll_loss(ensemble_log_probabilities(logits), y);
    for (const auto& l : logits) loss = loss + F::cross_entropy(l, y, cross_entropy);
    return loss;
  };
  method.fuse = [](const std::vector<torch::Tensor>& p) {
    return fused_scores(p, (std::size_t{1} << p.size()) - 1, 0);
  };
  return train_ensemble(o, ensemble, method, progress);
}

std::vector<SwitchAccuracy> evaluate_variants(const std::string& checkpoint,
                                              const std::string& data_dir, std::int64_t limit,
                                              int threads) {
  const EnsembleOutputs e =
      evaluate_members(checkpoint, data_dir, limit, threads, [](const nlohmann::json& meta) {
        return variant_ensemble(meta.value("network", ""), variants_of(meta));
      });
  const std::vector<VariantSpec> variants = variants_of(e.meta);
  std::vector<SwitchAccuracy> out;
  const std::size_t n = variants.size();
  for (std::size_t mask = 1; mask < (std::size_t{1} << n); ++mask) {
    std::string label;
    std::int64_t macs = 0;
    for (std::size_t k = 0; k < n; ++k) {
      if (!(mask >> k & 1U)) continue;
      label += (label.empty() ? "" : "+") + variants[k].name();
      macs += e.macs[k];
    }
    for (int top : {1, 2, 3, 0}) {
      out.push_back({label + (top > 0 ? " top" + std::to_string(top) : " mean"),
                     percent_correct(fused_scores(e.probabilities, mask, top), e.labels),
                     e.images, macs});
    }
  }
  return out;
}

}  // namespace paradis
