#pragma once

namespace paradis {

// The sleep that stands for a cable's latency on the testbed (these kernels
// have no netem). A thread's sleep overshoots by its timer slack (50 us by
// default) and by the machine's timer latency; on a 2-core virtual machine
// a 0.2 ms sleep overshot by 82 us (median), 31 us with a slack of 1 ns.
// Made on the thread that sleeps: it sets that thread's timer slack to 1 ns
// and times the overshoot left (the median of a few sleeps as long as a
// route's latency), and wakes that much early so that the median sleep
// ends on time.
class LatencySleep {
 public:
  // `typical_s`: the sleeps' usual length (the route's latency), at most 5 ms
  // is timed; 0 times nothing (no latency to sleep).
  explicit LatencySleep(double typical_s);
  // Sleeps until `deadline_s` (monotonic_seconds()), less the overshoot.
  void until(double deadline_s) const;
  double overshoot_s() const { return overshoot_s_; }

 private:
  double overshoot_s_ = 0.0;
};

}  // namespace paradis
