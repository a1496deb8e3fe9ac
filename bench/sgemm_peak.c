/* OpenBLAS's own single-precision GEMM throughput on the sweep's shapes (row-major
 * C[m×n] = A[m×k]·B[k×n]), for bench/sweep_bench.py. Prints GFLOP/s, best of `reps`.
 *   cc -O2 bench/sgemm_peak.c -lopenblas -o sgemm_peak && ./sgemm_peak 2048 5100 512 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

int main(int argc, char **argv) {
  int m = argc > 1 ? atoi(argv[1]) : 2048, n = argc > 2 ? atoi(argv[2]) : 5100, k = argc > 3 ? atoi(argv[3]) : 512;
  int reps = argc > 4 ? atoi(argv[4]) : 20;
  float *a = malloc(sizeof(float) * m * k), *b = malloc(sizeof(float) * k * n), *c = malloc(sizeof(float) * m * n);
  for (long i = 0; i < (long)m * k; i++) a[i] = (float)(i % 7) / 7;
  for (long i = 0; i < (long)k * n; i++) b[i] = (float)(i % 5) / 5;
  double best = 1e30;
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n, 0, c, n);
    double t = now() - t0;
    if (t < best) best = t;
  }
  printf("%.2f\n", 2.0 * m * n * k / best / 1e9);
  return 0;
}
