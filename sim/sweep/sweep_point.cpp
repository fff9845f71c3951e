#include "sim/sweep/sweep_point.h"

#include <map>
#include <optional>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "sim/engine/platform_probe.h"
#include "sim/process/output_set.h"
#include "sim/process/temp_folder.h"
#include "sim/report/run_summary.h"
#include "sim/run/prepared_run.h"
#include "sim/run/scenario_run.h"
#include "sim/sweep/platform_variant.h"

namespace paradis {
namespace {

// The point's scenario before its platform figures: the study's sets and the
// point's scenario values.
Scenario point_values_scenario(const Study& study, const StudyPoint& point) {
  std::vector<std::string> sets = study.sets;
  for (std::size_t a = 0; a < study.axes.size(); ++a) {
    const StudyAxis& axis = study.axes[a];
    if (axis.kind == StudyAxis::Kind::scenario_value) {
      sets.push_back(axis.path + "=" + axis.values.at(point[a]).dump());
    }
  }
  return parse_scenario(load_scenario_document(study.scenario, sets), study.scenario);
}

// What a point's platform is known by among the probes: its file, or the
// text of a described one (before it is written out).
std::string platform_key(const Scenario& s) {
  return s.platform_xml.empty() ? s.platform : s.platform_xml;
}

bool changes_platform_figures(const Study& study) {
  for (const auto& axis : study.axes) {
    if (axis.kind != StudyAxis::Kind::scenario_value) return true;
  }
  return false;
}

// A described platform written out into `work`, and the point's platform
// figures into `work`/platform-figures.xml with the scenario pointed there
// (nothing when the study changes no figure). Errors name the study file and
// the axis.
void apply_platform_figures(const Study& study, const StudyPoint& point, Scenario& s,
                            const std::string& work) {
  materialize_platform(s, work);
  std::string xml;
  for (std::size_t a = 0; a < study.axes.size(); ++a) {
    const StudyAxis& axis = study.axes[a];
    if (axis.kind == StudyAxis::Kind::scenario_value) continue;
    if (xml.empty()) xml = read_text_file(s.platform);
    try {
      xml = platform_with_figure(xml, s.platform,
                                 axis.kind == StudyAxis::Kind::link_figure ? "link" : "host",
                                 axis.element, axis.figure, axis_value_text(axis.values[point[a]]));
    } catch (const InputError& e) {
      fail_at(study.file, "$.axes[" + std::to_string(a) + "]", e.what());
    }
  }
  if (!xml.empty()) {
    // The profiles stay where the original platform's are (parse_scenario
    // resolved them already).
    s.platform = work + "/platform-figures.xml";
    write_file_atomically(s.platform, xml);
  }
}

}  // namespace

std::string sweep_csv_header(const Study& study) {
  std::string header = "point";
  for (const auto& axis : study.axes) header += "," + axis.column;
  return header + "," + summary_csv_header();
}

std::string point_label(const Study& study, std::size_t index, const StudyPoint& point) {
  std::string out = "point " + std::to_string(index) + " (";
  for (std::size_t a = 0; a < study.axes.size(); ++a) {
    out += (a ? ", " : "") + study.axes[a].column + "=" +
           axis_value_text(study.axes[a].values[point[a]]);
  }
  return out + ")";
}

StudyProbes check_study_points(const Study& study) {
  const TempFolder work("paradis-check");
  // One probe per platform file; figures change no host.
  StudyProbes probed;
  const std::vector<StudyPoint> points = study_points(study);
  for (std::size_t i = 0; i < points.size(); ++i) {
    try {
      Scenario s = point_values_scenario(study, points[i]);
      const std::string key = platform_key(s);
      materialize_platform(s, work.path());
      auto it = probed.find(key);
      if (it == probed.end()) it = probed.emplace(key, probe_platform(s.platform)).first;
      apply_platform_figures(study, points[i], s, work.path());
      (void)prepare_run(s, &it->second);
    } catch (const InputError& e) {
      throw InputError(point_label(study, i, points[i]) + ": " + e.what());
    }
  }
  return probed;
}

std::string run_sweep_point(const Study& study, std::size_t index, const StudyPoint& point,
                            const std::string& outputs, const StudyProbes& probes) {
  const TempFolder work("paradis-point");
  std::vector<RunSummary> rows;
  try {
    Scenario s = point_values_scenario(study, point);
    const auto probe = probes.find(platform_key(s));
    apply_platform_figures(study, point, s, work.path());
    std::optional<PlatformInfo> platform;
    if (probe != probes.end() && !changes_platform_figures(study)) {
      platform = probe->second;
      platform->file = s.platform;
    }
    const PreparedRun run = prepare_run(s, platform ? &*platform : nullptr);
    if (outputs.empty()) {
      rows = run_prepared_summaries(run);
    } else {
      OutputSet out(outputs, "--keep-points");
      rows = run_prepared(run, out);
    }
  } catch (const InputError& e) {
    throw InputError(point_label(study, index, point) + ": " + e.what());
  }
  std::string prefix = std::to_string(index);
  for (std::size_t a = 0; a < study.axes.size(); ++a) {
    prefix += "," + csv_cell(axis_value_text(study.axes[a].values[point[a]]));
  }
  std::string csv;
  for (const auto& r : rows) csv += prefix + "," + summary_csv_row(r);
  return csv;
}

}  // namespace paradis
