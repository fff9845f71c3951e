// paradis-sim-torch: the commands of paradis-sim that run LibTorch (train,
// eval, exchange-search, restructure, materialize, calibrate, validate-latency, bench-materialized).
// paradis-sim hands them over here; its messages read as paradis-sim's.
#include <CLI/CLI.hpp>

#include "sim/cli/cli_main.h"
#include "sim/cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{"ParaDiS-Sim's LibTorch commands (run them as paradis-sim COMMAND).",
               "paradis-sim"};
  app.require_subcommand(1);
  paradis::CommandAction action;
  const std::string command_line = paradis::joined_command_line(argc, argv);
  paradis::add_train_command(app, action, command_line);
  paradis::add_eval_command(app, action, command_line);
  paradis::add_train_sr_command(app, action, command_line);
  paradis::add_eval_sr_command(app, action, command_line);
  paradis::add_exchange_search_command(app, action, command_line);
  paradis::add_restructure_command(app, action, command_line);
  paradis::add_materialize_command(app, action, command_line);
  paradis::add_calibrate_command(app, action, command_line);
  paradis::add_validate_latency_command(app, action, command_line);
  paradis::add_bench_materialized_command(app, action);
  paradis::add_testbed_host_command(app, action);
  paradis::add_speed_probe_command(app, action);
  return paradis::run_command_line(app, action, argc, argv);
}
