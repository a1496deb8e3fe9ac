import Numerics
import Testing

/// The one place sample summaries are computed, against values worked by hand (numpy's
/// conventions: `np.mean`, `np.var(ddof=)`, `np.median`).
@Suite struct SampleSummaryTests {
  @Test func meanVarianceAndMedian() {
    let v: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]   // mean 5, Σ(v − 5)² = 32
    #expect(SampleSummary.mean(v) == 5)
    #expect(SampleSummary.variance(v, ddof: 0) == 4)
    #expect(SampleSummary.standardDeviation(v, ddof: 0) == 2)
    #expect(SampleSummary.variance(v, ddof: 1) == 32.0 / 7)
    #expect(SampleSummary.median(v) == 4.5)
    #expect(SampleSummary.median([3, 1, 2]) == 2)
  }

  @Test func degenerateSamples() {
    #expect(SampleSummary.mean([]).isNaN && SampleSummary.median([]).isNaN && SampleSummary.variance([], ddof: 0).isNaN)
    // One value has no spread, whatever the ddof.
    #expect(SampleSummary.variance([7], ddof: 0) == 0 && SampleSummary.variance([7], ddof: 1) == 0)
  }
}
