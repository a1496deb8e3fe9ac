import ArgumentParser
import EmbeddingIO
import Foundation
import PluginHost

/// Where the embedding sets come from: paths, a zoo manifest, or an explicit .npy pair.
struct DataOptions: ParsableArguments {
  @Argument(help: "Embedding sets: .npz, .safetensors, .h5/.hdf5 or .csv files, or folders holding X.npy and y.npy.")
  var paths: [String] = []

  @Option(help: "A zoo manifest (zoo.json) listing embedding sets.")
  var zoo: String?

  @OptionGroup var manifestPolicy: ManifestPathPolicy

  @Option(help: "A features .npy file (use with --labels).")
  var features: String?

  @Option(help: "A labels .npy file (use with --features).")
  var labels: String?

  @Option(name: .customLong("x-key"), help: "Name of the features array in an .npz/.safetensors/HDF5 file (default X, else features; an HDF5 path such as emb/X).")
  var xKey: String?

  @Option(name: .customLong("y-key"), help: "Name of the labels array in an .npz/.safetensors/HDF5 file (default y, else labels).")
  var yKey: String?

  @Option(name: .customLong("label-column"), help: "CSV label column, by name or 0-based index (default: 'label', else the last).")
  var labelColumn: String?

  @Option(name: .customLong("split-seed"), help: "Seed of the stratified 80/20 train/validation split.")
  var splitSeed: UInt64 = 0

  func validate() throws {
    if (features == nil) != (labels == nil) { throw ValidationError("--features and --labels go together: give both .npy files") }
  }

  /// Whether any set was named.
  var isEmpty: Bool { paths.isEmpty && zoo == nil && features == nil }

  /// For commands that need data: at least one set.
  func requireSets() throws {
    if isEmpty { throw ValidationError("give at least one embedding set: a path, --zoo zoo.json, or --features X.npy --labels y.npy") }
  }

  var loadOptions: LoadOptions { LoadOptions(xKey: xKey, yKey: yKey, labelColumn: labelColumn, splitSeed: splitSeed) }

  /// The sets to process, in order, as (name, loader) so that each is loaded only when needed;
  /// a loader prints the set's warnings on standard error.
  /// The sets to read, each loaded when its closure runs. `deferringChecks`: the byte checks run
  /// beside the caller's first pass (`LoadOptions.deferChecks`); the caller must call
  /// `EmbeddingSet.verified()` before printing what it computed.
  func sources(deferringChecks: Bool = false) throws -> [(name: String, load: () throws -> EmbeddingSet)] {
    try rawSources(deferringChecks: deferringChecks).map { s in
      (s.name, { let set = try s.load(); Diagnostics.warn(set.warnings); return set })
    }
  }

  private func rawSources(deferringChecks: Bool) throws -> [(name: String, load: () throws -> EmbeddingSet)] {
    var out: [(String, () throws -> EmbeddingSet)] = []
    var options = loadOptions
    options.deferChecks = deferringChecks
    if let features, let labels {
      let name = URL(fileURLWithPath: features).deletingPathExtension().lastPathComponent
      out.append((name, { try DatasetLoader.loadPair(features: features, labels: labels, options: options) }))
    }
    // Sets are named by their file stem; where stems repeat (skdigits/raw.npz, letters/raw.npz),
    // by folder/stem.
    let stems = paths.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
    for (p, stem) in zip(paths, stems) {
      let url = URL(fileURLWithPath: p)
      let name = stems.filter { $0 == stem }.count > 1
        ? url.deletingLastPathComponent().lastPathComponent + "/" + stem : stem
      out.append((name, { try DatasetLoader.load(path: p, name: name, options: options) }))
    }
    if let zoo {
      let manifest = try manifestPolicy.manifest(at: zoo)
      for e in manifest.entries {
        out.append((e.name, { try DatasetLoader.load(path: e.path, name: e.name, options: options) }))
      }
    }
    return out
  }
}

/// `--plugins FILE`: which statistics are enabled, their order and options.
struct PluginsOption: ParsableArguments {
  @Option(name: .customLong("plugins"), help: "plugins.json to use (default: ./plugins.json if present, else every registered statistic).")
  var pluginsFile: String?

  func load(_ registry: PluginRegistry) throws -> PluginsFile {
    if let pluginsFile { return try PluginsFile(contentsOf: pluginsFile, registry: registry) }
    if FileManager.default.fileExists(atPath: "plugins.json") {
      return try PluginsFile(contentsOf: "plugins.json", registry: registry)
    }
    return try PluginsFile(allOf: registry)
  }
}
