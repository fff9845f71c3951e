#include "sim/latency/speed_probe.h"

#include <cmath>

#include "models/torch/forward_timing.h"
#include "models/torch/graph_module.h"
#include "sim/calibration/calibration_sweep.h"
#include "sim/cost/latency_model.h"

namespace paradis {

SpeedProbe probe_speed(const DeviceProfile& profile, double pause_s, int threads) {
  TimingOptions timing;
  timing.threads = threads;
  timing.warmup = 3;
  timing.repeats = 15;
  timing.min_seconds = 0.05;
  SpeedProbe probe;
  probe.pause_s = pause_s;
  double log_sum = 0.0;
  for (const SweepCase& chain : context_chains(/*quick=*/true)) {
    double predicted = 0.0;
    for (const Kernel& k : sweep_case_kernels(chain)) predicted += kernel_seconds(profile, k);
    GraphModule module = seeded_module(chain.graph, {Switch::full()}, 1);
    const auto [paused, back_to_back] = paused_and_back_to_back_seconds(module, pause_s, timing);
    probe.chains.push_back({chain.label, predicted, paused, back_to_back});
    log_sum += std::log(paused / predicted);
  }
  probe.factor = std::exp(log_sum / static_cast<double>(probe.chains.size()));
  return probe;
}

nlohmann::json speed_probe_to_json(const SpeedProbe& probe) {
  nlohmann::json chains = nlohmann::json::array();
  for (const auto& c : probe.chains) {
    chains.push_back({{"label", c.label},
                      {"predicted_ms", c.predicted_s * 1e3},
                      {"measured_ms", c.measured_s * 1e3},
                      {"back_to_back_ms", c.back_to_back_s * 1e3}});
  }
  return {{"format", "paradis-speed-probe"},
          {"pause_ms", probe.pause_s * 1e3},
          {"factor", probe.factor},
          {"chains", chains}};
}

}  // namespace paradis
