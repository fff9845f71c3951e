#include "sim/run/prepared_run.h"

#include <cstdio>

#include "models/io/input_error.h"
#include "models/io/json_reader.h"
#include "models/networks/builtin_networks.h"
#include "sim/cost/compute_cost.h"
#include "sim/engine/platform_probe.h"
#include "sim/engine/simgrid_setup.h"
#include "sim/platform/platform_check.h"
#include "sim/report/accuracy_table.h"
#include "sim/run/adaptation.h"
#include "sim/strategy/strategy.h"

namespace paradis {

PreparedRun prepare_run(Scenario scenario, const PlatformInfo* probed) {
  PreparedRun p;
  p.scenario = std::move(scenario);
  if (!p.scenario.platform_xml.empty()) {
    p.generated = std::make_shared<TempFolder>("paradis-platform");
    materialize_platform(p.scenario, p.generated->path());
  }
  const Scenario& s = p.scenario;
  const std::string& file = s.file;
  p.platform = probed ? *probed : probe_platform(s.platform);
  check_scenario_hosts(s, p.platform);
  LayerGraph graph;
  try {
    graph = load_network(s.network, s.network_options);
  } catch (const InputError& e) {
    fail_at(file, "$.network", e.what());
  }
  ComputeCostModel cost;
  if (s.latency_model == "profiles") {
    try {
      cost = load_host_profiles(p.platform, s.profiles_dir);
    } catch (const InputError& e) {
      fail_at(file, "$.latency_model", e.what());
    }
  }
  PlanContext context{s.source_host, s.fusion_host, s.precision,
                      s.latency_model == "profiles" ? &cost : nullptr,
                      link_factors(s.network_model)};
  const AccuracyTable table = load_accuracy_tables(s.accuracy_files);
  const AccuracyTable* known = s.accuracy_files.empty() ? nullptr : &table;
  for (std::size_t i = 0; i < s.strategies.size(); ++i) {
    const std::string path = "$.strategies[" + std::to_string(i) + "]";
    try {
      p.plans.push_back(plan_strategy(graph, s.strategies[i], p.platform, context));
      check_routes(p.plans.back(), p.platform);
    } catch (const InputError& e) {
      fail_at(file, path, e.what());
    }
    if (!s.strategies[i].adapt) continue;
    TaskGraph& plan = p.plans.back();
    try {
      plan.adaptive =
          plan_adaptation(graph, s.strategies[i], plan, p.platform, context, known);
    } catch (const InputError& e) {
      fail_at(file, path + ".adapt", e.what());
    }
    plan.configuration += " adaptive";
  }
  if (s.network_model == NetworkModel::Ns3) {
    // SimGrid 3.32's ns-3 links have a fixed bandwidth and latency.
    for (const TimedEvent& e : s.events) {
      if (e.kind == TimedEvent::Kind::link_bandwidth || e.kind == TimedEvent::Kind::link_latency) {
        throw UnsupportedByNetworkModel(
            file + ": $.events: SimGrid's ns-3 model cannot change a link's bandwidth or latency "
                   "during a run (a bandwidth or latency event, or a trace); run it with LV08 or "
                   "CM02");
      }
    }
    ensure_engine_environment(s.network_model);
    HostPairs pairs;
    for (const TaskGraph& plan : p.plans) {
      for (const Task& t : plan.tasks) {
        if (t.kind == Task::Kind::transfer) pairs.emplace(t.host, t.to);
      }
    }
    check_packet_level(s.platform, pairs);
  }
  for (const auto& spec : s.strategies) {
    p.accuracy.push_back(strategy_accuracy(known,
                                           accuracy_tables_name(s.accuracy_files), graph.name(),
                                           graph.input_shape().height, spec));
  }
  return p;
}

PreparedRun prepare_run_file(const std::string& file, const std::vector<std::string>& sets) {
  return prepare_run(parse_scenario(load_scenario_document(file, sets), file));
}

}  // namespace paradis
