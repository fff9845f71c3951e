#include "sim/testbed/testbed_plan.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"

namespace paradis {
namespace {

constexpr const char* kFormat = "paradis-testbed-plan";

const char* work_name(ComputeWork::Kind kind) {
  switch (kind) {
    case ComputeWork::Kind::unspecified: return "unspecified";
    case ComputeWork::Kind::subnetwork: return "subnetwork";
    case ComputeWork::Kind::fusion_sum: return "fusion_sum";
    case ComputeWork::Kind::channel_slice: return "channel_slice";
    case ComputeWork::Kind::concat: return "concat";
  }
  return "unspecified";
}

ComputeWork::Kind work_kind(const std::string& name) {
  for (auto k : {ComputeWork::Kind::unspecified, ComputeWork::Kind::subnetwork,
                 ComputeWork::Kind::fusion_sum, ComputeWork::Kind::channel_slice,
                 ComputeWork::Kind::concat}) {
    if (name == work_name(k)) return k;
  }
  throw std::invalid_argument("unknown work \"" + name + "\"");
}

nlohmann::json task_json(const Task& t) {
  nlohmann::json j{{"kind", t.kind == Task::Kind::compute ? "compute" : "transfer"},
                   {"name", t.name},
                   {"host", t.host},
                   {"amount", t.amount},
                   {"after", t.after}};
  if (t.kind == Task::Kind::transfer) {
    j["to"] = t.to;
    j["carries"] = t.carries;
  } else {
    j["layers"] = t.layers;
    j["work"] = {{"kind", work_name(t.work.kind)},
                 {"switch", t.work.switch_name},
                 {"part", t.work.part},
                 {"from", t.work.from},
                 {"to", t.work.to}};
  }
  return j;
}

Task task_from_json(const nlohmann::json& j) {
  Task t;
  t.kind = j.at("kind").get<std::string>() == "compute" ? Task::Kind::compute : Task::Kind::transfer;
  t.name = j.at("name").get<std::string>();
  t.host = j.at("host").get<std::string>();
  t.amount = j.at("amount").get<double>();
  t.after = j.at("after").get<std::vector<std::size_t>>();
  if (t.kind == Task::Kind::transfer) {
    t.to = j.at("to").get<std::string>();
    t.carries = j.at("carries").get<long>();
  } else {
    t.layers = j.at("layers").get<std::vector<std::size_t>>();
    const auto& w = j.at("work");
    t.work.kind = work_kind(w.at("kind").get<std::string>());
    t.work.switch_name = w.at("switch").get<std::string>();
    t.work.part = w.at("part").get<std::size_t>();
    t.work.from = w.at("from").get<double>();
    t.work.to = w.at("to").get<double>();
  }
  return t;
}

}  // namespace

std::size_t TestbedPlan::host_index(const std::string& name) const {
  for (std::size_t k = 0; k < hosts.size(); ++k) {
    if (hosts[k].name == name) return k;
  }
  throw std::out_of_range("testbed plan: no host " + name);
}

std::string testbed_plan_to_json(const TestbedPlan& plan) {
  nlohmann::json j{{"format", kFormat},
                   {"network_file", plan.network_file},
                   {"strategy", plan.strategy},
                   {"configuration", plan.configuration},
                   {"source_host", plan.source_host},
                   {"warmup", plan.warmup},
                   {"requests", plan.requests},
                   {"seed", plan.seed},
                   {"port", plan.port}};
  for (const auto& h : plan.hosts) {
    j["hosts"].push_back({{"name", h.name},
                          {"address", h.address},
                          {"latency_s", h.latency_s},
                          {"bandwidth_bps", h.bandwidth_bps},
                          {"burst_bytes", h.burst_bytes}});
  }
  for (const auto& t : plan.tasks) j["tasks"].push_back(task_json(t));
  return j.dump(1) + "\n";
}

TestbedPlan load_testbed_plan(const std::string& path) {
  try {
    const nlohmann::json j = nlohmann::json::parse(read_text_file(path));
    if (j.at("format").get<std::string>() != kFormat) {
      throw std::invalid_argument(std::string("$.format: expected \"") + kFormat + "\"");
    }
    TestbedPlan plan;
    plan.network_file = j.at("network_file").get<std::string>();
    plan.strategy = j.at("strategy").get<std::string>();
    plan.configuration = j.at("configuration").get<std::string>();
    plan.source_host = j.at("source_host").get<std::string>();
    plan.warmup = j.at("warmup").get<std::int64_t>();
    plan.requests = j.at("requests").get<std::int64_t>();
    plan.seed = j.at("seed").get<std::uint64_t>();
    plan.port = j.at("port").get<int>();
    for (const auto& h : j.at("hosts")) {
      plan.hosts.push_back({h.at("name").get<std::string>(), h.at("address").get<std::string>(),
                            h.at("latency_s").get<double>(), h.at("bandwidth_bps").get<double>(),
                            h.at("burst_bytes").get<std::int64_t>()});
    }
    for (const auto& t : j.at("tasks")) plan.tasks.push_back(task_from_json(t));
    return plan;
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    throw InputError(path + ": not a testbed plan: " + e.what());
  }
}

std::string testbed_unsupported(const TaskGraph& graph, const std::string& source_host) {
  if (graph.replicas != 1) return "it spreads requests over replicas";
  if (graph.adaptive) return "it adapts to events";
  for (std::size_t i = 0; i < graph.tasks.size(); ++i) {
    const Task& t = graph.tasks[i];
    if (t.kind == Task::Kind::compute && t.work.kind == ComputeWork::Kind::unspecified) {
      return "its task \"" + t.name + "\" does not say what it computes for real";
    }
    if (t.after.empty() && t.host != source_host) {
      return "its task \"" + t.name + "\" starts a request on " + t.host +
             ", not on the source host " + source_host;
    }
    for (std::size_t d : t.after) {
      const Task& dep = graph.tasks[d];
      const std::string& at = dep.kind == Task::Kind::transfer ? dep.to : dep.host;
      if (at != t.host) {
        return "its task \"" + t.name + "\" waits for \"" + dep.name + "\" on another host";
      }
    }
  }
  return "";
}

}  // namespace paradis
