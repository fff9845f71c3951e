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

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

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

// The rows of `testbed link --out`'s testbed_link.csv: bytes, repeat,
// measured, CM02 and LV08 seconds. A line that is not five numbers fails
// the test and is left out.
struct LinkRow {
  double bytes, repeat, measured_s, cm02_s, lv08_s;
};
std::vector<LinkRow> link_rows(const std::string& dir, std::string& header) {
  std::istringstream csv(slurp(dir + "/testbed_link.csv"));
  std::getline(csv, header);
  std::vector<LinkRow> rows;
  for (std::string line; std::getline(csv, line);) {
    LinkRow r{};
    if (std::sscanf(line.c_str(), "%lf,%lf,%lf,%lf,%lf", &r.bytes, &r.repeat, &r.measured_s,
                    &r.cm02_s, &r.lv08_s) == 5) {
      rows.push_back(r);
    } else {
      ADD_FAILURE() << "not five numbers: " << line;
    }
  }
  return rows;
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
  std::string header;
  const std::vector<LinkRow> rows = link_rows(dir, header);
  EXPECT_EQ(header, "bytes,repeat,measured_s,cm02_s,lv08_s");
  std::map<double, std::vector<double>> measured;  // bytes -> seconds per repeat
  std::map<double, double> cm02;
  for (const LinkRow& row : rows) {
    // CM02: 1 ms of latency and the bytes at 20 Mb/s.
    EXPECT_NEAR(row.cm02_s, 1e-3 + row.bytes * 8 / 20e6, 1e-12);
    measured[row.bytes].push_back(row.measured_s);
    cm02[row.bytes] = row.cm02_s;
  }
  EXPECT_EQ(rows.size(), 6u);
  // TCP/IP headers (about 4 % of a full frame) and the machine's noise: a
  // loose bound on the median of the repeats, as a shared 2-core machine
  // allows (one repeat delayed by another test's burst does not decide).
  for (auto& [bytes, seconds] : measured) {
    ASSERT_EQ(seconds.size(), 3u) << bytes;
    std::sort(seconds.begin(), seconds.end());
    EXPECT_GT(seconds[1], cm02[bytes] * 0.8) << bytes << " bytes";
    EXPECT_LT(seconds[1], cm02[bytes] * 1.5) << bytes << " bytes";
  }
}

