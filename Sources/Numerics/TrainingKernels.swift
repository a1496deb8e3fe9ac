import CKernels

/// The training step's single-precision loops (CKernels, compiled per instruction set, the same
/// bits on every CPU), reached through Numerics so that no other target imports C. Blocks of
/// values are `Panel`s (a shape and a row stride, checked against their buffer); vectors are
/// buffers whose counts are checked against the shape. Formulas: CKernels.h, which each function
/// names.
public enum TrainingKernels {
  /// The slots of one block of a batched cosine classifier: consecutive slots of `classes`
  /// columns, their α, what each slot's loss is multiplied by (1/α or 1), which α are learned.
  public struct SlotBlock {
    public let alphas: UnsafeBufferPointer<Float>
    public let lossScales: UnsafeBufferPointer<Float>
    public let learnable: UnsafeBufferPointer<UInt8>
    public let classes: Int
    /// 1/b for a batch of b rows.
    public let inverseBatch: Float
    public var slots: Int { alphas.count }

    /// - Precondition: one α, loss scale and flag per slot; classes ≥ 1.
    public init(alphas: UnsafeBufferPointer<Float>, lossScales: UnsafeBufferPointer<Float>, learnable: UnsafeBufferPointer<UInt8>,
                classes: Int, inverseBatch: Float) {
      precondition(lossScales.count == alphas.count && learnable.count == alphas.count && classes >= 1,
                   "slot block: \(alphas.count) α, \(lossScales.count) loss scales, \(learnable.count) flags, \(classes) classes")
      self.alphas = alphas; self.lossScales = lossScales; self.learnable = learnable
      self.classes = classes; self.inverseBatch = inverseBatch
    }
  }

  /// Softmax cross-entropy of the rows of logits `z` (the block's slots·classes columns) in
  /// place: z becomes ∂L/∂z; losses and ∂L/∂α (learned slots) are added per slot
  /// (`tempctl_softmax_rows`). `scratch` holds slots·classes floats.
  /// - Complexity: O(rows·slots·classes).
  public static func softmaxRows(_ block: SlotBlock, z: MutablePanel<Float>, labels: UnsafeBufferPointer<Int32>,
                                 scratch: UnsafeMutableBufferPointer<Float>, loss: UnsafeMutableBufferPointer<Double>,
                                 alphaGradient: UnsafeMutableBufferPointer<Double>) {
    let n = block.slots * block.classes
    precondition(z.cols == n && labels.count >= z.rows && scratch.count >= n && loss.count >= block.slots
                 && alphaGradient.count >= block.slots, "softmaxRows: shapes disagree")
    guard z.rows > 0, n > 0 else { return }
    var c = tempctl_slot_block(alphas: block.alphas.baseAddress, loss_scales: block.lossScales.baseAddress,
                               learnable: block.learnable.baseAddress, slots: Int32(block.slots), classes: Int32(block.classes),
                               inv_batch: block.inverseBatch)
    tempctl_softmax_rows(&c, z.start, z.stride, z.rows, labels.baseAddress, scratch.baseAddress, loss.baseAddress,
                         alphaGradient.baseAddress)
  }

  /// The converged protocol's loss and gradient for the rows of cosines `z` (one slot of
  /// `classes` columns per α) in place, accurate when the softmax saturates; the loss divided by
  /// α is added per slot (`tempctl_converged_rows`).
  /// - Complexity: O(rows·slots·classes).
  public static func convergedRows(alphas: UnsafeBufferPointer<Float>, classes: Int, inverseRows: Float, z: MutablePanel<Float>,
                                   labels: UnsafeBufferPointer<Int32>, loss: UnsafeMutableBufferPointer<Double>) {
    precondition(classes >= 1 && z.cols == alphas.count * classes && labels.count >= z.rows && loss.count >= alphas.count,
                 "convergedRows: shapes disagree")
    guard z.rows > 0, !alphas.isEmpty else { return }
    tempctl_converged_rows(alphas.baseAddress, Int32(alphas.count), Int32(classes), inverseRows, z.start, z.stride, z.rows,
                           labels.baseAddress, loss.baseAddress)
  }

  /// The columns of `w`: their norms into `norms` and the unit columns into `unit` (same shape;
  /// a zero column stays zero) (`tempctl_normalise_columns`).
  /// - Complexity: O(rows·columns).
  public static func normaliseColumns(_ w: Panel<Float>, norms: UnsafeMutableBufferPointer<Float>, unit: MutablePanel<Float>) {
    precondition(unit.rows == w.rows && unit.cols == w.cols && unit.stride == w.stride && norms.count >= w.cols,
                 "normaliseColumns: shapes disagree")
    guard w.cols > 0 else { return }
    tempctl_normalise_columns(w.start, w.stride, w.rows, w.cols, norms.baseAddress, unit.start)
  }

