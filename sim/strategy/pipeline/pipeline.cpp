// pipeline (Neurosurgeon's layer cuts, generalised to several devices): the
// layers, in topological order, cut into consecutive stages, stage s on the
// s-th host; each stage sends the tensors that later layers read to the
// next one. Successive requests overlap: while stage 1 works on one, stage
// 0 works on the next. Cut points are given (the layer each stage but the
// last ends with) or chosen by dynamic programming over every cut, for the
// least latency of one request or for the most throughput (the slowest
// stage or link the least slow). Lossless: the network's own accuracy.
#include <algorithm>
#include <limits>
#include <sstream>

#include "models/io/input_error.h"
#include "sim/cost/compute_cost.h"
#include "sim/estimate/latency_bound.h"
#include "sim/platform/compute_spread.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

struct PipelineOptions {
  std::vector<std::string> cuts;  // the last layer of every stage but the last; empty: chosen
  bool throughput = false;        // chosen cuts: most throughput, else least latency
  int stages = 0;                 // chosen cuts: stages (0: one per host given, else 2)
};

std::string label_of(const PipelineOptions& o) {
  if (o.cuts.empty()) {
    const std::string objective = o.throughput ? "throughput" : "latency";
    if (o.stages == 0) return "cuts for " + objective;
    return std::to_string(o.stages) + " stages, " + objective;
  }
  std::string cuts;
  for (const auto& c : o.cuts) cuts += (cuts.empty() ? "" : "/") + c;
  return "cut after " + cuts;
}

// The layers a pipeline cuts, in topological order, and what crosses each
// cut: crossing[p] is the elements of every tensor made before position p
// (the input included) and read at p or later.
struct LayerChain {
  std::vector<std::size_t> layers;
  std::vector<double> crossing;
};

LayerChain chain_of(const LayerGraph& graph) {
  LayerChain c;
  std::vector<int> position(graph.size(), -1);
  for (std::size_t v : graph.topological_order()) {
    const OpKind op = graph.layer(v).op;
    if (op == OpKind::input || op == OpKind::output) continue;
    position[v] = static_cast<int>(c.layers.size());
    c.layers.push_back(v);
  }
  const int n = static_cast<int>(c.layers.size());
  c.crossing.assign(static_cast<std::size_t>(n), 0.0);
  for (std::size_t u = 0; u < graph.size(); ++u) {
    if (u != graph.input_layer() && position[u] < 0) continue;
    int last_reader = -1;
    for (std::size_t v = 0; v < graph.size(); ++v) {
      if (position[v] < 0) continue;
      const auto& p = graph.producers(v);
      if (std::find(p.begin(), p.end(), u) != p.end()) last_reader = std::max(last_reader, position[v]);
    }
    const double elements = static_cast<double>(graph.stats(u).output_shape.elements());
    for (int cut = position[u] + 1; cut <= last_reader && cut < n; ++cut) {
      if (cut > 0) c.crossing[static_cast<std::size_t>(cut)] += elements;
    }
  }
  return c;
}

// Stage boundaries: stage s runs positions [bounds[s], bounds[s + 1]).
using Bounds = std::vector<std::size_t>;

Bounds given_bounds(const LayerGraph& graph, const LayerChain& chain,
                    const std::vector<std::string>& cuts) {
  Bounds b{0};
  for (const auto& name : cuts) {
    std::size_t p = 0;
    while (p < chain.layers.size() && graph.layer(chain.layers[p]).name != name) ++p;
    if (p + 1 >= chain.layers.size()) {
      throw InputError("pipeline: cut after '" + name + "': not a layer of " + graph.name() +
                       " before its last");
    }
    if (p + 1 <= b.back()) {
      throw InputError("pipeline: cut after '" + name + "' is not after the previous cut");
    }
    b.push_back(p + 1);
  }
  b.push_back(chain.layers.size());
  return b;
}

Bounds chosen_bounds(const LayerGraph& graph, const LayerChain& chain,
                     const std::vector<std::string>& hosts, bool throughput,
                     const PlatformInfo& platform, const PlanContext& context) {
  const std::size_t n = chain.layers.size();
  const std::size_t k = hosts.size();
  if (k > n) {
    throw InputError("pipeline: " + std::to_string(k) + " stages for " + std::to_string(n) +
                     " layers");
  }
  const double element = element_bytes(context.precision);
  std::vector<std::vector<double>> prefix(k, std::vector<double>(n + 1, 0.0));
  for (std::size_t s = 0; s < k; ++s) {
    const HostInfo& host = *platform.find(hosts[s]);
    // A layer's usual time: its work at the host's speed and its compute
    // spread's mean factor (a bound's least factor would favour a host whose
    // spread is wide).
    const double per_work = host.speed > 0.0 ? mean_compute_factor(host) / host.speed : 0.0;
    for (std::size_t p = 0; p < n; ++p) {
      const double work =
          layer_slice_work(context.cost, host, graph, chain.layers[p], 1.0, element);
      prefix[s][p + 1] = prefix[s][p] + work * per_work;
    }
  }
  const auto cut = [&](std::size_t s, std::size_t p) {
    return transfer_alone_seconds(platform, hosts[s - 1], hosts[s], chain.crossing[p] * element,
                                  context.link_factors);
  };
  // best[s][p]: stages 0..s over positions [0, p), stage s ending at p.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> best(k, std::vector<double>(n + 1, inf));
  std::vector<std::vector<std::size_t>> from(k, std::vector<std::size_t>(n + 1, 0));
  for (std::size_t p = 1; p <= n; ++p) best[0][p] = prefix[0][p];
  for (std::size_t s = 1; s < k; ++s) {
    for (std::size_t p = s + 1; p <= n; ++p) {
      for (std::size_t a = s; a < p; ++a) {
        const double stage = prefix[s][p] - prefix[s][a];
        const double value = throughput ? std::max({best[s - 1][a], cut(s, a), stage})
                                        : best[s - 1][a] + cut(s, a) + stage;
        if (value < best[s][p]) {
          best[s][p] = value;
          from[s][p] = a;
        }
      }
    }
  }
  Bounds b(k + 1, 0);
  b[k] = n;
  for (std::size_t s = k - 1; s > 0; --s) b[s] = from[s][b[s + 1]];
  return b;
}

