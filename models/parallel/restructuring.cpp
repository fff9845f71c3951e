#include "models/parallel/restructuring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <random>

#include "models/io/input_error.h"
#include "models/parallel/exchange_policy.h"

namespace paradis {
namespace {

using Assignment = std::vector<int>;

bool is_writer(const LayerGraph& graph, std::size_t v) {
  const Layer& l = graph.layer(v);
  return (l.op == OpKind::conv || l.op == OpKind::linear) && l.split_output &&
         graph.stats(v).mixes_channels;
}

// The writer whose channels tensor `u` carries.
std::size_t writer_of_tensor(const LayerGraph& graph, std::size_t u) {
  for (;;) {
    if (is_writer(graph, u)) return u;
    const Layer& l = graph.layer(u);
    if (l.op == OpKind::input) {
      throw InputError("restructuring: " + graph.layer(u).name +
                       " is the input image, which every part reads whole");
    }
    if (l.op == OpKind::concat) {
      throw InputError("restructuring: " + l.name + " concatenates channels of several "
                       "layers; only networks without concat can be restructured");
    }
    u = graph.producers(u).at(0);
  }
}

// Writers in topological order, each with the index of its group: writers
// whose tensors an add joins share one assignment.
struct Groups {
  std::vector<std::size_t> writers;
  std::map<std::size_t, std::size_t> group_of;  // writer -> group
  std::size_t count = 0;
};

Groups writer_groups(const LayerGraph& graph) {
  Groups g;
  std::map<std::size_t, std::size_t> parent;
  const auto root = [&](std::size_t w) {
    while (parent[w] != w) w = parent[w] = parent[parent[w]];
    return w;
  };
  for (std::size_t v : graph.topological_order()) {
    if (is_writer(graph, v)) {
      g.writers.push_back(v);
      parent[v] = v;
    }
  }
  for (std::size_t v : graph.topological_order()) {
    if (graph.layer(v).op != OpKind::add) continue;
    const std::size_t first = root(writer_of_tensor(graph, graph.producers(v).at(0)));
    for (std::size_t p : graph.producers(v)) {
      const std::size_t r = root(writer_of_tensor(graph, p));
      if (r != first) parent[std::max(r, first)] = std::min(r, first);
    }
  }
  std::map<std::size_t, std::size_t> index_of_root;
  for (std::size_t w : g.writers) {
    const std::size_t r = root(w);
    if (!index_of_root.count(r)) index_of_root[r] = g.count++;
    g.group_of[w] = index_of_root[r];
  }
  return g;
}

int channels_of(const LayerGraph& graph, std::size_t writer) {
  return graph.stats(writer).output_shape.channels;
}

// Contiguous ranges: part k of switch P x 1/P.
Assignment plain_split(int parts, int channels) {
  Assignment a(static_cast<std::size_t>(channels));
  for (int k = 0; k < parts; ++k) {
    const ChannelRange r = exchange_part_range(parts, channels, static_cast<std::size_t>(k));
    for (int c = r.begin; c < r.end; ++c) a[static_cast<std::size_t>(c)] = k;
  }
  return a;
}

const ChannelMass& mass_of(const std::map<std::string, ChannelMass>& mass, const LayerGraph& graph,
                           std::size_t v) {
  const auto it = mass.find(graph.layer(v).name);
  if (it == mass.end()) throw InputError("restructuring: no weights for " + graph.layer(v).name);
  const int out = graph.stats(v).output_shape.channels;
  const int in = graph.stats(v).input_shapes.at(0).channels;
  if (it->second.out != out || it->second.in != in ||
      it->second.values.size() != static_cast<std::size_t>(out) * in) {
    throw InputError("restructuring: the weights of " + graph.layer(v).name + " are " +
                     std::to_string(it->second.out) + " x " + std::to_string(it->second.in) +
                     ", expected " + std::to_string(out) + " x " + std::to_string(in));
  }
  return it->second;
}

// The mass of `m` whose output and input channels are of one part.
double mass_inside(const ChannelMass& m, const std::vector<int>& in, const std::vector<int>& out) {
  double sum = 0.0;
  for (int o = 0; o < m.out; ++o) {
    for (int i = 0; i < m.in; ++i) {
      if (out[static_cast<std::size_t>(o)] == in[static_cast<std::size_t>(i)]) sum += m.at(o, i);
    }
  }
  return sum;
}

// The minimum-cost assignment of rows to columns of a square matrix
// (Hungarian method, O(n^3)): column of every row.
std::vector<int> hungarian(const std::vector<std::vector<double>>& cost) {
  const std::size_t n = cost.size();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1), v(n + 1);
  std::vector<std::size_t> p(n + 1), way(n + 1);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::vector<double> minv(n + 1, inf);
    std::vector<bool> used(n + 1, false);
    do {
      used[j0] = true;
      const std::size_t i0 = p[j0];
      double delta = inf;
      std::size_t j1 = 0;
      for (std::size_t j = 1; j <= n; ++j) {
        if (used[j]) continue;
        const double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (std::size_t j = 0; j <= n; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> column(n);
  for (std::size_t j = 1; j <= n; ++j) column[p[j] - 1] = static_cast<int>(j - 1);
  return column;
}

struct Problem {
  const LayerGraph& graph;
  const std::map<std::string, ChannelMass>& mass;
  int parts;
  Groups groups;
  std::vector<std::size_t> points;
  std::vector<Assignment> assignment;  // per group

  const Assignment& of_writer(std::size_t w) const { return assignment[groups.group_of.at(w)]; }
  std::size_t reads(std::size_t point) const {
    return groups.group_of.at(channel_writer(graph, point));
  }
  std::size_t writes(std::size_t point) const { return groups.group_of.at(point); }

  double diagonal() const {
    double sum = 0.0;
    for (std::size_t v : points) {
      sum += mass_inside(mass_of(mass, graph, v), assignment[reads(v)], assignment[writes(v)]);
    }
    return sum;
  }

  // What group g's channels gain in each part, every other group held.
  std::vector<std::vector<double>> affinity(std::size_t g, int channels) const {
    std::vector<std::vector<double>> a(static_cast<std::size_t>(channels),
                                       std::vector<double>(static_cast<std::size_t>(parts)));
    for (std::size_t v : points) {
      const ChannelMass& m = mass_of(mass, graph, v);
      const std::size_t r = reads(v);
      const std::size_t w = writes(v);
      if (r == w) continue;  // inside one group: nothing to align
      if (w == g) {
        for (int o = 0; o < m.out; ++o) {
          for (int i = 0; i < m.in; ++i) {
            a[static_cast<std::size_t>(o)][static_cast<std::size_t>(assignment[r][static_cast<std::size_t>(i)])] += m.at(o, i);
          }
        }
      } else if (r == g) {
        for (int o = 0; o < m.out; ++o) {
          for (int i = 0; i < m.in; ++i) {
            a[static_cast<std::size_t>(i)][static_cast<std::size_t>(assignment[w][static_cast<std::size_t>(o)])] += m.at(o, i);
          }
        }
      }
    }
    return a;
  }

  // The best assignment of group g with the others held.
  Assignment best(std::size_t g) const {
    const auto n = static_cast<int>(assignment[g].size());
    const auto a = affinity(g, n);
    const Assignment slot_part = plain_split(parts, n);
    std::vector<std::vector<double>> cost(static_cast<std::size_t>(n),
                                          std::vector<double>(static_cast<std::size_t>(n)));
    for (std::size_t c = 0; c < cost.size(); ++c) {
      for (std::size_t s = 0; s < cost.size(); ++s) cost[c][s] = -a[c][static_cast<std::size_t>(slot_part[s])];
    }
    const std::vector<int> slot = hungarian(cost);
    Assignment out(static_cast<std::size_t>(n));
    for (std::size_t c = 0; c < out.size(); ++c) out[c] = slot_part[static_cast<std::size_t>(slot[c])];
    return out;
  }
};

std::string percent_text(double fraction) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", std::round(fraction * 1e6) / 1e4);
  return text;
}

}  // namespace

std::string Restructuring::configuration() const {
  return "repurpose " + percent_text(budget) + " %";
}

std::string Restructuring::label() const {
  return std::to_string(parts) + " parts " + configuration();
}

std::size_t channel_writer(const LayerGraph& graph, std::size_t layer) {
  return writer_of_tensor(graph, graph.producers(layer).at(0));
}

namespace {

void partition(Problem& problem) {
  double current = problem.diagonal();
  for (int sweep = 0; sweep < 100; ++sweep) {
    const double before = current;
    for (std::size_t g = 0; g < problem.groups.count; ++g) {
      Assignment old = problem.assignment[g];
      problem.assignment[g] = problem.best(g);
      const double now = problem.diagonal();
      if (now > current + 1e-12 * std::abs(current)) {
        current = now;
      } else {
        problem.assignment[g] = std::move(old);
      }
    }
    if (!(current > before)) break;
  }
}

// A balanced assignment of group sizes as the plain split's, shuffled
// (Fisher-Yates on a seeded generator: the same on every platform).
Assignment shuffled(const Assignment& plain, std::mt19937_64& rng) {
  Assignment a = plain;
  for (std::size_t i = a.size(); i > 1; --i) std::swap(a[i - 1], a[rng() % i]);
  return a;
}

// Coordinate ascent from the plain split and from a few shuffled starts
// (the plain split can sit on a saddle where every single tensor's move
// ties); the start that ends with the most mass inside the parts wins.
void partition_from_starts(Problem& problem) {
  constexpr int kShuffledStarts = 4;
  const std::vector<Assignment> plain = problem.assignment;
  partition(problem);
  std::vector<Assignment> best = problem.assignment;
  double best_mass = problem.diagonal();
  std::mt19937_64 rng(1);
  for (int start = 0; start < kShuffledStarts; ++start) {
    for (std::size_t g = 0; g < plain.size(); ++g) problem.assignment[g] = shuffled(plain[g], rng);
    partition(problem);
    const double mass = problem.diagonal();
    if (mass > best_mass) {
      best_mass = mass;
      best = problem.assignment;
    }
  }
  problem.assignment = best;
}

struct Link {
  std::size_t point;
  int channel;
  int part;
  double value_per_element;
  std::int64_t elements;
};

std::int64_t spatial_of(const LayerGraph& graph, std::size_t point) {
  const TensorShape s = graph.stats(point).input_shapes.at(0);
  return static_cast<std::int64_t>(s.height) * s.width;
}

void prune(Problem& problem, Restructuring& r, double budget) {
  const LayerGraph& graph = problem.graph;
  std::vector<Link> links;
  std::int64_t all_gather = 0;
  for (std::size_t v : problem.points) {
    const ChannelMass& m = mass_of(problem.mass, graph, v);
    const Assignment& in = problem.assignment[problem.reads(v)];
    const Assignment& out = problem.assignment[problem.writes(v)];
    const double total = std::accumulate(m.values.begin(), m.values.end(), 0.0);
    const double scale = total > 0.0 ? total : 1.0;
    const std::int64_t spatial = spatial_of(graph, v);
    all_gather += static_cast<std::int64_t>(m.in) * spatial * (problem.parts - 1);
    for (int i = 0; i < m.in; ++i) {
      std::vector<double> value(static_cast<std::size_t>(problem.parts));
      for (int o = 0; o < m.out; ++o) value[static_cast<std::size_t>(out[static_cast<std::size_t>(o)])] += m.at(o, i);
      for (int q = 0; q < problem.parts; ++q) {
        if (q == in[static_cast<std::size_t>(i)]) continue;
        links.push_back({v, i, q, value[static_cast<std::size_t>(q)] / scale / static_cast<double>(spatial), spatial});
      }
    }
    r.readers[graph.layer(v).name].assign(static_cast<std::size_t>(m.in), 0);
  }
  std::stable_sort(links.begin(), links.end(), [](const Link& a, const Link& b) {
    return a.value_per_element > b.value_per_element;
  });
  const double allowed = budget * static_cast<double>(all_gather);
  std::int64_t used = 0;
  for (const Link& l : links) {
    if (static_cast<double>(used + l.elements) > allowed * (1.0 + 1e-12)) continue;
    used += l.elements;
    r.readers[graph.layer(l.point).name][static_cast<std::size_t>(l.channel)] |= 1U << l.part;
  }
}

}  // namespace

Restructuring restructure(const LayerGraph& graph, const std::map<std::string, ChannelMass>& mass,
                          int parts, double budget) {
  if (parts < 2 || parts > 32) {
    throw InputError("restructuring: 2 to 32 parts, got " + std::to_string(parts));
  }
  if (!(budget >= 0.0 && budget <= 1.0)) {
    throw InputError("restructuring: the budget is a fraction in [0, 1], got " +
                     std::to_string(budget));
  }
  Problem problem{graph, mass, parts, writer_groups(graph), exchange_points(graph), {}};
  for (std::size_t w : problem.groups.writers) {
    const std::size_t g = problem.groups.group_of.at(w);
    if (g < problem.assignment.size()) continue;
    if (channels_of(graph, w) < parts) {
      throw InputError("restructuring: " + graph.layer(w).name + " has " +
                       std::to_string(channels_of(graph, w)) + " channels, fewer than " +
                       std::to_string(parts) + " parts");
    }
    problem.assignment.push_back(plain_split(parts, channels_of(graph, w)));
  }
  partition_from_starts(problem);
  Restructuring r;
  r.network = graph.name();
  r.parts = parts;
  r.budget = budget;
  for (std::size_t w : problem.groups.writers) r.part_of[graph.layer(w).name] = problem.of_writer(w);
  prune(problem, r, budget);
  return r;
}

Restructuring plain_split_restructuring(const LayerGraph& graph, int parts) {
  Restructuring r;
  r.network = graph.name();
  r.parts = parts;
  for (std::size_t w : writer_groups(graph).writers) {
    r.part_of[graph.layer(w).name] = plain_split(parts, channels_of(graph, w));
  }
  for (std::size_t v : exchange_points(graph)) {
    r.readers[graph.layer(v).name].assign(
        static_cast<std::size_t>(graph.stats(v).input_shapes.at(0).channels), 0);
  }
  return r;
}

void check_restructuring(const LayerGraph& graph, const Restructuring& r, const std::string& file) {
  const auto fail = [&](const std::string& message) {
    throw InputError(file + ": " + message);
  };
  if (r.network != graph.name()) fail("a restructuring of " + r.network + ", not " + graph.name());
  if (r.parts < 2 || r.parts > 32) fail("2 to 32 parts, got " + std::to_string(r.parts));
  const Groups groups = writer_groups(graph);
  std::map<std::size_t, const std::vector<int>*> first_of_group;
  for (std::size_t w : groups.writers) {
    const std::string& name = graph.layer(w).name;
    const auto it = r.part_of.find(name);
    if (it == r.part_of.end()) fail("part_of." + name + ": missing (the part of each channel)");
    const int channels = channels_of(graph, w);
    if (static_cast<int>(it->second.size()) != channels) {
      fail("part_of." + name + ": " + std::to_string(it->second.size()) + " channels, expected " +
           std::to_string(channels));
    }
    std::vector<int> count(static_cast<std::size_t>(r.parts));
    for (int p : it->second) {
      if (p < 0 || p >= r.parts) fail("part_of." + name + ": part " + std::to_string(p) + " of " + std::to_string(r.parts));
      ++count[static_cast<std::size_t>(p)];
    }
    for (int k = 0; k < r.parts; ++k) {
      const int expected = exchange_part_range(r.parts, channels, static_cast<std::size_t>(k)).size();
      if (count[static_cast<std::size_t>(k)] != expected) {
        fail("part_of." + name + ": part " + std::to_string(k) + " has " +
             std::to_string(count[static_cast<std::size_t>(k)]) + " channels, expected " +
             std::to_string(expected) + " (switch " + std::to_string(r.parts) + " x 1/" +
             std::to_string(r.parts) + ")");
      }
    }
    const std::vector<int>*& first = first_of_group[groups.group_of.at(w)];
    if (first && *first != it->second) fail("part_of." + name + ": an add joins it to a tensor assigned otherwise");
    if (!first) first = &it->second;
  }
  if (r.part_of.size() != groups.writers.size()) fail("part_of: names a layer that writes no split tensor");
  const std::vector<std::size_t> points = exchange_points(graph);
  for (std::size_t v : points) {
    const std::string& name = graph.layer(v).name;
    const auto it = r.readers.find(name);
    if (it == r.readers.end()) fail("readers." + name + ": missing (the parts reading each channel)");
    const std::vector<int>& in = r.part_of.at(graph.layer(channel_writer(graph, v)).name);
    if (it->second.size() != in.size()) {
      fail("readers." + name + ": " + std::to_string(it->second.size()) + " channels, expected " +
           std::to_string(in.size()));
    }
    const std::uint32_t all = r.parts >= 32 ? ~0U : (1U << r.parts) - 1U;
    for (std::size_t i = 0; i < in.size(); ++i) {
      const std::uint32_t own = 1U << in[i];
      if ((it->second[i] & own) || (it->second[i] & ~all)) {
        fail("readers." + name + "[" + std::to_string(i) + "]: " + std::to_string(it->second[i]) +
             " names its own part or a part beyond " + std::to_string(r.parts));
      }
    }
  }
  if (r.readers.size() != points.size()) fail("readers: names a layer that is no exchange point");
}

double diagonal_share(const LayerGraph& graph, const Restructuring& r,
                      const std::map<std::string, ChannelMass>& mass) {
  double inside = 0.0;
  double total = 0.0;
  for (std::size_t v : exchange_points(graph)) {
    const ChannelMass& m = mass_of(mass, graph, v);
    total += std::accumulate(m.values.begin(), m.values.end(), 0.0);
    inside += mass_inside(m, r.part_of.at(graph.layer(channel_writer(graph, v)).name),
                          r.part_of.at(graph.layer(v).name));
  }
  return total > 0.0 ? inside / total : 1.0;
}

namespace {

// Channels part `from` sends part `to` before `point`.
std::vector<std::vector<std::int64_t>> sent_channels(const LayerGraph& graph,
                                                     const Restructuring& r, std::size_t point) {
  const auto n = static_cast<std::size_t>(r.parts);
  std::vector<std::vector<std::int64_t>> sent(n, std::vector<std::int64_t>(n));
  const std::vector<int>& in = r.part_of.at(graph.layer(channel_writer(graph, point)).name);
  const std::vector<std::uint32_t>& readers = r.readers.at(graph.layer(point).name);
  for (std::size_t i = 0; i < in.size(); ++i) {
    for (std::size_t q = 0; q < n; ++q) {
      if (readers[i] >> q & 1U) ++sent[static_cast<std::size_t>(in[i])][q];
    }
  }
  return sent;
}

std::vector<std::int64_t> part_sizes(const std::vector<int>& assignment, int parts) {
  std::vector<std::int64_t> size(static_cast<std::size_t>(parts));
  for (int p : assignment) ++size[static_cast<std::size_t>(p)];
  return size;
}

}  // namespace

std::int64_t restructured_bytes(const LayerGraph& graph, const Restructuring& r,
                                Precision precision) {
  std::int64_t bytes = 0;
  for (std::size_t v : exchange_points(graph)) {
    for (const auto& row : sent_channels(graph, r, v)) {
      for (std::int64_t c : row) bytes += c * spatial_of(graph, v) * element_bytes(precision);
    }
  }
  return bytes;
}

namespace {

// Channels part q reads from the other parts (sent_channels' column q).
std::int64_t received_by(const std::vector<std::vector<std::int64_t>>& sent, std::size_t q) {
  std::int64_t n = 0;
  for (std::size_t p = 0; p < sent.size(); ++p) n += p == q ? 0 : sent[p][q];
  return n;
}

}  // namespace

std::int64_t restructured_macs(const LayerGraph& graph, const Restructuring& r) {
  std::int64_t macs = 0;
  for (std::size_t v = 0; v < graph.size(); ++v) macs += graph.stats(v).counts.macs;
  for (std::size_t v : exchange_points(graph)) {
    const LayerStats& s = graph.stats(v);
    const std::int64_t pairs = static_cast<std::int64_t>(s.output_shape.channels) * s.input_shapes.at(0).channels;
    // Weight pairs kept: each part's outputs by its own and its received inputs.
    const auto sent = sent_channels(graph, r, v);
    const auto in = part_sizes(r.part_of.at(graph.layer(channel_writer(graph, v)).name), r.parts);
    const auto out = part_sizes(r.part_of.at(graph.layer(v).name), r.parts);
    std::int64_t kept = 0;
    for (std::size_t q = 0; q < sent.size(); ++q) kept += out[q] * (in[q] + received_by(sent, q));
    macs -= s.counts.macs / pairs * (pairs - kept);
  }
  return macs;
}

PartExchange restructured_parts(const LayerGraph& graph, const Restructuring& r,
                                Precision precision) {
  const auto n = static_cast<std::size_t>(r.parts);
  PartExchange out;
  out.label = r.label();
  out.parts = profile_switch(graph, Switch::from_widths(std::vector<double>(n, 1.0 / r.parts)),
                             precision)
                  .subnetworks;
  const std::int64_t element = element_bytes(precision);
  for (std::size_t v : exchange_points(graph)) {
    const auto sent = sent_channels(graph, r, v);
    TensorExchange e{v, graph.producers(v).at(0), sent};
    for (auto& row : e.bytes) {
      for (auto& b : row) b *= spatial_of(graph, v) * element;
    }
    out.exchanges.push_back(std::move(e));
    const LayerStats& full = graph.stats(v);
    const std::int64_t pairs = static_cast<std::int64_t>(full.output_shape.channels) * full.input_shapes.at(0).channels;
    const std::int64_t bias = graph.layer(v).bias ? full.output_shape.channels : 0;
    for (std::size_t q = 0; q < n; ++q) {
      SubnetworkProfile& sub = out.parts[q];
      for (auto& sl : sub.layers) {
        if (sl.layer != v || !sl.computed) continue;
        const std::int64_t received = received_by(sent, q);
        if (received == 0) continue;
        const std::int64_t kept =
            sl.output_shape.channels * (sl.input_shapes.at(0).channels + received);
        std::vector<TensorShape> inputs = sl.input_shapes;
        inputs.at(0).channels += static_cast<int>(received);
        resize_part_layer(sub, sl, full.counts.macs / pairs * kept,
                          (full.counts.params - bias) / pairs * kept +
                              (bias > 0 ? sl.output_shape.channels : 0),
                          inputs, precision);
      }
    }
  }
  return out;
}

}  // namespace paradis
