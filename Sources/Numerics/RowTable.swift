/// Read access to the rows of an n × d table of Float32 or Float64 values whose rows need not be
/// contiguous: a split of a memory-mapped file is its rows `indices[i]` of the file's array.
///
/// The values need not be aligned (an array stored in an .npz archive starts wherever the zip
/// member's header ends): they are read with unaligned loads, which cost nothing on x86-64 and
/// ARM64. A table borrows its memory: it is only valid inside the `withRowTable` call that made it.
public struct RowTable<Element: BinaryFloatingPoint>: @unchecked Sendable {
  /// One row: `cols` consecutive values from `start`.
  public struct Row {
    @usableFromInline let start: UnsafeRawPointer
    @inlinable init(start: UnsafeRawPointer) { self.start = start }
    @inlinable public subscript(j: Int) -> Element {
      start.loadUnaligned(fromByteOffset: j &* MemoryLayout<Element>.stride, as: Element.self)
    }
  }

  public let rows: Int
  public let cols: Int
  @usableFromInline let base: UnsafeRawPointer
  /// Row i of the table is row `indices[i]` of `base`; nil means row i is row i.
  @usableFromInline let indices: [Int]?

  /// A table over `bytes`, which hold at least `storedRows` rows of `cols` values (default:
  /// `rows`); row i is stored row `indices[i]` when indices are given.
  /// - Precondition: the stored rows fit in `bytes`, and every index is one of them.
  public init(bytes: UnsafeRawBufferPointer, rows: Int, cols: Int, storedRows: Int? = nil, indices: [Int]? = nil) {
    let stored = storedRows ?? rows
    precondition(rows >= 0 && cols >= 0 && stored >= 0, "row table \(rows) × \(cols)")
    let (size, over) = stored.multipliedReportingOverflow(by: cols * MemoryLayout<Element>.stride)
    precondition(!over && size <= bytes.count, "\(stored) rows of \(cols) values do not fit in \(bytes.count) bytes")
    precondition(indices.map { $0.count == rows && $0.allSatisfy { $0 >= 0 && $0 < stored } } ?? (rows <= stored),
                 "row table: an index outside the \(stored) stored rows")
    self.base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: MemoryLayout<Element>.alignment)!
    self.rows = rows; self.cols = cols; self.indices = indices
  }

  /// Row `i`.
  @inlinable public func row(_ i: Int) -> Row {
    Row(start: base + (indices.map { $0[i] } ?? i) &* cols &* MemoryLayout<Element>.stride)
  }
}

/// A `RowTable` of either element type, for routines that convert each value to Float64 as they
/// read it (the values of a Float32 file are never widened into a copy).
public enum AnyRowTable: Sendable {
  case float32(RowTable<Float>)
  case float64(RowTable<Double>)

  public var rows: Int { switch self { case let .float32(t): t.rows; case let .float64(t): t.rows } }
  public var cols: Int { switch self { case let .float32(t): t.cols; case let .float64(t): t.cols } }

  /// Calls `body(values, rows)` for consecutive blocks of at most `blockRows` rows, in order:
  /// `values` holds rows `rows` widened to Float64, row-major (|rows|·d values), in one buffer
  /// reused from block to block — the way to stream a large table in O(blockRows·d) memory.
  /// (The centred-block iterator of `BLAS.centredGram`, about 0.)
  public func forEachBlock(rows blockRows: Int = 1024, _ body: (UnsafeBufferPointer<Double>, Range<Int>) throws -> Void) rethrows {
    let d = cols
    guard rows > 0, d > 0 else { return }
    let zero = [Double](repeating: 0, count: d), block = Swift.max(1, blockRows)
    switch self {
    case let .float32(t):
      try BLAS.forEachCentredBlock(t, mean: zero, block: block, as: Double.self) { try body(UnsafeBufferPointer(start: $0, count: $1.count * d), $1) }
    case let .float64(t):
      try BLAS.forEachCentredBlock(t, mean: zero, block: block, as: Double.self) { try body(UnsafeBufferPointer(start: $0, count: $1.count * d), $1) }
    }
  }

  /// Row `i` widened to Float64 (for scans that look at a few rows, not for bulk work).
  public func row(_ i: Int) -> [Double] {
    switch self {
    case let .float32(t): let r = t.row(i); return (0..<t.cols).map { Double(r[$0]) }
    case let .float64(t): let r = t.row(i); return (0..<t.cols).map { r[$0] }
    }
  }
}

extension Matrix where Scalar == Double {
  /// Calls `body` with a table over this matrix's rows.
  public func withRowTable<R>(_ body: (AnyRowTable) throws -> R) rethrows -> R {
    try storage.withUnsafeBytes { bytes in
      try body(.float64(RowTable(bytes: bytes, rows: rows, cols: cols)))
    }
  }
}
