// The planner's energy bounds by hand: idle power, and what computations add.
#include "sim/estimate/energy_bound.h"

#include <gtest/gtest.h>

namespace paradis {
namespace {

// "a": 1 GFLOP/s, 2 cores, idle 2 W, epsilon 3 W, all cores 7 W: a busy core
// adds (7 - 3) / 2 = 2 W. "b": 2 GFLOP/s, 1 core, "Idle:AllCores" 1:5 W.
PlatformInfo powered() {
  PlatformInfo p;
  p.hosts = {{"a", 1e9, 2, {{"wattage_per_state", "2:3:7"}}},
             {"b", 2e9, 1, {{"wattage_per_state", "1:5"}}}};
  return p;
}

TEST(EnergyBound, IdleWattsSumTheHostsFirstFigure) {
  EXPECT_DOUBLE_EQ(idle_watts(powered()), 3.0);
  PlatformInfo p = powered();
  p.hosts[1].properties.clear();
  EXPECT_DOUBLE_EQ(idle_watts(p), 0.0);  // a host without figures: none
}

TEST(EnergyBound, ComputationsAddTheirCoreSecondsAtABusyCoresPower) {
  TaskGraph g;
  const std::size_t x = g.add_compute("x", "a", 3e9, {});  // 3 core-s x 2 W = 6 J
  g.add_compute("y", "b", 1e9, {x});                       // 0.5 s x 4 W = 2 J
  g.add_transfer("t", "a", "b", 1e6, {x});                 // transfers add nothing here
  EXPECT_DOUBLE_EQ(dynamic_energy_lower_bound(g, powered()), 8.0);
  // Two threads: the same core-seconds.
  g.tasks[x].threads = 2;
  EXPECT_DOUBLE_EQ(dynamic_energy_lower_bound(g, powered()), 8.0);
  // Replicas: the cheapest one's tasks beside the common ones.
  g.replicas = 2;
  g.tasks[x].replica = 0;
  g.add_compute("z", "b", 4e9, {});
  g.tasks.back().replica = 1;                             // 2 s x 4 W = 8 J
  EXPECT_DOUBLE_EQ(dynamic_energy_lower_bound(g, powered()), 2.0 + 6.0);
  // An epsilon below idle cannot be bounded: that host adds nothing.
  PlatformInfo p = powered();
  p.hosts[0].properties["wattage_per_state"] = "4:3:7";
  EXPECT_DOUBLE_EQ(dynamic_energy_lower_bound(g, p), 2.0 + 0.0);
}

}  // namespace
}  // namespace paradis
