#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/testbed/testbed_plan.h"

namespace paradis {

using Bytes = std::vector<char>;

// What a host computes; the runtime moves the bytes and keeps the time.
class TaskExecutor {
 public:
  virtual ~TaskExecutor() = default;
  // Request `request` begins on this host: forget the one before.
  virtual void begin_request(std::int64_t request) = 0;
  // Runs compute task `task` of this host; `received` holds what the
  // transfers into this host brought so far in this request (by task
  // index), those it waits for among them.
  virtual void compute(std::size_t task, const std::map<std::size_t, Bytes>& received) = 0;
  // What transfer `task`, from this host, sends.
  virtual Bytes payload(std::size_t task) = 0;
};

// Runs host `host` of a testbed plan, in the calling process (inside that
// host's network namespace): connects to every other host of the plan,
// runs warm-up plus counted requests one after another (the source host
// starts the next when the last task of the previous is done), each task
// when what it waits for is here, in the graph's order but every transfer
// that can leave before the next computation; transfers leave from one sender thread
// per peer after both cables' latency, and arrive through one receiver
// thread per peer. Writes its times to `out` as lines
// "start R T" (source host), "end R T" (the host of the last task),
// "compute R I T0 T1", "send R I T" (ready to leave) and "arrive R I T",
// T on the machine's monotonic clock in seconds. Returns 0, or 1 after
// printing why to stderr.
int run_testbed_host(const TestbedPlan& plan, std::size_t host, TaskExecutor& executor,
                     const std::string& out);

}  // namespace paradis
