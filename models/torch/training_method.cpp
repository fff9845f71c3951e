#include "models/torch/training_method.h"

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"

namespace paradis {

const TrainingMethod& paradis_training();
const TrainingMethod& individual_training();
const TrainingMethod& slimmable_training();
const TrainingMethod& exchange_training();
const TrainingMethod& repurpose_training();

const TrainingMethod& training_method(const std::string& name) {
  for (const TrainingMethod* m : {&paradis_training(), &individual_training(),
                                  &slimmable_training(), &exchange_training(),
                                  &repurpose_training()}) {
    if (m->name() == name) return *m;
  }
  throw InputError("--method: expected paradis, individual, us, exchange, repurpose, variants or class_parallel, got '" + name + "'");
}

GraphModule build_module(const std::string& network, const std::vector<Switch>& switches,
                         const TrainingMethod& method) {
  return GraphModule(load_network(network, NetworkOptions{}), switches, method.batch_norm());
}

void require_full_switch(const TrainOptions& o, std::size_t full) {
  if (full == o.switches.size()) {
    throw InputError("--switches: " + o.method +
                     " training needs the full switch 1x1.0 (the teacher)");
  }
}

}  // namespace paradis
