import Foundation
import Numerics

/// Riemannian Newton steps in Float64 that finish a converged-protocol run on a small problem
/// (d·C ≤ `limit` parameters), after L-BFGS has stopped.
///
/// Why: on small ill-conditioned sets at large α, L-BFGS in Float32 creeps, then its progress
/// rule stops it above the minimum (letters-standardised at α = 150: 4e-4 above the float64
/// minimum, five validation rows off; a float64 L-BFGS of the same kind is still 7e-4 above after
/// 3000 iterations — the problem is the conditioning, not only the arithmetic). With few
/// parameters the exact Hessian is cheap, and Newton's method converges quadratically whatever the
/// conditioning.
///
/// With Û the unit columns, Z = α·X̂Û, P = softmax(Z) row by row and Y the one-hot labels:
///
///     f = (1/(α·N))·Σ_i (logsumexp(z_i) − z_iy),   g = ∂f/∂Û = X̂ᵀ(P − Y)/N,
///     μ_c = û_cᵀg_c,   R_c = g_c − μ_c·û_c   (the Riemannian gradient),
///     H[(c,j),(c′,k)] = (α/N)·Σ_i x̂_ij·x̂_ik·p_ic·(δ_cc′ − p_ic′)   (the Euclidean Hessian),
///
/// and the Riemannian Hessian on the product of unit spheres is Π·H·Π − diag(μ_c)·Π, Π_c = I − û_cû_cᵀ.
/// The step v solves (Π·H·Π − diag(μ_c)·Π + λ·Π + Σ_c û_cû_cᵀ)·v = −R by Cholesky; the last term
/// keeps the matrix regular in the normal directions, where −R has no component, so v is
/// tangent. λ = 0 first, then 1e-12·max|H_ii| growing ×10 while the matrix is not positive
/// definite. The columns move to (û_c + t·v_c)/‖û_c + t·v_c‖, t halved from 1 until
/// f(t) ≤ f + 10⁻⁴·t·Rᵀv. Stops when max|R| ≤ `tolerance`, when no step lowers f, or after `maxSteps`.
/// - Complexity: per step N·C²·d² flops for H plus (d·C)³/3 for the factorisation.
struct NewtonPolish {
  /// Largest number of parameters d·C polished (the factorisation of a 1024² matrix: 0.36 Gflop).
  static let limit = 1024

  let x: Matrix<Double>
  let labels: [Int]
  let classes: Int
  /// The temperature polished at; set it for each run (the Float64 copy of X is made once).
  var alpha: Double

  init(data: PreparedSplit, alpha: Double) {
    x = Matrix(rows: data.trainCount, cols: data.dimension, storage: data.train.map(Double.init))
    labels = data.trainLabels.map(Int.init)
    classes = data.classCount
    self.alpha = alpha
  }

  static func applies(to data: PreparedSplit) -> Bool { data.dimension * data.classCount <= limit && data.trainCount > 0 }

  struct Point {
    /// Unit columns, d × C row-major.
    var u: Matrix<Double>
    var loss: Double
    var probabilities: Matrix<Double>
    /// R, d × C.
    var riemannian: Matrix<Double>
    var mu: [Double]
    var riemannianMax: Double
  }

  /// The result: unit columns, the loss, max|R| and the Newton steps taken.
  struct Outcome { var u: Matrix<Double>; var loss: Double; var riemannianMax: Double; var steps: Int }

  func polish(_ w: [Float], tolerance: Double, maxSteps: Int = 30) -> Outcome {
    BLAS.singleThreaded {
      var p = point(Self.unitColumns(w, d: x.cols, c: classes))
      var steps = 0
      while steps < maxSteps, p.riemannianMax > tolerance, let q = next(p) {
        p = q
        steps += 1
      }
      return Outcome(u: p.u, loss: p.loss, riemannianMax: p.riemannianMax, steps: steps)
    }
  }

  /// One damped Newton step from p, or nil when it finds no point with a lower f (or a smaller
  /// gradient at an equal f).
  func next(_ p: Point) -> Point? {
    guard let v = step(p) else { return nil }
    let d = x.cols
    let slope = v.indices.reduce(0.0) { $0 + p.riemannian[$1 % d, $1 / d] * v[$1] }
    guard slope < 0 else { return nil }
    var t = 1.0
    for _ in 0..<40 {
      let q = point(moved(p.u, v, t))
      if q.loss <= p.loss + 1e-4 * t * slope {
        return q.loss < p.loss || q.riemannianMax < p.riemannianMax ? q : nil
      }
      t /= 2
    }
    return nil
  }

  /// The Euclidean norms of the columns of w (d × C row-major), accumulated in Float64.
  static func columnNorms(_ w: [Float], d: Int, c: Int) -> [Double] {
    (0..<c).map { k in (0..<d).reduce(0.0) { s, i in let v = Double(w[i * c + k]); return s + v * v }.squareRoot() }
  }

