#include "sim/engine/platform_probe.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <xbt/log.h>
#include <nlohmann/json.hpp>
#include <simgrid/s4u.hpp>

#include "models/io/atomic_file.h"
#include "models/io/input_error.h"

namespace sg4 = simgrid::s4u;

namespace paradis {

int run_isolated(const std::function<int()>& work, std::string& last_error_line,
                 long* peak_rss_kb) {
  char pattern[] = "/tmp/paradis-child-XXXXXX";
  const int err_fd = ::mkstemp(pattern);
  if (err_fd < 0) throw std::runtime_error("cannot create a temporary file");
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(err_fd, 2);
    int status = 1;
    try {
      status = work();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      status = 2;
    }
    std::fflush(nullptr);
    ::_exit(status);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  if (peak_rss_kb) *peak_rss_kb = usage.ru_maxrss;
  ::close(err_fd);
  std::ifstream err(pattern);
  // SimGrid's fatal errors are a CRITICAL line followed by a backtrace: the
  // CRITICAL line is the message; otherwise the last line.
  std::string line;
  std::string critical;
  last_error_line.clear();
  while (std::getline(err, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto at = line.find("/CRITICAL] ");
    if (critical.empty() && at != std::string::npos) critical = line.substr(at + 11);
    if (line.rfind("  -> ", 0) != 0 && line.rfind("Backtrace", 0) != 0) last_error_line = line;
  }
  if (!critical.empty()) last_error_line = critical;
  std::remove(pattern);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

PlatformInfo probe_platform(const std::string& platform_file) {
  if (::access(platform_file.c_str(), R_OK) != 0) {
    throw InputError(platform_file + ": cannot open the platform file");
  }
  char pattern[] = "/tmp/paradis-probe-XXXXXX";
  const int fd = ::mkstemp(pattern);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  ::close(fd);
  const std::string out_path = pattern;
  std::string error;
  const int status =
      run_isolated(
          [&] {
            int argc = 1;
            char name[] = "paradis-sim";
            char* argv[] = {name, nullptr};
            xbt_log_control_set("root.thresh:critical");
            sg4::Engine engine(&argc, argv);
            engine.load_platform(platform_file);
            nlohmann::json hosts = nlohmann::json::array();
            for (sg4::Host* h : engine.get_all_hosts()) {
              nlohmann::json props = nlohmann::json::object();
              if (const auto* p = h->get_properties()) {
                for (const auto& [k, v] : *p) props[k] = v;
              }
              hosts.push_back({{"name", h->get_name()},
                               {"speed", h->get_speed()},
                               {"cores", h->get_core_count()},
                               {"properties", props}});
            }
            bool link_power = false;
            for (sg4::Link* l : engine.get_all_links()) {
              link_power = link_power || l->get_property("wattage_range") != nullptr;
            }
            std::ofstream(out_path)
                << nlohmann::json{{"hosts", hosts}, {"link_power", link_power}}.dump();
            return 0;
          },
          error);
  std::string text;
  if (status == 0) text = read_text_file(out_path);
  std::remove(out_path.c_str());
  if (status != 0) {
    throw InputError(platform_file + ": SimGrid could not load the platform" +
                     (error.empty() ? std::string() : ": " + error));
  }
  PlatformInfo info;
  info.file = platform_file;
  const auto probed = nlohmann::json::parse(text);
  info.link_power = probed["link_power"].get<bool>();
  for (const auto& h : probed["hosts"]) {
    HostInfo host;
    host.name = h["name"].get<std::string>();
    host.speed = h["speed"].get<double>();
    host.cores = h["cores"].get<int>();
    for (const auto& [k, v] : h["properties"].items()) host.properties[k] = v.get<std::string>();
    info.hosts.push_back(host);
  }
  if (info.hosts.empty()) throw InputError(platform_file + ": the platform has no hosts");
  return info;
}

}  // namespace paradis
