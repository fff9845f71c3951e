#include "models/torch/subnetwork_file.h"

#include <sys/stat.h>

#include <limits>

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include "models/graph/graph_json.h"
#include "models/io/input_error.h"
#include "models/torch/archive_file.h"

namespace paradis {

void save_subnetwork(const std::string& path, GraphModule& dense, nlohmann::json provenance) {
  provenance["format"] = kSubnetworkFormat;
  provenance["version"] = 1;
  torch::serialize::OutputArchive archive;
  dense->save(archive);
  archive.write("graph", c10::IValue(layer_graph_to_json(dense->graph()).dump()));
  archive.write("meta", c10::IValue(provenance.dump()));
  save_archive_atomically(archive, path);
}

LoadedSubnetwork load_subnetwork(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw InputError(path + ": no such file");
  torch::serialize::InputArchive archive;
  nlohmann::json meta;
  nlohmann::json graph;
  try {
    archive.load_from(path);
    c10::IValue value;
    archive.read("meta", value);
    meta = nlohmann::json::parse(value.toStringRef());
    archive.read("graph", value);
    graph = nlohmann::json::parse(value.toStringRef());
  } catch (const std::exception&) {
    throw InputError(path + ": not a readable saved sub-network (corrupt or another format)");
  }
  if (!meta.is_object() || meta.value("format", "") != kSubnetworkFormat) {
    throw InputError(path + ": not a saved sub-network (no \"" + kSubnetworkFormat +
                     "\" metadata)");
  }
  GraphModule module(layer_graph_from_json(graph, path + " (its layer graph)"),
                     std::vector<Switch>{Switch::full()});
  try {
    module->load(archive);
  } catch (const std::exception&) {
    throw InputError(path + ": its weights do not fit its layer graph");
  }
  module->eval();
  return LoadedSubnetwork{module, meta};
}

double partial_output_difference(GraphModule& module, std::size_t s, std::size_t k,
                                 GraphModule& dense) {
  torch::NoGradGuard no_grad;
  module->eval();
  dense->eval();
  const TensorShape in = module->graph().input_shape();
  const auto generator = at::detail::createCPUGenerator(20240601);
  const torch::Tensor x = torch::randn({4, in.channels, in.height, in.width}, generator);
  const torch::Tensor expected = module->forward_subnetwork(x, s, k);
  const torch::Tensor got = dense->forward(x, 0);
  if (expected.sizes() != got.sizes()) return std::numeric_limits<double>::infinity();
  return (expected - got).abs().max().item<double>();
}

}  // namespace paradis
