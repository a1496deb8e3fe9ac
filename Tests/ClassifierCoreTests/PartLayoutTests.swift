import Testing
@testable import ClassifierCore

@Suite struct PartLayoutTests {
  /// For many shapes: the parts' columns tile 0..<TC with equal shares (±1), every slot's softmax
  /// has exactly one owner, a spanning slot names exactly the parts holding its other columns,
  /// and a part's backward waits only on columns of a slot owned by an earlier part.
  @Test(arguments: [(51, 100, 2), (52, 100, 2), (3, 100, 2), (1, 100, 2), (1, 3, 2), (7, 10, 3), (2, 5, 4), (51, 100, 5)])
  func partitionsColumnsAndSlots(slots: Int, classes: Int, parts: Int) {
    let layout = PartLayout(parts: parts, slots: slots, classes: classes)
    var covered: [Int] = [], owners = [Int](repeating: 0, count: slots)
    for p in 0..<parts {
      let cols = layout.columns(p)
      #expect(abs(cols.count - slots * classes / parts) <= 1)
      covered += Array(cols)
      for t in layout.softmaxSlots(p) { owners[t] += 1 }
      let plan = layout.softmaxPlan(p)
      #expect(plan.inner.lowerBound == layout.softmaxSlots(p).lowerBound)
      for t in plan.inner { #expect(cols.contains(t * classes) && cols.contains((t + 1) * classes - 1)) }
      if let s = plan.spanning {
        #expect(plan.inner.upperBound == s.slot && s.slot + 1 == layout.softmaxSlots(p).upperBound)
        let holders = Set((s.slot * classes..<(s.slot + 1) * classes).map(layout.owner(ofColumn:))).subtracting([p])
        #expect(holders == Set(s.parts))
      }
      let back = layout.backwardPlan(p)
      var backCols = Array(back.free)
      if let w = back.waiting {
        backCols = Array(w.columns) + backCols
        #expect(w.owner < p && layout.softmaxSlots(w.owner).contains(w.columns.lowerBound / classes))
        #expect(w.columns.upperBound == back.free.lowerBound)
      }
      #expect(backCols == Array(cols))
      // Free columns belong to slots this part or a later one owns.
      for j in back.free { #expect(layout.owner(ofColumn: (j / classes) * classes) >= p) }
    }
    #expect(covered == Array(0..<(slots * classes)))
    #expect(owners.allSatisfy { $0 == 1 })
  }
}
