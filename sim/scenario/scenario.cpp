#include "sim/scenario/scenario.h"

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/json_reader.h"

namespace paradis {
namespace {

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string resolve(const std::string& base_file, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  return folder_of(base_file) + "/" + path;
}

StrategySpec parse_strategy(JsonObjectReader& r) {
  const std::string& file = r.file();
  StrategySpec s;
  s.kind = r.get_string("kind");
  try {
    check_strategy_kind(s.kind);
  } catch (const InputError& e) {
    r.fail("kind", e.what());
  }
  const bool wants_switch = s.kind == "paradis" || s.kind == "individual";
  if (wants_switch) {
    try {
      s.sw = Switch::parse(r.get_string("switch"));
    } catch (const InputError& e) {
      r.fail("switch", e.what());
    }
  }
  if (s.kind == "slimmable") {
    s.sw = Switch::from_widths({r.get_number("width", 1e-6, 1.0)});
  }
  if (r.has("hosts")) s.hosts = r.get_string_list("hosts", "a host name");
  if (s.kind == "model_parallel") {
    s.keep = r.find_number("keep", 1e-6, 1.0).value_or(1.0);
    s.via_coordinator = r.find_bool("coordinator").value_or(false);
    if (r.has("shares")) {
      const auto& shares = r.get_array("shares");
      for (std::size_t i = 0; i < shares.size(); ++i) {
        if (!shares[i].is_number() || !(shares[i].get<double>() > 0.0)) {
          fail_at(file, r.path_of("shares") + "[" + std::to_string(i) + "]",
                  "expected a positive number, got " + shares[i].dump());
        }
        s.fractions.push_back(shares[i].get<double>());
      }
    }
  }
  r.finish();
  return s;
}

}  // namespace

nlohmann::json load_scenario_document(const std::string& file,
                                      const std::vector<std::string>& overrides) {
  nlohmann::json doc = parse_json_text(read_text_file(file), file);
  for (const auto& item : overrides) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InputError("--set '" + item + "': expected PATH=VALUE, e.g. workload.count=10");
    }
    const std::string path = item.substr(0, eq);
    const std::string text = item.substr(eq + 1);
    nlohmann::json value;
    try {
      value = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error&) {
      value = text;  // a bare word is a string
    }
    std::string pointer;
    std::size_t start = 0;
    while (true) {
      const auto dot = path.find('.', start);
      pointer += "/" + path.substr(start, dot - start);
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    try {
      doc[nlohmann::json::json_pointer(pointer)] = value;
    } catch (const nlohmann::json::exception&) {
      throw InputError("--set '" + item + "': cannot set " + path + " in " + file);
    }
  }
  return doc;
}

Scenario parse_scenario(const nlohmann::json& document, const std::string& file) {
  JsonObjectReader r(document, file, "$");
  Scenario s;
  s.file = file;
  s.platform = resolve(file, r.get_string("platform"));
  s.network = r.get_string("network");
  if (s.network.find('/') != std::string::npos || s.network.find(".json") != std::string::npos) {
    s.network = resolve(file, s.network);
  }
  s.network_options.resolution = static_cast<int>(r.find_int("resolution", 1, 16384).value_or(0));
  s.network_options.scale = static_cast<int>(r.find_int("scale", 2, 4).value_or(2));
  const std::string precision = r.find_string("precision").value_or("fp32");
  if (!parse_precision(precision, s.precision)) {
    r.fail("precision", "expected \"fp32\" or \"int8\", got \"" + precision + "\"");
  }
  s.source_host = r.get_string("source_host");
  s.fusion_host = r.find_string("fusion_host").value_or(s.source_host);

  {
    JsonObjectReader w(r.get_object("workload"), file, "$.workload");
    s.workload.count = w.get_int("count", 1, 100000000);
    const std::string arrival = w.find_string("arrival").value_or("closed_loop");
    if (arrival == "closed_loop") {
      s.workload.arrival = WorkloadSpec::Arrival::closed_loop;
    } else if (arrival == "periodic") {
      s.workload.arrival = WorkloadSpec::Arrival::periodic;
    } else if (arrival == "poisson") {
      s.workload.arrival = WorkloadSpec::Arrival::poisson;
    } else {
      w.fail("arrival",
             "expected \"closed_loop\", \"periodic\" or \"poisson\", got \"" + arrival + "\"");
    }
    const auto interval = w.find_number("interval_s", 1e-9, 1e9);
    if (s.workload.arrival != WorkloadSpec::Arrival::closed_loop && !interval) {
      w.fail("interval_s",
             "missing: periodic and poisson arrivals need the (mean) interval "
             "between requests, in seconds");
    }
    s.workload.interval = interval.value_or(1.0);
    s.workload.seed = static_cast<std::uint64_t>(w.find_int("seed", 0, INT64_MAX).value_or(1));
    w.finish();
  }

  if (r.get_array("strategies").empty()) r.fail("strategies", "expected at least one strategy");
  r.for_each_object("strategies", [&](JsonObjectReader& element) {
    s.strategies.push_back(parse_strategy(element));
  });
  if (auto acc = r.find_string("accuracy")) s.accuracy_file = resolve(file, *acc);
  if (r.has("simgrid")) {
    JsonObjectReader g(r.get_object("simgrid"), file, "$.simgrid");
    s.network_model = g.find_string("network_model").value_or("LV08");
    if (s.network_model != "LV08" && s.network_model != "CM02" && s.network_model != "ns-3") {
      g.fail("network_model",
             "expected \"LV08\", \"CM02\" or \"ns-3\", got \"" + s.network_model + "\"");
    }
    s.crosstraffic = g.find_bool("crosstraffic").value_or(true);
    g.finish();
  }
  s.trace_requests = r.find_int("trace_requests", 0, 1000000).value_or(100);
  if (r.has("latency_model")) {
    JsonObjectReader m(r.get_object("latency_model"), file, "$.latency_model");
    s.latency_model = m.get_string("kind");
    if (s.latency_model != "flops" && s.latency_model != "profiles") {
      m.fail("kind", "expected \"flops\" or \"profiles\", got \"" + s.latency_model + "\"");
    }
    if (auto dir = m.find_string("profiles")) s.profiles_dir = resolve(file, *dir);
    m.finish();
  }
  if (s.profiles_dir.empty()) {
    const auto slash = s.platform.rfind('/');
    s.profiles_dir = (slash == std::string::npos ? "." : s.platform.substr(0, slash)) + "/profiles";
  }
  r.finish();
  return s;
}

void check_scenario_hosts(const Scenario& s, const PlatformInfo& platform) {
  const auto check = [&](const std::string& host, const std::string& path) {
    if (!platform.find(host)) {
      fail_at(
          s.file, path,
          "unknown host '" + host + "' (" + platform.file + " has: " + platform.host_names() + ")");
    }
  };
  check(s.source_host, "$.source_host");
  check(s.fusion_host, "$.fusion_host");
  for (std::size_t i = 0; i < s.strategies.size(); ++i) {
    const auto& hosts = s.strategies[i].hosts;
    for (std::size_t j = 0; j < hosts.size(); ++j) {
      check(hosts[j], "$.strategies[" + std::to_string(i) + "].hosts[" + std::to_string(j) + "]");
    }
  }
}

}  // namespace paradis
