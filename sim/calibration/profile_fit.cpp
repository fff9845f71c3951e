#include "sim/calibration/profile_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <tuple>

#include "models/io/input_error.h"
#include "models/numeric/median.h"
#include "sim/cost/scaled_profile.h"

namespace paradis {
namespace {

bool computes_macs(const std::string& op_class) {
  return op_class != "elementwise" && op_class != "pooling";
}

double flops_of(const CalibrationSample& s) { return std::max(s.flops, s.work); }

// (work, efficiency): the median efficiency of the samples in each half
// decade of work, at their geometric mean work.
EfficiencyCurve::Points median_curve(
    const std::vector<const CalibrationSample*>& samples,
    const std::function<double(const CalibrationSample&)>& efficiency_of) {
  std::map<int, std::pair<std::vector<double>, std::vector<double>>> bins;
  for (const auto* s : samples) {
    const int bin = static_cast<int>(std::floor(2.0 * std::log10(std::max(s->work, 1.0))));
    bins[bin].first.push_back(std::log(std::max(s->work, 1.0)));
    bins[bin].second.push_back(efficiency_of(*s));
  }
  EfficiencyCurve::Points points;
  for (const auto& [bin, values] : bins) {
    double log_work = 0.0;
    for (double w : values.first) log_work += w;
    log_work /= static_cast<double>(values.first.size());
    points.emplace_back(std::exp(log_work), median(values.second));
  }
  return points;
}

using EfficiencyOf = std::function<double(const CalibrationSample&)>;

// One class's curves: the median per half decade of work over all its
// samples, and the same per output size where it was measured at several.
std::pair<EfficiencyCurve::Points, EfficiencyCurve::BySide> fit_curves(
    const std::vector<const CalibrationSample*>& members, const EfficiencyOf& efficiency_of) {
  EfficiencyCurve::Points points = median_curve(members, efficiency_of);
  std::map<double, std::vector<const CalibrationSample*>> by_side;
  for (const auto* s : members) {
    if (s->side > 0.0) by_side[s->side].push_back(s);
  }
  EfficiencyCurve::BySide sides;
  // Sizes with a curve of their own: measured at two works or more.
  for (const auto& [side, at_side] : by_side) {
    if (at_side.size() >= 2) sides.emplace_back(side, median_curve(at_side, efficiency_of));
  }
  if (sides.size() < 2) sides.clear();  // nothing to tell sizes apart
  return {std::move(points), std::move(sides)};
}

// How far curves fitted to `members` miss them: the sum of squared log
// ratios of predicted to measured efficiency, each weighted by its FLOPs (a
// kernel counts as much as the time it takes in a network, roughly; the
// tiniest kernels' ratios are mostly noise).
double misfit(const std::vector<const CalibrationSample*>& members,
              const EfficiencyOf& efficiency_of) {
  EfficiencyCurve curve;
  std::tie(curve.points, curve.by_side) = fit_curves(members, efficiency_of);
  double sum = 0.0;
  for (const auto* s : members) {
    const double miss = std::log(curve.at(std::max(s->work, 1.0), s->side) / efficiency_of(*s));
    sum += flops_of(*s) * miss * miss;
  }
  return sum;
}

// `members` with at most, and more than, `above` input elements.
std::pair<std::vector<const CalibrationSample*>, std::vector<const CalibrationSample*>>
split_at_input_size(const std::vector<const CalibrationSample*>& members, double above) {
  std::pair<std::vector<const CalibrationSample*>, std::vector<const CalibrationSample*>> parts;
  for (const auto* s : members)
    (s->input_elements > above ? parts.second : parts.first).push_back(s);
  return parts;
}

// Where the runtime switches the class to another implementation by input
// size (EfficiencyCurve::LargeInput): the input elements above which the
// samples' efficiencies follow curves of their own, where one set of curves
// misses them by more than 5 % (root mean square of the log ratio) and
// splitting them there cuts that misfit by a quarter at least, with enough
// samples on each side to fit. None where no split does so, or where some
// sample's input size was not recorded.
constexpr std::size_t kMinSamplesPerImplementation = 8;
constexpr double kLeastMissToSplit = 0.05;
constexpr double kSwitchMisfitRatio = 0.75;

std::optional<double> implementation_switch(const std::vector<const CalibrationSample*>& members,
                                            const EfficiencyOf& efficiency_of) {
  std::vector<double> sizes;
  for (const auto* s : members) {
    if (!(s->input_elements > 0.0)) return std::nullopt;  // not recorded
    sizes.push_back(s->input_elements);
  }
  std::sort(sizes.begin(), sizes.end());
  sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
  const double whole = misfit(members, efficiency_of);
  double best = whole;
  std::optional<double> above;
  for (std::size_t i = 0; i + 1 < sizes.size(); ++i) {
    const auto [small, large] = split_at_input_size(members, sizes[i]);
    if (small.size() < kMinSamplesPerImplementation || large.size() < kMinSamplesPerImplementation)
      continue;
    const double split = misfit(small, efficiency_of) + misfit(large, efficiency_of);
    if (split < best) {
      best = split;
      above = std::sqrt(sizes[i] * sizes[i + 1]);
    }
  }
  double weight = 0.0;
  for (const auto* s : members) weight += flops_of(*s);
  if (!above || !(std::sqrt(whole / weight) > kLeastMissToSplit) ||
      best > kSwitchMisfitRatio * whole) {
    return std::nullopt;
  }
  return above;
}

}  // namespace

DeviceProfile fit_device_profile(const std::vector<CalibrationSample>& samples,
                                 const FitSettings& settings) {
  if (samples.empty()) throw InputError("calibration: no measured kernels to fit");
  DeviceProfile p;
  p.name = settings.name;
  p.description = settings.description;
  p.runtime = settings.runtime;
  p.fuses_conv_bn_act = false;
  const std::string& source = settings.source;
  p.cores = {static_cast<double>(settings.threads), source};

  double fastest = samples.front().seconds;
  for (const auto& s : samples) fastest = std::min(fastest, s.seconds);
  const double overhead = 0.5 * std::max(fastest, 0.0);
  p.kernel_overhead = {overhead, source};

  const auto busy = [&](const CalibrationSample& s) {
    return std::max(s.seconds - overhead, 1e-9);
  };
  double peak = 0.0;
  double bandwidth = 0.0;
  for (const auto& s : samples) {
    if (computes_macs(s.op_class)) peak = std::max(peak, flops_of(s) / busy(s));
    if (s.op_class == "elementwise") bandwidth = std::max(bandwidth, s.bytes / busy(s));
  }
  if (peak <= 0.0) throw InputError("calibration: no convolution or linear kernel was measured");
  if (bandwidth <= 0.0) throw InputError("calibration: no element-wise kernel was measured");
  p.peak_flops = {peak, source};
  p.memory_bandwidth = {bandwidth, source};

  // Efficiency implied by each sample: per class, the median per half decade
  // of work, over all samples and per output size.
  const auto efficiency_of = [&](const CalibrationSample& s) {
    return std::clamp(flops_of(s) / (peak * busy(s)), 1e-6, 1.0);
  };
  std::map<std::string, std::vector<const CalibrationSample*>> by_class;
  for (const auto& s : samples) by_class[s.op_class].push_back(&s);
  for (const auto& [op_class, members] : by_class) {
    EfficiencyCurve curve;
    curve.source = source;
    const std::optional<double> above = settings.split_by_input_size && computes_macs(op_class)
                                            ? implementation_switch(members, efficiency_of)
                                            : std::nullopt;
    if (!above) {
      std::tie(curve.points, curve.by_side) = fit_curves(members, efficiency_of);
    } else {
      const auto [small, large] = split_at_input_size(members, *above);
      std::tie(curve.points, curve.by_side) = fit_curves(small, efficiency_of);
      EfficiencyCurve::LargeInput l;
      l.above_input_elements = *above;
      std::tie(l.points, l.by_side) = fit_curves(large, efficiency_of);
      curve.large_input = std::move(l);
    }
    p.efficiency[op_class] = curve;
  }
  for (const auto& required : required_op_classes()) {
    if (!p.efficiency.count(required)) {
      throw InputError("calibration: no kernel of op class '" + required + "' was measured");
    }
  }
  return p;
}

InNetworkFit fit_in_network(const DeviceProfile& isolated, const std::vector<ChainSample>& chains) {
  if (chains.empty()) throw InputError("calibration: no chain of layers was timed");
  // Per chain, the measured time m, the busy time alone b and the kernels n:
  // s b / m + e n / m should be 1.
  std::vector<std::pair<double, double>> rows;
  for (const auto& c : chains) {
    if (c.kernels.empty()) throw InputError("calibration: chain '" + c.label + "' has no kernel");
    double busy = 0.0;
    for (const auto& k : c.kernels) {
      busy += kernel_seconds(isolated, k) - isolated.kernel_overhead.value;
    }
    const double n = static_cast<double>(c.kernels.size());
    rows.emplace_back(busy / c.seconds, n / c.seconds);
  }
  double bb = 0.0, bn = 0.0, nn = 0.0, b1 = 0.0, n1 = 0.0;
  for (const auto& [b, n] : rows) {
    bb += b * b;
    bn += b * n;
    nn += n * n;
    b1 += b;
    n1 += n;
  }
  const double det = bb * nn - bn * bn;
  InNetworkFit fit;
  if (rows.size() >= 2 && det > 1e-9 * bb * nn) {
    fit.scale = (b1 * nn - n1 * bn) / det;
    fit.kernel_overhead = (bb * n1 - bn * b1) / det;
  } else {
    throw InputError("calibration: " + std::to_string(chains.size()) +
                     " chain(s) of layers cannot tell a scale from a per-kernel overhead; time "
                     "chains of different sizes");
  }
  if (fit.kernel_overhead < 0.0) {
    fit.kernel_overhead = 0.0;
    fit.scale = b1 / bb;
  }
  if (!(fit.scale > 0.0)) {
    throw InputError("calibration: the chains of layers imply a non-positive scale");
  }
  return fit;
}

CalibrationFit fit_calibration(const std::vector<CalibrationSample>& samples,
                               const std::vector<ChainSample>& chains,
                               const FitSettings& settings) {
  CalibrationFit result{fit_device_profile(samples, settings), {}};
  result.in_network = result.alone;
  if (chains.empty()) return result;
  const double alone = result.alone.kernel_overhead.value;
  const InNetworkFit fit = fit_in_network(result.alone, chains);
  char how[200];
  std::snprintf(how, sizeof how,
                "; in a network (fit to %zu chains of layers): kernel time beyond the overhead "
                "x%.3f, overhead %.3f us (alone %.3f us)",
                chains.size(), fit.scale, fit.kernel_overhead * 1e6, alone * 1e6);
  result.in_network = rescaled_device_profile(result.alone, fit.scale, fit.kernel_overhead, how);
  return result;
}

DeviceProfile fit_device_profile(const std::vector<CalibrationSample>& samples,
                                 const std::vector<ChainSample>& chains,
                                 const FitSettings& settings) {
  return fit_calibration(samples, chains, settings).in_network;
}

}  // namespace paradis
