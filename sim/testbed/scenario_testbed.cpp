#include "sim/testbed/scenario_testbed.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <tuple>
#include <set>

#include <nlohmann/json.hpp>

#include "models/graph/graph_json.h"
#include "models/io/atomic_file.h"
#include "models/io/input_error.h"
#include "models/io/relative_path.h"
#include "models/networks/builtin_networks.h"
#include "sim/platform/compute_spread.h"
#include "sim/process/child_process.h"
#include "sim/process/output_set.h"
#include "sim/process/temp_folder.h"
#include "sim/report/accuracy_table.h"
#include "sim/report/request_stream.h"
#include "sim/run/prepared_run.h"
#include "sim/run/run_outputs.h"
#include "sim/testbed/after_message.h"
#include "sim/testbed/cable_fit.h"
#include "sim/testbed/machine_speed.h"
#include "sim/testbed/pinned_exec.h"
#include "sim/testbed/shaped_network.h"
#include "sim/testbed/testbed_plan.h"

namespace paradis {
namespace {

// The profile scaled to the machine's speed at the run, and the one kept.
constexpr const char* kProfileName = "this_machine";
constexpr const char* kKeptProfileName = "kept_profile";
// Each forward of the speed probe after a pause, as the testbed's hosts run
// a request's forward after waiting for it (bench-materialized
// --after-pause-ms 1 times the sub-networks of the testbed scenario as its
// hosts do).
constexpr double kProbePause = 1e-3;
// Requests of the cables' timing: a transfer of each size in each, and a
// forward after each message (medians of these).
constexpr int kCableFitRepeats = 25;
// What answers each message of the cables' timing (a request's result).
constexpr std::int64_t kAnswerBytes = 40;
// The forwards the receiver of each message runs (AfterMessage).
constexpr const char* kForwardAfterMessage = "forward after the message";
constexpr const char* kForwardAfterForward = "forward after the forward";

// Every host a graph uses, the source host included.
std::set<std::string> hosts_of(const TaskGraph& g, const std::string& source) {
  std::set<std::string> out{source};
  for (const Task& t : g.tasks) {
    out.insert(t.host);
    if (t.kind == Task::Kind::transfer) out.insert(t.to);
  }
  return out;
}

std::string route_text(const std::string& a, const std::string& b, const RouteInfo& r) {
  char text[160];
  std::snprintf(text, sizeof text, "%s -> %s: %.6g Mb/s, %.6g ms", a.c_str(), b.c_str(),
                r.bandwidth * 8.0 / 1e6, r.latency * 1e3);
  return text;
}

// One cable per host, alike, from the routes between the hosts: the
// testbed's switch joins cables, so every route must cross two alike.
TestbedHost cable_of(const PlatformInfo& platform, const std::vector<std::string>& hosts,
                     const std::string& file) {
  TestbedHost cable{"", 100e6, 0.0};
  const RouteInfo* first = nullptr;
  std::string first_text;
  for (const auto& a : hosts) {
    for (const auto& b : hosts) {
      if (a == b) continue;
      const RouteInfo* r = platform.route(a, b);
      if (!r) throw InputError(file + ": the testbed needs a route from " + a + " to " + b);
      if (!first) {
        first = r;
        first_text = route_text(a, b, *r);
      } else if (std::abs(r->bandwidth - first->bandwidth) > 1e-9 * first->bandwidth ||
                 std::abs(r->latency - first->latency) > 1e-12) {
        throw InputError(file + ": the testbed gives every host one cable alike, but routes differ (" +
                         first_text + "; " + route_text(a, b, *r) + ")");
      }
    }
  }
  if (first) cable = TestbedHost{"", first->bandwidth * 8.0, first->latency / 2.0};
  return cable;
}

// The scenario on the testbed's own platform: its hosts, one core each,
// this machine's profile, one cable each into a switch; with `speed`, each
// host's after-idle penalty as the probe measured it (a forward after the
// probe's pause, or longer, against one right after another) and its
// compute spread (how much one forward differs from the next), and with
// `after_message` each host's after-message penalty. A testbed
// host sends to each other host over one connection, one message after
// another in the order they became ready: so does the simulation.
nlohmann::json simulation_document(nlohmann::json doc, const std::string& file,
                                   const std::vector<std::string>& hosts, const TestbedHost& cable,
                                   const std::string& profile, const MachineSpeed* speed,
                                   const AfterMessage* after_message) {
  nlohmann::json platform{{"network", "ethernet"},
                          {"bandwidth", format_number(cable.bandwidth_bps) + "bps"},
                          {"latency", format_number(cable.latency_s) + "s"}};
  for (const auto& h : hosts) {
    nlohmann::json host{{"name", h}, {"speed", "1Gf"}, {"cores", 1}, {"device_profile", profile}};
    if (speed) {
      for (const HostSpeed& measured : speed->hosts) {
        if (measured.host != h) continue;
        host["after_idle_penalty_s"] = measured.after_idle_penalty_s;
        host["after_idle_s"] = kProbePause;
        if (!measured.compute_spread.empty()) host["compute_spread"] = measured.compute_spread;
      }
    }
    if (after_message && !after_message->extra_s.empty()) {
      host["after_message_penalty_s"] = after_message->penalty_s(h);
    }
    platform["hosts"].push_back(host);
  }
  doc["platform"] = platform;
  doc["simgrid"]["transfers_per_pair"] = 1;
  doc["latency_model"] = {{"kind", "profiles"}, {"profiles", "."}};
  // Files the scenario names, from wherever the simulation's file is read.
  const auto absolute = [&file](const nlohmann::json& path) {
    return std::filesystem::absolute(resolve_beside(file, path.get<std::string>()))
        .lexically_normal()
        .string();
  };
  if (doc.contains("accuracy")) {
    nlohmann::json& a = doc["accuracy"];
    if (a.is_string()) a = absolute(a);
    if (a.is_array()) {
      for (auto& entry : a) entry = absolute(entry);
    }
  }
  const std::string network = doc.value("network", "");
  if (network.find('/') != std::string::npos || network.find(".json") != std::string::npos) {
    doc["network"] = absolute(doc["network"]);
  }
  return doc;
}

struct HostLog {
  std::map<std::int64_t, double> start, end;
  std::map<std::pair<std::int64_t, std::size_t>, std::pair<double, double>> compute;
  std::map<std::pair<std::int64_t, std::size_t>, double> send, arrive;
  std::vector<double> sleep_overshoot_s;  // each sender's, as it timed it
};

void read_host_log(const std::string& path, HostLog& log) {
  std::ifstream in(path);
  std::string kind;
  while (in >> kind) {
    std::int64_t r = 0;
    std::size_t i = 0;
    double a = 0.0, b = 0.0;
    if (kind == "sleep") {
      in >> i >> a;
      log.sleep_overshoot_s.push_back(a);
    } else if (kind == "start" || kind == "end") {
      in >> r >> a;
      (kind == "start" ? log.start : log.end)[r] = a;
    } else if (kind == "compute") {
      in >> r >> i >> a >> b;
      log.compute[{r, i}] = {a, b};
    } else {
      in >> r >> i >> a;
      (kind == "send" ? log.send : log.arrive)[{r, i}] = a;
    }
  }
}

// Compute and transfer time on the chain of tasks that finished last.
void critical_path(const TaskGraph& g, const HostLog& log, std::int64_t r, RequestRecord& out) {
  const auto finish = [&](std::size_t i) {
    const Task& t = g.tasks[i];
    if (t.kind == Task::Kind::compute) return log.compute.at({r, i}).second;
    return log.arrive.at({r, i});
  };
  std::size_t i = g.tasks.size() - 1;
  for (;;) {
    const Task& t = g.tasks[i];
    if (t.kind == Task::Kind::compute) {
      const auto& c = log.compute.at({r, i});
      out.compute_time += c.second - c.first;
    } else {
      out.transfer_time += log.arrive.at({r, i}) - log.send.at({r, i});
    }
    if (t.after.empty()) return;
    i = *std::max_element(t.after.begin(), t.after.end(),
                          [&](std::size_t a, std::size_t b) { return finish(a) < finish(b); });
  }
}

std::string join(const std::vector<std::string>& items, const char* between) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : between) + s;
  return out;
}

