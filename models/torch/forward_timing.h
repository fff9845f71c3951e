#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "models/graph/layer_graph.h"
#include "models/torch/graph_module.h"

namespace paradis {

// How batch-1 latency is measured: `threads` LibTorch threads, `warmup`
// forwards first, then at least `repeats` timed forwards and at least
// `min_seconds` of them; the median is the figure.
struct TimingOptions {
  int threads = 1;
  int warmup = 3;
  int repeats = 11;
  double min_seconds = 0.1;
};

// Median seconds of `forward` (no gradients), as TimingOptions says.
double median_seconds(const std::function<void()>& forward, const TimingOptions& options);

// The median batch-1 time of switch 0 of a dense module (eval mode) of
// `graph` on a seeded random input.
double dense_forward_seconds(GraphModule& dense, const TimingOptions& options);

// The same over several modules of one graph, one forward each in turn: with
// enough copies their weights are no longer in the cache when their turn
// comes, as a layer's weights are not when a whole network runs.
double rotating_forward_seconds(std::vector<GraphModule>& copies, const TimingOptions& options);

// Median batch-1 times of `a` and `b`, measured alternately so that both see
// the same machine state (for ratios).
std::pair<double, double> paired_median_seconds(const std::function<void()>& a,
                                                const std::function<void()>& b,
                                                const TimingOptions& options);

// One forward timed two ways, alternately so that both see the machine in
// the same state: after a pause of `pause_s` (as a deployment runs one per
// request, after waiting for it) and right after another forward (as
// calibration and validation time them). Every timed forward, in order.
struct PausedAndBackToBack {
  std::vector<double> paused;
  std::vector<double> back_to_back;
};
PausedAndBackToBack paused_and_back_to_back_seconds(GraphModule& dense, double pause_s,
                                                    const TimingOptions& options);

// Median batch-1 times of a dense module (switch 0) and of the same network
// built from stock modules with its weights (DirectNetwork), measured
// alternately.
std::pair<double, double> materialized_and_direct_seconds(GraphModule& dense,
                                                          const TimingOptions& options);

// Mean wall time of each layer of a dense module's switch 0 (indexed by its
// graph's layers) over `options.repeats` forwards after the warm-up, and the
// mean time of the whole forward, measured in the same passes.
struct LayerTimes {
  std::vector<double> seconds;
  double whole = 0.0;
};
LayerTimes dense_layer_seconds(GraphModule& dense, const TimingOptions& options);

// A module of `graph` with `switches`, its weights drawn from `seed`, in eval mode.
GraphModule seeded_module(const LayerGraph& graph, const std::vector<Switch>& switches,
                          std::uint64_t seed);

// "1.13.1": the LibTorch this program runs on.
std::string libtorch_version();

}  // namespace paradis
