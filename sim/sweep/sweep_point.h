#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "sim/platform/platform_info.h"
#include "sim/scenario/scenario.h"
#include "sim/sweep/study.h"

namespace paradis {

// The platforms of a study's points as probed, by platform file (or, for a
// described platform, by its text).
using StudyProbes = std::map<std::string, PlatformInfo>;

// "point,<axis columns>,<summary columns>\n"
std::string sweep_csv_header(const Study& study);

// Simulates point `index` (every strategy of its scenario) and returns its
// rows of sweep.csv. With `outputs` non-empty, the point's run outputs
// (summary.csv, requests.csv, trace.json, ...) are published there.
// `probes` (check_study_points') spare the point probing its platform again
// when the study changes no platform figure.
std::string run_sweep_point(const Study& study, std::size_t index, const StudyPoint& point,
                            const std::string& outputs, const StudyProbes& probes);

// Checks every point before any runs: its scenario values, platform figures,
// hosts and strategies (against its platform's probe, one per platform), so
// that an error in point 400 stops the study before point 0 starts. Errors
// name the point. Returns the probes.
StudyProbes check_study_points(const Study& study);

// "point 3 (axis=value, axis=value)" for messages.
std::string point_label(const Study& study, std::size_t index, const StudyPoint& point);

}  // namespace paradis
