#include "models/ensemble/class_split.h"

#include "models/graph/switch.h"

namespace paradis {

int ClassSplit::part_of(std::int64_t c) const {
  int k = 0;
  while (k + 1 < parts && first(k + 1) <= c) ++k;
  return k;
}

std::string class_parallel_label(int parts, double width, const std::vector<int>& alive) {
  std::string label = std::to_string(parts) + " parts x" + format_width(width);
  if (alive.empty() || static_cast<int>(alive.size()) == parts) return label;
  std::string which;
  for (int k : alive) which += (which.empty() ? "" : "+") + std::to_string(k);
  return label + " alive " + which;
}

}  // namespace paradis
