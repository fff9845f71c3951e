#include "sim/testbed/shaped_network.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include "models/io/input_error.h"
#include "sim/process/child_process.h"

namespace paradis {
namespace {

constexpr const char* kPrefix = "pdsim";
constexpr const char* kNetnsDir = "/var/run/netns";

// Runs a tool (ip, tc) to its end; InputError with its message when it fails.
void run_tool(const std::vector<std::string>& args) {
  std::string error;
  const int status = run_isolated(
      [&] {
        std::vector<char*> argv;
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        std::fprintf(stderr, "cannot run %s: %s\n", argv[0], std::strerror(errno));
        return 127;
      },
      error);
  if (status != 0) {
    std::string command;
    for (const auto& a : args) command += (command.empty() ? "" : " ") + a;
    throw InputError("testbed: '" + command + "' failed: " + error);
  }
}

// Deletes a namespace (and the cables in it) even while an interrupt is
// pending: a plain child waited for to its end, its output dropped.
void delete_namespace(const std::string& name) noexcept {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execlp("ip", "ip", "netns", "delete", name.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  while (pid > 0 && ::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

std::string rate_text(double bandwidth_bps) {
  return std::to_string(static_cast<long long>(std::llround(bandwidth_bps))) + "bit";
}

// Both ends of a cable: the host's egress and the switch's egress to it.
void shape(const std::string& ns, const std::string& device, double bandwidth_bps) {
  run_tool({"tc", "-n", ns, "qdisc", "add", "dev", device, "root", "tbf", "rate",
            rate_text(bandwidth_bps), "burst", std::to_string(tbf_burst_bytes(bandwidth_bps)),
            "latency", "2s"});
}

}  // namespace

long tbf_burst_bytes(double bandwidth_bps) {
  return std::max(1514L, static_cast<long>(bandwidth_bps / 8.0 * 0.5 * 1e-3));
}

void enter_network_namespace(const std::string& name) {
  const std::string path = std::string(kNetnsDir) + "/" + name;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::setns(fd, CLONE_NEWNET) != 0) {
    const std::string why = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw InputError("testbed: cannot enter network namespace " + path + ": " + why);
  }
  ::close(fd);
}

void remove_stale_testbeds() {
  DIR* dir = ::opendir(kNetnsDir);
  if (!dir) return;
  std::vector<std::string> stale;
  while (const dirent* e = ::readdir(dir)) {
    const std::string name = e->d_name;
    if (name.rfind(kPrefix, 0) != 0) continue;
    const long pid = std::strtol(name.c_str() + std::strlen(kPrefix), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) stale.push_back(name);
  }
  ::closedir(dir);
  for (const auto& name : stale) delete_namespace(name);
}

ShapedNetwork::ShapedNetwork(const std::vector<TestbedHost>& hosts)
    : hosts_(hosts), prefix_(std::string(kPrefix) + std::to_string(::getpid())) {
  if (::geteuid() != 0) {
    throw InputError(
        "testbed: its hosts are network namespaces joined by shaped veth cables, which only root "
        "can make (CAP_NET_ADMIN, CAP_SYS_ADMIN); run it as root");
  }
  if (hosts_.size() < 2 || hosts_.size() > 200) {
    throw InputError("testbed: expected 2 to 200 hosts, got " + std::to_string(hosts_.size()));
  }
  remove_stale_testbeds();
  try {
    switch_namespace_ = prefix_ + "sw";
    run_tool({"ip", "netns", "add", switch_namespace_});
    made_.push_back(switch_namespace_);
    run_tool({"ip", "-n", switch_namespace_, "link", "add", "br0", "type", "bridge"});
    run_tool({"ip", "-n", switch_namespace_, "link", "set", "br0", "up"});
    for (std::size_t k = 0; k < hosts_.size(); ++k) add_host(k);
  } catch (...) {
    teardown();
    throw;
  }
}

ShapedNetwork::~ShapedNetwork() { teardown(); }

std::string ShapedNetwork::address_of(std::size_t k) const {
  return "10.77." + std::to_string((k + 1) / 256) + "." + std::to_string((k + 1) % 256);
}

void ShapedNetwork::add_host(std::size_t k) {
  const TestbedHost& h = hosts_[k];
  if (!(h.bandwidth_bps > 0.0) || !std::isfinite(h.bandwidth_bps)) {
    throw InputError("testbed: host " + h.name + ": expected a positive bandwidth");
  }
  const std::string ns = prefix_ + "h" + std::to_string(k);
  run_tool({"ip", "netns", "add", ns});
  made_.push_back(ns);
  namespaces_.push_back(ns);
  const std::string host_end = "eth0";
  const std::string switch_end = "p" + std::to_string(k);
  run_tool({"ip", "link", "add", host_end, "netns", ns, "type", "veth", "peer", "name",
            switch_end, "netns", switch_namespace_});
  run_tool({"ip", "-n", ns, "link", "set", "lo", "up"});
  run_tool({"ip", "-n", ns, "addr", "add", address_of(k) + "/16", "dev", host_end});
  run_tool({"ip", "-n", ns, "link", "set", host_end, "up"});
  run_tool({"ip", "-n", switch_namespace_, "link", "set", switch_end, "master", "br0", "up"});
  shape(ns, host_end, h.bandwidth_bps);
  shape(switch_namespace_, switch_end, h.bandwidth_bps);
}

void ShapedNetwork::teardown() noexcept {
  for (auto it = made_.rbegin(); it != made_.rend(); ++it) delete_namespace(*it);
  made_.clear();
}

}  // namespace paradis
