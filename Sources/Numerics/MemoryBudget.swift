import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How much more memory this process may map before an allocation fails: the address-space
/// limit (`ulimit -v`, `RLIMIT_AS`) minus what is mapped already (`/proc/self/statm`). A Swift
/// array whose allocation fails traps, so work whose size is known in advance — a set's Float64
/// copy — is checked against this first and refused with one line instead.
public enum MemoryBudget {
  /// The bytes still mappable under `RLIMIT_AS`, or nil when there is no such limit.
  public static var addressSpaceLeft: Int? {
    #if os(Linux)
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
    let cap = Int(clamping: limit.rlim_cur)
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .ascii),
          let pages = statm.split(separator: " ").first.flatMap({ Int($0) }) else { return cap }
    return Swift.max(0, cap - pages * Int(sysconf(Int32(_SC_PAGESIZE))))
    #else
    return nil
    #endif
  }

  /// Human-readable bytes: "3.2 GB".
  public static func describe(_ bytes: Int) -> String {
    bytes >= 1 << 30 ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30)) : String(format: "%.0f MB", Double(bytes) / Double(1 << 20))
  }
}
