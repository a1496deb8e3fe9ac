#include "CKernels.h"
#include <sched.h>

void tempctl_publish(int64_t *flag, int64_t value) { __atomic_store_n(flag, value, __ATOMIC_RELEASE); }

void tempctl_await(const int64_t *flag, int64_t value) {
  for (int spins = 0; __atomic_load_n(flag, __ATOMIC_ACQUIRE) < value; spins++) {
    if (spins < 256) {
#if defined(__x86_64__)
      __builtin_ia32_pause();
#endif
    } else {
      sched_yield();
    }
  }
}
