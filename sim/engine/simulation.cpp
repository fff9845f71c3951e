#include "sim/engine/simulation.h"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include <simgrid/kernel/ProfileBuilder.hpp>
#include <simgrid/plugins/energy.h>
#include <xbt/log.h>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u.hpp>

#include "sim/engine/simgrid_setup.h"
#include "sim/estimate/latency_bound.h"
#include "sim/platform/after_idle.h"
#include "sim/platform/after_message.h"
#include "sim/platform/compute_spread.h"
#include "sim/platform/platform_check.h"
#include "sim/report/run_summary.h"
#include "sim/task/adaptive_plan.h"
#include "sim/task/held_weights.h"

namespace sg4 = simgrid::s4u;

namespace paradis {
namespace {

bool measures_link_energy(const EngineOptions& options) {
  return options.energy &&
         link_energy_measurable(options.network_model, options.links_have_power);
}

// Where each deployment's tasks are in the graph the engine runs: one mode
// for a fixed strategy, one per deployment of an adaptive one (their graphs
// one after the other).
struct ModeLayout {
  std::vector<int> task_mode;      // per task
  std::vector<std::size_t> last;   // per mode: the task that completes a request
  std::vector<int> replicas;       // per mode
  std::vector<std::string> label;  // per mode: "2x0.5 on laptop+phone" ("" if fixed)
  const AdaptivePlan* adaptive = nullptr;
};

// Drives every request through the task graph from one actor. A task
// starts once its dependencies have finished and its resource admits it:
// a host runs at most `tasks_per_core` x cores compute tasks at a time (a
// task holds `threads` of those places), an ordered pair of hosts at most
// `transfers_per_pair` transfers; admitted activities share the resource as
// SimGrid's fluid model shares it, the rest wait in arrival order. Below the
// limits nothing waits, so overlap is simulated as before; an overloaded run
// (thousands of requests in flight) then costs O(log n) per event instead of
// O(n), which SimGrid's sharing among n activities costs.
class Runner {
 public:
  Runner(const TaskGraph& graph, const ModeLayout& modes, const EngineOptions& options,
         SimulationObserver& observer)
      : graph_(graph),
        modes_(modes),
        options_(options),
        observer_(observer),
        next_(graph.tasks.size()) {
    for (std::size_t i = 0; i < graph_.tasks.size(); ++i) {
      for (std::size_t d : graph_.tasks[i].after) next_[d].push_back(i);
    }
  }

  // `seed`: the workload's, for the hosts' compute spread.
  void resolve(sg4::Engine& engine, std::uint64_t seed) {
    for (sg4::Host* host : engine.get_all_hosts()) {
      std::string error;
      const auto rule = parse_after_idle(host->get_property(kAfterIdlePenalty),
                                         host->get_property(kAfterIdleSeconds), error);
      if (!error.empty()) throw std::logic_error("unchecked platform: " + error);
      if (rule) after_idle_[host].rule = *rule;
      const auto message = parse_after_message(host->get_property(kAfterMessagePenalty), error);
      if (!error.empty()) throw std::logic_error("unchecked platform: " + error);
      if (message) after_message_[host].penalty_s = *message;
      auto spread = parse_compute_spread(host->get_property(kComputeSpread), error);
      if (!error.empty()) throw std::logic_error("unchecked platform: " + error);
      if (spread) spread_.emplace(host, SpreadDraws(std::move(*spread), seed, host->get_name()));
    }
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
        links_.push_back(links);
        route_latency_.push_back(latency);
        sg4::Host* const peer = one_sender_queue(options_.network_model) ? nullptr : to_.back();
        Queue& q = channels_[{host_.back(), peer}];
        q.free = transfers_at_once(options_.network_model, options_.transfers_per_pair);
        queue_.push_back(&q);
        need_.push_back(1);
      } else {
        to_.push_back(nullptr);
        links_.emplace_back();
        route_latency_.push_back(0.0);
        const int cores = host_.back()->get_core_count();
        Queue& q = hosts_[host_.back()];
        q.free = options_.tasks_per_core * cores;
        queue_.push_back(&q);
        need_.push_back(std::clamp(t.threads, 1, cores));
      }
    }
  }

