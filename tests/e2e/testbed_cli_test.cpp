// paradis-sim testbed link: real TCP transfers between two network
// namespaces over shaped cables, held loosely against the lone transfer of
// CM02; nothing left behind, not even on SIGTERM; without root, an error
// that says so.
#include <gtest/gtest.h>

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

// The namespaces in /var/run/netns whose names start with `prefix`.
std::vector<std::string> namespaces_named(const std::string& prefix) {
  std::vector<std::string> out;
  if (DIR* dir = ::opendir("/var/run/netns")) {
    while (const dirent* e = ::readdir(dir)) {
      if (std::string(e->d_name).rfind(prefix, 0) == 0) out.push_back(e->d_name);
    }
    ::closedir(dir);
  }
  return out;
}

// The prefix of a testbed's namespaces ("pdsim<pid>"), from the line it
// prints first ("testbed: hosts a and b in namespaces pdsim123h0 and ...");
// other tests' testbeds may run beside this one.
std::string testbed_prefix(const std::string& err) {
  const auto at = err.find("namespaces pdsim");
  if (at == std::string::npos) return "";
  const auto from = at + std::string("namespaces ").size();
  return err.substr(from, err.find('h', from) - from);
}

TEST(TestbedCli, ShapedTransfersAreNearTheLoneTransferAndNothingIsLeft) {
  if (::geteuid() != 0) {
    const CliResult r = run_cli({"testbed", "link", "--repeats", "1"});
    expect_one_line_error(r, "which only root can make");
    GTEST_SKIP() << "the testbed needs root; the error without it was checked";
  }
  // A namespace of a testbed whose process is gone is removed by the next.
  ASSERT_EQ(std::system("ip netns add pdsim4194300h0"), 0);
  const std::string dir = make_temp_dir();
  const CliResult r = run_cli({"testbed", "link", "--bandwidth-mbps", "20", "--latency-ms", "0.5",
                               "--bytes", "200000,1000000", "--repeats", "3", "--out", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string prefix = testbed_prefix(r.err);
  ASSERT_FALSE(prefix.empty()) << r.err;
  EXPECT_TRUE(namespaces_named(prefix).empty());
  EXPECT_TRUE(namespaces_named("pdsim4194300").empty());
  std::istringstream csv(slurp(dir + "/testbed_link.csv"));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "bytes,repeat,measured_s,cm02_s,lv08_s");
  int rows = 0;
  while (std::getline(csv, line)) {
    ++rows;
    double v[5];
    ASSERT_EQ(std::sscanf(line.c_str(), "%lf,%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3], &v[4]), 5)
        << line;
    // CM02: 1 ms of latency and the bytes at 20 Mb/s.
    EXPECT_NEAR(v[3], 1e-3 + v[0] * 8 / 20e6, 1e-12);
    // TCP/IP headers (about 4 % of a full frame) and the machine's noise: a
    // loose bound, as a shared 2-core machine allows.
    EXPECT_GT(v[2], v[3] * 0.8) << line;
    EXPECT_LT(v[2], v[3] * 1.5) << line;
  }
  EXPECT_EQ(rows, 6);
}

TEST(TestbedCli, SigtermLeavesNoNamespace) {
  if (::geteuid() != 0) GTEST_SKIP() << "the testbed needs root";
  const std::string err_path = make_temp_dir() + "/stderr";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(err, 2);
    ::execl(PARADIS_SIM_BINARY, "paradis-sim", "testbed", "link", "--bandwidth-mbps", "1",
            "--bytes", "10000000", "--repeats", "1", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // 80 s of transfer at 1 Mb/s: interrupted while it runs.
  for (int i = 0; i < 200 && slurp(err_path).find("testbed: hosts") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  int status = 0;
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << slurp(err_path);
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM) << slurp(err_path);
  const std::string prefix = testbed_prefix(slurp(err_path));
  ASSERT_FALSE(prefix.empty()) << slurp(err_path);
  EXPECT_TRUE(namespaces_named(prefix).empty()) << slurp(err_path);
}

TEST(TestbedCliErrors, OptionsAreChecked) {
  expect_one_line_error(run_cli({"testbed", "link", "--bytes", "100,lots"}),
                        "--bytes: expected comma-separated sizes of 1 byte to 1 GiB, got 'lots'");
}

}  // namespace
}  // namespace paradis::testing
