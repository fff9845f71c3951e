#include "sim/sweep/sweep_run.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/sha256.h"
#include "sim/process/child_process.h"
#include "sim/process/interrupt.h"
#include "sim/process/temp_folder.h"
#include "sim/sweep/sweep_point.h"

namespace paradis {
namespace {

std::size_t parse_count(const std::string& text, const std::string& what) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
    throw InputError(what + ": expected a whole number, got '" + text + "'");
  }
  return std::stoul(text);
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// The folder and its parents, as --out is everywhere.
void make_folder(const std::string& path, const std::string& option) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error || !std::filesystem::is_directory(path)) {
    throw InputError(option + " " + path + ": cannot create the folder" +
                     (error ? " (" + error.message() + ")" : ""));
  }
}

// OUT/points/0000042: point 42's outputs (--keep-points); with ".csv", its rows.
std::string point_path(const std::string& points_dir, std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "/%07zu", index);
  return points_dir + name;
}

// What the kept points were computed from: the study, the scenario and its
// platform. Points kept under another fingerprint are not reused.
std::string study_fingerprint(const Study& study) {
  const Scenario s = parse_scenario(load_scenario_document(study.scenario, {}), study.scenario);
  return sha256_hex(read_text_file(study.file) + "\n" + read_text_file(study.scenario) + "\n" +
                    (s.platform_xml.empty() ? read_text_file(s.platform) : s.platform_xml)) +
         "\n";
}

void check_or_record_fingerprint(const Study& study, const std::string& points_dir) {
  const std::string file = points_dir + "/fingerprint";
  const std::string now = study_fingerprint(study);
  if (std::filesystem::exists(file)) {
    if (read_text_file(file) != now) {
      throw InputError("--out " + points_dir +
                       ": holds the points of another version of the study, its scenario or its "
                       "platform; give another --out or remove that folder");
    }
    return;
  }
  write_file_atomically(file, now);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs the points not yet kept, `jobs` at a time.
void run_missing_points(const Study& study, const std::vector<StudyPoint>& points,
                        const std::vector<std::size_t>& missing, const StudyProbes& probes,
                        const SweepOptions& options, const std::string& points_dir,
                        std::ostream* log) {
  // The workers' temporary files live in here: a worker killed by an
  // interrupt cannot remove its own, this folder's owner does.
  const TempFolder scratch("paradis-sweep");
  ChildPool pool;
  std::size_t next = 0;
  std::size_t done = 0;
  const auto start = std::chrono::steady_clock::now();
  while (next < missing.size() || pool.running() > 0) {
    while (next < missing.size() && pool.running() < options.jobs) {
      const std::size_t index = missing[next++];
      pool.start(index, [&, index] {
        ::setenv("TMPDIR", scratch.path().c_str(), 1);
        const std::string outputs =
            options.keep_points ? point_path(points_dir, index) : std::string();
        write_file_atomically(point_path(points_dir, index) + ".csv",
                              run_sweep_point(study, index, points[index], outputs, probes));
        return 0;
      });
    }
    const ChildPool::Finished finished = pool.wait_one();
    if (finished.status != 0) {
      throw InputError(finished.error_line.empty()
                           ? point_label(study, finished.tag, points[finished.tag]) +
                                 " failed with status " + std::to_string(finished.status)
                           : finished.error_line);
    }
    ++done;
    if (log) {
      char elapsed[32];
      std::snprintf(elapsed, sizeof elapsed, "%.1f", seconds_since(start));
      *log << "[" << done << "/" << missing.size() << "] "
           << point_label(study, finished.tag, points[finished.tag]) << " done, " << elapsed
           << " s\n"
           << std::flush;
    }
  }
}

}  // namespace