  // Issues the workload's requests and runs them all to their end. Open
  // arrivals come from a second actor that sleeps until each one and wakes
  // this one through the receive it waits on among the tasks (SimGrid 3.32
  // never ends a wait_any_for timeout under ns-3).
  void run(const WorkloadSpec& workload, sg4::Host* source) {
    expected_requests_ = workload.count;
    const bool closed = workload.arrival == WorkloadSpec::Arrival::closed_loop;
    if (!closed) {
      sg4::Actor::create("arrivals", source, [this, workload] { issue_arrivals(workload); });
    }
    if (!options_.events.empty()) {
      // A daemon: the run ends with its last request, not its last event.
      sg4::Actor::create("events", source, [this] {
        sg4::Actor::self()->daemonize();
        apply_events();
      });
    }
    const bool moves_weights = modes_.adaptive && modes_.adaptive->move_weights;
    if (moves_weights) {
      for (const WeightPart& w : modes_.adaptive->modes[0].weights) held_.add(w);
    }
    std::int64_t issued = 0;
    while (issued < workload.count || !running_.empty()) {
      forget_failed();
      if (switch_to_ != kNoSwitch) start_switch();
      if (closed ? live_ == 0 && issued < workload.count : arrived_ > issued) {
        begin(issued++);
        continue;
      }
      // Woken by an arrival, or by the events actor when the strategy
      // switches and weights must move.
      if (((!closed && arrived_ < workload.count) || moves_weights) && !wake_) {
        wake_ = sg4::Mailbox::by_name("arrivals")->get_async<int>(&unused_);
      }
      wait_for_one();
    }
  }

  SimulationResult& result() { return result_; }

