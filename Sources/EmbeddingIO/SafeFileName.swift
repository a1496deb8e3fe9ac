/// File names made from names nobody checked (dataset names in a zoo manifest, set names from
/// file stems): never a path, never hidden, never too long, and distinct for distinct names.
///
/// A name made only of `A–Z a–z 0–9 . _ -`, not starting with `.`, at most 64 characters, is
/// kept as it is (so the usual names give the usual files: `fig2-letters.svg`). Any other name
/// becomes its allowed characters (others → `_`, at most 48) followed by `-` and 8 hex digits of
/// its FNV-1a hash, so `a/b` and `a_b` do not meet. `stems(for:)` resolves what is left (equal
/// up to case, for case-insensitive file systems) with `-2`, `-3`, ….
public enum SafeFileName {
  static let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")

  public static func stem(_ name: String) -> String {
    if !name.isEmpty, name.count <= 64, !name.hasPrefix("."), name.allSatisfy(allowed.contains) { return name }
    let kept = String(name.prefix(48).map { allowed.contains($0) ? $0 : "_" })
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in name.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
    let hex = String(UInt32(truncatingIfNeeded: hash ^ (hash >> 32)), radix: 16)
    return (kept.hasPrefix(".") ? "_" + kept.dropFirst() : kept) + "-" + String(repeating: "0", count: 8 - hex.count) + hex
  }

  /// A distinct stem for every distinct name, in the order given.
  public static func stems(for names: [String]) -> [String: String] {
    var out: [String: String] = [:]
    var used = Set<String>()
    for name in names where out[name] == nil {
      let base = stem(name)
      var candidate = base, n = 1
      while used.contains(candidate.lowercased()) { n += 1; candidate = "\(base)-\(n)" }
      used.insert(candidate.lowercased())
      out[name] = candidate
    }
    return out
  }
}
