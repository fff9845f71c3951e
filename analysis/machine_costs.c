/* What the kernel costs on this machine, where the testbed's messages pay it:
 * a system call, a page fault, a sleep's overshoot (with the default timer
 * slack and with 1 ns), a wake-up across cores (a pipe round trip between
 * two processes pinned to cores 0 and 1). Medians; Linux only.
 *
 *   cc -O2 -o /tmp/machine_costs analysis/machine_costs.c && /tmp/machine_costs
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void pin(int core) {
  cpu_set_t s;
  CPU_ZERO(&s);
  CPU_SET(core, &s);
  sched_setaffinity(0, sizeof s, &s);
}

static int by_value(const void* a, const void* b) {
  const double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

/* Median and p95 overshoot (us) of n sleeps of `us` microseconds. */
static void overshoot(long us, const char* label) {
  enum { n = 401 };
  double v[n];
  const struct timespec d = {0, us * 1000};
  for (int i = 0; i < n; ++i) {
    const double t = now();
    nanosleep(&d, 0);
    v[i] = (now() - t) * 1e6 - us;
  }
  qsort(v, n, sizeof v[0], by_value);
  printf("a %ld us sleep, timer slack %s: overshoot median %.1f us, p95 %.1f us\n", us, label,
         v[n / 2], v[n * 95 / 100]);
}

int main(void) {
  pin(0);
  const int calls = 200000;
  double t = now();
  for (int i = 0; i < calls; ++i) syscall(SYS_getppid);
  printf("a system call: %.2f us\n", (now() - t) / calls * 1e6);

  const size_t bytes = 256u << 20;
  char* p = mmap(0, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return 1;
  t = now();
  for (size_t i = 0; i < bytes; i += 4096) p[i] = 1;
  printf("a page fault (first touch of a 4 KiB page): %.2f us\n", (now() - t) / (bytes / 4096) * 1e6);
  munmap(p, bytes);

  overshoot(200, "50 us (default)");
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
  overshoot(200, "1 ns");

  int there[2], back[2];
  if (pipe(there) || pipe(back)) return 1;
  const int trips = 2000, warm = 100;
  if (fork() == 0) {
    pin(1);
    char c;
    for (int i = 0; i < trips + warm; ++i) {
      if (read(there[0], &c, 1) != 1 || write(back[1], &c, 1) != 1) _exit(1);
    }
    _exit(0);
  }
  char c = 'x';
  for (int i = 0; i < trips + warm; ++i) {
    if (i == warm) t = now();
    if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1) return 1;
  }
  printf("a pipe round trip between cores 0 and 1: %.1f us\n", (now() - t) / trips * 1e6);
  return 0;
}
