// paradis-sim calibrate / validate-latency / bench-materialized: the latency
// model held against real LibTorch runs on this machine.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/graph/subnetwork_profile.h"
#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/networks/builtin_networks.h"
#include "models/networks/network_builder.h"
#include "models/torch/forward_timing.h"
#include "models/torch/graph_module.h"
#include "models/torch/thread_count.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/text_table.h"
#include "sim/calibration/calibration_samples.h"
#include "sim/calibration/calibration_sweep.h"
#include "sim/cost/latency_model.h"
#include "sim/calibration/profile_fit.h"

namespace paradis {
namespace {

struct LatencyCli {
  std::string command_line;
  std::string out;
  std::string profile;
  std::string name = "this_machine";
  std::string networks_text =
      "mobilenet_v1@224 mobilenet_v1@160 resnet50 resnet18 mobilenet_v1_fmnist";
  std::string switches_text = "1x1.0 1x0.75 1x0.5 1x0.25 2x0.5 4x0.25 1x0.5+2x0.25";
  int threads = 1;
  bool threads_given = false;
  bool quick = false;
  bool hot_weights = false;
  bool kernels_only = false;
  bool split_by_input_size = false;
  double cold_bytes = 0.0;  // 0: four times the L2 cache
  std::string samples_out;
  std::string measured;
  std::string from_samples;
  bool json = false;
  bool layers = false;
  int rounds = 3;
};

// The figure of several rounds: their least. Other work on a shared machine
// only ever adds time, and it comes in bursts of seconds that slow whole
// rounds (ResNet-18 `1x0.5` measured 11.0-11.5 ms in 19 of 25 runs, 13.5-14.5
// in the other 6); the least round is the machine running alone.
double least_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text + " ") {
    if (c == ' ' || c == ';' || c == '\t') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

// "mobilenet_v1@160": a network at a resolution (its default without "@").
std::pair<std::string, int> network_spec(const std::string& text) {
  const auto at = text.find('@');
  if (at == std::string::npos) return {text, 0};
  try {
    std::size_t used = 0;
    const int resolution = std::stoi(text.substr(at + 1), &used);
    if (used == text.size() - at - 1 && resolution > 0) return {text.substr(0, at), resolution};
  } catch (const std::exception&) {
  }
  throw InputError("--networks: '" + text + "': expected NAME or NAME@RESOLUTION");
}

// Progress on a terminal: one line that replaces itself (nothing when
// stderr is a file or a pipe, where it would pile up).
void progress(const std::string& line) {
  static const bool terminal = ::isatty(2) != 0;
  if (terminal) std::cerr << "\r" << line << "\033[K" << std::flush;
}

// The L2 cache of this machine's cores (1 MiB where the system does not say).
double level2_cache_bytes() {
  const long bytes = ::sysconf(_SC_LEVEL2_CACHE_SIZE);
  return bytes > 0 ? static_cast<double>(bytes) : 1048576.0;
}

// Times every kernel of the calibration sweep on this machine.
CalibrationRun measure_kernels(const LatencyCli& o, bool quiet) {
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
      "measured: " + o.command_line + " (" + utc_date() + ", commit " + build_commit() + "; " +
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
      if (!quiet) {
        char line[200];
        std::snprintf(line, sizeof line, "calibrate: round %d/%d, %zu/%zu %-36s %9.3f ms",
                      round + 1, o.rounds, i + 1, cases.size(), cases[i].label.c_str(),
                      (seconds - baselines.back()) * 1e3);
        progress(line);
      }
    }
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
  if (!quiet) progress("");
  return run;
}

CalibrationFit fit_run(const LatencyCli& o, const CalibrationRun& run, const std::string& from) {
  FitSettings settings;
  settings.name = o.name;
  settings.description = "Fitted by paradis-sim calibrate to " +
                         std::to_string(run.samples.size()) + " kernels of synthetic layer sweeps" +
                         (run.chains.empty() ? std::string(".")
                                             : " and " + std::to_string(run.chains.size()) +
                                                   " synthetic chains of layers.");
  settings.runtime = run.runtime;
  settings.threads = run.threads;
  settings.split_by_input_size = o.split_by_input_size;
  settings.source = from.empty() ? run.source
                                 : "fitted: " + o.command_line + " (" + utc_date() + ", commit " +
                                       build_commit() + ") to " + from + ", " + run.source;
  return fit_calibration(run.samples, run.chains, settings);
}

DeviceProfile calibrate(const LatencyCli& o, bool quiet) {
  return fit_run(o, measure_kernels(o, quiet), "").in_network;
}

// Each chain of layers: measured, predicted from its kernels alone, and by
// the profile with the in-network fit (how well one scale and one overhead
// describe them all).
void print_chains(const CalibrationRun& run, const CalibrationFit& fit, std::ostream& out) {
  TextTable t;
  t.add_column("chain of layers", TextTable::Align::left);
  t.add_column("kernels");
  t.add_column("measured ms");
  t.add_column("alone ms");
  t.add_column("error %");
  t.add_column("in network ms");
  t.add_column("error %");
  for (const auto& c : run.chains) {
    double by_alone = 0.0;
    double by_fitted = 0.0;
    for (const auto& k : c.kernels) {
      by_alone += kernel_seconds(fit.alone, k);
      by_fitted += kernel_seconds(fit.in_network, k);
    }
    char m[32], a[32], ae[32], f[32], fe[32];
    std::snprintf(m, sizeof m, "%.3f", c.seconds * 1e3);
    std::snprintf(a, sizeof a, "%.3f", by_alone * 1e3);
    std::snprintf(ae, sizeof ae, "%+.1f", 100.0 * (by_alone - c.seconds) / c.seconds);
    std::snprintf(f, sizeof f, "%.3f", by_fitted * 1e3);
    std::snprintf(fe, sizeof fe, "%+.1f", 100.0 * (by_fitted - c.seconds) / c.seconds);
    t.add_row({c.label, std::to_string(c.kernels.size()), m, a, ae, f, fe});
  }
  t.print(out);
}

int run_calibrate(const LatencyCli& o) {
  CalibrationRun run;
  if (!o.from_samples.empty()) {
    run = load_calibration_run(o.from_samples);
  } else {
    run = measure_kernels(o, false);
    if (!o.samples_out.empty()) {
      write_file_atomically(o.samples_out, calibration_run_to_json(run).dump(1) + "\n");
      std::cerr << "wrote the measured kernels to " << o.samples_out << "\n";
    }
  }
  const CalibrationFit fit = fit_run(o, run, o.from_samples);
  const DeviceProfile& p = fit.in_network;
  const std::string text = device_profile_to_json(p).dump(2) + "\n";
  if (!run.chains.empty()) print_chains(run, fit, o.out.empty() ? std::cerr : std::cout);
  if (o.out.empty()) {
    std::cout << text;
  } else {
    write_file_atomically(o.out, text);
    std::cout << "peak " << p.peak_flops.value / 1e9 << " GFLOP/s, memory "
              << p.memory_bandwidth.value / 1e9 << " GB/s, kernel overhead "
              << p.kernel_overhead.value * 1e6 << " us\nwrote " << o.out << "\n";
  }
  return 0;
}

// Measured and predicted time of one op class, summed over kernels.
struct ClassTotals {
  std::size_t kernels = 0;
  double measured = 0.0;
  double predicted = 0.0;
};

// Times every layer of a dense sub-network as it runs and adds, per op
// class, the measured and predicted time of its kernels; "(between layers)"
// is the forward's time outside any layer.
void add_layer_breakdown(GraphModule& dense, const DeviceProfile& profile,
                         const TimingOptions& timing, std::map<std::string, ClassTotals>& totals) {
  const LayerTimes t = dense_layer_seconds(dense, timing);
  const LayerGraph& g = dense->graph();
  const auto sub = profile_switch(g, Switch::full()).subnetworks[0];
  double inside = 0.0;
  for (const Kernel& kernel : subnetwork_kernels(g, sub, profile)) {
    ClassTotals& c = totals[kernel.op_class];
    ++c.kernels;
    c.predicted += kernel_seconds(profile, kernel);
    for (std::size_t v : kernel.layers) c.measured += t.seconds[v];
  }
  for (double s : t.seconds) inside += s;
  totals["(between layers)"].measured += t.whole - inside;
}

// "resnet50@224 2x0.5 part 1": one case of validate-latency.
std::string case_key(const std::string& network, std::int64_t resolution, const std::string& sw,
                     std::size_t part) {
  return network + "@" + std::to_string(resolution) + " " + sw + " part " + std::to_string(part);
}

// Measured latencies of an earlier `validate-latency --json`, by case.
std::map<std::string, double> load_measured(const std::string& path) {
  const nlohmann::json doc = parse_json_text(read_text_file(path), path);
  if (!doc.is_object() || !doc.contains("cases") || !doc["cases"].is_array()) {
    fail_at(path, "$.cases", "expected the output of validate-latency --json");
  }
  std::map<std::string, double> out;
  JsonObjectReader top(doc, path, "$");  // the summary and the rest are not read
  top.for_each_object("cases", [&](JsonObjectReader& r) {
    const std::string network = r.get_string("network");
    const std::int64_t resolution = r.get_int("resolution", 1, 100000);
    const std::string sw = r.get_string("switch");
    const std::string key =
        case_key(network, resolution, sw, static_cast<std::size_t>(r.get_int("part", 0, 1000)));
    out[key] = r.get_number("measured_ms", 1e-9, 1e9) / 1e3;
  });
  return out;
}

int run_validate(const LatencyCli& o) {
  DeviceProfile profile;
  std::string profile_name = o.profile;
  if (o.profile.empty()) {
    std::cerr << "no --profile: calibrating this machine first (--quick)\n";
    LatencyCli quick = o;
    quick.quick = true;
    profile = calibrate(quick, false);
    profile_name = "(calibrated now, quick)";
  } else {
    profile = load_device_profile(o.profile);
  }
  TimingOptions timing;
  timing.threads = o.threads_given ? o.threads : static_cast<int>(profile.cores.value);
  timing.min_seconds = 0.2;
  std::vector<Switch> switches;
  for (const auto& w : words(o.switches_text)) switches.push_back(Switch::parse(w));
  struct Case {
    std::string network;
    int resolution;
    std::string sw;
    std::size_t part;
    double predicted;
    double measured;
  };
  std::vector<Case> cases;
  std::map<std::string, ClassTotals> breakdown;
  const auto earlier =
      o.measured.empty() ? std::map<std::string, double>{} : load_measured(o.measured);
  // Each round times every case once, in the same order; a case's figure is
  // the least of its rounds, so a burst of other work on a shared machine
  // slows one round of a case, not the figure.
  const int rounds = o.measured.empty() ? o.rounds : 1;
  std::map<std::string, std::vector<double>> by_round;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& spec : words(o.networks_text)) {
      const auto [name, resolution] = network_spec(spec);
      NetworkOptions options;
      options.resolution = resolution;
      const LayerGraph graph = load_network(name, options);
      // Weights only where something is timed.
      std::optional<GraphModule> module;
      if (o.measured.empty()) module = seeded_module(graph, switches, 2);
      for (std::size_t s = 0; s < switches.size(); ++s) {
        const SwitchProfile sp = profile_switch(graph, switches[s]);
        for (std::size_t k = 0; k < switches[s].size(); ++k) {
          const std::string key = case_key(name, graph.input_shape().height, switches[s].name(), k);
          if (o.measured.empty()) {
            GraphModule dense = materialize_subnetwork(*module, s, k);
            by_round[key].push_back(dense_forward_seconds(dense, timing));
            if (o.layers && round == 0) add_layer_breakdown(dense, profile, timing, breakdown);
          } else {
            const auto it = earlier.find(key);
            if (it == earlier.end()) {
              throw InputError(o.measured + ": no measured case " + key);
            }
            by_round[key].push_back(it->second);
          }
          if (round == 0) {
            const double predicted = subnetwork_seconds(profile, graph, sp.subnetworks[k]);
            cases.push_back(
                {name, graph.input_shape().height, switches[s].name(), k, predicted, 0.0});
          }
          if (!o.json) {
            char line[200];
            std::snprintf(line, sizeof line,
                          "validate-latency: round %d/%d, %zu cases; %s@%d %s part %zu", round + 1,
                          rounds, by_round.size(), name.c_str(), graph.input_shape().height,
                          switches[s].name().c_str(), k);
            progress(line);
          }
        }
      }
    }
  }
  for (auto& c : cases) {
    c.measured = least_of(by_round.at(case_key(c.network, c.resolution, c.sw, c.part)));
  }
  if (!o.json) progress("");
  double sum_abs = 0.0;
  int within = 0;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& c : cases) {
    const double error = 100.0 * (c.predicted - c.measured) / c.measured;
    sum_abs += std::abs(error);
    within += std::abs(error) <= 10.0;
    rows.push_back({{"network", c.network},
                    {"resolution", c.resolution},
                    {"switch", c.sw},
                    {"part", c.part},
                    {"predicted_ms", c.predicted * 1e3},
                    {"measured_ms", c.measured * 1e3},
                    {"error_pct", error}});
  }
  const double n = static_cast<double>(cases.size());
  const nlohmann::json summary = {{"n", cases.size()},
                                  {"mape", n > 0 ? sum_abs / n : 0.0},
                                  {"within_10pct", n > 0 ? within / n : 0.0},
                                  {"threads", timing.threads},
                                  {"rounds", rounds},
                                  {"blas_threads", blas_threads()},
                                  {"measured", o.measured.empty() ? "now" : o.measured},
                                  {"command", o.command_line},
                                  {"commit", build_commit()},
                                  {"date", utc_date()},
                                  {"profile", profile_name}};
  if (o.json) {
    nlohmann::json out{{"cases", rows}, {"summary", summary}};
    for (const auto& [op_class, c] : breakdown) {
      out["by_op_class"].push_back({{"op_class", op_class},
                                    {"kernels", c.kernels},
                                    {"predicted_ms", c.predicted * 1e3},
                                    {"measured_ms", c.measured * 1e3}});
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  TextTable t;
  t.add_column("network", TextTable::Align::left);
  t.add_column("res");
  t.add_column("switch", TextTable::Align::left);
  t.add_column("part");
  t.add_column("predicted ms");
  t.add_column("measured ms");
  t.add_column("error %");
  char a[32], b[32], e[32];
  for (const auto& r : rows) {
    std::snprintf(a, sizeof a, "%.3f", r["predicted_ms"].get<double>());
    std::snprintf(b, sizeof b, "%.3f", r["measured_ms"].get<double>());
    std::snprintf(e, sizeof e, "%+.1f", r["error_pct"].get<double>());
    t.add_row({r["network"], std::to_string(r["resolution"].get<int>()), r["switch"],
               std::to_string(r["part"].get<int>()), a, b, e});
  }
  t.print(std::cout);
  if (!breakdown.empty()) {
    TextTable by_class;
    by_class.add_column("op class", TextTable::Align::left);
    by_class.add_column("kernels");
    by_class.add_column("predicted ms");
    by_class.add_column("measured ms");
    by_class.add_column("error %");
    for (const auto& [op_class, c] : breakdown) {
      char p[32], m[32], err[32];
      std::snprintf(p, sizeof p, "%.3f", c.predicted * 1e3);
      std::snprintf(m, sizeof m, "%.3f", c.measured * 1e3);
      std::snprintf(err, sizeof err, "%+.1f",
                    c.measured > 0.0 ? 100.0 * (c.predicted - c.measured) / c.measured : 0.0);
      by_class.add_row({op_class, std::to_string(c.kernels), p, m, err});
    }
    std::printf("\nWhere the time goes, every case together (layers timed as they run):\n");
    by_class.print(std::cout);
  }
  const std::string measured_how =
      o.measured.empty() ? std::to_string(timing.threads) +
                               " threads (OpenBLAS: " + std::to_string(blas_threads()) + ")"
                         : "measured earlier: " + o.measured;
  std::printf("\n%zu cases, %s, profile %s\nMAPE %.2f %%, within +-10 %%: %.1f %% of cases\n",
              cases.size(), measured_how.c_str(), profile_name.c_str(),
              summary["mape"].get<double>(), 100.0 * summary["within_10pct"].get<double>());
  return 0;
}

int run_bench_materialized(const LatencyCli& o) {
  TimingOptions timing;
  timing.threads = o.threads;
  timing.repeats = 21;
  timing.min_seconds = 0.5;
  std::vector<Switch> switches;
  for (const auto& w : words(o.switches_text)) switches.push_back(Switch::parse(w));
  TextTable t;
  t.add_column("network", TextTable::Align::left);
  t.add_column("switch", TextTable::Align::left);
  t.add_column("part");
  t.add_column("materialised ms");
  t.add_column("direct ms");
  t.add_column("ratio");
  double worst = 0.0;
  for (const auto& spec : words(o.networks_text)) {
    const auto [name, resolution] = network_spec(spec);
    NetworkOptions options;
    options.resolution = resolution;
    const LayerGraph graph = load_network(name, options);
    GraphModule module = seeded_module(graph, switches, 3);
    for (std::size_t s = 0; s < switches.size(); ++s) {
      // The first part of each switch: the others have the same shapes or
      // smaller.
      GraphModule dense = materialize_subnetwork(module, s, 0);
      const auto [m, d] = materialized_and_direct_seconds(dense, timing);
      worst = std::max(worst, m / d);
      char a[32], b[32], r[32];
      std::snprintf(a, sizeof a, "%.3f", m * 1e3);
      std::snprintf(b, sizeof b, "%.3f", d * 1e3);
      std::snprintf(r, sizeof r, "%.3f", m / d);
      t.add_row({spec, switches[s].name(), "0", a, b, r});
      progress("bench-materialized: " + spec + " " + switches[s].name());
    }
  }
  progress("");
  t.print(std::cout);
  std::printf("\nworst ratio materialised/direct: %.3f (target: at most 1.05), %d thread%s\n",
              worst, o.threads, o.threads > 1 ? "s" : "");
  return 0;
}

}  // namespace

