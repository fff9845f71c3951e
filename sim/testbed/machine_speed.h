#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/calibration/profile_fit.h"
#include "sim/cost/device_profile.h"

namespace paradis {

// This machine's speed now against a device profile, as the testbed's hosts
// see it: one `speed-probe` process per host, pinned to the host's core, all
// at once (sim/latency/speed_probe: the calibration's synthetic chains,
// each forward right after another and, alternately, after a pause, as a
// host runs a request's forward after waiting for it).
struct HostSpeed {
  std::string host;
  double factor = 1.0;   // after the pause, measured / predicted, geometric mean over its chains
  // What a forward after the pause took longer than one right after
  // another: the median over the chains, at least 0 (after_idle.h).
  double after_idle_penalty_s = 0.0;
  // A forward's time over its chain's median over every probe and host,
  // quantiles every 1 % over the short chains' forwards of both kinds
  // (compute_spread.h), the ends placed so that each end 1 % has the
  // forwards' mean there: its forwards' variation from one to the next,
  // between probes and against the other hosts'; empty when the probe
  // timed too few.
  std::vector<double> compute_spread;
  nlohmann::json probe;  // the probe as the process wrote it
};

struct MachineSpeed {
  std::vector<HostSpeed> hosts;
  // Every host's chains timed right after another forward against the
  // profile, fitted as calibration fits its chains (fit_in_network): time
  // beyond the overhead x scale, and the per-kernel overhead now.
  InNetworkFit fit;
};

// Host k of `hosts` runs on core k; each probe reads `profile_file`, whose
// content is `profile`. `work`: a folder for the probes' files. InputError
// naming the host when a probe fails.
MachineSpeed probe_machine_speed(const std::string& host_binary, const std::string& profile_file,
                                 const DeviceProfile& profile,
                                 const std::vector<std::string>& hosts, double pause_s,
                                 const std::string& work);

// The machine's speed around a run: its probes (before it, between its
// rounds, after it) taken together (their chains fitted at once; each
// host's factor the geometric mean of all, its penalty and spread from all
// probes' chains).
MachineSpeed speed_around(const DeviceProfile& profile, const std::vector<MachineSpeed>& probes);

// `profile` as the machine ran at the probe: rescaled_device_profile by its
// fit; `how` says who measured it (command, date, commit).
DeviceProfile profile_at_speed(const DeviceProfile& profile, const MachineSpeed& speed,
                               const std::string& how);

// {"scale", "kernel_overhead_us", "hosts": {"a": factor, ...},
//  "after_idle_penalty_us": {"a": us, ...}, "compute_spread": {"a": [q0, ...], ...}}
nlohmann::json machine_speed_to_json(const MachineSpeed& speed);

}  // namespace paradis
