#include "sim/testbed/host_runtime.h"

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "sim/testbed/cable_clock.h"
#include "sim/testbed/latency_sleep.h"
#include "sim/testbed/socket_io.h"

namespace paradis {
namespace {

constexpr int kTimeoutS = 120;
constexpr std::int64_t kDoneTask = -1;  // control: the request is done
constexpr std::int64_t kEndTask = -2;   // control: the sender has nothing more

struct Header {
  std::int64_t request = 0;
  std::int64_t task = 0;
  std::int64_t bytes = 0;
};

// What the receiver threads brought, for the main thread.
class Inbox {
 public:
  void put(std::int64_t request, std::int64_t task, Bytes bytes) {
    std::lock_guard<std::mutex> lock(m_);
    if (task == kDoneTask) {
      done_.insert(request);
    } else {
      arrived_[{request, task}] = {monotonic_seconds(), std::move(bytes)};
    }
    cv_.notify_all();
  }
  void fail(const std::string& why) {
    std::lock_guard<std::mutex> lock(m_);
    if (failure_.empty()) failure_ = why;
    cv_.notify_all();
  }
  // The bytes of transfer `task` of `request` and when they came.
  std::pair<double, Bytes> take(std::int64_t request, std::size_t task) {
    std::unique_lock<std::mutex> lock(m_);
    const auto key = std::make_pair(request, static_cast<std::int64_t>(task));
    wait(lock, [&] { return arrived_.count(key) > 0; }, "transfer " + std::to_string(task));
    auto out = std::move(arrived_.at(key));
    arrived_.erase(key);
    return out;
  }
  void wait_done(std::int64_t request) {
    std::unique_lock<std::mutex> lock(m_);
    wait(lock, [&] { return done_.count(request) > 0; }, "the end of the request before");
  }

 private:
  template <class Ready>
  void wait(std::unique_lock<std::mutex>& lock, Ready ready, const std::string& what) {
    const bool ok = cv_.wait_for(lock, std::chrono::seconds(kTimeoutS),
                                 [&] { return ready() || !failure_.empty(); });
    if (!failure_.empty()) throw std::runtime_error(failure_);
    if (!ok) throw std::runtime_error("waited " + std::to_string(kTimeoutS) + " s for " + what);
  }

  std::mutex m_;
  std::condition_variable cv_;
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<double, Bytes>> arrived_;
  std::set<std::int64_t> done_;
  std::string failure_;
};

// One other host: a connection, a sender thread with its queue, a receiver
// thread filling the inbox. `route_latency_s`: the two cables' latency,
// which the sender sleeps before each message; `cable`: this host's cable,
// which may hold a message back further (CableClock).
class Peer {
 public:
  Peer(int fd, std::string name, Inbox& inbox, double route_latency_s, CableClock& cable)
      : fd_(fd), name_(std::move(name)), inbox_(inbox), cable_(cable) {
    set_socket_timeouts(fd_, kTimeoutS);
    std::promise<void> timed;
    std::future<void> sleep_ready = timed.get_future();
    sender_ = std::thread([this, route_latency_s, timed = std::move(timed)]() mutable {
      const LatencySleep sleep(route_latency_s);  // on this thread: its timer slack
      sleep_overshoot_s_ = sleep.overshoot_s();
      timed.set_value();
      send_loop(sleep);
    });
    sleep_ready.wait();  // no message waits for the sleep to be timed
    receiver_ = std::thread([this] { receive_loop(); });
  }
  ~Peer() {
    {
      std::lock_guard<std::mutex> lock(m_);
      queue_.push_back({0.0, {0, kEndTask, 0}, {}});
    }
    cv_.notify_all();
    sender_.join();
    receiver_.join();
    ::close(fd_);
  }
  // What the sender's latency sleep wakes early (LatencySleep).
  double sleep_overshoot_s() const { return sleep_overshoot_s_; }
  // Sends `bytes` as transfer `task` of `request`, not before `not_before`.
  void post(double not_before, std::int64_t request, std::int64_t task, Bytes bytes) {
    {
      std::lock_guard<std::mutex> lock(m_);
      queue_.push_back({not_before, {request, task, static_cast<std::int64_t>(bytes.size())},
                        std::move(bytes)});
    }
    cv_.notify_all();
  }

 private:
  struct Outgoing {
    double not_before;
    Header header;
    Bytes bytes;
  };

  void send_loop(const LatencySleep& sleep) {
    for (;;) {
      Outgoing o;
      {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [&] { return !queue_.empty(); });
        o = std::move(queue_.front());
        queue_.pop_front();
      }
      // Control messages are the testbed's own: no cable time.
      const auto written = static_cast<std::int64_t>(sizeof o.header + o.bytes.size());
      sleep.until(o.header.task < 0 ? o.not_before : cable_.departure(o.not_before, written));
      if (!send_all(fd_, &o.header, sizeof o.header) ||
          !send_all(fd_, o.bytes.data(), o.bytes.size())) {
        inbox_.fail("sending to " + name_ + " failed");
        return;
      }
      if (o.header.task == kEndTask) return;
    }
  }