Shard parse_shard(const std::string& text, const std::string& option) {
  Shard shard;
  if (text == "slurm") {
    const std::string id = environment("SLURM_ARRAY_TASK_ID");
    const std::string count = environment("SLURM_ARRAY_TASK_COUNT");
    if (id.empty() || count.empty()) {
      throw InputError(option + " slurm: SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not "
                                "set (run it as a Slurm array task, or give I/N)");
    }
    const std::string min = environment("SLURM_ARRAY_TASK_MIN");
    const std::size_t first = min.empty() ? 0 : parse_count(min, "SLURM_ARRAY_TASK_MIN");
    const std::size_t task = parse_count(id, "SLURM_ARRAY_TASK_ID");
    if (task < first) throw InputError("SLURM_ARRAY_TASK_ID is below SLURM_ARRAY_TASK_MIN");
    shard.index = task - first;
    shard.count = parse_count(count, "SLURM_ARRAY_TASK_COUNT");
  } else {
    const auto slash = text.find('/');
    if (slash == std::string::npos) {
      throw InputError(option + " '" + text + "': expected I/N (share I of N, from 0) or slurm");
    }
    shard.index = parse_count(text.substr(0, slash), option + " '" + text + "'");
    shard.count = parse_count(text.substr(slash + 1), option + " '" + text + "'");
  }
  if (shard.count == 0 || shard.index >= shard.count) {
    throw InputError(option + " '" + text + "': expected 0 <= I < N, got " +
                     std::to_string(shard.index) + "/" + std::to_string(shard.count));
  }
  return shard;
}

SweepTally run_sweep(const Study& study, const SweepOptions& options, std::ostream* log) {
  if (options.jobs == 0 || options.jobs > 256) throw InputError("--jobs: expected 1 to 256");
  const std::vector<StudyPoint> points = study_points(study);
  const StudyProbes probes = check_study_points(study);
  make_folder(options.out_dir, "--out");
  const std::string points_dir = options.out_dir + "/points";
  make_folder(points_dir, "--out");
  check_or_record_fingerprint(study, points_dir);

  SweepTally tally;
  std::vector<std::size_t> mine;
  std::vector<std::size_t> missing;
  for (std::size_t i = options.shard.index; i < points.size(); i += options.shard.count) {
    mine.push_back(i);
    if (std::filesystem::exists(point_path(points_dir, i) + ".csv")) {
      ++tally.reused;
    } else {
      missing.push_back(i);
    }
  }
  tally.points = mine.size();
  tally.run = missing.size();
  if (log) {
    *log << study.file << ": " << points.size() << " points";
    if (options.shard.count > 1) {
      *log << ", shard " << options.shard.index << "/" << options.shard.count << ": "
           << mine.size();
    }
    *log << "; " << tally.reused << " already in " << points_dir << ", " << missing.size()
         << " to run, " << options.jobs << " at a time\n";
  }
  run_missing_points(study, points, missing, probes, options, points_dir, log);

  std::string csv = sweep_csv_header(study);
  for (std::size_t i : mine) {
    const std::string rows = read_text_file(point_path(points_dir, i) + ".csv");
    for (char c : rows) tally.rows += c == '\n';
    csv += rows;
  }
  write_file_atomically(options.out_dir + "/sweep.csv", csv);
  return tally;
}

std::size_t merge_sweeps(const Study& study, const std::vector<std::string>& shard_files,
                         const std::string& out_file) {
  const std::vector<StudyPoint> points = study_points(study);
  const std::size_t count = points.size();
  const std::string header = sweep_csv_header(study);
  std::vector<std::string> rows(count);
  std::vector<std::string> from(count);
  std::size_t total = 0;
  for (const std::string& file : shard_files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file + ": cannot open the shard's CSV");
    std::string line;
    if (!std::getline(in, line) || line + "\n" != header) {
      throw InputError(file + ":1: expected the study's header: " +
                       header.substr(0, header.size() - 1));
    }
    std::size_t number = 1;
    std::size_t previous = count;
    while (std::getline(in, line)) {
      ++number;
      const std::string where = file + ":" + std::to_string(number);
      const std::string field = line.substr(0, line.find(','));
      const std::size_t point = parse_count(field, where + ": the point");
      if (point >= count) {
        throw InputError(where + ": point " + field + ", but the study has " +
                         std::to_string(count) + " points");
      }
      if (!from[point].empty() && point != previous) {
        throw InputError(where + ": point " + field + " is in " + from[point] + " already");
      }
      from[point] = file;
      previous = point;
      rows[point] += line + "\n";
      ++total;
    }
  }
  make_folder(out_file.substr(0, out_file.rfind('/')), "--out");
  std::string csv = header;
  for (std::size_t i = 0; i < count; ++i) {
    if (rows[i].empty()) {
      throw InputError(point_label(study, i, points[i]) + " is in no shard");
    }
    csv += rows[i];
  }
  write_file_atomically(out_file, csv);
  return total;
}

}  // namespace paradis
