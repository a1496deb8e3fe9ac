import Foundation
import Numerics
import StatPlugins
import Testing

/// pca_50 … pca_99 (one source file, PCAComponents.swift, declares all six).
@Suite struct PCAComponentsTests {
  static let types: [any PCAComponents.Type] = [PCA50.self, PCA75.self, PCA80.self, PCA90.self, PCA95.self, PCA99.self]
  static let cases = types.flatMap { t in Golden.fixtureNames.map { (t.id, $0) } }

  /// Reference: scikit-learn `PCA(n_components=t).n_components_` (Fixtures/statistics.json).
  @Test("matches the reference exactly", arguments: cases)
  func matchesReference(id: String, set: String) throws {
    try Golden.expectMatches(Self.types.first { $0.id == id }!, set: set, tolerance: 0)
  }

  @Test(arguments: types.map { $0.id })
  func constantDataIsMissing(id: String) throws {
    let s = Sets.make([[1, 1], [1, 1], [1, 1]], [0, 1, 1])
    #expect(try Golden.compute(Self.types.first { $0.id == id }!, on: s).number == nil)
  }

  @Test func thresholdsAreStrictAndMonotone() throws {
    // Eigenvalues 3, 1 (data on two axes): ratios 0.75, 1.0. "Strictly greater than 0.75" needs 2.
    let s = Sets.make([[3, 0], [-3, 0], [0, 1.7320508075688772], [0, -1.7320508075688772]], [0, 0, 1, 1])
    let values = try Self.types.map { try Golden.compute($0, on: s).number! }
    #expect(values == [50, 100, 100, 100, 100, 100])
  }
}
