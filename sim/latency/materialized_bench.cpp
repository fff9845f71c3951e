#include "sim/latency/materialized_bench.h"

#include "models/networks/builtin_networks.h"
#include "models/torch/forward_timing.h"
#include "models/torch/graph_module.h"
#include "sim/latency/case_list.h"

namespace paradis {

std::vector<MaterializedTiming> bench_materialized(const std::vector<std::string>& networks,
                                                   const std::vector<Switch>& switches,
                                                   int threads, const ProgressLine& progress) {
  TimingOptions timing;
  timing.threads = threads;
  timing.repeats = 21;
  timing.min_seconds = 0.5;
  std::vector<MaterializedTiming> rows;
  for (const auto& spec : networks) {
    const auto [name, resolution] = parse_network_spec(spec, "--networks");
    NetworkOptions options;
    options.resolution = resolution;
    const LayerGraph graph = load_network(name, options);
    GraphModule module = seeded_module(graph, switches, 3);
    for (std::size_t s = 0; s < switches.size(); ++s) {
      // The first part of each switch: the others have the same shapes or
      // smaller.
      GraphModule dense = materialize_subnetwork(module, s, 0);
      const auto [m, d] = materialized_and_direct_seconds(dense, timing);
      rows.push_back({spec, switches[s].name(), m, d});
      if (progress) progress("bench-materialized: " + spec + " " + switches[s].name());
    }
  }
  if (progress) progress("");
  return rows;
}

std::vector<PauseTiming> bench_after_pause(const std::vector<std::string>& networks,
                                           const std::vector<Switch>& switches, int threads,
                                           double pause_s, const ProgressLine& progress) {
  TimingOptions timing;
  timing.threads = threads;
  timing.repeats = 101;
  timing.min_seconds = 0.5;
  std::vector<PauseTiming> rows;
  for (const auto& spec : networks) {
    const auto [name, resolution] = parse_network_spec(spec, "--networks");
    NetworkOptions options;
    options.resolution = resolution;
    GraphModule module = seeded_module(load_network(name, options), switches, 3);
    for (std::size_t s = 0; s < switches.size(); ++s) {
      GraphModule dense = materialize_subnetwork(module, s, 0);
      const auto [paused, following] = paused_and_back_to_back_seconds(dense, pause_s, timing);
      rows.push_back({spec, switches[s].name(), paused, following});
      if (progress) progress("bench-materialized: " + spec + " " + switches[s].name());
    }
  }
  if (progress) progress("");
  return rows;
}

}  // namespace paradis
