#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace paradis {

// Class parallelism's split of `classes` classes over `parts` parts: part k
// scores classes [first(k), first(k + 1)), as even as possible, and one
// "none of mine" output after them, so that the parts' scores compare.
struct ClassSplit {
  std::int64_t classes = 10;
  int parts = 2;

  std::int64_t first(int k) const { return classes * k / parts; }
  std::int64_t own(int k) const { return first(k + 1) - first(k); }
  // Outputs of part k: its own classes and "none of mine".
  std::int64_t outputs(int k) const { return own(k) + 1; }
  // The part that scores class `c`.
  int part_of(std::int64_t c) const;
};

// How accuracy tables and scenarios name a class-parallel configuration:
// "4 parts x0.25" with every part alive, "4 parts x0.25 alive 0+1+3"
// otherwise (`alive` in increasing order; empty: all).
std::string class_parallel_label(int parts, double width, const std::vector<int>& alive);

}  // namespace paradis
