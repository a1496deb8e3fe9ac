import ArgumentParser
import EmbeddingIO
import Foundation
import Study

extension RegressionTarget: ExpressibleByArgument {}

/// Options shared by the study commands (correlate, select, compare, report, study).
struct StudyOptions: ParsableArguments {
  @Option(help: "The zoo manifest (default: the embedded example zoo, Examples/zoo/zoo.json).")
  var zoo: String?

  @OptionGroup var manifestPolicy: ManifestPathPolicy

  @Option(help: "Regression target: alpha or log-alpha.")
  var target: RegressionTarget = .logAlpha

  @Option(help: "Number of best statistics for the middle row of Table 1 and for the fitted-bestk heuristic.")
  var k: Int = 4

  @Option(help: "Permutations of Table 1's test of the whole select-and-fit pipeline (α* shuffled across sets; the smallest p is 1/(N+1)); 0 skips the test.")
  var permutations: Int = PipelinePermutationTest.defaultPermutations

  func validate() throws {
    guard k >= 1 else { throw ValidationError("--k must be at least 1, got \(k)") }
    guard (0...1_000_000).contains(permutations) else { throw ValidationError("--permutations must be in 0...1000000, got \(permutations)") }
  }

  /// The manifest, read under `--allow-outside-paths`'s policy.
  func manifest() throws -> ZooManifest { try manifestPolicy.manifest(at: try zooPath()) }

  /// The manifest path: --zoo, else the embedded zoo found from the working directory or beside the binary.
  func zooPath() throws -> String {
    if let zoo { return zoo }
    var candidates = [FileManager.default.currentDirectoryPath + "/Examples/zoo/zoo.json"]
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<4 { candidates.append(dir.appendingPathComponent("Examples/zoo/zoo.json").path); dir = dir.deletingLastPathComponent() }
    guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
      throw ValidationError("no --zoo given and the embedded zoo (Examples/zoo/zoo.json) was not found; run from the repository root or pass --zoo")
    }
    return found
  }
}
