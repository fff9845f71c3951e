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
// Runs any program the same way, in folder `cwd` (empty: this one).
CliResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::string& cwd = "");

// A fresh folder under the system's temporary directory, removed when the
// test process exits.
std::string make_temp_dir();

// A whole file as text (empty if it cannot be read).
std::string slurp(const std::string& path);

// Exit status 2, nothing on stdout, and exactly one stderr line starting
// "paradis-sim: error: " that contains `fragment`.
void expect_one_line_error(const CliResult& r, const std::string& fragment);

}  // namespace paradis::testing
