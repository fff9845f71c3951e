// paradis-sim network-models: each model's figures are what `run` under that
// model prints, the spread is computed from them, a platform ns-3 cannot
// carry is reported as not run, and bad options are one-line errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kTwoHosts = std::string(PARADIS_FIXTURES) + "/scenarios/two_hosts.json";

// The CSV's rows as "strategy configuration|model" -> p95 ms.
std::map<std::string, double> p95_by_model(const std::string& csv) {
  std::map<std::string, double> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::istringstream row(line);
    std::string field;
    while (std::getline(row, field, ',')) f.push_back(field);
    if (f.size() >= 7 && !f[6].empty()) out[f[1] + " " + f[2] + "|" + f[4]] = std::stod(f[6]);
  }
  return out;
}

TEST(NetworkModelsCli, EachModelGivesWhatRunGivesUnderIt) {
  const std::string dir = make_temp_dir();
  const CliResult r = run_cli({"network-models", kTwoHosts, "--set", "workload.count=5", "--out",
                               dir + "/nm"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto p95 = p95_by_model(slurp(dir + "/nm/network_models.csv"));
  ASSERT_EQ(p95.size(), 9U);  // 3 strategies x 3 models
  for (const std::string model : {"LV08", "CM02", "ns-3"}) {
    const CliResult run =
        run_cli({"run", kTwoHosts, "--set", "workload.count=5", "--set",
                 "simgrid.network_model=\"" + model + "\"", "--out", dir + "/" + model});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto summary = nlohmann::json::parse(slurp(dir + "/" + model + "/summary.json"));
    for (const auto& row : summary["rows"]) {
      const std::string key = row["strategy"].get<std::string>() + " " +
                              row["configuration"].get<std::string>() + "|" + model;
      ASSERT_TRUE(p95.count(key)) << key;
      EXPECT_NEAR(p95.at(key), row["latency_p95_ms"].get<double>(), 1e-6) << key;
    }
  }
  // The single device on the source host sends nothing: no spread. Model
  // parallelism's all-gathers spread the models apart.
  EXPECT_EQ(p95.at("single 1x1.0|LV08"), p95.at("single 1x1.0|CM02"));
  const std::string mp = "model_parallel keep=0.5|";
  const double lo = std::min({p95.at(mp + "LV08"), p95.at(mp + "CM02"), p95.at(mp + "ns-3")});
  const double hi = std::max({p95.at(mp + "LV08"), p95.at(mp + "CM02"), p95.at(mp + "ns-3")});
  char spread[32];
  std::snprintf(spread, sizeof spread, "%.1f", (hi - lo) / lo * 100.0);
  std::istringstream out(r.out);
  std::string line;
  bool found = false;
  while (std::getline(out, line)) {
    if (line.rfind("model_parallel", 0) != 0) continue;
    found = true;
    const std::string last = line.substr(line.find_last_of(' ') + 1);  // p95 spread %
    EXPECT_EQ(last, spread) << line;
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(NetworkModelsCli, APlatformNs3CannotCarryIsReportedNotRun) {
  const std::string dir = make_temp_dir();
  const CliResult r =
      run_cli({"network-models", std::string(PARADIS_SOURCE_DIR) + "/scenarios/quickstart.json",
               "--set", "workload.count=2", "--out", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ns-3: not run: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SimGrid's ns-3 model cannot run this platform"), std::string::npos);
  const std::string csv = slurp(dir + "/network_models.csv");
  EXPECT_NE(csv.find(",ns-3,,,,,"), std::string::npos) << csv;
  EXPECT_EQ(p95_by_model(csv).size(), 2U * 6U);  // LV08 and CM02, 6 strategies
}

// SimGrid's ns-3 links keep their bandwidth: a scenario whose trace changes
// it is refused under ns-3 by run (at $.events) and not run by
// network-models.
TEST(NetworkModelsCli, LinkChangesAreNotRunUnderNs3) {
  const std::string scenario = std::string(PARADIS_SOURCE_DIR) + "/scenarios/home_wifi_trace.json";
  expect_one_line_error(
      run_cli({"validate", scenario, "--set", "simgrid.network_model=\"ns-3\""}),
      "home_wifi_trace.json: $.events: SimGrid's ns-3 model cannot change a link's bandwidth");
  const CliResult r = run_cli({"network-models", scenario, "--models", "CM02,ns-3", "--set",
                               "workload.count=2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ns-3: not run: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CM02 mean / p95 ms"), std::string::npos) << r.out;
}

TEST(NetworkModelsCliErrors, NameTheOptionOrTheFile) {
  expect_one_line_error(run_cli({"network-models", kTwoHosts, "--models", "LV08,fluid"}),
                        "--models: expected a comma-separated list of LV08, CM02 and ns-3, got "
                        "'fluid'");
  expect_one_line_error(run_cli({"network-models", kTwoHosts, "--set", "workload.count=0"}),
                        "two_hosts.json: $.workload.count");
}

}  // namespace
}  // namespace paradis::testing
