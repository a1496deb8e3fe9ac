import Numerics

/// The seeded stratified train/validation split used by every command.
///
/// For each class c (in index order) its sample indices, in file order, are shuffled by one
/// `SeededGenerator(seed:)` shared across classes; the first `v_c = ⌊0.2·n_c + 0.5⌋` go to
/// validation, the rest to training, except that a class always keeps at least one training
/// sample (so a class of one or two samples stays wholly in training when 0.2·n_c rounds to
/// one and n_c = 1). Both splits list indices in ascending order. The generator is defined in
/// this package, so the split is identical on every machine and Swift version.
public enum StratifiedSplit {
  public static let validationFraction = 0.2

  /// Returns (train indices, validation indices).
  public static func indices(labels: [Int], classCount: Int, seed: UInt64) -> (train: [Int], validation: [Int]) {
    var members = [[Int]](repeating: [], count: classCount)
    for (i, c) in labels.enumerated() { members[c].append(i) }
    var rng = SeededGenerator(seed: seed)
    var train: [Int] = [], validation: [Int] = []
    for var m in members {
      rng.shuffle(&m)
      var v = Int((validationFraction * Double(m.count) + 0.5).rounded(.down))
      v = min(v, m.count - 1)
      if v > 0 { validation.append(contentsOf: m[0..<v]) }
      train.append(contentsOf: m[max(v, 0)...])
    }
    return (train.sorted(), validation.sorted())
  }

  /// Splits labelled data into an `EmbeddingSet`.
  public static func split(_ data: LabeledData, name: String, seed: UInt64) -> EmbeddingSet {
    let (t, v) = indices(labels: data.labels, classCount: data.classCount, seed: seed)
    return EmbeddingSet(name: name, train: data.features.selectingRows(t), trainLabels: t.map { data.labels[$0] },
                        validation: data.features.selectingRows(v), validationLabels: v.map { data.labels[$0] },
                        classNames: data.classNames, explicitSplit: false)
  }
}
