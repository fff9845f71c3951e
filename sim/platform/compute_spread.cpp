#include "sim/platform/compute_spread.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "models/numeric/exact_text.h"

namespace paradis {
namespace {

// SplitMix64: a full-period 64-bit sequence, the same on every platform
// (std::uniform_real_distribution's output is the library's choice).
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// FNV-1a of the host's name: its own sequence under one seed.
std::uint64_t name_hash(const std::string& name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

const char* const kExpected =
    " (expected at least two ascending numbers > 0 separated by spaces: the quantiles of a "
    "computation's time over its modelled time, e.g. \"0.9 1 1.4\")";

}  // namespace

std::optional<ComputeSpread> parse_compute_spread(const char* text, std::string& error) {
  error.clear();
  if (text == nullptr) return std::nullopt;
  ComputeSpread spread;
  const char* at = text;
  for (;;) {
    while (*at == ' ') ++at;
    if (*at == '\0') break;
    char* end = nullptr;
    const double q = std::strtod(at, &end);
    if (end == at || (*end != ' ' && *end != '\0') || !std::isfinite(q) || q <= 0.0 ||
        (!spread.quantiles.empty() && q < spread.quantiles.back())) {
      error = std::string(kComputeSpread) + ": '" + text + "'" + kExpected;
      return std::nullopt;
    }
    spread.quantiles.push_back(q);
    at = end;
  }
  if (spread.quantiles.size() < 2) {
    error = std::string(kComputeSpread) + ": '" + text + "'" + kExpected;
    return std::nullopt;
  }
  return spread;
}

std::string compute_spread_text(const std::vector<double>& quantiles) {
  std::string text;
  for (double q : quantiles) text += (text.empty() ? "" : " ") + exact_text(q);
  return text;
}

double spread_factor(const ComputeSpread& spread, double u) {
  const std::vector<double>& q = spread.quantiles;
  const double at = u * static_cast<double>(q.size() - 1);
  const std::size_t k = std::min(static_cast<std::size_t>(at), q.size() - 2);
  const double f = at - static_cast<double>(k);
  return q[k] + (q[k + 1] - q[k]) * f;
}

double least_factor(const ComputeSpread& spread) { return spread.quantiles.front(); }

double mean_factor(const ComputeSpread& spread) {
  const std::vector<double>& q = spread.quantiles;
  double sum = 0.0;
  for (std::size_t k = 0; k + 1 < q.size(); ++k) sum += (q[k] + q[k + 1]) / 2.0;
  return sum / static_cast<double>(q.size() - 1);
}

namespace {

std::optional<ComputeSpread> host_spread(const HostInfo& host) {
  const auto it = host.properties.find(kComputeSpread);
  if (it == host.properties.end()) return std::nullopt;
  std::string error;
  return parse_compute_spread(it->second.c_str(), error);
}

}  // namespace

double least_compute_factor(const HostInfo& host) {
  const auto spread = host_spread(host);
  return spread ? least_factor(*spread) : 1.0;
}

double mean_compute_factor(const HostInfo& host) {
  const auto spread = host_spread(host);
  return spread ? mean_factor(*spread) : 1.0;
}

SpreadDraws::SpreadDraws(ComputeSpread spread, std::uint64_t seed, const std::string& host)
    : spread_(std::move(spread)), state_(seed ^ name_hash(host)) {}

double SpreadDraws::next_factor() {
  // The top 53 bits: a uniform double in [0, 1).
  const double u = static_cast<double>(splitmix64(state_) >> 11) * 0x1.0p-53;
  return spread_factor(spread_, u);
}

}  // namespace paradis
