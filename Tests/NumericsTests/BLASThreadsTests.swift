import Dispatch
import Foundation
@testable import Numerics
import Testing

/// `BLAS.singleThreaded`'s scopes, on a stand-in for OpenBLAS's process-wide thread count (the real
/// one is shared with tests running in parallel): scopes that overlap on two threads in the order
/// that leaks with a save-set-restore per scope (A enters, B enters, A leaves, B leaves) restore
/// the count; inside any open scope it is 1.
@Suite struct BLASThreadsTests {
  @Test func overlappingScopesRestoreTheThreadCount() {
    let count = ThreadCount(4)
    let scopes = SingleThreadedScopes(get: { count.value }, set: { count.value = $0 })
    let aEntered = DispatchSemaphore(value: 0), bEntered = DispatchSemaphore(value: 0)
    let aLeft = DispatchSemaphore(value: 0), done = DispatchGroup()
    let inside = ThreadCount(0)
    done.enter()
    Thread {
      scopes.enter(); inside.value += count.value; aEntered.signal(); bEntered.wait(); scopes.leave()
      aLeft.signal(); done.leave()
    }.start()
    done.enter()
    Thread {
      aEntered.wait()
      scopes.enter(); bEntered.signal(); aLeft.wait()
      inside.value += count.value  // A has left; B's scope is still open
      scopes.leave()
      done.leave()
    }.start()
    done.wait()
    #expect(inside.value == 2, "the count inside both scopes is 1")
    #expect(count.value == 4)
  }

  @Test func nestedScopesRestoreTheThreadCount() {
    let count = ThreadCount(3)
    let scopes = SingleThreadedScopes(get: { count.value }, set: { count.value = $0 })
    scopes.enter(); scopes.enter()
    #expect(count.value == 1)
    scopes.leave()
    #expect(count.value == 1)
    scopes.leave()
    #expect(count.value == 3)
  }

  @Test func theRealScopeRunsItsBodyAndReturnsItsValue() throws {
    #expect(BLAS.singleThreaded { BLAS.threadCount } == 1)
    struct Boom: Error {}
    #expect(throws: Boom.self) { try BLAS.singleThreaded { throw Boom() } }
  }
}

/// A thread count shared by the test's threads.
final class ThreadCount: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Int32
  init(_ v: Int32) { stored = v }
  var value: Int32 {
    get { lock.lock(); defer { lock.unlock() }; return stored }
    set { lock.lock(); stored = newValue; lock.unlock() }
  }
}
