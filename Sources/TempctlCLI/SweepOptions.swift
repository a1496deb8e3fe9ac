import ArgumentParser
import ClassifierCore

/// The training configuration of a sweep, shared by `sweep` and `optimum`.
struct SweepOptions: ParsableArguments {
  @Option(help: "Temperatures: a list (1,5,10) or start:stop:step. Default: the paper's 51 values 1, 5, 10, …, 250.")
  var alphas: String?

  @Option(help: "Epochs per run (the paper used 1000; see docs/sweep.md for this default).")
  var epochs: Int = TrainingConfiguration().epochs

  @Option(help: "Number of seeds (0..<N).")
  var seeds: Int = 3

  @Option(help: "Optimizer: sgd (momentum 0.9) or adam.")
  var optimizer: OptimizerKind = .sgd

  @Option(help: "Learning rate (default 0.1 for sgd, 1e-3 for adam).")
  var lr: Double?

  @Option(name: .customLong("batch-size"), help: "Minibatch size (capped at the number of training samples).")
  var batchSize: Int = 2048

  @Flag(name: .customLong("no-rescale"), help: "Use the plain cross-entropy instead of dividing it by α.")
  var noRescale = false

  @Flag(name: .customLong("learn-alpha"), help: "Also train a learned temperature (log-parameterised, starts at 1/0.07).")
  var learnAlpha = false

  func validate() throws {
    guard epochs >= 1, epochs <= 100_000 else { throw ValidationError("--epochs must be in 1...100000, got \(epochs)") }
    guard seeds >= 1, seeds <= 1000 else { throw ValidationError("--seeds must be in 1...1000, got \(seeds)") }
    guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
    if let lr { guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") } }
    if let alphas { do { _ = try TemperatureGrid(parsing: alphas) } catch { throw ValidationError("--alphas: \(error)") } }
  }

  var configuration: TrainingConfiguration {
    var c = TrainingConfiguration()
    c.optimizer = optimizer
    c.learningRate = lr ?? optimizer.defaultLearningRate
    c.epochs = epochs
    c.batchSize = batchSize
    c.rescaleLoss = !noRescale
    c.learnAlpha = learnAlpha
    if let alphas, let grid = try? TemperatureGrid(parsing: alphas) { c.alphas = grid.values }
    return c
  }

  var seedList: [UInt64] { (0..<seeds).map(UInt64.init) }
}

extension OptimizerKind: ExpressibleByArgument {}

/// `--store PATH`.
struct StoreOption: ParsableArguments {
  @Option(help: "The results store (SQLite).") var store: String = "tempctl.sqlite"
}

/// `--shard i/n`: unit k (in set-then-seed order) belongs to shard k mod n; i is 0-based, as
/// Slurm's SLURM_ARRAY_TASK_ID with --array=0-(n-1).
struct Shard: ExpressibleByArgument, Equatable {
  let index: Int, count: Int
  init?(argument: String) {
    let parts = argument.split(separator: "/")
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
    index = i; count = n
  }
  init(index: Int, count: Int) { self.index = index; self.count = count }
  static let whole = Shard(index: 0, count: 1)
  func owns(_ unit: Int) -> Bool { unit % count == index }
}
