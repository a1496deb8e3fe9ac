/// The points of a training step that other parts wait for; each part publishes the step number
/// when it has passed one (`ProgressFlags`, one flag per stage and part).
enum StepStage: Int, CaseIterable {
  /// Its share of the batch rows is gathered into X̂_b.
  case rows
  /// Its columns of the forward product Z are written.
  case forward
  /// The softmax of its slots has turned their logits into ∂L/∂Z.
  case softmax

  func flag(_ part: Int, _ parts: Int) -> Int { rawValue * parts + part }
}
