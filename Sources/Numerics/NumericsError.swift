/// Failures reported by the C libraries behind `Numerics`, turned into typed errors.
public enum NumericsError: Error, CustomStringConvertible, Equatable {
  /// A LAPACK routine returned a non-zero `info`.
  case lapack(routine: String, info: Int32)
  /// A GSL routine returned a non-zero status code.
  case gsl(routine: String, status: Int32, message: String)
  /// A zlib routine returned an error status (a corrupt deflate stream, out of memory).
  case zlib(routine: String, status: Int32, message: String)
  /// libhdf5 could not open, list or read a file (its most specific message).
  case hdf5(String)
  /// Matrix shapes do not agree for the requested operation.
  case shapeMismatch(String)

  public var description: String {
    switch self {
    case let .lapack(routine, info):
      return info < 0
        ? "\(routine): argument \(-info) had an illegal value (LAPACK info \(info))"
        : "\(routine): the algorithm failed to converge (LAPACK info \(info))"
    case let .gsl(routine, status, message):
      return "\(routine): GSL error \(status): \(message)"
    case let .zlib(_, _, message):
      return message
    case let .hdf5(message):
      return message
    case let .shapeMismatch(message):
      return "shape mismatch: \(message)"
    }
  }
}
