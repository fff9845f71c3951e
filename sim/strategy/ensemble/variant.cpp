// variant (Variant Parallelism): an ensemble of lighter variants of the
// network, one per host, each run on the whole input at its own width and
// resolution; each host returns only its top-k classes (k indices and k
// scores) and the fusion host sums the scores. Its accuracy is the trained
// ensemble's ("variants" rows of the accuracy table, `train --method
// variants`); adapting, it answers with the members left.
#include <algorithm>
#include <sstream>

#include "models/graph/subnetwork_profile.h"
#include "models/io/input_error.h"
#include "sim/strategy/ensemble/ensemble_member.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

struct Variant {
  double width = 1.0;
  int resolution = 0;  // 0: the network's

  std::string name() const {
    return format_width(width) + (resolution > 0 ? "@" + std::to_string(resolution) : "");
  }
};

struct VariantOptions {
  std::vector<Variant> variants;
  int top_k = 1;  // 0: every class's probability (averaged)
};

std::string label_of(const VariantOptions& o) {
  std::string names;
  for (const auto& v : o.variants) names += (names.empty() ? "" : "+") + v.name();
  return names + (o.top_k > 0 ? " top" + std::to_string(o.top_k) : " mean");
}

// The network at the variant's resolution, and its width-W profile.
struct VariantProfile {
  LayerGraph graph;
  SubnetworkProfile net;
};

VariantProfile profile_variant(const LayerGraph& graph, const Variant& v, Precision precision) {
  VariantProfile p{graph, {}};
  if (v.resolution > 0) {
    try {
      p.graph.set_input_resolution(v.resolution, v.resolution);
    } catch (const LayerGraphError& e) {
      throw InputError("variant " + v.name() + ": " + graph.name() + " at resolution " +
                       std::to_string(v.resolution) + ": " + e.what());
    }
  }
  p.net = profile_switch(p.graph, Switch::from_widths({v.width}), precision).subnetworks.at(0);
  return p;
}

TaskGraph plan_variants(const LayerGraph& graph, const VariantOptions& options,
                        const std::vector<std::string>& requested, const PlatformInfo& platform,
                        const PlanContext& context) {
  const std::int64_t classes = graph.output_shape().elements();
  if (options.top_k > classes / 2) {
    throw InputError("variant: top_k " + std::to_string(options.top_k) + " is more than half of " +
                     graph.name() + "'s " + std::to_string(classes) + " classes");
  }
  const std::size_t n = options.variants.size();
  std::vector<VariantProfile> profiles;
  for (const auto& v : options.variants) {
    profiles.push_back(profile_variant(graph, v, context.precision));
  }
  std::vector<std::string> hosts =
      choose_hosts(requested, n, platform, "variant " + label_of(options));
  if (requested.empty()) {
    // The largest variant (MACs) on the fastest host, as ParaDiS places its
    // widest sub-network.
    std::vector<std::size_t> order(n);
    for (std::size_t k = 0; k < n; ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return profiles[a].net.macs > profiles[b].net.macs;
    });
    std::vector<std::string> assigned(n);
    for (std::size_t rank = 0; rank < n; ++rank) assigned[order[rank]] = hosts[rank];
    hosts = assigned;
  }
  const double element = element_bytes(context.precision);
  const double returned = options.top_k > 0 ? 2.0 * options.top_k : static_cast<double>(classes);
  TaskGraph g;
  g.hosts = hosts;
  std::vector<std::size_t> answers;
  for (std::size_t k = 0; k < n; ++k) {
    const VariantProfile& p = profiles[k];
    const auto ready =
        add_ensemble_member(g, k, "variant", hosts[k], "variant " + options.variants[k].name(),
                            p.graph, p.net, returned * element, platform, context);
    answers.insert(answers.end(), ready.begin(), ready.end());
  }
  // Fusion adds every answer's scores into the class totals.
  g.add_compute("fusion", context.fusion_host,
                static_cast<double>(n) * (options.top_k > 0 ? options.top_k : classes), answers);
  return g;
}

class VariantConfig : public StrategyConfig {
 public:
  explicit VariantConfig(VariantOptions options) : options_(std::move(options)) {}
  std::string kind() const override { return "variant"; }
  std::string label() const override { return label_of(options_); }
  AccuracyLookup accuracy_lookup() const override { return {{{"variants", label()}}, ""}; }
  // Every non-empty subset of the variants, in their order: the ensemble
  // that answers when members are lost (its accuracy the subset's row).
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>&) const override {
    std::vector<std::shared_ptr<const StrategyConfig>> out;
    const std::size_t n = options_.variants.size();
    for (std::size_t mask = (std::size_t{1} << n) - 1; mask > 0; --mask) {
      VariantOptions subset = options_;
      subset.variants.clear();
      for (std::size_t k = 0; k < n; ++k) {
        if (mask >> k & 1U) subset.variants.push_back(options_.variants[k]);
      }
      out.push_back(std::make_shared<VariantConfig>(subset));
    }
    return out;
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    return plan_variants(graph, options_, hosts, platform, context);
  }

 private:
  VariantOptions options_;
};

VariantOptions read_options(JsonObjectReader& r) {
  VariantOptions o;
  r.for_each_object("variants", [&](JsonObjectReader& v) {
    Variant variant;
    variant.width = v.find_number("width", 1e-6, 1.0).value_or(1.0);
    variant.resolution = static_cast<int>(v.find_int("resolution", 1, 16384).value_or(0));
    v.finish();
    o.variants.push_back(variant);
  });
  if (o.variants.empty() || o.variants.size() > 8) {
    r.fail("variants", "expected 1 to 8 variants, got " + std::to_string(o.variants.size()));
  }
  if (r.has("top_k") && r.get_value("top_k").is_string()) {
    if (r.get_string("top_k") != "all") {
      r.fail("top_k", "expected a number of classes (1 to half the classes) or \"all\"");
    }
    o.top_k = 0;
  } else {
    o.top_k = static_cast<int>(r.find_int("top_k", 1, 1000000).value_or(1));
  }
  return o;
}

}  // namespace

const StrategyDefinition& variant_strategy() {
  static const StrategyDefinition definition{
      "variant",
      "an ensemble of variants of the network (\"variants\": [{\"width\", \"resolution\"}]), "
      "one per host, each returning its top \"top_k\" classes and scores (\"all\": every "
      "class's probability), summed on the fusion host",
      [](JsonObjectReader& r) { return std::make_shared<VariantConfig>(read_options(r)); }};
  return definition;
}

}  // namespace paradis
