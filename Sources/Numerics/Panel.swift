/// A rows × cols window of row-major storage whose rows lie `stride` elements apart, checked on
/// creation to fit inside the buffer it views: the shape-checked operand of `BLAS.sgemm` and of
/// the training kernels (`TrainingKernels`). A panel borrows its memory: it is valid while the
/// buffer it was made from is.
public struct Panel<Element> {
  /// The first element (row 0, column 0); nil only for an empty panel.
  let start: UnsafePointer<Element>?
  public let rows: Int
  public let cols: Int
  /// Elements from one row to the next (≥ cols; BLAS's leading dimension).
  public let stride: Int

  /// The first `rows` rows of `cols` values of `buffer`, rows `stride` elements apart (default:
  /// cols, i.e. contiguous).
  /// - Precondition: the window lies inside the buffer.
  public init(_ buffer: UnsafeBufferPointer<Element>, rows: Int, cols: Int, stride: Int? = nil) {
    let stride = stride ?? cols
    precondition(rows >= 0 && cols >= 0 && stride >= cols, "panel \(rows) × \(cols) with row stride \(stride)")
    precondition(rows == 0 || cols == 0 || (rows - 1) * stride + cols <= buffer.count,
                 "panel \(rows) × \(cols) (stride \(stride)) does not fit in \(buffer.count) elements")
    self.init(start: buffer.baseAddress, rows: rows, cols: cols, stride: stride)
  }

  init(start: UnsafePointer<Element>?, rows: Int, cols: Int, stride: Int) {
    self.start = start; self.rows = rows; self.cols = cols; self.stride = stride
  }

  /// Columns `range` of every row.
  public func columns(_ range: Range<Int>) -> Panel {
    precondition(range.lowerBound >= 0 && range.upperBound <= cols, "columns \(range) of \(cols)")
    return Panel(start: start.map { $0 + range.lowerBound }, rows: rows, cols: range.count, stride: stride)
  }

  /// Rows `range`.
  public func rows(_ range: Range<Int>) -> Panel {
    precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) of \(rows)")
    return Panel(start: start.map { $0 + range.lowerBound * stride }, rows: range.count, cols: cols, stride: stride)
  }

  /// Row `i` as a buffer of `cols` values.
  public func row(_ i: Int) -> UnsafeBufferPointer<Element> {
    precondition(i >= 0 && i < rows, "row \(i) of \(rows)")
    return UnsafeBufferPointer(start: start.map { $0 + i * stride }, count: cols)
  }
}

/// A `Panel` whose elements may be written.
public struct MutablePanel<Element> {
  let start: UnsafeMutablePointer<Element>?
  public let rows: Int
  public let cols: Int
  public let stride: Int

  /// The first `rows` rows of `cols` values of `buffer`, rows `stride` elements apart.
  /// - Precondition: the window lies inside the buffer.
  public init(_ buffer: UnsafeMutableBufferPointer<Element>, rows: Int, cols: Int, stride: Int? = nil) {
    let view = Panel(UnsafeBufferPointer(buffer), rows: rows, cols: cols, stride: stride)
    self.init(start: buffer.baseAddress, rows: rows, cols: cols, stride: view.stride)
  }

  init(start: UnsafeMutablePointer<Element>?, rows: Int, cols: Int, stride: Int) {
    self.start = start; self.rows = rows; self.cols = cols; self.stride = stride
  }

  /// The same window, read-only.
  public var readOnly: Panel<Element> { Panel(start: start.map { UnsafePointer($0) }, rows: rows, cols: cols, stride: stride) }

  /// The mutable panel over the same elements as `view` (whose window its own checks made).
  private init(_ view: Panel<Element>) {
    self.init(start: view.start.map { UnsafeMutablePointer(mutating: $0) }, rows: view.rows, cols: view.cols, stride: view.stride)
  }

  /// Columns `range` of every row.
  public func columns(_ range: Range<Int>) -> MutablePanel { MutablePanel(readOnly.columns(range)) }

  /// Rows `range`.
  public func rows(_ range: Range<Int>) -> MutablePanel { MutablePanel(readOnly.rows(range)) }

  /// Row `i` as a buffer of `cols` values.
  public func row(_ i: Int) -> UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(mutating: readOnly.row(i)) }
}
