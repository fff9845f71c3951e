#pragma once

#include <cstdint>
#include <mutex>

namespace paradis {

// When a message may leave a testbed host so that its cable takes it as a
// wire would. tbf holds a bucket of tokens, full after the cable idled,
// and lets that many bytes out at once; a wire serialises every frame. So
// after an idle cable the sender waits the time of the bytes the bucket
// would let out at once (the whole message when it fits): the message then
// reaches the far end its wire time after it was ready. While the cable
// still carries earlier messages the bucket is empty and nothing is added.
// One per host, shared by its senders (they share its cable).
class CableClock {
 public:
  CableClock(double bandwidth_bps, std::int64_t burst_bytes);

  // When a message writing `bytes` (as the socket sees them), ready at
  // `ready_s`, may leave.
  double departure(double ready_s, std::int64_t bytes);

  // Bytes on the wire for `bytes` of TCP payload: every 1,448 B segment
  // (1,500 B of IP, TCP with timestamps) carries 66 B of Ethernet, IP and
  // TCP headers, as tbf counts them.
  static double wire_bytes(std::int64_t bytes);

 private:
  double bytes_per_s_;
  double burst_bytes_;
  double drained_at_s_;  // when the cable is done with what it was given
  std::mutex m_;
};

}  // namespace paradis
