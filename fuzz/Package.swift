// swift-tools-version:6.0
import Foundation
import PackageDescription

/// libFuzzer harnesses over tempctl's parsers of untrusted input. Built and run by
/// `scripts/fuzz.sh` (with `-sanitize=fuzzer,address`); not part of the main package so that a
/// normal `swift build` never needs libFuzzer.
///
/// The parent package's identity is its folder's name, whatever the clone is called.
let parent = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
  name: "tempctl-fuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(name: "tempctl-fuzz", dependencies: [
      .product(name: "EmbeddingIO", package: parent),
      .product(name: "PluginHost", package: parent),
      .product(name: "StatPlugins", package: parent),
    ]),
  ],
  swiftLanguageModes: [.v5]
)
