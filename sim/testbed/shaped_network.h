#pragma once

#include <string>
#include <vector>

namespace paradis {

// One host of a testbed and its cable to the switch.
struct TestbedHost {
  std::string name;
  double bandwidth_bps = 100e6;  // each direction
  double latency_s = 0.0;        // added by the sender (no netem in these kernels)
};

// Real hosts on this machine: one Linux network namespace per host, each
// joined by a veth pair to a bridge in a namespace of its own (the switch),
// both ends of every cable shaped with tbf at the host's bandwidth, so that
// a transfer between two hosts crosses two shaped hops, as a route of two
// links does in the simulator. Addresses 10.77.0.(k+1)/24 in host order.
// Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN): InputError saying so
// otherwise. The destructor removes every namespace it made (their cables
// go with them); namespaces left by a process that was killed outright are
// removed by the next one made (remove_stale_testbeds).
class ShapedNetwork {
 public:
  explicit ShapedNetwork(const std::vector<TestbedHost>& hosts);
  ~ShapedNetwork();
  ShapedNetwork(const ShapedNetwork&) = delete;
  ShapedNetwork& operator=(const ShapedNetwork&) = delete;

  const std::vector<TestbedHost>& hosts() const { return hosts_; }
  // The namespace of host k (as /var/run/netns names it) and its address.
  const std::string& namespace_of(std::size_t k) const { return namespaces_.at(k); }
  std::string address_of(std::size_t k) const;

 private:
  void add_host(std::size_t k);
  void teardown() noexcept;

  std::vector<TestbedHost> hosts_;
  std::string prefix_;  // "pdsim<pid>"
  std::string switch_namespace_;
  std::vector<std::string> namespaces_;
  std::vector<std::string> made_;  // every namespace made, to remove
};

// Enters network namespace `name` (this thread: call it in a child
// process). Throws InputError naming it when it cannot.
void enter_network_namespace(const std::string& name);

// Removes the namespaces of testbeds whose process no longer runs.
void remove_stale_testbeds();

// tbf's burst for a rate: a quarter of a millisecond of it, at least one
// full frame. The models know no burst: a larger one lets small tensors
// leave at the veth's speed (3 kB in 0.2 ms at 20 Mb/s instead of 1.25), a
// smaller one keeps tbf below its rate at 100 Mb/s (73 Mb/s with one frame).
long tbf_burst_bytes(double bandwidth_bps);

}  // namespace paradis
