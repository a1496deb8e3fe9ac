/// A piece of shared work that statistics may need. The host computes the union of the enabled
/// statistics' requirements once per embedding set; nothing that no statistic asked for is computed.
public enum ContextRequirement: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  /// Raw training rows and labels (`StatisticContext.trainSamples()`).
  case trainSamples = "train_samples"
  /// Scalar moments of every value: mean and ddof-0 variance over all samples and over the
  /// training split. One pass each. O(N·d).
  case globalMoments = "global_moments"
  /// Per-column mean and biased central moments m2, m4 over the training split. O(N_t·d).
  case columnMoments = "column_moments"
  /// Class sizes, class means, the training mean and within-class sums of squares. O(N_t·d).
  case classMeans = "class_means"
  /// Eigenvalues of the d × d covariance (ddof 1), descending. O(N_t·d² + d³).
  case covarianceEigenvalues = "covariance_eigenvalues"
  /// The d × d Pearson correlation matrix; a constant column correlates 0 with every other. O(N_t·d²).
  case correlationMatrix = "correlation_matrix"
  /// The uncentred column Gram matrix XᵀX of the training split. O(N_t·d²).
  case gramMatrix = "gram_matrix"

  public var description: String { rawValue }
}
