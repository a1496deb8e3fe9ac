import Foundation
import Numerics

/// Inflates a deflated `.npz` member (raw deflate, as zip stores it) under three bounds, all
/// checked before the memory they protect is used:
///
/// 1. the size the zip directory claims (`claimed`) — never exceeded, and the stream must
///    produce exactly that many bytes;
/// 2. the size the member's own NPY header implies (header + shape × item size), read from the
///    first inflated bytes — must equal `claimed`, else the member is refused before the rest is
///    inflated;
/// 3. memory — until the first two agree the buffer holds only what the stream has produced
///    (growing by doubling, from at most 64 MiB); once they agree the whole member is reserved
///    at once (address space: pages are committed as output arrives, and `NPZArchive` has
///    refused claims above deflate's 1032:1 beforehand). A failed allocation is an error, not a trap.
struct NPYMemberInflater {
  let member: String
  let source: String
  let path: String

  private func fail(_ reason: String) -> DataError { .corruptZip(path: path, reason: "member \(member) \(reason)") }

  func inflate(_ compressed: Data, claimed: Int) throws -> Data {
    let inflater: RawInflater
    do { inflater = try RawInflater() } catch { throw fail("cannot be inflated: zlib failed to start") }
    let buffer = GrowableBuffer()
    return try compressed.withUnsafeBytes { input -> Data in
      var consumed = 0, released = 0
      var finished = false
      /// Inflates until `buffer` holds `target` bytes or the stream ends.
      func produce(upTo target: Int) throws {
        while buffer.count < target && !finished {
          if buffer.count == buffer.capacity { try buffer.grow(toward: target, member: member, path: path) }
          // The compressed bytes already inflated are not needed again: out of the resident set
          // with them (the file is memory-mapped), so a member costs its output, not twice.
          if consumed - released >= 64 << 20 {
            MemoryAdvice.doneReading(UnsafeRawBufferPointer(rebasing: input[released..<consumed])); released = consumed
          }
          let step: RawInflater.Step
          do {
            step = try inflater.inflate(UnsafeRawBufferPointer(rebasing: input[consumed...]),
                                        into: UnsafeMutableRawBufferPointer(start: buffer.base! + buffer.count, count: buffer.capacity - buffer.count))
          } catch let error as NumericsError {
            throw fail("is corrupt: \(error)")
          }
          consumed += step.consumed
          buffer.count += step.produced
          finished = step.ended
          // No progress possible: either the input is used up (a truncated stream) or there is
          // no room (the loop condition ends it).
          if step.consumed == 0 && step.produced == 0 && !finished && consumed >= input.count {
            throw fail("is truncated: its deflate stream ends early")
          }
        }
      }
      // The header first: its own length, then the whole header, then what it implies.
      try produce(upTo: Swift.min(claimed, 12))
      guard let end = try NPYLayout.headerEnd(of: buffer.data(), source: source) else {
        throw fail("holds \(buffer.count) bytes, too few for an NPY header")
      }
      guard end <= claimed else { throw fail("has an NPY header of \(end) bytes but the zip directory claims \(claimed) bytes in all") }
      try produce(upTo: end)
      let layout = try NPYLayout(prefix: buffer.data(), source: source)
      let (implied, overflow) = layout.headerEnd.addingReportingOverflow(layout.payloadBytes)
      guard !overflow, implied == claimed else {
        throw fail("has a header implying \(overflow ? "more than 2^63" : String(implied)) bytes but the zip directory claims \(claimed)")
      }
      // Both bounds agree: reserve the whole member at once (address space only — pages are
      // touched as output arrives), so it is never copied while it grows.
      try buffer.grow(toward: claimed, minimum: claimed, member: member, path: path)
      try produce(upTo: claimed)
      guard buffer.count == claimed else { throw fail("inflates to \(buffer.count) bytes; its header claims \(claimed)") }
      if !finished {
        // Full, but the stream has not ended: one more byte would be past the claimed size.
        var extra: UInt8 = 0
        let step = try? withUnsafeMutableBytes(of: &extra) { out in
          try inflater.inflate(UnsafeRawBufferPointer(rebasing: input[consumed...]), into: out)
        }
        if let step, step.produced > 0 { throw fail("inflates past the \(claimed) bytes its header claims") }
        if step?.ended != true { throw fail("is truncated or corrupt after \(claimed) bytes") }
      }
      return buffer.take()
    }
  }
}

/// A malloc'd byte buffer that grows by doubling (from at most 64 MiB) and fails with an error,
/// not a trap, when the system refuses the memory. Freed with the object unless `take()`n.
private final class GrowableBuffer {
  var base: UnsafeMutablePointer<UInt8>?
  var capacity = 0
  var count = 0

  deinit { free(base) }

  func grow(toward target: Int, minimum: Int = 0, member: String, path: String) throws {
    guard target > capacity else { return }
    let next = Swift.min(target, Swift.max(capacity * 2, 64 << 20, minimum))
    guard next > capacity, let p = realloc(base, next) else {
      throw DataError.corruptZip(path: path, reason: "member \(member): cannot allocate \(next) bytes to inflate it")
    }
    base = p.assumingMemoryBound(to: UInt8.self)
    capacity = next
  }

  /// A copy-free view of the bytes so far (valid until the next `grow`).
  func data() -> Data {
    guard let base else { return Data() }
    return Data(bytesNoCopy: base, count: count, deallocator: .none)
  }

  /// The bytes, owned by the returned `Data` (freed with it).
  func take() -> Data {
    guard let b = base else { return Data() }
    base = nil
    return Data(bytesNoCopy: b, count: count, deallocator: .free)
  }
}
