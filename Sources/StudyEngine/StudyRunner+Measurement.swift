import ClassifierCore
import Foundation
import Numerics
import Study

extension StudyRunner {
  /// The one measurement behind every regret — Table 1's and `compare`'s: the probe trained at α
  /// on a set with the sweep's settings, **from the initial weights, one store unit per α**, so
  /// that the accuracy at an α depends on the set, the α and the seed alone, never on which other
  /// α were asked for with it. (A shared continuation chain would make one heuristic's outcome
  /// move when another is added.) Cached in the store like the sweep.
  ///
  /// - Parameter wanted: the α to measure, by set name (rounded with `rounded`).
  /// - Returns: the mean over seeds of the best validation accuracy, by set name and rounded α.
  /// - Complexity: one converged run from the initial weights per distinct α per set and seed.
  public func measuredAccuracies(_ wanted: [String: Set<Double>]) throws -> [String: [Double: Double]] {
    var out: [String: [Double: Double]] = [:]
    let todo = entries.filter { wanted[$0.entry.name]?.isEmpty == false }
    for (index, e) in todo.enumerated() {
      observer.stepStarted("heuristic runs on \(e.entry.name)", index: index, total: todo.count)
      var accuracies: [Double: Double] = [:]
      for a in wanted[e.entry.name]!.map(Self.rounded).sorted() where accuracies[a] == nil {
        let c = measurementConfiguration(alpha: a)
        try sweepRunner(c, observer: MutedSweepObserver(observer)).run(sets: [e.sweepSet])
        let runs = try store.runs(of: e.info, under: c)
        accuracies[a] = SampleSummary.mean(seeds.compactMap { runs[$0]?.first?.bestAccuracy })
      }
      out[e.entry.name] = accuracies
      observer.stepFinished("heuristic runs on \(e.entry.name)", index: index, total: todo.count, detail: "")
    }
    return out
  }

  /// The sweep's settings at the single temperature `alpha`: no learned slot, no grid extension,
  /// one chain from the initial weights.
  public func measurementConfiguration(alpha: Double) -> TrainingConfiguration {
    var c = configuration
    c.learnAlpha = false
    c.extendGrid = false
    c.chainLength = nil
    c.alphas = [Self.rounded(alpha)]
    return c
  }

  /// α rounded to 6 significant digits, so equal proposals share one run and hash stably.
  public static func rounded(_ a: Double) -> Double { Double(String(format: "%.6g", a)) ?? a }
}
