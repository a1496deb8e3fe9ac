import Foundation
import Numerics

/// The feature rows of one split, n × d.
///
/// Either a Float64 matrix, or — for a little-endian float32 array in C order, the usual output of
/// PyTorch and numpy — the split's rows of the file's array, read in place from the memory-mapped
/// file. Routines that take a `RowTable` (column means, the covariance) read those rows directly;
/// `matrix` widens them to Float64 once, on first use, and keeps the result. Either way the values
/// are the same: a Float32 value widens exactly.
public struct FeatureRows: Sendable {
  enum Backing: Sendable {
    case dense(Matrix<Double>)
    case float32(NPYArray, indices: [Int])
  }

  public let rows: Int
  public let cols: Int
  let backing: Backing
  private let widened = WidenedMatrix()

  /// Rows held as a Float64 matrix.
  public init(_ matrix: Matrix<Double>) {
    rows = matrix.rows; cols = matrix.cols; backing = .dense(matrix)
  }

  /// The rows `indices` of a 2-D array: read in place when it is little-endian float32 in C order,
  /// converted to a Float64 matrix otherwise.
  init(_ array: NPYArray, indices: [Int]) {
    precondition(array.shape.count == 2)
    rows = indices.count; cols = array.shape[1]
    let inPlace = array.dtype == .init(kind: .float, size: 4) && !array.fortranOrder
    backing = inPlace ? .float32(array, indices: indices) : .dense(array.rows(indices))
  }

  /// True when the rows are read from the file's Float32 bytes.
  public var isInPlace: Bool { if case .float32 = backing { return true } else { return false } }

  /// The rows as a Float64 matrix (widened on first use and kept, for in-place rows).
  public var matrix: Matrix<Double> {
    switch backing {
    case let .dense(m): return m
    case let .float32(array, indices): return widened.value { array.rows(indices) }
    }
  }

  /// Calls `body` with a table over the rows, valid only during the call.
  public func withRowTable<R>(_ body: (AnyRowTable) throws -> R) rethrows -> R {
    switch backing {
    case let .dense(m):
      return try m.withRowTable(body)
    case let .float32(array, indices):
      return try array.withPayload { raw in
        try body(.float32(RowTable(base: raw.baseAddress!, rows: rows, cols: cols, indices: indices)))
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
