#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/task/task_graph.h"

namespace paradis {

// How an adaptive strategy changes its deployment when hosts go off and
// come back: one task graph per deployment (mode), and for every set of
// watched hosts up the mode it then serves new requests with. The engine
// notices a host going off or coming back `detect_s` after it happens.
struct AdaptivePlan {
  double detect_s = 0.0;
  std::vector<std::string> watched;  // at most 16 hosts
  std::vector<TaskGraph> modes;      // modes[0]: the strategy's own deployment
  // Indexed by the bitmask of watched hosts up (bit k: watched[k]); -1: no
  // mode runs on those hosts, new requests fail.
  std::vector<int> mode_for_up;
  // Accuracy (top-1 %) of each mode.
  std::vector<double> accuracy;
  // Whether a host holds only the weights of its part (then a switch first
  // sends each host the weights it lacks, from `weights_from`, and new
  // requests wait for them), or every weight of the network (switching
  // moves nothing).
  bool move_weights = false;
  std::string weights_from;
  // Above 0: the strategy holds this latency (s) as conditions change: at
  // every change it notices, new requests go to the first mode of
  // `preference` whose hosts are up and whose latency, predicted under the
  // bandwidths and speeds of the moment, is within it (else the fastest
  // mode up); mode_for_up is not used.
  double latency_target_s = 0.0;
  std::vector<int> preference;  // most accurate first

  bool adaptive() const { return !modes.empty(); }
};

// How requests.csv names the deployment that served a request: "2x0.5 on
// laptop+phone".
inline std::string deployment_label(const TaskGraph& g) {
  std::string hosts;
  for (const auto& h : g.hosts) hosts += (hosts.empty() ? "" : "+") + h;
  return g.configuration + " on " + hosts;
}

}  // namespace paradis
