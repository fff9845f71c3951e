#include "sim/cost/profile_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "models/io/input_error.h"

namespace paradis {
namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

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
    curve.points = median_curve(members, efficiency_of);
    std::map<double, std::vector<const CalibrationSample*>> by_side;
    for (const auto* s : members) {
      if (s->side > 0.0) by_side[s->side].push_back(s);
    }
    // Sizes with a curve of their own: measured at two works or more.
    for (const auto& [side, at_side] : by_side) {
      if (at_side.size() >= 2)
        curve.by_side.emplace_back(side, median_curve(at_side, efficiency_of));
    }
    if (curve.by_side.size() < 2) curve.by_side.clear();  // nothing to tell sizes apart
    p.efficiency[op_class] = curve;
  }
  for (const auto& required : required_op_classes()) {
    if (!p.efficiency.count(required)) {
      throw InputError("calibration: no kernel of op class '" + required + "' was measured");
    }
  }
  return p;
}

double in_network_overhead(const DeviceProfile& isolated, const std::vector<ChainSample>& chains) {
  if (chains.empty()) throw InputError("calibration: no chain of layers was timed");
  std::vector<double> per_kernel;
  for (const auto& c : chains) {
    if (c.kernels.empty()) throw InputError("calibration: chain '" + c.label + "' has no kernel");
    double predicted = 0.0;
    for (const auto& k : c.kernels) predicted += kernel_seconds(isolated, k);
    per_kernel.push_back((c.seconds - predicted) / static_cast<double>(c.kernels.size()));
  }
  return median(per_kernel);
}

DeviceProfile fit_device_profile(const std::vector<CalibrationSample>& samples,
                                 const std::vector<ChainSample>& chains,
                                 const FitSettings& settings) {
  DeviceProfile p = fit_device_profile(samples, settings);
  if (chains.empty()) return p;
  const double alone = p.kernel_overhead.value;
  const double extra = in_network_overhead(p, chains);
  p.kernel_overhead.value = std::max(alone + extra, 0.0);
  char how[200];
  std::snprintf(how, sizeof how,
                "; kernel overhead %.3f us alone %+.3f us in a network (median of %zu chains)",
                alone * 1e6, extra * 1e6, chains.size());
  std::string& source = p.kernel_overhead.source;
  source.insert(!source.empty() && source.back() == ')' ? source.size() - 1 : source.size(), how);
  return p;
}

}  // namespace paradis
