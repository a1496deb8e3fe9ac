/// A dense row-major matrix of `Scalar` values.
///
/// Element (i, j) lives at `storage[i * cols + j]`. The type is a plain value: copies are
/// copy-on-write through the underlying array.
public struct Matrix<Scalar: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
  public let rows: Int
  public let cols: Int
  public var storage: [Scalar]

  /// A `rows × cols` matrix filled with `value`.
  public init(rows: Int, cols: Int, repeating value: Scalar = 0) {
    precondition(rows >= 0 && cols >= 0)
    self.rows = rows
    self.cols = cols
    self.storage = Array(repeating: value, count: rows * cols)
  }

  /// Wraps row-major `storage`, which must hold exactly `rows * cols` values.
  public init(rows: Int, cols: Int, storage: [Scalar]) {
    precondition(storage.count == rows * cols, "storage holds \(storage.count) values, expected \(rows * cols)")
    self.rows = rows
    self.cols = cols
    self.storage = storage
  }

  @inlinable public subscript(row: Int, col: Int) -> Scalar {
    get { storage[row * cols + col] }
    set { storage[row * cols + col] = newValue }
  }

  /// The matrix made of the given rows, in the given order.
  public func selectingRows<S: Sequence>(_ indices: S) -> Matrix where S.Element == Int {
    var out: [Scalar] = []
    out.reserveCapacity(cols * indices.underestimatedCount)
    var count = 0
    storage.withUnsafeBufferPointer { src in
      for i in indices {
        out.append(contentsOf: src[(i * cols)..<((i + 1) * cols)])
        count += 1
      }
    }
    return Matrix(rows: count, cols: cols, storage: out)
  }

  /// One row as an array.
  public func row(_ i: Int) -> ArraySlice<Scalar> { storage[(i * cols)..<((i + 1) * cols)] }
}

extension Matrix where Scalar == Double {
  /// The matrix converted to single precision (rounding to nearest).
  public func toFloat() -> Matrix<Float> {
    Matrix<Float>(rows: rows, cols: cols, storage: storage.map { Float($0) })
  }
}
