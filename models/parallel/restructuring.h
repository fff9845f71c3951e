#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/graph/subnetwork_profile.h"
#include "models/parallel/part_exchange.h"

namespace paradis {

// How much one output channel of a layer that mixes channels depends on one
// input channel: |w| summed over the kernel's positions (a linear layer's
// over the positions of the channel it reads). Row-major, out x in.
struct ChannelMass {
  int out = 0;
  int in = 0;
  std::vector<double> values;
  double at(int o, int i) const { return values[static_cast<std::size_t>(o) * in + i]; }
};

// RePurpose's restructuring of a trained network into `parts` parts that
// depend on each other as little as possible, without changing its
// topology: every channel of every tensor the parts hold split is given to
// one part (each part as many channels as switch P x 1/P gives it), and at
// every exchange point (exchange_points()) each part still reads, of the
// other parts' channels, only the ones listed in `readers`; every other
// cross-part weight is pruned.
struct Restructuring {
  std::string network;
  int parts = 2;
  // The fraction of plain model parallelism's exchanged bytes (an
  // all-gather before every exchange point) that the kept cross-part
  // channels were allowed.
  double budget = 0.0;
  // The part of every output channel of each layer that writes a split
  // tensor (conv and linear layers whose output a switch splits), by name.
  std::map<std::string, std::vector<int>> part_of;
  // Per exchange point, by name: for every input channel, the parts other
  // than its own that still read it (bit k: part k).
  std::map<std::string, std::vector<std::uint32_t>> readers;

  // "4 parts repurpose 10 %": the budget, as the accuracy table names it.
  std::string label() const;
  // "repurpose 10 %": the label without its parts, as model_parallel's
  // configuration.
  std::string configuration() const;
};

// The layer whose output channels an exchange point or any other layer
// reads: the producer, through layers that keep channels apart (depthwise
// convolution, batch norm, activation, pooling, add). InputError for a
// concat, whose channels come from several writers.
std::size_t channel_writer(const LayerGraph& graph, std::size_t layer);

// Restructures `graph` given the channel mass of every exchange point
// (by name) and prunes its cross-part channels to `budget`.
//
// Partition: coordinate ascent on the weight mass that falls inside the
// parts (the diagonal blocks). Starting from contiguous channel ranges (the
// plain split), each tensor's assignment in turn is replaced by the exact
// optimum with every other tensor's held (an assignment problem over
// channels and part slots, solved by the Hungarian method), until a sweep
// gains nothing; the diagonal mass never decreases. The plain split can be
// a saddle where every single move ties, so the ascent also runs from 4
// shuffled balanced starts (a fixed seed) and the best end wins: never less
// mass inside the parts than the plain split. Tensors joined by an add share
// one assignment.
//
// Pruning: every (input channel, reading part) link across parts carries
// the channel's whole feature map once; its value is the share of its
// layer's weight mass that it feeds (batch norm after every layer makes
// absolute magnitudes incomparable across layers; as a share, a layer's
// links are worth the same in all, whatever its width). Links are kept
// greedily by value per byte while the bytes stay within budget x the
// all-gather bytes; the rest are pruned.
Restructuring restructure(const LayerGraph& graph, const std::map<std::string, ChannelMass>& mass,
                          int parts, double budget);

// The plain split as a restructuring: contiguous channel ranges (switch
// P x 1/P's) and no cross-part channel read (Separable NN's policy "none",
// ParaDiS's P x 1/P switch).
Restructuring plain_split_restructuring(const LayerGraph& graph, int parts);

// InputError naming `file` unless `r` fits `graph`: every writer and
// exchange point listed once, every channel given a part, each part as many
// channels as switch P x 1/P, tensors joined by an add alike, readers only
// of other parts.
void check_restructuring(const LayerGraph& graph, const Restructuring& r, const std::string& file);

// The share of the exchange points' weight mass inside the parts.
double diagonal_share(const LayerGraph& graph, const Restructuring& r,
                      const std::map<std::string, ChannelMass>& mass);

// Bytes the parts send one another for one request (each kept link's
// feature map once).
std::int64_t restructured_bytes(const LayerGraph& graph, const Restructuring& r,
                                Precision precision);

// Multiply-accumulates of one request over all parts: the dense network's
// less the pruned cross-part weights'.
std::int64_t restructured_macs(const LayerGraph& graph, const Restructuring& r);

// The whole restructured network for the simulator: part k computes its
// channels (switch P x 1/P's count of every layer) reading its own and the
// other parts' channels it keeps; before every exchange point each part
// sends every other the channels it reads.
PartExchange restructured_parts(const LayerGraph& graph, const Restructuring& r,
                                Precision precision);

}  // namespace paradis
