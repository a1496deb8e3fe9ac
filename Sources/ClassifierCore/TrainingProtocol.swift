/// How a probe is trained at each temperature (SPEC §4).
public enum TrainingProtocol: String, Sendable, Codable, CaseIterable {
  /// The default: W*(α) is the minimiser of the whole training split's loss, reached to the
  /// `ConvergenceCriterion`; accuracy(α) is the validation accuracy of W*(α). A property of the
  /// data, not of a seed, an optimiser or a budget.
  case converged
  /// The paper's: minibatch SGD or Adam for a number of epochs; a run's result is the best
  /// validation accuracy over epochs.
  case paper
}
