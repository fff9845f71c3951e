#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "sim/sweep/study.h"

namespace paradis {

// Which share of a study's points this run takes: those whose index modulo
// `count` is `index`.
struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
};

// "I/N", or "slurm" for $SLURM_ARRAY_TASK_ID (less $SLURM_ARRAY_TASK_MIN)
// out of $SLURM_ARRAY_TASK_COUNT. Throws InputError naming `option`.
Shard parse_shard(const std::string& text, const std::string& option);

struct SweepOptions {
  std::string out_dir;
  std::size_t jobs = 1;
  Shard shard;
  bool keep_points = false;  // every point's run outputs in out_dir/points/N/
};

struct SweepTally {
  std::size_t points = 0;  // in this shard
  std::size_t run = 0;
  std::size_t reused = 0;  // already in out_dir from an earlier run
  std::size_t rows = 0;
};

// Runs the shard's points, `jobs` at a time, each in its own process; a
// point's rows are kept in out_dir/points/ as soon as it ends, so a run
// interrupted and started again runs only the points still missing. Then
// writes out_dir/sweep.csv: the header and every point's rows in point
// order, the same whatever `jobs`. Progress goes to `log` (none when null).
SweepTally run_sweep(const Study& study, const SweepOptions& options, std::ostream* log);

// Joins the sweep.csv files of the shards of `study` into `out_file`:
// exactly the file one unsharded run writes. Errors name the file and line:
// a header that is not the study's, a point in two shards, a point in none.
// Returns the number of rows.
std::size_t merge_sweeps(const Study& study, const std::vector<std::string>& shard_files,
                         const std::string& out_file);

}  // namespace paradis