// One strategy's host processes, each in its namespace on its own core.
void run_processes(const TestbedRunOptions& o, const ShapedNetwork& net,
                   const std::vector<std::string>& all_hosts, const TestbedPlan& plan,
                   const std::string& plan_file, const std::string& work) {
  ChildPool pool;
  for (std::size_t k = 0; k < plan.hosts.size(); ++k) {
    const std::string& name = plan.hosts[k].name;
    const std::size_t global =
        static_cast<std::size_t>(std::find(all_hosts.begin(), all_hosts.end(), name) - all_hosts.begin());
    const std::string ns = net.namespace_of(global);
    const std::string out = work + "/" + name + ".log";
    pool.start(k, [&o, ns, global, name, out, plan_file] {
      enter_network_namespace(ns);
      return exec_pinned(global, o.host_binary,
                         {o.host_binary, "testbed-host", "--plan", plan_file, "--host", name,
                          "--out", out, "--threads", "1"});
    });
  }
  while (pool.running() > 0) {
    const ChildPool::Finished f = pool.wait_one();
    if (f.status != 0) {
      throw InputError("testbed: " + plan.strategy + " " + plan.configuration + ": host " +
                       plan.hosts[f.tag].name + " failed (status " + std::to_string(f.status) +
                       "): " + f.error_line);
    }
  }
}

