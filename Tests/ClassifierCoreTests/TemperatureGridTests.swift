import ClassifierCore
import Testing

@Suite struct TemperatureGridTests {
  @Test func paperGridHas51Values() {
    let g = TemperatureGrid.paper.values
    #expect(g.count == 51)
    #expect(g.first == 1 && g[1] == 5 && g.last == 250)
  }

  @Test func theBoundsThemselvesAreAllowed() throws {
    #expect(try TemperatureGrid(parsing: "0.001,10000").values == [0.001, 10000])
    do { _ = try TemperatureGrid(parsing: "1,1e20"); Issue.record("1e20 accepted") } catch {
      #expect("\(error)".contains("0.001…10000"), "\(error)")
    }
  }

  @Test func parsesRangesAndLists() throws {
    #expect(try TemperatureGrid(parsing: "5:20:5").values == [5, 10, 15, 20])
    #expect(try TemperatureGrid(parsing: "1, 2.5,30").values == [1, 2.5, 30])
  }

  @Test(arguments: ["", "0,1", "-3", "1:0:1", "1:5:0", "a,b", "1,1", "1:1e9:1e-3", "0:1e300:1e-300",
                    "1e20", "1e39", "1e-45", "5,20000", "0.0005,1", "nan", "inf"])
  func rejectsBadGrids(text: String) {
    #expect(throws: TemperatureGrid.GridError.self) { try TemperatureGrid(parsing: text) }
  }
}
