/// One temperature's L-BFGS run of the converged protocol: iterate, line search, stopping.
///
/// A run starts from a point and, when it continues a neighbouring temperature's run
/// (`ConvergedTrainer`'s chains), from that run's curvature pairs; its first `trial` is the
/// start itself, whose evaluation begins the iteration.
///
/// Line search: backtracking from the step 1 (the first iteration: 1/‖g‖₂, as L-BFGS-B does)
/// until the Armijo condition f(x + t·p) ≤ f(x) + 10⁻⁴·t·gᵀp holds, each new t from the
/// quadratic through f(x), gᵀp and f(x + t·p), kept in [0.1·t, 0.5·t]; at most 30 tries, then
/// once more along −g with an empty memory, then the run stops (`Stop.lineSearch`).
struct ConvergedRun {
  enum Stop: String, Sendable { case gradient, progress, lineSearch, iterations }

  let alpha: Double
  let criterion: ConvergenceCriterion
  private(set) var x: [Float]
  private(set) var loss: Double
  private(set) var gradient: [Float]
  private(set) var riemannianMax: Double
  private(set) var iterations = 0
  private(set) var stop: Stop? = nil
  /// The curvature pairs (handed on to the next temperature of a chain).
  private(set) var memory: LBFGSMemory
  /// Whether the start point's evaluation is still awaited.
  private var starting = true
  private var history: [Double] = []
  private var direction: [Float] = []
  private var slope = 0.0
  private var step = 1.0
  private var tries = 0
  private var steepest = false
  /// The point to evaluate next (while running).
  private(set) var trial: [Float] = []

  init(alpha: Double, start: [Float], memory: LBFGSMemory? = nil, criterion: ConvergenceCriterion) {
    self.alpha = alpha; self.criterion = criterion
    x = start; trial = start; loss = .infinity; gradient = []; riemannianMax = .infinity
    self.memory = memory ?? LBFGSMemory(capacity: criterion.memory)
  }

  var running: Bool { stop == nil }

  /// Whether the run met its criterion (a capped run did not).
  var converged: Bool {
    switch stop {
    case .gradient?, .progress?: true
    case .lineSearch?: riemannianMax <= 10 * criterion.gradientBound(loss: loss)
    default: false
    }
  }

  /// Takes the evaluation of `trial`.
  mutating func take(_ e: CosineLossEvaluator.Evaluation) {
    guard running else { return }
    if starting {
      starting = false
      loss = e.loss; gradient = e.gradient; riemannianMax = e.riemannianMax
      history = [loss]
      if !checkStop() { newDirection() }
      return
    }
    if e.loss.isFinite && e.loss <= loss + 1e-4 * step * slope {
      let s = zip(trial, x).map { $0 - $1 }, yv = zip(e.gradient, gradient).map { $0 - $1 }
      memory.push(step: s, change: yv)
      x = trial; loss = e.loss; gradient = e.gradient; riemannianMax = e.riemannianMax
      iterations += 1; steepest = false
      history.append(loss)
      if history.count > criterion.window + 1 { history.removeFirst() }
      if !checkStop() { newDirection() }
      return
    }
    tries += 1
    if tries > 30 || !(step > 0) {
      if steepest { stop = .lineSearch; return }
      memory.reset(); steepest = true
      newDirection()
      return
    }
    let curvature = e.loss - loss - slope * step
    var next = curvature > 0 && e.loss.isFinite ? -slope * step * step / (2 * curvature) : 0.5 * step
    next = Swift.min(Swift.max(next, 0.1 * step), 0.5 * step)
    step = next
    trial = Self.axpy(x, step, direction)
  }

  /// Takes a finished run's Newton polish (`NewtonPolish`): its unit columns scaled back to this
  /// run's column lengths (so the curvature pairs keep their scale for the chain's next α), its
  /// Float64 loss and max|R|; the Newton steps count as iterations. Converged by the gradient rule
  /// when the polished point meets it.
  mutating func take(_ o: NewtonPolish.Outcome) {
    let d = o.u.rows, c = o.u.cols
    let norms = NewtonPolish.columnNorms(x, d: d, c: c)
    for k in 0..<c {
      let norm = norms[k] > 0 ? norms[k] : 1
      for i in 0..<d { x[i * c + k] = Float(o.u[i, k] * norm) }
    }
    loss = o.loss; riemannianMax = o.riemannianMax
    iterations += o.steps
    if riemannianMax <= criterion.gradientBound(loss: loss) { stop = .gradient }
  }

  private mutating func checkStop() -> Bool {
    if loss == 0 || riemannianMax <= criterion.gradientBound(loss: loss) { stop = .gradient }
    else if history.count == criterion.window + 1, history[0] - loss <= criterion.lossTolerance * loss { stop = .progress }
    else if iterations >= criterion.maxIterations { stop = .iterations }
    return stop != nil
  }

  private mutating func newDirection() {
    direction = memory.isEmpty ? gradient.map { -$0 } : memory.direction(gradient)
    slope = LBFGSMemory.dot(gradient, direction)
    if !(slope < 0) {
      memory.reset()
      direction = gradient.map { -$0 }
      slope = LBFGSMemory.dot(gradient, direction)
    }
    step = memory.isEmpty ? Swift.min(1, 1 / Swift.max((-slope).squareRoot(), 1e-300)) : 1
    tries = 0
    trial = Self.axpy(x, step, direction)
  }

  static func axpy(_ x: [Float], _ t: Double, _ p: [Float]) -> [Float] {
    let tf = Float(t)
    return zip(x, p).map { $0 + tf * $1 }
  }
}
