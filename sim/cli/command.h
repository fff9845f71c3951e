#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace paradis {

// What a subcommand does once the command line has been parsed; returns the
// exit status. Subcommands register themselves on the parser and set it.
using CommandAction = std::function<int()>;

void add_model_command(CLI::App& app, CommandAction& action);
void add_run_command(CLI::App& app, CommandAction& action);
void add_sweep_command(CLI::App& app, CommandAction& action);
void add_plan_command(CLI::App& app, CommandAction& action);
void add_network_models_command(CLI::App& app, CommandAction& action);
void add_testbed_command(CLI::App& app, CommandAction& action, const std::string& command_line);
void add_compare_command(CLI::App& app, CommandAction& action);
void add_sr_bicubic_command(CLI::App& app, CommandAction& action);
void add_bench_command(CLI::App& app, CommandAction& action);
void add_profile_command(CLI::App& app, CommandAction& action);
void add_trace_command(CLI::App& app, CommandAction& action);
// `command_line` is recorded in checkpoints, accuracy tables and profiles.
void add_calibrate_command(CLI::App& app, CommandAction& action, const std::string& command_line);
void add_validate_latency_command(CLI::App& app, CommandAction& action,
                                  const std::string& command_line);
void add_bench_materialized_command(CLI::App& app, CommandAction& action);
void add_testbed_host_command(CLI::App& app, CommandAction& action);
void add_speed_probe_command(CLI::App& app, CommandAction& action);
void add_train_command(CLI::App& app, CommandAction& action, const std::string& command_line);
void add_eval_command(CLI::App& app, CommandAction& action, const std::string& command_line);
void add_train_sr_command(CLI::App& app, CommandAction& action, const std::string& command_line);
void add_eval_sr_command(CLI::App& app, CommandAction& action, const std::string& command_line);
void add_exchange_search_command(CLI::App& app, CommandAction& action,
                                 const std::string& command_line);
void add_restructure_command(CLI::App& app, CommandAction& action,
                             const std::string& command_line);
void add_materialize_command(CLI::App& app, CommandAction& action,
                             const std::string& command_line);

}  // namespace paradis
