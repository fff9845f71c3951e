#include "sim/cost/profile_fit.h"

#include <algorithm>
#include <cmath>
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

  const auto busy = [&](const CalibrationSample& s) { return std::max(s.seconds - overhead, 1e-9); };
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

  // Efficiency implied by each sample, grouped by class and half decade.
  std::map<std::string, std::map<int, std::pair<std::vector<double>, std::vector<double>>>> bins;
  for (const auto& s : samples) {
    const double efficiency = std::clamp(flops_of(s) / (peak * busy(s)), 1e-6, 1.0);
    const int bin = static_cast<int>(std::floor(2.0 * std::log10(std::max(s.work, 1.0))));
    auto& [works, efficiencies] = bins[s.op_class][bin];
    works.push_back(std::log(std::max(s.work, 1.0)));
    efficiencies.push_back(efficiency);
  }
  for (const auto& [op_class, by_bin] : bins) {
    EfficiencyCurve curve;
    curve.source = source;
    for (const auto& [bin, values] : by_bin) {
      double log_work = 0.0;
      for (double w : values.first) log_work += w;
      log_work /= static_cast<double>(values.first.size());
      curve.points.emplace_back(std::exp(log_work), median(values.second));
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

}  // namespace paradis
