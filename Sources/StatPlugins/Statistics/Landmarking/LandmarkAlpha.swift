import ClassifierCore
import EmbeddingIO
import Foundation
import Numerics

/// `landmark_alpha`: the temperature a short search on the training rows alone picks — a
/// landmarking statistic (pymfe's idea: a few cheap steps of the learner itself as a meta-feature).
///
///     (F, H) = the seeded stratified split of the training rows (`StratifiedSplit`, 20 % held out)
///     for α in 1, 2, 4, …, 512, in increasing order, each from the previous α's weights:
///         W_α ≈ argmin_W  (1/α)·mean_{i∈F} CE(α·x̂_iᵀŴ, y_i)       (SPEC §4's converged-probe loss)
///         by at most `max_iterations` L-BFGS iterations (`ConvergedTrainer`, the sweep's solver)
///     landmark_alpha = the α whose W_α classifies H best (ties to the smaller α)
///
/// No validation row is read: the set's own α* (measured on validation) stays out of sight. Over a
/// seeded stratified subset of `max_samples` training rows (default 4000) on larger sets.
/// Missing when a split leaves fewer than 2 classes in F or nothing in H.
///
/// Reference: scripts/experiments/landmark.py (scipy's L-BFGS-B in float64, budgets counted
/// differently): the same α or a neighbouring grid point on the zoo (scripts/check-landmark.py).
/// - Complexity: O(I·T·m·d·C) for m rows, T = 10 temperatures and at most I iterations each.
public struct LandmarkAlpha: DatasetStatistic {
  public static let id = "landmark_alpha"
  public static let summary = "the α a capped converged search on the training rows alone picks (held-out 20 %)"
  public static let requirements: Set<ContextRequirement> = [.trainSamples]
  public static let options = RowLimit.options(defaultLimit: 4000, subset: "stratified subset")
    + [OptionSpec("max_iterations", .integer(1...3000), default: .number(100), "L-BFGS iterations per temperature")]

  /// The temperatures searched: 2^0 … 2^9.
  public static let grid: [Double] = (0...9).map { pow(2, Double($0)) }

  let limit: RowLimit
  let maxIterations: Int

  public init(options: PluginOptions) throws {
    limit = try RowLimit(options, specs: Array(Self.options.prefix(2)))
    maxIterations = try options.integer(Self.options[2])
  }

  public func compute(in context: StatisticContext) throws -> StatisticValue {
    let samples = try context.trainSamples()
    let (rows, note) = limit.stratifiedRows(labels: samples.labels, classCount: context.classCount)
    let labels = rows.map { samples.labels[$0] }
    let (fit, held) = StratifiedSplit.indices(labels: labels, classCount: context.classCount, seed: limit.seed)
    guard Set(fit.map { labels[$0] }).count >= 2 else { return .missing(reason: "fewer than 2 classes in the search's training part") }
    guard !held.isEmpty else { return .missing(reason: "nothing left to hold out (every class has one or two rows)") }
    let x = samples.gather(rows)
    let split = PreparedSplit(dimension: context.dimension, classCount: context.classCount,
                              train: x.selectingRows(fit).withRowTable(PreparedSplit.normalised),
                              trainLabels: fit.map { Int32(labels[$0]) },
                              validation: x.selectingRows(held).withRowTable(PreparedSplit.normalised),
                              validationLabels: held.map { Int32(labels[$0]) })
    var configuration = TrainingConfiguration()
    configuration.alphas = Self.grid
    configuration.extendGrid = false
    configuration.newtonPolish = false
    configuration.criterion.maxIterations = maxIterations
    let runs = ConvergedTrainer(data: split, configuration: configuration, seed: limit.seed).run()
    var best = runs[0]
    for r in runs.dropFirst() where r.finalAccuracy > best.finalAccuracy { best = r }
    return .value(best.alpha, note: note)
  }
}