  // Requests neither done nor failed when the engine had nothing left to
  // run (an actor killed with its host, a transfer SimGrid never finished):
  // failed, with a row that says so, in request order.
  void record_unfinished() {
    std::vector<std::int64_t> ids;
    for (const auto& [id, r] : requests_) {
      if (!r.failed) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    for (std::int64_t id : ids) {
      requests_.at(id).cause = "unfinished when the simulation ran out of work";
      finish_request(id, true);
    }
  }

 private:
  // Tasks waiting for a host's or a pair's places, and the places free.
  struct Queue {
    int free = 1;
    std::deque<std::pair<std::int64_t, std::size_t>> waiting;  // (request, task)
  };

  struct Request {
    double arrival = 0.0;
    std::vector<double> start;
    std::vector<double> finish;
    std::vector<std::size_t> missing;
    std::size_t unfinished = 0;
    std::size_t active = 0;  // activities running
    // Per task, the work added to its own (the compute spread's, an after-idle
    // penalty; below 0 where the spread shortens it); empty: none.
    std::vector<double> extra_work;
    int mode = 0;
    bool failed = false;
    std::string cause;
  };

  // Whether a request of mode `mode` runs task i.
  bool runs(const Request& r, std::int64_t id, std::size_t i) const {
    if (modes_.task_mode[i] != r.mode) return false;
    const int replica = graph_.tasks[i].replica;
    return replica < 0 || replica == id % modes_.replicas[static_cast<std::size_t>(r.mode)];
  }

  // A request arrives: it starts now, or once the weights of its deployment
  // have arrived.
  void begin(std::int64_t id) {
    ++live_;
    if (moving_ > 0) {
      waiting_for_weights_.emplace_back(id, sg4::Engine::get_clock());
      return;
    }
    start(id, sg4::Engine::get_clock());
  }

  void start(std::int64_t id, double arrival) {
    const std::size_t n = graph_.tasks.size();
    Request& r = requests_[id];
    r.arrival = arrival;
    r.start.assign(n, r.arrival);
    r.finish.assign(n, r.arrival);
    r.missing.resize(n);
    r.unfinished = n;
    r.mode = std::max(mode_, 0);
    if (mode_ < 0) return fail_request(id, "no deployment on the hosts up (" + down_text() + ")");
    for (std::size_t i = 0; i < n; ++i) r.missing[i] = graph_.tasks[i].after.size();
    // Another replica's or deployment's tasks are done before they start, in
    // no time.
    for (std::size_t i = 0; i < n; ++i) {
      if (runs(r, id, i)) continue;
      --r.unfinished;
      for (std::size_t s : next_[i]) --r.missing[s];
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (r.missing[i] == 0 && runs(r, id, i)) submit(id, i);
    }
  }

  // The hosts the strategy believes off: "board1 off at 60 s, board2 ...".
  std::string down_text() const {
    std::string out;
    for (const auto& [host, since] : noticed_down_) {
      out += (out.empty() ? "" : ", ") + host + " off at " + format_number(since) + " s";
    }
    return out;
  }

  // Starts the task now if its resource is free, else queues it.
  void submit(std::int64_t id, std::size_t i) {
    if (requests_.at(id).failed) return;
    Queue& q = *queue_[i];
    if (q.waiting.empty() && q.free >= need_[i]) {
      launch(id, i);
    } else {
      q.waiting.emplace_back(id, i);
    }
  }

  void launch(std::int64_t id, std::size_t i) {
    const std::string cause = blocked_cause(i);
    if (!cause.empty()) return fail_request(id, cause);
    queue_[i]->free -= need_[i];
    ++requests_.at(id).active;
    const Task& t = graph_.tasks[i];
    if (t.kind == Task::Kind::compute) {
      auto exec = sg4::Exec::init();
      exec->set_flops_amount(computation_starts(id, i))->set_host(host_[i]);
      if (t.threads > 1) exec->set_thread_count(t.threads);
      exec->start();
      running_.push_back(exec);
    } else {
      auto comm = sg4::Comm::sendto_init(host_[i], to_[i]);
      comm->set_payload_size(static_cast<std::uint64_t>(t.amount));
      comm->start();
      running_.push_back(comm);
    }
    running_task_.emplace_back(id, i);
  }

  // The work of compute task i of request `id` starting now: its own, times
  // a factor drawn from its host's compute spread (sim/platform/
  // compute_spread.h), and the larger of its host's after-idle penalty when
  // the host computed nothing for its idle time (sim/platform/after_idle.h)
  // and what the host still owes of its after-message penalty
  // (sim/platform/after_message.h). Counts the task as running.
  double computation_starts(std::int64_t id, std::size_t i) {
    const double own = graph_.tasks[i].amount;
    const auto spread = spread_.find(host_[i]);
    double work = spread == spread_.end() ? own : own * spread->second.next_factor();
    const double idle = after_idle_work(i, own);
    work += std::max(idle, after_message_work(i, own));
    if (work != own) {
      Request& r = requests_.at(id);
      if (r.extra_work.empty()) r.extra_work.assign(graph_.tasks.size(), 0.0);
      r.extra_work[i] = work - own;
    }
    return work;
  }

  // The penalty's work when compute task i starts after idle on its host.
  double after_idle_work(std::size_t i, double own) {
    const auto it = after_idle_.find(host_[i]);
    if (it == after_idle_.end()) return 0.0;
    HostIdle& h = it->second;
    const bool idle =
        h.busy == 0 && (h.computed == 0 || sg4::Engine::get_clock() - h.last_end >= h.rule.idle_s);
    ++h.busy;
    ++h.computed;
    if (!idle) return 0.0;
    // Seconds at the speed of the places the task holds.
    const double rate = host_[i]->get_speed() * need_[i];
    return after_idle_extra_s(h.rule, own / rate) * rate;
  }

  // What compute task i takes of the after-message penalty its host owes.
  double after_message_work(std::size_t i, double own) {
    const auto it = after_message_.find(host_[i]);
    if (it == after_message_.end()) return 0.0;
    const double rate = host_[i]->get_speed() * need_[i];
    return after_message_extra_s(it->second.owed_s, own / rate) * rate;
  }

  // A message from another host arrived (transfer task i): its host owes
  // its after-message penalty anew.
  void transfer_ends(std::size_t i) {
    if (graph_.tasks[i].kind != Task::Kind::transfer || to_[i] == host_[i]) return;
    const auto it = after_message_.find(to_[i]);
    if (it != after_message_.end()) it->second.owed_s = it->second.penalty_s;
  }

  void computation_ends(std::size_t i) {
    if (graph_.tasks[i].kind != Task::Kind::compute) return;
    const auto it = after_idle_.find(host_[i]);
    if (it == after_idle_.end()) return;
    --it->second.busy;
    it->second.last_end = sg4::Engine::get_clock();
  }

  // Gives the resource of task i back and starts what waits for it, in order.
  void release(std::size_t i) {
    Queue& q = *queue_[i];
    q.free += need_[i];
    while (!q.waiting.empty() && q.free >= need_[q.waiting.front().second]) {
      const auto [id, task] = q.waiting.front();
      q.waiting.pop_front();
      const auto r = requests_.find(id);
      if (r == requests_.end() || r->second.failed) continue;  // failed while it waited
      launch(id, task);
    }
  }

  void issue_arrivals(const WorkloadSpec& workload) {
    ArrivalClock clock(workload);
    for (std::int64_t i = 0; i < workload.count; ++i) {
      sg4::this_actor::sleep_until(clock.next());
      ++arrived_;
      if (wake_) {
        // An empty message on the source host ends the dispatcher's receive.
        // (Cancelling the receive instead leaves it in SimGrid's books, and
        // every later activity pays for it.)
        wake_ = nullptr;
        sg4::Mailbox::by_name("arrivals")->put_init(&token_, 0)->detach();
      }
    }
  }

  // Waits until a running task ends (or fails), or an arrival wakes it.
  void wait_for_one() {
    // The receive is watched last, for this wait only.
    const bool wake = static_cast<bool>(wake_);
    if (wake) running_.push_back(wake_);
    ssize_t k = -1;
    try {
      k = sg4::Activity::wait_any(running_);
    } catch (const simgrid::Exception&) {
      if (wake) running_.pop_back();
      fail_broken_activities();  // a host or link failed under a request
      return;
    }
    if (wake) running_.pop_back();
    if (k < 0 || static_cast<std::size_t>(k) >= running_.size()) return;  // an arrival
    const auto [id, i] = running_task_[static_cast<std::size_t>(k)];
    const sg4::ActivityPtr done = running_[static_cast<std::size_t>(k)];
    running_.erase(running_.begin() + k);
    running_task_.erase(running_task_.begin() + k);
    if (id == kWeightMove) return weights_moved(i, true);
    release(i);
    computation_ends(i);
    transfer_ends(i);
    Request& r = requests_.at(id);
    --r.active;
    if (r.failed) return forget_if_idle(id);
    r.start[i] = done->get_start_time();
    r.finish[i] = done->get_finish_time();
    for (std::size_t s : next_[i]) {
      if (--r.missing[s] == 0) submit(id, s);
    }
    if (r.failed) return forget_if_idle(id);
    if (--r.unfinished == 0) finish_request(id, false);
  }

  void fail_broken_activities() {
    for (std::size_t k = running_.size(); k-- > 0;) {
      const auto state = running_[k]->get_state();
      if (state != sg4::Activity::State::FAILED && state != sg4::Activity::State::CANCELED) {
        continue;
      }
      const auto [id, i] = running_task_[k];
      running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(k));
      running_task_.erase(running_task_.begin() + static_cast<std::ptrdiff_t>(k));
      if (id == kWeightMove) {
        weights_moved(i, false);
        continue;
      }
      release(i);
      computation_ends(i);
      --requests_.at(id).active;
      if (!requests_.at(id).failed) finish_request(id, true);
      forget_if_idle(id);
    }
  }

