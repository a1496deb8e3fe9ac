#ifndef TEMPCTL_CKERNELS_H
#define TEMPCTL_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

// Single-precision inner loops of the training step, in C so that each one is compiled for
// AVX-512, AVX2 and baseline x86-64 and picked at load time for the CPU at hand (target_clones).
// Every clone performs the same operations in the same order, with no FMA contraction: the
// results are the same bits on every CPU.

/// exp(x) in place: x = k·ln2 + r, |r| ≤ ln2/2, k = round(x/ln2), e^r by a degree-6 Taylor
/// polynomial, 2^k by exponent bits. Relative error ≤ 2e-7 for x in [−87, 88]; below −87.3 the
/// argument is clamped (result ≈ 1.2e-38), above 88 it saturates.
void tempctl_exp_inplace(float *x, ptrdiff_t n);

/// The largest of n ≥ 1 values (exact for finite inputs).
float tempctl_max(const float *x, ptrdiff_t n);

/// Σ x[i] with sixteen partial sums (lane j adds elements j, j+16, …), the lanes added in
/// order 0…15, then the tail in order.
float tempctl_sum(const float *x, ptrdiff_t n);

/// The slots of one block of a batched cosine classifier (consecutive slots, C classes each).
typedef struct {
  const float *alphas;       ///< α of each slot
  const float *loss_scales;  ///< what each slot's loss is multiplied by: 1/α (rescaled) or 1
  const uint8_t *learnable;  ///< 1 where α is trained (∂L/∂α is accumulated)
  int32_t slots;
  int32_t classes;
  float inv_batch;           ///< 1/b
} tempctl_slot_block;

/// Softmax cross-entropy of `rows` rows of logits z (row stride ldz, the block's slots·classes
/// columns), in place: on return z holds ∂L/∂z. For row r, slot t, with cosines z_k:
///   m = α_t·max_k z_k,  e_k = exp(α_t·z_k − m),  s = Σ_k e_k (tempctl_sum),
///   loss[t] += scale_t·(log s + m − α_t·z_y)            (Float64)
///   alpha_grad[t] += Σ_k (e_k/s − [k = y])·z_k / b        (Float64, learnable slots)
///   z_k ← (scale_t·α_t/b)·e_k·(1/s) − [k = y]·scale_t·α_t/b
/// `scratch` holds slots·classes floats.
void tempctl_softmax_rows(const tempctl_slot_block *block, float *z, ptrdiff_t ldz, ptrdiff_t rows,
                          const int32_t *labels, float *scratch, double *loss, double *alpha_grad);

// The rest of a training step on a block of `cols` columns of row-major matrices with row
// stride `ld` (`rows` = d rows). Element-wise IEEE operations in the order written, sums over
// rows in row order: the same bits as the scalar formulas.

/// norms[k] = √(Σ_i w[i,k]²) (Float32, rows in order); wn[i,k] = w[i,k] / (norms[k] > 0 ? norms[k] : 1).
void tempctl_normalise_columns(const float *w, ptrdiff_t ld, ptrdiff_t rows, ptrdiff_t cols, float *norms, float *wn);
/// dots[k] = Σ_i a[i,k]·b[i,k] (Float32, rows in order).
void tempctl_column_dots(const float *a, const float *b, ptrdiff_t ld, ptrdiff_t rows, ptrdiff_t cols, float *dots);
/// The gradient through the normalisation, one row: g[k] ← (g[k] − ŵ[k]·dots[k]) / ‖w_k‖, and 0
/// for a zero column (norms[k] = 0).
void tempctl_project_row(const float *wn, float *g, const float *dots, const float *norms, ptrdiff_t cols);
/// SGD with momentum (PyTorch's rule, dampening 0): v = μ·m + g; m ← v; p ← p − lr·v.
void tempctl_sgd_momentum(float *p, const float *g, float *m, ptrdiff_t n, float momentum, float lr);
/// Adam (PyTorch's rule): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g·g;
/// p ← p − step_size·m / (√v / bias2_root + ε), step_size = lr/(1−β₁ᵗ), bias2_root = √(1−β₂ᵗ).
void tempctl_adam(float *p, const float *g, float *m, float *v, ptrdiff_t n, float beta1, float beta2, float eps,
                  float step_size, float bias2_root);
/// For each row r and slot t of logits z (slots·classes columns, stride ldz): hits[t] += 1 when
/// the first index of the row's largest value in the slot equals labels[r] (torch.argmax).
void tempctl_argmax_hits(const float *z, ptrdiff_t ldz, ptrdiff_t rows, ptrdiff_t slots, ptrdiff_t classes,
                         const int32_t *labels, int64_t *hits);

/// Advances a zlib CRC-32 (`crc`, as zlib's `crc32` returns it) over the first bytes of `buf` by
/// carry-less multiplication (x86-64 with PCLMULQDQ and SSE4.1) and returns how many bytes it
/// consumed: a multiple of 16, or 0 when `len` < 64 or the CPU lacks the instructions. The caller
/// finishes the rest with zlib.
size_t tempctl_crc32_fold(uint32_t *crc, const unsigned char *buf, size_t len);

/// The number of CPUs this process may run on (its affinity mask: taskset, Slurm and container
/// cpusets), or 0 where that is unknown.
int tempctl_available_cpus(void);
/// The x86-64 vector level the CPU supports: 4 (AVX-512 F/BW/VL/DQ), 3 (AVX2 + FMA), else 0.
int tempctl_vector_level(void);

/// Progress flags shared between threads: monotonically increasing counters.
/// Stores `value` with release ordering (everything written before is visible to a reader that
/// sees it).
void tempctl_publish(int64_t *flag, int64_t value);
/// Waits until the flag is at least `value` (acquire): spins briefly, then yields the core.
void tempctl_await(const int64_t *flag, int64_t value);


/// The converged protocol's loss and gradient for `rows` rows of cosines z (row stride ldz;
/// `slots` slots of `classes` columns each), in place, accurate when the softmax saturates.
/// Row r, slot t, a = alphas[t], u_k = a·z_k, j = argmax_k u_k (the first), m = u_j:
///   s = Σ_{k≠j} e_k, e_k = exp(u_k − m), taken as 0 below 1.6e-28 ≈ e^-64 (no subnormal
///   products in the backward GEMM)                     (the winner's term kept out: no 1 + tiny)
///   loss[t] += (log1p(s) + m − u_y) / a                (Float64: cross-entropy divided by α)
///   z_k ← (p_k − [k = y])·inv_n, p_k = exp(u_k − m)/(1 + s) for k ≠ j, p_j = 1/(1 + s),
///   and p_j − 1 = −s/(1 + s) when j = y (no cancellation).
void tempctl_converged_rows(const float *alphas, int32_t slots, int32_t classes, float inv_n, float *z,
                            ptrdiff_t ldz, ptrdiff_t rows, const int32_t *labels, double *loss);

/// Σ a[i]·b[i] in Float64, eight partial sums (lane j adds elements j, j+8, …) added in order,
/// then the tail in order.
double tempctl_dot_wide(const float *a, const float *b, ptrdiff_t n);
/// y[i] ← y[i] + a·x[i] (Float32, no contraction).
void tempctl_axpy(float *y, float a, const float *x, ptrdiff_t n);

#endif
