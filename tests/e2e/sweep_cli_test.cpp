// paradis-sim sweep: one CSV whatever the parallelism, shards that merge
// into it byte for byte, resuming, the GNU parallel and Slurm recipes, and
// input errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kScenario = std::string(PARADIS_FIXTURES) + "/scenarios/two_hosts.json";

// 3 workloads x 2 link latencies (a platform figure) = 6 points.
std::string write_study(const std::string& dir, const std::string& extra = "") {
  write_text(dir + "/study.json", R"({"scenario": ")" + kScenario + R"(",
    "set": ["workload.count=4"], )" + extra + R"(
    "axes": [
      {"set": "workload.seed", "values": [1, 2, 3]},
      {"link": "wire_UP", "figure": "latency", "name": "uplink latency", "values": ["1ms", "20ms"]}
    ]})");
  return dir + "/study.json";
}

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(SweepCli, OneCsvWhateverTheJobsAndEveryAxisAColumn) {
  const std::string dir = make_temp_dir();
  const std::string study = write_study(dir);
  // --out's parents are made as needed.
  const CliResult one = run_cli({"sweep", study, "--out", dir + "/new/one", "--jobs", "1"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("6 points (6 run, 0 kept from an earlier run), 18 rows"), std::string::npos)
      << one.out;
  EXPECT_NE(one.err.find("[6/6] point "), std::string::npos) << one.err;
  const CliResult two = run_cli({"sweep", study, "--out", dir + "/two", "--jobs", "3"});
  ASSERT_EQ(two.exit_code, 0) << two.err;
  const std::string csv = slurp(dir + "/new/one/sweep.csv");
  EXPECT_EQ(csv, slurp(dir + "/two/sweep.csv"));
  EXPECT_EQ(lines(csv), 1U + 6 * 3);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "point,workload.seed,uplink latency,strategy,configuration,hosts,latency_mean_ms,"
            "latency_p50_ms,latency_p95_ms,latency_p99_ms,throughput_rps,mb_per_request,"
            "energy_per_request_j,dynamic_energy_per_request_j,accuracy,accuracy_method,"
            "accuracy_source,completed,failed,availability_pct,served_accuracy,accuracy_metric");
  EXPECT_NE(csv.find("\n5,3,20ms,paradis,2x0.5,alpha+beta,"), std::string::npos) << csv;
  // The uplink's latency reaches the simulation: paradis 2x0.5 sends over
  // it, so the 20 ms points are slower than the 1 ms ones.
  const auto mean_of = [&](const std::string& prefix) {
    const auto at = csv.find(prefix);
    EXPECT_NE(at, std::string::npos) << prefix;
    std::size_t field = at;
    for (int i = 0; i < 6; ++i) field = csv.find(',', field) + 1;
    return std::stod(csv.substr(field));
  };
  EXPECT_GT(mean_of("\n1,1,20ms,paradis,2x0.5,"), mean_of("\n0,1,1ms,paradis,2x0.5,") + 0.019 * 1e3);
}

