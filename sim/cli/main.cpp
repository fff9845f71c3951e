// paradis-sim: the command line of ParaDiS-Sim.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "sim/cli/cli_main.h"
#include "sim/cli/command.h"
#include "sim/cli/torch_commands.h"
#include "sim/process/restart.h"

namespace {

// The LibTorch commands run in paradis-sim-torch: hand the whole command line
// over to it. Returns only when it cannot be started.
int hand_over_to_torch_binary(char** argv) {
  const std::string binary = paradis::torch_binary_path();
  ::execv(binary.c_str(), argv);
  std::cerr << "paradis-sim: error: '" << argv[1] << "' runs in " << binary
            << ", which cannot be started (" << std::strerror(errno)
            << "); build or install paradis-sim with LibTorch (see docs/building.md)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  paradis::remember_command_line(argc, argv);
#ifdef PARADIS_WITH_TORCH
  if (argc > 1 && paradis::is_torch_command(argv[1])) return hand_over_to_torch_binary(argv);
#endif
  CLI::App app{
      "ParaDiS-Sim: simulate distributed neural-network inference on heterogeneous "
      "edge devices (ParaDiS switches and their baselines).",
      "paradis-sim"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "print help for every subcommand");
  paradis::CommandAction action;
  paradis::add_model_command(app, action);
  paradis::add_profile_command(app, action);
  paradis::add_trace_command(app, action);
  paradis::add_sr_bicubic_command(app, action);
#ifdef PARADIS_WITH_SIMGRID
  paradis::add_run_command(app, action);
  paradis::add_sweep_command(app, action);
  paradis::add_plan_command(app, action);
  paradis::add_network_models_command(app, action);
  paradis::add_testbed_command(app, action, paradis::joined_command_line(argc, argv));
  paradis::add_compare_command(app, action);
  paradis::add_bench_command(app, action);
#endif
#ifdef PARADIS_WITH_TORCH
  // Listed in the help; running one never gets here (handed over above).
  for (const auto& c : paradis::torch_commands()) app.add_subcommand(c.name, c.description);
#endif
  return paradis::run_command_line(app, action, argc, argv);
}
