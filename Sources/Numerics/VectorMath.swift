import CKernels

/// Vectorised single-precision loops for the training step. They run in C (CKernels), compiled
/// for AVX-512, AVX2 and baseline x86-64 and picked at load time; every version does the same
/// operations in the same order, so the results are the same bits on every CPU.
public enum VectorMath {
  /// exp(x) in place, for every element: x = k·ln2 + r, |r| ≤ ln2/2, k = round(x/ln2), e^r by a
  /// degree-6 Taylor polynomial, 2^k by exponent bits. Relative error ≤ 2e-7 (about one float
  /// ulp) for x in [−87, 88]; below −87.3 the argument is clamped, above 88 it saturates at
  /// 2^127·e^r. Deterministic: the same bits on every run and CPU.
  /// - Complexity: O(n).
  public static func expInPlace(_ values: UnsafeMutableBufferPointer<Float>) {
    guard let p = values.baseAddress else { return }
    tempctl_exp_inplace(p, values.count)
  }

  /// The largest of n ≥ 1 values (exact for finite inputs), sixteen lanes at a time.
  /// - Complexity: O(n).
  public static func maximum(_ values: UnsafeBufferPointer<Float>) -> Float {
    precondition(values.count >= 1, "the maximum of no values")
    return tempctl_max(values.baseAddress, values.count)
  }

  /// Σ values[i] in Float32 with sixteen partial sums (lane j adds elements j, j+16, …), then the
  /// lanes in order, then the tail: a fixed order, so the same bits on every machine, and a
  /// shorter error chain than one running sum (n/16 + 16 additions instead of n).
  /// - Complexity: O(n).
  public static func sum(_ values: UnsafeBufferPointer<Float>) -> Float {
    guard let p = values.baseAddress else { return 0 }
    return tempctl_sum(p, values.count)
  }
}
