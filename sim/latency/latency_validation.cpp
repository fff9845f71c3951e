#include "sim/latency/latency_validation.h"

#include <cmath>
#include <cstdio>
#include <optional>

#include "models/graph/subnetwork_profile.h"
#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/networks/builtin_networks.h"
#include "models/torch/forward_timing.h"
#include "models/torch/graph_module.h"
#include "sim/cost/latency_model.h"
#include "sim/latency/case_list.h"

namespace paradis {
namespace {

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

// The figures of every case, round by round: timed now, or read from an
// earlier run.
class CaseTimer {
 public:
  CaseTimer(const ValidationSettings& s, const DeviceProfile& profile)
      : settings_(s), profile_(profile) {
    timing_.threads = s.threads;
    timing_.min_seconds = 0.2;
    if (!s.measured.empty()) earlier_ = load_measured(s.measured);
  }

  // Times sub-network k of switch w of `module` (or looks it up), filling
  // the layer breakdown on the first round.
  double seconds(const std::string& key, std::optional<GraphModule>& module, std::size_t w,
                 std::size_t k, bool first_round, ValidationResult& result) {
    if (!settings_.measured.empty()) {
      const auto it = earlier_.find(key);
      if (it == earlier_.end()) throw InputError(settings_.measured + ": no measured case " + key);
      return it->second;
    }
    GraphModule dense = materialize_subnetwork(*module, w, k);
    const double t = dense_forward_seconds(dense, timing_);
    if (settings_.layers && first_round) {
      add_layer_breakdown(dense, profile_, timing_, result.by_op_class);
    }
    return t;
  }

 private:
  const ValidationSettings& settings_;
  const DeviceProfile& profile_;
  TimingOptions timing_;
  std::map<std::string, double> earlier_;
};

void summarise(ValidationResult& result) {
  double sum_abs = 0.0;
  int within = 0;
  for (const auto& c : result.cases) {
    const double error = 100.0 * (c.predicted - c.measured) / c.measured;
    sum_abs += std::abs(error);
    within += std::abs(error) <= 10.0;
  }
  const double n = static_cast<double>(result.cases.size());
  result.mape = n > 0 ? sum_abs / n : 0.0;
  result.within_10pct = n > 0 ? within / n : 0.0;
}

}  // namespace

ValidationResult validate_latency(const DeviceProfile& profile, const ValidationSettings& s,
                                  const ProgressLine& progress) {
  ValidationResult result;
  CaseTimer timer(s, profile);
  // Each round times every case once, in the same order; a case's figure is
  // the least of its rounds, so a burst of other work on a shared machine
  // slows one round of a case, not the figure.
  result.rounds = s.measured.empty() ? s.rounds : 1;
  std::map<std::string, std::vector<double>> by_round;
  for (int round = 0; round < result.rounds; ++round) {
    for (const auto& spec : s.networks) {
      const auto [name, resolution] = parse_network_spec(spec, "--networks");
      NetworkOptions options;
      options.resolution = resolution;
      const LayerGraph graph = load_network(name, options);
      const int height = static_cast<int>(graph.input_shape().height);
      // Weights only where something is timed.
      std::optional<GraphModule> module;
      if (s.measured.empty()) module = seeded_module(graph, s.switches, 2);
      for (std::size_t w = 0; w < s.switches.size(); ++w) {
        const SwitchProfile sp = profile_switch(graph, s.switches[w]);
        for (std::size_t k = 0; k < s.switches[w].size(); ++k) {
          const std::string key = case_key(name, height, s.switches[w].name(), k);
          by_round[key].push_back(timer.seconds(key, module, w, k, round == 0, result));
          if (round == 0) {
            result.cases.push_back({name, height, s.switches[w].name(), k,
                                    subnetwork_seconds(profile, graph, sp.subnetworks[k]), 0.0});
          }
          if (progress) {
            char line[200];
            std::snprintf(line, sizeof line,
                          "validate-latency: round %d/%d, %zu cases; %s@%d %s part %zu", round + 1,
                          result.rounds, by_round.size(), name.c_str(), height,
                          s.switches[w].name().c_str(), k);
            progress(line);
          }
        }
      }
    }
  }
  for (auto& c : result.cases) {
    c.measured = least_of(by_round.at(case_key(c.network, c.resolution, c.switch_name, c.part)));
  }
  if (progress) progress("");
  summarise(result);
  return result;
}

}  // namespace paradis
