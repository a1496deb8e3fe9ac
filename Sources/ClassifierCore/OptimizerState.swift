import Foundation

/// Per-parameter optimiser state and the update rule, in Float32 like PyTorch.
struct OptimizerState {
  let kind: OptimizerKind
  let lr: Float, momentum: Float, beta1: Float, beta2: Float, eps: Float
  var first: [Float]    // SGD momentum buffer, or Adam's m
  var second: [Float]   // Adam's v
  var step = 0

  init(_ c: TrainingConfiguration, count: Int) {
    kind = c.optimizer
    lr = Float(c.learningRate); momentum = Float(c.momentum)
    beta1 = Float(c.beta1); beta2 = Float(c.beta2); eps = Float(c.epsilon)
    first = [Float](repeating: 0, count: count)
    second = kind == .adam ? [Float](repeating: 0, count: count) : []
  }

  /// Applies one update to `params` with gradient `grad` (same length).
  mutating func update(_ params: UnsafeMutablePointer<Float>, _ grad: UnsafePointer<Float>, count n: Int) {
    step += 1
    switch kind {
    case .sgd:
      let mu = momentum, lr = lr
      first.withUnsafeMutableBufferPointer { buf in
        for i in 0..<n {
          let v = mu * buf[i] + grad[i]
          buf[i] = v
          params[i] -= lr * v
        }
      }
    case .adam:
      let b1 = beta1, b2 = beta2, eps = eps
      let bias1 = 1 - Float(pow(Double(b1), Double(step)))
      let bias2 = 1 - Float(pow(Double(b2), Double(step)))
      let stepSize = lr / bias1
      let bias2Root = bias2.squareRoot()
      first.withUnsafeMutableBufferPointer { m in
        second.withUnsafeMutableBufferPointer { v in
          for i in 0..<n {
            let g = grad[i]
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            params[i] -= stepSize * m[i] / (v[i].squareRoot() / bias2Root + eps)
          }
        }
      }
    }
  }
}
