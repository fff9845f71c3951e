#include "sim/testbed/transfer_probe.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "models/io/input_error.h"
#include "sim/estimate/latency_bound.h"
#include "sim/process/child_process.h"
#include "sim/process/temp_folder.h"
#include "sim/testbed/cable_clock.h"
#include "sim/testbed/latency_sleep.h"
#include "sim/testbed/socket_io.h"

namespace paradis {
namespace {

constexpr int kPort = 47701;
constexpr int kTimeoutS = 60;

double now_s() { return monotonic_seconds(); }

void set_timeouts(int fd) { set_socket_timeouts(fd, kTimeoutS); }

// In host 1: takes one connection; per message (an 8-byte size, then that
// many bytes; size 0 ends) answers the time its last byte came.
int receiver(const ShapedNetwork& net) {
  enter_network_namespace(net.namespace_of(1));
  const int listener = listen_on(net.address_of(1), kPort, 1);
  if (listener < 0) {
    std::fprintf(stderr, "receiver: cannot listen: %s\n", std::strerror(errno));
    return 1;
  }
  set_timeouts(listener);  // accept too
  const int fd = ::accept(listener, nullptr, nullptr);
  if (fd < 0) return 1;
  set_timeouts(fd);
  std::vector<char> buffer(1 << 20);
  for (;;) {
    std::int64_t size = 0;
    if (!receive_all(fd, &size, sizeof size)) return 1;
    if (size == 0) return 0;
    for (std::int64_t left = size; left > 0;) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::int64_t>(left, buffer.size()));
      if (!receive_all(fd, buffer.data(), n)) return 1;
      left -= static_cast<std::int64_t>(n);
    }
    const double done = now_s();
    if (!send_all(fd, &done, sizeof done)) return 1;
  }
}

// In host 0: the transfers, each timed; to `out` the latency sleep's
// overshoot, then a "bytes seconds" line per transfer.
int sender(const ShapedNetwork& net, const std::vector<std::int64_t>& sizes, int repeats,
           const std::string& out) {
  enter_network_namespace(net.namespace_of(0));
  const int fd = connect_to(net.address_of(1), kPort, 5.0);
  if (fd < 0) {
    std::fprintf(stderr, "sender: cannot connect to the receiver\n");
    return 1;
  }
  set_timeouts(fd);
  const double latency = net.hosts()[0].latency_s + net.hosts()[1].latency_s;
  const LatencySleep sleep(latency);
  std::int64_t largest = 1;
  for (auto s : sizes) largest = std::max(largest, s);
  const std::vector<char> payload(static_cast<std::size_t>(largest), 'x');
  std::ofstream file(out);
  file.precision(12);
  file << sleep.overshoot_s() << "\n";
  CableClock cable(net.hosts()[0].bandwidth_bps, tbf_burst_bytes(net.hosts()[0].bandwidth_bps));
  const auto transfer = [&](std::int64_t bytes) {
    const double start = now_s();
    sleep.until(cable.departure(start + latency, static_cast<std::int64_t>(sizeof bytes) + bytes));
    double done = 0.0;
    if (!send_all(fd, &bytes, sizeof bytes) || !send_all(fd, payload.data(), bytes) ||
        !receive_all(fd, &done, sizeof done)) {
      return -1.0;
    }
    return done - start;
  };
  if (transfer(largest) < 0) return 1;  // warm-up
  for (auto bytes : sizes) {
    for (int r = 0; r < repeats; ++r) {
      const double s = transfer(bytes);
      if (s < 0) return 1;
      file << bytes << " " << s << "\n";
    }
  }
  const std::int64_t end = 0;
  send_all(fd, &end, sizeof end);
  file.close();
  return file ? 0 : 1;
}

}  // namespace

double lone_transfer_seconds(const TestbedHost& from, const TestbedHost& to, double bytes,
                             NetworkModel model) {
  const LinkFactors f = link_factors(model);
  return f.latency * (from.latency_s + to.latency_s) +
         bytes / (f.bandwidth * std::min(from.bandwidth_bps, to.bandwidth_bps) / 8.0);
}

TransferProbe probe_transfers(const ShapedNetwork& network, const std::vector<std::int64_t>& sizes,
                              int repeats) {
  const TempFolder work("paradis-testbed");
  const std::string results = work.path() + "/transfers.txt";
  ChildPool pool;
  pool.start(1, [&] { return receiver(network); });
  pool.start(0, [&] { return sender(network, sizes, repeats, results); });
  // The first end to fail ends the probe (the pool kills the other).
  while (pool.running() > 0) {
    const ChildPool::Finished f = pool.wait_one();
    if (f.status != 0) {
      throw InputError("testbed transfers: " +
                       std::string(f.tag == 0 ? "the sender" : "the receiver") + " failed (status " +
                       std::to_string(f.status) + "): " + f.error_line);
    }
  }
  TransferProbe out;
  for (auto bytes : sizes) out.samples.push_back({bytes, {}});
  std::ifstream in(results);
  in >> out.sleep_overshoot_s;
  std::int64_t bytes = 0;
  double seconds = 0.0;
  while (in >> bytes >> seconds) {
    for (auto& s : out.samples) {
      if (s.bytes == bytes && static_cast<int>(s.seconds.size()) < repeats) {
        s.seconds.push_back(seconds);
        break;
      }
    }
  }
  return out;
}

}  // namespace paradis
