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