// The hosts of every strategy that can run for real, in platform order; at
// most one a core.
std::vector<std::string> testbed_hosts(const PreparedRun& given, const std::string& file) {
  const std::string& source = given.scenario.source_host;
  std::set<std::string> used;
  for (const auto& plan : given.plans) {
    if (!testbed_unsupported(plan, source).empty()) continue;
    for (const auto& h : hosts_of(plan, source)) used.insert(h);
  }
  std::vector<std::string> hosts;
  for (const auto& h : given.platform.hosts) {
    if (used.count(h.name)) hosts.push_back(h.name);
  }
  const long cores = ::sysconf(_SC_NPROCESSORS_ONLN);
  if (static_cast<long>(hosts.size()) > cores) {
    throw InputError(file + ": the testbed gives each host a core of its own, but " +
                     std::to_string(hosts.size()) + " hosts (" + join(hosts, ", ") +
                     ") would share this machine's " + std::to_string(cores));
  }
  return hosts;
}

// Testbed host k as a host process is given it: its address, its cable.
TestbedProcess process_of(const ShapedNetwork& net, const std::string& name, std::size_t k) {
  const TestbedHost& cable = net.hosts()[k];
  return {name, net.address_of(k), cable.latency_s, cable.bandwidth_bps,
          tbf_burst_bytes(cable.bandwidth_bps)};
}

// One strategy's run, as its host processes are told it.
TestbedPlan plan_of(const TaskGraph& g, const Scenario& s, const TestbedRunOptions& o,
                    const ShapedNetwork& net, const std::vector<std::string>& hosts,
                    const std::string& network_file) {
  TestbedPlan plan;
  plan.network_file = network_file;
  plan.strategy = g.strategy;
  plan.configuration = g.configuration;
  plan.source_host = s.source_host;
  plan.tasks = g.tasks;
  plan.warmup = o.warmup;
  plan.requests = s.workload.count;
  for (const auto& h : hosts_of(g, s.source_host)) {
    const auto k = static_cast<std::size_t>(std::find(hosts.begin(), hosts.end(), h) - hosts.begin());
    plan.hosts.push_back(process_of(net, h, k));
  }
  return plan;
}

