import ClassifierCore
import EmbeddingIO
import Foundation
import StudyEngine
import Testing
@testable import TempctlCLI

/// The one machine-output convention (docs/cli.md): JSON Lines, CSV headed by the JSON keys,
/// numbers at full precision, missing values empty; the live line never wider than the terminal;
/// the cost model's arithmetic.
@Suite struct MachineOutputTests {
  static let records: [JSONValue] = [
    .object([("name", .string("a,b")), ("alpha", .number(0.1 + 0.2)), ("std", .null), ("plateau", .array([.number(1), .number(2.5)])),
             ("statistics", .object([("dim", .number(3)), ("mean", .number(1e-7))]))]),
    .object([("name", .string("say \"hi\"")), ("alpha", .number(7)), ("extra", .bool(true))]),
  ]

  @Test func jsonLinesOneObjectPerLine() throws {
    let lines = MachineOutput.jsonLines(Self.records).split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0] == #"{"name": "a,b", "alpha": 0.30000000000000004, "std": null, "plateau": [1, 2.5], "statistics": {"dim": 3, "mean": 1e-07}}"#)
    for l in lines { #expect(try JSONParser.parse(String(l)) != .null) }
  }

  @Test func csvHeaderIsTheUnionOfKeysAndCellsAreFullPrecision() {
    let text = MachineOutput.csv(Self.records, inline: ["statistics"])
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines == [
      "name,alpha,std,plateau,dim,mean,extra",
      #""a,b",0.30000000000000004,,"[1, 2.5]",3,1e-07,"#,
      #""say ""hi""",7,,,,,true"#,
    ])
    #expect(Double("0.30000000000000004") == 0.1 + 0.2)   // the round trip the cell promises
  }

  @Test func csvOfNoRecordsIsAnEmptyHeader() {
    #expect(MachineOutput.csv([]) == "")
  }

  @Test(arguments: [20, 36, 50, 80, 200])
  func progressLineFitsTheTerminal(columns: Int) {
    let line = SweepProgress.line(fraction: 0.4, label: "[3/18] letters/random-mlp-with-a-long-name seed 2/5",
                                  text: "α 45/51 iteration 1200 best 0.7321", eta: "  ETA 12m05s", columns: columns)
    #expect(line.count <= max(columns - 1, 10), "\(line.count) > \(columns - 1): \(line)")
    #expect(line.hasSuffix("ETA 12m05s") || columns < 24)
    if columns >= 200 { #expect(line.contains("iteration 1200") && line.hasPrefix(String(repeating: "█", count: 9))) }
  }

  @Test func costCountsTwoGEMMsPerStepAndTheValidationOnce() {
    var c = TrainingConfiguration()
    c.alphas = [1, 10]
    let cost = SweepCost(units: [(1000, 200, 64, 10, 1)], configuration: c, historyIterations: 50)
    let expected: Double = 2 * (4 * 1000 * 64 * 10 * 50 + 2 * 200 * 64 * 10)
    #expect(cost.flops == expected)
    #expect(cost.iterationsFromHistory && cost.units == 1 && cost.flopsPerSecond > 0)
    let prior = SweepCost(units: [(1000, 200, 64, 10, 1)], configuration: c, historyIterations: nil)
    #expect(prior.iterationsPerRun == SweepCost.priorIterations && prior.summary.contains("a prior"))
    c.trainingProtocol = .paper
    c.epochs = 7
    let paper: Double = 2 * (4 * 1000 * 64 * 10 * 7 + 2 * 200 * 64 * 10 * 7)   // validation after every epoch
    #expect(SweepCost(units: [(1000, 200, 64, 10, 1)], configuration: c, historyIterations: 50).flops == paper)
    // With finished units of the configuration in the store, the ETA is their seconds per n·d·C.
    // (at least the shortest finished unit's seconds each).
    let measured = SweepCost(units: [(1000, 200, 64, 10, 1), (500, 100, 32, 4, 1)], configuration: c, historyIterations: nil,
                             secondsPerWork: 1e-6, shortestUnit: 0.2)
    #expect(abs(measured.seconds - (1e-6 * 1000 * 64 * 10 + 0.2)) < 1e-12 && measured.summary.contains("finished units"))
  }

  @Test func seedRanges() {
    #expect(StoreListing.seedList([0, 1, 2, 4, 6, 7]) == "0-2,4,6-7")
    #expect(StoreListing.seedList([]) == "")
  }
}
