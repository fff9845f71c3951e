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

ExchangeChoice greedy_exchange_search(
    const ExchangePolicy& everywhere,
    const std::function<PolicyCandidate(const ExchangePolicy&)>& measure, double max_loss) {
  std::vector<PolicyCandidate> measured;
  ExchangePolicy current = everywhere;
  measured.push_back(measure(current));
  while (!current.exchanged.empty()) {
    std::size_t best = 0;
    PolicyCandidate best_candidate;
    for (std::size_t i = 0; i < current.exchanged.size(); ++i) {
      ExchangePolicy next = current;
      next.exchanged.erase(next.exchanged.begin() + static_cast<std::ptrdiff_t>(i));
      PolicyCandidate c = measure(next);
      measured.push_back(c);
      if (i == 0 || c.accuracy > best_candidate.accuracy ||
          (c.accuracy == best_candidate.accuracy && c.bytes < best_candidate.bytes)) {
        best = i;
        best_candidate = c;
      }
    }
    current.exchanged.erase(current.exchanged.begin() + static_cast<std::ptrdiff_t>(best));
  }
  return choose_exchange_policy(std::move(measured), max_loss);
}

}  // namespace paradis
