// repurpose: fine-tunes a RePurpose restructuring (paradis-sim restructure)
// of a trained network: the network starts from the weights restructured
// (--from), the pruned cross-part weights masked out, and learns from the
// labels with the masks held, so that its batch-norm statistics are those
// of the pruned network.
#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/io/sha256.h"
#include "models/networks/builtin_networks.h"
#include "models/parallel/restructuring_file.h"
#include "models/torch/exchange_masks.h"
#include "models/torch/training_method.h"

namespace paradis {
namespace {

class RepurposeTraining : public TrainingMethod {
 public:
  std::string name() const override { return "repurpose"; }
  void check_switches(const TrainOptions& o, std::size_t full) const override {
    if (o.switches.size() != 1 || full != 0) {
      throw InputError("--method repurpose trains the full network's weights (switch 1x1.0)");
    }
    if (o.restructuring.empty()) {
      throw InputError("--method repurpose needs --restructuring FILE (paradis-sim restructure)");
    }
    if (o.init_from.empty()) {
      throw InputError("--method repurpose needs --from CHECKPOINT: the trained network the "
                       "restructuring was made from");
    }
    const nlohmann::json file = parse_json_text(read_text_file(o.restructuring), o.restructuring);
    check_restructuring(load_network(o.network, NetworkOptions{}),
                        read_restructuring(file, o.restructuring), o.restructuring);
    const std::string made_from = file.value("made_by", nlohmann::json::object())
                                      .value("checkpoint_sha256", std::string());
    if (!made_from.empty() && made_from != sha256_file(o.init_from)) {
      throw InputError(o.restructuring + " restructures the checkpoint with sha256 " + made_from +
                       ", not --from " + o.init_from);
    }
  }
  // The restructuring travels in the checkpoint: evaluation needs its masks.
  void add_meta(nlohmann::json& meta, const TrainOptions& o) const override {
    const nlohmann::json file = parse_json_text(read_text_file(o.restructuring), o.restructuring);
    meta["restructuring"] = file;
    meta["restructuring_file"] = o.restructuring;
    meta["parts"] = file.value("parts", 0);
  }
  void prepare(GraphModule& module, const TrainOptions& o) const override {
    module->set_weight_masks(
        restructuring_masks(module->graph(), load_restructuring_file(o.restructuring)));
  }
};

}  // namespace

const TrainingMethod& repurpose_training() {
  static const RepurposeTraining method;
  return method;
}

}  // namespace paradis