  void receive_loop() {
    for (;;) {
      Header h;
      if (!receive_all(fd_, &h, sizeof h)) {
        inbox_.fail("the connection from " + name_ + " broke");
        return;
      }
      if (h.task == kEndTask) return;
      Bytes bytes(static_cast<std::size_t>(h.bytes));
      if (!receive_all(fd_, bytes.data(), bytes.size())) {
        inbox_.fail("the connection from " + name_ + " broke");
        return;
      }
      inbox_.put(h.request, h.task, std::move(bytes));
    }
  }

  int fd_;
  std::string name_;
  Inbox& inbox_;
  CableClock& cable_;
  double sleep_overshoot_s_ = 0.0;  // written before the constructor returns
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<Outgoing> queue_;
  std::thread sender_;
  std::thread receiver_;
};

// Connections to every other host: to each lower-numbered one (which
// listens first), from each higher-numbered one; each opens with its index.
std::map<std::size_t, std::unique_ptr<Peer>> connect_all(const TestbedPlan& plan, std::size_t me,
                                                         Inbox& inbox, CableClock& cable) {
  const int listener = listen_on(plan.hosts[me].address, plan.port, 16);
  if (listener < 0) throw std::runtime_error("cannot listen on " + plan.hosts[me].address);
  std::map<std::size_t, std::unique_ptr<Peer>> peers;
  for (std::size_t j = 0; j < me; ++j) {
    const int fd = connect_to(plan.hosts[j].address, plan.port, kTimeoutS);
    const std::int64_t index = static_cast<std::int64_t>(me);
    if (fd < 0 || !send_all(fd, &index, sizeof index)) {
      ::close(listener);
      throw std::runtime_error("cannot connect to " + plan.hosts[j].name);
    }
    peers[j] = std::make_unique<Peer>(fd, plan.hosts[j].name, inbox,
                                      plan.hosts[me].latency_s + plan.hosts[j].latency_s, cable);
  }
  set_socket_timeouts(listener, kTimeoutS);
  for (std::size_t n = me + 1; n < plan.hosts.size(); ++n) {
    const int fd = ::accept(listener, nullptr, nullptr);
    std::int64_t index = -1;
    if (fd < 0 || !receive_all(fd, &index, sizeof index) || index <= static_cast<std::int64_t>(me) ||
        index >= static_cast<std::int64_t>(plan.hosts.size())) {
      ::close(listener);
      throw std::runtime_error("no connection from the other hosts");
    }
    const auto j = static_cast<std::size_t>(index);
    peers[j] = std::make_unique<Peer>(fd, plan.hosts[j].name, inbox,
                                      plan.hosts[me].latency_s + plan.hosts[j].latency_s, cable);
  }
  ::close(listener);
  return peers;
}

// The main thread of a host: every request, every task of this host
// (run_request says in which order).
class HostLoop {
 public:
  HostLoop(const TestbedPlan& plan, std::size_t me, TaskExecutor& executor,
           std::map<std::size_t, std::unique_ptr<Peer>>& peers, Inbox& inbox)
      : plan_(plan), me_(me), name_(plan.hosts[me].name), executor_(executor), peers_(peers),
        inbox_(inbox) {}

  void run(std::vector<std::string>& log) {
    const std::size_t last = plan_.tasks.size() - 1;
    const std::size_t source = plan_.host_index(plan_.source_host);
    const std::size_t finisher = plan_.host_index(plan_.tasks[last].host);
    for (std::int64_t r = 0; r < plan_.warmup + plan_.requests; ++r) {
      if (me_ == source && r > 0 && finisher != source) inbox_.wait_done(r - 1);
      executor_.begin_request(r);
      if (me_ == source) log.push_back("start " + std::to_string(r) + " " + time_text());
      received_.clear();
      run_request(r, log);
      take_the_rest(r, log);
      if (me_ == finisher) {
        log.push_back("end " + std::to_string(r) + " " + time_text());
        if (finisher != source) peers_.at(source)->post(0.0, r, kDoneTask, {});
      }
    }
  }

 private:
  static std::string time_text(double seconds = monotonic_seconds()) {
    char b[40];
    std::snprintf(b, sizeof b, "%.9f", seconds);
    return b;
  }

  // Transfers into this host are taken when a task here needs them (or at
  // the end of the request), not in the graph's order: a host sends its
  // part of an exchange while the other part is still on its way to it.
  const Bytes& take(std::int64_t r, std::size_t i, std::vector<std::string>& log) {
    auto it = received_.find(i);
    if (it != received_.end()) return it->second;
    auto [when, bytes] = inbox_.take(r, i);
    log.push_back("arrive " + std::to_string(r) + " " + std::to_string(i) + " " + time_text(when));
    return received_.emplace(i, std::move(bytes)).first->second;
  }

