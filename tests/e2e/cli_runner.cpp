#include "tests/e2e/cli_runner.h"

#include "tests/support/scratch_dir.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace paradis::testing {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

void expect_one_line_error(const CliResult& r, const std::string& fragment) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(r.err.rfind("paradis-sim: error: ", 0), 0U) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "not one line: " << r.err;
  EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
}

std::string make_temp_dir() { return make_scratch_dir(); }

std::string enter_clone_folder() {
  const std::string repo = PARADIS_SOURCE_DIR;
  const std::string dir = make_temp_dir();
  for (const char* entry : {"scenarios", "platforms", "models"}) {
    std::filesystem::create_directory_symlink(repo + "/" + entry, dir + "/" + entry);
  }
  if (::chdir(dir.c_str()) != 0) throw std::runtime_error("cannot enter " + dir);
  return dir;
}

std::string availability_table(const std::string& run_output) {
  const auto from = run_output.find("Availability:");
  if (from == std::string::npos) return "";
  return run_output.substr(from, run_output.find("\nWrote ", from) - from);
}

CliResult run_cli(const std::vector<std::string>& args) {
  return run_program(PARADIS_SIM_BINARY, args);
}

CliResult run_program(const std::string& program, const std::vector<std::string>& args,
                      const std::string& cwd) {
  const std::string dir = make_temp_dir();
  const std::string out_path = dir + "/stdout";
  const std::string err_path = dir + "/stderr";
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    std::vector<char*> argv;
    std::string binary = program;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  ::rmdir(dir.c_str());
  return r;
}

}  // namespace paradis::testing
