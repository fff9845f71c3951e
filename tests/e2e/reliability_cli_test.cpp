// End-to-end: what a newcomer runs first, and what an adversary feeds in.
// The README's quick start against its checked-in output, platforms that
// SimGrid loads and would then fail or lie on, numbers beyond a double,
// ambiguous JSON, and an interrupted run.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/cli_runner.h"
#include "tests/support/scratch_dir.h"

namespace paradis::testing {
namespace {

namespace fs = std::filesystem;

const std::string kRepo = PARADIS_SOURCE_DIR;
const std::string kTwoHosts = kRepo + "/platforms/two_hosts.xml";

// `text` with the first `from` replaced by `to` (unchanged without one).
std::string replace_first(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// A scenario on a copy of two_hosts.xml with the first `pattern` replaced by
// `replacement`, in a scratch folder; returns the scenario's path.
std::string scenario_on_edited_platform(const std::string& pattern,
                                        const std::string& replacement,
                                        const std::string& strategies =
                                            R"([{"kind": "single"}, {"kind": "paradis", "switch": "2x0.5"}])") {
  const std::string dir = make_temp_dir();
  write_text(dir + "/p.xml",
             replace_first(slurp(kTwoHosts), pattern, replacement));
  write_text(dir + "/s.json", R"({"platform": "p.xml", "latency_model": {"kind": "flops"},
    "network": "mobilenet_v1_fmnist",
    "source_host": "alpha", "workload": {"count": 3}, "strategies": )" +
                                  strategies + "}");
  return dir + "/s.json";
}

TEST(Quickstart, RunsFromAFreshFolderAndPrintsTheExpectedTable) {
  // As a user runs it from a clone: relative paths, and an --out whose
  // parent does not exist yet.
  const std::string dir = enter_clone_folder();
  const CliResult r = run_cli({"run", "scenarios/quickstart.json", "--out", "out/quickstart"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, slurp(kRepo + "/scenarios/quickstart.expected"));
  for (const char* file : {"summary.csv", "summary.json", "requests.csv", "trace.json"}) {
    EXPECT_TRUE(fs::is_regular_file(dir + "/out/quickstart/" + file)) << file;
  }
}

TEST(Quickstart, ReadmeShowsTheExpectedOutput) {
  const std::string block = "$ build/release/sim/paradis-sim run scenarios/quickstart.json --out "
                            "out/quickstart\n" +
                            slurp(kRepo + "/scenarios/quickstart.expected") + "```";
  EXPECT_NE(slurp(kRepo + "/README.md").find(block), std::string::npos)
      << "README.md's quick start block differs from scenarios/quickstart.expected";
}

TEST(BoardFailure, RunsFromAFreshFolderAndPrintsTheExpectedTables) {
  enter_clone_folder();
  const CliResult r =
      run_cli({"run", "scenarios/board_failure.json", "--out", "out/board_failure"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, slurp(kRepo + "/scenarios/board_failure.expected"));
}

TEST(BoardFailure, ReadmeShowsTheExpectedAvailability) {
  const std::string table = availability_table(slurp(kRepo + "/scenarios/board_failure.expected"));
  ASSERT_FALSE(table.empty());
  EXPECT_NE(slurp(kRepo + "/README.md").find(table), std::string::npos)
      << "README.md's failure table differs from scenarios/board_failure.expected";
}

struct PlatformCase {
  const char* name;
  const char* pattern;
  const char* replacement;
  const char* error;
};

void PrintTo(const PlatformCase& c, std::ostream* os) { *os << c.name; }

class BadPlatform : public ::testing::TestWithParam<PlatformCase> {};

TEST_P(BadPlatform, IsAnErrorNamingThePlace) {
  const PlatformCase& c = GetParam();
  const std::string scenario = scenario_on_edited_platform(c.pattern, c.replacement);
  expect_one_line_error(run_cli({"run", scenario, "--out", make_temp_dir()}), c.error);
  expect_one_line_error(run_cli({"validate", scenario}), c.error);
}

const PlatformCase kBadPlatforms[] = {
        PlatformCase{"NoRoute",
                     R"(<route src="alpha" dst="beta" symmetrical="NO"><link_ctn id="wire_UP"/></route>)",
                     "",
                     "hosts 'alpha' and 'beta' exchange data, but"},
        PlatformCase{"NanSpeed", R"(speed="500Mf")", R"(speed="nanf")",
                     "p.xml: host 'beta': speed nan (expected a positive, finite FLOP/s"},
        PlatformCase{"ZeroSpeed", R"(speed="500Mf")", R"(speed="0f")",
                     "p.xml: host 'beta': speed 0 (expected a positive"},
        PlatformCase{"ZeroBandwidth", R"(bandwidth="12.5MBps")", R"(bandwidth="0MBps")",
                     "p.xml: link 'wire_UP': bandwidth 0 B/s (expected a positive"},
        PlatformCase{"NegativeLatency", R"(latency="1ms")", R"(latency="-1ms")",
                     "link 'wire_UP': latency -0.001 s (expected a finite latency >= 0"},
        PlatformCase{"NegativeWattage", R"("2.0:2.0:6.0")", R"("-2.0:2.0:6.0")",
                     "p.xml: host 'alpha': wattage_per_state: '-2.0:2.0:6.0' (expected"},
        PlatformCase{"WattageRangeNotNumbers", R"("1.0:3.0")", R"("1.0:lots")",
                     "wattage_range: '1.0:lots' (expected Idle:Busy"},
        PlatformCase{"WifiLevelNotANumber", R"(<prop id="wattage_off" value="0.1"/>)",
                     R"(<prop id="wattage_off" value="0.1"/><prop id="wifi_level" value="high"/>)",
                     "host 'alpha': wifi_level: 'high' (expected the index"}};

INSTANTIATE_TEST_SUITE_P(
    RunCliErrors, BadPlatform, ::testing::ValuesIn(kBadPlatforms),
    [](const ::testing::TestParamInfo<PlatformCase>& c) { return c.param.name; });

TEST(RunCli, HostsWithoutPowerFiguresRunWithEnergyUnavailable) {
  const std::string scenario =
      scenario_on_edited_platform(R"(<prop id="wattage_per_state" value="1.0:1.0:3.0"/>)", "");
  const std::string out = make_temp_dir();
  const CliResult r = run_cli({"run", scenario, "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("n/a"), std::string::npos) << r.out;
  EXPECT_NE(slurp(out + "/summary.csv").find(",n/a,n/a,"), std::string::npos);
  EXPECT_NE(slurp(out + "/summary.json").find("\"energy_per_request_j\": null"),
            std::string::npos);
}

// ns-3 packet level on the shipped switched Ethernet: transfers larger than
// ns-3's default TCP send buffer (the 602 kB input), hosts that send to
// several peers, every strategy.
TEST(RunCli, Ns3RunsTheSwitchedEthernetPlatform) {
  const std::string out = make_temp_dir();
  const CliResult r = run_cli({"run", kRepo + "/scenarios/edge_ethernet.json", "--out", out,
                               "--set", "simgrid.network_model=ns-3", "--set",
                               "workload.count=3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string summary = slurp(out + "/summary.csv");
  std::istringstream rows(summary);
  std::string row;
  std::getline(rows, row);
  int strategies = 0;
  for (; std::getline(rows, row); ++strategies) {
    // completed, failed, availability
    EXPECT_NE(row.find(",3,0,100,"), std::string::npos) << row;
  }
  EXPECT_EQ(strategies, 7);
}

TEST(RunCliErrors, Ns3OnAWifiPlatformSaysWhyAndHow) {
  const CliResult r = run_cli({"validate", kRepo + "/scenarios/quickstart.json", "--set",
                               "simgrid.network_model=ns-3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("home_wifi.xml: SimGrid's ns-3 model cannot run this platform: a link "
                       "gives several bandwidths"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("one bandwidth per link"), std::string::npos) << r.err;
}

TEST(RunCliErrors, Ns3NamesAHostWithoutAOneLinkRoute) {
  const std::string dir = make_temp_dir();
  write_text(dir + "/p.xml", R"(<?xml version='1.0'?>
<!DOCTYPE platform SYSTEM "https://simgrid.org/simgrid.dtd">
<platform version="4.1">
  <zone id="z" routing="Full">
    <host id="alpha" speed="1Gf"/>
    <host id="beta" speed="1Gf"/>
    <link id="first" bandwidth="1MBps" latency="1ms"/>
    <link id="second" bandwidth="1MBps" latency="1ms"/>
    <route src="alpha" dst="beta"><link_ctn id="first"/><link_ctn id="second"/></route>
  </zone>
</platform>
)");
  write_text(dir + "/s.json", R"({"platform": "p.xml", "latency_model": {"kind": "flops"},
    "network": "mobilenet_v1_fmnist",
    "source_host": "alpha", "workload": {"count": 1},
    "strategies": [{"kind": "paradis", "switch": "2x0.5"}],
    "simgrid": {"network_model": "ns-3"}})");
  const CliResult r = run_cli({"run", dir + "/s.json", "--out", dir + "/out"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("p.xml: SimGrid's ns-3 model cannot run this platform: host '"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("ends no route of one link"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/out"));
}

TEST(RunCliErrors, NumberBeyondADouble) {
  const std::string scenario = scenario_on_edited_platform("x", "x");
  std::string text = slurp(scenario);
  text.replace(text.find("\"count\": 3"), 10, "\"count\": 1e400");
  write_text(scenario, text);
  expect_one_line_error(run_cli({"run", scenario}),
                        "s.json: $.workload.count: number 1e400 is out of range");
  expect_one_line_error(
      run_cli({"run", kRepo + "/scenarios/quickstart.json", "--set", "workload.interval_s=1e400"}),
      "--set 'workload.interval_s=1e400': $: number 1e400 is out of range");
}

TEST(RunCliErrors, DuplicateKey) {
  const std::string scenario = scenario_on_edited_platform("x", "x");
  std::string text = slurp(scenario);
  text.replace(text.find("\"count\": 3"), 10, "\"count\": 3, \"count\": 4");
  write_text(scenario, text);
  expect_one_line_error(run_cli({"validate", scenario}),
                        "s.json: $.workload.count: duplicate key");
}

TEST(RunCliErrors, SetIndexFarBeyondTheArray) {
  expect_one_line_error(run_cli({"run", kRepo + "/scenarios/quickstart.json", "--set",
                                 "strategies.99999999999999.kind=single"}),
                        "$.strategies has 6 elements; expected an index in [0, 6]");
}

TEST(RunCliErrors, SetThatIsNotUtf8) {
  expect_one_line_error(run_cli({"validate", kRepo + "/scenarios/quickstart.json", "--set",
                                 "network=mobile\x96net"}),
                        "--set: an override is not valid UTF-8 text");
}

TEST(RunCliErrors, OutThatCannotBeWrittenFailsBeforeSimulating) {
  const std::string file = make_temp_dir() + "/a_file";
  write_text(file, "x");
  const CliResult r = run_cli({"run", kRepo + "/scenarios/quickstart.json", "--out", file + "/out"});
  expect_one_line_error(r, "--out " + file + "/out: cannot create the folder");
}

TEST(RunCliErrors, HostListedTwice) {
  const std::string scenario = scenario_on_edited_platform(
      "x", "x", R"([{"kind": "model_parallel", "hosts": ["alpha", "beta", "alpha"]}])");
  expect_one_line_error(run_cli({"validate", scenario}),
                        "s.json: $.strategies[0].hosts[2]: host 'alpha' is listed twice");
}

TEST(RunCliErrors, EmptyPlatformPath) {
  const std::string scenario = scenario_on_edited_platform("x", "x");
  std::string text = slurp(scenario);
  text.replace(text.find("\"p.xml\""), 7, "\"\"");
  write_text(scenario, text);
  expect_one_line_error(run_cli({"validate", scenario}),
                        "s.json: $.platform: expected the path of a SimGrid platform file");
}

TEST(RunCliErrors, AccuracyRowsThatDisagree) {
  const std::string dir = make_temp_dir();
  const std::string row =
      R"({"network": "mobilenet_v1_fmnist", "resolution": 28, "method": "paradis",
          "switch": "2x0.5", "source": "test", "top1": )";
  write_text(dir + "/acc.json", R"({"format": "paradis-accuracy", "version": 1, "entries": [)" +
                                    row + "91.5}, " + row + "91.5}, " + row + "90.0}]}");
  const std::string scenario = scenario_on_edited_platform("x", "x");
  std::string text = slurp(scenario);
  text.insert(text.rfind('}'), R"(, "accuracy": ")" + dir + R"(/acc.json")");
  write_text(scenario, text);
  expect_one_line_error(run_cli({"validate", scenario}),
                        "acc.json: $.entries[2]: the same network, resolution, method and switch "
                        "as $.entries[0] with another top1 (90.0 against 91.5)");
}

// A list of accuracy tables: rows read in order, the first that matches
// wins; an entry that is not a file name is an error naming its place.
TEST(RunCli, AccuracyTablesInAListFirstRowWins) {
  const std::string dir = make_temp_dir();
  const auto table = [](const std::string& top1) {
    return R"({"format": "paradis-accuracy", "version": 1, "entries": [{"network": "mobilenet_v1_fmnist", "resolution": 28, "method": "paradis", "switch": "2x0.5", "source": "test", "top1": )" +
           top1 + "}]}";
  };
  write_text(dir + "/a.json", table("88.5"));
  write_text(dir + "/b.json", table("77.5"));
  const std::string scenario = std::string(PARADIS_SOURCE_DIR) + "/scenarios/quickstart.json";
  const CliResult r = run_cli({"run", scenario, "--set", "workload.count=2", "--set",
                               "accuracy=[\"" + dir + "/a.json\", \"" + dir + "/b.json\"]",
                               "--out", dir + "/out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("88.50"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("77.50"), std::string::npos) << r.out;
  // The full switch is in neither table: its reason names both.
  EXPECT_NE(r.out.find("a.json + " + dir + "/b.json has no row"), std::string::npos) << r.out;
  expect_one_line_error(run_cli({"validate", scenario, "--set", "accuracy=[\"a.json\", 3]"}),
                        "quickstart.json: $.accuracy: expected an accuracy table's file or a "
                        "list of them");
}

TEST(ModelCliErrors, NetworkFileThatIsAFifoIsRefused) {
  const std::string fifo = make_temp_dir() + "/net.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  expect_one_line_error(run_cli({"model", "info", fifo}),
                        "net.json: not a regular file (expected a file, not a folder");
}

TEST(ModelCliErrors, CountsThatDoNotFitNameTheLayer) {
  const std::string path = make_temp_dir() + "/huge.json";
  write_text(path, R"({"format": "paradis-layer-graph", "version": 1, "name": "huge", "layers": [
    {"name": "image", "op": "input", "shape": [1048576, 1048576, 1048576]},
    {"name": "fc", "op": "linear", "inputs": ["image"], "out_features": 1048576, "split_output": false},
    {"name": "out", "op": "output", "inputs": ["fc"]}]})");
  expect_one_line_error(run_cli({"model", "info", path}),
                        "layer 'fc': its MAC, parameter or element count exceeds 2^60");
  write_text(path, R"({"format": "paradis-layer-graph", "version": 1, "name": "huge", "layers": [
    {"name": "image", "op": "input", "shape": [1, 1048576, 1048576]},
    {"name": "up", "op": "pixel_shuffle", "inputs": ["image"], "upscale": 64},
    {"name": "fc", "op": "linear", "inputs": ["up"], "out_features": 1, "split_output": false},
    {"name": "out", "op": "output", "inputs": ["fc"]}]})");
  const CliResult r = run_cli({"model", "info", path});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

// The processes whose environment holds `marker` (other than this one).
std::vector<int> processes_with(const std::string& marker) {
  std::vector<int> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (std::stoi(name) == ::getpid()) continue;
    if (slurp(entry.path().string() + "/environ").find(marker) != std::string::npos) {
      found.push_back(std::stoi(name));
    }
  }
  return found;
}

// Runs paradis-sim with `args` in a child whose TMPDIR is `tmp` and whose
// stderr goes to `err_path`, sends it SIGTERM 0.3 s after stderr holds
// `ready` (waiting for it `tries` x 50 ms at most), and returns its wait
// status (-1 when it could not be run or waited for).
int sigterm_when(const std::vector<std::string>& args, const std::string& tmp,
                 const std::string& err_path, const std::string& ready, int tries) {
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::setenv("TMPDIR", tmp.c_str(), 1);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(err, 2);
    std::vector<char*> argv{const_cast<char*>("paradis-sim")};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(PARADIS_SIM_BINARY, argv.data());
    ::_exit(127);
  }
  for (int i = 0; i < tries && slurp(err_path).find(ready) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int status = 0;
  if (::kill(pid, SIGTERM) != 0 || ::waitpid(pid, &status, 0) != pid) return -1;
  return status;
}

// Whether every process with TMPDIR=`tmp` in its environment is gone (given
// 2 s to end).
bool no_process_left(const std::string& tmp) {
  for (int i = 0; i < 40 && !processes_with("TMPDIR=" + tmp).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return processes_with("TMPDIR=" + tmp).empty();
}

TEST(RunCli, SigtermLeavesNoProcessNoTemporaryFolderAndTheEarlierOutputs) {
  const std::string tmp = make_scratch_dir("paradis-sigterm");
  const std::string out = make_temp_dir();
  for (const char* file : {"summary.csv", "summary.json", "requests.csv", "trace.json"}) {
    write_text(out + "/" + file, std::string("earlier ") + file);
  }
  const std::string err_path = make_temp_dir() + "/stderr";
  // Interrupt once the first strategy is being simulated in its child.
  const int status =
      sigterm_when({"run", kRepo + "/scenarios/quickstart.json", "--out", out, "--set",
                    "workload.count=1000000"},
                   tmp, err_path, "[1/6]", 600);
  ASSERT_NE(status, -1);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM) << slurp(err_path);
  EXPECT_NE(slurp(err_path).find("paradis-sim: interrupted by SIGTERM; nothing was written"), std::string::npos)
      << slurp(err_path);

  EXPECT_TRUE(no_process_left(tmp)) << "a simulating child outlived run";
  EXPECT_TRUE(fs::is_empty(tmp)) << "temporary files left in " << tmp;
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(out)) left.push_back(entry.path().filename());
  EXPECT_EQ(left.size(), 4U) << "partial files left in --out";
  for (const char* file : {"summary.csv", "summary.json", "requests.csv", "trace.json"}) {
    EXPECT_EQ(slurp(out + "/" + file), std::string("earlier ") + file);
  }
}

// A sweep interrupted: its workers and their simulating children gone, no
// temporary file left, the points done kept, no sweep.csv.
TEST(SweepCli, SigtermKeepsThePointsDoneAndLeavesNoProcessNorTemporaryFolder) {
  const std::string tmp = make_scratch_dir("paradis-sweep-sigterm");
  const std::string dir = make_temp_dir();
  write_text(dir + "/study.json", R"({"scenario": ")" + kRepo + R"(/scenarios/quickstart.json",
    "axes": [{"set": "workload.count", "values": [2, 1000000, 1000000]}]})");
  const std::string err_path = dir + "/stderr";
  const int status =
      sigterm_when({"sweep", dir + "/study.json", "--out", dir + "/out", "--jobs", "2"}, tmp,
                   err_path, "[1/3] point 0", 1200);
  ASSERT_NE(status, -1);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM) << slurp(err_path);
  EXPECT_NE(slurp(err_path).find("interrupted by SIGTERM; the points done are kept in"),
            std::string::npos)
      << slurp(err_path);
  EXPECT_TRUE(no_process_left(tmp)) << "a worker outlived sweep";
  EXPECT_TRUE(fs::is_empty(tmp)) << "temporary files left in " << tmp;
  EXPECT_TRUE(fs::exists(dir + "/out/points/0000000.csv"));
  EXPECT_FALSE(fs::exists(dir + "/out/points/0000001.csv"));
  EXPECT_FALSE(fs::exists(dir + "/out/sweep.csv"));
}

}  // namespace
}  // namespace paradis::testing
