#include "sim/latency/materialized_bench.h"

#include <functional>

#include "models/networks/builtin_networks.h"
#include "models/numeric/median.h"
#include "models/torch/forward_timing.h"
#include "models/torch/graph_module.h"
#include "sim/latency/case_list.h"

namespace paradis {
namespace {

// The first sub-network of every switch of every network (the others have
// the same shapes or smaller), materialised and handed to `time`.
void for_each_first_subnetwork(
    const std::vector<std::string>& networks, const std::vector<Switch>& switches,
    const ProgressLine& progress,
    const std::function<void(const std::string&, const Switch&, GraphModule&)>& time) {
  for (const auto& spec : networks) {
    const auto [name, resolution] = parse_network_spec(spec, "--networks");
    NetworkOptions options;
    options.resolution = resolution;
    GraphModule module = seeded_module(load_network(name, options), switches, 3);
    for (std::size_t s = 0; s < switches.size(); ++s) {
      GraphModule dense = materialize_subnetwork(module, s, 0);
      time(spec, switches[s], dense);
      if (progress) progress("bench-materialized: " + spec + " " + switches[s].name());
    }
  }
  if (progress) progress("");
}

TimingOptions timing_of(int threads, int repeats) {
  TimingOptions timing;
  timing.threads = threads;
  timing.repeats = repeats;
  timing.min_seconds = 0.5;
  return timing;
}

}  // namespace

std::vector<MaterializedTiming> bench_materialized(const std::vector<std::string>& networks,
                                                   const std::vector<Switch>& switches,
                                                   int threads, const ProgressLine& progress) {
  const TimingOptions timing = timing_of(threads, 21);
  std::vector<MaterializedTiming> rows;
  for_each_first_subnetwork(networks, switches, progress,
                            [&](const std::string& spec, const Switch& sw, GraphModule& dense) {
                              const auto [m, d] = materialized_and_direct_seconds(dense, timing);
                              rows.push_back({spec, sw.name(), m, d});
                            });
  return rows;
}

std::vector<PauseTiming> bench_after_pause(const std::vector<std::string>& networks,
                                           const std::vector<Switch>& switches, int threads,
                                           double pause_s, const ProgressLine& progress) {
  const TimingOptions timing = timing_of(threads, 101);
  std::vector<PauseTiming> rows;
  for_each_first_subnetwork(
      networks, switches, progress, [&](const std::string& spec, const Switch& sw, GraphModule& dense) {
        const PausedAndBackToBack t = paused_and_back_to_back_seconds(dense, pause_s, timing);
        rows.push_back({spec, sw.name(), median(t.paused), median(t.back_to_back)});
      });
  return rows;
}

}  // namespace paradis
