import CKernels

/// The training step's single-precision loops (CKernels, compiled per instruction set, the same
/// bits on every CPU), reached through Numerics so that no other target imports C. They work on
/// row-major blocks addressed like BLAS's: a base pointer, a leading dimension (`ld`, the row
/// stride in elements) and a shape. Formulas: CKernels.h, which each function names.
public enum TrainingKernels {
  /// The slots of one block of a batched cosine classifier: consecutive slots of `classes`
  /// columns, their α, what each slot's loss is multiplied by (1/α or 1), which α are learned.
  public struct SlotBlock {
    public var alphas: UnsafePointer<Float>
    public var lossScales: UnsafePointer<Float>
    public var learnable: UnsafePointer<UInt8>
    public var slots: Int
    public var classes: Int
    /// 1/b for a batch of b rows.
    public var inverseBatch: Float

    public init(alphas: UnsafePointer<Float>, lossScales: UnsafePointer<Float>, learnable: UnsafePointer<UInt8>, slots: Int,
                classes: Int, inverseBatch: Float) {
      self.alphas = alphas; self.lossScales = lossScales; self.learnable = learnable
      self.slots = slots; self.classes = classes; self.inverseBatch = inverseBatch
    }
  }

  /// Softmax cross-entropy of `rows` rows of logits `z` (stride `ldz`, the block's
  /// slots·classes columns) in place: z becomes ∂L/∂z; losses and ∂L/∂α (learned slots) are
  /// added per slot (`tempctl_softmax_rows`). `scratch` holds slots·classes floats.
  /// - Complexity: O(rows·slots·classes).
  public static func softmaxRows(_ block: SlotBlock, z: UnsafeMutablePointer<Float>, ldz: Int, rows: Int, labels: UnsafePointer<Int32>,
                                 scratch: UnsafeMutablePointer<Float>, loss: UnsafeMutablePointer<Double>,
                                 alphaGradient: UnsafeMutablePointer<Double>) {
    precondition(block.slots >= 0 && block.classes >= 1 && ldz >= block.slots * block.classes && rows >= 0)
    var c = tempctl_slot_block(alphas: block.alphas, loss_scales: block.lossScales, learnable: block.learnable,
                               slots: Int32(block.slots), classes: Int32(block.classes), inv_batch: block.inverseBatch)
    tempctl_softmax_rows(&c, z, ldz, rows, labels, scratch, loss, alphaGradient)
  }

  /// The converged protocol's loss and gradient for `rows` rows of cosines `z` (stride `ldz`,
  /// `slots` slots of `classes` columns) in place, accurate when the softmax saturates; the loss
  /// divided by α is added per slot (`tempctl_converged_rows`).
  /// - Complexity: O(rows·slots·classes).
  public static func convergedRows(alphas: UnsafePointer<Float>, slots: Int, classes: Int, inverseRows: Float,
                                   z: UnsafeMutablePointer<Float>, ldz: Int, rows: Int, labels: UnsafePointer<Int32>,
                                   loss: UnsafeMutablePointer<Double>) {
    precondition(slots >= 0 && classes >= 1 && ldz >= slots * classes && rows >= 0)
    tempctl_converged_rows(alphas, Int32(slots), Int32(classes), inverseRows, z, ldz, rows, labels, loss)
  }

  /// Columns `0..<columns` of the d × ld block at `w`: their norms into `norms` and the unit
  /// columns into `unit` (a zero column stays zero) (`tempctl_normalise_columns`).
  /// - Complexity: O(rows·columns).
  public static func normaliseColumns(_ w: UnsafePointer<Float>, ld: Int, rows: Int, columns: Int,
                                      norms: UnsafeMutablePointer<Float>, unit: UnsafeMutablePointer<Float>) {
    precondition(columns >= 0 && columns <= ld && rows >= 0)
    tempctl_normalise_columns(w, ld, rows, columns, norms, unit)
  }

  /// dots[k] = Σ_i a[i, k]·b[i, k] over `rows` rows, `columns` columns (`tempctl_column_dots`).
  /// - Complexity: O(rows·columns).
  public static func columnDots(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, ld: Int, rows: Int, columns: Int,
                                into dots: UnsafeMutablePointer<Float>) {
    precondition(columns >= 0 && columns <= ld && rows >= 0)
    tempctl_column_dots(a, b, ld, rows, columns, dots)
  }

  /// One row of the gradient through the normalisation: g[k] ← (g[k] − ŵ[k]·dots[k]) / ‖w_k‖,
  /// 0 for a zero column (`tempctl_project_row`).
  /// - Complexity: O(columns).
  public static func projectRow(unit: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, dots: UnsafePointer<Float>,
                                norms: UnsafePointer<Float>, columns: Int) {
    tempctl_project_row(unit, gradient, dots, norms, columns)
  }

  /// SGD with momentum, PyTorch's rule: v = μ·m + g; m ← v; p ← p − lr·v (`tempctl_sgd_momentum`).
  /// - Complexity: O(n).
  public static func sgdMomentum(_ p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>, momentumBuffer m: UnsafeMutablePointer<Float>,
                                 count n: Int, momentum: Float, learningRate lr: Float) {
    tempctl_sgd_momentum(p, g, m, n, momentum, lr)
  }

  /// Adam, PyTorch's rule (`tempctl_adam`): m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
  /// p ← p − stepSize·m / (√v / bias2Root + ε).
  /// - Complexity: O(n).
  public static func adam(_ p: UnsafeMutablePointer<Float>, gradient g: UnsafePointer<Float>, first m: UnsafeMutablePointer<Float>,
                          second v: UnsafeMutablePointer<Float>, count n: Int, beta1: Float, beta2: Float, epsilon: Float,
                          stepSize: Float, bias2Root: Float) {
    tempctl_adam(p, g, m, v, n, beta1, beta2, epsilon, stepSize, bias2Root)
  }

  /// For each of `rows` rows of logits `z` (stride `ldz`) and each slot: hits[t] += 1 when the
  /// first index of the row's largest value in the slot is the row's label (torch.argmax)
  /// (`tempctl_argmax_hits`).
  /// - Complexity: O(rows·slots·classes).
  public static func argmaxHits(_ z: UnsafePointer<Float>, ldz: Int, rows: Int, slots: Int, classes: Int,
                                labels: UnsafePointer<Int32>, hits: UnsafeMutablePointer<Int64>) {
    precondition(ldz >= slots * classes && rows >= 0)
    tempctl_argmax_hits(z, ldz, rows, slots, classes, labels, hits)
  }

  /// Σ a[i]·b[i] in Float64, eight partial sums added in order, then the tail (`tempctl_dot_wide`).
  /// - Complexity: O(n).
  public static func wideDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count n: Int) -> Double {
    tempctl_dot_wide(a, b, n)
  }

  /// y ← y + a·x in Float32, no contraction (`tempctl_axpy`).
  /// - Complexity: O(n).
  public static func axpy(_ y: UnsafeMutablePointer<Float>, _ a: Float, _ x: UnsafePointer<Float>, count n: Int) {
    tempctl_axpy(y, a, x, n)
  }
}
