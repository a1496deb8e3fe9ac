import ArgumentParser
import ClassifierCore

/// The training configuration of a sweep, shared by `sweep` and `optimum`.
struct SweepOptions: ParsableArguments {
  @Option(help: "Temperatures: a list (1,5,10) or start:stop:step. Default: the paper's 51 values 1, 5, 10, …, 250.")
  var alphas: String?

  @Option(name: .customLong("protocol"), help: "converged (default: each α trained to convergence, full batch, L-BFGS) or paper (minibatch SGD/Adam for --epochs, best accuracy over epochs).")
  var trainingProtocol: TrainingProtocol = .converged

  @Option(help: "Paper protocol: epochs per run (default 200; the paper used 1000).")
  var epochs: Int?

  @Option(help: "Number of seeds (0..<N). Default: 1 for the converged protocol (seeds reach the same optimum, docs/sweep.md), 3 for the paper protocol.")
  var seeds: Int?

  @Option(help: "Converged protocol: relative gradient tolerance, max|R| ≤ gtol·loss (docs/sweep.md).")
  var gtol: Double = ConvergenceCriterion().gradientTolerance

  @Option(help: "Converged protocol: absolute floor of the gradient tolerance, max|R| ≤ max(gtol·loss, gfloor).")
  var gfloor: Double = ConvergenceCriterion().gradientFloor

  @Option(help: "Converged protocol: relative loss decrease over 10 iterations below which a run has converged (docs/sweep.md).")
  var ftol: Double = ConvergenceCriterion().lossTolerance

  @Option(name: .customLong("lbfgs-memory"), help: "Converged protocol: L-BFGS correction pairs kept per temperature.")
  var lbfgsMemory: Int = ConvergenceCriterion().memory

  @Option(name: .customLong("max-iterations"), help: "Converged protocol: L-BFGS iteration cap per temperature.")
  var maxIterations: Int = ConvergenceCriterion().maxIterations

  @Option(help: "Paper protocol: optimizer, sgd (momentum 0.9) or adam.")
  var optimizer: OptimizerKind = .sgd

  @Option(help: "Paper protocol: learning rate (default 0.1 for sgd, 1e-3 for adam).")
  var lr: Double?

  @Option(name: .customLong("batch-size"), help: "Paper protocol: minibatch size (capped at the number of training samples).")
  var batchSize: Int = 2048

  @Flag(name: .customLong("no-rescale"), help: "Use the plain cross-entropy instead of dividing it by α (paper protocol; the converged minimiser does not depend on it).")
  var noRescale = false

  @Flag(name: .customLong("no-extend"), help: "Converged protocol: keep to the grid even when α* is on its edge (default: extend by factors of √2 up to 4096, down to 1/16).")
  var noExtend = false

  @Option(name: [.customLong("alpha-block"), .customLong("chain")], help: ArgumentHelp("Converged protocol: cut each (set, seed) unit into blocks of this many neighbouring temperatures, stored (and sharded) block by block; each block is one continuation chain from the initial weights (default: the whole grid is one chain and one unit, unless T·C·d exceeds 2^24, which blocks automatically; 1 starts every α from the initial weights). docs/scaling.md says how to size blocks.", valueName: "temperatures"))
  var chainLength: Int?

  @Flag(name: .customLong("no-newton"), help: "Converged protocol: skip the Float64 Newton steps that finish each run on small problems (d·C ≤ 1024).")
  var noNewton = false

  @Flag(name: .customLong("learn-alpha"), help: "Paper protocol: also train a learned temperature as CLIP does (log α from 1/0.07, its own Adam: lr 5e-4, betas 0.9/0.98, eps 1e-6; clamped to 1…100).")
  var learnAlpha = false

  func validate() throws {
    if let epochs {
      guard trainingProtocol == .paper else { throw ValidationError("--epochs applies to --protocol paper; the converged protocol trains each α until it converges (see --gtol, --max-iterations)") }
      guard epochs >= 1, epochs <= 100_000 else { throw ValidationError("--epochs must be in 1...100000, got \(epochs)") }
    }
    if let seeds { guard seeds >= 1, seeds <= 1000 else { throw ValidationError("--seeds must be in 1...1000, got \(seeds)") } }
    guard gtol > 0, gtol < 1 else { throw ValidationError("--gtol must be in (0, 1), got \(gtol)") }
    guard lbfgsMemory >= 1, lbfgsMemory <= 1000 else { throw ValidationError("--lbfgs-memory must be in 1...1000, got \(lbfgsMemory)") }
    guard gfloor >= 0, gfloor < 1 else { throw ValidationError("--gfloor must be in [0, 1), got \(gfloor)") }
    guard ftol > 0, ftol < 1 else { throw ValidationError("--ftol must be in (0, 1), got \(ftol)") }
    if let chainLength { guard chainLength >= 1, chainLength <= 10_000 else { throw ValidationError("--alpha-block must be in 1...10000, got \(chainLength)") } }
    guard maxIterations >= 1, maxIterations <= 1_000_000 else { throw ValidationError("--max-iterations must be in 1...1000000, got \(maxIterations)") }
    if trainingProtocol == .converged && learnAlpha { throw ValidationError("--learn-alpha applies to --protocol paper (a learned temperature is a budgeted method)") }
    guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
    if let lr { guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") } }
    if let alphas { do { _ = try TemperatureGrid(parsing: alphas) } catch { throw ValidationError("--alphas: \(error)") } }
  }

  var configuration: TrainingConfiguration {
    var c = TrainingConfiguration()
    c.trainingProtocol = trainingProtocol
    c.criterion.gradientTolerance = gtol
    c.criterion.maxIterations = maxIterations
    c.criterion.lossTolerance = ftol
    c.criterion.memory = lbfgsMemory
    c.criterion.gradientFloor = gfloor
    c.extendGrid = !noExtend
    c.chainLength = chainLength
    c.newtonPolish = !noNewton
    c.optimizer = optimizer
    c.learningRate = lr ?? optimizer.defaultLearningRate
    c.epochs = epochs ?? c.epochs
    c.batchSize = batchSize
    c.rescaleLoss = !noRescale
    c.learnAlpha = learnAlpha
    if let alphas, let grid = try? TemperatureGrid(parsing: alphas) { c.alphas = grid.values }
    return c
  }

  var seedCount: Int { seeds ?? (trainingProtocol == .converged ? 1 : 3) }
  var seedList: [UInt64] { (0..<seedCount).map(UInt64.init) }
}

extension OptimizerKind: ExpressibleByArgument {}
extension TrainingProtocol: ExpressibleByArgument {}

/// `--store PATH`.
struct StoreOption: ParsableArguments {
  @Option(help: "The results store (SQLite).") var store: String = "tempctl.sqlite"
}
