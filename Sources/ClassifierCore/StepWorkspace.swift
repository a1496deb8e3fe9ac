import Numerics

/// The memory and the stages of a `BatchedCosineClassifier`'s training step, allocated once per
/// classifier (one unit) and reused by every step and every validation pass.
///
/// A step is split into parts (`PartLayout`: equal shares of the T·C columns of W), run side by
/// side by a `WorkerTeam` with OpenBLAS single-threaded inside each part. Part p runs every stage
/// on its columns, in order:
///
/// 1. `gatherRows`: its share of the batch rows into X̂_b (b × d);
/// 2. `normaliseColumns`: Ŵ = W with unit columns, keeping ‖w‖;
/// 3. `forward`: Z[:, cols] = X̂_b·Ŵ[:, cols] (after every part's rows are gathered);
/// 4. `softmax`: per row and slot, m = α·max z, e = exp(α·z − m), the loss, ∂L/∂α of a learned
///    slot, and G = scale·α/b·(p − y) written over Z;
/// 5. `backward`: ∂L/∂Ŵ[:, cols] = X̂_bᵀ·G[:, cols];
/// 6. `projectAndUpdate`: ∂L/∂w = (g − ŵ(ŵ·g))/‖w‖, then the optimiser, row segment by row segment.
///
/// The only waits (`StepStage`): for the other parts' batch rows, and around a slot cut by a part
/// boundary (its softmax waits for the forward products of its other columns; their backward
/// products wait for its softmax). A slot's numbers never depend on the split: every column of a
/// GEMM is the same dot product wherever it falls, and every sum over a slot is formed by one part.
final class StepWorkspace: @unchecked Sendable {
  let dimension: Int, classes: Int, slots: Int
  let layout: PartLayout
  var parts: Int { layout.parts }
  /// T·C, the columns of W and the stride of every d × (T·C) or b × (T·C) buffer.
  var columns: Int { layout.columnCount }

  /// W (d × T·C, row-major), Ŵ, the column norms ‖w‖, and ∂L/∂Ŵ (turned into ∂L/∂W in place).
  let weights: ScratchBuffer<Float>
  let unitWeights: ScratchBuffer<Float>
  let norms: ScratchBuffer<Float>
  let gradient: ScratchBuffer<Float>
  /// X̂_b, Z (then G), the batch's row indices and labels: sized for the largest batch so far.
  let batchValues: ScratchBuffer<Float>
  let logits: ScratchBuffer<Float>
  let batchIndices: ScratchBuffer<Int>
  let batchLabels: ScratchBuffer<Int32>
  /// Per slot: α, the factor on its loss (1/α when rescaled), whether α is learned; the step's
  /// summed loss and ∂L/∂α.
  let alphas: ScratchBuffer<Float>
  let lossScales: ScratchBuffer<Float>
  let learnable: ScratchBuffer<UInt8>
  let losses: ScratchBuffer<Double>
  let alphaGradient: ScratchBuffer<Double>
  /// Per part: the softmax's exponentials for its slots, and the column dots ŵ·g of its columns.
  let softmaxScratch: ScratchBuffer<Float>
  let softmaxRegion: Int
  let columnDots: ScratchBuffer<Float>
  /// Validation logits, one region per part (`correctCounts`), sized on first use.
  let validationLogits: ScratchBuffer<Float>

  let team: WorkerTeam
  /// Per part and stage: the last step whose stage that part has finished.
  let stage: ProgressFlags

  /// One step's batch: the b rows of X̂ (n × d, normalised) it trains on.
  struct Batch {
    let x: Panel<Float>
    let count: Int
    let inverseCount: Float
    /// The step number (what the stage flags publish).
    let step: Int64
    /// Every slot still holds the same weights (the first step): the forward product of one slot
    /// serves them all.
    let slotsEqual: Bool
  }

