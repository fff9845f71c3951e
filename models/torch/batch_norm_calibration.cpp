#include "models/torch/batch_norm_calibration.h"

#include <algorithm>

namespace paradis {

void recalibrate(GraphModule& module, std::size_t s, const torch::Tensor& images) {
  torch::NoGradGuard no_grad;
  for (std::size_t v = 0; v < module->graph().size(); ++v) {
    if (module->graph().layer(v).op != OpKind::batch_norm) continue;
    for (std::size_t k = 0; k < module->switches()[s].size(); ++k) {
      auto& bn = module->batch_norm(s, k, v);
      bn->options.momentum(c10::nullopt);  // cumulative average
      bn->reset_running_stats();
    }
  }
  module->train();
  for (std::int64_t start = 0; start < images.size(0); start += 500) {
    module->forward(images.narrow(0, start, std::min<std::int64_t>(500, images.size(0) - start)),
                    s);
  }
  module->eval();
}

double accuracy_of(GraphModule& module, std::size_t s, const torch::Tensor& images,
                   const torch::Tensor& labels) {
  torch::NoGradGuard no_grad;
  module->eval();
  std::int64_t correct = 0;
  for (std::int64_t start = 0; start < images.size(0); start += 1000) {
    const std::int64_t n = std::min<std::int64_t>(1000, images.size(0) - start);
    const auto out = module->forward(images.narrow(0, start, n), s).flatten(1);
    correct += out.argmax(1).eq(labels.narrow(0, start, n)).sum().item<std::int64_t>();
  }
  return 100.0 * static_cast<double>(correct) / static_cast<double>(images.size(0));
}

}  // namespace paradis
