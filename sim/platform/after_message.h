#pragma once

#include <optional>
#include <string>

namespace paradis {

// A host whose computations take longer right after a message arrives at
// it: the receive's system calls and wake-ups, and what they leave in the
// core's caches, on the core that then computes. Measured on the testbed
// as a forward right after a message against the same forward right after
// (sim/testbed/after_message.h): 0.07-0.42 ms on the 2-core machine
// (docs/fidelity.md), where a sum of a few values right after the message
// took no longer (it ends before the core is taken). So a message leaves its host this much
// extra time, which the host's next computations take, each at most its
// own time again, until it is used up; a later message sets it anew (it
// does not add up). Given by one host property:
//   after_message_penalty_s  the extra seconds (>= 0)
// Only messages from another host count.
constexpr const char* kAfterMessagePenalty = "after_message_penalty_s";

// The penalty from the property's text (null: not given). Nothing when it
// is not given; `error` says what is wrong (and nothing is returned) when
// it is not a finite number >= 0.
std::optional<double> parse_after_message(const char* penalty_s, std::string& error);

// The extra seconds of a computation of `own_s` seconds that starts while
// its host still owes `owed_s` of a message's penalty; takes them from
// `owed_s`.
double after_message_extra_s(double& owed_s, double own_s);

}  // namespace paradis
