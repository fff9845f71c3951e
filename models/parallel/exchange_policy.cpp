#include "models/parallel/exchange_policy.h"

#include <algorithm>
#include <sstream>

#include "models/graph/switch.h"
#include "models/io/input_error.h"

namespace paradis {

std::string ExchangePolicy::exchanged_text() const {
  std::string names;
  for (const auto& l : exchanged) names += (names.empty() ? "" : "+") + l;
  return names.empty() ? "none" : names;
}

std::string ExchangePolicy::label() const {
  return std::to_string(parts) + " parts exchange " + exchanged_text();
}

bool ExchangePolicy::exchanges(const std::string& layer) const {
  return std::find(exchanged.begin(), exchanged.end(), layer) != exchanged.end();
}

namespace {

// The layer names of "pw2+pw4"; none for "none".
std::vector<std::string> exchanged_names(const std::string& text) {
  std::vector<std::string> names;
  if (text == "none") return names;
  std::stringstream in(text);
  for (std::string name; std::getline(in, name, '+');) names.push_back(name);
  return names;
}

}  // namespace

bool read_exchange_label(const std::string& label, ExchangePolicy& policy) {
  const std::string middle = " parts exchange ";
  const std::size_t at = label.find(middle);
  if (at == std::string::npos || at == 0) return false;
  const std::string parts = label.substr(0, at);
  if (parts.find_first_not_of("0123456789") != std::string::npos || parts.size() > 4) return false;
  const std::string names = label.substr(at + middle.size());
  if (names.empty()) return false;
  std::vector<std::string> exchanged = exchanged_names(names);
  if (std::find(exchanged.begin(), exchanged.end(), "") != exchanged.end()) return false;
  policy.parts = std::stoi(parts);
  policy.exchanged = std::move(exchanged);
  return true;
}

std::vector<std::size_t> exchange_points(const LayerGraph& graph) {
  // Every layer but the input is computed in parts (a layer reading the
  // input image computes its own slice of output channels from all of it).
  std::vector<std::size_t> points;
  for (std::size_t v : graph.topological_order()) {
    const Layer& l = graph.layer(v);
    const auto& from = graph.producers(v);
    const bool reads_split = std::any_of(from.begin(), from.end(), [&](std::size_t p) {
      return graph.layer(p).op != OpKind::input;
    });
    if (graph.stats(v).mixes_channels && reads_split && l.split_output) points.push_back(v);
  }
  return points;
}

namespace {

void check_parts(const LayerGraph& graph, int parts) {
  if (parts < 2) {
    throw InputError("exchange policy: at least 2 parts, got " + std::to_string(parts));
  }
  for (std::size_t v : exchange_points(graph)) {
    const int channels = graph.stats(graph.producers(v).at(0)).output_shape.channels;
    if (channels < parts) {
      throw InputError("exchange policy: " + std::to_string(parts) + " parts, but " +
                       graph.layer(v).name + " reads only " + std::to_string(channels) +
                       " channels");
    }
  }
}

std::string point_names(const LayerGraph& graph) {
  std::string names;
  for (std::size_t v : exchange_points(graph)) {
    names += (names.empty() ? "" : ", ") + graph.layer(v).name;
  }
  return names;
}

}  // namespace

ExchangePolicy parse_exchange_policy(const LayerGraph& graph, int parts,
                                     const std::string& exchanged) {
  check_parts(graph, parts);
  const std::vector<std::string> wanted = exchanged_names(exchanged);
  ExchangePolicy policy;
  policy.parts = parts;
  const std::vector<std::size_t> points = exchange_points(graph);
  for (const auto& name : wanted) {
    const bool known = std::any_of(points.begin(), points.end(),
                                   [&](std::size_t v) { return graph.layer(v).name == name; });
    if (!known) {
      throw InputError("exchange policy '" + exchanged + "': '" + name +
                       "' is not an exchange point of " + graph.name() + " (" +
                       point_names(graph) + ", or none)");
    }
  }
  for (std::size_t v : points) {
    const std::string& name = graph.layer(v).name;
    if (std::find(wanted.begin(), wanted.end(), name) != wanted.end()) {
      policy.exchanged.push_back(name);
    }
  }
  return policy;
}

ExchangePolicy exchange_everywhere(const LayerGraph& graph, int parts) {
  ExchangePolicy p{parts, {}};
  for (std::size_t v : exchange_points(graph)) p.exchanged.push_back(graph.layer(v).name);
  return p;
}

std::vector<ExchangePolicy> all_exchange_policies(const LayerGraph& graph, int parts,
                                                  std::size_t most) {
  check_parts(graph, parts);
  const std::vector<std::size_t> points = exchange_points(graph);
  if (points.size() >= 63 || (std::size_t{1} << points.size()) > most) {
    throw InputError(graph.name() + " has " + std::to_string(points.size()) +
                     " exchange points: more than " + std::to_string(most) + " policies");
  }
  std::vector<ExchangePolicy> policies;
  for (std::size_t mask = (std::size_t{1} << points.size()); mask-- > 0;) {
    ExchangePolicy p;
    p.parts = parts;
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (mask >> (points.size() - 1 - i) & 1U) p.exchanged.push_back(graph.layer(points[i]).name);
    }
    policies.push_back(p);
  }
  return policies;
}

