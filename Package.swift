// swift-tools-version:6.0
import PackageDescription

/// tempctl: which softmax temperature should a linear probe use on these embeddings?
///
/// Dependencies point one way (each target lists exactly what it imports):
///   tempctl → TempctlCLI, Numerics (to restart under the right OpenBLAS kernels: `BLASCoreType`)
///   TempctlCLI → StudyEngine, Study, ResultsStore, PluginHost, StatPlugins, ClassifierCore, EmbeddingIO, Numerics, ArgumentParser
///   StudyEngine → Study, ResultsStore, PluginHost, StatPlugins, ClassifierCore, EmbeddingIO, Numerics
///     (sweeps into the store, the study and its heuristic evaluation; progress through StudyObserver)
///   Study → EmbeddingIO, Numerics
///   ResultsStore → ClassifierCore, GRDB
///   PluginHost → StatPlugins, EmbeddingIO, Numerics
///   StatPlugins → ClassifierCore (the landmarking statistic trains the probe), EmbeddingIO, Numerics
///   ClassifierCore → EmbeddingIO, Numerics (the kernels through Numerics' TrainingKernels)
///   EmbeddingIO → Numerics (zlib and libhdf5 through it), ZIPFoundation (writing .npz)
///   Numerics → CBLAS, CGSL, CLeastSquares, CKernels, CZipLib, CHDF5: the only target that imports C
let package = Package(
  name: "tempctl",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "tempctl", targets: ["tempctl"]),
    .library(name: "TempctlCLI", targets: ["TempctlCLI"]),
    .library(name: "StudyEngine", targets: ["StudyEngine"]),
    .library(name: "Study", targets: ["Study"]),
    .library(name: "ClassifierCore", targets: ["ClassifierCore"]),
    .library(name: "ResultsStore", targets: ["ResultsStore"]),
    .library(name: "StatPlugins", targets: ["StatPlugins"]),
    .library(name: "PluginHost", targets: ["PluginHost"]),
    .library(name: "EmbeddingIO", targets: ["EmbeddingIO"]),
    .library(name: "Numerics", targets: ["Numerics"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // C libraries: one system-library target each, imported only by Numerics.
    .systemLibrary(name: "CBLAS", path: "Sources/CBLAS",
                   providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
    .systemLibrary(name: "CGSL", path: "Sources/CGSL", pkgConfig: nil,
                   providers: [.apt(["libgsl-dev"])]),
    // zlib: inflating and checksumming .npz members (Numerics: RawInflater, CRC32Checksum).
    .systemLibrary(name: "CZipLib", path: "Sources/CZipLib", providers: [.apt(["zlib1g-dev"])]),
    // libhdf5 (serial): reading .h5/.hdf5 embedding sets (Numerics: HDF5Reader).
    .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
    // Single-precision inner loops, compiled per instruction set and chosen at load time.
    .target(name: "CKernels"),
    // GSL's multifit behind a plain-array C function (its header clashes with OpenBLAS's cblas.h).
    .target(name: "CLeastSquares", linkerSettings: [.linkedLibrary("gsl")]),
    .target(name: "Numerics", dependencies: ["CBLAS", "CGSL", "CLeastSquares", "CKernels", "CZipLib", "CHDF5"]),
    .target(name: "EmbeddingIO", dependencies: [
      "Numerics", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
    ]),
    .target(name: "StatPlugins", dependencies: ["Numerics", "EmbeddingIO", "ClassifierCore"]),
    .target(name: "PluginHost", dependencies: ["StatPlugins", "EmbeddingIO", "Numerics"]),
    .target(name: "ClassifierCore", dependencies: ["Numerics", "EmbeddingIO"]),
    .target(name: "ResultsStore", dependencies: ["ClassifierCore", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(name: "Study", dependencies: ["Numerics", "EmbeddingIO"],
            resources: [.copy("Resources")]),
    .target(name: "StudyEngine", dependencies: [
      "Study", "ResultsStore", "PluginHost", "StatPlugins", "ClassifierCore", "EmbeddingIO", "Numerics",
    ]),
    .target(name: "TempctlCLI", dependencies: [
      "StudyEngine", "PluginHost", "StatPlugins", "EmbeddingIO", "ClassifierCore", "ResultsStore", "Study", "Numerics",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
    .executableTarget(name: "tempctl", dependencies: ["TempctlCLI", "Numerics"]),
    .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
    .testTarget(name: "EmbeddingIOTests", dependencies: ["EmbeddingIO", "Numerics"], resources: [.copy("Fixtures")]),
    .testTarget(name: "StatPluginsTests", dependencies: ["StatPlugins", "PluginHost", "EmbeddingIO", "Numerics"],
                resources: [.copy("Fixtures")]),
    .testTarget(name: "PluginHostTests", dependencies: ["PluginHost", "StatPlugins", "EmbeddingIO", "Numerics"]),
    .testTarget(name: "StudyTests", dependencies: ["Study", "Numerics"], resources: [.copy("Fixtures")]),
    .testTarget(name: "TempctlCLITests", dependencies: [
      "TempctlCLI", "StudyEngine", "EmbeddingIO", "PluginHost", "ClassifierCore",
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ]),
    .testTarget(name: "ClassifierCoreTests", dependencies: ["ClassifierCore", "EmbeddingIO", "Numerics"], resources: [.copy("Fixtures")]),
    .testTarget(name: "StudyEngineTests", dependencies: ["StudyEngine", "Study", "ResultsStore", "PluginHost", "ClassifierCore", "EmbeddingIO", "Numerics"]),
    .testTarget(name: "ResultsStoreTests", dependencies: ["ResultsStore", "ClassifierCore", "EmbeddingIO"]),
  ],
  swiftLanguageModes: [.v5]
)
