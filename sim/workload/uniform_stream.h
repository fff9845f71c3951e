#pragma once

#include <cstdint>

namespace paradis {

// Uniform numbers in (0, 1] from a SplitMix64 stream: the same on every
// platform and standard library, for seeded arrivals and failures.
class UniformStream {
 public:
  explicit UniformStream(std::uint64_t seed) : state_(seed) {}
  double next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    // (0, 1]: never log(0).
    return (static_cast<double>(z >> 11) + 1.0) * (1.0 / 9007199254740992.0);
  }

 private:
  std::uint64_t state_;
};

}  // namespace paradis
