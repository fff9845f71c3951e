#include "sim/process/child_process.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "sim/process/interrupt.h"
#include "sim/process/temp_folder.h"

namespace paradis {
namespace {

// A temporary file removed on every exit path.
class TempFile {
 public:
  TempFile() {
    std::string pattern = temp_root() + "/paradis-child-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    fd_ = ::mkstemp(buffer.data());
    if (fd_ < 0) throw std::runtime_error("cannot create a temporary file in " + temp_root());
    path_ = buffer.data();
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

[[noreturn]] void run_child(const std::function<int()>& work, int err_fd, pid_t parent) {
  detach_child_from_interrupts(parent);
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

// SimGrid's fatal errors are a CRITICAL line followed by a backtrace: the
// CRITICAL line is the message; otherwise the last line.
std::string error_line(const std::string& path) {
  std::ifstream err(path);
  std::string line;
  std::string critical;
  std::string last;
  while (std::getline(err, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto at = line.find("/CRITICAL] ");
    if (critical.empty() && at != std::string::npos) critical = line.substr(at + 11);
    if (line.rfind("  -> ", 0) != 0 && line.rfind("Backtrace", 0) != 0) last = line;
  }
  return critical.empty() ? last : critical;
}

}  // namespace

int run_isolated(const std::function<int()>& work, std::string& last_error_line,
                 long* peak_rss_kb) {
  throw_if_interrupted();
  TempFile err;
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) run_child(work, err.fd(), parent);
  set_running_child(pid);
  int status = 0;
  struct rusage usage {};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  set_running_child(0);
  throw_if_interrupted();
  if (peak_rss_kb) *peak_rss_kb = usage.ru_maxrss;
  last_error_line = error_line(err.path());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct ChildPool::Child {
  std::size_t tag = 0;
  TempFile err;
};

ChildPool::ChildPool() = default;

ChildPool::~ChildPool() {
  for (auto& [pid, child] : children_) {
    ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    remove_running_child(pid);
  }
}

void ChildPool::start(std::size_t tag, const std::function<int()>& work) {
  throw_if_interrupted();
  auto child = std::make_unique<Child>();
  child->tag = tag;
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) run_child(work, child->err.fd(), parent);
  if (!add_running_child(pid)) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    throw std::runtime_error("more than 256 children at once");
  }
  children_.emplace(pid, std::move(child));
}

ChildPool::Finished ChildPool::wait_one() {
  if (children_.empty()) throw std::logic_error("ChildPool::wait_one with no child running");
  int status = 0;
  pid_t pid = -1;
  while ((pid = ::waitpid(-1, &status, 0)) < 0 && errno == EINTR) {
    throw_if_interrupted();
  }
  throw_if_interrupted();
  const auto it = children_.find(pid);
  if (it == children_.end()) throw std::runtime_error("a child the pool did not start ended");
  remove_running_child(pid);
  Finished done;
  done.tag = it->second->tag;
  done.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  done.error_line = error_line(it->second->err.path());
  children_.erase(it);
  return done;
}

}  // namespace paradis
