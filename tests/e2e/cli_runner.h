#pragma once

#include <string>
#include <vector>

namespace paradis::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the paradis-sim binary with `args` (no shell), capturing its output.
CliResult run_cli(const std::vector<std::string>& args);

// A fresh folder under the system's temporary directory.
std::string make_temp_dir();

}  // namespace paradis::testing
