// Where validate-latency keeps this machine's profile between runs.
#include "sim/calibration/machine_profile_store.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace paradis {
namespace {

TEST(MachineProfileStore, NamesTheMachineByItsCpuAndCores) {
  const std::string name = this_machine_name();
  const std::string cpus = std::to_string(::sysconf(_SC_NPROCESSORS_ONLN)) + "cpu";
  ASSERT_GT(name.size(), cpus.size());
  EXPECT_EQ(name.substr(name.size() - cpus.size()), cpus);
  for (char c : name) EXPECT_TRUE(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_') << name;
  EXPECT_EQ(name.find("_r_"), std::string::npos);
}

TEST(MachineProfileStore, KeepsProfilesWhereTheEnvironmentSays) {
  ::setenv("PARADIS_SIM_CACHE_DIR", "/var/cache/x", 1);
  EXPECT_EQ(machine_profile_path(2), "/var/cache/x/profiles/" + this_machine_name() + "_2thread.json");
  ::unsetenv("PARADIS_SIM_CACHE_DIR");
  ::setenv("XDG_CACHE_HOME", "/xdg", 1);
  EXPECT_EQ(machine_profile_dir(), "/xdg/paradis-sim/profiles");
  ::unsetenv("XDG_CACHE_HOME");
  ::setenv("HOME", "/home/user", 1);
  EXPECT_EQ(machine_profile_dir(), "/home/user/.cache/paradis-sim/profiles");
}

}  // namespace
}  // namespace paradis