  // Fails a request whose next task cannot start. Its entry is forgotten
  // later, at a point where no caller holds it (forget_failed).
  void fail_request(std::int64_t id, const std::string& cause) {
    Request& r = requests_.at(id);
    if (r.failed) return;
    r.cause = cause;
    finish_request(id, true);
    failed_at_start_.push_back(id);
  }

  void forget_failed() {
    for (std::int64_t id : failed_at_start_) forget_if_idle(id);
    failed_at_start_.clear();
  }

  void finish_request(std::int64_t id, bool failed) {
    Request& r = requests_.at(id);
    r.failed = failed;
    --live_;
    record(id, r, failed);
    // A failed request's running activities still end (and free their
    // resource); its entry stays until then (forget_if_idle).
    if (!failed) requests_.erase(id);
  }

  void forget_if_idle(std::int64_t id) {
    const auto r = requests_.find(id);
    if (r != requests_.end() && r->second.failed && r->second.active == 0) requests_.erase(r);
  }

  // Why task i cannot run now: its host, an end of its transfer or a link
  // of its route is off ("" when nothing is).
  std::string blocked_cause(std::size_t i) const {
    const Task& t = graph_.tasks[i];
    for (const std::string* host : {&t.host, t.kind == Task::Kind::transfer ? &t.to : nullptr}) {
      if (host == nullptr) continue;
      const auto off = down_hosts_.find(*host);
      if (off != down_hosts_.end()) {
        return "host " + *host + " off at " + format_number(off->second) + " s";
      }
    }
    for (const sg4::Link* link : links_[i]) {
      const auto off = down_links_.find(link->get_name());
      if (off != down_links_.end()) {
        return "link " + off->first + " off at " + format_number(off->second) + " s";
      }
    }
    return "";
  }

  // The events, and for an adaptive strategy the moments it notices a
  // watched host go off or come back (detect_s later), in time order (an
  // event before a notice at the same time).
  struct Step {
    double time;
    const TimedEvent* event;
    bool notice;  // the strategy noticing the event, not the event itself
  };

