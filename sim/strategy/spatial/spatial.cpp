// spatial (DeepThings' fused tile partition): the first layers, through
// "through", cut into a grid of tiles of that layer's output; tile t runs on
// hosts[t mod hosts] from the region of the image it needs (its halo), the
// overlapping halos computed again by every tile that needs them; the tiles'
// outputs are gathered on the "rest" host (default: the fusion host), which
// runs the rest of the network. Lossless: the network's own accuracy.
#include "models/io/input_error.h"
#include "models/parallel/tile_partition.h"
#include "sim/cost/compute_cost.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

struct SpatialOptions {
  int rows = 2, cols = 2;
  std::string through;  // the last fused layer
  std::string rest;     // the host of the layers after it ("": the fusion host)
};

std::string label_of(const SpatialOptions& o) {
  return std::to_string(o.rows) + "x" + std::to_string(o.cols) + " tiles through " + o.through;
}

// The work of the layers after the fused block, on one host.
double rest_work(const LayerGraph& graph, const TilePartition& p, const HostInfo& host,
                 const PlanContext& context, std::vector<std::size_t>& layers) {
  SubnetworkProfile rest = profile_switch(graph, Switch::full(), context.precision).subnetworks[0];
  std::vector<bool> fused(graph.size(), false);
  for (std::size_t v : p.fused) fused[v] = true;
  std::vector<SubnetworkLayer> kept;
  for (const auto& sl : rest.layers) {
    const OpKind op = graph.layer(sl.layer).op;
    if (fused[sl.layer] || op == OpKind::input || op == OpKind::output) continue;
    kept.push_back(sl);
    layers.push_back(sl.layer);
  }
  rest.layers = kept;
  return subnetwork_work(context.cost, host, graph, rest);
}

TaskGraph plan_spatial(const LayerGraph& graph, const SpatialOptions& o,
                       const std::vector<std::string>& requested, const PlatformInfo& platform,
                       const PlanContext& context) {
  const TilePartition p = fused_tile_partition(graph, o.through, o.rows, o.cols);
  const std::size_t tiles = p.tiles();
  const std::vector<std::string> hosts =
      choose_hosts(requested, requested.empty() ? std::min(tiles, platform.hosts.size())
                                                : requested.size(),
                   platform, "spatial " + label_of(o));
  const std::string rest_host = o.rest.empty() ? context.fusion_host : o.rest;
  if (!platform.find(rest_host)) {
    throw InputError("spatial: no host '" + rest_host + "' for the rest of the network");
  }
  const double element = element_bytes(context.precision);
  const TensorShape image = graph.input_shape();
  const TensorShape cut = graph.stats(p.through).output_shape;
  TaskGraph g;
  g.hosts = hosts;
  if (std::find(hosts.begin(), hosts.end(), rest_host) == hosts.end()) g.hosts.push_back(rest_host);
  double fused_params = 0.0;
  for (std::size_t v : p.fused) fused_params += static_cast<double>(graph.stats(v).counts.params);
  for (const auto& h : hosts) g.weights.push_back({h, "fused layers", fused_params * element});

  std::vector<std::size_t> gathered;
  for (std::size_t t = 0; t < tiles; ++t) {
    const std::string& host = hosts[t % hosts.size()];
    const std::string id = std::to_string(t / o.cols) + "," + std::to_string(t % o.cols);
    const Region& in = p.needed[t][graph.input_layer()];
    auto ready = g.add_transfer("tile " + id + " input", context.source_host, host,
                                static_cast<double>(in.area() * image.channels) * element, {});
    double work = 0.0;
    for (std::size_t v : p.fused) {
      work += layer_slice_work(context.cost, *platform.find(host), graph, v,
                               tile_share(graph, p, t, v), element);
    }
    const std::size_t c = g.add_compute("tile " + id, host, work, ready, p.fused);
    const Region& out = p.needed[t][p.through];
    auto sent = g.add_transfer("tile " + id + " output", host, rest_host,
                               static_cast<double>(out.area() * cut.channels) * element, {c});
    gathered.insert(gathered.end(), sent.begin(), sent.end());
  }
  std::vector<std::size_t> layers;
  const double work = rest_work(graph, p, *platform.find(rest_host), context, layers);
  double rest_params = 0.0;
  for (std::size_t v : layers) rest_params += static_cast<double>(graph.stats(v).counts.params);
  g.weights.push_back({rest_host, "rest", rest_params * element});
  const std::size_t rest = g.add_compute("rest", rest_host, work, gathered, layers);
  const std::size_t last = graph.producers(graph.output_layer()).at(0);
  auto done = g.add_transfer("output", rest_host, context.fusion_host,
                             static_cast<double>(graph.stats(last).output_shape.elements()) * element,
                             {rest});
  g.add_compute("result", context.fusion_host, 0.0, done);
  return g;
}

class SpatialConfig : public StrategyConfig {
 public:
  explicit SpatialConfig(SpatialOptions options) : options_(std::move(options)) {}
  std::string kind() const override { return "spatial"; }
  std::string label() const override { return label_of(options_); }
  // Lossless: the network trained alone.
  AccuracyLookup accuracy_lookup() const override { return {{{"individual", "1x1.0"}}, ""}; }
  // The same tiles on the hosts still up.
  std::vector<std::shared_ptr<const StrategyConfig>> adaptations(
      const std::vector<AccuracyKey>&) const override {
    return {std::make_shared<SpatialConfig>(*this)};
  }
  TaskGraph plan(const LayerGraph& graph, const std::vector<std::string>& hosts,
                 const PlatformInfo& platform, const PlanContext& context) const override {
    return plan_spatial(graph, options_, hosts, platform, context);
  }

 private:
  SpatialOptions options_;
};

SpatialOptions read_options(JsonObjectReader& r) {
  SpatialOptions o;
  o.through = r.get_string("through");
  if (r.has("grid")) {
    const auto& grid = r.get_array("grid");
    if (grid.size() != 2 || !grid[0].is_number_integer() || !grid[1].is_number_integer() ||
        grid[0].get<int>() < 1 || grid[1].get<int>() < 1) {
      r.fail("grid", "expected [rows, columns], two positive integers, got " + grid.dump());
    }
    o.rows = grid[0].get<int>();
    o.cols = grid[1].get<int>();
  }
  o.rest = r.find_string("rest").value_or("");
  return o;
}

}  // namespace

const StrategyDefinition& spatial_strategy() {
  static const StrategyDefinition definition{
      "spatial",
      "the first layers, \"through\" a layer, cut into a \"grid\" [rows, columns] of tiles "
      "with their halos, tile t on hosts[t mod hosts]; the rest of the network on \"rest\" "
      "(default: the fusion host)",
      [](JsonObjectReader& r) { return std::make_shared<SpatialConfig>(read_options(r)); }};
  return definition;
}

}  // namespace paradis
