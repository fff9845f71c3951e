// paradis-sim sweep: a study's points, on one machine or in shards.
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "sim/cli/command.h"
#include "sim/process/interrupt.h"
#include "sim/sweep/study.h"
#include "sim/sweep/study_plots.h"
#include "sim/sweep/sweep_run.h"

namespace paradis {
namespace {

struct SweepCommandOptions {
  std::string study;
  std::string out_dir;
  std::size_t jobs = 1;
  std::string shard;
  bool keep_points = false;
  bool plots = false;
  std::vector<std::string> merge;
};

int sweep(const SweepCommandOptions& o) {
  install_interrupt_handlers();
  const Study study = load_study(o.study);
  if (!o.merge.empty()) {
    const std::size_t rows = merge_sweeps(study, o.merge, o.out_dir + "/sweep.csv");
    std::cout << "Merged " << o.merge.size() << " shards: " << rows << " rows of "
              << study_points(study).size() << " points into " << o.out_dir << "/sweep.csv\n";
    if (o.plots) draw_study_plots(study, o.out_dir);
    return 0;
  }
  SweepOptions options;
  options.out_dir = o.out_dir;
  options.jobs = o.jobs;
  if (!o.shard.empty()) options.shard = parse_shard(o.shard, "--shard");
  options.keep_points = o.keep_points;
  SweepTally tally;
  try {
    tally = run_sweep(study, options, &std::cerr);
  } catch (const InterruptedError& e) {
    std::cerr << "paradis-sim: " << e.what() << "; the points done are kept in " << o.out_dir
              << "/points (the same command resumes)\n";
    return 128 + e.signal_number();
  }
  std::cout << study.file << ": " << tally.points << " points (" << tally.run << " run, "
            << tally.reused << " kept from an earlier run), " << tally.rows << " rows\n"
            << "Wrote " << o.out_dir << "/sweep.csv\n";
  // A shard's plots would show a share of the points: drawn after --merge.
  if (o.plots && options.shard.count == 1) {
    std::cout << std::flush;
    draw_study_plots(study, o.out_dir);
  }
  return 0;
}

}  // namespace

void add_sweep_command(CLI::App& app, CommandAction& action) {
  auto o = std::make_shared<SweepCommandOptions>();
  auto* cmd = app.add_subcommand(
      "sweep", "run a study: a base scenario over axes of scenario values and platform figures");
  cmd->add_option("STUDY", o->study, "study JSON file (scenarios/studies/)")->required();
  cmd->add_option("--out,-o", o->out_dir,
                  "folder for sweep.csv and points/ (the points already there are not run again)")
      ->required();
  cmd->add_option("--jobs,-j", o->jobs, "points simulated at once, each in its own process")
      ->capture_default_str();
  cmd->add_option("--shard", o->shard,
                  "run only share I of N of the points (I/N, from 0), or 'slurm' for the Slurm "
                  "array task's share");
  cmd->add_flag("--keep-points", o->keep_points,
                "also keep every point's run outputs in OUT/points/N/");
  cmd->add_flag("--plots", o->plots,
                "draw the study's plots (its \"plots\") into OUT as PNG and SVG");
  cmd->add_option("--merge", o->merge,
                  "join the shards' sweep.csv files into OUT/sweep.csv instead of running")
      ->excludes("--shard");
  cmd->callback([&action, o] { action = [o] { return sweep(*o); }; });
}

}  // namespace paradis
