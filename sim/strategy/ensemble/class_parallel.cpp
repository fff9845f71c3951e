// class_parallel (class parallelism, Variant Parallelism's baseline): the
// classes are split over N parts, one per host; part k is the network at a
// width with a classifier for its own classes and one "none of mine"
// output, so that the parts' scores compare; each host returns its scores
// and the fusion host takes the best class. Cheap traffic, but at most one
// part per class, and a lost part's classes can no longer be predicted.
// Its accuracy: the "class_parallel" row of its configuration
// (`train --method class_parallel`); adapting, it answers with the parts
// left, never with a lost part's classes.
#include "models/ensemble/class_split.h"
#include "models/graph/subnetwork_profile.h"
#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "sim/strategy/ensemble/ensemble_member.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

struct ClassParallelOptions {
  int parts = 2;
  double width = 1.0;      // of every part
  std::vector<int> alive;  // the parts that run, increasing; empty: all
};

std::string label_of(const ClassParallelOptions& o) {
  return class_parallel_label(o.parts, o.width, o.alive);
}

// Adapting enumerates every subset of the parts: 255 deployments at most.
constexpr std::size_t kMaxAdaptiveParts = 8;

std::vector<int> alive_parts(const ClassParallelOptions& o) {
  if (!o.alive.empty()) return o.alive;
  std::vector<int> all;
  for (int k = 0; k < o.parts; ++k) all.push_back(k);
  return all;
}

TaskGraph plan_class_parallel(const LayerGraph& graph, const ClassParallelOptions& o,
                              const std::vector<std::string>& requested,
                              const PlatformInfo& platform, const PlanContext& context) {
  if (!find_builtin_network(graph.name())) {
    throw InputError("class_parallel: builds each part from a built-in network, not '" +
                     graph.name() + "'");
  }
  const ClassSplit split{graph.output_shape().elements(), o.parts};
  if (o.parts > split.classes) {
    throw InputError("class_parallel: " + std::to_string(o.parts) + " parts for " +
                     std::to_string(split.classes) + " classes (at most one part per class)");
  }
  const std::vector<int> alive = alive_parts(o);
  const std::size_t n = alive.size();
  const std::vector<std::string> hosts =
      choose_hosts(requested, n, platform, "class_parallel " + label_of(o));
  const double element = element_bytes(context.precision);
  TaskGraph g;
  g.hosts = hosts;
  std::vector<std::size_t> answers;
  double scores = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const int k = alive[i];
    NetworkOptions options;
    options.resolution = graph.input_shape().height;
    options.width = o.width;
    options.classes = static_cast<int>(split.outputs(k));  // own classes and "none of mine"
    const LayerGraph part = load_network(graph.name(), options);
    const SubnetworkProfile net =
        profile_switch(part, Switch::full(), context.precision).subnetworks.at(0);
    const double outputs = static_cast<double>(split.outputs(k));
    const auto ready = add_ensemble_member(
        g, static_cast<std::size_t>(k), "part", hosts[i],
        class_parallel_label(o.parts, o.width, {}) + " #" + std::to_string(k), part, net,
        outputs * element, platform, context);
    answers.insert(answers.end(), ready.begin(), ready.end());
    scores += outputs;
  }
  // Fusion compares every returned score once.
  g.add_compute("fusion", context.fusion_host, scores, answers);
  return g;
}

class ClassParallelConfig : public StrategyConfig {
 public:
  explicit ClassParallelConfig(ClassParallelOptions options) : options_(options) {}
  std::string kind() const override { return "class_parallel"; }
  std::string label() const override { return label_of(options_); }
  AccuracyLookup accuracy_lookup() const override { return {{{"class_parallel", label()}}, ""}; }
  // Every non-empty subset of the parts alive, the largest first: what
  // answers when parts are lost (its accuracy the subset's row).
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>&) const override {
    std::vector<std::shared_ptr<const StrategyConfig>> out;
    const std::vector<int> alive = alive_parts(options_);
    const std::size_t n = alive.size();
    if (n > kMaxAdaptiveParts) {
      throw InputError("class_parallel: adapts over the subsets of at most " +
                       std::to_string(kMaxAdaptiveParts) + " parts, got " + std::to_string(n));
    }
    for (std::size_t mask = (std::size_t{1} << n) - 1; mask > 0; --mask) {
      ClassParallelOptions subset = options_;
      subset.alive.clear();
      for (std::size_t i = 0; i < n; ++i) {
        if (mask >> i & 1U) subset.alive.push_back(alive[i]);
      }
      if (static_cast<int>(subset.alive.size()) == options_.parts) subset.alive.clear();
      out.push_back(std::make_shared<ClassParallelConfig>(subset));
    }
    return out;
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    return plan_class_parallel(graph, options_, hosts, platform, context);
  }

 private:
  ClassParallelOptions options_;
};

// "alive": part numbers in increasing order, each below `parts`.
std::vector<int> read_alive(JsonObjectReader& r, int parts) {
  const nlohmann::json& list = r.get_value("alive");
  std::vector<int> alive;
  if (list.is_array()) {
    for (const auto& k : list) {
      if (!k.is_number_integer() || k.get<int>() < 0 || k.get<int>() >= parts ||
          (!alive.empty() && k.get<int>() <= alive.back())) {
        alive.clear();
        break;
      }
      alive.push_back(k.get<int>());
    }
  }
  if (alive.empty()) {
    r.fail("alive", "expected part numbers from 0 to " + std::to_string(parts - 1) +
                        " in increasing order, at least one");
  }
  if (static_cast<int>(alive.size()) == parts) alive.clear();
  return alive;
}

}  // namespace

const StrategyDefinition& class_parallel_strategy() {
  static const StrategyDefinition definition{
      "class_parallel",
      "the classes split over \"parts\" hosts, each part the network at \"width\" scoring its "
      "own classes and \"none of mine\"; the fusion host takes the best (\"alive\": only "
      "these parts run)",
      [](JsonObjectReader& r) {
        ClassParallelOptions o;
        o.parts = static_cast<int>(r.get_int("parts", 2, 1000));
        o.width = r.find_number("width", 1e-6, 1.0).value_or(1.0);
        if (r.has("alive")) o.alive = read_alive(r, o.parts);
        return std::make_shared<ClassParallelConfig>(o);
      }};
  return definition;
}

}  // namespace paradis