// Messages back and forth between the first two hosts, each after the
// other's answer (as a request's input and result go): each size of
// cable_fit_sizes() from the first, 40 B back after each, every message
// added to a sum on arrival. The testbed's host processes send them, so
// that each costs what a request's message costs. With `forward`, the
// receiver then runs it twice, right after the message and right after
// itself (AfterMessage).
TestbedPlan cable_plan(const ShapedNetwork& net, const std::vector<std::string>& hosts,
                       const std::string& network_file, std::int64_t warmup,
                       const std::optional<ComputeWork>& forward) {
  TestbedPlan plan;
  plan.network_file = network_file;
  plan.strategy = "cables";
  plan.configuration = "back and forth";
  plan.source_host = hosts[0];
  plan.warmup = warmup;
  plan.requests = kCableFitRepeats;
  for (std::size_t k = 0; k < 2; ++k) plan.hosts.push_back(process_of(net, hosts[k], k));
  const auto add = [&plan](Task t) {
    if (!plan.tasks.empty()) t.after = {plan.tasks.size() - 1};
    plan.tasks.push_back(std::move(t));
  };
  for (std::int64_t bytes : cable_fit_sizes()) {
    for (const auto& [from, to, amount] :
         {std::make_tuple(hosts[0], hosts[1], bytes), std::make_tuple(hosts[1], hosts[0], kAnswerBytes)}) {
      Task transfer;
      transfer.kind = Task::Kind::transfer;
      transfer.name = std::to_string(amount) + " B";
      transfer.host = from;
      transfer.to = to;
      transfer.amount = static_cast<double>(amount);
      add(transfer);
      Task sum;
      sum.name = "sum";
      sum.host = to;
      sum.work.kind = ComputeWork::Kind::fusion_sum;
      add(sum);
      if (!forward) continue;
      for (const char* name : {kForwardAfterMessage, kForwardAfterForward}) {
        Task f;
        f.name = name;
        f.host = to;
        f.work = *forward;
        add(f);
      }
    }
  }
  return plan;
}

// The first sub-network a strategy that runs on the testbed computes: what
// the receivers of the cables' timing run after each message.
std::optional<ComputeWork> forward_of(const PreparedRun& given) {
  for (const TaskGraph& g : given.plans) {
    if (!testbed_unsupported(g, given.scenario.source_host).empty()) continue;
    for (const Task& t : g.tasks) {
      if (t.kind == Task::Kind::compute && t.work.kind == ComputeWork::Kind::subnetwork) return t.work;
    }
  }
  return std::nullopt;
}

// What the host processes' messages take: the cables, and a forward after
// each message against the same forward after itself.
struct MessageTiming {
  CableFit cables;
  AfterMessage after_message;
};

MessageTiming time_messages(const TestbedRunOptions& o, const ShapedNetwork& net,
                            const std::vector<std::string>& hosts, const std::string& network_file,
                            const std::optional<ComputeWork>& forward, const std::string& work) {
  const TestbedPlan plan = cable_plan(net, hosts, network_file, o.warmup, forward);
  const std::string dir = work + "/cables";
  std::filesystem::create_directories(dir);
  write_file_atomically(dir + "/plan.json", testbed_plan_to_json(plan));
  run_processes(o, net, hosts, plan, dir + "/plan.json", dir);
  HostLog log;
  for (const auto& h : plan.hosts) read_host_log(dir + "/" + h.name + ".log", log);
  MessageTiming timing;
  std::map<std::int64_t, std::vector<double>> seconds;
  const auto took = [&log](std::int64_t r, std::size_t i) {
    const auto& [start, end] = log.compute.at({r, i});
    return end - start;
  };
  for (std::int64_t r = plan.warmup; r < plan.warmup + plan.requests; ++r) {
    for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
      const Task& t = plan.tasks[i];
      if (t.kind == Task::Kind::transfer) {
        seconds[static_cast<std::int64_t>(t.amount)].push_back(log.arrive.at({r, i}) -
                                                               log.send.at({r, i}));
      } else if (t.name == kForwardAfterMessage) {
        timing.after_message.extra_s[t.host].push_back(took(r, i) - took(r, i + 1));
      }
    }
  }
  std::vector<TransferSample> samples;
  for (auto& [bytes, s] : seconds) samples.push_back({bytes, std::move(s)});
  timing.cables = fit_cable(samples);
  return timing;
}

// The rows of every task of request r, times from t0.
std::string task_rows(const TaskGraph& g, const HostLog& log, std::int64_t r, std::int64_t id,
                      double t0, const std::string& prefix) {
  std::string rows;
  for (std::size_t k = 0; k < g.tasks.size(); ++k) {
    const Task& t = g.tasks[k];
    const bool compute = t.kind == Task::Kind::compute;
    const double from = compute ? log.compute.at({r, k}).first : log.send.at({r, k});
    const double to = compute ? log.compute.at({r, k}).second : log.arrive.at({r, k});
    rows += prefix + std::to_string(id) + "," + std::to_string(k) + "," + csv_cell(t.name) + "," +
            (compute ? "compute" : "transfer") + "," + csv_cell(t.host) + "," + csv_cell(t.to) +
            "," + format_number(from - t0) + "," + format_number(to - t0) + "\n";
  }
  return rows;
}

