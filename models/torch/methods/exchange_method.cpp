// exchange: Separable NN's supernet of transmission policies for a
// model-parallel network of --parts equal parts. Every batch the network
// with every exchange (the plain model-parallel network, exactly the dense
// one) learns from the labels, and the policy with no exchange (ParaDiS's
// P x 1/P switch) and `sample` random others (2 when 0) from its detached
// output (in-place distillation, as ParaDiS trains its switches). Batch-norm
// statistics are the dense network's, recalibrated per policy when it is
// evaluated. With --exchange POLICY, that one policy is trained alone from
// the labels (the check on the supernet's ranking).
#include <algorithm>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "models/parallel/exchange_policy.h"
#include "models/torch/batch_norm_calibration.h"
#include "models/torch/exchange_masks.h"
#include "models/torch/training_method.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

class ExchangeTraining : public TrainingMethod {
 public:
  std::string name() const override { return "exchange"; }
  void check_switches(const TrainOptions& o, std::size_t full) const override {
    if (o.switches.size() != 1 || full != 0) {
      throw InputError("--method exchange trains the full network's weights (switch 1x1.0)");
    }
    if (o.parts < 2) throw InputError("--method exchange needs --parts N (at least 2)");
    const LayerGraph graph = load_network(o.network, NetworkOptions{});
    parse_exchange_policy(graph, o.parts, o.exchange_policy.empty() ? "none" : o.exchange_policy);
  }
  void add_meta(nlohmann::json& meta, const TrainOptions& o) const override {
    meta["parts"] = o.parts;
    meta["exchange_policy"] = o.exchange_policy;
  }
  void prepare(GraphModule& module, const TrainOptions& o) const override {
    module->set_weight_masks(fixed_masks(module->graph(), o));
  }
  void distil(GraphModule& module, const torch::Tensor& x, const torch::Tensor& logits,
              std::size_t full, const TrainOptions& o, std::mt19937_64& rng) const override {
    if (!o.exchange_policy.empty()) return;
    const torch::Tensor teacher = F::softmax(logits.detach(), 1);
    for (const ExchangePolicy& student : students(module->graph(), o, rng)) {
      module->set_weight_masks(exchange_masks(module->graph(), student));
      const torch::Tensor out = module->forward(x, full).flatten(1);
      F::kl_div(F::log_softmax(out, 1), teacher,
                F::KLDivFuncOptions().reduction(torch::kBatchMean))
          .backward();
    }
    module->set_weight_masks({});
  }
  // The students' forwards moved the running statistics: the teacher's are
  // recalibrated for its held-out figure.
  void after_epoch(GraphModule& module, const TrainOptions& o, std::size_t full,
                   bool /*last_epoch*/,
                   const std::function<torch::Tensor()>& calibration) const override {
    if (o.exchange_policy.empty()) recalibrate(module, full, calibration());
  }

 private:
  // The policy with no exchange and `sample` (2 when 0) others: drawn
  // without repeats from every policy but the teacher and none when there
  // are at most 4,096, otherwise each exchange point kept at random.
  static std::vector<ExchangePolicy> students(const LayerGraph& graph, const TrainOptions& o,
                                              std::mt19937_64& rng) {
    const std::size_t count = o.sample > 0 ? static_cast<std::size_t>(o.sample) : 2;
    const std::vector<std::size_t> points = exchange_points(graph);
    if (points.size() > 12) {
      std::vector<ExchangePolicy> out = {ExchangePolicy{o.parts, {}}};
      for (std::size_t s = 0; s < count; ++s) {
        ExchangePolicy p{o.parts, {}};
        for (std::size_t v : points) {
          if (rng() & 1U) p.exchanged.push_back(graph.layer(v).name);
        }
        out.push_back(p);
      }
      return out;
    }
    const std::vector<ExchangePolicy> policies = all_exchange_policies(graph, o.parts);
    // The last policy exchanges nothing; the first (everything) is the teacher.
    std::vector<ExchangePolicy> out = {policies.back()};
    std::vector<std::size_t> others;
    for (std::size_t i = 1; i + 1 < policies.size(); ++i) others.push_back(i);
    std::shuffle(others.begin(), others.end(), rng);
    others.resize(std::min<std::size_t>(others.size(), count));
    for (std::size_t i : others) out.push_back(policies[i]);
    return out;
  }
  static std::vector<torch::Tensor> fixed_masks(const LayerGraph& graph, const TrainOptions& o) {
    if (o.exchange_policy.empty()) return {};
    return exchange_masks(graph, parse_exchange_policy(graph, o.parts, o.exchange_policy));
  }
};

}  // namespace

const TrainingMethod& exchange_training() {
  static const ExchangeTraining method;
  return method;
}

}  // namespace paradis
