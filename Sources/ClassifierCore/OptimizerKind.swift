/// The optimiser of a sweep (PyTorch semantics).
public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
  /// SGD with heavy-ball momentum: v ← μ·v + g, w ← w − lr·v (no dampening, no Nesterov).
  case sgd
  /// Adam: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − (lr/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε).
  case adam

  /// SPEC §4 defaults: lr 0.1 for SGD, 1e-3 for Adam.
  public var defaultLearningRate: Double { self == .sgd ? 0.1 : 1e-3 }
}
