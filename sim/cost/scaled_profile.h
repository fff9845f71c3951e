#pragma once

#include <string>

#include "sim/cost/device_profile.h"

namespace paradis {

// `profile` with every kernel's time beyond the kernel overhead multiplied
// by `scale` and the overhead replaced by `kernel_overhead` (seconds): peak
// FLOP/s and memory bandwidth divided by `scale`; efficiency curves, cores
// and power stay. So a kernel predicted t = o + w runs in kernel_overhead +
// scale x w, exactly. `how` is appended to the sources of the three figures
// changed (inside their closing parenthesis, where they end with one).
DeviceProfile rescaled_device_profile(DeviceProfile profile, double scale, double kernel_overhead,
                                      const std::string& how);

}  // namespace paradis
