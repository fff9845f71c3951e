// paradis-sim-torch speed-probe: this machine's speed now against a profile,
// timed by `paradis-sim testbed` on each host's core before and after its
// requests (not a command for users: it is hidden from --help).
#include <memory>

#include <CLI/CLI.hpp>

#include "models/io/atomic_file.h"
#include "models/torch/memory_reuse.h"
#include "sim/cli/command.h"
#include "sim/cost/device_profile.h"
#include "sim/latency/speed_probe.h"

namespace paradis {
namespace {

struct SpeedProbeOptions {
  std::string profile;
  std::string out;
  double pause_ms = 1.0;
  int threads = 1;
};

int run_speed_probe_command(const SpeedProbeOptions& o) {
  keep_freed_memory_touched(kTestbedTouchedHeapBytes);  // as the host processes
  const SpeedProbe probe =
      probe_speed(load_device_profile(o.profile), o.pause_ms * 1e-3, o.threads);
  write_file_atomically(o.out, speed_probe_to_json(probe).dump(2) + "\n");
  return 0;
}

}  // namespace

void add_speed_probe_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<SpeedProbeOptions>();
  auto* cmd = app.add_subcommand("speed-probe", "this machine's speed against a profile, now");
  cmd->group("");
  cmd->add_option("--profile", o->profile, "device profile (paradis-device-profile JSON)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", o->out, "where to write the probe (JSON)")->required();
  cmd->add_option("--pause-ms", o->pause_ms, "pause before each timed forward")
      ->check(CLI::Range(0.0, 1000.0));
  cmd->add_option("--threads", o->threads, "LibTorch threads")->check(CLI::Range(1, 256));
  cmd->callback([&action, o] { action = [o] { return run_speed_probe_command(*o); }; });
}

}  // namespace paradis
