// paradis-sim testbed: real hosts on this machine (network namespaces,
// shaped veth cables) held against the simulator. `testbed SCENARIO` runs a
// scenario's strategies for real; `testbed link` times TCP transfers over
// one shaped route against what the network models predict.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <filesystem>
#include <sstream>

#include <CLI/CLI.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/numeric/median.h"
#include "sim/calibration/machine_profile_store.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/summary_table.h"
#include "sim/cli/terminal_progress.h"
#include "sim/cli/torch_commands.h"
#include "sim/cli/text_table.h"
#include "sim/process/interrupt.h"
#include "sim/process/output_set.h"
#include "sim/testbed/scenario_testbed.h"
#include "sim/testbed/transfer_probe.h"

namespace paradis {
namespace {

struct TestbedLinkOptions {
  double bandwidth_mbps = 20.0;
  double latency_ms = 0.5;
  std::string bytes = "3136,40000,200000,1000000";
  int repeats = 5;
  std::string out_dir;
};

std::vector<std::int64_t> parse_sizes(const std::string& text) {
  std::vector<std::int64_t> out;
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const long long v = std::strtoll(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v < 1 || v > (1LL << 30)) {
      throw InputError("--bytes: expected comma-separated sizes of 1 byte to 1 GiB, got '" + item +
                       "'");
    }
    out.push_back(v);
  }
  if (out.empty()) throw InputError("--bytes: expected at least one size");
  return out;
}

int testbed_link(const TestbedLinkOptions& o) {
  const std::vector<std::int64_t> sizes = parse_sizes(o.bytes);
  install_interrupt_handlers();
  const TestbedHost host{"", o.bandwidth_mbps * 1e6, o.latency_ms * 1e-3};
  TransferProbe probe;
  {
    const ShapedNetwork net({{"a", host.bandwidth_bps, host.latency_s},
                             {"b", host.bandwidth_bps, host.latency_s}});
    std::cerr << "testbed: hosts a and b in namespaces " << net.namespace_of(0) << " and "
              << net.namespace_of(1) << ", cables of " << o.bandwidth_mbps << " Mb/s (tbf, burst "
              << tbf_burst_bytes(host.bandwidth_bps) << " B) and " << o.latency_ms
              << " ms each (slept by the sender, and after an idle cable the time of what the "
                 "bucket lets out at once)\n";
    probe = probe_transfers(net, sizes, o.repeats);
  }
  const std::vector<TransferSample>& samples = probe.samples;
  std::string csv = "bytes,repeat,measured_s,cm02_s,lv08_s\n";
  TextTable t;
  for (const char* h : {"bytes", "measured ms (median)", "min", "max", "CM02 ms", "error %",
                        "LV08 ms", "error %"}) {
    t.add_column(h);
  }
  char b[8][32];
  for (const auto& s : samples) {
    const double cm02 = lone_transfer_seconds(host, host, static_cast<double>(s.bytes), NetworkModel::CM02);
    const double lv08 = lone_transfer_seconds(host, host, static_cast<double>(s.bytes), NetworkModel::LV08);
    const double m = median(s.seconds);
    for (std::size_t r = 0; r < s.seconds.size(); ++r) {
      char line[160];
      std::snprintf(line, sizeof line, "%lld,%zu,%.9g,%.9g,%.9g\n", static_cast<long long>(s.bytes),
                    r, s.seconds[r], cm02, lv08);
      csv += line;
    }
    std::snprintf(b[0], 32, "%lld", static_cast<long long>(s.bytes));
    std::snprintf(b[1], 32, "%.3f", m * 1e3);
    std::snprintf(b[2], 32, "%.3f", *std::min_element(s.seconds.begin(), s.seconds.end()) * 1e3);
    std::snprintf(b[3], 32, "%.3f", *std::max_element(s.seconds.begin(), s.seconds.end()) * 1e3);
    std::snprintf(b[4], 32, "%.3f", cm02 * 1e3);
    std::snprintf(b[5], 32, "%+.1f", (cm02 - m) / m * 100.0);
    std::snprintf(b[6], 32, "%.3f", lv08 * 1e3);
    std::snprintf(b[7], 32, "%+.1f", (lv08 - m) / m * 100.0);
    t.add_row({b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]});
  }
  if (!o.out_dir.empty()) {
    OutputSet out(o.out_dir, "--out");
    write_file_atomically(out.staged("testbed_link.csv"), csv);
    out.publish({"testbed_link.csv"});
  }
  std::cout << "TCP transfers a -> b over two shaped cables (" << o.bandwidth_mbps << " Mb/s, "
            << o.latency_ms << " ms each), " << o.repeats
            << " per size on one open connection, the sender waking "
            << std::lround(probe.sleep_overshoot_s * 1e6)
            << " us early from the latency's sleep (the overshoot it timed), against the models' "
               "lone transfer:\n\n";
  t.print(std::cout);
  return 0;
}

