#pragma once

#include <cstddef>
#include <string>

#include "sim/scenario/scenario.h"
#include "sim/sweep/study.h"

namespace paradis {

// The scenario at one point of a study: the base scenario with the study's
// sets and the point's scenario values, its platform figures written into
// `work`/platform.xml. Errors name the study file and the axis.
Scenario point_scenario(const Study& study, const StudyPoint& point, const std::string& work);

// "point,<axis columns>,<summary columns>\n"
std::string sweep_csv_header(const Study& study);

// Simulates point `index` (every strategy of its scenario) and returns its
// rows of sweep.csv. With `outputs` non-empty, the point's run outputs
// (summary.csv, requests.csv, trace.json, ...) are published there.
std::string run_sweep_point(const Study& study, std::size_t index, const StudyPoint& point,
                            const std::string& outputs);

// Checks every point before any runs: its scenario values, platform figures,
// hosts and strategies (against the base platform's probe), so that an error
// in point 400 stops the study before point 0 starts. Errors name the point.
void check_study_points(const Study& study);

// "axis=value, axis=value" for messages.
std::string describe_point(const Study& study, const StudyPoint& point);

}  // namespace paradis
