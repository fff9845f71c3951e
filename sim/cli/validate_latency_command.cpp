// paradis-sim validate-latency: the latency model's prediction of every
// materialised sub-network against its measured batch-1 latency.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/torch/thread_count.h"
#include "sim/calibration/machine_profile_store.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/terminal_progress.h"
#include "sim/cli/text_table.h"
#include "sim/cli/torch_commands.h"
#include "sim/cost/device_profile.h"
#include "sim/latency/case_list.h"
#include "sim/latency/kernel_measurement.h"
#include "sim/latency/latency_validation.h"

namespace paradis {
namespace {

struct ValidateLatencyCli {
  std::string command_line;
  std::string profile;
  std::string networks_text =
      "mobilenet_v1@224 mobilenet_v1@160 resnet50 resnet18 mobilenet_v1_fmnist";
  std::string switches_text = "1x1.0 1x0.75 1x0.5 1x0.25 2x0.5 4x0.25 1x0.5+2x0.25";
  int threads = 1;
  bool threads_given = false;
  std::string measured;
  bool json = false;
  bool layers = false;
  bool recalibrate = false;
  int rounds = 3;
};

// A full calibration of this machine, kept where the next run finds it.
// The validation's rounds run between the calibration's, into `timed`
// (null: none, for a validation that re-reads earlier figures): both keep
// each figure's least round, and a machine
// whose speed drifts for minutes at a time would otherwise be held at its
// best minute of the calibration against its state in the one minute after.
DeviceProfile calibrate_and_keep(const ValidateLatencyCli& o, const ValidationSettings& settings,
                                 const std::string& path, CaseRounds* timed) {
  MeasureSettings full;
  full.threads = o.threads;
  full.rounds = o.rounds;
  full.record = {o.command_line, utc_date(), build_commit()};
  if (timed) {
    full.after_round = [&](int round) {
      time_validation_round(settings, round, full.rounds, *timed, terminal_progress);
    };
  }
  const DeviceProfile profile =
      fit_calibration_run(measure_kernels(full, terminal_progress), this_machine_name(),
                          /*split_by_input_size=*/true, full.record, "")
          .in_network;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  write_file_atomically(path, device_profile_to_json(profile).dump(2) + "\n");
  std::cerr << "kept this machine's profile: " << path << "\n";
  return profile;
}

// The given profile, else this machine's kept one; nothing when this
// machine is to be calibrated now.
std::optional<DeviceProfile> existing_profile(const ValidateLatencyCli& o, std::string& name) {
  name = o.profile;
  if (!o.profile.empty()) return load_device_profile(o.profile);
  const std::string kept = machine_profile_path(o.threads);
  if (!o.recalibrate && std::filesystem::exists(kept)) {
    std::cerr << "profile of this machine: " << kept
              << " (kept from an earlier calibration; --recalibrate measures it again)\n";
    name = kept;
    return load_device_profile(kept);
  }
  return std::nullopt;
}

nlohmann::json cases_json(const ValidationResult& result) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& c : result.cases) {
    rows.push_back({{"network", c.network},
                    {"resolution", c.resolution},
                    {"switch", c.switch_name},
                    {"part", c.part},
                    {"predicted_ms", c.predicted * 1e3},
                    {"measured_ms", c.measured * 1e3},
                    {"error_pct", 100.0 * (c.predicted - c.measured) / c.measured}});
  }
  return rows;
}

void print_json(const nlohmann::json& rows, const nlohmann::json& summary,
                const ValidationResult& result) {
  nlohmann::json out{{"cases", rows}, {"summary", summary}};
  for (const auto& [op_class, c] : result.by_op_class) {
    out["by_op_class"].push_back({{"op_class", op_class},
                                  {"kernels", c.kernels},
                                  {"predicted_ms", c.predicted * 1e3},
                                  {"measured_ms", c.measured * 1e3}});
  }
  std::cout << out.dump(2) << "\n";
}

void print_by_op_class(const std::map<std::string, ClassTotals>& breakdown) {
  TextTable by_class;
  by_class.add_column("op class", TextTable::Align::left);
  by_class.add_column("kernels");
  by_class.add_column("predicted ms");
  by_class.add_column("measured ms");
  by_class.add_column("error %");
  for (const auto& [op_class, c] : breakdown) {
    char p[32], m[32], err[32];
    std::snprintf(p, sizeof p, "%.3f", c.predicted * 1e3);
    std::snprintf(m, sizeof m, "%.3f", c.measured * 1e3);
    std::snprintf(err, sizeof err, "%+.1f",
                  c.measured > 0.0 ? 100.0 * (c.predicted - c.measured) / c.measured : 0.0);
    by_class.add_row({op_class, std::to_string(c.kernels), p, m, err});
  }
  std::printf("\nWhere the time goes, every case together (layers timed as they run):\n");
  by_class.print(std::cout);
}