struct TestbedScenarioOptions {
  std::string scenario;
  std::string out_dir = "out/testbed";
  std::vector<std::string> sets;
  std::string profile;
  int warmup = 3;
  int rounds = 20;
  std::string command_line;
};

std::string this_machine_profile(const TestbedScenarioOptions& o) {
  if (!o.profile.empty()) return o.profile;
  const std::string kept = machine_profile_path(1);
  if (!std::filesystem::exists(kept)) {
    throw InputError("no device profile of this machine at " + kept +
                     ": run `paradis-sim validate-latency` once (it calibrates this machine and "
                     "keeps the profile there), or give --profile FILE");
  }
  return kept;
}

int testbed_scenario(const TestbedScenarioOptions& o) {
  install_interrupt_handlers();
  TestbedRunOptions run;
  run.scenario_file = o.scenario;
  run.sets = o.sets;
  run.profile_file = this_machine_profile(o);
  run.host_binary = torch_binary_path();
  run.warmup = o.warmup;
  run.rounds = o.rounds;
  run.command_line = o.command_line;
  run.commit = build_commit();
  run.date = utc_date();
  run.note = [](const std::string& line) {
    terminal_progress("");
    std::cerr << line << "\n";
  };
  const TestbedResult result = run_scenario_testbed(run, o.out_dir, terminal_progress);
  terminal_progress("");
  std::cout << "testbed: " << result.cables << "; " << result.cores << "\n"
            << "speed: " << result.speed << "\n\n";
  std::vector<RunSummary> rows;
  for (const auto& st : result.strategies) {
    if (st.skipped.empty()) rows.push_back(st.summary);
  }
  print_summary_table(rows);
  for (const auto& st : result.strategies) {
    if (!st.skipped.empty()) {
      std::cout << "not run: " << st.summary.strategy << " " << st.summary.configuration << ": "
                << st.skipped << "\n";
    }
  }
  std::cout << "\nWrote " << o.out_dir
            << "/requests.csv, tasks.csv, summary.csv, summary.json, testbed.json, and "
               "simulation.json (this testbed as a scenario, with this machine's profile at "
               "the speed measured around the requests)\n"
            << "Simulate it and compare: paradis-sim run " << o.out_dir
            << "/simulation.json --out " << o.out_dir << "/simulated && paradis-sim compare "
            << o.out_dir << "/simulated " << o.out_dir << "\n";
  return 0;
}

}  // namespace

void add_testbed_command(CLI::App& app, CommandAction& action,
                         const std::string& command_line) {
  auto* testbed = app.add_subcommand(
      "testbed", "run a scenario's strategies for real on this machine: one process per host "
                 "with its LibTorch sub-networks or layer slices, network namespaces joined by "
                 "tbf-shaped cables (root); or `testbed link`: time TCP transfers");
  testbed->require_subcommand(0, 1);
  auto so = std::make_shared<TestbedScenarioOptions>();
  so->command_line = command_line;
  testbed->add_option("scenario", so->scenario, "scenario file (closed-loop workload, no events)")
      ->check(CLI::ExistingFile);
  testbed->add_option("--out,-o", so->out_dir, "output folder")->capture_default_str();
  testbed->add_option("--set", so->sets, "override a scenario value: PATH=VALUE (repeatable)");
  testbed->add_option("--profile", so->profile,
                      "this machine's device profile, for the simulation the run is compared "
                      "with (default: the one `validate-latency` keeps)")
      ->check(CLI::ExistingFile);
  testbed->add_option("--warmup", so->warmup,
                      "requests run first per strategy and round, not counted")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000));
  testbed->add_option("--rounds", so->rounds,
                      "run the requests in this many rounds, the strategies in turn within each "
                      "and the machine's speed probed before each, so that all see the machine in "
                      "the same mix of states and the probes sample them")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  testbed->callback([&action, so, testbed] {
    if (!testbed->get_subcommands().empty()) return;
    action = [so] {
      if (so->scenario.empty()) {
        throw InputError("testbed needs a SCENARIO (or the subcommand link); see --help");
      }
      return testbed_scenario(*so);
    };
  });
  auto o = std::make_shared<TestbedLinkOptions>();
  auto* link = testbed->add_subcommand(
      "link", "time TCP transfers between two testbed hosts against the network models' lone "
              "transfer");
  link->add_option("--bandwidth-mbps", o->bandwidth_mbps, "each cable's bandwidth")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 10000.0));
  link->add_option("--latency-ms", o->latency_ms, "each cable's latency (slept by the sender)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1000.0));
  link->add_option("--bytes", o->bytes, "comma-separated transfer sizes")->capture_default_str();
  link->add_option("--repeats", o->repeats, "transfers per size")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  link->add_option("--out,-o", o->out_dir, "also write testbed_link.csv (every transfer) here");
  link->callback([&action, o] { action = [o] { return testbed_link(*o); }; });
}

}  // namespace paradis