void add_latency_commands(CLI::App& app, CommandAction& action, const std::string& command_line) {
  auto o = std::make_shared<LatencyCli>();
  o->command_line = command_line;

  auto* cal = app.add_subcommand(
      "calibrate", "measure LibTorch kernels on this machine and fit a device profile");
  cal->add_option("--out", o->out, "write the profile here (default: print it)");
  cal->add_option("--threads", o->threads, "LibTorch threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cal->add_option("--name", o->name, "the profile's name")->capture_default_str();
  cal->add_flag("--quick", o->quick, "fewer shapes and repeats (within 2 minutes)");
  auto* cal_rounds =
      cal->add_option("--rounds", o->rounds,
                      "time every kernel this many times, in rounds over the whole sweep; a "
                      "kernel's figure is the least of its rounds (other work only adds time)")
          ->capture_default_str()
          ->check(CLI::Range(1, 100));
  auto* samples_out =
      cal->add_option("--samples-out", o->samples_out,
                      "also write the measured kernels here (refit later with --from-samples)");
  auto* cold = cal->add_option("--cold-bytes", o->cold_bytes,
                               "rotate copies of each layer's weights over at least this many "
                               "bytes (at most 64 copies; default four times the L2 cache); "
                               "beyond the last-level cache they come from memory")
                   ->check(CLI::Range(1.0, 1e12));
  auto* hot = cal->add_flag("--hot-weights", o->hot_weights,
                            "time each layer on one copy of its weights, hot in cache (default: "
                            "rotate copies so that they come from beyond the L2 cache, as in a "
                            "network)");
  cold->excludes(hot);
  auto* kernels_only = cal->add_flag(
      "--kernels-only", o->kernels_only,
      "time the kernels alone only, not the synthetic chains of layers that tell how kernels run "
      "inside a network (the profile then predicts every kernel as alone)");
  cal->add_flag("--split-by-input-size", o->split_by_input_size,
                "per convolution or linear class, fit curves of their own above an input size "
                "where the kernels clearly run at other efficiencies (eager LibTorch hands 3x3 "
                "convolutions whose input exceeds 20,480 elements to oneDNN); needs samples that "
                "record input sizes");
  // Refitting measures nothing: the options of measuring do not apply.
  cal->add_option("--from-samples", o->from_samples,
                  "fit to kernels measured earlier (a --samples-out file) instead of measuring")
      ->check(CLI::ExistingFile)
      ->excludes(samples_out)
      ->excludes(hot)
      ->excludes(cold)
      ->excludes(kernels_only)
      ->excludes(cal_rounds)
      ->excludes("--quick");
  cal->callback([&action, o] { action = [o] { return run_calibrate(*o); }; });

  auto* val = app.add_subcommand(
      "validate-latency",
      "predicted against measured batch-1 latency of every sub-network of every switch");
  val->add_option("--profile", o->profile,
                  "device profile of this machine (default: calibrate now, --quick)");
  val->add_option("--networks", o->networks_text, "networks, NAME or NAME@RESOLUTION")
      ->capture_default_str();
  val->add_option("--switches", o->switches_text, "switches")->capture_default_str();
  val->add_option("--threads", o->threads, "LibTorch threads (default: the profile's cores)")
      ->check(CLI::Range(1, 256));
  val->add_option("--measured", o->measured,
                  "reuse the measured latencies of an earlier --json output (no timing)")
      ->check(CLI::ExistingFile);
  val->add_flag("--layers", o->layers,
                "also time every layer as it runs and print, per op class, predicted against "
                "measured time (where the model misses)");
  val->add_option("--rounds", o->rounds,
                  "time every case this many times, in rounds over all cases; a case's figure "
                  "is the least of its rounds (other work only adds time)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  val->add_flag("--json", o->json, "print {\"cases\": [...], \"summary\": {...}} as JSON");
  val->callback([&action, o, val] {
    o->threads_given = val->count("--threads") > 0;
    action = [o] { return run_validate(*o); };
  });

  auto* bench = app.add_subcommand(
      "bench-materialized",
      "latency of materialised sub-networks against the same shapes built from stock modules");
  bench->add_option("--networks", o->networks_text, "networks, NAME or NAME@RESOLUTION")
      ->capture_default_str();
  bench->add_option("--switches", o->switches_text, "switches")->capture_default_str();
  bench->add_option("--threads", o->threads, "LibTorch threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  bench->callback([&action, o] { action = [o] { return run_bench_materialized(*o); }; });
}

}  // namespace paradis
