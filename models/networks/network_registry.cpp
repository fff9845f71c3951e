#include <sys/stat.h>
#include <cmath>

#include "models/graph/graph_json.h"
#include "models/networks/builtin_networks.h"

namespace paradis {

const std::vector<NetworkInfo>& builtin_networks() {
  static const std::vector<NetworkInfo> networks = {
      {"mobilenet_v1", "MobileNet v1, ImageNet 1000 classes (Howard et al. 2017)", 224, false,
       build_mobilenet_v1},
      {"mobilenet_v1_fmnist", "MobileNet v1 for 28x28 Fashion-MNIST, 10 classes", 28, false,
       build_mobilenet_v1_fmnist},
      {"mobilenet_v2", "MobileNetV2, ImageNet 1000 classes (Sandler et al. 2018)", 224, false,
       build_mobilenet_v2},
      {"mobilenet_v2_fmnist", "MobileNetV2 for 28x28 Fashion-MNIST, 10 classes", 28, false,
       build_mobilenet_v2_fmnist},
      {"resnet18", "ResNet-18, torchvision layout, ImageNet 1000 classes", 224, false,
       build_resnet18},
      {"resnet50", "ResNet-50, torchvision layout (stride in the 3x3 conv)", 224, false,
       build_resnet50},
      {"wdsr_a", "WDSR-A super-resolution, x2 or x4 (Yu et al. 2018)", 128, true, build_wdsr_a},
      {"wdsr_b", "WDSR-B super-resolution, x2 or x4 (Yu et al. 2018)", 128, true, build_wdsr_b},
      {"wdsr_a8", "WDSR-A with 8 residual blocks, the one trained here (docs/super-resolution.md)",
       128, true, build_wdsr_a8},
  };
  return networks;
}

const NetworkInfo* find_builtin_network(const std::string& name) {
  for (const auto& n : builtin_networks()) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

std::string builtin_network_names() {
  std::string out;
  for (const auto& n : builtin_networks()) out += (out.empty() ? "" : ", ") + n.name;
  return out;
}

LayerGraph load_network(const std::string& name_or_path, const NetworkOptions& options) {
  if (!(options.width > 0.0) || options.width > 1.0) {
    throw InputError("width must be in (0, 1], got " + std::to_string(options.width));
  }
  if (options.resolution < 0 || options.resolution > 16384) {
    throw InputError("resolution must be between 1 and 16384, got " +
                     std::to_string(options.resolution));
  }
  if (options.classes < 0 || options.classes > 100000) {
    throw InputError("classes must be between 1 and 100000, got " + std::to_string(options.classes));
  }
  if (const NetworkInfo* info = find_builtin_network(name_or_path)) {
    if (info->takes_scale && options.scale != 2 && options.scale != 4) {
      throw InputError(info->name + ": scale must be 2 or 4, got " + std::to_string(options.scale));
    }
    try {
      return info->build(options);
    } catch (const LayerGraphError& e) {
      throw InputError(info->name + " at resolution " + std::to_string(options.resolution) + ": " +
                       e.what());
    }
  }
  struct stat st {};
  if (::stat(name_or_path.c_str(), &st) != 0) {
    throw InputError("unknown network '" + name_or_path + "': expected a built-in network (" +
                     builtin_network_names() + ") or the path of a network JSON file");
  }
  LayerGraph graph = load_layer_graph_file(name_or_path);
  if (options.width != 1.0) {
    throw InputError(name_or_path +
                     ": a width applies to built-in networks only; use the switch 1xW instead");
  }
  if (options.resolution > 0) {
    try {
      graph.set_input_resolution(options.resolution, options.resolution);
    } catch (const LayerGraphError& e) {
      throw InputError(name_or_path + ": $.layers[" + std::to_string(e.layer_index) +
                       "]: at resolution " + std::to_string(options.resolution) + ": " + e.what());
    }
  }
  return graph;
}

}  // namespace paradis
