/// The temperature grid of a sweep: the paper's α ∈ {1, 5, 10, …, 250} (51 values) by default,
/// or a list ("1,2,4") or a range "start:stop:step" (stop included when reached).
public struct TemperatureGrid: Sendable, Equatable {
  public let values: [Double]

  /// The paper's grid: 1, then 5 to 250 in steps of 5.
  public static let paper = TemperatureGrid(uncheckedValues: [1] + stride(from: 5.0, through: 250, by: 5).map { $0 })

  /// How far the converged protocol extends a grid whose best α sits on its edge (docs/sweep.md).
  public static let upperBound = 4096.0
  public static let lowerBound = 1.0 / 16

  init(uncheckedValues: [Double]) { values = uncheckedValues }

  /// Parses a list or a range; values must be positive and finite, without repeats.
  public init(parsing text: String) throws {
    let t = text.trimmingCharacters(in: .whitespaces)
    var v: [Double] = []
    if t.contains(":") {
      let parts = t.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard parts.count == 3, let start = parts[0], let stop = parts[1], let step = parts[2], step > 0, stop >= start else {
        throw GridError("'\(text)' is not start:stop:step with step > 0 and stop ≥ start")
      }
      let count = Int(((stop - start) / step + 1e-9).rounded(.down)) + 1
      guard count <= 10_000 else { throw GridError("'\(text)' has \(count) values; at most 10000") }
      v = (0..<count).map { start + Double($0) * step }
    } else {
      for part in t.split(separator: ",") {
        guard let x = Double(part.trimmingCharacters(in: .whitespaces)) else { throw GridError("'\(part)' is not a number") }
        v.append(x)
      }
    }
    guard !v.isEmpty else { throw GridError("the grid is empty") }
    for x in v where !(x.isFinite && x > 0) { throw GridError("temperatures must be positive and finite, got \(x)") }
    guard Set(v).count == v.count else { throw GridError("the grid repeats a value") }
    values = v
  }

  /// A grid error, one line.
  public struct GridError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = "invalid temperature grid: " + d }
  }
}

import Foundation