  std::vector<Step> steps() const {
    std::vector<Step> out;
    for (const TimedEvent& ev : options_.events) out.push_back({ev.time, &ev, false});
    if (const AdaptivePlan* plan = modes_.adaptive) {
      for (const TimedEvent& ev : options_.events) {
        const bool watched = std::find(plan->watched.begin(), plan->watched.end(), ev.target) !=
                             plan->watched.end();
        const bool up_or_down =
            ev.kind == TimedEvent::Kind::host_off || ev.kind == TimedEvent::Kind::host_on;
        // A strategy that holds a latency notices every change of speed or
        // bandwidth too.
        if ((watched && up_or_down) || (plan->latency_target_s > 0 && !up_or_down)) {
          out.push_back({ev.time + plan->detect_s, &ev, true});
        }
      }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Step& a, const Step& b) { return a.time < b.time; });
    return out;
  }

  void apply_events() {
    for (const Step& step : steps()) {
      sg4::this_actor::sleep_until(step.time);
      const TimedEvent& ev = *step.event;
      if (!step.notice) {
        observer_.on_event({sg4::Engine::get_clock(), event_kind_name(ev.kind), ev.target,
                            ev.value, apply(ev)});
      } else {
        observer_.on_event({sg4::Engine::get_clock(),
                            std::string("noticed_") + event_kind_name(ev.kind), ev.target,
                            ev.value, notice_change(ev)});
      }
    }
  }

  // The strategy learns that a watched host is off or back, and serves new
  // requests with the deployment for the hosts it knows up.
  std::string notice_change(const TimedEvent& ev) {
    if (ev.kind == TimedEvent::Kind::host_off) {
      noticed_down_.emplace(ev.target, ev.time);
    } else if (ev.kind == TimedEvent::Kind::host_on) {
      noticed_down_.erase(ev.target);
    }
    const AdaptivePlan& plan = *modes_.adaptive;
    const int chosen = plan.latency_target_s > 0 ? mode_within_target() : mode_for_hosts_up();
    const bool changed = chosen != mode_;
    if (chosen < 0) {
      mode_ = chosen;
      return "no deployment on the hosts up: new requests fail";
    }
    const std::string label = modes_.label[static_cast<std::size_t>(chosen)];
    if (!changed) return "keep " + label;
    double bytes = 0.0;
    if (plan.move_weights) {
      for (const WeightPart& w : missing_weights(chosen)) bytes += w.bytes;
    }
    if (bytes == 0.0) {
      mode_ = chosen;
      return "switch to " + label;
    }
    // The dispatcher moves the weights (it owns the running activities):
    // wake it now.
    switch_to_ = chosen;
    if (wake_) {
      wake_ = nullptr;
      sg4::Mailbox::by_name("arrivals")->put_init(&token_, 0)->detach();
    }
    return "switch to " + label + " once " + format_number(bytes) + " bytes of weights arrive";
  }

  // The mode planned for the watched hosts the strategy knows up.
  int mode_for_hosts_up() const {
    const AdaptivePlan& plan = *modes_.adaptive;
    std::size_t up = 0;
    for (std::size_t k = 0; k < plan.watched.size(); ++k) {
      if (noticed_down_.count(plan.watched[k]) == 0) up |= std::size_t{1} << k;
    }
    return plan.mode_for_up.at(up);
  }

  // The first mode by preference whose hosts the strategy knows up and
  // whose predicted latency is within the target; else the fastest up.
  int mode_within_target() const {
    const AdaptivePlan& plan = *modes_.adaptive;
    int fastest = -1;
    double fastest_s = 0.0;
    for (int m : plan.preference) {
      const TaskGraph& g = plan.modes[static_cast<std::size_t>(m)];
      const bool up = std::none_of(g.tasks.begin(), g.tasks.end(), [&](const Task& t) {
        return noticed_down_.count(t.host) || (!t.to.empty() && noticed_down_.count(t.to));
      });
      if (!up) continue;
      const double predicted = predicted_latency(m);
      if (predicted <= plan.latency_target_s) return m;
      if (fastest < 0 || predicted < fastest_s) {
        fastest = m;
        fastest_s = predicted;
      }
    }
    return fastest;
  }

  // A request's latency in mode m with every task alone, under the speeds
  // and bandwidths of the moment (the planner's bound, sim/estimate, with
  // SimGrid's current figures; a computation at its host's least spread
  // factor).
  double predicted_latency(int mode) const {
    const LinkFactors factors = link_factors(options_.network_model);
    std::vector<double> finish(graph_.tasks.size(), 0.0);
    for (std::size_t i = 0; i < graph_.tasks.size(); ++i) {
      if (modes_.task_mode[i] != mode) continue;
      const Task& t = graph_.tasks[i];
      double ready = 0.0;
      for (std::size_t d : t.after) ready = std::max(ready, finish[d]);
      double duration = 0.0;
      if (t.kind == Task::Kind::compute) {
        const double cores = std::min(std::max(t.threads, 1), host_[i]->get_core_count());
        const auto spread = spread_.find(host_[i]);
        const double least =
            spread == spread_.end() ? 1.0 : least_factor(spread->second.spread());
        duration =
            t.amount * least / (host_[i]->get_speed() * host_[i]->get_available_speed() * cores);
      } else {
        double bandwidth = 0.0;
        for (const sg4::Link* link : links_[i]) {
          const double b = link->get_bandwidth();  // a WiFi link gives none
          if (b > 0.0 && (bandwidth == 0.0 || b < bandwidth)) bandwidth = b;
        }
        duration = route_latency_[i] * factors.latency +
                   (bandwidth > 0.0 ? t.amount / (bandwidth * factors.bandwidth) : 0.0);
      }
      finish[i] = ready + duration;
    }
    return finish[modes_.last[static_cast<std::size_t>(mode)]];
  }

  // The weights of a mode that its hosts do not hold yet (the sender holds
  // them all), each with the bytes it lacks.
  std::vector<WeightPart> missing_weights(int mode) const {
    std::vector<WeightPart> missing;
    for (WeightPart w : modes_.adaptive->modes[static_cast<std::size_t>(mode)].weights) {
      if (w.host == modes_.adaptive->weights_from) continue;
      w.bytes = held_.missing_bytes(w);
      if (w.bytes > 0.0) missing.push_back(w);
    }
    return missing;
  }

  // Serves new requests with deployment switch_to_, after sending every
  // host the weights of it that it lacks (from the host that holds them
  // all); requests that arrive meanwhile wait.
  void start_switch() {
    const AdaptivePlan& plan = *modes_.adaptive;
    mode_ = switch_to_;
    switch_to_ = kNoSwitch;
    sg4::Host* from = sg4::Engine::get_instance()->host_by_name(plan.weights_from);
    for (const WeightPart& w : missing_weights(mode_)) {
      auto comm = sg4::Comm::sendto_init(from, sg4::Engine::get_instance()->host_by_name(w.host));
      comm->set_payload_size(static_cast<std::uint64_t>(w.bytes));
      comm->start();
      running_.push_back(comm);
      running_task_.emplace_back(kWeightMove, moves_.size());
      moves_.push_back(w);
      ++moving_;
    }
  }

  // A weight transfer ended (or failed: the host or the sender went off).
  // With the last one, the requests that waited start.
  void weights_moved(std::size_t move, bool arrived) {
    if (arrived) held_.add(moves_[move]);
    if (--moving_ > 0) return;
    moves_.clear();
    std::deque<std::pair<std::int64_t, double>> ready;
    ready.swap(waiting_for_weights_);
    for (const auto& [id, arrival] : ready) start(id, arrival);
  }

  // Applies one event; returns what it did to the requests in flight.
  std::string apply(const TimedEvent& ev) {
    sg4::Engine& engine = *sg4::Engine::get_instance();
    switch (ev.kind) {
      case TimedEvent::Kind::host_off:
        return turn_off(engine.host_by_name(ev.target), down_hosts_, ev.target);
      case TimedEvent::Kind::host_on:
        return turn_on(engine.host_by_name(ev.target), down_hosts_, ev.target);
      case TimedEvent::Kind::link_off:
        return turn_off(engine.link_by_name(ev.target), down_links_, ev.target);
      case TimedEvent::Kind::link_on:
        return turn_on(engine.link_by_name(ev.target), down_links_, ev.target);
      case TimedEvent::Kind::link_bandwidth:
        engine.link_by_name(ev.target)->set_bandwidth(ev.value);
        return "";
      case TimedEvent::Kind::link_latency:
        engine.link_by_name(ev.target)->set_latency(ev.value);
        return "";
      case TimedEvent::Kind::host_speed:
        return "";  // a speed profile of the host, set before the run
    }
    return "";
  }

  // A host or a link goes off: the requests with work on it fail now, then
  // SimGrid's resource goes off (a host off draws its wattage_off).
  template <typename Resource>
  std::string turn_off(Resource* resource, std::map<std::string, double>& down,
                       const std::string& name) {
    if (!resource->is_on()) return "already off";
    down.emplace(name, sg4::Engine::get_clock());
    const std::size_t failed = fail_running_blocked();
    resource->turn_off();
    return failed_text(failed);
  }

  template <typename Resource>
  std::string turn_on(Resource* resource, std::map<std::string, double>& down,
                      const std::string& name) {
    down.erase(name);
    if (resource->is_on()) return "already on";
    resource->turn_on();
    return "";
  }

  static std::string failed_text(std::size_t n) {
    return n == 0 ? "" : n == 1 ? "1 request failed" : std::to_string(n) + " requests failed";
  }

  // Fails the requests of the running activities that can no longer run,
  // then cancels those activities (the dispatcher wakes and frees their
  // resources). Called from the events actor; each cancel is a simcall
  // during which the dispatcher may run and change running_, so the
  // activities are collected first.
  std::size_t fail_running_blocked() {
    std::size_t failed = 0;
    std::vector<sg4::ActivityPtr> blocked;
    for (std::size_t k = 0; k < running_task_.size(); ++k) {
      const auto [id, i] = running_task_[k];
      if (id == kWeightMove) {
        const WeightPart& w = moves_[i];
        if (down_hosts_.count(w.host) || down_hosts_.count(modes_.adaptive->weights_from)) {
          blocked.push_back(running_[k]);
        }
        continue;
      }
      const std::string cause = blocked_cause(i);
      if (cause.empty()) continue;
      Request& r = requests_.at(id);
      if (!r.failed) {
        r.cause = cause;
        finish_request(id, true);
        ++failed;
      }
      blocked.push_back(running_[k]);
    }
    for (const auto& activity : blocked) activity->cancel();
    return failed;
  }

  // The power one busy core adds, from the first pstate of wattage_per_state
  // ("Idle:Epsilon:AllCores"); 0 when the host has no power figures.
  static double core_watts(const sg4::Host* host) {
    const char* text = host->get_property("wattage_per_state");
    return text == nullptr ? 0.0 : busy_core_watts(text, host->get_core_count());
  }

  void record(std::int64_t id, const Request& r, bool failed) {
    const std::vector<double>& start = r.start;
    const std::vector<double>& finish = r.finish;
    const std::size_t n = graph_.tasks.size();
    RequestRecord rec;
    rec.id = id;
    rec.arrival = r.arrival;
    rec.cause = r.cause;
    const std::size_t last = modes_.last[static_cast<std::size_t>(r.mode)];
    rec.served_by = modes_.label[static_cast<std::size_t>(r.mode)];
    rec.start = start[last];  // the last task runs for every request of its mode
    rec.end = failed ? sg4::Engine::get_clock() : finish[last];
    for (std::size_t i = 0; i < n; ++i) {
      if (!runs(r, id, i)) continue;
      rec.start = std::min(rec.start, start[i]);
      // A failed request counts what it did before it failed.
      if (failed && !(finish[i] > start[i])) continue;
      if (graph_.tasks[i].kind == Task::Kind::transfer) rec.bytes += graph_.tasks[i].amount;
      rec.energy_joules += energy_[i];
      if (!r.extra_work.empty() && r.extra_work[i] != 0.0) {
        rec.energy_joules += r.extra_work[i] / host_[i]->get_speed() * core_watts(host_[i]);
      }
    }
    // Walk back from the last task through the dependency that finished last.
    std::size_t at = last;
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
    if (measures_link_energy(options_) && result_.completed + result_.failed == expected_requests_) {
      for (sg4::Link* link : sg4::Engine::get_instance()->get_all_links()) {
        result_.link_energy_joules += sg_link_get_consumed_energy(link);
      }
    }
    if (id < options_.trace_requests && !failed) {
      for (std::size_t i = 0; i < n; ++i) {
        if (!runs(r, id, i)) continue;
        const Task& t = graph_.tasks[i];
        if (t.kind == Task::Kind::compute) {
          observer_.on_trace_event({t.name, t.host, false, id, start[i], finish[i]});
        } else {
          for (const sg4::Link* link : links_[i]) {
            observer_.on_trace_event({t.name, link->get_name(), true, id, start[i], finish[i]});
          }
        }
      }
    }
  }

  const TaskGraph& graph_;
  const ModeLayout& modes_;
  int mode_ = 0;  // the deployment new requests get (-1: none)
  std::map<std::string, double> noticed_down_;  // watched hosts the strategy knows off
  const EngineOptions& options_;
  SimulationObserver& observer_;
  std::vector<std::vector<std::size_t>> next_;
  std::vector<sg4::Host*> host_;
  std::vector<double> energy_;  // dynamic energy of each compute task
  std::int64_t expected_requests_ = 0;
  std::vector<sg4::Host*> to_;
  std::vector<std::vector<sg4::Link*>> links_;  // per transfer task: its route
  std::vector<double> route_latency_;
  // Per task: the queue of its resource and the units it holds.
  std::vector<Queue*> queue_;
  std::vector<int> need_;
  std::map<sg4::Host*, Queue> hosts_;
  // Hosts with an after-idle penalty: the rule, computations running, how
  // many ever started and when the last one ended.
  struct HostIdle {
    AfterIdle rule;
    int busy = 0;
    std::int64_t computed = 0;
    double last_end = 0.0;
  };
  std::map<sg4::Host*, HostIdle> after_idle_;
  // Hosts with an after-message penalty: it, and what the host's next
  // computations still take of it.
  struct HostMessages {
    double penalty_s = 0.0;
    double owed_s = 0.0;
  };
  std::map<sg4::Host*, HostMessages> after_message_;
  std::map<sg4::Host*, SpreadDraws> spread_;  // hosts with a compute spread
  std::map<std::pair<sg4::Host*, sg4::Host*>, Queue> channels_;
  std::unordered_map<std::int64_t, Request> requests_;
  std::map<std::string, double> down_hosts_;  // off since (s)
  std::map<std::string, double> down_links_;
  std::vector<std::int64_t> failed_at_start_;
  // Weights on the move to the hosts of a new deployment.
  static constexpr std::int64_t kWeightMove = -1;  // running_task_'s request
  static constexpr int kNoSwitch = -2;
  int switch_to_ = kNoSwitch;
  std::vector<WeightPart> moves_;
  std::size_t moving_ = 0;
  HeldWeights held_;
  std::deque<std::pair<std::int64_t, double>> waiting_for_weights_;  // (request, arrival)
  std::int64_t live_ = 0;
  std::int64_t arrived_ = 0;  // open arrivals so far
  sg4::CommPtr wake_;         // the receive an arrival completes
  int token_ = 0;
  int* unused_ = nullptr;
  std::vector<sg4::ActivityPtr> running_;
  std::vector<std::pair<std::int64_t, std::size_t>> running_task_;
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

