// model_parallel (MoDNN, RePurpose, Separable NN): every layer's output
// channels are split over the hosts; before a layer that mixes channels
// (conv with groups = 1, linear) reads a tensor the hosts hold in parts,
// the parts are exchanged so that every host holds it whole.
// Its accuracy is the full network's when nothing is dropped (keep = 1);
// dropping exchanged bytes has no trained network here.
// With "exchange" (Separable NN's transmission policy) the parts exchange
// only before the layers named and are equal, "parts" of them: a network
// trained as such (train --method exchange), planned by exchange_plan.
// With "restructuring" (RePurpose) the parts are those of a restructuring
// file (paradis-sim restructure): each part sends only the channels other
// parts still read (train --method repurpose fine-tunes it).
#include <cmath>
#include <memory>
#include <sstream>

#include "models/io/input_error.h"
#include "models/io/relative_path.h"
#include "models/parallel/exchange_policy.h"
#include "models/parallel/restructuring_file.h"
#include "sim/cost/compute_cost.h"
#include "sim/strategy/model_parallel/exchange_plan.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

struct ModelParallelOptions {
  // Share of every layer's output channels per host (empty: in proportion
  // to host speed).
  std::vector<double> fractions;
  // Fraction of the exchanged activations actually sent (Separable NN's
  // transmission policy, RePurpose's pruned cross-blocks).
  double keep = 1.0;
  // Gather and redistribute through the fusion host instead of every host
  // sending to every other.
  bool via_coordinator = false;
  // The exchange policy's layers, with `parts` equal parts (parts 0: every
  // layer that mixes channels exchanges, as above).
  std::vector<std::string> exchange;
  int parts = 0;
  // A RePurpose restructuring and the file it came from.
  std::shared_ptr<const Restructuring> restructuring;
  std::string restructuring_file;

  ExchangePolicy policy() const { return ExchangePolicy{parts, exchange}; }
};

std::vector<double> host_shares(const ModelParallelOptions& options, const PlatformInfo& platform,
                                const std::vector<std::string>& hosts) {
  if (!options.fractions.empty()) {
    if (options.fractions.size() != hosts.size()) {
      throw InputError("model_parallel: " + std::to_string(options.fractions.size()) + " shares for " +
                       std::to_string(hosts.size()) + " hosts");
    }
    double sum = 0.0;
    for (double f : options.fractions) {
      if (!(f > 0.0)) throw InputError("model_parallel: every share must be positive");
      sum += f;
    }
    if (std::abs(sum - 1.0) > 1e-9) {
      throw InputError("model_parallel: shares sum to " + format_width(sum) + ", not 1");
    }
    return options.fractions;
  }
  double total = 0.0;
  for (const auto& h : hosts) total += platform.find(h)->speed * platform.find(h)->cores;
  std::vector<double> shares;
  for (const auto& h : hosts) {
    shares.push_back(platform.find(h)->speed * platform.find(h)->cores / total);
  }
  return shares;
}

std::string label_of(const ModelParallelOptions& o) {
  if (o.restructuring) return o.restructuring->configuration();
  if (o.parts > 0) return "exchange " + o.policy().exchanged_text();
  std::ostringstream out;
  out << "keep=" << format_width(o.keep);
  if (o.via_coordinator) out << " coordinator";
  if (!o.fractions.empty()) {
    out << " shares=";
    for (std::size_t i = 0; i < o.fractions.size(); ++i) {
      out << (i ? "/" : "") << format_width(o.fractions[i]);
    }
  }
  return out.str();
}

// Each host holds its share of every layer's weights: a slice of the full
// network's, [from, to) of the channels.
std::vector<WeightPart> weight_slices(const LayerGraph& graph, const std::vector<std::string>& hosts,
                                      const std::vector<double>& share, Precision precision) {
  const double bytes = static_cast<double>(
      profile_switch(graph, Switch::full(), precision).subnetworks.at(0).weight_bytes);
  std::vector<WeightPart> slices;
  double from = 0.0;
  for (std::size_t h = 0; h < hosts.size(); ++h) {
    const double to = h + 1 == hosts.size() ? 1.0 : from + share[h];
    slices.push_back({hosts[h], Switch::full().name() + " #0", bytes * (to - from), from, to});
    from = to;
  }
  return slices;
}

