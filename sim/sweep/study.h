#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace paradis {

// One dimension of a study: a scenario value at a JSON path, or a figure of
// the platform (a link's bandwidth or latency; a host's speed, cores or
// device profile), taking each of `values` in turn.
struct StudyAxis {
  enum class Kind { scenario_value, link_figure, host_figure };
  Kind kind = Kind::scenario_value;
  std::string column;   // its column in sweep.csv
  std::string path;     // scenario_value: dotted, as --set takes it
  std::string element;  // link_figure, host_figure: the link's or host's id
  std::string figure;   // bandwidth, latency; speed, core, device_profile
  std::vector<nlohmann::json> values;
  // Axes of one group take their values together (the i-th of each); groups
  // combine as a grid. Default: a group of its own.
  std::string group;
};

// A what-if study: a base scenario and its axes, combined as a grid (every
// combination, the first axis varying slowest) or zipped (the i-th value of
// every axis together); axes that name one "zip" group are zipped among
// themselves and the groups combined as a grid.
struct Study {
  std::string file;
  std::string scenario;           // path, resolved against the study's folder
  std::vector<std::string> sets;  // PATH=VALUE applied to the scenario first
  std::vector<StudyAxis> axes;
  bool zip = false;
  // The figures that answer the study's question: each the arguments of
  // analysis/plot_sweep.py ({"kind": "latency", "x": COLUMN, "label": TEXT}).
  std::vector<std::vector<std::string>> plots;
};

// One point of a study: the index of each axis's value.
using StudyPoint = std::vector<std::size_t>;

Study load_study(const std::string& file);
// Errors name the file and the JSON path.
Study parse_study(const nlohmann::json& document, const std::string& file);

// The groups of axes in order of first appearance, with their number of values.
std::vector<std::pair<std::string, std::size_t>> study_groups(const Study& study);

// Every point, in the order sweep.csv lists them.
std::vector<StudyPoint> study_points(const Study& study);

// A value as a CSV cell: a string as itself, anything else as compact JSON.
std::string axis_value_text(const nlohmann::json& value);

}  // namespace paradis
