#include "models/graph/equal_macs_width.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "models/graph/subnetwork_profile.h"
#include "models/io/input_error.h"

namespace paradis {

Switch width_with_equal_macs(const LayerGraph& graph, const Switch& sw, double min_width) {
  if (!(min_width > 0.0 && min_width <= 1.0)) {
    throw InputError("the smallest width must be in (0, 1], not " + format_width(min_width));
  }
  const std::int64_t target = profile_switch(graph, sw).total_macs;
  // Whole hundredths, so that the chosen width prints as it was computed.
  const int first = static_cast<int>(std::ceil(min_width * 100.0 - 1e-9));
  Switch best = Switch::full();
  std::int64_t best_gap = -1;
  for (int hundredths = first; hundredths <= 100; ++hundredths) {
    const Switch candidate = Switch::from_widths({hundredths / 100.0});
    const std::int64_t gap = std::llabs(profile_switch(graph, candidate).total_macs - target);
    if (best_gap < 0 || gap < best_gap) {
      best = candidate;
      best_gap = gap;
    }
  }
  return best;
}

}  // namespace paradis