  // Waits for the transfers into this host that task t waits for.
  void wait_for_inputs(std::int64_t r, const Task& t, std::vector<std::string>& log) {
    for (std::size_t d : t.after) {
      const Task& dep = plan_.tasks[d];
      if (dep.kind == Task::Kind::transfer && dep.to == name_) take(r, d, log);
    }
  }

  // This host's tasks in the graph's order, except that before each
  // computation every transfer whose inputs are here leaves first: a
  // transfer takes no core, so it runs while the host computes, as the
  // simulation runs it (ParaDiS sends the input on before computing its
  // own part).
  void run_request(std::int64_t r, std::vector<std::string>& log) {
    done_.assign(plan_.tasks.size(), false);
    for (std::size_t i = 0; i < plan_.tasks.size(); ++i) {
      if (plan_.tasks[i].host != name_ || done_[i]) continue;
      if (plan_.tasks[i].kind == Task::Kind::compute) send_ready_transfers(r, log);
      run_task(r, i, log);
    }
  }

  void send_ready_transfers(std::int64_t r, std::vector<std::string>& log) {
    for (std::size_t j = 0; j < plan_.tasks.size(); ++j) {
      const Task& t = plan_.tasks[j];
      if (t.host == name_ && t.kind == Task::Kind::transfer && !done_[j] && inputs_here(t)) {
        run_task(r, j, log);
      }
    }
  }

  // Whether every task `t` waits for that this host runs is done, and every
  // transfer into this host it waits for has been taken.
  bool inputs_here(const Task& t) const {
    for (std::size_t d : t.after) {
      const Task& dep = plan_.tasks[d];
      if (dep.host == name_ && !done_[d]) return false;
      if (dep.kind == Task::Kind::transfer && dep.to == name_ && !received_.count(d)) return false;
    }
    return true;
  }

  void run_task(std::int64_t r, std::size_t i, std::vector<std::string>& log) {
    const Task& t = plan_.tasks[i];
    done_[i] = true;
    const std::string id = std::to_string(r) + " " + std::to_string(i) + " ";
    wait_for_inputs(r, t, log);
    if (t.kind == Task::Kind::compute) {
      const std::string start = time_text();
      executor_.compute(i, received_);
      log.push_back("compute " + id + start + " " + time_text());
      return;
    }
    Bytes bytes = executor_.payload(i);
    bytes.resize(static_cast<std::size_t>(t.amount));  // the simulator's byte count
    const std::size_t to = plan_.host_index(t.to);
    const double ready = monotonic_seconds();
    log.push_back("send " + id + time_text());
    peers_.at(to)->post(ready + plan_.hosts[me_].latency_s + plan_.hosts[to].latency_s, r,
                        static_cast<std::int64_t>(i), std::move(bytes));
  }

  // Every transfer of the request into this host, so that none is left
  // for the next.
  void take_the_rest(std::int64_t r, std::vector<std::string>& log) {
    for (std::size_t i = 0; i < plan_.tasks.size(); ++i) {
      const Task& t = plan_.tasks[i];
      if (t.kind == Task::Kind::transfer && t.to == name_) take(r, i, log);
    }
  }

  const TestbedPlan& plan_;
  std::size_t me_;
  std::string name_;
  TaskExecutor& executor_;
  std::map<std::size_t, std::unique_ptr<Peer>>& peers_;
  Inbox& inbox_;
  std::map<std::size_t, Bytes> received_;  // this request's transfers into this host
  std::vector<bool> done_;                 // this request's tasks run here so far
};

}  // namespace

int run_testbed_host(const TestbedPlan& plan, std::size_t host, TaskExecutor& executor,
                     const std::string& out) {
  std::vector<std::string> log;
  // Outside the try: on an error the process leaves without joining threads
  // that may still wait on their sockets.
  Inbox inbox;
  CableClock cable(plan.hosts[host].bandwidth_bps, plan.hosts[host].burst_bytes);
  std::map<std::size_t, std::unique_ptr<Peer>> peers;
  try {
    peers = connect_all(plan, host, inbox, cable);
    for (const auto& [j, peer] : peers) {
      char line[80];
      std::snprintf(line, sizeof line, "sleep %zu %.9f", j, peer->sleep_overshoot_s());
      log.push_back(line);
    }
    HostLoop(plan, host, executor, peers, inbox).run(log);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "testbed host %s: %s\n", plan.hosts[host].name.c_str(), e.what());
    std::fflush(stderr);
    std::_Exit(1);
  }
  peers.clear();  // each sends its end and waits for the other's
  std::ofstream file(out);
  for (const auto& line : log) file << line << "\n";
  file.close();
  if (!file) {
    std::fprintf(stderr, "testbed host %s: cannot write %s\n", plan.hosts[host].name.c_str(),
                 out.c_str());
    return 1;
  }
  return 0;
}

}  // namespace paradis
