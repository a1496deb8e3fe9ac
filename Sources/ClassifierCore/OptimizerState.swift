import Foundation
import Numerics

/// Per-parameter optimiser state and the update rule, in Float32 like PyTorch.
///
/// A step is `begin()` once, then `apply` on any number of disjoint element ranges — from
/// several threads at once: each range reads and writes only its own state.
final class OptimizerState: @unchecked Sendable {
  let kind: OptimizerKind
  let lr: Float, momentum: Float, beta1: Float, beta2: Float, eps: Float
  let count: Int
  /// SGD momentum buffer, or Adam's m.
  private let first: UnsafeMutablePointer<Float>
  /// Adam's v (unused by SGD).
  private let second: UnsafeMutablePointer<Float>
  private(set) var step = 0
  private var stepSize: Float = 0, bias2Root: Float = 1

  init(_ c: TrainingConfiguration, count: Int) {
    kind = c.optimizer
    lr = Float(c.learningRate); momentum = Float(c.momentum)
    beta1 = Float(c.beta1); beta2 = Float(c.beta2); eps = Float(c.epsilon)
    self.count = count
    first = Self.zeroed(count: max(count, 1))
    second = Self.zeroed(count: kind == .adam ? max(count, 1) : 1)
  }

  deinit { first.deallocate(); second.deallocate() }

  private static func zeroed(count: Int) -> UnsafeMutablePointer<Float> {
    let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
    Parallel.zero(UnsafeMutableRawBufferPointer(start: p, count: count * MemoryLayout<Float>.stride))
    return p
  }

  /// Starts a step: counts it and fixes Adam's bias corrections 1 − β₁ᵗ, 1 − β₂ᵗ.
  func begin() {
    step += 1
    if kind == .adam {
      stepSize = lr / (1 - Float(pow(Double(beta1), Double(step))))
      bias2Root = (1 - Float(pow(Double(beta2), Double(step)))).squareRoot()
    }
  }

  /// Updates parameters `offset ..< offset + n` of the vector whose element 0 is at `params`,
  /// with their gradients at the same offsets of `grad`.
  func apply(_ params: UnsafeMutablePointer<Float>, _ grad: UnsafePointer<Float>, offset: Int, count n: Int) {
    precondition(step > 0 && offset >= 0 && offset + n <= count)
    let p = UnsafeMutableBufferPointer(start: params + offset, count: n), g = UnsafeBufferPointer(start: grad + offset, count: n)
    let m = UnsafeMutableBufferPointer(start: first + offset, count: n)
    switch kind {
    case .sgd: TrainingKernels.sgdMomentum(p, gradient: g, momentumBuffer: m, momentum: momentum, learningRate: lr)
    case .adam:
      TrainingKernels.adam(p, gradient: g, first: m, second: UnsafeMutableBufferPointer(start: second + offset, count: n),
                           beta1: beta1, beta2: beta2, epsilon: eps, stepSize: stepSize, bias2Root: bias2Root)
    }
  }

  /// One whole step on all `count` parameters.
  func update(_ params: UnsafeMutablePointer<Float>, _ grad: UnsafePointer<Float>) {
    begin()
    apply(params, grad, offset: 0, count: count)
  }
}
