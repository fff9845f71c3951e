#include "models/torch/repurpose_evaluation.h"

#include "models/io/input_error.h"
#include "models/parallel/restructuring_file.h"
#include "models/torch/batch_norm_calibration.h"
#include "models/torch/checkpoint.h"
#include "models/torch/compute_setup.h"
#include "models/torch/exchange_masks.h"
#include "models/torch/fashion_mnist.h"

namespace paradis {

std::vector<SwitchAccuracy> evaluate_repurpose(const std::string& checkpoint,
                                               const std::string& data_dir, std::int64_t limit,
                                               int threads) {
  prepare_compute(threads);
  TrainedModule t = load_trained_module(checkpoint, {}, data_dir);
  const nlohmann::json meta = open_checkpoint(checkpoint).meta;
  if (!meta.contains("restructuring")) {
    throw InputError(checkpoint + ": a repurpose checkpoint without its restructuring");
  }
  const std::string where = checkpoint + " (metadata restructuring)";
  const Restructuring r = read_restructuring(meta["restructuring"], where);
  const LayerGraph& graph = t.module->graph();
  check_restructuring(graph, r, where);
  t.module->set_weight_masks(restructuring_masks(graph, r));
  const ImageSet test = load_fashion_mnist(data_dir, false, limit);
  const torch::Tensor x = (test.images - t.mean) / t.stdev;
  return {{r.label(), accuracy_of(t.module, 0, x, test.labels), test.size(),
           restructured_macs(graph, r)}};
}

}  // namespace paradis
