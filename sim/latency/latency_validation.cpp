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

// Measured latencies of an earlier `validate-latency --json`, by case: one
// round each.
CaseRounds load_measured(const std::string& path) {
  const nlohmann::json doc = parse_json_text(read_text_file(path), path);
  if (!doc.is_object() || !doc.contains("cases") || !doc["cases"].is_array()) {
    fail_at(path, "$.cases", "expected the output of validate-latency --json");
  }
  CaseRounds out;
  JsonObjectReader top(doc, path, "$");  // the summary and the rest are not read
  top.for_each_object("cases", [&](JsonObjectReader& r) {
    const std::string network = r.get_string("network");
    const std::int64_t resolution = r.get_int("resolution", 1, 100000);
    const std::string sw = r.get_string("switch");
    const std::string key =
        case_key(network, resolution, sw, static_cast<std::size_t>(r.get_int("part", 0, 1000)));
    out.seconds[key] = {r.get_number("measured_ms", 1e-9, 1e9) / 1e3};
  });
  return out;
}

// One case: sub-network `part` of switch `w` of `graph`, whose weights
// `module` holds when the visit asked for them.
struct CaseAt {
  std::string network;
  int height = 0;
  const LayerGraph& graph;
  std::optional<GraphModule>& module;
  std::size_t w = 0;
  std::size_t part = 0;
  std::string key;
};

// Visits every case of the settings, network by network in their order;
// `weights`: build each network's module (only where something is timed).
template <typename Visit>
void for_each_case(const ValidationSettings& s, bool weights, Visit visit) {
  for (const auto& spec : s.networks) {
    const auto [name, resolution] = parse_network_spec(spec, "--networks");
    NetworkOptions options;
    options.resolution = resolution;
    const LayerGraph graph = load_network(name, options);
    const int height = static_cast<int>(graph.input_shape().height);
    std::optional<GraphModule> module;
    if (weights) module = seeded_module(graph, s.switches, 2);
    for (std::size_t w = 0; w < s.switches.size(); ++w) {
      for (std::size_t k = 0; k < s.switches[w].size(); ++k) {
        visit(CaseAt{name, height, graph, module, w, k,
                     case_key(name, height, s.switches[w].name(), k)});
      }
    }
  }
}

TimingOptions case_timing(const ValidationSettings& s) {
  TimingOptions timing;
  timing.threads = s.threads;
  timing.min_seconds = 0.2;
  return timing;
}

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

// Each round times every case once, in the same order; a case's figure is
// the least of its rounds, so a burst of other work on a shared machine
// slows one round of a case, not the figure.
void time_validation_round(const ValidationSettings& s, int round, int of_rounds,
                           CaseRounds& rounds, const ProgressLine& progress) {
  const TimingOptions timing = case_timing(s);
  std::size_t done = 0;
  for_each_case(s, true, [&](const CaseAt& c) {
    GraphModule dense = materialize_subnetwork(*c.module, c.w, c.part);
    rounds.seconds[c.key].push_back(dense_forward_seconds(dense, timing));
    if (progress) {
      char line[200];
      std::snprintf(line, sizeof line, "validate-latency: round %d/%d, %zu cases; %s", round + 1,
                    of_rounds, ++done, c.key.c_str());
      progress(line);
    }
  });
  if (progress) progress("");
}

ValidationResult validate_latency(const DeviceProfile& profile, const ValidationSettings& s,
                                  const ProgressLine& progress, const CaseRounds* timed) {
  CaseRounds own;
  if (timed == nullptr && !s.measured.empty()) own = load_measured(s.measured);
  if (timed == nullptr && s.measured.empty()) {
    for (int round = 0; round < s.rounds; ++round) {
      time_validation_round(s, round, s.rounds, own, progress);
    }
  }
  const CaseRounds& figures = timed ? *timed : own;
  ValidationResult result;
  const bool timing_now = s.measured.empty();
  for_each_case(s, timing_now && s.layers, [&](const CaseAt& c) {
    const auto it = figures.seconds.find(c.key);
    if (it == figures.seconds.end() || it->second.empty()) {
      throw InputError((s.measured.empty() ? "validate-latency" : s.measured) +
                       ": no measured case " + c.key);
    }
    result.rounds = static_cast<int>(it->second.size());
    const SwitchProfile sp = profile_switch(c.graph, s.switches[c.w]);
    result.cases.push_back({c.network, c.height, s.switches[c.w].name(), c.part,
                            subnetwork_seconds(profile, c.graph, sp.subnetworks[c.part]),
                            least_of(it->second)});
    if (timing_now && s.layers) {
      GraphModule dense = materialize_subnetwork(*c.module, c.w, c.part);
      add_layer_breakdown(dense, profile, case_timing(s), result.by_op_class);
    }
  });
  summarise(result);
  return result;
}

}  // namespace paradis
