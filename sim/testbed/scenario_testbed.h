#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/report/run_summary.h"
#include "sim/testbed/after_message.h"
#include "sim/testbed/cable_fit.h"

namespace paradis {

struct TestbedRunOptions {
  std::string scenario_file;
  std::vector<std::string> sets;  // --set PATH=VALUE
  std::string profile_file;       // this machine's device profile
  std::string host_binary;        // paradis-sim-torch, which runs a host
  std::int64_t warmup = 3;        // requests per strategy and round run first, not counted
  // The strategies run their requests in this many rounds, in turn within
  // each (at most one round a request).
  std::int64_t rounds = 20;
  std::string command_line;
  std::string commit;
  std::string date;
  // Lasting lines (which namespaces the hosts are in), as they happen.
  std::function<void(const std::string&)> note = [](const std::string&) {};
};

// One strategy of the scenario on the testbed.
struct TestbedStrategy {
  RunSummary summary;   // as `run` reports it (no energy)
  std::string skipped;  // why it could not run for real ("" when it ran)
};

struct TestbedResult {
  std::vector<TestbedStrategy> strategies;
  std::string cables;  // "2 hosts, 20 Mb/s and 0.1 ms per cable"
  std::string cores;   // how hosts share this machine's cores
  // What each host process's sender woke early from its latency sleep (the
  // overshoot it timed as its connection opened; LatencySleep), every
  // process of every strategy and round.
  std::vector<double> sleep_overshoot_s;
  // The cables as measured before the requests, which the simulation's
  // cables are.
  CableFit cable_fit;
  // A forward right after a message arrives against the same forward right
  // after, per receiving host, as measured with the cables; each host's
  // median is its after-message penalty in the simulation.
  AfterMessage after_message;
  // This machine's speed against the kept profile before each round of
  // requests and after the last (sim/testbed/machine_speed), in words and
  // as testbed.json keeps it.
  std::string speed;
  nlohmann::json speed_record;
};

// Runs a scenario's strategies for real on this machine (root): its hosts
// as network namespaces joined by tbf-shaped cables into a switch, each
// cable as the platform's routes between those hosts say (every route alike:
// bandwidth, and half its latency per cable, added by the sender); one
// process per host (`host_binary testbed-host`) on a core of its own,
// computing its tasks with LibTorch at one thread; requests one after
// another from the source host (closed loop; in rounds, the strategies in
// turn within each; warm-up requests first in each).
// Writes to `out_dir` together: requests.csv (as `run` writes it),
// tasks.csv (every task of every request: host, start, end), summary.csv,
// summary.json, testbed.json (the configuration and provenance), and
// simulation.json with this_machine.json: the scenario on a platform of the
// testbed's own cables and hosts, with `profile_file` scaled to the speed
// probes measured on the hosts' cores before each round and after the last
// (sim/testbed/machine_speed; every probe kept in testbed.json), each
// host's after-idle penalty and compute spread, and each host's
// after-message penalty (AfterMessage, timed with the cables), which
// `paradis-sim run` simulates and `compare` holds against this run; simulation_kept_profile.json the same with
// `profile_file` as it is (kept_profile.json). InputError (named) for what
// it cannot run.
TestbedResult run_scenario_testbed(const TestbedRunOptions& options, const std::string& out_dir,
                                   const std::function<void(const std::string&)>& progress);

}  // namespace paradis
