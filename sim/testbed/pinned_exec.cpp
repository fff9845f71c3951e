#include "sim/testbed/pinned_exec.h"

#include <sched.h>
#include <unistd.h>

#include <cstdio>

namespace paradis {

int exec_pinned(std::size_t core, const std::string& binary, const std::vector<std::string>& args) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(static_cast<int>(core), &set);
  if (::sched_setaffinity(0, sizeof set, &set) != 0) {
    std::fprintf(stderr, "cannot pin a process to core %zu\n", core);
    return 1;
  }
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(binary.c_str(), argv.data());
  std::fprintf(stderr, "cannot run %s\n", binary.c_str());
  return 127;
}

}  // namespace paradis