TEST(SweepCli, ShardsMergeIntoTheUnshardedFileAndSlurmPicksItsShare) {
  const std::string dir = make_temp_dir();
  const std::string study = write_study(dir);
  ASSERT_EQ(run_cli({"sweep", study, "--out", dir + "/all"}).exit_code, 0);
  for (const char* shard : {"0/3", "2/3"}) {
    const CliResult r =
        run_cli({"sweep", study, "--out", dir + "/s" + std::string(1, shard[0]), "--shard", shard});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2 points (2 run"), std::string::npos) << r.out;
  }
  // Task 11 of an array 10-12 is share 1 of 3.
  const CliResult slurm = run_program(
      "/usr/bin/env",
      {"SLURM_ARRAY_TASK_ID=11", "SLURM_ARRAY_TASK_MIN=10", "SLURM_ARRAY_TASK_COUNT=3",
       PARADIS_SIM_BINARY, "sweep", study, "--out", dir + "/s1", "--shard", "slurm"});
  ASSERT_EQ(slurm.exit_code, 0) << slurm.err;
  EXPECT_NE(slurm.err.find("shard 1/3: 2"), std::string::npos) << slurm.err;
  const CliResult merged = run_cli({"sweep", study, "--out", dir + "/merged", "--merge",
                                    dir + "/s2/sweep.csv", dir + "/s0/sweep.csv",
                                    dir + "/s1/sweep.csv"});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_NE(merged.out.find("Merged 3 shards: 18 rows of 6 points"), std::string::npos);
  EXPECT_EQ(slurp(dir + "/merged/sweep.csv"), slurp(dir + "/all/sweep.csv"));
  // A shard missing, or given twice.
  expect_one_line_error(run_cli({"sweep", study, "--out", dir + "/m2", "--merge",
                                 dir + "/s0/sweep.csv", dir + "/s1/sweep.csv"}),
                        "point 2 (workload.seed=2, uplink latency=1ms) is in no shard");
  expect_one_line_error(run_cli({"sweep", study, "--out", dir + "/m3", "--merge",
                                 dir + "/s0/sweep.csv", dir + "/s0/sweep.csv"}),
                        "s0/sweep.csv:2: point 0 is in " + dir + "/s0/sweep.csv already");
}

// The README's recipe for several machines, run here with GNU parallel.
TEST(SweepCli, GnuParallelRecipeGivesTheUnshardedFile) {
  ASSERT_EQ(run_program("/bin/sh", {"-c", "command -v parallel"}).exit_code, 0)
      << "GNU parallel is missing: scripts/setup-deps.sh installs it";
  const std::string dir = make_temp_dir();
  const std::string study = write_study(dir);
  ASSERT_EQ(run_cli({"sweep", study, "--out", dir + "/all"}).exit_code, 0);
  const std::string bin = PARADIS_SIM_BINARY;
  const CliResult r = run_program(
      "/bin/sh",
      {"-c", "parallel --will-cite '" + bin + "' sweep study.json --shard {}/4 --out shard{} ::: "
             "0 1 2 3 && '" + bin + "' sweep study.json --out merged --merge shard*/sweep.csv"},
      dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(dir + "/merged/sweep.csv"), slurp(dir + "/all/sweep.csv"));
}

TEST(SweepCli, ResumesWithThePointsItHasAndRefusesAnotherStudysPoints) {
  const std::string dir = make_temp_dir();
  const std::string study = write_study(dir);
  ASSERT_EQ(run_cli({"sweep", study, "--out", dir + "/o"}).exit_code, 0);
  const std::string first = slurp(dir + "/o/sweep.csv");
  std::remove((dir + "/o/points/0000004.csv").c_str());
  const CliResult again = run_cli({"sweep", study, "--out", dir + "/o", "--jobs", "2"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("6 points (1 run, 5 kept from an earlier run)"), std::string::npos)
      << again.out;
  EXPECT_EQ(slurp(dir + "/o/sweep.csv"), first);
  write_study(dir, R"("combine": "grid",)");
  expect_one_line_error(run_cli({"sweep", study, "--out", dir + "/o"}),
                        "holds the points of another version of the study");
}

TEST(SweepCli, KeepsEveryPointsRunOutputsOnRequest) {
  const std::string dir = make_temp_dir();
  const CliResult r = run_cli({"sweep", write_study(dir), "--out", dir + "/o", "--keep-points"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"summary.csv", "summary.json", "requests.csv", "trace.json"}) {
    EXPECT_FALSE(slurp(dir + "/o/points/0000005/" + f).empty()) << f;
  }
}

TEST(SweepCliErrors, NameTheFileThePathAndThePoint) {
  const std::string dir = make_temp_dir();
  write_text(dir + "/bad.json", R"({"scenario": "s.json", "axes": [{"set": "a"}]})");
  expect_one_line_error(run_cli({"sweep", dir + "/bad.json", "--out", dir + "/o"}),
                        dir + "/bad.json: $.axes[0].values: missing");
  write_text(dir + "/host.json", R"({"scenario": ")" + kScenario + R"(",
    "axes": [{"set": "source_host", "values": ["alpha", "gamma"]}]})");
  expect_one_line_error(run_cli({"sweep", dir + "/host.json", "--out", dir + "/o2"}),
                        "point 1 (source_host=gamma): " + kScenario +
                            ": $.source_host: unknown host 'gamma'");
  write_text(dir + "/link.json", R"({"scenario": ")" + kScenario + R"(",
    "axes": [{"link": "radio", "figure": "bandwidth", "values": ["1Mbps"]}]})");
  expect_one_line_error(run_cli({"sweep", dir + "/link.json", "--out", dir + "/o3"}),
                        dir + "/link.json: $.axes[0]: ");
  expect_one_line_error(run_cli({"sweep", write_study(dir), "--out", dir + "/o4", "--shard", "3/3"}),
                        "--shard '3/3': expected 0 <= I < N, got 3/3");
  expect_one_line_error(run_cli({"sweep", write_study(dir), "--out", dir + "/o5", "--shard", "slurm"}),
                        "SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not set");
  write_text(dir + "/other.csv", "point,x\n");
  expect_one_line_error(run_cli({"sweep", write_study(dir), "--out", dir + "/o6", "--merge",
                                 dir + "/other.csv"}),
                        dir + "/other.csv:1: expected the study's header: point,workload.seed,");
}

}  // namespace
}  // namespace paradis::testing

