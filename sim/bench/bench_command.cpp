// paradis-sim bench: the engine's speed against a bare SimGrid program that
// issues the same activities, measured in the same run; and its memory over
// a long streamed run.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <CLI/CLI.hpp>

#include "models/io/input_error.h"
#include "models/networks/builtin_networks.h"
#include "sim/cli/command.h"
#include "sim/engine/platform_probe.h"
#include "sim/engine/simulation.h"
#include "sim/install/data_dir.h"
#include "sim/process/temp_folder.h"
#include "sim/report/request_stream.h"
#include "sim/report/run_summary.h"
#include "sim/strategy/registry.h"

namespace paradis {
namespace {

struct BenchOptions {
  std::string platform = data_dir() + "/platforms/edge_ethernet.xml";
  std::int64_t requests = 10000;
  std::int64_t memory_requests = 0;
  std::int64_t overload_requests = 100000;
  std::int64_t events_requests = 0;
  std::int64_t events = 10000;
};

class CountingObserver : public SimulationObserver {
 public:
  void on_request(const RequestRecord&) override { ++count; }
  void on_trace_event(const TraceEvent&) override {}
  std::int64_t count = 0;
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// What one engine run took: its simulated end, as text (compared with the
// bare program's), and the wall time of loading the platform and simulating,
// measured in the child so that process start-up does not count.
struct EngineTiming {
  std::string makespan;
  double wall_s = 0.0;
  long peak_rss_kb = 0;
};

EngineTiming time_engine(const std::string& platform, const TaskGraph& plan,
                         const WorkloadSpec& workload, const char* what,
                         const std::vector<TimedEvent>& events = {}) {
  const TempFolder work("paradis-bench");
  const std::string timing = work.path() + "/engine";
  std::string error;
  long peak_kb = 0;
  const int status = run_isolated(
      [&] {
        EngineOptions options;
        options.energy = false;
        options.trace_requests = 0;
        options.events = events;
        CountingObserver counter;
        const auto start = std::chrono::steady_clock::now();
        const SimulationResult r =
            run_simulation(platform, options, plan, workload, "board1", counter);
        std::ofstream(timing) << format_number(r.makespan) << ' '
                              << format_number(seconds_since(start)) << '\n';
        return counter.count == workload.count ? 0 : 1;
      },
      error, &peak_kb);
  if (status != 0) throw std::runtime_error(std::string(what) + " run failed: " + error);
  EngineTiming t;
  t.peak_rss_kb = peak_kb;
  std::ifstream(timing) >> t.makespan >> t.wall_s;
  return t;
}

// Periodic requests arriving ten times faster than the closed loop serves
// them: the queues grow to the whole workload, and the time per request must
// stay near the closed loop's (it grew with the queue before requests waited
// in the engine's own queues).
void run_overload(const BenchOptions& o, const TaskGraph& plan, double service_s,
                  double closed_wall_per_request) {
  WorkloadSpec workload;
  workload.count = o.overload_requests;
  workload.arrival = WorkloadSpec::Arrival::periodic;
  workload.interval = service_s / 10.0;
  const double wall = time_engine(o.platform, plan, workload, "overload").wall_s;
  const double per_request = wall / static_cast<double>(o.overload_requests);
  std::printf("  overload:          %8.3f s wall for %lld periodic requests at 10x the service "
              "rate (every %.3g ms)\n",
              wall, static_cast<long long>(o.overload_requests), workload.interval * 1e3);
  std::printf("  per request:       %8.2f us overloaded, %8.2f us closed loop, ratio %.3f "
              "(target: below 2)\n",
              per_request * 1e6, closed_wall_per_request * 1e6,
              per_request / closed_wall_per_request);
}

// The same closed-loop run with and without `o.events` events spread over
// it (board2 slowed to 0.9 and back, its cable's bandwidth 99 and 100 Mb/s
// in turn: changes that fail nothing, so both runs do the same requests).
void run_events(const BenchOptions& o, const TaskGraph& plan, double service_s) {
  WorkloadSpec workload;
  workload.count = o.events_requests;
  const double span = service_s * static_cast<double>(o.events_requests);
  std::vector<TimedEvent> events;
  for (std::int64_t k = 0; k < o.events; ++k) {
    const double at = span * static_cast<double>(k + 1) / static_cast<double>(o.events + 1);
    const bool odd = (k / 2) % 2 == 1;
    if (k % 2 == 0) {
      events.push_back({at, TimedEvent::Kind::host_speed, "board2", odd ? 1.0 : 0.9, "bench"});
    } else {
      events.push_back({at, TimedEvent::Kind::link_bandwidth, "board2_cable_UP",
                        (odd ? 100e6 : 99e6) / 8.0, "bench"});
    }
  }
  const EngineTiming without = time_engine(o.platform, plan, workload, "events (none)");
  const EngineTiming with = time_engine(o.platform, plan, workload, "events", events);
  const double n = static_cast<double>(o.events_requests);
  std::printf("  events:            %lld closed-loop requests, %lld events over them\n",
              static_cast<long long>(o.events_requests), static_cast<long long>(o.events));
  std::printf("  simulated time:    %s s with events, %s s without (board2 slower part of "
              "the time)\n",
              with.makespan.c_str(), without.makespan.c_str());
  std::printf("  per request:       %8.2f us with events, %8.2f us without, ratio %.3f "
              "(target: at most 1.5)\n",
              with.wall_s / n * 1e6, without.wall_s / n * 1e6, with.wall_s / without.wall_s);
  std::printf("  peak RSS:          %8.1f MB with events, %8.1f MB without\n",
              static_cast<double>(with.peak_rss_kb) / 1024.0,
              static_cast<double>(without.peak_rss_kb) / 1024.0);
}

int run_bench(const BenchOptions& o) {
  const PlatformInfo platform = probe_platform(o.platform);
  for (const char* h : {"board1", "board2", "board3", "board4"}) {
    if (!platform.find(h)) throw InputError(o.platform + ": the bench needs hosts board1..board4");
  }
  const LayerGraph graph = load_network("mobilenet_v1", NetworkOptions{});
  const StrategySpec spec = strategy_from_json(
      {{"kind", "paradis"}, {"switch", "4x0.25"}, {"hosts", {"board1", "board2", "board3", "board4"}}});
  const TaskGraph plan =
      plan_strategy(graph, spec, platform, {"board1", "board1", Precision::fp32, nullptr, {}});
  WorkloadSpec workload;
  workload.count = o.requests;

  // The same activities for the bare program.
  char pattern[] = "/tmp/paradis-bench-XXXXXX";
  const int fd = ::mkstemp(pattern);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  ::close(fd);
  {
    std::ofstream tasks(pattern);
    for (const Task& t : plan.tasks) {
      tasks << (t.kind == Task::Kind::compute ? "C " : "T ") << t.host << ' ';
      if (t.kind == Task::Kind::transfer) tasks << t.to << ' ';
      tasks << format_number(t.amount);
      for (std::size_t d : t.after) tasks << ' ' << d;
      tasks << '\n';
    }
  }

  std::cout << "paradis 4x0.25 of mobilenet_v1 on board1..board4 of " << o.platform << ", "
            << o.requests << " closed-loop requests, " << plan.tasks.size() << " activities each\n";
  // Each side times its own platform loading and simulation, so process
  // start-up counts for neither.
  const EngineTiming engine = time_engine(o.platform, plan, workload, "engine");

  const std::string bare = executable_dir() + "/paradis-bare-simgrid";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out =
        ::open((std::string(pattern) + ".bare").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    const std::string count = std::to_string(o.requests);
    ::execl(bare.c_str(), bare.c_str(), o.platform.c_str(), pattern, count.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int bare_status = 0;
  ::waitpid(pid, &bare_status, 0);
  const std::string& engine_makespan = engine.makespan;
  const double engine_wall = engine.wall_s;
  std::string bare_makespan;
  double bare_wall = 0.0;
  std::ifstream(std::string(pattern) + ".bare") >> bare_makespan >> bare_wall;
  for (const char* ext : {"", ".bare"})
    std::remove((std::string(pattern) + ext).c_str());
  if (!WIFEXITED(bare_status) || WEXITSTATUS(bare_status) != 0) {
    throw std::runtime_error("the reference program " + bare + " failed");
  }
  // Both must have simulated the same thing.
  std::printf("  simulated time:    engine %s s, bare %s s\n", engine_makespan.c_str(),
              bare_makespan.c_str());
  if (engine_wall <= 0.0 || bare_wall <= 0.0) throw std::runtime_error("no timing came back");

  std::printf("  engine:            %8.3f s wall, %10.0f simulated requests/s\n", engine_wall,
              static_cast<double>(o.requests) / engine_wall);
  std::printf("  bare SimGrid:      %8.3f s wall, %10.0f simulated requests/s\n", bare_wall,
              static_cast<double>(o.requests) / bare_wall);
  std::printf("  ratio engine/bare: %8.3f  (target: at most 1.5; speed target: 10,000 req/s)\n",
              engine_wall / bare_wall);

  if (o.overload_requests > 0) {
    run_overload(o, plan, std::stod(engine_makespan) / static_cast<double>(o.requests),
                 engine_wall / static_cast<double>(o.requests));
  }
  if (o.events_requests > 0) {
    run_events(o, plan, std::stod(engine_makespan) / static_cast<double>(o.requests));
  }
  if (o.memory_requests > 0) {
    char dir[] = "/tmp/paradis-bench-mem-XXXXXX";
    if (::mkdtemp(dir) == nullptr) throw std::runtime_error("cannot create a temporary folder");
    const std::string rows = std::string(dir) + "/requests.csv";
    const std::string trace = std::string(dir) + "/trace.jsonl";
    WorkloadSpec big;
    big.count = o.memory_requests;
    std::string error;
    long peak_kb = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const int mem_status = run_isolated(
        [&] {
          EngineOptions options;
          options.trace_requests = 100;
          RequestStream stream(rows, trace, "paradis,4x0.25,");
          run_simulation(o.platform, options, plan, big, "board1", stream);
          return 0;
        },
        error, &peak_kb);
    const double wall = seconds_since(t0);
    std::ifstream in(rows, std::ios::binary | std::ios::ate);
    const double mb = static_cast<double>(in.tellg()) / 1e6;
    std::remove(rows.c_str());
    std::remove(trace.c_str());
    ::rmdir(dir);
    if (mem_status != 0) throw std::runtime_error("memory run failed: " + error);
    std::printf("  memory: %lld requests streamed (%.1f MB of rows) in %.1f s, peak RSS %.1f MB\n",
                static_cast<long long>(o.memory_requests), mb, wall,
                static_cast<double>(peak_kb) / 1024.0);
  }
  return 0;
}

}  // namespace

void add_bench_command(CLI::App& app, CommandAction& action) {
  auto options = std::make_shared<BenchOptions>();
  auto* bench = app.add_subcommand(
      "bench", "engine speed against a bare SimGrid program, and memory of a long run");
  bench->add_option("--requests,-n", options->requests, "requests of the speed comparison")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000000));
  bench
      ->add_option("--memory-requests", options->memory_requests,
                   "also stream this many requests to disk and print the peak RSS (0: skip)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000000));
  bench
      ->add_option("--overload-requests", options->overload_requests,
                   "periodic requests at 10x the service rate, timed per request (0: skip)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000000));
  bench
      ->add_option("--events-requests", options->events_requests,
                   "also time this many closed-loop requests with and without --events events "
                   "(0: skip)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000000));
  bench->add_option("--events", options->events, "events of the --events-requests run")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  bench->add_option("--platform", options->platform, "platform with hosts board1..board4")
      ->capture_default_str();
  bench->callback([&action, options] { action = [options] { return run_bench(*options); }; });
}

}  // namespace paradis
