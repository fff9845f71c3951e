#include "sim/engine/simulation.h"

#include <algorithm>
#include <stdexcept>

#include <simgrid/plugins/energy.h>
#include <xbt/log.h>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u.hpp>

namespace sg4 = simgrid::s4u;

namespace paradis {
namespace {

// Drives requests through the task graph: each request is one actor that
// starts a task as soon as its last dependency finished, and waits for any
// running task to finish. (Completions are observed where they are waited
// for, which is how SimGrid reports them.)
class Runner {
 public:
  Runner(const TaskGraph& graph, const EngineOptions& options, SimulationObserver& observer)
      : graph_(graph), options_(options), observer_(observer), next_(graph.tasks.size()) {
    for (std::size_t i = 0; i < graph_.tasks.size(); ++i) {
      for (std::size_t d : graph_.tasks[i].after) next_[d].push_back(i);
    }
  }

  void resolve(sg4::Engine& engine) {
    for (const Task& t : graph_.tasks) {
      host_.push_back(engine.host_by_name(t.host));
      energy_.push_back(t.kind == Task::Kind::compute
                            ? t.amount / host_.back()->get_speed() * core_watts(host_.back())
                            : 0.0);
      if (t.kind == Task::Kind::transfer) {
        to_.push_back(engine.host_by_name(t.to));
        std::vector<sg4::Link*> links;
        double latency = 0.0;
        host_.back()->route_to(to_.back(), links, &latency);
        std::vector<std::string> names;
        for (auto* l : links) names.push_back(l->get_name());
        route_.push_back(names);
      } else {
        to_.push_back(nullptr);
        route_.emplace_back();
      }
    }
  }

  // Runs request `id` to its end, in the calling actor.
  void drive(std::int64_t id) {
    const std::size_t n = graph_.tasks.size();
    const double arrival = sg4::Engine::get_clock();
    std::vector<double> start(n, arrival);
    std::vector<double> finish(n, arrival);
    std::vector<std::size_t> missing(n);
    for (std::size_t i = 0; i < n; ++i) missing[i] = graph_.tasks[i].after.size();
    std::vector<sg4::ActivityPtr> running;
    std::vector<std::size_t> running_task;
    bool failed = false;

    const auto launch = [&](std::size_t i) {
      const Task& t = graph_.tasks[i];
      if (t.kind == Task::Kind::compute) {
        auto exec = sg4::Exec::init();
        exec->set_flops_amount(t.amount)->set_host(host_[i]);
        if (t.threads > 1) exec->set_thread_count(t.threads);
        exec->start();
        running.push_back(exec);
      } else {
        auto comm = sg4::Comm::sendto_init(host_[i], to_[i]);
        comm->set_payload_size(static_cast<std::uint64_t>(t.amount));
        comm->start();
        running.push_back(comm);
      }
      running_task.push_back(i);
    };
    for (std::size_t i = 0; i < n; ++i) {
      if (missing[i] == 0) launch(i);
    }
    while (!running.empty()) {
      ssize_t k = -1;
      try {
        k = sg4::Activity::wait_any(running);
      } catch (const simgrid::Exception&) {
        failed = true;  // a host or link failed under this request
        break;
      }
      const std::size_t i = running_task[static_cast<std::size_t>(k)];
      start[i] = running[static_cast<std::size_t>(k)]->get_start_time();
      finish[i] = running[static_cast<std::size_t>(k)]->get_finish_time();
      running.erase(running.begin() + k);
      running_task.erase(running_task.begin() + k);
      for (std::size_t s : next_[i]) {
        if (--missing[s] == 0) launch(s);
      }
    }
    record(id, arrival, start, finish, failed);
  }

  SimulationResult& result() { return result_; }
  void expect_requests(std::int64_t n) { expected_requests_ = n; }

 private:
  // The power one busy core adds, from the first pstate of wattage_per_state
  // ("Idle:Epsilon:AllCores"); 0 when the host has no power figures.
  static double core_watts(const sg4::Host* host) {
    const char* text = host->get_property("wattage_per_state");
    if (text == nullptr) return 0.0;
    std::string first = text;
    first = first.substr(0, first.find(','));
    const auto a = first.find(':');
    const auto b = first.rfind(':');
    if (a == std::string::npos) return 0.0;
    // The platform check made sure every figure is a number; "Idle:AllCores"
    // has no epsilon, which is then the idle power.
    const double base = std::stod(first.substr(a == b ? 0 : a + 1, a == b ? a : b - a - 1));
    const double all = std::stod(first.substr(b + 1));
    return (all - base) / host->get_core_count();
  }

