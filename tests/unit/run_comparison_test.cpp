// A simulated run against a measured one: rows paired by strategy and
// configuration, errors relative to the measurement, rows in one run only
// named.
#include "sim/testbed/run_comparison.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "tests/support/scratch_dir.h"

namespace paradis {
namespace {

RunSummary row(const std::string& strategy, const std::string& configuration, double mean,
               double p95, double mb) {
  RunSummary s;
  s.strategy = strategy;
  s.configuration = configuration;
  s.hosts = "a+b";
  s.latency_mean_ms = mean;
  s.latency_p95_ms = p95;
  s.mb_per_request = mb;
  return s;
}

std::string run_folder(const std::vector<RunSummary>& rows) {
  const std::string dir = testing::make_scratch_dir();
  nlohmann::json j{{"rows", nlohmann::json::array()}};
  for (const auto& r : rows) j["rows"].push_back(summary_to_json(r));
  write_file_atomically(dir + "/summary.json", j.dump());
  return dir;
}

TEST(RunComparison, PairsRowsAndMeasuresTheErrorAgainstTheMeasurement) {
  const std::string sim = run_folder({row("single", "1x1.0", 1.1, 1.2, 0.003),
                                      row("paradis", "2x0.5", 3.0, 3.0, 0.006),
                                      row("model_parallel", "keep=1.0", 40.0, 40.0, 0.13)});
  const std::string real = run_folder({row("paradis", "2x0.5", 4.0, 6.0, 0.006),
                                       row("single", "1x1.0", 1.0, 1.5, 0.003),
                                       row("slimmable", "1x0.5", 1.0, 1.0, 0.0)});
  const RunComparison c = compare_runs(sim, real);
  ASSERT_EQ(c.rows.size(), 2u);
  EXPECT_EQ(c.rows[0].simulated.strategy, "single");
  EXPECT_DOUBLE_EQ(c.rows[0].measured.latency_mean_ms, 1.0);
  EXPECT_NEAR(error_pct(c.rows[0].simulated.latency_mean_ms, c.rows[0].measured.latency_mean_ms), 10.0, 1e-9);
  EXPECT_NEAR(error_pct(3.0, 6.0), -50.0, 1e-12);
  EXPECT_EQ(c.unmatched, (std::vector<std::string>{"model_parallel keep=1.0 (only in " + sim + ")",
                                                   "slimmable 1x0.5 (only in " + real + ")"}));
  EXPECT_EQ(comparison_csv(c),
            "strategy,configuration,hosts,simulated_mean_ms,measured_mean_ms,mean_error_pct,"
            "simulated_p95_ms,measured_p95_ms,p95_error_pct,simulated_mb,measured_mb,mb_error_pct\n"
            "single,1x1.0,a+b,1.1,1,10,1.2,1.5,-20,0.003,0.003,0\n"
            "paradis,2x0.5,a+b,3,4,-25,3,6,-50,0.006,0.006,0\n");
}

TEST(RunComparison, AFolderWithoutARunSummaryIsNamed) {
  const std::string empty = testing::make_scratch_dir();
  EXPECT_THROW(compare_runs(empty, empty), InputError);
  write_file_atomically(empty + "/summary.json", "[1, 2]");
  try {
    compare_runs(empty, empty);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(empty + "/summary.json: expected a run's summary"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace paradis
