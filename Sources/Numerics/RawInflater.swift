import CZipLib

/// A raw-deflate decoder (zlib's `inflate` with −15 window bits: deflate as zip stores it, no
/// zlib or gzip wrapper). The caller feeds input and output buffers; nothing here allocates
/// beyond zlib's own window.
public final class RawInflater {
  /// What one call did: bytes taken from the input, bytes written to the output, and whether the
  /// deflate stream has ended.
  public struct Step: Equatable {
    public let consumed: Int
    public let produced: Int
    public let ended: Bool
  }

  private var stream = z_stream()

  /// - Throws: `NumericsError.zlib` when zlib cannot start (out of memory).
  public init() throws {
    let status = inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw NumericsError.zlib(routine: "inflateInit2", status: status, message: "zlib failed to start") }
  }

  deinit { inflateEnd(&stream) }

  /// Inflates from `input` into `output` (each at most 1 GiB per call) until either is used up or
  /// the stream ends. A call that can make no progress (no input left, or no room) returns zero
  /// counts and is not an error: the caller tells a truncated stream from a full buffer.
  /// - Throws: `NumericsError.zlib` with zlib's message when the stream is corrupt.
  public func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws -> Step {
    let inCount = Swift.min(input.count, 1 << 30), outCount = Swift.min(output.count, 1 << 30)
    stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.avail_in = uInt(inCount)
    stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
    stream.avail_out = uInt(outCount)
    let status = CZipLib.inflate(&stream, Z_NO_FLUSH)
    let step = Step(consumed: inCount - Int(stream.avail_in), produced: outCount - Int(stream.avail_out),
                    ended: status == Z_STREAM_END)
    stream.next_in = nil; stream.avail_in = 0; stream.next_out = nil; stream.avail_out = 0
    switch status {
    case Z_OK, Z_STREAM_END, Z_BUF_ERROR: return step
    default:
      throw NumericsError.zlib(routine: "inflate", status: status,
                               message: stream.msg.map { String(cString: $0) } ?? "inflate error \(status)")
    }
  }
}
