#include "sim/sweep/sweep_point.h"

#include <map>

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

std::string csv_cell(const std::string& text) {
  return text.find_first_of(",\"\n\r") == std::string::npos ? text : csv_quoted(text);
}

}  // namespace

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

// Writes the point's platform figures into `work`/platform.xml and points
// the scenario there (nothing when the study changes no figure).
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

Scenario point_scenario(const Study& study, const StudyPoint& point, const std::string& work) {
  Scenario s = point_values_scenario(study, point);
  apply_platform_figures(study, point, s, work);
  return s;
}

std::string sweep_csv_header(const Study& study) {
  std::string header = "point";
  for (const auto& axis : study.axes) header += "," + axis.column;
  return header + "," + summary_csv_header();
}

std::string describe_point(const Study& study, const StudyPoint& point) {
  std::string out;
  for (std::size_t a = 0; a < study.axes.size(); ++a) {
    out += (a ? ", " : "") + study.axes[a].column + "=" +
           axis_value_text(study.axes[a].values[point[a]]);
  }
  return out;
}

void check_study_points(const Study& study) {
  const TempFolder work("paradis-check");
  // One probe per platform file; figures change no host.
  std::map<std::string, PlatformInfo> probed;
  const std::vector<StudyPoint> points = study_points(study);
  for (std::size_t i = 0; i < points.size(); ++i) {
    try {
      Scenario s = point_values_scenario(study, points[i]);
      const std::string key = s.platform_xml.empty() ? s.platform : s.platform_xml;
      materialize_platform(s, work.path());
      auto it = probed.find(key);
      if (it == probed.end()) it = probed.emplace(key, probe_platform(s.platform)).first;
      apply_platform_figures(study, points[i], s, work.path());
      (void)prepare_run(s, &it->second);
    } catch (const InputError& e) {
      throw InputError("point " + std::to_string(i) + " (" + describe_point(study, points[i]) +
                       "): " + e.what());
    }
  }
}

std::string run_sweep_point(const Study& study, std::size_t index, const StudyPoint& point,
                            const std::string& outputs) {
  const TempFolder work("paradis-point");
  std::vector<RunSummary> rows;
  try {
    const PreparedRun run = prepare_run(point_scenario(study, point, work.path()));
    OutputSet out(outputs.empty() ? work.path() + "/outputs" : outputs, "--keep-points");
    rows = run_prepared(run, out);
  } catch (const InputError& e) {
    throw InputError("point " + std::to_string(index) + " (" + describe_point(study, point) +
                     "): " + e.what());
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
