// swift-tools-version:6.0
import PackageDescription

// A user's own tempctl with one extra statistic, without forking tempctl.
let package = Package(
  name: "CustomStatistic",
  dependencies: [.package(name: "tempctl", path: "../..")],
  targets: [
    .executableTarget(name: "custom-tempctl", dependencies: [
      .product(name: "TempctlCLI", package: "tempctl"),
      .product(name: "StatPlugins", package: "tempctl"),
    ]),
  ],
  swiftLanguageModes: [.v5]
)
