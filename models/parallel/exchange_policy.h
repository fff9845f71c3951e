#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"
#include "models/graph/switch.h"
#include "models/parallel/part_exchange.h"

namespace paradis {

// Separable NN's transmission policy for a model-parallel network of
// `parts` equal parts (the channel ranges of switch P x 1/P): the exchange
// points where the parts all-gather the tensor they read; at every other
// exchange point each part reads its own channel slice only (the cross
// blocks of the layer's weight are absent, as in a ParaDiS sub-network).
struct ExchangePolicy {
  int parts = 2;
  std::vector<std::string> exchanged;  // layer names, in the graph's order

  // "4 parts exchange pw2+pw4"; "4 parts exchange none" when nothing is.
  std::string label() const;
  // The exchanged layers as label() names them: "pw2+pw4", or "none".
  std::string exchanged_text() const;
  bool exchanges(const std::string& layer) const;
};

// Reads a label back ("4 parts exchange pw2+pw4": parts 4, exchanged
// {"pw2", "pw4"}; "... none": nothing); false for any other text. The
// layers are not checked against a network.
bool read_exchange_label(const std::string& label, ExchangePolicy& policy);

// The layers before which parts may exchange, in topological order: those
// that mix channels and read a tensor the parts hold split. Not the first
// layers, which read the input image every part has whole, nor the head
// (its split_output is false): every part computes the head on its own
// slice and the fusion host sums the partial outputs, which is exact.
std::vector<std::size_t> exchange_points(const LayerGraph& graph);

// The policy named by `exchanged`: "none", or layer names joined by '+'
// ("pw2+pw4"), in any order. Throws InputError naming a layer that is not an
// exchange point of `graph`, or parts < 2 or above any split layer's
// channels.
ExchangePolicy parse_exchange_policy(const LayerGraph& graph, int parts,
                                     const std::string& exchanged);

// The policy exchanging before every exchange point (the dense network).
ExchangePolicy exchange_everywhere(const LayerGraph& graph, int parts);

// Every policy over the exchange points (2^points of them, all exchanged
// first, none last); InputError above `most` policies.
std::vector<ExchangePolicy> all_exchange_policies(const LayerGraph& graph, int parts,
                                                  std::size_t most = 4096);

// Bytes the parts send one another for one request: at every exchanged
// point, each part's slice of every tensor the point reads to each of the
// other parts. The input's and the partial outputs' transfers, the same
// under every policy, are not counted.
std::int64_t exchange_bytes(const LayerGraph& graph, const ExchangePolicy& policy,
                            Precision precision);

// Multiply-accumulates of one request over all parts: the dense network's,
// less the cross blocks of every exchange point the policy skips.
std::int64_t exchange_policy_macs(const LayerGraph& graph, const ExchangePolicy& policy);

// Part k's layers as it computes them under `policy`: sub-network k of
// switch P x 1/P (its channel range of every layer, the head on its own
// slice for the fusion host to sum), except that every exchanged point reads
// the whole gathered tensor. Summed over the parts, its MACs are
// exchange_policy_macs.
SubnetworkProfile exchange_part_profile(const LayerGraph& graph, const ExchangePolicy& policy,
                                        std::size_t k, Precision precision);

// The whole network under `policy`: the parts' profiles and, before every
// exchanged point, each part's slice of every tensor it reads to every other.
PartExchange exchange_policy_parts(const LayerGraph& graph, const ExchangePolicy& policy,
                                   Precision precision);

// The channel range of part k of `channels` channels: switch P x 1/P's.
ChannelRange exchange_part_range(int parts, int channels, std::size_t k);

}  // namespace paradis
