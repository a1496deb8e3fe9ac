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

  // The rest of a step on a 19 × 130 block of a 19 × 150 matrix (one zero column), then two
  // optimiser updates each, and the validation argmax.
  enum { d = 19, ld = 150, cols = 130 };
  static float w[d * ld], wn[d * ld], g[d * ld], mom[d * ld], v[d * ld], w2[d * ld];
  float norms[cols], dots[cols];
  for (int i = 0; i < d * ld; i++) { w[i] = next_float(); g[i] = 0.1f * next_float(); }
  for (int i = 0; i < d; i++) w[i * ld + 7] = 0;
  tempctl_normalise_columns(w, ld, d, cols, norms, wn);
  tempctl_column_dots(wn, g, ld, d, cols, dots);
  for (int i = 0; i < d; i++) tempctl_project_row(wn + i * ld, g + i * ld, dots, norms, cols);
  add(norms, sizeof norms); add(wn, sizeof wn); add(dots, sizeof dots); add(g, sizeof g);
  memcpy(w2, w, sizeof w);
  for (int step = 0; step < 2; step++) {
    tempctl_sgd_momentum(w, g, mom, d * ld, 0.9f, 0.1f);
    tempctl_adam(w2, g, mom, v, d * ld, 0.9f, 0.999f, 1e-8f, 0.001f / 0.19f, 0.0447f);
  }
  add(w, sizeof w); add(w2, sizeof w2); add(mom, sizeof mom); add(v, sizeof v);
  int64_t hits[slots] = {0};
  tempctl_argmax_hits(z, n, rows, slots, classes, labels, hits);
  add(hits, sizeof hits);
  printf("%016llx\n", (unsigned long long)digest);
  return 0;
}
