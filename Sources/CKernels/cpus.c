#define _GNU_SOURCE
#include "CKernels.h"
#include <sched.h>

int tempctl_available_cpus(void) {
#if defined(__linux__)
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
#endif
  return 0;
}
