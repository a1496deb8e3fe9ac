import Testing
@testable import Numerics

@Suite struct WorkerTeamTests {
  /// Parts that wait for each other's progress in both directions finish (they run side by
  /// side), and every part runs once per job, for many jobs on one team.
  @Test func partsWaitingForEachOtherFinish() {
    let team = WorkerTeam(size: 3), flags = ProgressFlags(count: 3)
    var hits = [Int](repeating: 0, count: 3)
    for job in Int64(1)...200 {
      hits.withUnsafeMutableBufferPointer { out in
        team.run { p in
          // 0 waits for 2, 2 waits for 1, 1 waits for 0's publication after its own wait.
          switch p {
          case 0: flags.await(2, atLeast: job); flags.publish(0, job)
          case 1: flags.publish(1, job); flags.await(0, atLeast: job)
          default: flags.await(1, atLeast: job); flags.publish(2, job)
          }
          out[p] += 1
        }
      }
    }
    #expect(hits == [200, 200, 200])
  }

  @Test func zeroedIsZero() {
    let a = Parallel.zeroed(Float.self, count: 3_000_001)
    #expect(a.count == 3_000_001 && a.allSatisfy { $0 == 0 })
    #expect(Parallel.zeroed(Double.self, count: 0).isEmpty)
  }
}
