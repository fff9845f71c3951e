#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "models/graph/layer_counts.h"
#include "models/graph/layer_graph.h"
#include "models/graph/switch.h"

namespace paradis {

enum class Precision { fp32, int8 };
int element_bytes(Precision precision);
const char* precision_name(Precision precision);
bool parse_precision(const std::string& text, Precision& precision);

// Which channels of a full-network tensor one sub-network holds: ranges in
// channel order (one range, except after a concat of split tensors).
struct ChannelSlice {
  std::vector<ChannelRange> ranges;
  int count() const;
  bool operator==(const ChannelSlice& o) const { return ranges == o.ranges; }
};

// One layer as one sub-network runs it.
struct SubnetworkLayer {
  std::size_t layer = 0;  // index in the LayerGraph
  // False where the layer contributes nothing to this sub-network (an output
  // projection of the replicated input is computed once, by sub-network 0).
  bool computed = true;
  ChannelSlice channels;     // output channels held
  TensorShape output_shape;  // with those channels
  std::vector<TensorShape> input_shapes;
  LayerCounts counts;
  std::int64_t input_bytes = 0;   // activations read
  std::int64_t output_bytes = 0;  // activations written
  std::int64_t weight_bytes = 0;
};

struct SubnetworkProfile {
  std::size_t index = 0;
  double width = 0.0;
  double offset = 0.0;
  std::vector<SubnetworkLayer> layers;  // in topological order
  std::int64_t macs = 0;
  std::int64_t params = 0;
  std::int64_t elem_ops = 0;
  std::int64_t input_bytes = 0;   // the input image it reads
  std::int64_t output_bytes = 0;  // the partial output it sends to the fuser
  std::int64_t weight_bytes = 0;
};

struct SwitchProfile {
  Switch sw;
  Precision precision = Precision::fp32;
  std::vector<SubnetworkProfile> subnetworks;
  std::int64_t total_macs = 0;
  std::int64_t total_params = 0;
};

// Every sub-network of `sw` on `graph`: which channels each layer holds and
// what it costs. Throws InputError when a hidden layer has fewer channels
// than the switch has sub-networks.
SwitchProfile profile_switch(const LayerGraph& graph, const Switch& sw,
                             Precision precision = Precision::fp32);

}  // namespace paradis
