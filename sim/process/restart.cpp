#include "sim/process/restart.h"

#include <unistd.h>

#include <cstdlib>

namespace paradis {

namespace {
char** g_argv = nullptr;
}  // namespace

void remember_command_line(int argc, char** argv) {
  g_argv = argc > 0 ? argv : nullptr;
}

void restart_with_environment(const std::string& name, const std::string& value) {
  if (g_argv == nullptr) return;
  ::setenv(name.c_str(), value.c_str(), 1);
  ::execv("/proc/self/exe", g_argv);
}

}  // namespace paradis
