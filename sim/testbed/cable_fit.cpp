#include "sim/testbed/cable_fit.h"

#include <algorithm>

#include "models/io/input_error.h"
#include "models/numeric/median.h"

namespace paradis {

std::vector<std::int64_t> cable_fit_sizes() { return {40, 3000, 30000}; }

CableFit fit_cable(const std::vector<TransferSample>& samples) {
  CableFit fit;
  for (const auto& s : samples) {
    if (s.seconds.empty()) continue;
    fit.bytes.push_back(s.bytes);
    fit.median_s.push_back(median(s.seconds));
  }
  const double n = static_cast<double>(fit.bytes.size());
  double sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < fit.bytes.size(); ++i) {
    const double x = static_cast<double>(fit.bytes[i]);
    const double y = fit.median_s[i];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double spread = n * sxx - sx * sx;
  const double slope = spread > 0.0 ? (n * sxy - sx * sy) / spread : 0.0;
  if (fit.bytes.size() < 2 || !(slope > 0.0)) {
    throw InputError("testbed: the cables' transfers did not take longer with more bytes: "
                     "no bandwidth to give the simulation");
  }
  fit.bandwidth_bps = 8.0 / slope;
  fit.route_latency_s = std::max(0.0, (sy - slope * sx) / n);
  return fit;
}

nlohmann::json cable_fit_to_json(const CableFit& fit) {
  return {{"bytes", fit.bytes},
          {"median_s", fit.median_s},
          {"route_latency_s", fit.route_latency_s},
          {"bandwidth_bps", fit.bandwidth_bps}};
}

}  // namespace paradis