// What the host logs of one strategy's run say: its requests (rows as
// `run` writes them, numbered from `first_id`, their times from
// `time_offset` on), its tasks, their latencies and the time the run took
// from its first counted request to its last.
struct StrategyRows {
  std::string requests;
  std::string tasks;
  std::vector<double> latencies;
  double span_s = 0.0;
};

StrategyRows measured(const TaskGraph& g, const HostLog& log, const TestbedPlan& plan,
                      const StrategyAccuracy& accuracy, const std::string& work,
                      std::int64_t first_id, double time_offset) {
  const std::string prefix = csv_cell(g.strategy) + "," + csv_cell(g.configuration) + ",";
  const std::string rows_file = work + "/requests.csv";
  StrategyRows out;
  const double t0 = log.start.at(plan.warmup) - time_offset;
  double last_end = log.start.at(plan.warmup);
  {
    RequestStream stream(rows_file, "", prefix);
    stream.set_accuracy({{"", accuracy.value == "missing" ? std::nan("") : std::stod(accuracy.value)}});
    for (std::int64_t r = plan.warmup; r < plan.warmup + plan.requests; ++r) {
      RequestRecord rec;
      rec.id = first_id + r - plan.warmup;
      rec.arrival = rec.start = log.start.at(r) - t0;
      rec.end = log.end.at(r) - t0;
      rec.bytes = g.total_bytes();
      critical_path(g, log, r, rec);
      stream.on_request(rec);
      last_end = std::max(last_end, log.end.at(r));
      out.tasks += task_rows(g, log, r, rec.id, t0, prefix);
    }
    out.latencies = stream.latencies;
  }  // the stream's file closed
  out.requests = read_text_file(rows_file);
  out.span_s = last_end - log.start.at(plan.warmup);
  return out;
}

// A strategy's summary over all its rounds.
void summarize(const TaskGraph& g, const StrategyAccuracy& accuracy, const StrategyRows& rows,
               RunSummary& summary) {
  const auto requests = static_cast<std::int64_t>(rows.latencies.size());
  fill_latency_stats(rows.latencies, summary);
  summary.throughput_rps = static_cast<double>(requests) / rows.span_s;
  summary.mb_per_request = g.total_bytes() / 1e6;
  summary.energy_available = false;
  summary.accuracy = accuracy.value;
  summary.accuracy_metric = accuracy.metric.empty() ? "top1" : accuracy.metric;
  summary.accuracy_method = accuracy.method;
  summary.accuracy_source = accuracy.source;
  summary.completed = requests;
  summary.availability_pct = 100.0;
}

// "; the senders woke 28-35 us early ..." for the cables' line ("" when
// no host sent).
std::string sleep_text(const std::vector<double>& overshoot_s) {
  if (overshoot_s.empty()) return "";
  const auto [low, high] = std::minmax_element(overshoot_s.begin(), overshoot_s.end());
  char text[160];
  std::snprintf(text, sizeof text,
                "; the senders woke %.0f-%.0f us early from the latency's sleep (the "
                "overshoot each timed)",
                *low * 1e6, *high * 1e6);
  return text;
}

nlohmann::json testbed_record(const TestbedRunOptions& o, const TestbedResult& result) {
  nlohmann::json config{{"command", o.command_line}, {"commit", o.commit}, {"date", o.date},
                        {"scenario", o.scenario_file}, {"cables", result.cables},
                        {"cores", result.cores}, {"warmup_requests", o.warmup},
                        {"profile", o.profile_file}, {"speed_probe", result.speed_record}};
  nlohmann::json overshoot = nlohmann::json::array();
  for (double v : result.sleep_overshoot_s) overshoot.push_back(v * 1e6);
  config["latency_sleep_overshoot_us"] = overshoot;
  config["cable_fit"] = cable_fit_to_json(result.cable_fit);
  config["after_message"] = after_message_to_json(result.after_message);
  for (const auto& st : result.strategies) {
    if (!st.skipped.empty()) {
      config["skipped"].push_back({{"strategy", st.summary.strategy},
                                   {"configuration", st.summary.configuration},
                                   {"why", st.skipped}});
    }
  }
  return config;
}

