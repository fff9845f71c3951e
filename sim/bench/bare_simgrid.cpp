// The reference for `paradis-sim bench`: the smallest SimGrid program that
// issues the same activities as the engine, with none of its bookkeeping.
// It reads a task list (one task per line: "C host flops deps..." or
// "T from to bytes deps...", deps as task indices) and runs N closed-loop
// requests of it: start every task whose dependencies are done, wait for
// any, repeat.
//
//   paradis-bare-simgrid PLATFORM TASKS REQUESTS
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <xbt/log.h>
#include <simgrid/s4u.hpp>

namespace sg4 = simgrid::s4u;

struct BareTask {
  bool compute = true;
  sg4::Host* host = nullptr;
  sg4::Host* to = nullptr;
  double amount = 0.0;
  std::vector<std::size_t> after;
};

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s PLATFORM TASKS REQUESTS\n", argv[0]);
    return 2;
  }
  xbt_log_control_set("root.thresh:critical");
  const auto t0 = std::chrono::steady_clock::now();
  int one = 1;
  sg4::Engine engine(&one, argv);
  engine.load_platform(argv[1]);
  std::vector<BareTask> tasks;
  std::ifstream in(argv[2]);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string kind, host;
    BareTask t;
    fields >> kind >> host;
    t.compute = kind == "C";
    t.host = engine.host_by_name(host);
    if (!t.compute) {
      std::string to;
      fields >> to;
      t.to = engine.host_by_name(to);
    }
    fields >> t.amount;
    std::size_t d;
    while (fields >> d) t.after.push_back(d);
    tasks.push_back(t);
  }
  const long requests = std::stol(argv[3]);
  std::vector<std::vector<std::size_t>> next(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    for (std::size_t d : tasks[i].after) next[d].push_back(i);
  }
  sg4::Actor::create("requests", tasks.front().host, [&] {
    for (long r = 0; r < requests; ++r) {
      std::vector<std::size_t> missing(tasks.size());
      std::vector<sg4::ActivityPtr> running;
      std::vector<std::size_t> running_task;
      auto launch = [&](std::size_t i) {
        if (tasks[i].compute) {
          running.push_back(sg4::Exec::init()
                                ->set_flops_amount(tasks[i].amount)
                                ->set_host(tasks[i].host)
                                ->start());
        } else {
          running.push_back(sg4::Comm::sendto_init(tasks[i].host, tasks[i].to)
                                ->set_payload_size(static_cast<std::uint64_t>(tasks[i].amount))
                                ->start());
        }
        running_task.push_back(i);
      };
      for (std::size_t i = 0; i < tasks.size(); ++i) {
        missing[i] = tasks[i].after.size();
        if (missing[i] == 0) launch(i);
      }
      while (!running.empty()) {
        const auto k = static_cast<std::size_t>(sg4::Activity::wait_any(running));
        const std::size_t done = running_task[k];
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(k));
        running_task.erase(running_task.begin() + static_cast<std::ptrdiff_t>(k));
        for (std::size_t s : next[done]) {
          if (--missing[s] == 0) launch(s);
        }
      }
    }
  });
  engine.run();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The bench reads: simulated time, then wall seconds of loading and running.
  std::printf("%.9g %.9g\n", sg4::Engine::get_clock(), wall);
  return 0;
}
