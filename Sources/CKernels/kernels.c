#include "CKernels.h"
#include <math.h>
#include <string.h>

// No contraction of a·b + c into FMA: every clone rounds after each operation, like the
// baseline build, so all CPUs produce the same bits.
#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__linux__) && !defined(TEMPCTL_NO_CLONES)
#define TEMPCTL_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TEMPCTL_CLONES
#endif

#define INLINE static inline __attribute__((always_inline))

INLINE float as_float(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
INLINE uint32_t as_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

INLINE float exp1(float x0) {
  float x = x0 > -87.3f ? x0 : -87.3f;
  x = x < 88.0f ? x : 88.0f;
  const float magic = 12582912.0f;
  float shifted = x * 1.442695041f + magic;
  float k = shifted - magic;
  float r = x - k * 0.693359375f + k * 2.12194440e-4f;
  float poly = 1.0f / 720;
  poly = poly * r + 1.0f / 120;
  poly = poly * r + 1.0f / 24;
  poly = poly * r + 1.0f / 6;
  poly = poly * r + 0.5f;
  poly = poly * r + 1;
  poly = poly * r + 1;
  uint32_t kbits = as_bits(shifted) - 0x4B400000u;
  return poly * as_float((kbits + 127u) << 23);
}

INLINE void exp_block(float *x, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) x[i] = exp1(x[i]);
}

INLINE float max_block(const float *x, ptrdiff_t n) {
  float best = x[0];
  ptrdiff_t i = 0;
  if (n >= 16) {
    float acc[16];
    for (int j = 0; j < 16; j++) acc[j] = x[j];
    for (i = 16; i + 16 <= n; i += 16)
      for (int j = 0; j < 16; j++) acc[j] = x[i + j] > acc[j] ? x[i + j] : acc[j];
    best = acc[0];
    for (int j = 1; j < 16; j++) best = acc[j] > best ? acc[j] : best;
  }
  for (; i < n; i++) best = x[i] > best ? x[i] : best;
  return best;
}

INLINE float sum_block(const float *x, ptrdiff_t n) {
  float total = 0;
  ptrdiff_t i = 0;
  if (n >= 16) {
    float acc[16] = {0};
    for (; i + 16 <= n; i += 16)
      for (int j = 0; j < 16; j++) acc[j] += x[i + j];
    for (int j = 0; j < 16; j++) total += acc[j];
  }
  for (; i < n; i++) total += x[i];
  return total;
}

TEMPCTL_CLONES void tempctl_exp_inplace(float *x, ptrdiff_t n) { exp_block(x, n); }
TEMPCTL_CLONES float tempctl_max(const float *x, ptrdiff_t n) { return max_block(x, n); }
TEMPCTL_CLONES float tempctl_sum(const float *x, ptrdiff_t n) { return sum_block(x, n); }

TEMPCTL_CLONES void tempctl_softmax_rows(const tempctl_slot_block *block, float *z, ptrdiff_t ldz, ptrdiff_t rows,
                                         const int32_t *labels, float *scratch, double *loss, double *alpha_grad) {
  const ptrdiff_t c = block->classes, slots = block->slots, n = slots * c;
  const float inv_b = block->inv_batch;
  float maxima[slots > 0 ? slots : 1], sums[slots > 0 ? slots : 1];
  for (ptrdiff_t r = 0; r < rows; r++) {
    float *zr = z + r * ldz;
    const ptrdiff_t y = labels[r];
    // The next row comes from memory (the forward GEMM's output does not fit in cache): ask
    // for it now, a cache line at a time, while this row is computed.
    if (r + 1 < rows)
      for (ptrdiff_t k = 0; k < n; k += 16) __builtin_prefetch(zr + ldz + k, 0, 3);
    for (ptrdiff_t t = 0; t < slots; t++) {
      const float a = block->alphas[t];
      const float *zs = zr + t * c;
      float *es = scratch + t * c;
      const float m = a * max_block(zs, c);   // = max_k α·z_k, as α > 0
      for (ptrdiff_t k = 0; k < c; k++) es[k] = a * zs[k] - m;
      maxima[t] = m;
    }
    exp_block(scratch, n);
    // The sums in a loop of their own: each is a chain of dependent additions (sum_block's
    // order), and independent chains of consecutive slots then overlap in the CPU.
    for (ptrdiff_t t = 0; t < slots; t++) sums[t] = sum_block(scratch + t * c, c);
    for (ptrdiff_t t = 0; t < slots; t++) {
      const float a = block->alphas[t], scale = block->loss_scales[t];
      float *zs = zr + t * c;
      const float *es = scratch + t * c;
      const float s = sums[t];
      const float m = maxima[t];
      const float zy = a * zs[y];
      loss[t] += (double)scale * ((double)logf(s) + (double)m - (double)zy);
      const float inv = 1 / s;
      if (block->learnable[t]) {
        double g = 0;
        for (ptrdiff_t k = 0; k < c; k++) g += (double)((es[k] * inv - (k == y ? 1.0f : 0.0f)) * zs[k]);
        alpha_grad[t] += g * (double)inv_b;
      }
      const float factor = scale * a * inv_b;
      for (ptrdiff_t k = 0; k < c; k++) zs[k] = factor * es[k] * inv;
      zs[y] -= factor;
    }
  }
}
