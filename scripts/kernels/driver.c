// Runs every CKernels routine on fixed pseudo-random inputs and prints a digest of the output
// bits. scripts/check-kernels.sh builds it once per instruction set; the digests must agree.
#include "CKernels.h"
#include <stdio.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;
static float next_float(void) {   // xorshift64*, uniform in [-1, 1)
  state ^= state >> 12; state ^= state << 25; state ^= state >> 27;
  return (float)((state * 0x2545F4914F6CDD1Dull) >> 40) / 8388608.0f - 1.0f;
}
static uint64_t digest = 0xcbf29ce484222325ull;
static void add(const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) digest = (digest ^ b[i]) * 0x100000001b3ull;
}

int main(void) {
  enum { rows = 37, slots = 7, classes = 101, n = slots * classes };
  static float z[rows * n], x[5000], scratch[n];
  for (int i = 0; i < 5000; i++) x[i] = 120.0f * next_float();
  float m = tempctl_max(x, 5000), s = tempctl_sum(x, 5000);
  add(&m, 4); add(&s, 4);
  tempctl_exp_inplace(x, 5000);
  add(x, sizeof x);
  for (int i = 0; i < rows * n; i++) z[i] = next_float();
  float alphas[slots], scales[slots];
  uint8_t learnable[slots];
  int32_t labels[rows];
  for (int t = 0; t < slots; t++) { alphas[t] = 1.0f + 40.0f * t; scales[t] = t % 3 ? 1 / alphas[t] : 1; learnable[t] = t == 3; }
  for (int r = 0; r < rows; r++) labels[r] = (r * 13) % classes;
  double loss[slots] = {0}, grad[slots] = {0};
  tempctl_slot_block block = {alphas, scales, learnable, slots, classes, 1.0f / rows};
  tempctl_softmax_rows(&block, z, n, rows, labels, scratch, loss, grad);
  add(z, sizeof z); add(loss, sizeof loss); add(grad, sizeof grad);
  printf("%016llx\n", (unsigned long long)digest);
  return 0;
}
