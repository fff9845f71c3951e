#include "sim/estimate/latency_bound.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "sim/platform/compute_spread.h"

namespace paradis {
namespace {

// Each host's least spread factor, read once per bound, not once per task.
using HostFactors = std::map<std::string, double>;

HostFactors least_factors(const PlatformInfo& platform) {
  HostFactors factors;
  for (const HostInfo& host : platform.hosts) factors[host.name] = least_compute_factor(host);
  return factors;
}

double compute_seconds(const Task& t, const PlatformInfo& platform, const HostFactors& least) {
  const HostInfo* host = platform.find(t.host);
  if (!host || host->speed <= 0.0) return 0.0;
  const int cores = std::clamp(t.threads, 1, std::max(1, host->cores));
  return t.amount * least.at(t.host) / (host->speed * cores);
}

double transfer_seconds(const Task& t, const PlatformInfo& platform, const LinkFactors& f) {
  return transfer_alone_seconds(platform, t.host, t.to, t.amount, f);
}

// The longest path of the tasks request `request` runs.
double longest_path(const TaskGraph& plan, const PlatformInfo& platform, const HostFactors& least,
                    bool computations, bool transfers, const LinkFactors& f,
                    std::int64_t request) {
  std::vector<double> finish(plan.tasks.size(), 0.0);
  double longest = 0.0;
  for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
    if (!plan.runs(request, i)) continue;
    const Task& t = plan.tasks[i];
    double start = 0.0;
    for (std::size_t before : t.after) start = std::max(start, finish[before]);
    double own = 0.0;
    if (t.kind == Task::Kind::compute && computations) own = compute_seconds(t, platform, least);
    if (t.kind == Task::Kind::transfer && transfers) own = transfer_seconds(t, platform, f);
    finish[i] = start + own;
    longest = std::max(longest, finish[i]);
  }
  return longest;
}

// Over the replicas, the shortest: some request may take that one.
double longest_path(const TaskGraph& plan, const PlatformInfo& platform, bool computations,
                    bool transfers, const LinkFactors& f) {
  const HostFactors least = least_factors(platform);
  double shortest = longest_path(plan, platform, least, computations, transfers, f, 0);
  for (int k = 1; k < plan.replicas; ++k) {
    shortest =
        std::min(shortest, longest_path(plan, platform, least, computations, transfers, f, k));
  }
  return shortest;
}

}  // namespace

// A route the platform does not describe bounds nothing.
double transfer_alone_seconds(const PlatformInfo& platform, const std::string& from,
                              const std::string& to, double bytes, const LinkFactors& f) {
  const RouteInfo* route = from == to ? nullptr : platform.route(from, to);
  if (!route) return 0.0;
  const double rate = route->bandwidth > 0.0 ? bytes / (route->bandwidth * f.bandwidth) : 0.0;
  return route->latency * f.latency + rate;
}

LinkFactors link_factors(NetworkModel model) {
  return model == NetworkModel::LV08 ? LinkFactors{13.01, 0.97} : LinkFactors{};
}

double latency_lower_bound(const TaskGraph& plan, const PlatformInfo& platform,
                           const LinkFactors& factors) {
  return longest_path(plan, platform, true, true, factors);
}

double compute_lower_bound(const TaskGraph& plan, const PlatformInfo& platform) {
  return longest_path(plan, platform, true, false, {});
}

double transfer_lower_bound(const TaskGraph& plan, const PlatformInfo& platform,
                            const LinkFactors& factors) {
  return longest_path(plan, platform, false, true, factors);
}

}  // namespace paradis
