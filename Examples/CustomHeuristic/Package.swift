// swift-tools-version:6.0
import PackageDescription

// A user's own tempctl with one extra temperature heuristic, without forking tempctl
// (docs/adding-a-heuristic.md).
let package = Package(
  name: "CustomHeuristic",
  dependencies: [.package(name: "tempctl", path: "../..")],
  targets: [
    .executableTarget(name: "custom-heuristic", dependencies: [
      .product(name: "TempctlCLI", package: "tempctl"),
      .product(name: "Study", package: "tempctl"),
    ]),
  ],
  swiftLanguageModes: [.v5]
)
