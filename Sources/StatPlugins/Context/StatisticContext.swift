import EmbeddingIO
import Numerics

/// The shared, immutable inputs of every statistic for one embedding set.
///
/// Built once by `StatisticContext.build(for:requirements:)` with the union of the enabled
/// statistics' requirements. Each statistic receives a view restricted to what it declared
/// (`restricted(to:)`): reading any other piece throws `StatisticError.undeclaredRequirement`.
/// Shape facts (d, C, N_t, N_v) are always available.
public struct StatisticContext: Sendable {
  /// Raw training rows with their labels.
  public struct Samples: Sendable {
    public let features: Matrix<Double>
    public let labels: [Int]
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
    // The Float64 training matrix only for the pieces that index it; the covariance and its
    // column means read the rows in place.
    let needsMatrix = !requirements.isDisjoint(with: [.trainSamples, .globalMoments, .columnMoments, .classMeans, .gramMatrix])
    let x = needsMatrix ? set.train : Matrix<Double>(rows: 0, cols: set.dimension)
    let needsColumns = requirements.contains(.columnMoments)
    let needsCov = requirements.contains(.covarianceEigenvalues) || requirements.contains(.correlationMatrix)
    let columns = needsColumns ? ColumnMoments(x) : nil
    var eig: [Double]? = nil, corr: Matrix<Double>? = nil
    if needsCov {
      let cov = set.trainRows.withRowTable { rows in
        Covariance.matrix(rows, mean: columns?.mean ?? ColumnMeans.of(rows), precision: precision)
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
    return StatisticContext(
      dimension: set.dimension, classCount: set.classCount, trainCount: set.trainCount, validationCount: set.validationCount,
      covariancePrecision: precision,
      samples: requirements.contains(.trainSamples) ? Samples(features: x, labels: set.trainLabels) : nil,
      globalMomentsPiece: requirements.contains(.globalMoments) ? GlobalMoments(train: x, validation: set.validation) : nil,
      columnMomentsPiece: needsColumns ? columns : nil,
      classMeansPiece: requirements.contains(.classMeans) ? ClassMeans(x, labels: set.trainLabels, classCount: set.classCount) : nil,
      eigenvaluesPiece: eig, correlationPiece: corr,
      gramPiece: requirements.contains(.gramMatrix) ? BLAS.gram(x) : nil,
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