// The kept profile as this machine ran around the requests.
DeviceProfile scaled_to_speed(const TestbedRunOptions& o, const DeviceProfile& kept,
                              const MachineSpeed& speed) {
  return profile_at_speed(kept, speed,
                          "timed on the testbed's cores before each round of its requests and "
                          "after the last (" +
                              o.command_line + ", " + o.date + ", commit " + o.commit + ")");
}

// simulation.json and its profile: the testbed at the machine's speed
// `speed`, each host with its after-idle and after-message penalties.
void write_simulation(OutputSet& out, const TestbedRunOptions& o, const nlohmann::json& document,
                      const std::vector<std::string>& hosts, const TestbedResult& measured,
                      const DeviceProfile& kept, const MachineSpeed& speed) {
  write_file_atomically(out.staged("simulation.json"),
                        simulation_document(document, o.scenario_file, hosts,
                                            measured.cable_fit.cable(), kProfileName, &speed,
                                            &measured.after_message)
                                .dump(2) + "\n");
  write_file_atomically(out.staged(std::string(kProfileName) + ".json"),
                        device_profile_to_json(scaled_to_speed(o, kept, speed)).dump(2) + "\n");
}

// "; a forward right after a message took +93 us on a, +134 us on b (...)".
std::string after_message_text(const AfterMessage& measured) {
  if (measured.extra_s.empty()) return "";
  std::string text = "; a forward right after a message took";
  std::size_t count = 0;
  for (const auto& [host, extra] : measured.extra_s) {
    text += (count == 0 ? " +" : ", +") + format_number(std::round(measured.penalty_s(host) * 1e6)) +
            " us on " + host;
    count = std::max(count, extra.size());
  }
  return text + " more than right after itself (medians of " + std::to_string(count) +
         "), the simulation's after-message penalty";
}

std::string factors_text(const MachineSpeed& speed) {
  std::string text;
  char part[256];
  for (const auto& h : speed.hosts) {
    const auto at = [&h](double u) {
      return h.compute_spread.empty() ? 1.0 : spread_factor({h.compute_spread}, u);
    };
    std::snprintf(part, sizeof part,
                  "%s%s %.3f, +%.0f us after idle, forwards x%.2f (median) and x%.2f (p95) the "
                  "chains' medians over every probe and host",
                  text.empty() ? "" : "; ", h.host.c_str(), h.factor, h.after_idle_penalty_s * 1e6,
                  at(0.5), at(0.95));
    text += part;
  }
  return text;
}

std::string speed_line(const std::vector<MachineSpeed>& probes, const MachineSpeed& around) {
  double lowest = probes[0].fit.scale, highest = lowest;
  for (const auto& p : probes) {
    lowest = std::min(lowest, p.fit.scale);
    highest = std::max(highest, p.fit.scale);
  }
  char text[1200];
  std::snprintf(text, sizeof text,
                "the calibration's synthetic chains, each right after another forward, ran x%.3f "
                "to x%.3f the kept profile's busy time in %zu probes (before each round and after "
                "the last), x%.3f and %.2f us a kernel all together (after a %.3g ms pause, "
                "measured/predicted %s); simulation.json has the kept profile at that speed and "
                "each host's after-idle penalty and compute spread, simulation_kept_profile.json "
                "the profile as kept",
                lowest, highest, probes.size(), around.fit.scale, around.fit.kernel_overhead * 1e6,
                kProbePause * 1e3, factors_text(around).c_str());
  return text;
}

nlohmann::json chains_of(const MachineSpeed& speed) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& h : speed.hosts) out[h.host] = h.probe.at("chains");
  return out;
}

}  // namespace

