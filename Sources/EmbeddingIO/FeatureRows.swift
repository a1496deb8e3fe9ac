import Foundation
import Numerics

/// The feature rows of one split, n × d.
///
/// Either a Float64 matrix, or — for a little-endian float32 or float64 array in C order, the usual
/// output of PyTorch and numpy — the split's rows of the file's array, read in place from the
/// memory-mapped file. Whatever reads the rows in bulk streams them through `withRowTable` (column
/// moments, class sums, the covariance: every built-in statistic), so the memory a set costs is
/// its file; `gather` copies a subset of rows; `matrix` widens every row to Float64 once, on
/// first use, and keeps the result (n·d·8 bytes: for small sets and training). Either way the
/// values are the same: a Float32 value widens exactly.
public struct FeatureRows: Sendable {
  enum Backing: Sendable {
    case dense(Matrix<Double>)
    /// Rows `indices` of a little-endian, C-order float32 or float64 array (`isFloat64`).
    case inPlace(NPYArray, indices: [Int], isFloat64: Bool)
  }

  public let rows: Int
  public let cols: Int
  let backing: Backing
  private let widened = WidenedMatrix()

  /// Rows held as a Float64 matrix.
  public init(_ matrix: Matrix<Double>) {
    rows = matrix.rows; cols = matrix.cols; backing = .dense(matrix)
  }

  /// The rows `indices` of a 2-D array: read in place when it is little-endian float32 or float64
  /// in C order, converted to a Float64 matrix otherwise.
  init(_ array: NPYArray, indices: [Int]) {
    precondition(array.shape.count == 2)
    rows = indices.count; cols = array.shape[1]
    let inPlace = array.dtype.kind == .float && !array.dtype.bigEndian && [4, 8].contains(array.dtype.size) && !array.fortranOrder
    backing = inPlace ? .inPlace(array, indices: indices, isFloat64: array.dtype.size == 8) : .dense(array.rows(indices))
  }

  /// True when the rows are read from the file's bytes.
  public var isInPlace: Bool { if case .inPlace = backing { return true } else { return false } }

  /// The rows as a Float64 matrix (widened on first use and kept, for in-place rows): n·d·8 bytes.
  public var matrix: Matrix<Double> {
    switch backing {
    case let .dense(m): return m
    case let .inPlace(array, indices, _): return widened.value { array.rows(indices) }
    }
  }

  /// The rows `subset` (indices into these rows, in the order given) as a Float64 matrix, copied
  /// straight from the file for in-place rows: |subset|·d·8 bytes, whatever n is.
  public func gather(_ subset: [Int]) -> Matrix<Double> {
    switch backing {
    case let .dense(m): return m.selectingRows(subset)
    case let .inPlace(array, indices, _): return array.rows(subset.map { indices[$0] })
    }
  }

  /// Calls `body` with a table over the rows, valid only during the call. Reading the rows
  /// through it costs no copy.
  public func withRowTable<R>(_ body: (AnyRowTable) throws -> R) rethrows -> R {
    switch backing {
    case let .dense(m):
      return try m.withRowTable(body)
    case let .inPlace(array, indices, isFloat64):
      return try array.withPayload { raw in
        let stored = array.shape[0]
        return try body(isFloat64 ? .float64(RowTable(bytes: raw, rows: rows, cols: cols, storedRows: stored, indices: indices))
                                  : .float32(RowTable(bytes: raw, rows: rows, cols: cols, storedRows: stored, indices: indices)))
      }
    }
  }
}

/// The Float64 copy of in-place rows, made once by whichever thread asks first.
private final class WidenedMatrix: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Matrix<Double>?

  func value(_ make: () -> Matrix<Double>) -> Matrix<Double> {
    lock.lock(); defer { lock.unlock() }
    if let stored { return stored }
    let m = make()
    stored = m
    return m
  }
}
