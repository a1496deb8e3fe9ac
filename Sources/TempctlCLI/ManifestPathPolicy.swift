import ArgumentParser
import EmbeddingIO
import Foundation

/// `--allow-outside-paths`, shared by every command that reads a zoo manifest: whether the
/// manifest may name sets outside its own folder, and reading the manifest under that policy.
struct ManifestPathPolicy: ParsableArguments {
  @Flag(name: .customLong("allow-outside-paths"), help: "Let the zoo manifest name sets outside its own folder (absolute paths, ..).")
  var allowOutsidePaths = false

  /// The manifest at `path`; its warnings (the same file twice) go to standard error.
  func manifest(at path: String) throws -> ZooManifest {
    let m = try ZooManifest(contentsOf: path, allowOutsidePaths: allowOutsidePaths)
    Diagnostics.warn(m.warnings)
    return m
  }
}
