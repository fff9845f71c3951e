#pragma once

#include <cstdint>
#include <vector>

#include "sim/scenario/network_model.h"
#include "sim/testbed/shaped_network.h"

namespace paradis {

// Transfers of one size between two testbed hosts, as measured.
struct TransferSample {
  std::int64_t bytes = 0;
  std::vector<double> seconds;  // one per repeat, in order
};

// What probe_transfers measured.
struct TransferProbe {
  std::vector<TransferSample> samples;  // one per size, in the order asked
  double sleep_overshoot_s = 0.0;       // the sender's latency sleep wakes this early
};

// Measures `repeats` TCP transfers of each size from host 0 to host 1 of
// `network`, one connection kept open as a deployment keeps it (one warm-up
// transfer first, not counted). Each lasts from the sender's start, its
// hosts' latencies slept first (the testbed adds link latency at the
// sender), to the receiver's last byte, both on this machine's monotonic
// clock. The two ends run in child processes inside the hosts' namespaces;
// InputError when either fails or a transfer takes over 60 s.
TransferProbe probe_transfers(const ShapedNetwork& network, const std::vector<std::int64_t>& sizes,
                              int repeats);

// What the simulator makes of one transfer alone between two testbed hosts
// (a route of their two cables): the route's latency plus the bytes at the
// slower cable's bandwidth, with the model's factors (LV08: 13.01 x the
// latency, 0.97 x the bandwidth; CM02 none).
double lone_transfer_seconds(const TestbedHost& from, const TestbedHost& to, double bytes,
                             NetworkModel model);

}  // namespace paradis