// The graph the engine runs: the strategy's own, or an adaptive strategy's
// deployments one after the other, with where each one's tasks are.
TaskGraph lay_out_modes(const TaskGraph& graph, ModeLayout& layout) {
  if (!graph.adaptive || !graph.adaptive->adaptive()) {
    layout.task_mode.assign(graph.tasks.size(), 0);
    layout.last = {graph.tasks.size() - 1};
    layout.replicas = {graph.replicas};
    layout.label = {""};
    return graph;
  }
  layout.adaptive = graph.adaptive.get();
  TaskGraph all;
  all.strategy = graph.strategy;
  all.configuration = graph.configuration;
  for (std::size_t m = 0; m < graph.adaptive->modes.size(); ++m) {
    const TaskGraph& mode = graph.adaptive->modes[m];
    const std::size_t offset = all.tasks.size();
    for (Task task : mode.tasks) {
      for (auto& d : task.after) d += offset;
      all.tasks.push_back(std::move(task));
      layout.task_mode.push_back(static_cast<int>(m));
    }
    layout.last.push_back(all.tasks.size() - 1);
    layout.replicas.push_back(mode.replicas);
    layout.label.push_back(deployment_label(mode));
  }
  return all;
}

// A host's slowdowns as SimGrid's speed profile (the fraction of its speed
// from each time on): SimGrid rescales what runs there at those instants.
void set_speed_profiles(sg4::Engine& engine, const std::vector<TimedEvent>& events) {
  std::map<std::string, std::string> profiles;
  for (const TimedEvent& ev : events) {
    if (ev.kind != TimedEvent::Kind::host_speed) continue;
    char line[80];
    std::snprintf(line, sizeof line, "%.17g %.17g\n", ev.time, ev.value);
    profiles[ev.target] += line;
  }
  for (const auto& [host, text] : profiles) {
    engine.host_by_name(host)->set_speed_profile(
        simgrid::kernel::profile::ProfileBuilder::from_string(host + "-speed", text, -1));
  }
}

}  // namespace