namespace paradis::testing {
namespace {

// The number of devices of a kind as an axis: a platform described in the
// scenario, its count swept.
TEST(SweepCli, CountsOfDevicesFromAPlatformDescription) {
  const std::string dir = make_temp_dir();
  write_text(dir + "/scenario.json", R"({
    "platform": {"network": "ethernet", "bandwidth": "100Mbps", "latency": "50us",
                 "hosts": [{"name": "gw", "speed": "19.2Gf", "cores": 4, "device_profile": "mini_pc"},
                           {"name": "board", "count": 1, "speed": "12Gf", "cores": 4,
                            "device_profile": "raspberry_pi_4"}]},
    "network": "mobilenet_v1_fmnist", "source_host": "gw",
    "workload": {"count": 3},
    "strategies": [{"kind": "replicas"}]})");
  write_text(dir + "/study.json", R"({"scenario": "scenario.json",
    "axes": [{"set": "platform.hosts.1.count", "name": "boards", "values": [1, 3]}]})");
  const CliResult r = run_cli({"sweep", dir + "/study.json", "--out", dir + "/o"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = slurp(dir + "/o/sweep.csv");
  EXPECT_NE(csv.find("\n0,1,replicas,1x1.0 each,board+gw,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n1,3,replicas,1x1.0 each,board1+board2+board3+gw,"), std::string::npos) << csv;
  write_text(dir + "/bad.json", R"({"scenario": "scenario.json",
    "axes": [{"set": "platform.hosts.1.count", "values": [0]}]})");
  expect_one_line_error(run_cli({"sweep", dir + "/bad.json", "--out", dir + "/o2"}),
                        "point 0 (platform.hosts.1.count=0): " + dir +
                            "/scenario.json: $.platform.hosts[1].count: expected an integer in "
                            "[1, 256], got 0");
}

// The model-parallel family over every cable's bandwidth
// (docs/studies.md): 10 bandwidths x 12 configurations; at 10 Gb/s only the
// splits that exchange nothing (ParaDiS, exchange none, RePurpose 0 %) are
// faster than one board, every exchanging one slower.
TEST(SweepCli, ModelParallelFamilyOverBandwidth) {
  const std::string out = make_temp_dir() + "/mp";
  const CliResult r = run_cli({"sweep",
                               std::string(PARADIS_SOURCE_DIR) +
                                   "/scenarios/studies/model_parallel_bandwidth.json",
                               "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream csv(out + "/sweep.csv");
  std::string line;
  std::getline(csv, line);
  const auto column = [](const std::string& row, std::size_t n) {
    std::size_t from = 0;
    for (std::size_t i = 0; i < n; ++i) from = row.find(',', from) + 1;
    return row.substr(from, row.find(',', from) - from);
  };
  // point, ethernet_mbps, 4 more cables, strategy, configuration, hosts,
  // mean, p50, p95.
  std::size_t rows = 0;
  double single = 0.0;
  std::vector<std::pair<std::string, double>> fastest;
  while (std::getline(csv, line)) {
    ++rows;
    if (column(line, 1) != "10000Mbps") continue;
    const double p95 = std::stod(column(line, 11));
    if (column(line, 6) == "single") single = p95;
    fastest.emplace_back(column(line, 6) + " " + column(line, 7), p95);
  }
  EXPECT_EQ(rows, 120U);
  ASSERT_GT(single, 0.0);
  std::vector<std::string> faster;
  for (const auto& [name, p95] : fastest) {
    if (p95 < single) faster.push_back(name);
  }
  EXPECT_EQ(faster, (std::vector<std::string>{"model_parallel exchange none",
                                              "model_parallel repurpose 0 %", "paradis 4x0.25"}));
}

// The README's super-resolution study: ParaDiS 2x0.5's fused images make it
// lose to one device at 20 Mb/s and win at 54 Mb/s; the rows carry PSNR.
TEST(SweepCli, SuperResolutionStudyCrossesBetween20And54Mbps) {
  const std::string dir = make_temp_dir();
  const CliResult r =
      run_cli({"sweep", std::string(PARADIS_SOURCE_DIR) +
                            "/scenarios/studies/bandwidth_super_resolution.json",
               "--out", dir + "/sr"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = slurp(dir + "/sr/sweep.csv");
  const auto mean_ms = [&](const std::string& bandwidth, const std::string& row) {
    const auto at = csv.find("," + bandwidth + "," + row);
    EXPECT_NE(at, std::string::npos) << bandwidth << " " << row;
    std::stringstream line(csv.substr(at, csv.find('\n', at) - at));
    std::string cell;
    for (int i = 0; i < 6; ++i) std::getline(line, cell, ',');  // up to latency_mean_ms
    return std::stod(cell);
  };
  EXPECT_GT(mean_ms("20Mbps", "paradis,2x0.5,"), mean_ms("20Mbps", "single,1x1.0,phone,"));
  EXPECT_LT(mean_ms("54Mbps", "paradis,2x0.5,"), mean_ms("54Mbps", "single,1x1.0,phone,"));
  EXPECT_NE(csv.find(",31.52,paradis,"), std::string::npos);  // the 30-epoch ParaDiS
  EXPECT_NE(csv.find(",psnr_y\n"), std::string::npos);
}

}  // namespace
}  // namespace paradis::testing