void print_cases(const nlohmann::json& rows) {
  TextTable t;
  t.add_column("network", TextTable::Align::left);
  t.add_column("res");
  t.add_column("switch", TextTable::Align::left);
  t.add_column("part");
  t.add_column("predicted ms");
  t.add_column("measured ms");
  t.add_column("error %");
  char a[32], b[32], e[32];
  for (const auto& r : rows) {
    std::snprintf(a, sizeof a, "%.3f", r["predicted_ms"].get<double>());
    std::snprintf(b, sizeof b, "%.3f", r["measured_ms"].get<double>());
    std::snprintf(e, sizeof e, "%+.1f", r["error_pct"].get<double>());
    t.add_row({r["network"], std::to_string(r["resolution"].get<int>()), r["switch"],
               std::to_string(r["part"].get<int>()), a, b, e});
  }
  t.print(std::cout);
}

// The profile to validate: the given one, else this machine's kept one, else
// this machine calibrated now in full (a quick calibration misses too much:
// 11.6 % MAPE against 3-5 % for a full one), its cases timed between the
// calibration's rounds, and kept for next time.
int run_validate(const ValidateLatencyCli& o) {
  std::string profile_name;
  std::optional<DeviceProfile> profile = existing_profile(o, profile_name);
  ValidationSettings settings;
  settings.networks = split_words(o.networks_text);
  settings.switches = parse_switch_list(o.switches_text);
  settings.threads = o.threads_given || !profile ? o.threads
                                                  : static_cast<int>(profile->cores.value);
  settings.rounds = o.rounds;
  settings.measured = o.measured;
  settings.layers = o.layers;
  CaseRounds rounds;
  CaseRounds* timed = nullptr;  // rounds timed between the calibration's
  if (!profile) {
    std::cerr << (o.recalibrate ? "--recalibrate" : "no profile of this machine yet")
              << ": calibrating it in full first (about 8 minutes on 2 cores; the validation's "
                 "rounds between its rounds), then keeping it for next time\n";
    const std::string kept = machine_profile_path(o.threads);
    if (o.measured.empty()) timed = &rounds;
    profile = calibrate_and_keep(o, settings, kept, timed);
    profile_name = kept + " (calibrated now)";
  }
  const ValidationResult result =
      validate_latency(*profile, settings, o.json ? ProgressLine{} : terminal_progress, timed);
  const nlohmann::json rows = cases_json(result);
  const nlohmann::json summary = {{"n", result.cases.size()},
                                  {"mape", result.mape},
                                  {"within_10pct", result.within_10pct},
                                  {"threads", settings.threads},
                                  {"rounds", result.rounds},
                                  {"blas_threads", blas_threads()},
                                  {"measured", o.measured.empty() ? "now" : o.measured},
                                  {"command", o.command_line},
                                  {"commit", build_commit()},
                                  {"date", utc_date()},
                                  {"profile", profile_name}};
  if (o.json) {
    print_json(rows, summary, result);
    return 0;
  }
  print_cases(rows);
  if (!result.by_op_class.empty()) print_by_op_class(result.by_op_class);
  const std::string measured_how =
      o.measured.empty() ? std::to_string(settings.threads) +
                               " threads (OpenBLAS: " + std::to_string(blas_threads()) + ")"
                         : "measured earlier: " + o.measured;
  std::printf("\n%zu cases, %s, profile %s\nMAPE %.2f %%, within +-10 %%: %.1f %% of cases\n",
              result.cases.size(), measured_how.c_str(), profile_name.c_str(), result.mape,
              100.0 * result.within_10pct);
  return 0;
}

}  // namespace

void add_validate_latency_command(CLI::App& app, CommandAction& action,
                                  const std::string& command_line) {
  auto o = std::make_shared<ValidateLatencyCli>();
  o->command_line = command_line;
  auto* val = app.add_subcommand("validate-latency", torch_command_description("validate-latency"));
  val->add_option("--profile", o->profile,
                  "device profile of this machine (default: the one kept from an earlier run, "
                  "else calibrate this machine in full now and keep it, under "
                  "$PARADIS_SIM_CACHE_DIR, $XDG_CACHE_HOME/paradis-sim or ~/.cache/paradis-sim)");
  val->add_flag("--recalibrate", o->recalibrate,
                "calibrate this machine again and replace its kept profile")
      ->excludes("--profile");
  val->add_option("--networks", o->networks_text,
                  "networks, NAME or NAME@RESOLUTION, in one quoted argument: --networks "
                  "\"resnet18 resnet50\"")
      ->capture_default_str();
  val->add_option("--switches", o->switches_text,
                  "switches, in one quoted argument: --switches \"1x1.0 2x0.5\"")
      ->capture_default_str();
  val->add_option("--threads", o->threads, "LibTorch threads (default: the profile's cores)")
      ->check(CLI::Range(1, 256));
  val->add_option("--measured", o->measured,
                  "reuse the measured latencies of an earlier --json output (no timing)")
      ->check(CLI::ExistingFile);
  val->add_flag("--layers", o->layers,
                "also time every layer as it runs and print, per op class, predicted against "
                "measured time (where the model misses)");
  val->add_option("--rounds", o->rounds,
                  "time every case this many times, in rounds over all cases; a case's figure "
                  "is the least of its rounds (other work only adds time)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  val->add_flag("--json", o->json, "print {\"cases\": [...], \"summary\": {...}} as JSON");
  val->callback([&action, o, val] {
    o->threads_given = val->count("--threads") > 0;
    action = [o] { return run_validate(*o); };
  });
}

}  // namespace paradis