  init(dimension d: Int, classes c: Int, slots: Int, parts: Int) {
    dimension = d; classes = c; self.slots = slots
    layout = PartLayout(parts: parts, slots: slots, classes: c)
    let tc = slots * c
    weights = ScratchBuffer(count: d * tc)
    unitWeights = ScratchBuffer(count: d * tc)
    norms = ScratchBuffer(count: tc)
    gradient = ScratchBuffer(count: d * tc)
    batchValues = ScratchBuffer(count: 0)
    logits = ScratchBuffer(count: 0)
    batchIndices = ScratchBuffer(count: 0)
    batchLabels = ScratchBuffer(count: 0)
    alphas = ScratchBuffer(count: slots)
    lossScales = ScratchBuffer(count: slots)
    learnable = ScratchBuffer(count: slots)
    losses = ScratchBuffer(count: slots)
    alphaGradient = ScratchBuffer(count: slots)
    let layout = self.layout
    softmaxRegion = ((0..<parts).map { layout.softmaxSlots($0).count }.max() ?? 0) * c
    softmaxScratch = ScratchBuffer(count: parts * softmaxRegion)
    columnDots = ScratchBuffer(count: tc)
    validationLogits = ScratchBuffer(count: 0)
    team = WorkerTeam(size: parts)
    stage = ProgressFlags(count: StepStage.allCases.count * parts)
  }

  /// Makes the batch buffers hold `b` rows and gathers their labels; zeroes the per-slot sums.
  func prepare(rows: ArraySlice<Int>, labels: UnsafeBufferPointer<Int32>) {
    let b = rows.count
    batchValues.reserve(b * dimension)
    logits.reserve(b * columns)
    batchIndices.reserve(b)
    batchLabels.reserve(b)
    for (r, i) in rows.enumerated() {
      batchIndices.base[r] = i
      batchLabels.base[r] = labels[i]
    }
    for t in 0..<slots { losses.base[t] = 0; alphaGradient.base[t] = 0 }
  }

  /// Runs the six stages of one step on every part, side by side.
  func run(_ batch: Batch, optimizer: OptimizerState) {
    team.run { p in
      gatherRows(p, batch)
      stage.publish(StepStage.rows.flag(p, parts), batch.step)
      normaliseColumns(layout.columns(p))
      for q in 0..<parts where q != p { stage.await(StepStage.rows.flag(q, parts), atLeast: batch.step) }
      forward(p, batch)
      stage.publish(StepStage.forward.flag(p, parts), batch.step)
      softmax(p, batch)
      stage.publish(StepStage.softmax.flag(p, parts), batch.step)
      backward(p, batch)
      projectAndUpdate(p, optimizer: optimizer)
    }
  }

  /// W, Ŵ and ∂L/∂Ŵ (d × T·C), X̂_b (b × d) and Z (b × T·C) as shape-checked panels.
  private var w: MutablePanel<Float> { weights.panel(rows: dimension, cols: columns) }
  private var unit: MutablePanel<Float> { unitWeights.panel(rows: dimension, cols: columns) }
  private var g: MutablePanel<Float> { gradient.panel(rows: dimension, cols: columns) }
  private func xb(_ batch: Batch) -> MutablePanel<Float> { batchValues.panel(rows: batch.count, cols: dimension) }
  private func z(_ batch: Batch) -> MutablePanel<Float> { logits.panel(rows: batch.count, cols: columns) }

  /// Stage 1: part p's share of the batch rows, copied into X̂_b.
  func gatherRows(_ p: Int, _ batch: Batch) {
    let b = batch.count, xb = xb(batch)
    for r in (b * p / parts)..<(b * (p + 1) / parts) {
      _ = xb.row(r).update(fromContentsOf: batch.x.row(batchIndices.base[r]))
    }
  }

  /// Stage 2: Ŵ = W with unit columns on `cols`, keeping the norms for the backward pass (a zero
  /// column stays zero). CKernels: vectorised for the CPU at hand, the same bits everywhere.
  func normaliseColumns(_ cols: Range<Int>) {
    TrainingKernels.normaliseColumns(w.readOnly.columns(cols), norms: norms.slice(cols), unit: unit.columns(cols))
  }

  /// Stage 3: Z[:, cols] = X̂_b·Ŵ[:, cols]. On the first step every slot is the same, so one whole
  /// slot's product is computed and copied to the other columns (the same bits).
  func forward(_ p: Int, _ batch: Batch) {
    let cols = layout.columns(p), c = classes
    if batch.slotsEqual, let s = wholeSlot(in: cols) {
      let slot = (s * c)..<((s + 1) * c)
      BLAS.sgemm(xb(batch).readOnly, unit.readOnly.columns(slot), into: z(batch).columns(slot))
      replicate(slot: s, over: cols, rows: batch.count)
    } else {
      BLAS.sgemm(xb(batch).readOnly, unit.readOnly.columns(cols), into: z(batch).columns(cols))
    }
  }

