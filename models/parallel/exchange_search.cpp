#include "models/parallel/exchange_search.h"

#include <algorithm>
#include <stdexcept>

namespace paradis {

ExchangeChoice choose_exchange_policy(std::vector<PolicyCandidate> candidates, double max_loss) {
  if (candidates.empty()) throw std::invalid_argument("choose_exchange_policy: no candidates");
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const PolicyCandidate& a, const PolicyCandidate& b) {
                     return a.bytes != b.bytes ? a.bytes < b.bytes : a.accuracy > b.accuracy;
                   });
  ExchangeChoice c;
  c.by_bytes = std::move(candidates);
  c.baseline = c.by_bytes.size() - 1;
  for (std::size_t i = 0; i < c.by_bytes.size(); ++i) {
    if (c.by_bytes[i].bytes > c.by_bytes[c.baseline].bytes) c.baseline = i;
  }
  // The baseline itself qualifies: the first (fewest bytes) that does wins.
  const double floor = c.by_bytes[c.baseline].accuracy - max_loss;
  c.chosen = c.baseline;
  for (std::size_t i = 0; i < c.by_bytes.size(); ++i) {
    if (c.by_bytes[i].accuracy >= floor - 1e-9) {
      c.chosen = i;
      break;
    }
  }
  return c;
}

}  // namespace paradis
