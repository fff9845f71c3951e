#include "sim/sweep/study.h"

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/io/relative_path.h"

namespace paradis {
namespace {

// A column name CSV readers take without quoting.
void check_column(JsonObjectReader& r, const std::string& key, const std::string& column) {
  if (column.empty() || column.find_first_of(",\"\n\r") != std::string::npos) {
    r.fail(key, "expected a column name without commas, quotes or line breaks, got \"" + column +
                    "\"");
  }
}

StudyAxis read_axis(JsonObjectReader& r) {
  StudyAxis axis;
  const int kinds = r.has("set") + r.has("link") + r.has("host");
  if (kinds != 1) {
    fail_at(r.file(), r.path(),
            "expected exactly one of \"set\" (a scenario value's path), \"link\" or \"host\" "
            "(a platform figure)");
  }
  if (r.has("set")) {
    axis.path = r.get_string("set");
    if (axis.path.empty() || axis.path.find('=') != std::string::npos) {
      r.fail("set", "expected a dotted scenario path such as workload.count");
    }
    axis.column = axis.path;
  } else {
    const bool link = r.has("link");
    axis.kind = link ? StudyAxis::Kind::link_figure : StudyAxis::Kind::host_figure;
    axis.element = r.get_string(link ? "link" : "host");
    axis.figure = r.get_string("figure");
    const std::vector<std::string> figures =
        link ? std::vector<std::string>{"bandwidth", "latency"}
             : std::vector<std::string>{"speed", "core", "device_profile"};
    bool known = false;
    for (const auto& f : figures) known = known || f == axis.figure;
    if (!known) {
      std::string list;
      for (const auto& f : figures) list += (list.empty() ? "" : ", ") + f;
      r.fail("figure", "expected one of " + list + " for a " + (link ? "link" : "host") +
                           ", got \"" + axis.figure + "\"");
    }
    axis.column = axis.element + "." + axis.figure;
  }
  if (auto name = r.find_string("name")) axis.column = *name;
  axis.group = r.find_string("zip").value_or("");
  check_column(r, r.has("name") ? "name" : (r.has("set") ? "set" : "figure"), axis.column);
  const nlohmann::json& values = r.get_array("values");
  if (values.empty()) r.fail("values", "expected at least one value");
  for (std::size_t i = 0; i < values.size(); ++i) {
    const nlohmann::json& v = values[i];
    if (axis.kind != StudyAxis::Kind::scenario_value && !v.is_string() && !v.is_number()) {
      fail_at(r.file(), r.path_of("values") + "[" + std::to_string(i) + "]",
              "expected a number or a string such as \"100Mbps\", got " + json_type_name(v));
    }
    axis.values.push_back(v);
  }
  r.finish();
  return axis;
}

}  // namespace

Study load_study(const std::string& file) {
  return parse_study(parse_json_text(read_text_file(file), file), file);
}

Study parse_study(const nlohmann::json& document, const std::string& file) {
  JsonObjectReader r(document, file, "$");
  Study study;
  study.file = file;
  r.find_string("question");
  study.scenario = resolve_beside(file, r.get_string("scenario"));
  if (r.has("set")) study.sets = r.get_string_list("set", "PATH=VALUE override");
  const std::string combine = r.find_string("combine").value_or("grid");
  if (combine != "grid" && combine != "zip") {
    r.fail("combine", "expected \"grid\" or \"zip\", got \"" + combine + "\"");
  }
  study.zip = combine == "zip";
  r.for_each_object("axes", [&](JsonObjectReader& a) {
    study.axes.push_back(read_axis(a));
    StudyAxis& axis = study.axes.back();
    if (study.zip) axis.group = "*";
    if (axis.group.empty()) axis.group = "#" + std::to_string(study.axes.size() - 1);
  });
  if (r.has("plots")) {
    r.for_each_object("plots", [&](JsonObjectReader& p) {
      const std::string kind = p.get_string("kind");
      if (kind != "latency" && kind != "energy" && kind != "throughput" && kind != "load" &&
          kind != "pareto" && kind != "availability") {
        p.fail("kind", "expected \"latency\", \"energy\", \"throughput\", \"load\", "
                       "\"availability\" or \"pareto\", got \"" + kind + "\"");
      }
      std::vector<std::string> args{"--kind", kind};
      for (const char* key : {"x", "group", "label"}) {
        if (auto value = p.find_string(key)) {
          args.push_back(std::string("--") + key);
          args.push_back(*value);
        }
      }
      if (!p.has(kind == "pareto" ? "group" : "x")) {
        p.fail(kind == "pareto" ? "group" : "x", "missing: the column to plot against");
      }
      p.finish();
      study.plots.push_back(args);
    });
  }
  if (study.axes.empty()) r.fail("axes", "expected at least one axis");
  for (std::size_t i = 0; i < study.axes.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (study.axes[i].column == study.axes[j].column) {
        fail_at(file, "$.axes[" + std::to_string(i) + "]",
                "the column \"" + study.axes[i].column + "\" is $.axes[" + std::to_string(j) +
                    "]'s already; give one of them a \"name\"");
      }
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (study.axes[j].group == study.axes[i].group &&
          study.axes[j].values.size() != study.axes[i].values.size()) {
        fail_at(file, "$.axes[" + std::to_string(i) + "].values",
                "zipped axes need as many values as $.axes[" + std::to_string(j) + "] (" +
                    std::to_string(study.axes[j].values.size()) + "), got " +
                    std::to_string(study.axes[i].values.size()));
      }
    }
  }
  double points = 1;
  for (const auto& [group, size] : study_groups(study)) points *= static_cast<double>(size);
  if (points > 10000000) r.fail("axes", "more than 10,000,000 points");
  r.finish();
  return study;
}

std::vector<std::pair<std::string, std::size_t>> study_groups(const Study& study) {
  std::vector<std::pair<std::string, std::size_t>> groups;
  for (const auto& axis : study.axes) {
    bool seen = false;
    for (const auto& g : groups) seen = seen || g.first == axis.group;
    if (!seen) groups.emplace_back(axis.group, axis.values.size());
  }
  return groups;
}

std::vector<StudyPoint> study_points(const Study& study) {
  const auto groups = study_groups(study);
  std::vector<StudyPoint> points;
  std::vector<std::size_t> at(groups.size(), 0);
  while (true) {
    StudyPoint point;
    for (const auto& axis : study.axes) {
      for (std::size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].first == axis.group) point.push_back(at[g]);
      }
    }
    points.push_back(point);
    // Odometer order: the last group turns fastest.
    std::size_t g = groups.size();
    while (true) {
      if (g == 0) return points;
      --g;
      if (++at[g] < groups[g].second) break;
      at[g] = 0;
    }
  }
}

std::string axis_value_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace paradis
