/// How the columns of W = [W_α1 … W_αT] (T slots of C columns) are divided between the parts
/// of a training step, so that every part does the same amount of GEMM work whatever T is.
///
/// Part p owns columns [⌊p·TC/P⌋, ⌊(p+1)·TC/P⌋): its share of both GEMMs, of the normalisation,
/// of the gradient through it and of the update. The softmax of a slot belongs to the part that
/// owns the slot's first column. A slot cut by a boundary costs two waits: its softmax waits for
/// the forward products of the parts that hold its other columns, and those parts' backward
/// products on its columns wait for its softmax. Every number of a slot is formed the same way
/// whatever the layout: each column of a GEMM is a dot product over the same k in the same order.
struct PartLayout {
  let parts: Int, slots: Int, classes: Int

  var columnCount: Int { slots * classes }

  /// The columns part `p` owns.
  func columns(_ p: Int) -> Range<Int> { (columnCount * p / parts)..<(columnCount * (p + 1) / parts) }

  /// The part that owns column `j`.
  func owner(ofColumn j: Int) -> Int {
    (0..<parts).first { columns($0).contains(j) } ?? parts - 1
  }

  /// The slots whose softmax part `p` computes: those whose first column it owns.
  func softmaxSlots(_ p: Int) -> Range<Int> {
    let cols = columns(p)
    return ceilDiv(cols.lowerBound, classes)..<ceilDiv(cols.upperBound, classes)
  }

  /// Of `softmaxSlots(p)`, the slots lying wholly in the part's columns, and the last one if it
  /// runs past them (with the parts that hold the rest of its columns).
  func softmaxPlan(_ p: Int) -> (inner: Range<Int>, spanning: (slot: Int, parts: ClosedRange<Int>)?) {
    let own = softmaxSlots(p), hi = columns(p).upperBound
    let innerEnd = Swift.max(own.lowerBound, Swift.min(own.upperBound, hi / classes))
    guard innerEnd < own.upperBound else { return (own, nil) }
    let lastColumn = (innerEnd + 1) * classes - 1
    return (own.lowerBound..<innerEnd, (innerEnd, (p + 1)...owner(ofColumn: lastColumn)))
  }

  /// Part `p`'s columns split into those of slots whose softmax is its own or later (`free`) and
  /// the leading columns of a slot that an earlier part's softmax owns (`waiting`, with that part).
  func backwardPlan(_ p: Int) -> (free: Range<Int>, waiting: (columns: Range<Int>, owner: Int)?) {
    let cols = columns(p)
    let firstOwn = Swift.min(cols.upperBound, ceilDiv(cols.lowerBound, classes) * classes)
    guard firstOwn > cols.lowerBound else { return (cols, nil) }
    let owner = owner(ofColumn: (cols.lowerBound / classes) * classes)
    return (firstOwn..<cols.upperBound, (cols.lowerBound..<firstOwn, owner))
  }

  private func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
