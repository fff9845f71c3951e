#include "sim/calibration/machine_profile_store.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>

namespace paradis {
namespace {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos) return line.substr(colon + 1);
  }
  return "";
}

// Lower case words joined by '_'; everything else, and the trademark marks
// "(R)" and "(TM)", dropped.
std::string slug(const std::string& text) {
  std::string out;
  std::string word;
  const auto flush = [&] {
    if (!word.empty() && word != "r" && word != "tm") out += (out.empty() ? "" : "_") + word;
    word.clear();
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      word += static_cast<char>(std::tolower(u));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

}  // namespace

std::string this_machine_name() {
  std::string model = slug(cpu_model());
  if (model.empty()) model = "unknown_cpu";
  const long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  return model + "_" + std::to_string(cpus > 0 ? cpus : 1) + "cpu";
}

std::string machine_profile_dir() {
  const std::string own = env_or_empty("PARADIS_SIM_CACHE_DIR");
  if (!own.empty()) return own + "/profiles";
  const std::string xdg = env_or_empty("XDG_CACHE_HOME");
  if (!xdg.empty()) return xdg + "/paradis-sim/profiles";
  const std::string home = env_or_empty("HOME");
  return (home.empty() ? std::string(".") : home) + "/.cache/paradis-sim/profiles";
}

std::string machine_profile_path(int threads) {
  return machine_profile_dir() + "/" + this_machine_name() + "_" + std::to_string(threads) +
         "thread.json";
}

}  // namespace paradis
