// paradis: every batch, the full switch learns from the labels and every
// other switch (or `sample` of them) from the full switch's detached output
// (in-place distillation, KL divergence); gradients accumulate.
#include <algorithm>

#include "models/torch/training_method.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

class ParadisTraining : public TrainingMethod {
 public:
  std::string name() const override { return "paradis"; }
  void check_switches(const TrainOptions& o, std::size_t full) const override {
    require_full_switch(o, full);
  }
  void distil(GraphModule& module, const torch::Tensor& x, const torch::Tensor& logits,
              std::size_t full, const TrainOptions& o, std::mt19937_64& rng) const override {
    const torch::Tensor teacher = F::softmax(logits.detach(), 1);
    std::vector<std::size_t> students;
    for (std::size_t s = 0; s < o.switches.size(); ++s) {
      if (s != full) students.push_back(s);
    }
    if (o.sample > 0 && static_cast<std::size_t>(o.sample) < students.size()) {
      std::shuffle(students.begin(), students.end(), rng);
      students.resize(static_cast<std::size_t>(o.sample));
    }
    for (std::size_t s : students) {
      const torch::Tensor out = module->forward(x, s).flatten(1);
      F::kl_div(F::log_softmax(out, 1), teacher,
                F::KLDivFuncOptions().reduction(torch::kBatchMean))
          .backward();
    }
  }
};

}  // namespace

const TrainingMethod& paradis_training() {
  static const ParadisTraining method;
  return method;
}

}  // namespace paradis
