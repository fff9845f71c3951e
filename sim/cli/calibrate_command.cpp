// paradis-sim calibrate: LibTorch kernels timed on this machine and fitted
// into a device profile (the work is in sim/latency and sim/calibration).
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "models/io/atomic_file.h"
#include "sim/cli/command.h"
#include "sim/cli/provenance.h"
#include "sim/cli/terminal_progress.h"
#include "sim/cli/text_table.h"
#include "sim/cost/latency_model.h"
#include "sim/latency/kernel_measurement.h"
#include "sim/cli/torch_commands.h"

namespace paradis {
namespace {

struct CalibrateCli {
  std::string command_line;
  std::string out;
  std::string name = "this_machine";
  int threads = 1;
  bool quick = false;
  bool hot_weights = false;
  bool kernels_only = false;
  bool split_by_input_size = true;
  double cold_bytes = 0.0;  // 0: four times the L2 cache
  int rounds = 3;
  std::string samples_out;
  std::string from_samples;
};

CommandRecord record(const CalibrateCli& o) { return {o.command_line, utc_date(), build_commit()}; }

MeasureSettings measure_settings(const CalibrateCli& o) {
  MeasureSettings m;
  m.threads = o.threads;
  m.quick = o.quick;
  m.hot_weights = o.hot_weights;
  m.kernels_only = o.kernels_only;
  m.cold_bytes = o.cold_bytes;
  m.rounds = o.rounds;
  m.record = record(o);
  return m;
}

// Each chain of layers: measured, predicted from its kernels alone, and by
// the profile with the in-network fit (how well one scale and one overhead
// describe them all).
void print_chains(const CalibrationRun& run, const CalibrationFit& fit, std::ostream& out) {
  TextTable t;
  t.add_column("chain of layers", TextTable::Align::left);
  t.add_column("kernels");
  t.add_column("measured ms");
  t.add_column("alone ms");
  t.add_column("error %");
  t.add_column("in network ms");
  t.add_column("error %");
  for (const auto& c : run.chains) {
    double by_alone = 0.0;
    double by_fitted = 0.0;
    for (const auto& k : c.kernels) {
      by_alone += kernel_seconds(fit.alone, k);
      by_fitted += kernel_seconds(fit.in_network, k);
    }
    char m[32], a[32], ae[32], f[32], fe[32];
    std::snprintf(m, sizeof m, "%.3f", c.seconds * 1e3);
    std::snprintf(a, sizeof a, "%.3f", by_alone * 1e3);
    std::snprintf(ae, sizeof ae, "%+.1f", 100.0 * (by_alone - c.seconds) / c.seconds);
    std::snprintf(f, sizeof f, "%.3f", by_fitted * 1e3);
    std::snprintf(fe, sizeof fe, "%+.1f", 100.0 * (by_fitted - c.seconds) / c.seconds);
    t.add_row({c.label, std::to_string(c.kernels.size()), m, a, ae, f, fe});
  }
  t.print(out);
}

int run_calibrate(const CalibrateCli& o) {
  CalibrationRun run;
  if (!o.from_samples.empty()) {
    run = load_calibration_run(o.from_samples);
  } else {
    run = measure_kernels(measure_settings(o), terminal_progress);
    if (!o.samples_out.empty()) {
      write_file_atomically(o.samples_out, calibration_run_to_json(run).dump(1) + "\n");
      std::cerr << "wrote the measured kernels to " << o.samples_out << "\n";
    }
  }
  const CalibrationFit fit =
      fit_calibration_run(run, o.name, o.split_by_input_size, record(o), o.from_samples);
  const DeviceProfile& p = fit.in_network;
  const std::string text = device_profile_to_json(p).dump(2) + "\n";
  if (!run.chains.empty()) print_chains(run, fit, o.out.empty() ? std::cerr : std::cout);
  if (o.out.empty()) {
    std::cout << text;
  } else {
    write_file_atomically(o.out, text);
    std::cout << "peak " << p.peak_flops.value / 1e9 << " GFLOP/s, memory "
              << p.memory_bandwidth.value / 1e9 << " GB/s, kernel overhead "
              << p.kernel_overhead.value * 1e6 << " us\nwrote " << o.out << "\n";
  }
  return 0;
}

}  // namespace

void add_calibrate_command(CLI::App& app, CommandAction& action, const std::string& command_line) {
  auto o = std::make_shared<CalibrateCli>();
  o->command_line = command_line;
  auto* cal = app.add_subcommand("calibrate", torch_command_description("calibrate"));
  cal->add_option("--out", o->out, "write the profile here (default: print it)");
  cal->add_option("--threads", o->threads, "LibTorch threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cal->add_option("--name", o->name, "the profile's name")->capture_default_str();
  cal->add_flag("--quick", o->quick, "fewer shapes and repeats (within 2 minutes)");
  auto* cal_rounds =
      cal->add_option("--rounds", o->rounds,
                      "time every kernel this many times, in rounds over the whole sweep; a "
                      "kernel's figure is the least of its rounds (other work only adds time)")
          ->capture_default_str()
          ->check(CLI::Range(1, 100));
  auto* samples_out =
      cal->add_option("--samples-out", o->samples_out,
                      "also write the measured kernels here (refit later with --from-samples)");
  auto* cold = cal->add_option("--cold-bytes", o->cold_bytes,
                               "rotate copies of each layer's weights over at least this many "
                               "bytes (at most 64 copies; default four times the L2 cache); "
                               "beyond the last-level cache they come from memory")
                   ->check(CLI::Range(1.0, 1e12));
  auto* hot = cal->add_flag("--hot-weights", o->hot_weights,
                            "time each layer on one copy of its weights, hot in cache (default: "
                            "rotate copies so that they come from beyond the L2 cache, as in a "
                            "network)");
  cold->excludes(hot);
  auto* kernels_only = cal->add_flag(
      "--kernels-only", o->kernels_only,
      "time the kernels alone only, not the synthetic chains of layers that tell how kernels run "
      "inside a network (the profile then predicts every kernel as alone)");
  // Two flags, not one negatable flag: CLI11 would print the negation's
  // value ("{false}") beside a default that is true.
  auto* split = cal->add_flag_callback(
      "--split-by-input-size", [o] { o->split_by_input_size = true; },
      "per convolution or linear class, fit curves of their own above an input size where the "
      "kernels clearly run at other efficiencies (eager LibTorch hands 3x3 convolutions whose "
      "input exceeds 20,480 elements to oneDNN); the default; needs samples that record input "
      "sizes");
  auto* no_split = cal->add_flag_callback(
      "--no-split-by-input-size", [o] { o->split_by_input_size = false; },
      "fit one set of curves per convolution or linear class, whatever its input size");
  split->excludes(no_split);
  // Refitting measures nothing: the options of measuring do not apply.
  cal->add_option("--from-samples", o->from_samples,
                  "fit to kernels measured earlier (a --samples-out file) instead of measuring")
      ->check(CLI::ExistingFile)
      ->excludes(samples_out)
      ->excludes(hot)
      ->excludes(cold)
      ->excludes(kernels_only)
      ->excludes(cal_rounds)
      ->excludes("--quick");
  cal->callback([&action, o] { action = [o] { return run_calibrate(*o); }; });
}

}  // namespace paradis
