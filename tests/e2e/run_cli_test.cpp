// End-to-end: paradis-sim run and validate on real scenario and platform files.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kScenarios = std::string(PARADIS_FIXTURES) + "/scenarios/";
const std::string kPlatforms = std::string(PARADIS_FIXTURES) + "/platforms/";
const std::string kRepo = PARADIS_SOURCE_DIR;

// The cells of one requests.csv row (it has no quoted fields).
std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  return cells;
}

// Published ImageNet figures where the table has them, the US-Net's width
// first and the S-Net's when the US-Net has none; a missing row says why.
TEST(RunCli, PublishedAccuracySaysItsMethodAndWhyARowIsMissing) {
  const std::string out = make_temp_dir();
  CliResult r = run_cli({"run", kRepo + "/scenarios/imagenet_home_wifi.json", "--out", out, "--set",
                         "workload.count=1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = nlohmann::json::parse(slurp(out + "/summary.json"))["rows"];
  EXPECT_EQ(rows[0]["accuracy"], "70.60");
  EXPECT_EQ(rows[0]["accuracy_source"], "published: Howard et al. 2017, Table 6");
  EXPECT_EQ(rows[1]["accuracy"], "64.20");
  EXPECT_EQ(rows[1]["accuracy_method"], "us");
  EXPECT_EQ(rows[3]["accuracy"], "missing");
  EXPECT_EQ(rows[3]["accuracy_method"], "");
  EXPECT_NE(rows[3]["accuracy_source"].get<std::string>().find(
                "imagenet_published.json has no row for mobilenet_v1 at 224 px, paradis 2x0.5"),
            std::string::npos)
      << rows[3];
  EXPECT_NE(r.out.find("has no row for mobilenet_v1 at 224 px, paradis 2x0.5"), std::string::npos);
  // ResNet-50: no US-Net figures, the S-Net's; model parallelism keeping a
  // quarter of the channels has no trained network.
  r = run_cli({"run", kRepo + "/scenarios/imagenet_home_wifi.json", "--out", out, "--set",
               "workload.count=1", "--set", "network=resnet50", "--set",
               "strategies=[{\"kind\":\"slimmable\",\"width\":0.5},"
               "{\"kind\":\"model_parallel\",\"keep\":0.25}]"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rows = nlohmann::json::parse(slurp(out + "/summary.json"))["rows"];
  EXPECT_EQ(rows[0]["accuracy"], "72.10");
  EXPECT_EQ(rows[0]["accuracy_method"], "slimmable");
  EXPECT_EQ(rows[1]["accuracy"], "missing");
  EXPECT_EQ(rows[1]["accuracy_source"], "no trained network exchanges only keep=0.25 of its channels");
}

TEST(RunCli, QuickstartWritesEveryOutput) {
  const std::string out = make_temp_dir();
  const CliResult r = run_cli(
      {"run", kRepo + "/scenarios/quickstart.json", "--out", out, "--set", "workload.count=3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("paradis         4x0.25"), std::string::npos) << r.out;
  const std::string csv = slurp(out + "/summary.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 7);  // header + 6 strategies
  const auto summary = nlohmann::json::parse(slurp(out + "/summary.json"));
  ASSERT_EQ(summary["rows"].size(), 6U);
  for (const auto& row : summary["rows"]) EXPECT_EQ(row["completed"], 3);
  // Every row has the accuracy this project measured on Fashion-MNIST, with
  // the table row's method beside it.
  const std::vector<std::pair<std::string, std::string>> accuracy = {
      {"92.31", "individual"}, {"92.00", "us"},      {"92.31", "individual"},
      {"92.30", "paradis"},    {"92.00", "paradis"}, {"91.40", "paradis"}};
  for (std::size_t i = 0; i < accuracy.size(); ++i) {
    EXPECT_EQ(summary["rows"][i]["accuracy"], accuracy[i].first) << i;
    EXPECT_EQ(summary["rows"][i]["accuracy_method"], accuracy[i].second) << i;
    EXPECT_EQ(summary["rows"][i]["accuracy_source"],
              "evaluated: Fashion-MNIST test set, paradis-sim eval")
        << i;
  }
  // Without hosts, single runs where the input is: the phone answers first.
  EXPECT_EQ(summary["rows"][0]["hosts"], "phone");
  EXPECT_EQ(summary["latency_model"], "profiles");
  // model_parallel sends about ten times what paradis 4x0.25 sends.
  EXPECT_GT(summary["rows"][2]["mb_per_request"].get<double>() /
                summary["rows"][5]["mb_per_request"].get<double>(),
            10.0);
  const std::string requests = slurp(out + "/requests.csv");
  EXPECT_EQ(std::count(requests.begin(), requests.end(), '\n'), 1 + 6 * 3);
  // The dynamic energy per request is requests.csv's energy summed over the
  // strategy's requests, per completed request; idle power makes the total larger.
  std::istringstream lines(requests);
  std::string line;
  std::getline(lines, line);
  const auto header = split_csv_line(line);
  const auto energy_column = static_cast<std::size_t>(
      std::find(header.begin(), header.end(), "energy_j") - header.begin());
  ASSERT_LT(energy_column, header.size());
  std::map<std::string, double> dynamic;
  while (std::getline(lines, line)) {
    const auto cells = split_csv_line(line);
    dynamic[cells[0] + " " + cells[1]] += std::stod(cells[energy_column]);
  }
  for (const auto& row : summary["rows"]) {
    const std::string key =
        row["strategy"].get<std::string>() + " " + row["configuration"].get<std::string>();
    const double per_request = row["dynamic_energy_per_request_j"].get<double>();
    EXPECT_NEAR(per_request, dynamic.at(key) / 3.0, 1e-6 * per_request) << key;
    EXPECT_GT(per_request, 0.0) << key;
    EXPECT_LT(per_request, row["energy_per_request_j"].get<double>()) << key;
  }
  const auto trace = nlohmann::json::parse(slurp(out + "/trace.json"));
  EXPECT_GT(trace["traceEvents"].size(), 20U);
}

TEST(RunCli, SameSeedGivesByteIdenticalFiles) {
  const std::string a = make_temp_dir();
  const std::string b = make_temp_dir();
  ASSERT_EQ(run_cli({"run", kScenarios + "two_hosts.json", "--out", a}).exit_code, 0);
  ASSERT_EQ(run_cli({"run", kScenarios + "two_hosts.json", "--out", b}).exit_code, 0);
  for (const char* f : {"/summary.csv", "/summary.json", "/requests.csv", "/trace.json"}) {
    const std::string first = slurp(a + f);
    EXPECT_FALSE(first.empty()) << f;
    EXPECT_EQ(first, slurp(b + f)) << f;
  }
  // Another seed gives other arrivals.
  const std::string c = make_temp_dir();
  ASSERT_EQ(run_cli({"run", kScenarios + "two_hosts.json", "--out", c, "--set", "workload.seed=8"})
                .exit_code,
            0);
  EXPECT_NE(slurp(a + "/requests.csv"), slurp(c + "/requests.csv"));
}

// Under both cost models: every host of every shipped platform names a
// device profile that exists.
TEST(RunCli, EveryShippedScenarioRuns) {
  for (const char* model : {"flops", "profiles"}) {
    for (const char* name : {"quickstart", "imagenet_home_wifi", "edge_ethernet", "hetero_mixed"}) {
      const std::string out = make_temp_dir();
      const CliResult r = run_cli({"run", kRepo + "/scenarios/" + name + ".json", "--out", out,
                                   "--set", "workload.count=2", "--set",
                                   std::string("latency_model={\"kind\":\"") + model + "\"}"});
      EXPECT_EQ(r.exit_code, 0) << name << " (" << model << "): " << r.err;
      if (r.exit_code != 0) continue;
      const auto summary = nlohmann::json::parse(slurp(out + "/summary.json"));
      for (const auto& row : summary["rows"]) {
        EXPECT_EQ(row["completed"], 2) << name << " (" << model << ")";
        EXPECT_EQ(row["failed"], 0) << name << " (" << model << ")";
      }
    }
  }
}

TEST(RunCli, PacketLevelNs3ModelRuns) {
  const std::string out = make_temp_dir();
  const CliResult r = run_cli({"run", kScenarios + "two_hosts.json", "--out", out, "--set",
                               "simgrid.network_model=ns-3", "--set", "workload.count=3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto summary = nlohmann::json::parse(slurp(out + "/summary.json"));
  EXPECT_EQ(summary["network_model"], "ns-3");
  for (const auto& row : summary["rows"]) EXPECT_EQ(row["completed"], 3);
}

// simgrid.transfers_per_pair: two requests of single on b arrive 1 ns
// apart; each sends its 3,136-byte input from a to b (two 20 Mb/s cables of
// 0.1 ms: 0.2 ms + 3136 / 2.5e6 s alone, CM02). By default the two inputs
// share the cable and every later step, so both requests take the same
// time (less the 1 ns); with one transfer per pair the second input waits
// for the first, and the second request takes exactly one input longer.
TEST(RunCli, OneTransferAPairMakesTheSecondInputWaitForTheFirst) {
  const std::string dir = make_temp_dir();
  const nlohmann::json scenario = {
      {"platform",
       {{"network", "ethernet"},
        {"bandwidth", "20Mbps"},
        {"latency", "0.1ms"},
        {"hosts", {{{"name", "a"}, {"speed", "1Gf"}, {"device_profile", "laptop_cpu"}},
                    {{"name", "b"}, {"speed", "100Gf"}, {"device_profile", "laptop_cpu"}}}}}},
      {"latency_model", {{"kind", "flops"}}},
      {"network", "mobilenet_v1_fmnist"},
      {"source_host", "a"},
      {"workload", {{"count", 2}, {"arrival", "periodic"}, {"interval_s", 1e-9}}},
      {"strategies", {{{"kind", "single"}, {"hosts", {"b"}}}}},
      {"simgrid", {{"network_model", "CM02"}, {"crosstraffic", false}}}};
  std::ofstream(dir + "/scenario.json") << scenario.dump(2);
  const double input_s = 0.2e-3 + 3136 / 2.5e6;
  const auto latencies = [&dir](const std::vector<std::string>& set) {
    std::vector<std::string> args = {"run", dir + "/scenario.json", "--out", dir + "/out"};
    args.insert(args.end(), set.begin(), set.end());
    const CliResult r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::istringstream rows(slurp(dir + "/out/requests.csv"));
    std::string line;
    std::getline(rows, line);
    std::vector<double> seconds;
    while (std::getline(rows, line)) seconds.push_back(std::stod(split_csv_line(line).at(6)) * 1e-3);
    return seconds;
  };
  const std::vector<double> shared = latencies({});
  ASSERT_EQ(shared.size(), 2u);
  EXPECT_NEAR(shared[1], shared[0] - 1e-9, 1e-8);
  const std::vector<double> one = latencies({"--set", "simgrid.transfers_per_pair=1"});
  ASSERT_EQ(one.size(), 2u);
  // b computes the first request before the second input arrives.
  ASSERT_LT(one[0], 2 * input_s);
  EXPECT_NEAR(one[1] - one[0], input_s - 1e-9, 1e-8);
  EXPECT_GT(shared[0], one[0]);  // the first input had the cable to itself
  expect_one_line_error(run_cli({"run", dir + "/scenario.json", "--out", dir + "/bad", "--set",
                                 "simgrid.transfers_per_pair=0"}),
                        "$.simgrid.transfers_per_pair");
}

TEST(RunCli, ValidateAcceptsGoodFiles) {
  const CliResult s = run_cli({"validate", kScenarios + "two_hosts.json"});
  EXPECT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.out.find("valid scenario, 3 strategies on 2 hosts"), std::string::npos) << s.out;
  const CliResult p = run_cli({"validate", kRepo + "/platforms/home_wifi.xml"});
  EXPECT_EQ(p.exit_code, 0) << p.err;
  EXPECT_NE(p.out.find("4 hosts"), std::string::npos);
}

TEST(BenchCli, EngineAndBareProgramSimulateTheSameThing) {
  const CliResult r = run_cli({"bench", "--requests", "200", "--memory-requests", "500",
                               "--overload-requests", "2000"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto from = r.out.find("simulated time:    engine ") + 26;
  const std::string engine = r.out.substr(from, r.out.find(' ', from) - from);
  EXPECT_NE(r.out.find("engine " + engine + " s, bare " + engine + " s\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ratio engine/bare:"), std::string::npos);
  EXPECT_NE(r.out.find("memory: 500 requests streamed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("peak RSS"), std::string::npos);
  EXPECT_NE(r.out.find("for 2000 periodic requests at 10x the service rate"), std::string::npos)
      << r.out;
}

TEST(RunCliErrors, UnknownKey) {
  expect_one_line_error(run_cli({"validate", kScenarios + "bad_unknown_key.json"}),
                        "bad_unknown_key.json: $.workload.cnt: unknown key");
}

TEST(RunCliErrors, WrongType) {
  expect_one_line_error(run_cli({"run", kScenarios + "bad_type.json"}),
                        "$.workload.count: expected an integer, got a string");
}

TEST(RunCliErrors, UnknownHost) {
  expect_one_line_error(run_cli({"run", kScenarios + "bad_unknown_host.json"}),
                        "$.source_host: unknown host 'gamma'");
  expect_one_line_error(run_cli({"run", kScenarios + "bad_strategy_host.json"}),
                        "$.strategies[2].hosts[1]: unknown host 'gamma'");
}

TEST(RunCliErrors, SwitchWithMoreSubnetworksThanHosts) {
  expect_one_line_error(run_cli({"run", kScenarios + "bad_too_many_subnetworks.json"}),
                        "$.strategies[1]: switch 4x0.25 has 4 sub-networks but the platform has "
                        "only 2 hosts");
}

TEST(RunCliErrors, UnknownStrategy) {
  expect_one_line_error(run_cli({"run", kScenarios + "bad_strategy_kind.json"}),
                        "$.strategies[0].kind: unknown strategy 'pipelined'");
}

TEST(RunCliErrors, MissingPlatformFile) {
  expect_one_line_error(run_cli({"run", kScenarios + "bad_missing_platform.json"}),
                        "missing.xml: cannot open the platform file");
}

TEST(RunCliErrors, PlatformThatSimGridAbortsOn) {
  expect_one_line_error(run_cli({"run", kScenarios + "bad_platform.json"}),
                        "Latency cannot be set for WiFi Links");
  expect_one_line_error(run_cli({"validate", kPlatforms + "malformed.xml"}),
                        "malformed.xml: SimGrid could not load the platform");
}

TEST(RunCliErrors, AccuracyFigureWithoutSource) {
  expect_one_line_error(run_cli({"run", kScenarios + "bad_accuracy.json"}),
                        "no_source.json: $.entries[0].source: every figure needs its source");
}

TEST(RunCliErrors, AccuracyMetricUnknown) {
  expect_one_line_error(
      run_cli({"run", kScenarios + "bad_accuracy_metric.json"}),
      "unknown_metric.json: $.entries[0].metric: expected \"top1\" (percent) or \"psnr_y\" (dB)");
}

TEST(RunCliErrors, MalformedSet) {
  expect_one_line_error(run_cli({"run", kScenarios + "two_hosts.json", "--set", "novalue"}),
                        "--set 'novalue': expected PATH=VALUE");
  expect_one_line_error(
      run_cli({"run", kScenarios + "two_hosts.json", "--set", "workload.count=-1"}),
      "$.workload.count: expected an integer in [1, 100000000], got -1");
}

TEST(RunCliErrors, NothingIsWrittenOnError) {
  const std::string out = make_temp_dir() + "/fresh";
  run_cli({"run", kScenarios + "bad_too_many_subnetworks.json", "--out", out});
  std::ifstream probe(out + "/summary.csv");
  EXPECT_FALSE(probe.good());
}

}  // namespace
}  // namespace paradis::testing
