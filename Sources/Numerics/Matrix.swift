/// A dense row-major matrix of `Scalar` values.
///
/// Element (i, j) lives at `storage[i * cols + j]`. The type is a plain value: copies are
/// copy-on-write through the underlying array.
public struct Matrix<Scalar: BinaryFloatingPoint & Sendable>: Sendable, Equatable {
  public let rows: Int
  public let cols: Int
  public var storage: [Scalar]

  /// A `rows × cols` matrix filled with `value`.
  @inlinable public init(rows: Int, cols: Int, repeating value: Scalar = 0) {
    precondition(rows >= 0 && cols >= 0)
    self.rows = rows
    self.cols = cols
    self.storage = Array(repeating: value, count: rows * cols)
  }

  /// Wraps row-major `storage`, which must hold exactly `rows * cols` values.
  @inlinable public init(rows: Int, cols: Int, storage: [Scalar]) {
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
  @inlinable public func selectingRows<S: Sequence>(_ indices: S) -> Matrix where S.Element == Int {
    let rowsWanted = Array(indices)
    let c = cols
    let out = [Scalar](unsafeUninitializedCapacity: rowsWanted.count * c) { dst, initialized in
      storage.withUnsafeBufferPointer { src in
        for (k, i) in rowsWanted.enumerated() {
          (dst.baseAddress! + k * c).initialize(from: src.baseAddress! + i * c, count: c)
        }
      }
      initialized = rowsWanted.count * c
    }
    return Matrix(rows: rowsWanted.count, cols: c, storage: out)
  }

  /// The transpose, by 64 × 64 blocks so both sides stay in cache.
  /// - Complexity: O(rows · cols).
  @inlinable public func transposed() -> Matrix {
    var out = Matrix(rows: cols, cols: rows)
    let b = 64
    storage.withUnsafeBufferPointer { src in
      out.storage.withUnsafeMutableBufferPointer { dst in
        for i0 in stride(from: 0, to: rows, by: b) {
          for j0 in stride(from: 0, to: cols, by: b) {
            for i in i0..<Swift.min(i0 + b, rows) {
              for j in j0..<Swift.min(j0 + b, cols) { dst[j * rows + i] = src[i * cols + j] }
            }
          }
        }
      }
    }
    return out
  }

  /// One row as an array.
  @inlinable public func row(_ i: Int) -> ArraySlice<Scalar> { storage[(i * cols)..<((i + 1) * cols)] }
}
