#include "sim/task/held_weights.h"

#include <algorithm>

namespace paradis {

void HeldWeights::add(const WeightPart& w) {
  auto& slices = held_[{w.host, w.part}];
  slices.emplace_back(w.from, w.to);
  std::sort(slices.begin(), slices.end());
  std::vector<std::pair<double, double>> merged;
  for (const auto& s : slices) {
    if (!merged.empty() && s.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, s.second);
    } else {
      merged.push_back(s);
    }
  }
  slices = std::move(merged);
}

double HeldWeights::missing_bytes(const WeightPart& w) const {
  const double width = w.to - w.from;
  if (!(width > 0.0)) return 0.0;
  double covered = 0.0;
  const auto found = held_.find({w.host, w.part});
  if (found != held_.end()) {
    for (const auto& [from, to] : found->second) {
      covered += std::max(0.0, std::min(to, w.to) - std::max(from, w.from));
    }
  }
  // Slices from shares that do not add up exactly leave crumbs; under a
  // millionth of the slice counts as held.
  const double missing = std::max(0.0, width - covered) / width;
  return missing < 1e-6 ? 0.0 : w.bytes * missing;
}

}  // namespace paradis
