import ClassifierCore
import Testing

@Suite struct TemperatureGridTests {
  @Test func paperGridHas51Values() {
    let g = TemperatureGrid.paper.values
    #expect(g.count == 51)
    #expect(g.first == 1 && g[1] == 5 && g.last == 250)
  }

  @Test func parsesRangesAndLists() throws {
    #expect(try TemperatureGrid(parsing: "5:20:5").values == [5, 10, 15, 20])
    #expect(try TemperatureGrid(parsing: "1, 2.5,30").values == [1, 2.5, 30])
  }

  @Test(arguments: ["", "0,1", "-3", "1:0:1", "1:5:0", "a,b", "1,1", "1:1e9:1e-3"])
  func rejectsBadGrids(text: String) {
    #expect(throws: TemperatureGrid.GridError.self) { try TemperatureGrid(parsing: text) }
  }
}
