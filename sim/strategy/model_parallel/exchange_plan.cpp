#include "sim/strategy/model_parallel/exchange_plan.h"

namespace paradis {
namespace {

bool sends_anything(const TensorExchange& e) {
  for (const auto& row : e.bytes) {
    for (std::int64_t b : row) {
      if (b > 0) return true;
    }
  }
  return false;
}

}  // namespace

TaskGraph plan_part_exchange(const LayerGraph& graph, const PartExchange& network,
                             const std::vector<std::string>& hosts, const PlatformInfo& platform,
                             const PlanContext& context) {
  const std::size_t n = hosts.size();
  const std::vector<SubnetworkProfile>& parts = network.parts;
  TaskGraph g;
  g.hosts = hosts;
  std::vector<std::vector<std::size_t>> ready(n);
  std::vector<SubnetworkProfile> segment(n);  // each part's layers since the last exchange
  int segments = 0;
  for (std::size_t k = 0; k < n; ++k) {
    g.weights.push_back({hosts[k], network.label + " #" + std::to_string(k),
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
  // Every part gets what it reads of the others' slices of the tensors one
  // layer reads; every transfer leaves when its sender's slice is ready.
  const auto exchange = [&](const std::vector<const TensorExchange*>& at_point) {
    std::vector<std::vector<std::size_t>> next = ready;
    for (const TensorExchange* e : at_point) {
      for (std::size_t from = 0; from < n; ++from) {
        for (std::size_t to = 0; to < n; ++to) {
          if (from == to || e->bytes[from][to] <= 0) continue;
          auto t = g.add_transfer(graph.layer(e->tensor).name + " " + std::to_string(from) +
                                      "->" + std::to_string(to),
                                  hosts[from], hosts[to], static_cast<double>(e->bytes[from][to]),
                                  ready[from]);
          next[to].insert(next[to].end(), t.begin(), t.end());
        }
      }
    }
    ready = next;
  };
  std::size_t next_exchange = 0;
  for (std::size_t i = 0; i < parts[0].layers.size(); ++i) {
    const std::size_t v = parts[0].layers[i].layer;
    std::vector<const TensorExchange*> at_point;
    for (; next_exchange < network.exchanges.size() &&
           network.exchanges[next_exchange].point == v;
         ++next_exchange) {
      if (sends_anything(network.exchanges[next_exchange])) {
        at_point.push_back(&network.exchanges[next_exchange]);
      }
    }
    if (!at_point.empty()) {
      close_segment();
      exchange(at_point);
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
