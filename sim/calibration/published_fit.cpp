#include "sim/calibration/published_fit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "models/graph/subnetwork_profile.h"
#include "models/io/input_error.h"
#include "sim/cost/latency_model.h"

namespace paradis {
namespace {

// What the objective needs of one kernel, taken once from the base profile.
struct KernelTerms {
  double flops = 0.0;
  double bytes = 0.0;
  double efficiency = 1.0;  // the base's, at this kernel's work and size
  bool depthwise = false;
};

struct ReferenceTerms {
  std::vector<KernelTerms> kernels;
  double seconds = 0.0;
};

// The minimum of a unimodal f on [lo, hi], by golden-section search (a fixed
// number of steps: the same answer on every machine).
double golden_minimum(const std::function<double(double)>& f, double lo, double hi) {
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = lo, b = hi;
  double c = b - ratio * (b - a), d = a + ratio * (b - a);
  double fc = f(c), fd = f(d);
  for (int i = 0; i < 90; ++i) {
    if (fc < fd) {
      b = d, d = c, fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c, c = d, fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2.0;
}

std::string number(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

}  // namespace

PublishedFit fit_published_device(const PublishedDevice& device, const DeviceProfile& base,
                                  const std::vector<const LayerGraph*>& graphs,
                                  const std::string& command) {
  if (graphs.size() != device.references.size()) {
    throw InputError("profile fit: one network per reference latency expected");
  }
  // The base curves on the device's runtime: its fusion decides the kernels.
  DeviceProfile runtime = base;
  runtime.fuses_conv_bn_act = device.fuses_conv_bn_act;

  std::vector<ReferenceTerms> fitted;
  for (std::size_t i = 0; i < graphs.size(); ++i) {
    if (device.references[i].role != "fit") continue;
    const LayerGraph& graph = *graphs[i];
    const auto sub = profile_switch(graph, Switch::full()).subnetworks[0];
    ReferenceTerms ref;
    ref.seconds = device.references[i].milliseconds / 1e3;
    for (const Kernel& k : subnetwork_kernels(graph, sub, runtime)) {
      ref.kernels.push_back({k.flops, k.bytes,
                             runtime.curve(k.op_class).at(std::max(k.work, 1.0), k.side),
                             k.op_class == "depthwise"});
    }
    fitted.push_back(std::move(ref));
  }
  const double peak = base.peak_flops.value;
  const double bandwidth = device.memory_bandwidth.value;
  const double overhead = base.kernel_overhead.value;
  const auto predicted = [&](const ReferenceTerms& ref, double compute, double depthwise_factor) {
    double total = 0.0;
    for (const auto& k : ref.kernels) {
      const double e = k.depthwise ? std::min(1.0, k.efficiency * depthwise_factor) : k.efficiency;
      total += overhead + std::max(k.flops / (peak * compute * e), k.bytes / bandwidth);
    }
    return total;
  };
  const auto squared_log_error = [&](double compute, double depthwise_factor) {
    double sum = 0.0;
    for (const auto& ref : fitted) {
      const double e = std::log(predicted(ref, compute, depthwise_factor) / ref.seconds);
      sum += e * e;
    }
    return sum;
  };
  // Factors searched in log space, within a factor 10^4 of the template.
  const double span = std::log(1e4);
  const auto best_compute = [&](double depthwise_factor) {
    return std::exp(golden_minimum(
        [&](double x) { return squared_log_error(std::exp(x), depthwise_factor); }, -span, span));
  };
  double depthwise_factor = 1.0;
  if (fitted.size() >= 2) {
    depthwise_factor = std::exp(golden_minimum(
        [&](double y) { return squared_log_error(best_compute(std::exp(y)), std::exp(y)); },
        -std::log(100.0), std::log(100.0)));
  }
  const double compute = best_compute(depthwise_factor);
  for (const auto& ref : fitted) {
    // At the fastest compute the search allows, only overheads and memory time are left.
    const double floor = predicted(ref, std::exp(span), depthwise_factor);
    if (floor > ref.seconds) {
      throw InputError("profile fit " + device.name + ": a published latency of " +
                       number(ref.seconds * 1e3) + " ms is below what the template's kernel " +
                       "overheads and the memory bandwidth alone give (" + number(floor * 1e3) +
                       " ms); check the memory bandwidth and the runtime's fusion");
    }
  }

  PublishedFit out;
  out.compute_scale = compute;
  out.depthwise_scale = depthwise_factor;
  DeviceProfile& p = out.profile;
  p.name = device.name;
  std::size_t n_fit = fitted.size();
  p.description = device.description + (device.description.empty() ? "" : " ") +
                  "Fitted by paradis-sim profile fit to " + std::to_string(n_fit) +
                  " published whole-network latenc" + (n_fit == 1 ? "y" : "ies") + " (role fit); " +
                  "the others (role check) were held out.";
  p.runtime = device.runtime;
  p.fuses_conv_bn_act = device.fuses_conv_bn_act;
  p.cores = device.cores;
  p.memory_bandwidth = device.memory_bandwidth;
  p.idle_power = device.idle_power;
  p.busy_power = device.busy_power;
  p.peak_flops = {peak * compute,
                  "fitted: " + command + ": the peak of template " + base.name + " (" +
                      number(peak / 1e9) + " GFLOP/s) x " + number(compute) +
                      ", least squares in log time over the references with role fit; " +
                      "an effective figure, not a datasheet one"};
  p.kernel_overhead = {overhead, "template " + base.name + " (" + base.kernel_overhead.source +
                                     "); not published for this device"};
  for (const auto& [op_class, curve] : base.efficiency) {
    EfficiencyCurve c = curve;
    c.source = "shape of template " + base.name + " (" + curve.source + ")";
    if (op_class == "depthwise" && depthwise_factor != 1.0) {
      const auto scale = [depthwise_factor](EfficiencyCurve::Points& points) {
        for (auto& point : points) point.second = std::min(1.0, point.second * depthwise_factor);
      };
      scale(c.points);
      for (auto& side : c.by_side) scale(side.second);
      if (c.large_input) {
        scale(c.large_input->points);
        for (auto& side : c.large_input->by_side) scale(side.second);
      }
      c.source +=
          ", efficiency x " + number(depthwise_factor) + " fitted by " + command + ", capped at 1";
    }
    p.efficiency[op_class] = std::move(c);
  }
  p.reference_latencies = device.references;
  return out;
}

}  // namespace paradis
