#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/task/task_graph.h"

namespace paradis {

// What weights each host holds: per host and part, the slices it has
// received (unions of [from, to) intervals), so that a deployment that
// needs a slice overlapping one already held fetches only the rest.
class HeldWeights {
 public:
  void add(const WeightPart& w);
  // The bytes of `w` its host does not hold yet.
  double missing_bytes(const WeightPart& w) const;

 private:
  // Sorted, disjoint intervals per (host, part).
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<double, double>>> held_;
};

}  // namespace paradis
