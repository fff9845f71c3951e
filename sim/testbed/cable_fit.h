#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/testbed/shaped_network.h"
#include "sim/testbed/transfer_probe.h"

namespace paradis {

// The testbed's cables as measured: a message from host to host took
// `route_latency_s` plus its bytes at `bandwidth_bps` (a line through the
// medians of each size, least squares). What the simulation of a testbed
// run gives its cables, so that both describe the same links: the
// measurement holds what no cable model has (TCP/IP's headers, two tbf
// shapers in a row, the system calls and wake-ups of each message).
struct CableFit {
  std::vector<std::int64_t> bytes;
  std::vector<double> median_s;  // one per size
  double route_latency_s = 0.0;   // two cables'
  double bandwidth_bps = 0.0;

  // One cable of the simulated platform: this bandwidth, half the latency.
  TestbedHost cable() const { return {"", bandwidth_bps, route_latency_s / 2.0}; }
};

// Sizes the testbed measures its cables with: one frame, a few, a few tens.
std::vector<std::int64_t> cable_fit_sizes();

// The line through the samples' medians. InputError when it does not rise
// with the bytes (the cable measured nothing).
CableFit fit_cable(const std::vector<TransferSample>& samples);

nlohmann::json cable_fit_to_json(const CableFit& fit);

}  // namespace paradis
