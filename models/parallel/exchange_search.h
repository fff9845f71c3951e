#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/parallel/exchange_policy.h"

namespace paradis {

// One exchange policy as the search sees it.
struct PolicyCandidate {
  std::string label;
  std::int64_t bytes = 0;  // exchange_bytes per request
  std::int64_t macs = 0;
  double accuracy = 0.0;   // percent, on the images the search chooses on
};

struct ExchangeChoice {
  std::vector<PolicyCandidate> by_bytes;  // fewest bytes first (ties: most accurate first)
  std::size_t baseline = 0;               // in by_bytes: the policy exchanging everywhere
  std::size_t chosen = 0;                 // in by_bytes
};

// Exhaustive search: the policy with the fewest bytes whose accuracy is at
// most `max_loss` points below the baseline's (the policy that sends the
// most, every exchange), ties going to the more accurate. `candidates` must
// not be empty.
ExchangeChoice choose_exchange_policy(std::vector<PolicyCandidate> candidates, double max_loss);

// Greedy search, for spaces too large to measure whole (2^points policies):
// backward elimination from `everywhere`, the policy exchanging at every
// point. Each step measures every policy with one more point dropped and
// keeps the most accurate (ties: the most bytes saved, then the earlier
// point), until nothing is exchanged: points x (points + 1) / 2 + 1
// measurements. Then choose_exchange_policy over everything measured.
ExchangeChoice greedy_exchange_search(
    const ExchangePolicy& everywhere,
    const std::function<PolicyCandidate(const ExchangePolicy&)>& measure, double max_loss);

}  // namespace paradis
