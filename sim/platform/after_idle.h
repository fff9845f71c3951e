#pragma once

#include <optional>
#include <string>

namespace paradis {

// A host whose computation takes longer when it starts on an idle host than
// right after another: caches, TLBs and branch predictors cold, the core
// woken from a sleep state. Measured on this project's 2-core machine as a
// near-constant 0.12-0.16 ms on forwards of 0.6 to 28 ms
// (docs/fidelity.md), so it is modelled as a fixed extra time, at most the
// computation's own time (a tiny sum is not slowed by a whole forward's
// penalty). Given by two host properties, both or neither:
//   after_idle_penalty_s  the extra seconds (>= 0)
//   after_idle_s          how long (s, >= 0) the host must have computed
//                         nothing for a computation to start after idle
// A host's first computation starts after idle.
struct AfterIdle {
  double penalty_s = 0.0;
  double idle_s = 0.0;
};

constexpr const char* kAfterIdlePenalty = "after_idle_penalty_s";
constexpr const char* kAfterIdleSeconds = "after_idle_s";

// The rule from the two properties' texts (null: not given). Nothing when
// neither is given; `error` says what is wrong (and nothing is returned)
// when only one is, or either is not a finite number >= 0.
std::optional<AfterIdle> parse_after_idle(const char* penalty_s, const char* idle_s,
                                          std::string& error);

// The extra seconds of a computation of `own_s` seconds that starts after
// idle.
double after_idle_extra_s(const AfterIdle& rule, double own_s);

}  // namespace paradis
