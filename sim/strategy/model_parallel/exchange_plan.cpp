#include "sim/strategy/model_parallel/exchange_plan.h"

namespace paradis {

TaskGraph plan_exchange_policy(const LayerGraph& graph, const ExchangePolicy& policy,
                               const std::vector<std::string>& hosts,
                               const PlatformInfo& platform, const PlanContext& context) {
  const std::size_t n = hosts.size();
  const std::int64_t element = element_bytes(context.precision);
  std::vector<SubnetworkProfile> parts;
  for (std::size_t k = 0; k < n; ++k) {
    parts.push_back(exchange_part_profile(graph, policy, k, context.precision));
  }
  TaskGraph g;
  g.hosts = hosts;
  std::vector<std::vector<std::size_t>> ready(n);
  std::vector<SubnetworkProfile> segment(n);  // each part's layers since the last exchange
  int segments = 0;
  for (std::size_t k = 0; k < n; ++k) {
    g.weights.push_back({hosts[k], policy.label() + " #" + std::to_string(k),
                         static_cast<double>(parts[k].weight_bytes)});
    ready[k] = g.add_transfer("input->" + std::to_string(k), context.source_host, hosts[k],
                              static_cast<double>(parts[k].input_bytes), {});
  }
  const auto close_segment = [&] {
    for (std::size_t k = 0; k < n; ++k) {
      if (segment[k].layers.empty()) continue;
      std::vector<std::size_t> layers;
      for (const auto& sl : segment[k].layers) layers.push_back(sl.layer);
      ready[k] = {g.add_compute(
          "segment " + std::to_string(segments) + " @" + std::to_string(k), hosts[k],
          subnetwork_work(context.cost, *platform.find(hosts[k]), graph, segment[k]), ready[k],
          layers)};
      segment[k].layers.clear();
    }
    ++segments;
  };
  // Every part gets the others' slices of the tensors `point` reads.
  const auto all_gather = [&](std::size_t point) {
    std::vector<std::vector<std::size_t>> next = ready;
    for (std::size_t p : graph.producers(point)) {
      const TensorShape shape = graph.stats(p).output_shape;
      for (std::size_t from = 0; from < n; ++from) {
        const double bytes = static_cast<double>(
            exchange_part_range(policy.parts, shape.channels, from).size() *
            static_cast<std::int64_t>(shape.height) * shape.width * element);
        for (std::size_t to = 0; to < n; ++to) {
          if (from == to) continue;
          auto t = g.add_transfer(graph.layer(p).name + " " + std::to_string(from) + "->" +
                                      std::to_string(to),
                                  hosts[from], hosts[to], bytes, ready[from]);
          next[to].insert(next[to].end(), t.begin(), t.end());
        }
      }
    }
    ready = next;
  };
  for (std::size_t i = 0; i < parts[0].layers.size(); ++i) {
    const std::size_t v = parts[0].layers[i].layer;
    if (policy.exchanges(graph.layer(v).name)) {
      close_segment();
      all_gather(v);
    }
    for (std::size_t k = 0; k < n; ++k) {
      if (parts[k].layers[i].computed) segment[k].layers.push_back(parts[k].layers[i]);
    }
  }
  close_segment();
  std::vector<std::size_t> partials;
  for (std::size_t k = 0; k < n; ++k) {
    auto t = g.add_transfer("partial " + std::to_string(k), hosts[k], context.fusion_host,
                            static_cast<double>(parts[k].output_bytes), ready[k]);
    partials.insert(partials.end(), t.begin(), t.end());
  }
  // As ParaDiS fuses: K - 1 additions per output element.
  g.add_compute("fusion", context.fusion_host,
                static_cast<double>(n - 1) * static_cast<double>(graph.output_shape().elements()),
                partials);
  return g;
}

}  // namespace paradis
