#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace paradis {

// What a forward right after a message arrives takes beyond the same
// forward run again right after it, per host that received messages: the
// testbed times it with the host processes' own messages before the
// requests (a forward after each message of the cables' timing, then the
// same forward again), and gives each host's median to its simulation as
// the host's after-message penalty (sim/platform/after_message.h). Only
// the first two hosts' messages are timed; the others, cores of the same
// machine running the same host processes, are given the median of every
// difference timed.
struct AfterMessage {
  std::map<std::string, std::vector<double>> extra_s;  // host: one per message

  // A host's median extra (of every host's, for a host not timed), at
  // least 0; 0 when nothing was timed.
  double penalty_s(const std::string& host) const;
};

nlohmann::json after_message_to_json(const AfterMessage& measured);

}  // namespace paradis