TaskGraph plan_model_parallel(const LayerGraph& graph, const ModelParallelOptions& options,
                              const std::vector<std::string>& requested,
                              const PlatformInfo& platform, const PlanContext& context) {
  if (!(options.keep > 0.0) || options.keep > 1.0) {
    throw InputError("model_parallel: keep must be in (0, 1], got " + format_width(options.keep));
  }
  const std::size_t n = requested.empty() ? platform.hosts.size() : requested.size();
  const std::vector<std::string> hosts =
      choose_hosts(requested, n, platform, "model_parallel " + label_of(options));
  const std::vector<double> share = host_shares(options, platform, hosts);
  const double element = element_bytes(context.precision);

  TaskGraph g;
  g.hosts = hosts;
  g.weights = weight_slices(graph, hosts, share, context.precision);
  std::vector<std::vector<std::size_t>> ready(n);
  // Plain model parallelism says what each task computes and carries, so a
  // testbed can run it for real: host h computes [bounds[h], bounds[h+1]) of
  // every layer's output channels.
  const bool plain = options.parts == 0 && !options.restructuring && !options.via_coordinator &&
                     options.keep == 1.0;
  std::vector<double> bounds{0.0};
  for (std::size_t h = 0; h < n; ++h) bounds.push_back(h + 1 == n ? 1.0 : bounds[h] + share[h]);
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
      if (plain) {
        g.tasks[c].work = {ComputeWork::Kind::channel_slice, "", 0, bounds[h], bounds[h + 1]};
      }
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
    if (!options.via_coordinator) {
      for (std::size_t from = 0; from < n; ++from) {
        for (std::size_t to = 0; to < n; ++to) {
          if (from == to) continue;
          auto t = g.add_transfer(name + " " + std::to_string(from) + "->" + std::to_string(to),
                                  hosts[from], hosts[to], bytes * share[from], ready[from]);
          for (auto i : t) g.tasks[i].carries = static_cast<long>(v);
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
        all_gather(p, bytes * options.keep);
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
    // (A transfer to the fusion host itself is none: t is then its computation.)
    for (auto i : t) {
      if (g.tasks[i].kind == Task::Kind::transfer) g.tasks[i].carries = static_cast<long>(last);
    }
    parts.insert(parts.end(), t.begin(), t.end());
  }
  const std::size_t result = g.add_compute("result", context.fusion_host, 0.0, parts);
  if (plain) g.tasks[result].work.kind = ComputeWork::Kind::concat;
  return g;
}

class ModelParallelConfig : public StrategyConfig {
 public:
  explicit ModelParallelConfig(ModelParallelOptions options) : options_(std::move(options)) {}
  std::string kind() const override { return "model_parallel"; }
  std::string label() const override { return label_of(options_); }
  // Keeping every channel computes the full network exactly; keeping fewer
  // scales the bytes of a network nobody trained.
  AccuracyLookup accuracy_lookup() const override {
    if (options_.restructuring) return {{{"repurpose", options_.restructuring->label()}}, ""};
    if (options_.parts > 0) return {{{"exchange", options_.policy().label()}}, ""};
    if (options_.keep != 1.0) {
      return {{}, "no trained network exchanges only keep=" + format_width(options_.keep) +
                      " of its channels"};
    }
    return {{{"individual", "1x1.0"}}, ""};
  }
  // Re-placed on the hosts still up.
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>&) const override {
    return {std::make_shared<ModelParallelConfig>(*this)};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    if (options_.restructuring) {
      const Restructuring& r = *options_.restructuring;
      check_restructuring(graph, r, options_.restructuring_file);
      return plan_part_exchange(
          graph, restructured_parts(graph, r, context.precision),
          choose_hosts(hosts, static_cast<std::size_t>(r.parts), platform,
                       "model_parallel " + r.label()),
          platform, context);
    }
    if (options_.parts > 0) {
      const ExchangePolicy policy =
          parse_exchange_policy(graph, options_.parts, options_.policy().exchanged_text());
      // The accuracy table names a policy's layers in the network's order.
      if (policy.exchanged != options_.exchange) {
        throw InputError("model_parallel: list the exchange layers in the network's order (" +
                         policy.exchanged_text() + ")");
      }
      return plan_part_exchange(
          graph, exchange_policy_parts(graph, policy, context.precision),
          choose_hosts(hosts, static_cast<std::size_t>(options_.parts), platform,
                       "model_parallel " + policy.label()),
          platform, context);
    }
    return plan_model_parallel(graph, options_, hosts, platform, context);
  }

 private:
  ModelParallelOptions options_;
};

ModelParallelOptions read_options(JsonObjectReader& r) {
  ModelParallelOptions o;
  o.keep = r.find_number("keep", 1e-6, 1.0).value_or(1.0);
  o.via_coordinator = r.find_bool("coordinator").value_or(false);
  if (r.has("shares")) {
    const auto& shares = r.get_array("shares");
    for (std::size_t i = 0; i < shares.size(); ++i) {
      if (!shares[i].is_number() || !(shares[i].get<double>() > 0.0)) {
        fail_at(r.file(), r.path_of("shares") + "[" + std::to_string(i) + "]",
                "expected a positive number, got " + shares[i].dump());
      }
      o.fractions.push_back(shares[i].get<double>());
    }
  }
  if (r.has("exchange")) {
    o.exchange = r.get_string_list("exchange", "a layer name");
    o.parts = static_cast<int>(r.get_int("parts", 2, 1024));
    if (r.has("keep") || r.has("coordinator") || r.has("shares")) {
      fail_at(r.file(), r.path_of("exchange"),
              "an exchange policy has equal parts and sends whole slices: not with keep, "
              "coordinator or shares");
    }
  } else if (r.has("parts")) {
    fail_at(r.file(), r.path_of("parts"), "\"parts\" goes with \"exchange\" (the policy)");
  }
  if (r.has("restructuring")) {
    if (r.has("exchange") || r.has("keep") || r.has("coordinator") || r.has("shares")) {
      fail_at(r.file(), r.path_of("restructuring"),
              "a restructuring decides its own parts and traffic: not with exchange, keep, "
              "coordinator or shares");
    }
    o.restructuring_file = resolve_beside(r.file(), r.get_string("restructuring"));
    try {
      o.restructuring = std::make_shared<const Restructuring>(
          load_restructuring_file(o.restructuring_file));
    } catch (const InputError& e) {
      fail_at(r.file(), r.path_of("restructuring"), e.what());
    }
  }
  return o;
}

}  // namespace

const StrategyDefinition& model_parallel_strategy() {
  static const StrategyDefinition definition{
      "model_parallel",
      "every layer's channels split over the hosts (\"shares\"), exchanged before each layer "
      "that mixes channels (\"keep\": the fraction sent; \"coordinator\": through the fusion "
      "host); \"exchange\": [layers] with \"parts\": N, the parts exchange only before "
      "those layers (Separable NN's transmission policy, train --method exchange); "
      "\"restructuring\": FILE, the parts and traffic of a RePurpose restructuring "
      "(paradis-sim restructure, train --method repurpose)",
      [](JsonObjectReader& r) { return std::make_shared<ModelParallelConfig>(read_options(r)); }};
  return definition;
}

}  // namespace paradis
