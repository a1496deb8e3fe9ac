import Numerics

/// The curvature pairs of limited-memory BFGS (Nocedal & Wright, Algorithm 7.4) for one
/// temperature: the last `capacity` steps s = x₊ − x and gradient changes y = g₊ − g (Float32,
/// like PyTorch's LBFGS), with dot products accumulated in Float64 (`TrainingKernels.wideDot`).
struct LBFGSMemory {
  let capacity: Int
  private(set) var s: [[Float]] = []
  private(set) var y: [[Float]] = []
  private var rho: [Double] = []
  /// H₀ = γ·I with γ = sᵀy/yᵀy of the newest pair.
  private var gamma = 1.0

  init(capacity: Int) { self.capacity = Swift.max(1, capacity) }

  var isEmpty: Bool { s.isEmpty }

  mutating func reset() { s = []; y = []; rho = []; gamma = 1 }

  /// Adds a pair if it has positive curvature (sᵀy > 1e-10·yᵀy); returns whether it did.
  @discardableResult
  mutating func push(step: [Float], change: [Float]) -> Bool {
    let sy = Self.dot(step, change), yy = Self.dot(change, change)
    guard sy > 1e-10 * yy, sy.isFinite, yy > 0 else { return false }
    if s.count == capacity { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
    s.append(step); y.append(change); rho.append(1 / sy)
    gamma = sy / yy
    return true
  }

  /// The quasi-Newton direction −H·g (two-loop recursion).
  /// - Complexity: 4·m·n flops for m pairs of n parameters.
  func direction(_ g: [Float]) -> [Float] {
    var q = g.map { -$0 }
    var a = [Double](repeating: 0, count: s.count)
    let n = q.count
    q.withUnsafeMutableBufferPointer { q in
      let qr = UnsafeBufferPointer(q)
      for i in stride(from: s.count - 1, through: 0, by: -1) {
        s[i].withUnsafeBufferPointer { a[i] = rho[i] * TrainingKernels.wideDot($0, qr) }
        y[i].withUnsafeBufferPointer { TrainingKernels.axpy(q, Float(-a[i]), $0) }
      }
      let g32 = Float(gamma)
      for j in 0..<n { q[j] *= g32 }
      for i in s.indices {
        let b = y[i].withUnsafeBufferPointer { rho[i] * TrainingKernels.wideDot($0, qr) }
        s[i].withUnsafeBufferPointer { TrainingKernels.axpy(q, Float(a[i] - b), $0) }
      }
    }
    return q
  }

  static func dot(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count)
    return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in TrainingKernels.wideDot(pa, pb) } }
  }
}
