import Foundation

/// The temperature grid of a sweep: the paper's α ∈ {1, 5, 10, …, 250} (51 values) by default,
/// or a list ("1,2,4") or a range "start:stop:step" (stop included when reached).
public struct TemperatureGrid: Sendable, Equatable {
  public let values: [Double]

  /// The paper's grid: 1, then 5 to 250 in steps of 5.
  public static let paper = TemperatureGrid(uncheckedValues: [1] + stride(from: 5.0, through: 250, by: 5).map { $0 })

  /// How far the converged protocol extends a grid whose best α sits on its edge (docs/sweep.md).
  public static let upperBound = 4096.0
  public static let lowerBound = 1.0 / 16

  /// The temperatures a grid may hold: 1e-3 … 1e4. Above 1e4 the Float32 cosines (resolution
  /// ≈ 6e-8) leave the logits α·cos an error above 6e-4 and every softmax saturated; below 1e-3
  /// the softmax differs from uniform by under 0.2 % and the loss by rounding. (The store and the
  /// progress text also assume values of ordinary size: `--alphas 1e20` trapped on an integer
  /// conversion, 1e39 overflowed Float32.)
  public static let allowed: ClosedRange<Double> = 1e-3...1e4

  init(uncheckedValues: [Double]) { values = uncheckedValues }

  /// Parses a list or a range; values must lie in `allowed`, without repeats.
  public init(parsing text: String) throws {
    let t = text.trimmingCharacters(in: .whitespaces)
    var v: [Double] = []
    if t.contains(":") {
      let parts = t.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == 3, let start = parts[0], let stop = parts[1], let step = parts[2], step > 0, stop >= start else {
        throw GridError("'\(text)' is not start:stop:step with step > 0 and stop ≥ start")
      }
      let steps = ((stop - start) / step + 1e-9).rounded(.down)
      guard steps.isFinite, steps < 10_000 else { throw GridError("'\(text)' has more than 10000 values") }
      let count = Int(steps) + 1
      v = (0..<count).map { start + Double($0) * step }
    } else {
      for part in t.split(separator: ",") {
        guard let x = Double(part.trimmingCharacters(in: .whitespaces)) else { throw GridError("'\(part)' is not a number") }
        v.append(x)
      }
    }
    guard !v.isEmpty else { throw GridError("the grid is empty") }
    for x in v where !(x.isFinite && x > 0) { throw GridError("temperatures must be positive and finite, got \(x)") }
    for x in v where !Self.allowed.contains(x) {
      throw GridError("temperatures must lie in 0.001…10000 (Float32 training cannot resolve the logits beyond), got \(x)")
    }
    guard Set(v).count == v.count else { throw GridError("the grid repeats a value") }
    values = v
  }

  /// A grid error, one line.
  public struct GridError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = "invalid temperature grid: " + d }
  }
}
