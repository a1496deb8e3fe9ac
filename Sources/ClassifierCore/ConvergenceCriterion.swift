/// When a converged-protocol run stops (docs/sweep.md, "The converged probe").
///
/// With f the training loss as minimised (mean cross-entropy divided by α, accumulated in
/// Float64) and R the Riemannian gradient of f on the unit columns ŵ_c (R_c = g_c − ŵ_c(ŵ_cᵀg_c),
/// g = ∂f/∂Ŵ = X̂ᵀ(P − Y)/N, accumulated in Float64 over blocks of rows), an iterate is converged when
///
/// - **gradient:** max|R| ≤ max(`gradientTolerance` · f, `gradientFloor`) — relative to the loss,
///   because on separable data f and its gradient both shrink like e^(−α·margin): an absolute
///   tolerance of the usual size (1e-5) would stop a large-α run after a few steps, far from its
///   minimum; but not below `gradientFloor` (1e-11), a safety net for sets separated with a wide
///   margin, where f falls toward the terms the softmax drops (< e⁻⁶⁴). The gradient is computed to
///   relative precision (the winner's term exactly, the others small and positive), so no floor at
///   the Float32 resolution of a unit term is needed: measured on the benchmark set (docs/sweep.md),
///   the earlier floor 1e-8 stopped α = 250 at 4.3× the minimum's loss and 2.3 points from its
///   accuracy, while 1e-13 instead of 1e-11 moved no accuracy by more than 2 of 2500 rows. The
///   tolerance is 1e-6, not 1e-5: at small α the loss is mostly the constant ≈ ln C of a
///   near-uniform softmax and the surface is flat, so 1e-5·f stopped the benchmark set's α = 1
///   at 25.4 % where the minimum gives 27.2 % (1e-6: 27.2 %, 9 iterations instead of 4); or
/// - **progress:** f fell by at most `lossTolerance` · f over the last `window` iterations —
///   Float32 logits resolve the loss to about 1e-7 relative, so a smaller decrease is not
///   measurable and further steps would only chase rounding.
///
/// A run that reaches `maxIterations` first is reported as not converged (its accuracy is still
/// the last iterate's). A line search that cannot find a decrease even along −∇f stops the run;
/// it counts as converged when max|R| ≤ 10 · `gradientTolerance` · f (the Float32 floor).
public struct ConvergenceCriterion: Sendable, Hashable, Codable {
  public var gradientTolerance: Double = 1e-6
  public var gradientFloor: Double = 1e-11
  public var lossTolerance: Double = 1e-6
  public var window: Int = 10
  public var maxIterations: Int = 3000
  /// L-BFGS correction pairs kept per temperature.
  public var memory: Int = 30

  public init() {}

  /// The gradient rule's bound on max|R| at loss f: max(gradientTolerance · f, gradientFloor).
  func gradientBound(loss f: Double) -> Double { Swift.max(gradientTolerance * f, gradientFloor) }

  var canonicalText: String {
    "gtol=\(gradientTolerance);gfloor=\(gradientFloor);ftol=\(lossTolerance);window=\(window);maxiter=\(maxIterations);memory=\(memory)"
  }
}
