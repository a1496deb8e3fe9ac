import EmbeddingIO
import Numerics

/// The shared, immutable inputs of every statistic for one embedding set.
///
/// Built once by `StatisticContext.build(for:requirements:)` with the union of the enabled
/// statistics' requirements. Each statistic receives a view restricted to what it declared
/// (`restricted(to:)`): reading any other piece throws `StatisticError.undeclaredRequirement`.
/// Shape facts (d, C, N_t, N_v) are always available.
public struct StatisticContext: Sendable {
  /// The training rows with their labels. The rows are the file's, read in place where its
  /// layout allows (`FeatureRows`): stream them with `withRowTable` (O(d) memory), copy a subset
  /// with `gather`; `features` widens all of them (N_t·d·8 bytes, kept) — for small sets only.
  public struct Samples: Sendable {
    public let rows: FeatureRows
    public let labels: [Int]

    /// Calls `body` with a table over the training rows (no copy), valid only during the call.
    public func withRowTable<R>(_ body: (AnyRowTable) throws -> R) rethrows -> R { try rows.withRowTable(body) }
    /// The training rows `subset` (ascending or not) as a Float64 matrix: |subset|·d·8 bytes.
    public func gather(_ subset: [Int]) -> Matrix<Double> { rows.gather(subset) }
    /// Every training row as a Float64 matrix: N_t·d·8 bytes, made once. The built-in statistics
    /// never ask for it, so that a set costs its file's size in memory.
    public var features: Matrix<Double> { rows.matrix }
  }

  public let dimension: Int
  /// C: the number of classes in the embedding set (both splits).
  public let classCount: Int
  public let trainCount: Int
  public let validationCount: Int
  /// How the covariance behind `covarianceEigenvalues()` and `correlationMatrix()` was formed.
  public let covariancePrecision: GramPrecision

  let samples: Samples?
  let globalMomentsPiece: GlobalMoments?
  let columnMomentsPiece: ColumnMoments?
  let classMeansPiece: ClassMeans?
  let eigenvaluesPiece: [Double]?
  let correlationPiece: Matrix<Double>?
  let gramPiece: Matrix<Double>?
  /// What the current reader may access; `nil` means everything built.
  let allowed: Set<ContextRequirement>?
  let reader: String

  /// Computes every piece in `requirements` once. `covariance` chooses how the covariance behind
  /// `.covarianceEigenvalues` and `.correlationMatrix` is formed: `.double` (the reference, what
  /// `tempctl stats` uses) or `.mixed` (Float32 products, Float64 accumulation: `tempctl suggest`).
  public static func build(for set: EmbeddingSet, requirements: Set<ContextRequirement>,
                           covariance precision: GramPrecision = .double) throws -> StatisticContext {
    // Every piece streams the rows in place (`FeatureRows.withRowTable`): no Float64 copy of X.
    let train = set.trainRows
    let needsColumns = requirements.contains(.columnMoments)
    let needsCov = requirements.contains(.covarianceEigenvalues) || requirements.contains(.correlationMatrix)
    let columns = needsColumns ? train.withRowTable(ColumnMoments.init) : nil
    var eig: [Double]? = nil, corr: Matrix<Double>? = nil
    if needsCov {
      let cov = train.withRowTable { rows in
        Covariance.matrix(rows, mean: columns?.mean, precision: precision)
      }
      if requirements.contains(.covarianceEigenvalues) {
        do {
          switch precision {
          case .double: eig = try SymmetricEigen.eigenvalues(cov)
          case .mixed: eig = try SymmetricEigen.singlePrecisionEigenvalues(Matrix(rows: cov.rows, cols: cov.cols, storage: cov.storage.map(Float.init)))
          }
        } catch { throw StatisticError.numerical("covariance eigenvalues: \(error)") }
      }
      if requirements.contains(.correlationMatrix) { corr = Covariance.correlation(cov) }
    }
    let global = requirements.contains(.globalMoments)
      ? train.withRowTable { t in set.validationRows.withRowTable { v in GlobalMoments(train: t, validation: v) } } : nil
    let classes = requirements.contains(.classMeans)
      ? train.withRowTable { ClassMeans($0, labels: set.trainLabels, classCount: set.classCount) } : nil
    let gram = requirements.contains(.gramMatrix) ? train.withRowTable(BLAS.gram) : nil
    return StatisticContext(
      dimension: set.dimension, classCount: set.classCount, trainCount: set.trainCount, validationCount: set.validationCount,
      covariancePrecision: precision,
      samples: requirements.contains(.trainSamples) ? Samples(rows: train, labels: set.trainLabels) : nil,
      globalMomentsPiece: global, columnMomentsPiece: columns, classMeansPiece: classes,
      eigenvaluesPiece: eig, correlationPiece: corr, gramPiece: gram,
      allowed: nil, reader: "")
  }

  /// The same context, readable only through `requirements`, for the statistic `reader`.
  public func restricted(to requirements: Set<ContextRequirement>, reader: String) -> StatisticContext {
    StatisticContext(dimension: dimension, classCount: classCount, trainCount: trainCount, validationCount: validationCount,
                     covariancePrecision: covariancePrecision,
                     samples: samples, globalMomentsPiece: globalMomentsPiece, columnMomentsPiece: columnMomentsPiece,
                     classMeansPiece: classMeansPiece, eigenvaluesPiece: eigenvaluesPiece, correlationPiece: correlationPiece,
                     gramPiece: gramPiece, allowed: requirements, reader: reader)
  }

  private func piece<T>(_ value: T?, _ requirement: ContextRequirement) throws -> T {
    if let allowed, !allowed.contains(requirement) {
      throw StatisticError.undeclaredRequirement(statistic: reader, piece: requirement)
    }
    guard let value else { throw StatisticError.undeclaredRequirement(statistic: reader, piece: requirement) }
    return value
  }

  public func trainSamples() throws -> Samples { try piece(samples, .trainSamples) }
  public func globalMoments() throws -> GlobalMoments { try piece(globalMomentsPiece, .globalMoments) }
  public func columnMoments() throws -> ColumnMoments { try piece(columnMomentsPiece, .columnMoments) }
  public func classMeans() throws -> ClassMeans { try piece(classMeansPiece, .classMeans) }
  /// Covariance eigenvalues (ddof 1), descending; tiny negative round-off is clamped to 0 by readers.
  public func covarianceEigenvalues() throws -> [Double] { try piece(eigenvaluesPiece, .covarianceEigenvalues) }
  public func correlationMatrix() throws -> Matrix<Double> { try piece(correlationPiece, .correlationMatrix) }
  public func gramMatrix() throws -> Matrix<Double> { try piece(gramPiece, .gramMatrix) }
}
