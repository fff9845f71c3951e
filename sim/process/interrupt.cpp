#include "sim/process/interrupt.h"

#include <sys/prctl.h>
#include <unistd.h>

#include <string>

namespace paradis {
namespace {

volatile sig_atomic_t g_signal = 0;
volatile sig_atomic_t g_child = 0;
// The children of a pool (sweep workers): slots of 0 are free.
constexpr int kPoolSlots = 256;
volatile sig_atomic_t g_pool[kPoolSlots] = {};

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void on_interrupt(int signal_number) {
  if (g_signal == 0) g_signal = signal_number;
  const pid_t child = static_cast<pid_t>(g_child);
  if (child > 0) ::kill(child, SIGKILL);  // async-signal-safe
  for (int i = 0; i < kPoolSlots; ++i) {
    const pid_t member = static_cast<pid_t>(g_pool[i]);
    if (member > 0) ::kill(member, SIGKILL);
  }
}

sigset_t interrupt_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : kSignals) sigaddset(&set, s);
  return set;
}

}  // namespace

namespace {

const char* signal_name(int signal_number) {
  switch (signal_number) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "a signal";
  }
}

}  // namespace

InterruptedError::InterruptedError(int signal_number)
    : std::runtime_error(std::string("interrupted by ") + signal_name(signal_number)),
      signal_number_(signal_number) {}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking wait returns EINTR
  for (int s : kSignals) ::sigaction(s, &action, nullptr);
}

int pending_interrupt() { return static_cast<int>(g_signal); }

void throw_if_interrupted() {
  if (g_signal != 0) throw InterruptedError(static_cast<int>(g_signal));
}

void set_running_child(pid_t pid) {
  g_child = static_cast<sig_atomic_t>(pid);
  // A signal that came before the child was registered still kills it.
  if (pid > 0 && g_signal != 0) ::kill(pid, SIGKILL);
}

bool add_running_child(pid_t pid) {
  for (int i = 0; i < kPoolSlots; ++i) {
    if (g_pool[i] == 0) {
      g_pool[i] = static_cast<sig_atomic_t>(pid);
      if (g_signal != 0) ::kill(pid, SIGKILL);
      return true;
    }
  }
  return false;
}

void remove_running_child(pid_t pid) {
  for (int i = 0; i < kPoolSlots; ++i) {
    if (g_pool[i] == static_cast<sig_atomic_t>(pid)) g_pool[i] = 0;
  }
}

void detach_child_from_interrupts(pid_t parent) {
  for (int i = 0; i < kPoolSlots; ++i) g_pool[i] = 0;
  g_child = 0;
  for (int s : kSignals) ::signal(s, SIG_DFL);
  const sigset_t set = interrupt_set();
  ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(1);  // the parent died before prctl
}

InterruptsHeld::InterruptsHeld() {
  const sigset_t set = interrupt_set();
  ::sigprocmask(SIG_BLOCK, &set, &previous_);
}

InterruptsHeld::~InterruptsHeld() { ::sigprocmask(SIG_SETMASK, &previous_, nullptr); }

}  // namespace paradis