// A 40-byte message is nearly all latency (0.2 ms of route; 114 B on the
// wire with its 8 B size and the headers, 46 us): what the sender sleeps
// must end on time. With the default timer slack the sleep overshot by
// about 80 us on a 2-core virtual machine and the message took 0.35 ms
// before the sender waited for the wire too, about 1.6 times this with it;
// the bound leaves room for the system calls and wake-ups (0.28-0.32 ms
// measured).
TEST(TestbedCli, ASmallMessageTakesTheLatencyNotTheSleepsOvershoot) {
  if (::geteuid() != 0) GTEST_SKIP() << "the testbed needs root";
  const std::string dir = make_temp_dir();
  const CliResult r = run_cli({"testbed", "link", "--bandwidth-mbps", "20", "--latency-ms", "0.1",
                               "--bytes", "40", "--repeats", "15", "--out", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The overshoot the sender timed and wakes early by: at most half the sleep.
  const auto woke = r.out.find("the sender waking ");
  ASSERT_NE(woke, std::string::npos) << r.out;
  const long early_us = std::stol(r.out.substr(woke + std::strlen("the sender waking ")));
  EXPECT_GE(early_us, 0) << r.out;
  EXPECT_LE(early_us, 100) << r.out;
  std::string header;
  std::vector<double> measured;
  double cm02 = 0.0;
  for (const LinkRow& row : link_rows(dir, header)) {
    measured.push_back(row.measured_s);
    cm02 = row.cm02_s;
  }
  ASSERT_EQ(measured.size(), 15u);
  EXPECT_NEAR(cm02, 0.2e-3 + 40 * 8 / 20e6, 1e-12);
  const double wire = 0.2e-3 + (40 + 8 + 66) * 8 / 20e6;
  std::sort(measured.begin(), measured.end());
  EXPECT_GT(measured[7], wire * 0.9);
  EXPECT_LT(measured[7], wire * 1.4) << "median of 15 one-way 40 B messages";
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

const std::string kFixtureScenarios = std::string(PARADIS_FIXTURES) + "/scenarios/";
const std::string kShippedProfile =
    std::string(PARADIS_PLATFORMS) + "/profiles/ci_2core_libtorch_1thread.json";

// How much slower than simulated a testbed run may be: the host processes
// compute several times slower under AddressSanitizer.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kSlowerAtMost = 8.0;
#else
constexpr double kSlowerAtMost = 3.0;
#endif

int lines_of(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// Two host processes on one shaped cable each, a few requests of three
// strategies (a fourth cannot run for real and says why), then the
// simulation of the same testbed and the comparison: loosely near, as a
// shared 2-core machine allows; the bytes exactly those simulated.
TEST(TestbedCli, AScenarioRunsForRealNearItsSimulationAndNothingIsLeft) {
  const std::string dir = make_temp_dir();
  const std::vector<std::string> args = {"testbed", kFixtureScenarios + "testbed_small.json",
                                         "--profile", kShippedProfile, "--warmup", "2",
                                         "--rounds", "2", "--out", dir};
  if (::geteuid() != 0) {
    expect_one_line_error(run_cli(args), "which only root can make");
    GTEST_SKIP() << "the testbed needs root; the error without it was checked";
  }
  const CliResult r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string prefix = testbed_prefix(r.err);
  ASSERT_FALSE(prefix.empty()) << r.err;
  EXPECT_TRUE(namespaces_named(prefix).empty());
  EXPECT_NE(r.out.find("not run: replicas"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("it spreads requests over replicas"), std::string::npos) << r.out;
  EXPECT_EQ(lines_of(slurp(dir + "/requests.csv")), 1 + 3 * 10);
  // Two rounds of five requests each, joined: every strategy's requests
  // numbered 0-9, each starting after the one before has ended.
  std::istringstream requests(slurp(dir + "/requests.csv"));
  std::string request_row;
  std::getline(requests, request_row);
  for (int strategy = 0; strategy < 3; ++strategy) {
    double last_end = 0.0;
    for (int q = 0; q < 10; ++q) {
      ASSERT_TRUE(std::getline(requests, request_row));
      std::vector<std::string> cells;
      std::istringstream in(request_row);
      for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
      ASSERT_GE(cells.size(), 6u) << request_row;
      EXPECT_EQ(cells[2], std::to_string(q)) << request_row;
      EXPECT_GE(std::stod(cells[4]), last_end) << request_row;
      last_end = std::stod(cells[5]);
    }
  }
  // Every task of every request: single 4, paradis 5, model parallelism 25
  // (the input to b; six segments on each host; five exchanges each way;
  // b's slice of the output; the result).
  EXPECT_EQ(lines_of(slurp(dir + "/tasks.csv")), 1 + 10 * (4 + 5 + 25));
  // ParaDiS sends the input on before the source computes its own part.
  int paradis_requests = 0;
  std::istringstream tasks(slurp(dir + "/tasks.csv"));
  std::map<std::string, double> start;  // "request task" -> start
  for (std::string row; std::getline(tasks, row);) {
    if (row.rfind("paradis,", 0) != 0) continue;
    std::vector<std::string> cells;
    std::istringstream in(row);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 10u) << row;
    start[cells[2] + " " + cells[4]] = std::stod(cells[8]);
  }
  for (int q = 0; q < 10; ++q, ++paradis_requests) {
    const std::string id = std::to_string(q);
    EXPECT_LE(start.at(id + " input->1"), start.at(id + " subnetwork 0")) << "request " << q;
  }
  EXPECT_EQ(paradis_requests, 10);
  // The machine's speed, probed before each round and after the last; the
  // simulation at that speed, and with the profile as given.
  EXPECT_NE(r.out.find("speed: the calibration's synthetic chains"), std::string::npos) << r.out;
  const std::string record = slurp(dir + "/testbed.json");
  EXPECT_NE(record.find("\"speed_probe\""), std::string::npos) << record;
  EXPECT_NE(record.find("\"kernel_overhead_us\""), std::string::npos) << record;
  EXPECT_NE(record.find("\"back_to_back_ms\""), std::string::npos) << record;
  EXPECT_NE(record.find("\"after_idle_penalty_us\""), std::string::npos) << record;
  // A probe before each of the two rounds and one after the last.
  const nlohmann::json recorded = nlohmann::json::parse(record);
  EXPECT_EQ(recorded["speed_probe"]["probes"].size(), 3u);
  // Each host process's sender timed its latency sleep's overshoot: two
  // hosts, three strategies, two rounds; never more than half the sleep
  // (two cables of 100 us: 200 us).
  const nlohmann::json overshoot = recorded["latency_sleep_overshoot_us"];
  ASSERT_EQ(overshoot.size(), 2u * 3u * 2u) << record;
  for (const auto& us : overshoot) {
    EXPECT_GE(us.get<double>(), 0.0);
    EXPECT_LE(us.get<double>(), 100.0);
  }
  EXPECT_NE(r.out.find("us early from the latency's sleep"), std::string::npos) << r.out;
  // The cables as the host processes' messages took them, back and forth:
  // a line through the medians of three sizes, above the route's 200 us
  // and below the cable's 20 Mb/s (headers, two tbf shapers in a row); the
  // simulation's cables are that line (each half the route's latency).
  const nlohmann::json fit = recorded["cable_fit"];
  ASSERT_EQ(fit["bytes"], nlohmann::json({40, 3000, 30000})) << record;
  ASSERT_EQ(fit["median_s"].size(), 3u) << record;
  EXPECT_LT(fit["median_s"][0].get<double>(), fit["median_s"][1].get<double>()) << record;
  EXPECT_LT(fit["median_s"][1].get<double>(), fit["median_s"][2].get<double>()) << record;
  const double route_s = fit["route_latency_s"].get<double>();
  const double bandwidth_bps = fit["bandwidth_bps"].get<double>();
  EXPECT_GT(route_s, 200e-6) << record;
  EXPECT_LT(route_s, 200e-6 * kSlowerAtMost * 2) << record;
  EXPECT_GT(bandwidth_bps, 20e6 / kSlowerAtMost) << record;
  EXPECT_LT(bandwidth_bps, 20e6) << record;
  EXPECT_NE(r.out.find("as measured, the simulation's cables"), std::string::npos) << r.out;
  for (const char* f : {"/simulation.json", "/simulation_kept_profile.json"}) {
    const nlohmann::json platform = nlohmann::json::parse(slurp(dir + f))["platform"];
    EXPECT_NEAR(std::stod(platform["bandwidth"].get<std::string>()), bandwidth_bps,
                1e-6 * bandwidth_bps) << f;
    EXPECT_NEAR(std::stod(platform["latency"].get<std::string>()), route_s / 2, 1e-9) << f;
  }
  // A forward right after each message of the cables' timing against the
  // same forward right after (25 requests, three messages into each host
  // each); each host's median, never below 0, is its after-message penalty
  // in simulation.json, none with the profile as kept.
  const nlohmann::json after_message = recorded["after_message"];
  const nlohmann::json sim_hosts =
      nlohmann::json::parse(slurp(dir + "/simulation.json"))["platform"]["hosts"];
  ASSERT_EQ(after_message.size(), 2u) << record;
  ASSERT_EQ(sim_hosts.size(), 2u);
  for (const auto& host : sim_hosts) {
    const nlohmann::json& measured = after_message[host["name"].get<std::string>()];
    EXPECT_EQ(measured["extra_s"].size(), 75u) << record;
    EXPECT_GE(measured["penalty_s"].get<double>(), 0.0) << record;
    EXPECT_LT(measured["penalty_s"].get<double>(), 0.005) << record;
    EXPECT_EQ(host["after_message_penalty_s"], measured["penalty_s"]) << host;
  }
  EXPECT_NE(r.out.find("more than right after itself"), std::string::npos) << r.out;
  EXPECT_EQ(slurp(dir + "/simulation_kept_profile.json").find("after_message"), std::string::npos);
  // Each host's after-idle penalty as the probe measured it, idle from the
  // probe's 1 ms pause on; none with the profile as kept.
  const std::string simulation = slurp(dir + "/simulation.json");
  EXPECT_NE(simulation.find("\"after_idle_penalty_s\""), std::string::npos) << simulation;
  EXPECT_NE(simulation.find("\"after_idle_s\": 0.001"), std::string::npos) << simulation;
  // Both simulations send one message after another between two hosts, as
  // a testbed host does over its one connection to each other host.
  for (const char* f : {"/simulation.json", "/simulation_kept_profile.json"}) {
    EXPECT_EQ(nlohmann::json::parse(slurp(dir + f))["simgrid"]["transfers_per_pair"], 1) << f;
  }
  EXPECT_EQ(slurp(dir + "/simulation_kept_profile.json").find("after_idle"), std::string::npos);
  // And its compute spread, from every forward the probe timed.
  EXPECT_NE(record.find("\"measured_samples_ms\""), std::string::npos) << record;
  EXPECT_NE(simulation.find("\"compute_spread\""), std::string::npos) << simulation;
  EXPECT_EQ(slurp(dir + "/simulation_kept_profile.json").find("compute_spread"), std::string::npos);
  EXPECT_EQ(slurp(dir + "/kept_profile.json"), slurp(kShippedProfile));
  EXPECT_NE(slurp(dir + "/this_machine.json").find("at the testbed's speed"), std::string::npos);
  EXPECT_NE(slurp(dir + "/simulation_kept_profile.json").find("\"kept_profile\""),
            std::string::npos);

  const CliResult sim = run_cli({"run", dir + "/simulation.json", "--out", dir + "/simulated"});
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  const CliResult c =
      run_cli({"compare", dir + "/simulated", dir, "--csv", dir + "/comparison.csv"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  std::istringstream csv(slurp(dir + "/comparison.csv"));
  std::string line;
  std::getline(csv, line);
  int rows = 0;
  while (std::getline(csv, line)) {
    ++rows;
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 12u) << line;
    const double simulated = std::stod(cells[3]);
    const double measured = std::stod(cells[4]);
    EXPECT_GT(measured, simulated / 3) << line;
    EXPECT_LT(measured, simulated * kSlowerAtMost) << line;
    EXPECT_EQ(cells[9], cells[10]) << line;  // the bytes the simulation counts
  }
  EXPECT_EQ(rows, 3);
}

TEST(TestbedCliErrors, OptionsAreChecked) {
  expect_one_line_error(run_cli({"testbed", "link", "--bytes", "100,lots"}),
                        "--bytes: expected comma-separated sizes of 1 byte to 1 GiB, got 'lots'");
}

TEST(TestbedCliErrors, WhatTheTestbedCannotRunIsNamed) {
  const std::string scenario = kFixtureScenarios + "testbed_small.json";
  expect_one_line_error(run_cli({"testbed", scenario, "--profile", kShippedProfile, "--set",
                                 "workload.arrival=\"periodic\"", "--set", "workload.interval_s=0.1"}),
                        "$.workload.arrival: the testbed runs closed-loop workloads only");
  // Without --profile it needs the one validate-latency keeps.
  ::setenv("PARADIS_SIM_CACHE_DIR", make_temp_dir().c_str(), 1);
  expect_one_line_error(run_cli({"testbed", scenario}),
                        "run `paradis-sim validate-latency` once");
  ::unsetenv("PARADIS_SIM_CACHE_DIR");
  expect_one_line_error(run_cli({"testbed"}), "testbed needs a SCENARIO (or the subcommand link)");
}

TEST(TestbedCliErrors, TheShippedTestbedScenarioIsValid) {
  const CliResult r =
      run_cli({"validate", std::string(PARADIS_SOURCE_DIR) + "/scenarios/testbed/two_hosts_20mbps.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("valid scenario, 4 strategies on 2 hosts"), std::string::npos) << r.out;
}

TEST(CompareCli, FoldersWithoutARunAreNamed) {
  const std::string empty = make_temp_dir();
  expect_one_line_error(run_cli({"compare", empty, empty}), empty + "/summary.json");
}

}  // namespace
}  // namespace paradis::testing
