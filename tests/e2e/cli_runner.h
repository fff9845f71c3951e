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

// A fresh folder holding the repository's scenarios, platforms and models
// (as links), made the working directory: where a user runs a shipped
// scenario from a clone, with relative paths. Returns the folder.
std::string enter_clone_folder();

// The availability table a run with events prints ("Availability:" up to
// the "Wrote" line); empty when there is none.
std::string availability_table(const std::string& run_output);

// A whole file as text (empty if it cannot be read).
std::string slurp(const std::string& path);
// Writes `text` to `path` as it is.
void write_text(const std::string& path, const std::string& text);

// Exit status 2, nothing on stdout, and exactly one stderr line starting
// "paradis-sim: error: " that contains `fragment`.
void expect_one_line_error(const CliResult& r, const std::string& fragment);

}  // namespace paradis::testing
