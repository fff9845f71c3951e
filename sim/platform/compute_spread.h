#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/platform/platform_info.h"

namespace paradis {

// A host whose computations do not all take the time the model gives them:
// on a real machine one forward takes longer than the next (interrupts, the
// other core's work, frequency steps), and a request's p95 lies above its
// mean. Given by one host property,
//   compute_spread  "q0 q1 ... qn": n + 1 >= 2 ascending factors > 0, the
//                   quantiles of a computation's time over its modelled
//                   time at the probabilities 0, 1/n, ..., 1 (the testbed
//                   measures them, its two ends placed so that each end
//                   1 / n keeps its forwards' mean: docs/fidelity.md)
// each computation on the host takes its time x a factor drawn from that
// distribution (linear between the quantiles), the draws a fixed sequence
// per host from the workload's seed and the host's name.
struct ComputeSpread {
  std::vector<double> quantiles;
};

constexpr const char* kComputeSpread = "compute_spread";

// The distribution from the property's text (null: not given). Nothing
// when not given; `error` says what is wrong (and nothing is returned) when
// the text is not such a list.
std::optional<ComputeSpread> parse_compute_spread(const char* text, std::string& error);

// The property's text for `quantiles`, each number exactly.
std::string compute_spread_text(const std::vector<double>& quantiles);

// The factor at probability u in [0, 1]: the quantile function.
double spread_factor(const ComputeSpread& spread, double u);

// The least factor a draw can give (what a lower bound counts), and the
// mean of the draws (the integral of the piecewise-linear quantile
// function: what an estimate of the usual time counts).
double least_factor(const ComputeSpread& spread);
double mean_factor(const ComputeSpread& spread);

// The same for a host's `compute_spread` property: 1 for a host without
// one (or with one the platform check rejects, which it reports).
double least_compute_factor(const HostInfo& host);
double mean_compute_factor(const HostInfo& host);

// One host's draws: the same sequence for the same seed and host, whatever
// the other hosts draw.
class SpreadDraws {
 public:
  SpreadDraws(ComputeSpread spread, std::uint64_t seed, const std::string& host);
  double next_factor();
  const ComputeSpread& spread() const { return spread_; }

 private:
  ComputeSpread spread_;
  std::uint64_t state_;
};

}  // namespace paradis
