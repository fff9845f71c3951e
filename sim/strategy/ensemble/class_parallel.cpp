// class_parallel (class parallelism, Variant Parallelism's baseline): the
// classes are split over N parts, one per host; part k is the network at a
// width with a classifier for its own classes and one "none of mine"
// output, so that the parts' scores compare; each host returns its scores
// and the fusion host takes the best class. Cheap traffic, but at most one
// part per class, and a lost part's classes can no longer be predicted.
// Its accuracy: the "class_parallel" row of its configuration.
#include "models/graph/subnetwork_profile.h"
#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "sim/strategy/ensemble/ensemble_member.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

struct ClassParallelOptions {
  int parts = 2;
  double width = 1.0;  // of every part
};

std::string label_of(const ClassParallelOptions& o) {
  return std::to_string(o.parts) + " parts x" + format_width(o.width);
}

// Classes [first(k), first(k + 1)) belong to part k: as even as possible.
std::int64_t first_class(std::int64_t classes, int parts, int k) { return classes * k / parts; }

TaskGraph plan_class_parallel(const LayerGraph& graph, const ClassParallelOptions& o,
                              const std::vector<std::string>& requested,
                              const PlatformInfo& platform, const PlanContext& context) {
  if (!find_builtin_network(graph.name())) {
    throw InputError("class_parallel: builds each part from a built-in network, not '" +
                     graph.name() + "'");
  }
  const std::int64_t classes = graph.output_shape().elements();
  if (o.parts > classes) {
    throw InputError("class_parallel: " + std::to_string(o.parts) + " parts for " +
                     std::to_string(classes) + " classes (at most one part per class)");
  }
  const auto n = static_cast<std::size_t>(o.parts);
  const std::vector<std::string> hosts =
      choose_hosts(requested, n, platform, "class_parallel " + label_of(o));
  const double element = element_bytes(context.precision);
  TaskGraph g;
  g.hosts = hosts;
  std::vector<std::size_t> answers;
  double scores = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const int k_int = static_cast<int>(k);
    const std::int64_t own =
        first_class(classes, o.parts, k_int + 1) - first_class(classes, o.parts, k_int);
    NetworkOptions options;
    options.resolution = graph.input_shape().height;
    options.width = o.width;
    options.classes = static_cast<int>(own + 1);  // and "none of mine"
    const LayerGraph part = load_network(graph.name(), options);
    const SubnetworkProfile net =
        profile_switch(part, Switch::full(), context.precision).subnetworks.at(0);
    const auto ready =
        add_ensemble_member(g, k, "part", hosts[k], label_of(o) + " #" + std::to_string(k), part,
                            net, static_cast<double>(own + 1) * element, platform, context);
    answers.insert(answers.end(), ready.begin(), ready.end());
    scores += static_cast<double>(own + 1);
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
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    return plan_class_parallel(graph, options_, hosts, platform, context);
  }

 private:
  ClassParallelOptions options_;
};

}  // namespace

const StrategyDefinition& class_parallel_strategy() {
  static const StrategyDefinition definition{
      "class_parallel",
      "the classes split over \"parts\" hosts, each part the network at \"width\" scoring its "
      "own classes and \"none of mine\"; the fusion host takes the best",
      [](JsonObjectReader& r) {
        ClassParallelOptions o;
        o.parts = static_cast<int>(r.get_int("parts", 2, 1000));
        o.width = r.find_number("width", 1e-6, 1.0).value_or(1.0);
        return std::make_shared<ClassParallelConfig>(o);
      }};
  return definition;
}

}  // namespace paradis
