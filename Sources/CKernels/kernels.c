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
  // Each element is one long chain of dependent operations (Horner): interleaving four vectors'
  // chains keeps the floating-point units busy (element-wise, so the same bits).
#pragma clang loop interleave_count(4)
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

// ---- The rest of a training step, column-block by column-block (row-major d × ld matrices) ----

TEMPCTL_CLONES void tempctl_normalise_columns(const float *w, ptrdiff_t ld, ptrdiff_t rows, ptrdiff_t cols,
                                              float *norms, float *wn) {
  for (ptrdiff_t k = 0; k < cols; k++) norms[k] = 0;
  for (ptrdiff_t i = 0; i < rows; i++) {
    const float *wr = w + i * ld;
    for (ptrdiff_t k = 0; k < cols; k++) norms[k] += wr[k] * wr[k];
  }
  for (ptrdiff_t k = 0; k < cols; k++) norms[k] = sqrtf(norms[k]);
  for (ptrdiff_t i = 0; i < rows; i++) {
    const float *wr = w + i * ld;
    float *out = wn + i * ld;
    for (ptrdiff_t k = 0; k < cols; k++) out[k] = wr[k] / (norms[k] > 0 ? norms[k] : 1.0f);
  }
}

TEMPCTL_CLONES void tempctl_column_dots(const float *a, const float *b, ptrdiff_t ld, ptrdiff_t rows, ptrdiff_t cols,
                                        float *dots) {
  for (ptrdiff_t k = 0; k < cols; k++) dots[k] = 0;
  for (ptrdiff_t i = 0; i < rows; i++) {
    const float *ar = a + i * ld, *br = b + i * ld;
    for (ptrdiff_t k = 0; k < cols; k++) dots[k] += ar[k] * br[k];
  }
}

TEMPCTL_CLONES void tempctl_project_row(const float *wn, float *g, const float *dots, const float *norms, ptrdiff_t cols) {
  for (ptrdiff_t k = 0; k < cols; k++) {
    const float live = norms[k] > 0 ? 1.0f : 0.0f;
    g[k] = live * ((g[k] - wn[k] * dots[k]) / (norms[k] > 0 ? norms[k] : 1.0f));
  }
}

TEMPCTL_CLONES void tempctl_sgd_momentum(float *p, const float *g, float *m, ptrdiff_t n, float momentum, float lr) {
  for (ptrdiff_t i = 0; i < n; i++) {
    const float v = momentum * m[i] + g[i];
    m[i] = v;
    p[i] -= lr * v;
  }
}

TEMPCTL_CLONES void tempctl_adam(float *p, const float *g, float *m, float *v, ptrdiff_t n, float beta1, float beta2,
                                 float eps, float step_size, float bias2_root) {
  const float c1 = 1 - beta1, c2 = 1 - beta2;
  for (ptrdiff_t i = 0; i < n; i++) {
    const float gi = g[i];
    m[i] = beta1 * m[i] + c1 * gi;
    v[i] = beta2 * v[i] + c2 * gi * gi;
    p[i] -= step_size * m[i] / (sqrtf(v[i]) / bias2_root + eps);
  }
}

TEMPCTL_CLONES void tempctl_argmax_hits(const float *z, ptrdiff_t ldz, ptrdiff_t rows, ptrdiff_t slots, ptrdiff_t classes,
                                        const int32_t *labels, int64_t *hits) {
  for (ptrdiff_t r = 0; r < rows; r++) {
    const float *zr = z + r * ldz;
    for (ptrdiff_t t = 0; t < slots; t++) {
      const float *zs = zr + t * classes;
      const float m = max_block(zs, classes);
      ptrdiff_t best = 0;
      while (best < classes && !(zs[best] == m)) best++;
      if (best == classes) best = 0;   // no finite maximum (NaN logits): class 0, like a scan with >
      hits[t] += best == labels[r];
    }
  }
}

TEMPCTL_CLONES void tempctl_converged_rows(const float *alphas, int32_t slots, int32_t classes, float inv_n, float *z,
                                           ptrdiff_t ldz, ptrdiff_t rows, const int32_t *labels, double *loss) {
  const ptrdiff_t c = classes;
  for (ptrdiff_t r = 0; r < rows; r++) {
    float *row = z + r * ldz;
    const int32_t y = labels[r];
    for (int32_t t = 0; t < slots; t++) {
      float *u = row + t * c;
      const float a = alphas[t];
      ptrdiff_t j = 0;
      float best = u[0];
      for (ptrdiff_t k = 1; k < c; k++) if (u[k] > best) { best = u[k]; j = k; }
      const float m = a * best, uy = a * u[y];
      for (ptrdiff_t k = 0; k < c; k++) u[k] = a * u[k] - m;
      exp_block(u, c);
      // Terms below e^-64 are dropped: scaled by 1/N they would be subnormal, which slows the
      // backward GEMM many times over, and they are below Float32's resolution of any sum they enter.
      for (ptrdiff_t k = 0; k < c; k++) u[k] = u[k] < 1.6e-28f ? 0.0f : u[k];
      u[j] = 0;                               // e_j = 1 is kept out of the sum: s = Σ_{k≠j} e_k
      const float s = sum_block(u, c);
      loss[t] += (log1p((double)s) + ((double)m - (double)uy)) / (double)a;
      const float inv = inv_n / (1.0f + s);
      for (ptrdiff_t k = 0; k < c; k++) u[k] = u[k] * inv;
      // p_j = 1/(1+s); p_j − 1 = −s/(1+s) without cancellation when j is the label.
      u[j] = (j == y) ? -(s * inv) : inv;
      if (j != y) u[y] -= inv_n;
    }
  }
}

TEMPCTL_CLONES double tempctl_dot_wide(const float *a, const float *b, ptrdiff_t n) {
  double acc[8] = {0};
  ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int j = 0; j < 8; j++) acc[j] += (double)a[i + j] * (double)b[i + j];
  double total = 0;
  for (int j = 0; j < 8; j++) total += acc[j];
  for (; i < n; i++) total += (double)a[i] * (double)b[i];
  return total;
}

TEMPCTL_CLONES void tempctl_axpy(float *y, float a, const float *x, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) y[i] = y[i] + a * x[i];
}
