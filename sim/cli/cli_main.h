#pragma once

#include "sim/cli/command.h"

namespace paradis {

// Parses the command line with the subcommands registered on `app` and runs
// the chosen one: usage errors name the subcommand (exit 2), input errors
// print "paradis-sim: error: ..." (exit 2), an interrupt says nothing was
// written (128 + signal). Shared by paradis-sim and paradis-sim-torch.
int run_command_line(CLI::App& app, const CommandAction& action, int argc, char** argv);

// The command line as one string, for the records a command writes.
std::string joined_command_line(int argc, char** argv);

}  // namespace paradis