TaskGraph plan_pipeline(const LayerGraph& graph, const PipelineOptions& o,
                        const std::vector<std::string>& requested, const PlatformInfo& platform,
                        const PlanContext& context) {
  const LayerChain chain = chain_of(graph);
  if (!requested.empty() && o.stages > 0 && static_cast<std::size_t>(o.stages) != requested.size()) {
    throw InputError("pipeline: " + std::to_string(o.stages) + " stages on " +
                     std::to_string(requested.size()) + " hosts; give one or the other");
  }
  const std::size_t stages =
      !requested.empty() ? requested.size()
                         : (!o.cuts.empty() ? o.cuts.size() + 1
                                            : static_cast<std::size_t>(o.stages > 0 ? o.stages : 2));
  const std::vector<std::string> hosts =
      choose_hosts(requested, stages, platform, "pipeline " + label_of(o));
  if (!o.cuts.empty() && o.cuts.size() + 1 != hosts.size()) {
    throw InputError("pipeline: " + std::to_string(o.cuts.size()) + " cuts make " +
                     std::to_string(o.cuts.size() + 1) + " stages, for " +
                     std::to_string(hosts.size()) + " hosts");
  }
  const Bounds bounds = o.cuts.empty()
                            ? chosen_bounds(graph, chain, hosts, o.throughput, platform, context)
                            : given_bounds(graph, chain, o.cuts);
  const double element = element_bytes(context.precision);
  TaskGraph g;
  g.hosts = hosts;
  auto ready = g.add_transfer("input", context.source_host, hosts[0],
                              static_cast<double>(graph.input_shape().elements()) * element, {});
  for (std::size_t s = 0; s < hosts.size(); ++s) {
    const HostInfo& host = *platform.find(hosts[s]);
    if (s > 0) {
      ready = g.add_transfer("cut " + std::to_string(s), hosts[s - 1], hosts[s],
                             chain.crossing[bounds[s]] * element, ready);
    }
    double work = 0.0;
    double weight_bytes = 0.0;
    std::vector<std::size_t> layers;
    for (std::size_t p = bounds[s]; p < bounds[s + 1]; ++p) {
      const std::size_t v = chain.layers[p];
      work += layer_slice_work(context.cost, host, graph, v, 1.0, element);
      weight_bytes += static_cast<double>(graph.stats(v).counts.params) * element;
      layers.push_back(v);
    }
    g.weights.push_back({hosts[s], "stage " + std::to_string(s), weight_bytes});
    const std::string span = graph.layer(chain.layers[bounds[s]]).name + ".." +
                             graph.layer(chain.layers[bounds[s + 1] - 1]).name;
    ready = {g.add_compute("stage " + std::to_string(s) + " " + span, hosts[s], work, ready,
                           layers)};
  }
  const std::size_t last = graph.producers(graph.output_layer()).at(0);
  ready = g.add_transfer("output", hosts.back(), context.fusion_host,
                         static_cast<double>(graph.stats(last).output_shape.elements()) * element,
                         ready);
  g.add_compute("result", context.fusion_host, 0.0, ready);
  return g;
}

class PipelineConfig : public StrategyConfig {
 public:
  explicit PipelineConfig(PipelineOptions options) : options_(std::move(options)) {}
  std::string kind() const override { return "pipeline"; }
  std::string label() const override { return label_of(options_); }
  // Lossless: the network trained alone.
  AccuracyLookup accuracy_lookup() const override { return {{{"individual", "1x1.0"}}, ""}; }
  // Re-cut for the hosts still up (given cuts fit only their own count).
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>&) const override {
    PipelineOptions chosen = options_;
    chosen.cuts.clear();
    return {std::make_shared<PipelineConfig>(chosen)};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    return plan_pipeline(graph, options_, hosts, platform, context);
  }

 private:
  PipelineOptions options_;
};

PipelineOptions read_options(JsonObjectReader& r) {
  PipelineOptions o;
  if (r.has("cuts")) {
    o.cuts = r.get_string_list("cuts", "a layer's name");
    if (o.cuts.empty()) r.fail("cuts", "expected at least one layer's name");
  }
  if (auto objective = r.find_string("objective")) {
    if (*objective != "latency" && *objective != "throughput") {
      r.fail("objective", "expected \"latency\" or \"throughput\", got \"" + *objective + "\"");
    }
    if (!o.cuts.empty()) r.fail("objective", "chooses the cuts; not with \"cuts\"");
    o.throughput = *objective == "throughput";
  }
  o.stages = static_cast<int>(r.find_int("stages", 2, 64).value_or(0));
  return o;
}

}  // namespace

const StrategyDefinition& pipeline_strategy() {
  static const StrategyDefinition definition{
      "pipeline",
      "the layers cut into consecutive stages on an ordered list of hosts, requests overlapping "
      "(\"cuts\": the last layer of each stage but the last; else chosen for \"objective\" "
      "latency or throughput over \"stages\" hosts)",
      [](JsonObjectReader& r) { return std::make_shared<PipelineConfig>(read_options(r)); }};
  return definition;
}

}  // namespace paradis
