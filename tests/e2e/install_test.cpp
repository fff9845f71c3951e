// `cmake --install` lays out a program that runs from anywhere: the binary
// finds the platforms, scenarios and tables beside itself, and names no path
// of the tree it was built in.
#include <gtest/gtest.h>

#include <string>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kSourceDir = PARADIS_SOURCE_DIR;

std::string install_prefix() {
  const std::string prefix = make_temp_dir() + "/prefix";
  const CliResult r =
      run_program(PARADIS_CMAKE, {"--install", PARADIS_BUILD_DIR, "--prefix", prefix});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  return prefix;
}

TEST(Install, TheInstalledProgramRunsTheQuickstartAndTheBenchFromAnotherFolder) {
  const std::string prefix = install_prefix();
  const std::string bin = prefix + "/bin/paradis-sim";
#if !defined(__SANITIZE_ADDRESS__)
  // Nothing of the build or source tree is compiled in (a sanitizer build
  // names its source files in its diagnostics).
  EXPECT_EQ(slurp(bin).find(kSourceDir), std::string::npos);
#endif
  const std::string elsewhere = make_temp_dir();
  const CliResult run = run_program(
      bin, {"run", prefix + "/share/paradis-sim/scenarios/quickstart.json", "--out", "q", "--set",
            "workload.count=3"},
      elsewhere);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("paradis         4x0.25"), std::string::npos) << run.out;
  EXPECT_NE(slurp(elsewhere + "/q/summary.csv").find("paradis,4x0.25"), std::string::npos);

  const CliResult bench =
      run_program(bin, {"bench", "--requests", "50", "--overload-requests", "200"}, elsewhere);
  ASSERT_EQ(bench.exit_code, 0) << bench.err;
  EXPECT_NE(bench.out.find(prefix + "/share/paradis-sim/platforms/edge_ethernet.xml"),
            std::string::npos)
      << bench.out;
  EXPECT_NE(bench.out.find("ratio engine/bare"), std::string::npos) << bench.out;
}

// The LibTorch commands run in paradis-sim-torch, installed beside
// paradis-sim; without it they say what is missing.
TEST(Install, TheLibTorchCommandsAreHandedToTheBinaryBesideIt) {
  const std::string prefix = install_prefix();
#ifdef PARADIS_WITH_TORCH
  const CliResult help = run_program(prefix + "/bin/paradis-sim", {"eval", "--help"});
  EXPECT_EQ(help.exit_code, 0) << help.err;
  EXPECT_NE(help.out.find("Usage: paradis-sim eval"), std::string::npos) << help.out;
  const std::string alone = make_temp_dir();
  ASSERT_EQ(run_program("/bin/cp", {prefix + "/bin/paradis-sim", alone + "/"}).exit_code, 0);
  const CliResult missing = run_program(alone + "/paradis-sim", {"eval", "--help"});
  EXPECT_EQ(missing.exit_code, 2);
  expect_one_line_error(missing, alone + "/paradis-sim-torch, which cannot be started");
#endif
  const CliResult sim = run_program(prefix + "/bin/paradis-sim", {"--help"});
  EXPECT_NE(sim.out.find("eval"), std::string::npos) << sim.out;
}

}  // namespace
}  // namespace paradis::testing
