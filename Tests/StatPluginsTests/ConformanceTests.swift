import EmbeddingIO
import Foundation
import Numerics
import PluginHost
import StatPlugins
import Testing

/// Runs every registered statistic through the checks a plugin must pass.
@Suite struct ConformanceTests {
  static let registry = PluginRegistry.builtIn
  static let ids = registry.ids

  @Test func idsAreUniqueSnakeCaseAndInSpecOrder() {
    #expect(Set(Self.ids).count == Self.ids.count)
    #expect(Self.ids == ["dim", "n_classes", "n_samples", "avg_samp_class", "mean", "var", "train_mean", "train_std",
                         "sw_trace", "sb_trace", "feats_corr", "feats_cos_sim", "pca_50", "pca_75", "pca_80", "pca_90",
                         "pca_95", "pca_99", "avg_kurtosis", "avg_normality", "silhouette", "calinski_harabasz",
                         "davies_bouldin", "adacos_scale", "landmark_alpha"])   // SPEC §3's 23, then additions
  }

  @Test("honours its declared requirements", arguments: ids)
  func declaredRequirementsSuffice(id: String) throws {
    let type = Self.registry.statistic(id: id)!
    let set = try Golden.load("gauss_f64")
    // Built with only what it declared, restricted to it: must compute without an undeclared read.
    let context = try StatisticContext.build(for: set, requirements: type.requirements)
    let value = try type.init(options: PluginOptions()).compute(in: context.restricted(to: type.requirements, reader: id))
    #expect(value.number != nil)
  }

  @Test func readingAnUndeclaredPieceFails() throws {
    struct Sneaky: DatasetStatistic {
      static let id = "sneaky"
      static let summary = "reads class means without declaring them"
      static let requirements: Set<ContextRequirement> = [.trainSamples]
      init(options: PluginOptions) throws {}
      func compute(in context: StatisticContext) throws -> StatisticValue { .value(Double(try context.classMeans().classes.count)) }
    }
    let set = try Golden.load("gauss_f64")
    let full = try StatisticContext.build(for: set, requirements: Set(ContextRequirement.allCases))
    #expect(throws: StatisticError.undeclaredRequirement(statistic: "sneaky", piece: .classMeans)) {
      try Sneaky(options: PluginOptions()).compute(in: full.restricted(to: Sneaky.requirements, reader: "sneaky"))
    }
  }

  /// Not `landmark_alpha`: its search holds out a seeded split of the training rows in file order,
  /// so another order holds out other rows (a different, equally valid estimate).
  @Test("invariant to the order of the training rows", arguments: ids.filter { $0 != LandmarkAlpha.id })
  func rowOrderInvariance(id: String) throws {
    let type = Self.registry.statistic(id: id)!
    let set = try Golden.load("imbalanced")
    var permuted = set
    var order = Array(0..<set.train.rows)
    var rng = SeededGenerator(seed: 11)
    rng.shuffle(&order)
    permuted.train = set.train.selectingRows(order)
    permuted.trainLabels = order.map { set.trainLabels[$0] }
    let a = try Golden.compute(type, on: set), b = try Golden.compute(type, on: permuted)
    // avg_normality depends on row order only through scipy's shift by x[n/2] (round-off).
    let tol = id == "avg_normality" ? 1e-12 : 1e-10
    #expect(abs(a.number! - b.number!) <= tol * max(1, abs(a.number!)), "\(id): \(a) vs \(b)")
  }

  @Test("shared context gives the from-scratch value", arguments: Golden.fixtureNames)
  func sharedContextEqualsAlone(set name: String) throws {
    let set = try Golden.load(name)
    let report = try FeatureVectorComposer(PluginsFile(allOf: Self.registry)).compute(set)
    for (id, shared) in report.values {
      let alone = try Golden.compute(Self.registry.statistic(id: id)!, on: set)
      #expect(shared == alone, "\(id) on \(name)")
    }
  }

  @Test("invariant to a common shift of all features where it should be",
        arguments: ["var", "train_std", "sw_trace", "sb_trace", "feats_corr", "pca_90", "avg_kurtosis", "avg_normality",
                    "silhouette", "calinski_harabasz", "davies_bouldin"])
  func shiftInvariance(id: String) throws {
    let type = Self.registry.statistic(id: id)!
    let set = try Golden.load("gauss_f64")
    var shifted = set
    shifted.train.storage = set.train.storage.map { $0 + 7.5 }
    shifted.validation.storage = set.validation.storage.map { $0 + 7.5 }
    let a = try Golden.compute(type, on: set).number!, b = try Golden.compute(type, on: shifted).number!
    #expect(abs(a - b) <= 1e-8 * max(1, abs(a)), "\(id): \(a) vs \(b)")
  }

  @Test func everyStatisticHasAFixtureValueFromTheReference() {
    for id in Self.ids {
      // (adacos_scale is undefined for two classes: the reference gives null there, tested as missing.
      // landmark_alpha's reference is scripts/experiments/landmark.py, compared on the zoo in
      // PluginHostTests' LandmarkAlphaTests: a search's argmax is compared within a grid step.)
      for set in Golden.fixtureNames where id != "feats_cos_sim" && id != LandmarkAlpha.id
        && !(id == "adacos_scale" && set == "two_classes") {
        #expect(Golden.value(id, set: set) != nil, "\(id) on \(set)")
      }
    }
  }
}
