#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/graph/switch.h"

namespace paradis {

// Tensors as a testbed host sends them: float32 values, batch 1, NCHW.
using TensorBytes = std::vector<char>;

// What one testbed host computes for real, with LibTorch: materialised
// sub-networks of switches, their fusion, and model parallelism's channel
// slices of layers. Weights are drawn from a seed (the same on every host,
// so slices of one network fit together); time, not accuracy, is measured.
// Tensors go in and out as bytes, as they cross the network.
class TestbedCompute {
 public:
  // `switches`: those whose sub-networks this host runs; `slice`: the share
  // [from, to) of every layer's output channels it computes under model
  // parallelism (from == to: none). Everything is built here, before any
  // request: a request only runs forwards.
  TestbedCompute(const LayerGraph& graph, const std::vector<Switch>& switches, double slice_from,
                 double slice_to, std::uint64_t seed);
  ~TestbedCompute();
  TestbedCompute(const TestbedCompute&) = delete;
  TestbedCompute& operator=(const TestbedCompute&) = delete;

  // A request's input image (seeded by the request).
  TensorBytes input_image(std::int64_t request) const;
  // Sub-network k of switches[s] on a whole image: its partial output.
  TensorBytes subnetwork(std::size_t s, std::size_t k, const TensorBytes& image);
  // The element-wise sum of partial outputs (one: itself).
  static TensorBytes sum(const std::vector<TensorBytes>& partials);

  // Model parallelism. A request's tensors are held per layer, whole or as
  // the channel range [from, to) of it.
  void forget_tensors();
  void hold_image(const TensorBytes& image);
  // Another host's slice [from, to) of layer `layer`'s output.
  void hold_received(std::size_t layer, double from, double to, const TensorBytes& bytes);
  // Computes this host's slice of every layer of `layers`, in order; a layer
  // that mixes channels first joins the slices of its input into the whole.
  void run_slices(const std::vector<std::size_t>& layers);
  // This host's slice of layer `layer`'s output.
  TensorBytes own_slice(std::size_t layer) const;
  // Slices (from, bytes) of the output layer joined in channel order.
  TensorBytes join_output(std::vector<std::pair<double, TensorBytes>> slices) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The first channel of the share at `fraction` of `channels` (rounded to
// the nearest channel, as every host rounds it).
int channel_at(double fraction, int channels);

}  // namespace paradis
