// paradis-sim: the command line of ParaDiS-Sim.
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "models/io/input_error.h"
#include "sim/cli/command.h"
#include "sim/process/interrupt.h"
#include "sim/process/restart.h"

namespace {

// The deepest subcommand the user reached, for a usage message that fits.
const CLI::App* deepest_parsed(const CLI::App* app) {
  for (const CLI::App* sub : app->get_subcommands()) return deepest_parsed(sub);
  return app;
}

// CLI11 reports a mistyped subcommand as a missing one; name it instead.
// Returns the subcommand that does not exist, with the level it was met at.
const CLI::App* find_unknown_subcommand(const CLI::App* app, int argc, char** argv, int at,
                                        std::string& unknown) {
  if (at >= argc || argv[at][0] == '-') return nullptr;
  const auto subs = app->get_subcommands([](const CLI::App*) { return true; });
  if (subs.empty()) return nullptr;
  for (const CLI::App* sub : subs) {
    if (sub->check_name(argv[at])) return find_unknown_subcommand(sub, argc, argv, at + 1, unknown);
  }
  unknown = argv[at];
  return app;
}

}  // namespace

int main(int argc, char** argv) {
  paradis::remember_command_line(argc, argv);
  CLI::App app{
      "ParaDiS-Sim: simulate distributed neural-network inference on heterogeneous "
      "edge devices (ParaDiS switches and their baselines).",
      "paradis-sim"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "print help for every subcommand");
  paradis::CommandAction action;
  paradis::add_model_command(app, action);
  paradis::add_profile_command(app, action);
#ifdef PARADIS_WITH_SIMGRID
  paradis::add_run_command(app, action);
  paradis::add_sweep_command(app, action);
  paradis::add_plan_command(app, action);
  paradis::add_bench_command(app, action);
#endif
#ifdef PARADIS_WITH_TORCH
  std::string command_line = "paradis-sim";
  for (int i = 1; i < argc; ++i) command_line += std::string(" ") + argv[i];
  paradis::add_train_command(app, action, command_line);
  paradis::add_eval_command(app, action, command_line);
  paradis::add_materialize_command(app, action, command_line);
  paradis::add_calibrate_command(app, action, command_line);
  paradis::add_validate_latency_command(app, action, command_line);
  paradis::add_bench_materialized_command(app, action);
#endif

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(e);  // --help
    }
    std::string unknown;
    if (const CLI::App* level = find_unknown_subcommand(&app, argc, argv, 1, unknown)) {
      std::cerr << "paradis-sim: error: unknown subcommand '" << unknown << "'\n\n"
                << level->help();
      return 2;
    }
    const CLI::App* where = deepest_parsed(&app);
    std::cerr << "paradis-sim: error: " << e.what() << "\n\n" << where->help();
    return 2;
  }
  try {
    return action ? action() : 2;
  } catch (const paradis::InterruptedError& e) {
    std::cerr << "paradis-sim: " << e.what() << "; nothing was written\n";
    return 128 + e.signal_number();
  } catch (const paradis::InputError& e) {
    std::cerr << "paradis-sim: error: " << e.what() << '\n';
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "paradis-sim: internal error: " << e.what() << '\n';
    return 1;
  }
}
