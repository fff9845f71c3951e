// model_parallel (MoDNN, RePurpose, Separable NN): every layer's output
// channels are split over the hosts; before a layer that mixes channels
// (conv with groups = 1, linear) reads a tensor the hosts hold in parts,
// the parts are exchanged so that every host holds it whole.
#include <cmath>

#include "models/io/input_error.h"
#include "sim/cost/compute_cost.h"
#include "sim/strategy/strategy.h"

namespace paradis {
namespace {

std::vector<double> host_shares(const StrategySpec& spec, const PlatformInfo& platform,
                                const std::vector<std::string>& hosts) {
  if (!spec.fractions.empty()) {
    if (spec.fractions.size() != hosts.size()) {
      throw InputError("model_parallel: " + std::to_string(spec.fractions.size()) + " shares for " +
                       std::to_string(hosts.size()) + " hosts");
    }
    double sum = 0.0;
    for (double f : spec.fractions) {
      if (!(f > 0.0)) throw InputError("model_parallel: every share must be positive");
      sum += f;
    }
    if (std::abs(sum - 1.0) > 1e-9) {
      throw InputError("model_parallel: shares sum to " + format_width(sum) + ", not 1");
    }
    return spec.fractions;
  }
  double total = 0.0;
  for (const auto& h : hosts) total += platform.find(h)->speed * platform.find(h)->cores;
  std::vector<double> shares;
  for (const auto& h : hosts) {
    shares.push_back(platform.find(h)->speed * platform.find(h)->cores / total);
  }
  return shares;
}

}  // namespace

TaskGraph plan_model_parallel(const LayerGraph& graph, const StrategySpec& spec,
                              const PlatformInfo& platform, const PlanContext& context) {
  if (!(spec.keep > 0.0) || spec.keep > 1.0) {
    throw InputError("model_parallel: keep must be in (0, 1], got " + format_width(spec.keep));
  }
  const std::size_t n = spec.hosts.empty() ? platform.hosts.size() : spec.hosts.size();
  const std::vector<std::string> hosts = choose_hosts(spec, platform, n);
  const std::vector<double> share = host_shares(spec, platform, hosts);
  const double element = element_bytes(context.precision);

  TaskGraph g;
  g.hosts = hosts;
  std::vector<std::vector<std::size_t>> ready(n);
  std::vector<double> pending_flops(n, 0.0);
  std::vector<std::vector<std::size_t>> pending_layers(n);
  int segment = 0;

  // Ends the current run of layers on every host with one compute task each.
  auto close_segment = [&] {
    for (std::size_t h = 0; h < n; ++h) {
      if (pending_layers[h].empty()) continue;
      const std::size_t c =
          g.add_compute("segment " + std::to_string(segment) + " @" + std::to_string(h), hosts[h],
                        pending_flops[h], ready[h], pending_layers[h]);
      ready[h] = {c};
      pending_flops[h] = 0.0;
      pending_layers[h].clear();
    }
    ++segment;
  };
  // Every host gets the parts of tensor `v` it does not hold.
  auto all_gather = [&](std::size_t v, double bytes) {
    const std::string name = graph.layer(v).name;
    std::vector<std::vector<std::size_t>> next = ready;
    if (!spec.via_coordinator) {
      for (std::size_t from = 0; from < n; ++from) {
        for (std::size_t to = 0; to < n; ++to) {
          if (from == to) continue;
          auto t = g.add_transfer(name + " " + std::to_string(from) + "->" + std::to_string(to),
                                  hosts[from], hosts[to], bytes * share[from], ready[from]);
          next[to].insert(next[to].end(), t.begin(), t.end());
        }
      }
    } else {
      const std::string& hub = context.fusion_host;
      std::vector<std::size_t> at_hub;
      for (std::size_t from = 0; from < n; ++from) {
        auto t = g.add_transfer(name + " " + std::to_string(from) + "->hub", hosts[from], hub,
                                bytes * share[from], ready[from]);
        at_hub.insert(at_hub.end(), t.begin(), t.end());
      }
      for (std::size_t to = 0; to < n; ++to) {
        auto t = g.add_transfer(name + " hub->" + std::to_string(to), hub, hosts[to],
                                bytes * (1.0 - share[to]), at_hub);
        next[to].insert(next[to].end(), t.begin(), t.end());
        // A host that is the hub itself also waits for the others' parts.
        if (hosts[to] == hub) next[to].insert(next[to].end(), at_hub.begin(), at_hub.end());
      }
    }
    ready = next;
  };

  const double input_bytes = static_cast<double>(graph.input_shape().elements()) * element;
  for (std::size_t h = 0; h < n; ++h) {
    ready[h] = g.add_transfer("input->" + std::to_string(h), context.source_host, hosts[h],
                              input_bytes, {});
  }
  std::vector<bool> whole(graph.size(), false);  // every host holds the tensor
  whole[graph.input_layer()] = true;
  for (std::size_t v : graph.topological_order()) {
    const Layer& l = graph.layer(v);
    if (l.op == OpKind::input || l.op == OpKind::output) continue;
    if (graph.stats(v).mixes_channels) {
      bool closed = false;
      for (std::size_t p : graph.producers(v)) {
        if (whole[p]) continue;
        if (!closed) close_segment();
        closed = true;
        const double bytes = static_cast<double>(graph.stats(p).output_shape.elements()) * element;
        all_gather(p, bytes * spec.keep);
        whole[p] = true;
      }
    }
    for (std::size_t h = 0; h < n; ++h) {
      pending_flops[h] +=
          layer_slice_work(context.cost, *platform.find(hosts[h]), graph, v, share[h], element);
      pending_layers[h].push_back(v);
    }
  }
  close_segment();
  // The output's parts go to the fusion host.
  const std::size_t last = graph.producers(graph.output_layer()).at(0);
  const double out_bytes = static_cast<double>(graph.stats(last).output_shape.elements()) * element;
  std::vector<std::size_t> parts;
  for (std::size_t h = 0; h < n; ++h) {
    auto t = g.add_transfer("output " + std::to_string(h), hosts[h], context.fusion_host,
                            out_bytes * share[h], ready[h]);
    parts.insert(parts.end(), t.begin(), t.end());
  }
  g.add_compute("result", context.fusion_host, 0.0, parts);
  return g;
}

}  // namespace paradis