std::int64_t exchange_bytes(const LayerGraph& graph, const ExchangePolicy& policy,
                            Precision precision) {
  std::int64_t bytes = 0;
  for (std::size_t v : exchange_points(graph)) {
    if (!policy.exchanges(graph.layer(v).name)) continue;
    for (std::size_t p : graph.producers(v)) {
      bytes += graph.stats(p).output_shape.elements() * element_bytes(precision) *
               (policy.parts - 1);
    }
  }
  return bytes;
}

ChannelRange exchange_part_range(int parts, int channels, std::size_t k) {
  return Switch::from_widths(std::vector<double>(static_cast<std::size_t>(parts), 1.0 / parts))
      .range(channels, k);
}

std::int64_t exchange_policy_macs(const LayerGraph& graph, const ExchangePolicy& policy) {
  std::int64_t macs = 0;
  for (std::size_t v = 0; v < graph.size(); ++v) macs += graph.stats(v).counts.macs;
  for (std::size_t v : exchange_points(graph)) {
    if (policy.exchanges(graph.layer(v).name)) continue;
    const int out = graph.stats(v).output_shape.channels;
    const int in = graph.stats(v).input_shapes.at(0).channels;
    const std::int64_t per_pair = graph.stats(v).counts.macs / (static_cast<std::int64_t>(out) * in);
    std::int64_t kept = 0;
    for (std::size_t k = 0; k < static_cast<std::size_t>(policy.parts); ++k) {
      kept += static_cast<std::int64_t>(exchange_part_range(policy.parts, out, k).size()) *
              exchange_part_range(policy.parts, in, k).size();
    }
    macs -= per_pair * (static_cast<std::int64_t>(out) * in - kept);
  }
  return macs;
}

SubnetworkProfile exchange_part_profile(const LayerGraph& graph, const ExchangePolicy& policy,
                                        std::size_t k, Precision precision) {
  const Switch parts =
      Switch::from_widths(std::vector<double>(static_cast<std::size_t>(policy.parts), 1.0 / policy.parts));
  SubnetworkProfile sub = profile_switch(graph, parts, precision).subnetworks.at(k);
  for (auto& sl : sub.layers) {
    const Layer& l = graph.layer(sl.layer);
    if (!sl.computed || !graph.stats(sl.layer).mixes_channels || !policy.exchanges(l.name)) continue;
    // Each output channel now reads every input channel: the full layer's
    // counts per output channel, times the part's output channels.
    const LayerStats& full = graph.stats(sl.layer);
    const std::int64_t out = sl.output_shape.channels;
    resize_part_layer(sub, sl, full.counts.macs / full.output_shape.channels * out,
                      full.counts.params / full.output_shape.channels * out, full.input_shapes,
                      precision);
  }
  return sub;
}

PartExchange exchange_policy_parts(const LayerGraph& graph, const ExchangePolicy& policy,
                                   Precision precision) {
  PartExchange out;
  out.label = policy.label();
  const auto n = static_cast<std::size_t>(policy.parts);
  for (std::size_t k = 0; k < n; ++k) {
    out.parts.push_back(exchange_part_profile(graph, policy, k, precision));
  }
  for (std::size_t v : exchange_points(graph)) {
    if (!policy.exchanges(graph.layer(v).name)) continue;
    for (std::size_t p : graph.producers(v)) {
      const TensorShape shape = graph.stats(p).output_shape;
      TensorExchange e{v, p, std::vector<std::vector<std::int64_t>>(n, std::vector<std::int64_t>(n))};
      for (std::size_t from = 0; from < n; ++from) {
        const std::int64_t slice = exchange_part_range(policy.parts, shape.channels, from).size() *
                                   static_cast<std::int64_t>(shape.height) * shape.width *
                                   element_bytes(precision);
        for (std::size_t to = 0; to < n; ++to) e.bytes[from][to] = from == to ? 0 : slice;
      }
      out.exchanges.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace paradis
