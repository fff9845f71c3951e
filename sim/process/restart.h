#pragma once

#include <string>

namespace paradis {

// Keeps the command line this process was started with (call from main).
void remember_command_line(int argc, char** argv);

// Runs this program again with the same command line and NAME=VALUE added to
// its environment, in this process (exec); for settings that a library reads
// only when it is loaded. Returns only if the command line is unknown or the
// exec failed, which the caller reports.
void restart_with_environment(const std::string& name, const std::string& value);

}  // namespace paradis