  /// dots[k] = Σ_i a[i, k]·b[i, k] over the rows of two panels of one shape (`tempctl_column_dots`).
  /// - Complexity: O(rows·columns).
  public static func columnDots(_ a: Panel<Float>, _ b: Panel<Float>, into dots: UnsafeMutableBufferPointer<Float>) {
    precondition(a.rows == b.rows && a.cols == b.cols && a.stride == b.stride && dots.count >= a.cols, "columnDots: shapes disagree")
    guard a.cols > 0 else { return }
    tempctl_column_dots(a.start, b.start, a.stride, a.rows, a.cols, dots.baseAddress)
  }

  /// One row of the gradient through the normalisation: g[k] ← (g[k] − ŵ[k]·dots[k]) / ‖w_k‖,
  /// 0 for a zero column (`tempctl_project_row`); all four of one length.
  /// - Complexity: O(columns).
  public static func projectRow(unit: UnsafeBufferPointer<Float>, gradient: UnsafeMutableBufferPointer<Float>,
                                dots: UnsafeBufferPointer<Float>, norms: UnsafeBufferPointer<Float>) {
    precondition(gradient.count == unit.count && dots.count == unit.count && norms.count == unit.count, "projectRow: lengths disagree")
    guard !unit.isEmpty else { return }
    tempctl_project_row(unit.baseAddress, gradient.baseAddress, dots.baseAddress, norms.baseAddress, unit.count)
  }

  /// SGD with momentum, PyTorch's rule: v = μ·m + g; m ← v; p ← p − lr·v (`tempctl_sgd_momentum`).
  /// - Complexity: O(n).
  public static func sgdMomentum(_ p: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                                 momentumBuffer m: UnsafeMutableBufferPointer<Float>, momentum: Float, learningRate lr: Float) {
    precondition(g.count == p.count && m.count == p.count, "sgdMomentum: lengths disagree")
    guard !p.isEmpty else { return }
    tempctl_sgd_momentum(p.baseAddress, g.baseAddress, m.baseAddress, p.count, momentum, lr)
  }

  /// Adam, PyTorch's rule (`tempctl_adam`): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
  /// p ← p − stepSize·m / (√v / bias2Root + ε).
  /// - Complexity: O(n).
  public static func adam(_ p: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
                          first m: UnsafeMutableBufferPointer<Float>, second v: UnsafeMutableBufferPointer<Float>,
                          beta1: Float, beta2: Float, epsilon: Float, stepSize: Float, bias2Root: Float) {
    precondition(g.count == p.count && m.count == p.count && v.count == p.count, "adam: lengths disagree")
    guard !p.isEmpty else { return }
    tempctl_adam(p.baseAddress, g.baseAddress, m.baseAddress, v.baseAddress, p.count, beta1, beta2, epsilon, stepSize, bias2Root)
  }

  /// For each row of logits `z` (`slots` slots of `classes` columns) and each slot: hits[t] += 1
  /// when the first index of the row's largest value in the slot is the row's label
  /// (torch.argmax) (`tempctl_argmax_hits`).
  /// - Complexity: O(rows·slots·classes).
  public static func argmaxHits(_ z: Panel<Float>, slots: Int, classes: Int, labels: UnsafeBufferPointer<Int32>,
                                hits: inout [Int64]) {
    precondition(classes >= 1 && z.cols == slots * classes && labels.count >= z.rows && hits.count >= slots,
                 "argmaxHits: shapes disagree")
    guard z.rows > 0, slots > 0 else { return }
    tempctl_argmax_hits(z.start, z.stride, z.rows, slots, classes, labels.baseAddress, &hits)
  }

  /// Σ a[i]·b[i] in Float64, eight partial sums added in order, then the tail (`tempctl_dot_wide`).
  /// - Complexity: O(n).
  public static func wideDot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Double {
    precondition(a.count == b.count, "wideDot: \(a.count) and \(b.count) values")
    guard !a.isEmpty else { return 0 }
    return tempctl_dot_wide(a.baseAddress, b.baseAddress, a.count)
  }

  /// y ← y + a·x in Float32, no contraction (`tempctl_axpy`).
  /// - Complexity: O(n).
  public static func axpy(_ y: UnsafeMutableBufferPointer<Float>, _ a: Float, _ x: UnsafeBufferPointer<Float>) {
    precondition(x.count == y.count, "axpy: \(y.count) and \(x.count) values")
    guard !y.isEmpty else { return }
    tempctl_axpy(y.baseAddress, a, x.baseAddress, y.count)
  }
}
