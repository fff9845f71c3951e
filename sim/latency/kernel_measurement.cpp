#include "sim/latency/kernel_measurement.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "models/graph/subnetwork_profile.h"
#include "models/networks/network_builder.h"
#include "models/torch/forward_timing.h"
#include "models/torch/graph_module.h"
#include "sim/calibration/calibration_sweep.h"
#include "sim/latency/case_list.h"

namespace paradis {
namespace {

// The L2 cache of this machine's cores (1 MiB where the system does not say).
double level2_cache_bytes() {
  const long bytes = ::sysconf(_SC_LEVEL2_CACHE_SIZE);
  return bytes > 0 ? static_cast<double>(bytes) : 1048576.0;
}

}  // namespace

CalibrationRun measure_kernels(const MeasureSettings& o, const ProgressLine& progress) {
  TimingOptions timing;
  timing.threads = o.threads;
  if (o.quick) {
    timing.warmup = 2;
    timing.repeats = 5;
    timing.min_seconds = 0.02;
  }
  // The interpreter's own cost per forward, with no layer to run.
  NetworkBuilder empty("empty", {8, 8, 8});
  GraphModule nothing =
      seeded_module(empty.finish_single_device(empty.input()), {Switch::full()}, 1);
  // Taken off every kernel, so an error in it biases every kernel of the
  // run: timed before every round, over more repeats, and the least of those
  // kept (other work on the machine only ever adds time).
  TimingOptions baseline_timing = timing;
  baseline_timing.min_seconds = std::max(timing.min_seconds, 0.5);
  std::vector<double> baselines;

  const auto sweep = calibration_sweep(o.quick);
  const auto chains = o.kernels_only ? std::vector<SweepCase>{} : context_chains(o.quick);
  const double cold_bytes = o.cold_bytes > 0.0 ? o.cold_bytes : 4.0 * level2_cache_bytes();
  CalibrationRun run;
  run.threads = o.threads;
  run.runtime = "LibTorch " + libtorch_version() + ", eager, fp32, batch 1, " +
                std::to_string(o.threads) + " thread" + (o.threads > 1 ? "s" : "");
  run.source =
      "measured: " + o.record.command_line + " (" + o.record.date + ", commit " + o.record.commit +
      "; " +
      std::to_string(sweep.size()) + " kernels" +
      (chains.empty() ? "" : ", " + std::to_string(chains.size()) + " chains") +
      (o.rounds > 1 ? ", least of " + std::to_string(o.rounds) + " rounds" : "") +
      (o.hot_weights        ? ", weights hot in cache"
       : o.cold_bytes > 0.0 ? ", weights rotated over " +
                                  std::to_string(static_cast<long long>(cold_bytes)) + " bytes"
                            : ", weights read from beyond L2") +
      ")";
  // A chain runs as validate-latency runs a network: one module, over and
  // over. A kernel alone runs from copies enough that its weights come from
  // beyond the L2 cache, as in a network, where each layer's weights are read
  // once per forward.
  const auto timed_seconds = [&](const LayerGraph& graph, bool chain) {
    const auto sub = profile_switch(graph, Switch::full()).subnetworks[0];
    double weight_bytes = 0.0;
    for (const auto& l : sub.layers) weight_bytes += static_cast<double>(l.weight_bytes);
    const int copies =
        chain || o.hot_weights || weight_bytes <= 0.0
            ? 1
            : static_cast<int>(std::clamp(std::ceil(cold_bytes / weight_bytes), 1.0, 64.0));
    std::vector<GraphModule> modules;
    for (int m = 0; m < copies; ++m)
      modules.push_back(seeded_module(graph, {Switch::full()}, 1 + m));
    return rotating_forward_seconds(modules, timing);
  };
  // Each round times every kernel, then every chain, once, in sweep order; a
  // figure is the least of its rounds (a burst of other work slows one round).
  std::vector<SweepCase> cases = sweep;
  cases.insert(cases.end(), chains.begin(), chains.end());
  std::vector<std::vector<double>> by_round(cases.size());
  for (int round = 0; round < o.rounds; ++round) {
    baselines.push_back(dense_forward_seconds(nothing, baseline_timing));
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const double seconds = timed_seconds(cases[i].graph, i >= sweep.size());
      by_round[i].push_back(seconds);
      if (progress) {
        char line[200];
        std::snprintf(line, sizeof line, "calibrate: round %d/%d, %zu/%zu %-36s %9.3f ms",
                      round + 1, o.rounds, i + 1, cases.size(), cases[i].label.c_str(),
                      (seconds - baselines.back()) * 1e3);
        progress(line);
      }
    }
    if (o.after_round) o.after_round(round);
  }
  const double baseline = *std::min_element(baselines.begin(), baselines.end());
  char taken_off[96];
  std::snprintf(taken_off, sizeof taken_off, "; empty network %.2f us taken off", baseline * 1e6);
  run.source.insert(run.source.size() - 1, taken_off);
  for (std::size_t i = 0; i < sweep.size(); ++i) {
    const SweepCase& c = sweep[i];
    const auto kernels = sweep_case_kernels(c);
    if (kernels.size() != 1) throw std::logic_error("sweep case " + c.label + " is not one kernel");
    const double seconds = least_of(by_round[i]) - baseline;
    run.samples.push_back({c.op_class, c.label, kernels[0].work, kernels[0].flops, kernels[0].bytes,
                           kernels[0].side, std::max(seconds, 1e-9), kernels[0].input_elements});
  }
  for (std::size_t i = 0; i < chains.size(); ++i) {
    const SweepCase& c = chains[i];
    run.chains.push_back({c.label, sweep_case_kernels(c),
                          std::max(least_of(by_round[sweep.size() + i]) - baseline, 1e-9)});
  }
  if (progress) progress("");
  return run;
}

CalibrationFit fit_calibration_run(const CalibrationRun& run, const std::string& name,
                                   bool split_by_input_size, const CommandRecord& record,
                                   const std::string& from) {
  FitSettings settings;
  settings.name = name;
  settings.description = "Fitted by paradis-sim calibrate to " +
                         std::to_string(run.samples.size()) + " kernels of synthetic layer sweeps" +
                         (run.chains.empty() ? std::string(".")
                                             : " and " + std::to_string(run.chains.size()) +
                                                   " synthetic chains of layers.");
  settings.runtime = run.runtime;
  settings.threads = run.threads;
  settings.split_by_input_size = split_by_input_size;
  settings.source = from.empty() ? run.source
                                 : "fitted: " + record.command_line + " (" + record.date +
                                       ", commit " + record.commit + ") to " + from + ", " +
                                       run.source;
  return fit_calibration(run.samples, run.chains, settings);
}

}  // namespace paradis
