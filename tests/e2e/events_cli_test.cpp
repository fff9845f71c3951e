// paradis-sim run with events: failures are results (rows with their cause,
// events.csv), random failures are reproducible, and every malformed event
// is a one-line error with the file and the JSON path (or CSV line).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/cli_runner.h"

namespace paradis::testing {
namespace {

const std::string kScenario = std::string(PARADIS_FIXTURES) + "/scenarios/two_hosts.json";

CliResult run_with_events(const std::string& events, const std::string& out) {
  return run_cli({"run", kScenario, "--out", out, "--set", "events=" + events});
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(EventsCli, AHostOffFailsRequestsWithTheirCauseAndTheEventsAreWritten) {
  const std::string out = make_temp_dir() + "/o";
  const CliResult r = run_with_events(
      R"([{"kind":"off","host":"beta","at_s":0.01},{"kind":"on","host":"beta","at_s":0.03}])", out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string requests = slurp(out + "/requests.csv");
  EXPECT_NE(requests.find(",failed,cause,served_by,accuracy\n"), std::string::npos);
  EXPECT_GT(count(requests, ",1,host beta off at 0.01 s,,\n"), 0U) << requests;
  const std::string events = slurp(out + "/events.csv");
  EXPECT_EQ(events.rfind("strategy,configuration,time_s,event,target,value,decision\n", 0), 0U);
  // One off and one on per strategy (three strategies).
  EXPECT_EQ(count(events, ",0.01,host_off,beta,0,"), 3U) << events;
  EXPECT_EQ(count(events, ",0.03,host_on,beta,0,"), 3U) << events;
}

// Under LV08, SimGrid 3.32 never finishes a transfer that is in its latency
// phase (13 ms here) when its link's bandwidth changes: the run ends with
// the request neither done nor failed. It is failed, with a row that says
// so, not lost from requests.csv.
TEST(EventsCli, ARequestLeftUnfinishedIsFailedWithARow) {
  const std::string out = make_temp_dir();
  const CliResult r = run_cli(
      {"run", kScenario, "--out", out, "--set", R"(simgrid={"network_model":"LV08"})", "--set",
       R"(workload={"count":1,"arrival":"periodic","interval_s":0.5})", "--set",
       R"(strategies=[{"kind":"single","hosts":["beta"]}])", "--set",
       R"(events=[{"kind":"bandwidth","link":"wire_UP","at_s":0.005,"value":"50Mbps"}])"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 unfinished when the simulation ran out of work"), std::string::npos)
      << r.out;
  const std::string rows = slurp(out + "/requests.csv");
  EXPECT_NE(rows.find("\nsingle,1x1.0,0,0,"), std::string::npos) << rows;
  EXPECT_NE(rows.find(",1,unfinished when the simulation ran out of work,"), std::string::npos)
      << rows;
}

TEST(EventsCli, NoEventsNoEventsFile) {
  const std::string out = make_temp_dir() + "/o";
  ASSERT_EQ(run_cli({"run", kScenario, "--out", out}).exit_code, 0);
  EXPECT_FALSE(std::ifstream(out + "/events.csv").good());
}

TEST(EventsCli, RandomFailuresGiveTheSameFilesForTheSameSeed) {
  const std::string dir = make_temp_dir();
  const std::string failures =
      R"([{"kind":"failures","hosts":["beta"],"mtbf_s":0.01,"mttr_s":0.005,"until_s":1,"seed":3}])";
  ASSERT_EQ(run_with_events(failures, dir + "/a").exit_code, 0);
  ASSERT_EQ(run_with_events(failures, dir + "/b").exit_code, 0);
  for (const char* f : {"requests.csv", "events.csv", "summary.csv", "summary.json"}) {
    EXPECT_EQ(slurp(dir + "/a/" + f), slurp(dir + "/b/" + f)) << f;
  }
  EXPECT_GT(count(slurp(dir + "/a/events.csv"), "host_off"), 0U);
}

// scenarios/board_failure.json with other strategies: board2 is off from
// 60 s to 120 s, a request every 50 ms.
CliResult run_board_failure(const std::string& strategies, const std::string& out) {
  return run_cli({"run", std::string(PARADIS_SOURCE_DIR) + "/scenarios/board_failure.json", "--out",
                  out, "--set", "strategies=" + strategies});
}

const std::string kFourBoards = R"("hosts":["board1","board2","board3","board4"])";

TEST(EventsCli, ParadisReSwitchesWhenABoardFailsAndBackWhenItReturns) {
  // Noticed 1 s after.
  const std::string out = make_temp_dir() + "/o";
  const CliResult r =
      run_board_failure(R"([{"kind":"paradis","switch":"4x0.25",)" + kFourBoards + R"(},)" +
                            R"({"kind":"paradis","switch":"4x0.25",)" + kFourBoards +
                            R"(,"adapt":{"detect_s":1,"min_accuracy":91.4}}])",
                        out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string summary = slurp(out + "/summary.csv");
  // Fixed: every request from 60 s to 120 s fails (1,200 of 3,600).
  EXPECT_NE(summary.find(",2400,1200,66.6666667,91.40,top1\n"), std::string::npos) << summary;
  // Adaptive: only the 20 of the detection second fail; from 61 s to 121 s
  // (board2's return noticed) the 1,200 requests run on the three boards
  // up, at 3x0.33's accuracy (91.40, as 4x0.25's).
  EXPECT_NE(summary.find(",3580,20,99.4444444,91.40,top1\n"), std::string::npos) << summary;
  const std::string requests = slurp(out + "/requests.csv");
  EXPECT_EQ(count(requests, ",3x0.33 on board1+board3+board4,91.40\n"), 1200U);
  const std::string events = slurp(out + "/events.csv");
  EXPECT_NE(events.find("4x0.25 adaptive,61,noticed_host_off,board2,0,switch to 3x0.33 on "
                        "board1+board3+board4\n"),
            std::string::npos)
      << events;
  EXPECT_NE(r.out.find("20 host board2 off at 60 s"), std::string::npos) << r.out;
}

// Variant Parallelism's ensemble over the four boards: fixed, it fails
// while board2 is off; adapting to the most accurate subset up within a
// target, it keeps answering with the three members left, at their
// accuracy (a fixture table: made-up figures, more members more accurate).
TEST(EventsCli, AnEnsembleThatLosesAMemberAnswersWithTheOthers) {
  const std::string out = make_temp_dir() + "/o";
  const std::string variants =
      R"("variants":[{"width":0.5},{"width":0.5,"resolution":20},{"width":0.35},)"
      R"({"width":0.35,"resolution":20}],"top_k":2,)" + kFourBoards;
  const CliResult r = run_cli(
      {"run", std::string(PARADIS_SOURCE_DIR) + "/scenarios/board_failure.json", "--out", out,
       "--set", "network=mobilenet_v2_fmnist", "--set",
       "accuracy=" + std::string(PARADIS_FIXTURES) + "/accuracy/variants_fixture.json", "--set",
       "strategies=[{\"kind\":\"variant\"," + variants + "},{\"kind\":\"variant\"," + variants +
           R"(,"adapt":{"detect_s":1,"target_ms":1000}}])"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string summary = slurp(out + "/summary.csv");
  EXPECT_NE(summary.find(",2400,1200,66.6666667,90.25,top1\n"), std::string::npos) << summary;
  const std::string requests = slurp(out + "/requests.csv");
  // 0.5 + 0.35 + 0.35@20 on the three boards up: 88 + 1.5 + 0.25.
  EXPECT_EQ(count(requests, ",0.5+0.35+0.35@20 top2 on board1+board3+board4,89.75\n"), 1200U)
      << requests.substr(0, 2000);
  EXPECT_NE(summary.find(",3580,20,99.4444444,"), std::string::npos) << summary;
}

TEST(EventsCli, WithOwnWeightsASwitchSaysWhatItMoves) {
  const std::string out = make_temp_dir() + "/o";
  const CliResult r =
      run_board_failure(R"([{"kind":"paradis","switch":"4x0.25",)" + kFourBoards +
                            R"(,"adapt":{"detect_s":1,"min_accuracy":91.4,"weights":"own"}}])",
                        out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 3x0.33's three sub-networks: none was on a board before.
  EXPECT_NE(
      slurp(out + "/events.csv")
          .find(",61,noticed_host_off,board2,0,switch to 3x0.33 on board1+board3+board4 once "),
      std::string::npos);
}

TEST(EventsCli, SlimmableNarrowsToHoldItsTargetAndWidensBack) {
  // The camera runs at a fifth of its speed from 30 s to 90 s: the full
  // width would take about 15 ms, over the 10 ms target.
  const std::string out = make_temp_dir() + "/o";
  const CliResult r =
      run_cli({"run", std::string(PARADIS_SOURCE_DIR) + "/scenarios/board_failure.json", "--out",
               out, "--set",
               R"(events=[{"kind":"slowdown","host":"camera","at_s":30,"factor":0.2},)"
               R"({"kind":"slowdown","host":"camera","at_s":90,"factor":1}])",
               "--set",
               R"(strategies=[{"kind":"slimmable","width":1.0,"hosts":["camera"],)"
               R"("adapt":{"detect_s":1,"target_ms":10}}])"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string events = slurp(out + "/events.csv");
  EXPECT_NE(events.find(",31,noticed_host_speed,camera,0.2,switch to 1x0.61 on camera\n"),
            std::string::npos)
      << events;
  EXPECT_NE(events.find(",91,noticed_host_speed,camera,1,switch to 1x1.0 on camera\n"),
            std::string::npos)
      << events;
  // 60 s of requests every 50 ms at the narrower width (US-Net 1x0.61: 92.21 %).
  EXPECT_EQ(count(slurp(out + "/requests.csv"), ",1x0.61 on camera,92.21\n"), 1200U);
}

void expect_event_error(const std::string& events, const std::string& fragment) {
  expect_one_line_error(run_with_events(events, make_temp_dir() + "/o"), fragment);
}

TEST(EventsCliErrors, EveryMalformedEventNamesItsPlace) {
  const std::string f = "two_hosts.json: $.events[";
  expect_event_error(R"([{"kind":"explode","host":"beta","at_s":1}])",
                     f + "0].kind: expected \"off\", \"on\"");
  expect_event_error(R"([{"kind":"off","host":"gamma","at_s":1}])", f + "0]: unknown host 'gamma'");
  expect_event_error(R"([{"kind":"off","link":"cable","at_s":1}])", f + "0]: unknown link 'cable'");
  expect_event_error(R"([{"kind":"off","host":"alpha","at_s":1}])", "is the source host");
  expect_event_error(
      R"([{"kind":"off","host":"beta","at_s":2},{"kind":"on","host":"beta","at_s":1}])",
      f + "1].at_s: the events are listed in time order");
  expect_event_error(R"([{"kind":"off","host":"beta"}])", f + "0].at_s");
  expect_event_error(R"([{"kind":"off","host":"beta","at_s":-1}])", f + "0].at_s");
  expect_event_error(R"([{"kind":"off","host":"beta","at_s":1,"when":2}])", f + "0]");
  expect_event_error(R"([{"kind":"bandwidth","link":"wire_UP","at_s":1,"value":"fast"}])",
                     f + "0].value: expected a bandwidth");
  expect_event_error(R"([{"kind":"bandwidth","host":"beta","at_s":1,"value":"1Mbps"}])",
                     f + "0].host: this event needs a \"link\", not a \"host\"");
  expect_event_error(R"([{"kind":"off","at_s":1}])",
                     f + "0].host: missing: this event needs a \"host\" or a \"link\"");
  expect_event_error(R"([{"kind":"slowdown","host":"beta","at_s":1,"factor":2}])", f + "0].factor");
  expect_event_error(R"([{"kind":"failures","hosts":["beta"],"mtbf_s":0,"mttr_s":1,"until_s":9}])",
                     f + "0].mtbf_s");
  expect_event_error(R"([{"kind":"failures","hosts":[],"mtbf_s":1,"mttr_s":1,"until_s":9}])",
                     f + "0].hosts");
  expect_event_error(
      R"([{"kind":"failures","hosts":["beta"],"mtbf_s":0.001,"mttr_s":0.001,"until_s":1000}])",
      f + "0].mtbf_s: more than 200,000 events up to until_s");
  expect_event_error(R"({"kind":"off"})", "$.events: expected an array");
}

TEST(EventsCliErrors, OnlyStrategiesThatCanAdaptDo) {
  const auto with = [](const std::string& strategies) {
    return run_cli(
        {"run", kScenario, "--out", make_temp_dir() + "/o", "--set", "strategies=" + strategies});
  };
  // Individually trained networks: one per switch, none to switch to.
  expect_one_line_error(with(R"([{"kind":"individual","switch":"2x0.5","adapt":{}}])"),
                        "two_hosts.json: $.strategies[0].adapt: individual 2x0.5 cannot adapt");
  expect_one_line_error(with(R"([{"kind":"paradis","switch":"2x0.5","adapt":{"detect":1}}])"),
                        "two_hosts.json: $.strategies[0].adapt");
  expect_one_line_error(with(R"([{"kind":"paradis","switch":"2x0.5","adapt":{"detect_s":-1}}])"),
                        "two_hosts.json: $.strategies[0].adapt.detect_s");
  expect_one_line_error(with(R"([{"kind":"paradis","switch":"2x0.5","adapt":{"weights":"some"}}])"),
                        "two_hosts.json: $.strategies[0].adapt.weights: expected \"full\"");
}

TEST(EventsCliErrors, AWiFiLinkKeepsItsBandwidth) {
  // SimGrid 3.32 cannot change a WiFi link's rates during a run.
  expect_one_line_error(
      run_cli({"run", std::string(PARADIS_SOURCE_DIR) + "/scenarios/quickstart.json", "--out",
               make_temp_dir() + "/o", "--set",
               R"(events=[{"kind":"bandwidth","link":"wifi","at_s":1,"value":"5Mbps"}])"}),
      "quickstart.json: $.events[0]: link 'wifi' is a WiFi link");
}

TEST(EventsCliErrors, AMalformedTraceNamesItsFileAndLine) {
  const std::string dir = make_temp_dir();
  const auto trace_error = [&](const std::string& text, const std::string& fragment) {
    std::ofstream(dir + "/trace.csv") << text;
    expect_event_error(R"([{"kind":"trace","link":"wire_UP","file":")" + dir + R"(/trace.csv"}])",
                       fragment);
  };
  trace_error("time,mbps\n0,1\n",
              "trace.csv: line 1: expected the header \"time_s,bandwidth_mbps\"");
  trace_error("time_s,bandwidth_mbps\n0,10\n0,20\n", "trace.csv: line 3: times must increase");
  trace_error("time_s,bandwidth_mbps\n0,ten\n", "trace.csv: line 2: expected two numbers");
  trace_error("time_s,bandwidth_mbps\n0,-3\n", "trace.csv: line 2: bandwidth_mbps must be above 0");
  trace_error("time_s,bandwidth_mbps\n", "trace.csv: line 1: the trace has no row");
  // Lines that say how a trace was made are skipped, and counted.
  trace_error("# made by hand\ntime,mbps\n0,1\n",
              "trace.csv: line 2: expected the header \"time_s,bandwidth_mbps\"");
  trace_error("# made by hand\ntime_s,bandwidth_mbps\n# note\n0,ten\n",
              "trace.csv: line 4: expected two numbers");
  trace_error("", "trace.csv: line 0: expected the header \"time_s,bandwidth_mbps\"");
  expect_event_error(R"([{"kind":"trace","link":"wire_UP","file":"/nonexistent.csv"}])",
                     "/nonexistent.csv: cannot read the trace ($.events[0])");
  expect_event_error(R"([{"kind":"trace","link":"wire_UP","file":"/dev/zero"}])",
                     "/dev/zero: cannot read the trace ($.events[0]): not a file");
}

// The shipped WiFi trace is what the command its first lines give writes
// now, byte for byte (run where it ran: in the repository's root).
TEST(TraceCli, TheShippedTraceIsWhatItsCommandWrites) {
  const std::string shipped = std::string(PARADIS_SOURCE_DIR) + "/scenarios/traces/home_wifi_seed1.csv";
  const std::string text = slurp(shipped);
  const std::string prefix = "paradis-sim trace wifi ";
  const auto at = text.find("# " + prefix);
  ASSERT_NE(at, std::string::npos) << text.substr(0, 300);
  std::vector<std::string> args;
  std::istringstream command(text.substr(at + 2, text.find('\n', at) - at - 2));
  std::string word;
  command >> word;  // paradis-sim
  while (command >> word) args.push_back(word);
  const std::string dir = make_temp_dir();
  std::filesystem::create_directories(dir + "/scenarios/traces");
  ASSERT_EQ(::chdir(dir.c_str()), 0);
  const CliResult r = run_cli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(dir + "/scenarios/traces/home_wifi_seed1.csv"), text);
  EXPECT_NE(r.out.find("600 points over 600 s: mean "), std::string::npos) << r.out;
}

TEST(TraceCli, AnOptionOutOfRangeIsAnErrorNamingIt) {
  const std::string out = make_temp_dir() + "/t.csv";
  expect_one_line_error(run_cli({"trace", "wifi", "--out", out, "--jitter", "3"}),
                        "--jitter: expected a value in [0, 2], got 3");
  EXPECT_FALSE(std::filesystem::exists(out));
  expect_one_line_error(run_cli({"trace", "wifi", "--out", "/nonexistent/dir/t.csv"}),
                        "/nonexistent/dir/t.csv");
}

// A shipped study run from a clone prints its expected tables, and
// docs/studies.md shows its availability table.
void expect_study_as_shipped(const std::string& name) {
  const std::string repo = PARADIS_SOURCE_DIR;
  enter_clone_folder();
  const CliResult r = run_cli({"run", "scenarios/" + name + ".json", "--out", "out/" + name});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string expected = slurp(repo + "/scenarios/" + name + ".expected");
  EXPECT_EQ(r.out, expected);
  const std::string table = availability_table(expected);
  ASSERT_FALSE(table.empty());
  EXPECT_NE(slurp(repo + "/docs/studies.md").find(table), std::string::npos)
      << "docs/studies.md's table differs from scenarios/" << name << ".expected";
}

// scenarios/home_wifi_trace.json: the WiFi bandwidth follows a trace.
TEST(HomeWifiTrace, RunsFromAFreshFolderAndPrintsTheExpectedTables) {
  expect_study_as_shipped("home_wifi_trace");
}

// scenarios/variants_failure.json: Variant Parallelism's ensemble on the
// board-failure platform, with the shipped measured table.
TEST(VariantsFailure, RunsFromAFreshFolderAndPrintsTheExpectedTables) {
  expect_study_as_shipped("variants_failure");
}

// scenarios/ensembles_compare.json: ParaDiS beside ensembles of its MACs,
// model parallelism, single and slimmable, every accuracy measured, one
// board lost.
TEST(EnsemblesCompare, RunsFromAFreshFolderAndPrintsTheExpectedTables) {
  expect_study_as_shipped("ensembles_compare");
}

// scenarios/model_parallel_compare.json: the model-parallel family on one
// platform, every accuracy measured or said missing. No events: its table
// is the comparison itself, which docs/studies.md shows as run prints it.
// Each platform's comparison prints its expected table, which the study in
// docs/studies.md quotes.
void expect_model_parallel_compare(const std::string& name) {
  const std::string repo = PARADIS_SOURCE_DIR;
  enter_clone_folder();
  const CliResult r = run_cli({"run", "scenarios/" + name + ".json", "--out", "out/" + name});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string expected = slurp(repo + "/scenarios/" + name + ".expected");
  EXPECT_EQ(r.out, expected);
  const auto from = expected.find("strategy ");
  const auto to = expected.find("\naccuracy:", from);
  ASSERT_NE(to, std::string::npos);
  EXPECT_NE(slurp(repo + "/docs/studies.md").find(expected.substr(from, to - from)),
            std::string::npos)
      << "docs/studies.md's table differs from scenarios/" << name << ".expected";
}

TEST(ModelParallelCompare, RunsFromAFreshFolderAndPrintsTheExpectedTable) {
  expect_model_parallel_compare("model_parallel_compare");
}

TEST(ModelParallelCompare, OnWifiRunsFromAFreshFolderAndPrintsTheExpectedTable) {
  expect_model_parallel_compare("model_parallel_compare_wifi");
}

// The README quotes the study's availability and served accuracy of ParaDiS
// fixed and holding the target: the figures the expected tables hold.
TEST(HomeWifiTrace, ReadmeQuotesTheExpectedFigures) {
  const std::string repo = PARADIS_SOURCE_DIR;
  const std::string expected = slurp(repo + "/scenarios/home_wifi_trace.expected");
  const std::string readme = slurp(repo + "/README.md");
  // In the availability table, after the hosts: avail %, served acc %.
  const auto figures = [&](const std::string& row_start) {
    const auto at = expected.find(row_start, expected.find("Availability:"));
    EXPECT_NE(at, std::string::npos) << row_start;
    std::istringstream row(expected.substr(at + row_start.size(), 80));
    std::string hosts, avail, accuracy;
    row >> hosts >> avail >> accuracy;
    return std::make_pair(avail, accuracy);
  };
  const auto fixed = figures("paradis         4x0.25           ");
  const auto adaptive = figures("paradis         4x0.25 adaptive  ");
  EXPECT_NE(readme.find("`4x0.25` answers " + fixed.first + " %"), std::string::npos) << fixed.first;
  EXPECT_NE(readme.find(adaptive.first + " % at " + adaptive.second + " %"), std::string::npos)
      << adaptive.first << " " << adaptive.second;
}

}  // namespace
}  // namespace paradis::testing