  /// w with unit columns (a zero column stays zero), in Float64.
  static func unitColumns(_ w: [Float], d: Int, c: Int) -> Matrix<Double> {
    let norms = columnNorms(w, d: d, c: c)
    var u = Matrix<Double>(rows: d, cols: c)
    for k in 0..<c {
      for i in 0..<d { u[i, k] = norms[k] > 0 ? Double(w[i * c + k]) / norms[k] : Double(w[i * c + k]) }
    }
    return u
  }

  /// Columns (û_c + t·v_c)/‖·‖, v class-major (v[c·d + j]).
  func moved(_ u: Matrix<Double>, _ v: [Double], _ t: Double) -> Matrix<Double> {
    let d = u.rows, c = u.cols
    var out = Matrix<Double>(rows: d, cols: c)
    for k in 0..<c {
      var s = 0.0
      for i in 0..<d { let e = u[i, k] + t * v[k * d + i]; out[i, k] = e; s += e * e }
      let n = s.squareRoot()
      for i in 0..<d { out[i, k] /= n }
    }
    return out
  }

  /// f, P, R, μ at unit columns u.
  func point(_ u: Matrix<Double>) -> Point {
    let n = x.rows, d = x.cols, c = classes
    var z = try! BLAS.product(x, .none, u)
    var loss = 0.0
    for i in 0..<n {
      var m = -Double.infinity
      for k in 0..<c { z[i, k] *= alpha; m = Swift.max(m, z[i, k]) }
      var s = 0.0
      for k in 0..<c { s += Foundation.exp(z[i, k] - m) }
      let lse = m + Foundation.log(s)
      loss += lse - z[i, labels[i]]
      for k in 0..<c { z[i, k] = Foundation.exp(z[i, k] - lse) }
    }
    loss /= alpha * Double(n)
    let probabilities = z
    var gdiff = z
    for i in 0..<n {
      gdiff[i, labels[i]] -= 1
      for k in 0..<c { gdiff[i, k] /= Double(n) }
    }
    var r = try! BLAS.product(x, .transpose, gdiff)
    var mu = [Double](repeating: 0, count: c)
    var rmax = 0.0
    for k in 0..<c {
      var m = 0.0
      for j in 0..<d { m += u[j, k] * r[j, k] }
      mu[k] = m
      for j in 0..<d { r[j, k] -= m * u[j, k]; rmax = Swift.max(rmax, abs(r[j, k])) }
    }
    return Point(u: u, loss: loss, probabilities: probabilities, riemannian: r, mu: mu, riemannianMax: rmax)
  }

  /// The Newton step (class-major), or nil when no damping makes the system positive definite.
  func step(_ p: Point) -> [Double]? {
    let n = x.rows, d = x.cols, c = classes, size = d * c
    var h = Matrix<Double>(rows: size, cols: size)
    var weighted = Matrix<Double>(rows: n, cols: d)
    for a in 0..<c {
      for b in a..<c {
        for i in 0..<n {
          let pa = p.probabilities[i, a], wgt = alpha / Double(n) * pa * ((a == b ? 1 : 0) - p.probabilities[i, b])
          for j in 0..<d { weighted[i, j] = wgt * x[i, j] }
        }
        var block = try! BLAS.product(x, .transpose, weighted)
        // Π_a·H_ab·Π_b = H − û_a(û_aᵀH) − (Hû_b)û_bᵀ + (û_aᵀHû_b)·û_aû_bᵀ.
        var left = [Double](repeating: 0, count: d), right = [Double](repeating: 0, count: d), both = 0.0
        for j in 0..<d { for k in 0..<d { left[k] += p.u[j, a] * block[j, k]; right[j] += block[j, k] * p.u[k, b] } }
        for j in 0..<d { both += p.u[j, a] * right[j] }
        for j in 0..<d {
          for k in 0..<d {
            block[j, k] += -p.u[j, a] * left[k] - right[j] * p.u[k, b] + both * p.u[j, a] * p.u[k, b]
          }
        }
        for j in 0..<d { for k in 0..<d { h[a * d + j, b * d + k] = block[j, k]; h[b * d + k, a * d + j] = block[j, k] } }
      }
    }
    var scale = 0.0
    for i in 0..<size { scale = Swift.max(scale, abs(h[i, i])) }
    let rhs = (0..<size).map { -p.riemannian[$0 % d, $0 / d] }
    var lambda = 0.0
    for _ in 0..<30 {
      var m = h
      for a in 0..<c {
        let shift = lambda - p.mu[a]
        for j in 0..<d {
          for k in 0..<d {
            let uu = p.u[j, a] * p.u[k, a]
            m[a * d + j, a * d + k] += shift * ((j == k ? 1 : 0) - uu) + uu
          }
        }
      }
      if let v = try? CholeskySolve.solve(m, rhs) { return v }
      lambda = lambda == 0 ? Swift.max(1e-12 * scale, 1e-300) : lambda * 10
    }
    return nil
  }
}