  /// Stage 4: the softmax, loss and ∂L/∂Z in place for the slots whose first column part p owns;
  /// a slot that runs past its columns waits for the parts holding the rest.
  func softmax(_ p: Int, _ batch: Batch) {
    let plan = layout.softmaxPlan(p)
    softmaxRows(slots: plan.inner, part: p, batch)
    if let spanning = plan.spanning {
      for q in spanning.parts { stage.await(StepStage.forward.flag(q, parts), atLeast: batch.step) }
      softmaxRows(slots: spanning.slot..<(spanning.slot + 1), part: p, batch)
    }
  }

  private func softmaxRows(slots range: Range<Int>, part p: Int, _ batch: Batch) {
    guard !range.isEmpty else { return }
    let c = classes, scratch = (p * softmaxRegion)..<((p + 1) * softmaxRegion)
    let block = TrainingKernels.SlotBlock(alphas: UnsafeBufferPointer(alphas.slice(range)), lossScales: UnsafeBufferPointer(lossScales.slice(range)),
                                          learnable: UnsafeBufferPointer(learnable.slice(range)), classes: c,
                                          inverseBatch: batch.inverseCount)
    TrainingKernels.softmaxRows(block, z: z(batch).columns((range.lowerBound * c)..<(range.upperBound * c)),
                                labels: UnsafeBufferPointer(batchLabels.slice(0..<batch.count)), scratch: softmaxScratch.slice(scratch),
                                loss: losses.slice(range), alphaGradient: alphaGradient.slice(range))
  }

  /// Stage 5: ∂L/∂Ŵ[:, cols] = X̂_bᵀ·G[:, cols], the columns whose G is ready first; the leading
  /// columns of a slot an earlier part's softmax owns wait for it.
  func backward(_ p: Int, _ batch: Batch) {
    let plan = layout.backwardPlan(p)
    backwardProduct(plan.free, batch)
    if let waiting = plan.waiting {
      stage.await(StepStage.softmax.flag(waiting.owner, parts), atLeast: batch.step)
      backwardProduct(waiting.columns, batch)
    }
  }

  private func backwardProduct(_ range: Range<Int>, _ batch: Batch) {
    BLAS.sgemm(xb(batch).readOnly, z(batch).readOnly.columns(range), into: g.columns(range), transA: .transpose)
  }

  /// Stage 6: through the normalisation, ∂L/∂w = (g − ŵ(ŵ·g))/‖w‖, then the optimiser, row
  /// segment by row segment of part p's columns.
  func projectAndUpdate(_ p: Int, optimizer: OptimizerState) {
    let cols = layout.columns(p)
    guard !cols.isEmpty else { return }
    let unit = self.unit.readOnly.columns(cols), g = self.g.columns(cols), dots = columnDots.slice(cols)
    TrainingKernels.columnDots(unit, g.readOnly, into: dots)
    for i in 0..<dimension {
      TrainingKernels.projectRow(unit: unit.row(i), gradient: g.row(i), dots: UnsafeBufferPointer(dots),
                                 norms: UnsafeBufferPointer(norms.slice(cols)))
      optimizer.apply(weights.base, gradient.base, offset: i * columns + cols.lowerBound, count: cols.count)
    }
  }

  /// The first slot lying wholly in `cols`, if any.
  private func wholeSlot(in cols: Range<Int>) -> Int? {
    let c = classes, s = (cols.lowerBound + c - 1) / c
    return (s + 1) * c <= cols.upperBound ? s : nil
  }

  /// Copies slot `s`'s columns of each row of Z to every other column j of `cols` (from column
  /// s·C + j mod C).
  private func replicate(slot s: Int, over cols: Range<Int>, rows: Int) {
    let c = classes
    for r in 0..<rows {
      let row = logits.base + r * columns, source = row + s * c
      var j = cols.lowerBound
      while j < cols.upperBound {
        let k = j % c, n = Swift.min(c - k, cols.upperBound - j)
        if j != s * c { (row + j).update(from: source + k, count: n) }
        j += n
      }
    }
  }
}
