#include "sim/testbed/machine_speed.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/numeric/median.h"
#include "sim/calibration/calibration_sweep.h"
#include "sim/cost/scaled_profile.h"
#include "sim/platform/compute_spread.h"
#include "sim/process/child_process.h"
#include "sim/testbed/pinned_exec.h"

namespace paradis {
namespace {

// Every host's probe, its forwards right after another, as chains the
// calibration's fit reads.
std::vector<ChainSample> chain_samples(const std::vector<HostSpeed>& hosts) {
  std::map<std::string, std::vector<Kernel>> kernels;
  for (const SweepCase& c : context_chains(/*quick=*/true))
    kernels[c.label] = sweep_case_kernels(c);
  std::vector<ChainSample> samples;
  for (const auto& h : hosts) {
    for (const auto& c : h.probe.at("chains")) {
      const std::string label = c.at("label").get<std::string>();
      if (!kernels.count(label))
        throw InputError("testbed: the speed probe timed an unknown chain " + label);
      samples.push_back(
          {label, kernels.at(label), c.at("back_to_back_ms").get<double>() * 1e-3});
    }
  }
  return samples;
}

// Chains longer than this (right after another forward) vary by more than
// the after-idle penalty between rounds; the penalty is read off the
// shorter ones.
constexpr double kPenaltyChainsUpTo = 5e-3;

// The median over a probe's short chains (all, when none is short) of the
// time a forward after the pause took beyond one right after another; at
// least 0.
double after_idle_penalty(const nlohmann::json& probe) {
  std::vector<double> all, short_ones;
  for (const auto& c : probe.at("chains")) {
    const double warm = c.at("back_to_back_ms").get<double>() * 1e-3;
    const double gap = c.at("measured_ms").get<double>() * 1e-3 - warm;
    all.push_back(gap);
    if (warm <= kPenaltyChainsUpTo) short_ones.push_back(gap);
  }
  if (all.empty()) return 0.0;
  return std::max(median(short_ones.empty() ? all : short_ones), 0.0);
}

constexpr const char* kForwardKinds[] = {"measured_samples_ms", "back_to_back_samples_ms"};

// Each chain's median forward, per kind (after the pause, back to back),
// over every host's probes: what the hosts' forwards are held against in
// their compute spread.
using ChainMedians = std::map<std::pair<std::string, std::string>, double>;

ChainMedians chain_medians(const std::vector<HostSpeed>& hosts) {
  std::map<std::pair<std::string, std::string>, std::vector<double>> times;
  for (const auto& h : hosts) {
    for (const auto& c : h.probe.at("chains")) {
      for (const char* kind : kForwardKinds) {
        const std::vector<double> t = c.at(kind).get<std::vector<double>>();
        auto& all = times[{c.at("label").get<std::string>(), kind}];
        all.insert(all.end(), t.begin(), t.end());
      }
    }
  }
  ChainMedians medians;
  for (const auto& [key, t] : times) {
    if (!t.empty()) medians[key] = median(t);
  }
  return medians;
}

// The mean of the sorted values between probabilities lo and hi, each
// value taking 1 / n of them.
double mean_between(const std::vector<double>& sorted, double lo, double hi) {
  const double n = static_cast<double>(sorted.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double overlap = std::min(hi, (i + 1) / n) - std::max(lo, i / n);
    if (overlap > 0.0) sum += sorted[i] * overlap;
  }
  return sum / (hi - lo);
}

// A forward's time over its chain's median over every probe and host, for
// every forward of both kinds of the probe's short chains (all, when none
// is short): how much the host's forwards of a few milliseconds vary, from
// one to the next, between the probes (the machine's state changes
// between rounds) and against the other hosts' (a slower core). Its
// quantiles every 1 % (finer at the tail than every 5 %, where a step from
// the p95 to the slowest forward would weigh on the mean), the two ends
// placed so that the draws of each end 1 % have the forwards' mean there:
// drawn linearly up to the slowest forward (up to 20 times the median, one
// in 18,000), the last 1 % would weigh (q99 + slowest) / 2, and the
// spread's mean lay up to 9 % above the forwards' (docs/fidelity.md).
std::vector<double> compute_spread(const nlohmann::json& probe, const ChainMedians& medians) {
  std::vector<double> all, short_ones;
  for (const auto& c : probe.at("chains")) {
    const bool is_short = c.at("back_to_back_ms").get<double>() * 1e-3 <= kPenaltyChainsUpTo;
    for (const char* kind : kForwardKinds) {
      const auto middle = medians.find({c.at("label").get<std::string>(), kind});
      if (middle == medians.end()) continue;
      for (double t : c.at(kind).get<std::vector<double>>()) {
        (is_short ? short_ones : all).push_back(t / middle->second);
      }
    }
  }
  std::vector<double>& ratios = short_ones.empty() ? all : short_ones;
  if (ratios.size() < 2) return {};
  std::sort(ratios.begin(), ratios.end());
  // The sorted ratios are quantiles at equally spaced probabilities.
  const ComputeSpread measured{std::move(ratios)};
  constexpr int kSteps = 100;
  std::vector<double> quantiles;
  for (int k = 0; k <= kSteps; ++k) {
    quantiles.push_back(spread_factor(measured, static_cast<double>(k) / kSteps));
  }
  const std::vector<double>& r = measured.quantiles;
  constexpr double kEnd = 1.0 / kSteps;
  const double q1 = quantiles[1], q99 = quantiles[kSteps - 1];
  quantiles.front() = std::clamp(2.0 * mean_between(r, 0.0, kEnd) - q1, r.front(), q1);
  quantiles.back() = std::max(2.0 * mean_between(r, 1.0 - kEnd, 1.0) - q99, q99);
  return quantiles;
}

HostSpeed host_speed(const std::string& host, nlohmann::json probe, double factor) {
  HostSpeed s;
  s.host = host;
  s.factor = factor;
  s.after_idle_penalty_s = after_idle_penalty(probe);
  s.probe = std::move(probe);
  return s;
}

// The hosts' speeds, each host's compute spread against every host's
// chains, and their chains fitted to the profile together.
MachineSpeed machine_speed(const DeviceProfile& profile, std::vector<HostSpeed> hosts) {
  const ChainMedians medians = chain_medians(hosts);
  for (auto& h : hosts) h.compute_spread = compute_spread(h.probe, medians);
  MachineSpeed speed;
  speed.fit = fit_in_network(profile, chain_samples(hosts));
  speed.hosts = std::move(hosts);
  return speed;
}

}  // namespace

MachineSpeed probe_machine_speed(const std::string& host_binary, const std::string& profile_file,
                                 const DeviceProfile& profile,
                                 const std::vector<std::string>& hosts, double pause_s,
                                 const std::string& work) {
  char pause_ms[32];
  std::snprintf(pause_ms, sizeof pause_ms, "%.6g", pause_s * 1e3);
  ChildPool pool;
  for (std::size_t k = 0; k < hosts.size(); ++k) {
    const std::vector<std::string> args = {host_binary,  "speed-probe",
                                           "--profile",  profile_file,
                                           "--pause-ms", pause_ms,
                                           "--threads",  "1",
                                           "--out",      work + "/speed_" + hosts[k] + ".json"};
    pool.start(k, [k, &host_binary, args] { return exec_pinned(k, host_binary, args); });
  }
  while (pool.running() > 0) {
    const ChildPool::Finished f = pool.wait_one();
    if (f.status != 0) {
      throw InputError("testbed: the speed probe of host " + hosts[f.tag] + " failed (status " +
                       std::to_string(f.status) + "): " + f.error_line);
    }
  }
  std::vector<HostSpeed> speeds;
  for (const auto& h : hosts) {
    nlohmann::json probe = nlohmann::json::parse(read_text_file(work + "/speed_" + h + ".json"));
    const double factor = probe.at("factor").get<double>();
    speeds.push_back(host_speed(h, std::move(probe), factor));
  }
  return machine_speed(profile, std::move(speeds));
}

MachineSpeed speed_around(const DeviceProfile& profile, const std::vector<MachineSpeed>& probes) {
  std::vector<HostSpeed> speeds;
  const MachineSpeed& first = probes.at(0);
  for (std::size_t k = 0; k < first.hosts.size(); ++k) {
    nlohmann::json probe = first.hosts[k].probe;
    double log_sum = std::log(first.hosts[k].factor);
    for (std::size_t p = 1; p < probes.size(); ++p) {
      const HostSpeed& h = probes[p].hosts.at(k);
      for (const auto& c : h.probe.at("chains")) probe["chains"].push_back(c);
      log_sum += std::log(h.factor);
    }
    speeds.push_back(host_speed(first.hosts[k].host, std::move(probe),
                                std::exp(log_sum / static_cast<double>(probes.size()))));
  }
  return machine_speed(profile, std::move(speeds));
}

DeviceProfile profile_at_speed(const DeviceProfile& profile, const MachineSpeed& speed,
                               const std::string& how) {
  std::size_t chains = 0;
  for (const auto& h : speed.hosts) chains += h.probe.at("chains").size();
  char text[256];
  std::snprintf(text, sizeof text,
                "; at the testbed's speed (%zu chains, each right after another forward): kernel "
                "time beyond the overhead x%.3f, overhead %.3f us (kept %.3f us), ",
                chains, speed.fit.scale, speed.fit.kernel_overhead * 1e6,
                profile.kernel_overhead.value * 1e6);
  DeviceProfile p =
      rescaled_device_profile(profile, speed.fit.scale, speed.fit.kernel_overhead, text + how);
  p.description += " Rescaled to this machine's speed at a testbed run: " + how + ".";
  return p;
}

nlohmann::json machine_speed_to_json(const MachineSpeed& speed) {
  nlohmann::json hosts = nlohmann::json::object();
  nlohmann::json penalty = nlohmann::json::object();
  nlohmann::json spread = nlohmann::json::object();
  for (const auto& h : speed.hosts) {
    hosts[h.host] = h.factor;
    penalty[h.host] = h.after_idle_penalty_s * 1e6;
    spread[h.host] = h.compute_spread;
  }
  return {{"scale", speed.fit.scale},
          {"kernel_overhead_us", speed.fit.kernel_overhead * 1e6},
          {"hosts", hosts},
          {"after_idle_penalty_us", penalty},
          {"compute_spread", spread}};
}

}  // namespace paradis
