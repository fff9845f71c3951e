#include "sim/cost/scaled_profile.h"

#include <cmath>
#include <stdexcept>

namespace paradis {

DeviceProfile rescaled_device_profile(DeviceProfile profile, double scale, double kernel_overhead,
                                      const std::string& how) {
  if (!(scale > 0.0) || !std::isfinite(scale) || !(kernel_overhead >= 0.0) ||
      !std::isfinite(kernel_overhead)) {
    throw std::invalid_argument(
        "rescaled_device_profile: the scale must be positive and the overhead at least zero");
  }
  profile.peak_flops.value /= scale;
  profile.memory_bandwidth.value /= scale;
  profile.kernel_overhead.value = kernel_overhead;
  for (ProfileFigure* f :
       {&profile.peak_flops, &profile.memory_bandwidth, &profile.kernel_overhead}) {
    std::string& source = f->source;
    source.insert(!source.empty() && source.back() == ')' ? source.size() - 1 : source.size(), how);
  }
  return profile;
}

}  // namespace paradis
