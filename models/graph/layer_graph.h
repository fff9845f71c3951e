#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "models/graph/layer.h"
#include "models/graph/layer_counts.h"
#include "models/io/input_error.h"

namespace paradis {

// What LayerGraph derives for one layer of the full network.
struct LayerStats {
  std::vector<TensorShape> input_shapes;
  TensorShape output_shape;
  ChannelMode mode = ChannelMode::replicated;
  bool depthwise = false;
  // A model-parallel split must exchange activations after this layer: every
  // output channel reads every input channel (conv with groups = 1, linear).
  bool mixes_channels = false;
  LayerCounts counts;
};

// An error in one layer of a graph; `layer_index` is its position in the
// order layers were added (the order of a network file's "layers" array).
class LayerGraphError : public InputError {
 public:
  LayerGraphError(std::size_t layer_index, const std::string& message)
      : InputError(message), layer_index(layer_index) {}
  std::size_t layer_index;
};

// A network as a directed acyclic graph of layers (Boost.Graph), from one
// input to one output. Layers are added with their structure only; finalize()
// resolves the edges, sorts the graph, infers every shape and count, and
// checks that a switch can split it (see ChannelMode).
class LayerGraph {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

  explicit LayerGraph(std::string name = "") : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  // Adds a layer; its inputs may name layers added later. Returns its index.
  std::size_t add_layer(Layer layer);
  // Throws LayerGraphError naming the layer on any structural problem.
  void finalize();
  bool finalized() const { return finalized_; }

  // Changes the input image's height and width and derives everything again.
  void set_input_resolution(int height, int width);

  std::size_t size() const { return layers_.size(); }
  const Layer& layer(std::size_t index) const { return layers_.at(index); }
  const LayerStats& stats(std::size_t index) const { return stats_.at(index); }
  // Producers of a layer's inputs, in the order of Layer::inputs.
  const std::vector<std::size_t>& producers(std::size_t index) const {
    return producers_.at(index);
  }
  std::optional<std::size_t> find(const std::string& name) const;
  const std::vector<std::size_t>& topological_order() const { return order_; }
  const Graph& graph() const { return graph_; }

  // A network that only ever runs whole on one device (the one-layer
  // networks of latency calibration): its output may be any tensor, and no
  // switch but 1x1.0 applies. Set before finalize().
  void set_single_device(bool single) { single_device_ = single; }
  bool single_device() const { return single_device_; }

  std::size_t input_layer() const { return input_; }
  std::size_t output_layer() const { return output_; }
  TensorShape input_shape() const { return layers_.at(input_).input_shape; }
  TensorShape output_shape() const { return stats_.at(output_).output_shape; }

  std::int64_t total_macs() const;
  std::int64_t total_params() const;

 private:
  void require_finalized() const;
  void infer(std::size_t index);

  std::string name_;
  std::vector<Layer> layers_;
  std::map<std::string, std::size_t> index_of_;
  std::vector<std::vector<std::size_t>> producers_;
  std::vector<LayerStats> stats_;
  std::vector<std::size_t> order_;
  Graph graph_;
  std::size_t input_ = 0;
  std::size_t output_ = 0;
  bool finalized_ = false;
  bool single_device_ = false;
};

}  // namespace paradis
