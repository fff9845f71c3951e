#include "sim/latency/speed_probe.h"

#include <cmath>
#include <utility>

#include "models/numeric/median.h"
#include "models/torch/forward_timing.h"
#include "models/torch/graph_module.h"
#include "sim/calibration/calibration_sweep.h"
#include "sim/cost/latency_model.h"

namespace paradis {
namespace {

nlohmann::json milliseconds(const std::vector<double>& seconds) {
  nlohmann::json ms = nlohmann::json::array();
  for (double s : seconds) ms.push_back(s * 1e3);
  return ms;
}

}  // namespace

SpeedProbe probe_speed(const DeviceProfile& profile, double pause_s, int threads) {
  TimingOptions timing;
  timing.threads = threads;
  timing.warmup = 3;
  timing.repeats = 15;
  // Enough forwards of the short chains for the spread of one forward's time.
  timing.min_seconds = 0.15;
  SpeedProbe probe;
  probe.pause_s = pause_s;
  double log_sum = 0.0;
  for (const SweepCase& chain : context_chains(/*quick=*/true)) {
    double predicted = 0.0;
    for (const Kernel& k : sweep_case_kernels(chain)) predicted += kernel_seconds(profile, k);
    GraphModule module = seeded_module(chain.graph, {Switch::full()}, 1);
    PausedAndBackToBack t = paused_and_back_to_back_seconds(module, pause_s, timing);
    const double paused = median(t.paused);
    probe.chains.push_back({chain.label, predicted, paused, median(t.back_to_back),
                            std::move(t.paused), std::move(t.back_to_back)});
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
                      {"back_to_back_ms", c.back_to_back_s * 1e3},
                      {"measured_samples_ms", milliseconds(c.measured_samples_s)},
                      {"back_to_back_samples_ms", milliseconds(c.back_to_back_samples_s)}});
  }
  return {{"format", "paradis-speed-probe"},
          {"pause_ms", probe.pause_s * 1e3},
          {"factor", probe.factor},
          {"chains", chains}};
}

}  // namespace paradis