  void record(std::int64_t id, double arrival, const std::vector<double>& start,
              const std::vector<double>& finish, bool failed) {
    const std::size_t n = graph_.tasks.size();
    RequestRecord rec;
    rec.id = id;
    rec.arrival = arrival;
    rec.start = start[0];
    rec.end = failed ? sg4::Engine::get_clock() : finish[n - 1];
    for (std::size_t i = 0; i < n; ++i) {
      rec.start = std::min(rec.start, start[i]);
      if (graph_.tasks[i].kind == Task::Kind::transfer) rec.bytes += graph_.tasks[i].amount;
      if (!failed || finish[i] > start[i]) rec.energy_joules += energy_[i];
    }
    // Walk back from the last task through the dependency that finished last.
    std::size_t at = n - 1;
    while (!failed) {
      const double duration = finish[at] - start[at];
      (graph_.tasks[at].kind == Task::Kind::compute ? rec.compute_time : rec.transfer_time) +=
          duration;
      const auto& after = graph_.tasks[at].after;
      if (after.empty()) break;
      std::size_t latest = after[0];
      for (std::size_t d : after) {
        if (finish[d] > finish[latest]) latest = d;
      }
      at = latest;
    }
    rec.failed = failed;
    (rec.failed ? result_.failed : result_.completed) += 1;
    result_.makespan = std::max(result_.makespan, rec.end);
    observer_.on_request(rec);
    // SimGrid's link energy can be read only while the simulation runs:
    // read it when the last request ends.
    if (options_.link_energy && result_.completed + result_.failed == expected_requests_) {
      for (sg4::Link* link : sg4::Engine::get_instance()->get_all_links()) {
        result_.link_energy_joules += sg_link_get_consumed_energy(link);
      }
    }
    if (id < options_.trace_requests && !failed) {
      for (std::size_t i = 0; i < n; ++i) {
        const Task& t = graph_.tasks[i];
        if (t.kind == Task::Kind::compute) {
          observer_.on_trace_event({t.name, t.host, false, id, start[i], finish[i]});
        } else {
          for (const auto& link : route_[i]) {
            observer_.on_trace_event({t.name, link, true, id, start[i], finish[i]});
          }
        }
      }
    }
  }

  const TaskGraph& graph_;
  const EngineOptions& options_;
  SimulationObserver& observer_;
  std::vector<std::vector<std::size_t>> next_;
  std::vector<sg4::Host*> host_;
  std::vector<double> energy_;  // dynamic energy of each compute task
  std::int64_t expected_requests_ = 0;
  std::vector<sg4::Host*> to_;
  std::vector<std::vector<std::string>> route_;
  SimulationResult result_;
};

void configure_wifi(sg4::Engine& engine) {
  for (sg4::Host* host : engine.get_all_hosts()) {
    const char* link_name = host->get_property("wifi_link");
    if (link_name == nullptr) continue;
    sg4::Link* link = engine.link_by_name_or_null(link_name);
    if (link == nullptr) {
      throw std::runtime_error("host '" + host->get_name() + "': wifi_link '" + link_name +
                               "' is not a link of the platform");
    }
    const char* level = host->get_property("wifi_level");
    link->set_host_wifi_rate(host, level ? std::stoi(level) : 0);
  }
}

}  // namespace

SimulationResult run_simulation(const std::string& platform_file, const EngineOptions& options,
                                const TaskGraph& graph, const WorkloadSpec& workload,
                                const std::string& source_host, SimulationObserver& observer) {
  int argc = 1;
  char name[] = "paradis-sim";
  char* argv[] = {name, nullptr};
  sg4::Engine engine(&argc, argv);
  xbt_log_control_set("root.thresh:warning");
  engine.set_config("contexts/factory:raw");
  for (const auto& item : options.simgrid_config) engine.set_config(item);
  if (options.energy) sg_host_energy_plugin_init();
  if (options.link_energy) sg_link_energy_plugin_init();
  engine.load_platform(platform_file);
  configure_wifi(engine);

  Runner runner(graph, options, observer);
  runner.resolve(engine);
  runner.expect_requests(workload.count);
  sg4::Host* source = engine.host_by_name(source_host);
  sg4::Actor::create("requests", source, [&runner, &workload, source] {
    ArrivalClock clock(workload);
    for (std::int64_t i = 0; i < workload.count; ++i) {
      if (workload.arrival == WorkloadSpec::Arrival::closed_loop) {
        runner.drive(i);
      } else {
        sg4::this_actor::sleep_until(clock.next());
        sg4::Actor::create("request", source, [&runner, i] { runner.drive(i); });
      }
    }
  });
  engine.run();

  SimulationResult& result = runner.result();
  // A request whose actor was killed (its host went off) never recorded its
  // end: it failed all the same.
  result.failed = std::max<std::int64_t>(result.failed, workload.count - result.completed);
  if (options.energy) {
    for (sg4::Host* host : engine.get_all_hosts()) {
      result.energy_joules += sg_host_get_consumed_energy(host);
    }
    result.energy_joules += result.link_energy_joules;
  }
  return result;
}

}  // namespace paradis