TestbedResult run_scenario_testbed(const TestbedRunOptions& o, const std::string& out_dir,
                                   const std::function<void(const std::string&)>& progress) {
  const nlohmann::json document = load_scenario_document(o.scenario_file, o.sets);
  const PreparedRun given = prepare_run(parse_scenario(document, o.scenario_file));
  const Scenario& s = given.scenario;
  if (s.workload.arrival != WorkloadSpec::Arrival::closed_loop) {
    throw InputError(o.scenario_file + ": $.workload.arrival: the testbed runs closed-loop "
                     "workloads only (one request after another)");
  }
  if (!s.events.empty()) throw InputError(o.scenario_file + ": $.events: the testbed runs no events");
  const std::vector<std::string> hosts = testbed_hosts(given, o.scenario_file);
  const TestbedHost cable = cable_of(given.platform, hosts, s.platform);

  TempFolder work("paradis-testbed");
  std::vector<TestbedHost> cables;
  for (const auto& h : hosts) cables.push_back({h, cable.bandwidth_bps, cable.latency_s});
  const ShapedNetwork net(cables);
  std::vector<std::string> namespaces;
  for (std::size_t k = 0; k < hosts.size(); ++k) namespaces.push_back(net.namespace_of(k));
  o.note("testbed: hosts " + join(hosts, ", ") + " in namespaces " + join(namespaces, ", "));
  const std::string network_file = work.path() + "/network.json";
  write_file_atomically(network_file,
                        layer_graph_to_json(load_network(s.network, s.network_options)).dump() + "\n");
  progress("testbed: timing the cables");
  TestbedResult result;
  MessageTiming messages =
      time_messages(o, net, hosts, network_file, forward_of(given), work.path());
  result.cable_fit = messages.cables;
  result.after_message = std::move(messages.after_message);
  const TestbedHost measured_cable = result.cable_fit.cable();

  progress("testbed: timing this machine's speed on the hosts' cores");
  const DeviceProfile kept = load_device_profile(o.profile_file);
  // The machine's speed before each round of requests and after the last.
  std::vector<MachineSpeed> probes = {
      probe_machine_speed(o.host_binary, o.profile_file, kept, hosts, kProbePause, work.path())};

  // The simulation of this testbed, prepared from the file it is kept in:
  // with the kept profile scaled to the speed just measured (written again
  // at the speed around the requests once they are done), and with the
  // kept profile as it is.
  OutputSet out(out_dir, "--out");
  write_simulation(out, o, document, hosts, result, kept, probes.front());
  write_file_atomically(
      out.staged("simulation_kept_profile.json"),
      simulation_document(document, o.scenario_file, hosts, measured_cable, kKeptProfileName,
                          nullptr, nullptr)
          .dump(2) + "\n");
  write_file_atomically(out.staged(std::string(kKeptProfileName) + ".json"),
                        read_text_file(o.profile_file));
  const PreparedRun sim = prepare_run_file(out.staged("simulation.json"), {});

  char text[400];
  std::snprintf(text, sizeof text,
                "%zu hosts (%s), cables of %.6g Mb/s and %.6g ms (tbf; the latency and what tbf's "
                "bucket lets out at once slept by the sender); host to host %.3g ms + the bytes at "
                "%.3g Mb/s as measured, the simulation's cables",
                hosts.size(), join(hosts, ", ").c_str(), cable.bandwidth_bps / 1e6,
                cable.latency_s * 1e3, result.cable_fit.route_latency_s * 1e3,
                result.cable_fit.bandwidth_bps / 1e6);
  result.cables = text + after_message_text(result.after_message);
  result.cores = "host k pinned to core k of " + std::to_string(::sysconf(_SC_NPROCESSORS_ONLN)) +
                 ", one LibTorch thread each";
  std::string requests_csv = RequestStream::csv_header();
  std::string tasks_csv = "strategy,configuration,request,task,name,kind,host,to,start_s,end_s\n";
  std::string summary_csv = summary_csv_header();
  std::vector<RunSummary> rows;
  // Every strategy's requests in rounds, the strategies in turn within each,
  // so that each sees the machine in the same mix of its states; a
  // strategy's rounds are joined as if run back to back.
  std::vector<TestbedStrategy> strategies(sim.plans.size());
  for (std::size_t i = 0; i < sim.plans.size(); ++i) {
    const TaskGraph& g = sim.plans[i];
    strategies[i].summary.strategy = g.strategy;
    strategies[i].summary.configuration = g.configuration;
    strategies[i].summary.hosts = join(g.hosts, "+");
    strategies[i].skipped = testbed_unsupported(g, s.source_host);
  }
  std::vector<StrategyRows> joined(sim.plans.size());
  const std::int64_t rounds = std::min<std::int64_t>(o.rounds, s.workload.count);
  for (std::int64_t round = 0; round < rounds; ++round) {
    if (round > 0) {
      progress("testbed: timing this machine's speed before round " + std::to_string(round + 1));
      probes.push_back(
          probe_machine_speed(o.host_binary, o.profile_file, kept, hosts, kProbePause, work.path()));
    }
    for (std::size_t i = 0; i < sim.plans.size(); ++i) {
      const TaskGraph& g = sim.plans[i];
      const TestbedStrategy& st = strategies[i];
      if (!st.skipped.empty()) continue;
      TestbedPlan plan = plan_of(g, s, o, net, hosts, network_file);
      // Round k runs requests [count k / rounds, count (k + 1) / rounds).
      const std::int64_t first = s.workload.count * round / rounds;
      plan.requests = s.workload.count * (round + 1) / rounds - first;
      const std::string strategy_work =
          work.path() + "/strategy" + std::to_string(i) + "_round" + std::to_string(round);
      std::filesystem::create_directories(strategy_work);
      const std::string plan_file = strategy_work + "/plan.json";
      write_file_atomically(plan_file, testbed_plan_to_json(plan));
      progress("testbed: round " + std::to_string(round + 1) + " of " + std::to_string(rounds) +
               ": " + g.strategy + " " + g.configuration + " on " + st.summary.hosts + ", " +
               std::to_string(o.warmup + plan.requests) + " requests");
      run_processes(o, net, hosts, plan, plan_file, strategy_work);
      HostLog log;
      for (const auto& h : plan.hosts) read_host_log(strategy_work + "/" + h.name + ".log", log);
      result.sleep_overshoot_s.insert(result.sleep_overshoot_s.end(),
                                      log.sleep_overshoot_s.begin(), log.sleep_overshoot_s.end());
      StrategyRows& all = joined[i];
      const StrategyRows r =
          measured(g, log, plan, sim.accuracy[i], strategy_work, first, all.span_s);
      all.requests += r.requests;
      all.tasks += r.tasks;
      all.latencies.insert(all.latencies.end(), r.latencies.begin(), r.latencies.end());
      all.span_s += r.span_s;
    }
  }
  for (std::size_t i = 0; i < sim.plans.size(); ++i) {
    TestbedStrategy& st = strategies[i];
    if (st.skipped.empty()) {
      summarize(sim.plans[i], sim.accuracy[i], joined[i], st.summary);
      requests_csv += joined[i].requests;
      tasks_csv += joined[i].tasks;
      summary_csv += summary_csv_row(st.summary);
      rows.push_back(st.summary);
    }
    result.strategies.push_back(st);
  }
  result.cables += sleep_text(result.sleep_overshoot_s);
  progress("testbed: timing this machine's speed again");
  probes.push_back(
      probe_machine_speed(o.host_binary, o.profile_file, kept, hosts, kProbePause, work.path()));
  const MachineSpeed around = speed_around(kept, probes);
  write_simulation(out, o, document, hosts, result, kept, around);
  result.speed = speed_line(probes, around);
  nlohmann::json each = nlohmann::json::array();
  nlohmann::json chains = nlohmann::json::array();
  for (const auto& p : probes) {
    each.push_back(machine_speed_to_json(p));
    chains.push_back(chains_of(p));
  }
  result.speed_record = {{"pause_ms", kProbePause * 1e3},
                         {"probes", each},
                         {"around", machine_speed_to_json(around)},
                         {"chains", chains}};
  write_file_atomically(out.staged("requests.csv"), requests_csv);
  write_file_atomically(out.staged("tasks.csv"), tasks_csv);
  write_file_atomically(out.staged("summary.csv"), summary_csv);
  write_file_atomically(out.staged("summary.json"), summary_json_text(sim.scenario, rows));
  write_file_atomically(out.staged("testbed.json"), testbed_record(o, result).dump(2) + "\n");
  out.publish({"requests.csv", "tasks.csv", "summary.csv", "summary.json", "testbed.json",
               "simulation.json", std::string(kProfileName) + ".json",
               "simulation_kept_profile.json", std::string(kKeptProfileName) + ".json"});
  return result;
}

}  // namespace paradis
