// paradis-sim-torch testbed-host: one host of a testbed run, started by
// `paradis-sim testbed` inside the host's network namespace (not a command
// for users: it is hidden from --help).
#include <memory>

#include <CLI/CLI.hpp>

#include "models/torch/compute_setup.h"
#include "models/torch/memory_reuse.h"
#include "sim/cli/command.h"
#include "sim/testbed/host_runtime.h"
#include "sim/testbed/torch_task_executor.h"

namespace paradis {
namespace {

struct TestbedHostOptions {
  std::string plan;
  std::string host;
  std::string out;
  int threads = 1;
};

int run_testbed_host_command(const TestbedHostOptions& o) {
  prepare_compute(o.threads);
  keep_freed_memory_touched(kTestbedTouchedHeapBytes);
  const TestbedPlan plan = load_testbed_plan(o.plan);
  const std::size_t host = plan.host_index(o.host);
  const auto executor = make_torch_task_executor(plan, host);
  return run_testbed_host(plan, host, *executor, o.out);
}

}  // namespace

void add_testbed_host_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<TestbedHostOptions>();
  auto* cmd = app.add_subcommand("testbed-host", "one host process of `paradis-sim testbed`");
  cmd->group("");
  cmd->add_option("--plan", o->plan, "the run's plan (paradis-testbed-plan JSON)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--host", o->host, "this process's host")->required();
  cmd->add_option("--out", o->out, "where to write this host's times")->required();
  cmd->add_option("--threads", o->threads, "LibTorch threads")->check(CLI::Range(1, 256));
  cmd->callback([&action, o] { action = [o] { return run_testbed_host_command(*o); }; });
}

}  // namespace paradis
