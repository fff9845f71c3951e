#pragma once

#include <functional>
#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/networks/network_builder.h"

namespace paradis {

// MobileNet v1 (Howard et al. 2017, Table 1) for 1000-class ImageNet.
LayerGraph build_mobilenet_v1(const NetworkOptions& options);
// A MobileNet v1 for 28x28x1 Fashion-MNIST, small enough to train every
// ParaDiS switch on two CPU cores; 32 channels at least in every hidden layer
// so that 4x0.25 keeps 8 channels per sub-network.
LayerGraph build_mobilenet_v1_fmnist(const NetworkOptions& options);
// MobileNetV2 (Sandler et al. 2018, Table 2; torchvision's layout: ReLU6,
// linear bottlenecks, a residual add where stride and channels are kept).
LayerGraph build_mobilenet_v2(const NetworkOptions& options);
// A MobileNetV2 for 28x28x1 Fashion-MNIST, beside mobilenet_v1_fmnist.
LayerGraph build_mobilenet_v2_fmnist(const NetworkOptions& options);
// torchvision's ResNet-18 and ResNet-50 (stride in the 3x3 conv).
LayerGraph build_resnet18(const NetworkOptions& options);
LayerGraph build_resnet50(const NetworkOptions& options);
// WDSR-A / WDSR-B super-resolution (Yu et al. 2018): wide-activation residual
// blocks, pixel-shuffle tail and a global skip branch.
LayerGraph build_wdsr_a(const NetworkOptions& options);
LayerGraph build_wdsr_b(const NetworkOptions& options);
LayerGraph build_wdsr_a8(const NetworkOptions& options);

struct NetworkInfo {
  std::string name;
  std::string description;
  int default_resolution;
  bool takes_scale;
  std::function<LayerGraph(const NetworkOptions&)> build;
};

const std::vector<NetworkInfo>& builtin_networks();
const NetworkInfo* find_builtin_network(const std::string& name);
std::string builtin_network_names();

// A built-in name, or the path of a network JSON file. Throws InputError
// naming what was wrong (unknown name, bad file, bad option).
LayerGraph load_network(const std::string& name_or_path, const NetworkOptions& options);

}  // namespace paradis