SimulationResult run_simulation(const std::string& platform_file, const EngineOptions& options,
                                const TaskGraph& graph, const WorkloadSpec& workload,
                                const std::string& source_host, SimulationObserver& observer) {
  int argc = 1;
  char name[] = "paradis-sim";
  char* argv[] = {name, nullptr};
  if (!has_engine_environment(options.network_model)) {
    const EngineEnvironment needed = engine_environment(options.network_model);
    throw std::runtime_error("the " + network_model_name(options.network_model) +
                             " model needs the process started with " + needed.name + "=" +
                             needed.value);
  }
  sg4::Engine engine(&argc, argv);
  xbt_log_control_set("root.thresh:warning");
  configure_engine(engine, options.network_model, options.crosstraffic);
  if (options.energy) sg_host_energy_plugin_init();
  if (measures_link_energy(options)) sg_link_energy_plugin_init();
  engine.load_platform(platform_file);
  configure_wifi(engine);
  set_speed_profiles(engine, options.events);

  ModeLayout layout;
  const TaskGraph laid_out = lay_out_modes(graph, layout);
  Runner runner(laid_out, layout, options, observer);
  runner.resolve(engine, workload.seed);
  sg4::Host* source = engine.host_by_name(source_host);
  sg4::Actor::create("requests", source,
                     [&runner, &workload, source] { runner.run(workload, source); });
  engine.run();

  runner.record_unfinished();
  SimulationResult& result = runner.result();
  // A request never started (its source's actor was killed with its host)
  // failed all the same.
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
