// us: a universally slimmable network (one device, any width in
// [min_width, 1]): each batch the full width learns from the labels, the
// smallest and two random widths from its output (sandwich rule, in-place
// distillation); batch-norm affine parameters shared over widths, statistics
// recalibrated for every evaluated width after training.
#include "models/io/input_error.h"
#include "models/torch/batch_norm_calibration.h"
#include "models/torch/training_method.h"

namespace paradis {
namespace {

namespace F = torch::nn::functional;

class SlimmableTraining : public TrainingMethod {
 public:
  std::string name() const override { return "us"; }
  BatchNormMode batch_norm() const override { return BatchNormMode::shared_affine; }
  bool runs_untrained_widths() const override { return true; }
  void check_switches(const TrainOptions& o, std::size_t full) const override {
    require_full_switch(o, full);
    for (const auto& sw : o.switches) {
      if (sw.size() != 1 || sw.width(0) < o.min_width) {
        throw InputError("--switches: a universally slimmable network has widths 1xW with W >= " +
                         std::to_string(o.min_width) + ", not " + sw.name());
      }
    }
  }
  torch::Tensor teacher_logits(GraphModule& module, const torch::Tensor& x,
                               std::size_t /*teacher*/) const override {
    return module->forward_width(x, 1.0).flatten(1);
  }
  void distil(GraphModule& module, const torch::Tensor& x, const torch::Tensor& logits,
              std::size_t /*full*/, const TrainOptions& o, std::mt19937_64& rng) const override {
    // Sandwich rule: the smallest width and two random ones learn from the
    // full width's output.
    const torch::Tensor teacher = F::softmax(logits.detach(), 1);
    std::uniform_real_distribution<double> width(o.min_width, 1.0);
    for (double w : {o.min_width, width(rng), width(rng)}) {
      F::kl_div(F::log_softmax(module->forward_width(x, w).flatten(1), 1), teacher,
                F::KLDivFuncOptions().reduction(torch::kBatchMean))
          .backward();
    }
  }
  // Statistics for the widths that will be evaluated: all of them after the
  // last epoch, the full width (for the held-out figure) before.
  void after_epoch(GraphModule& module, const TrainOptions& o, std::size_t full, bool last_epoch,
                   const std::function<torch::Tensor()>& calibration) const override {
    const torch::Tensor images = calibration();
    for (std::size_t s = 0; s < o.switches.size(); ++s) {
      if (s == full || last_epoch) recalibrate(module, s, images);
    }
  }
};

}  // namespace

const TrainingMethod& slimmable_training() {
  static const SlimmableTraining method;
  return method;
}

}  // namespace paradis
