import ClassifierCore
import Testing

@Suite struct OptimumEstimateTests {
  static func runs(_ acc: [Double: Double]) -> [RunResult] {
    acc.keys.sorted().map { RunResult(alpha: $0, learned: false, bestAccuracy: acc[$0]!, bestEpoch: 1, finalAccuracy: acc[$0]!,
                                      finalLoss: 0, finalAlpha: $0, curve: [acc[$0]!]) }
  }

  @Test func meanOverSeedsTiesToSmallerAlphaAndPlateau() throws {
    // means: α=1 → 0.5, α=5 → 0.8, α=10 → 0.8 (tie: 5 wins), α=20 → 0.78
    let s1 = Self.runs([1: 0.5, 5: 0.82, 10: 0.80, 20: 0.76])
    let s2 = Self.runs([1: 0.5, 5: 0.78, 10: 0.80, 20: 0.80])
    let e = try #require(OptimumEstimate(runs: [s1, s2]))
    #expect(e.alphaStar == 5)
    #expect(abs(e.accuracy - 0.8) < 1e-12)
    // std of (0.82, 0.78) = 0.028284…, SE = 0.02 → plateau: means ≥ 0.78 → 5, 10, 20
    #expect(e.plateau == [5, 10, 20])
    #expect(e.accuracyAtOne == 0.5)
    #expect(e.curve.map(\.alpha) == [1, 5, 10, 20])
  }

  @Test func learnedSlotsAreIgnored() throws {
    var s = Self.runs([1: 0.3, 2: 0.4])
    s.append(RunResult(alpha: 14.28, learned: true, bestAccuracy: 0.99, bestEpoch: 1, finalAccuracy: 0.9, finalLoss: 0, finalAlpha: 20, curve: [0.99]))
    let e = try #require(OptimumEstimate(runs: [s]))
    #expect(e.alphaStar == 2 && e.plateau == [2])
  }

  @Test func emptyIsNil() { #expect(OptimumEstimate(runs: []) == nil) }
}

/// The converged protocol's plateau: the paired test on validation rows, and the edge flag.
@Suite struct PairedPlateauTests {
  /// A converged run whose validation rows `wrong` are misclassified (of `n`).
  static func run(_ alpha: Double, n: Int, wrong: Set<Int>) -> RunResult {
    var r = RunResult(alpha: alpha, learned: false, bestAccuracy: Double(n - wrong.count) / Double(n), bestEpoch: 10,
                      finalAccuracy: 0, finalLoss: 0, finalAlpha: alpha, curve: [])
    r.iterations = 10
    r.validationCorrect = String((0..<n).map { wrong.contains($0) ? "0" : "1" })
    return r
  }

  @Test func pairedDifferenceWithinTwoStandardErrors() throws {
    // α* = 10 misclassifies rows 0..19 (80 %). α = 5 also misses rows 20, 21: δ has two ones in 100,
    // mean 0.02, sd = √((2·0.98² + 98·0.02²)/99) = 0.14071, 1.96·sd/10 = 0.02758 ≥ 0.02 → on the plateau.
    // α = 20 misses rows 20..24: mean 0.05, sd = √((5·0.95² + 95·0.05²)/99) = 0.21904, 1.96·sd/10 =
    // 0.04293 < 0.05 → off. α = 40 misses 20..23 but gets row 0 right: δ has four ones and one −1,
    // mean 0.03, sd = √((4·0.97² + 0.03²·95 + 1.03²)/99) = 0.22247, bound 0.04360 → on.
    let base = Set(0..<20)
    let runs = [Self.run(5, n: 100, wrong: base.union([20, 21])), Self.run(10, n: 100, wrong: base),
                Self.run(20, n: 100, wrong: base.union(20..<25)), Self.run(40, n: 100, wrong: base.subtracting([0]).union(20..<24))]
    let e = try #require(OptimumEstimate(runs: [runs]))
    #expect(e.alphaStar == 10 && e.accuracy == 0.8)
    #expect(e.plateau == [5, 10, 40])
    #expect(!e.edge && e.unconverged == 0)
  }

  @Test func edgeAndUnconvergedAreReported() throws {
    var top = Self.run(250, n: 50, wrong: [1])
    top.converged = false
    let e = try #require(OptimumEstimate(runs: [[Self.run(1, n: 50, wrong: [1, 2, 3]), Self.run(100, n: 50, wrong: [1, 2]), top]]))
    #expect(e.alphaStar == 250 && e.edge && e.unconverged == 1)
  }
}
