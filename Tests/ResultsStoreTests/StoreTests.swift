import ClassifierCore
import Foundation
import ResultsStore
import Testing

/// The store: resume after SIGKILL, concurrent writers, shards + merge = unsharded, bad files —
/// under both training protocols.
@Suite(.serialized) struct StoreTests {
  static let dir: URL = {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("tempctl-store-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
  }()
  static var binary: URL { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tempctl") }

  static func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

  @discardableResult
  static func run(_ args: [String], wait: Bool = true, environment: [String: String] = [:]) throws -> Process {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    if wait { p.waitUntilExit() }
    return p
  }

  static let set: String = {
    let p = path("set.npz")
    try! run(["synth", "--n", "1500", "--d", "48", "--classes", "6", "--seed", "3", "--spread", "0.4", "-o", p])
    return p
  }()
  static let second: String = {
    let p = path("second.npz")
    try! run(["synth", "--n", "400", "--d", "12", "--classes", "4", "--seed", "4", "-o", p])
    return p
  }()

  static func sweepArgs(_ p: TrainingProtocol) -> [String] {
    p == .paper ? ["--protocol", "paper", "--seeds", "4", "--epochs", "12", "--alphas", "1:100:3", "--quiet"]
      : ["--seeds", "4", "--alphas", "1:100:3", "--no-extend", "--quiet"]
  }

  /// Every run of a store, keyed by set, seed and slot, for exact comparison.
  static func snapshot(_ store: String, sets: [String], _ p: TrainingProtocol) throws -> [String: [RunResult]] {
    let s = try ResultsStore(path: store)
    var config = TrainingConfiguration()
    config.trainingProtocol = p
    config.epochs = 12
    config.extendGrid = false
    config.alphas = try TemperatureGrid(parsing: "1:100:3").values
    var out: [String: [RunResult]] = [:]
    for hash in try setHashes(sets) {
      for (seed, runs) in try s.runs(setHash: hash, configurationHash: config.hash) { out["\(hash)/\(seed)"] = runs }
    }
    return out
  }

  static func setHashes(_ sets: [String]) throws -> [String] {
    try sets.map { PreparedSplit(try EmbeddingIO.DatasetLoader.load(path: $0)).contentHash }
  }

  static let references: [TrainingProtocol: [String: [RunResult]]] = Dictionary(uniqueKeysWithValues: TrainingProtocol.allCases.map { p in
    let store = path("reference-\(p.rawValue).sqlite")
    try! run(["sweep", set, second, "--store", store] + sweepArgs(p))
    return (p, try! snapshot(store, sets: [set, second], p))
  })

  @Test(arguments: TrainingProtocol.allCases)
  func uninterruptedReferenceIsComplete(_ p: TrainingProtocol) throws {
    let reference = Self.references[p]!
    #expect(reference.count == 8)
    #expect(reference.values.allSatisfy { $0.count == 34 })
    // Converged runs carry their convergence record; paper runs their curves.
    if p == .converged { #expect(reference.values.joined().allSatisfy { $0.iterations > 0 && $0.validationCorrect.count > 0 && $0.curve.isEmpty }) }
    else { #expect(reference.values.joined().allSatisfy { $0.curve.count == 12 && $0.iterations == 0 }) }
  }

  @Test(arguments: TrainingProtocol.allCases)
  func resumesAfterSIGKILLWithoutDuplicatesOrPartialUnits(_ proto: TrainingProtocol) throws {
    let store = Self.path("killed-\(proto.rawValue).sqlite")
    // Killed right after its third unit is committed (a deterministic point: TEMPCTL_TEST_SIGNAL_AFTER_UNITS).
    let p = try Self.run(["sweep", Self.set, Self.second, "--store", store] + Self.sweepArgs(proto), wait: true,
                         environment: ["TEMPCTL_TEST_SIGNAL_AFTER_UNITS": "3:KILL"])
    #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL)
    #expect(try ResultsStore(path: store).counts().units == 3)
    let partial = try ResultsStore(path: store).counts()
    #expect(partial.runs == partial.units * 34, "only whole units are stored")
    try Self.run(["sweep", Self.set, Self.second, "--store", store] + Self.sweepArgs(proto))
    let resumed = try ResultsStore(path: store).counts()
    #expect(resumed.units == 8 && resumed.runs == 8 * 34)
    #expect(try Self.snapshot(store, sets: [Self.set, Self.second], proto) == Self.references[proto]!)
  }

  @Test(arguments: TrainingProtocol.allCases)
  func twoProcessesOnOneStore(_ proto: TrainingProtocol) throws {
    let store = Self.path("shared-\(proto.rawValue).sqlite")
    let a = try Self.run(["sweep", Self.set, Self.second, "--store", store] + Self.sweepArgs(proto), wait: false)
    let b = try Self.run(["sweep", Self.second, Self.set, "--store", store] + Self.sweepArgs(proto), wait: false)
    a.waitUntilExit(); b.waitUntilExit()
    #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
    let c = try ResultsStore(path: store).counts()
    #expect(c.units == 8 && c.runs == 8 * 34)
    #expect(try Self.snapshot(store, sets: [Self.set, Self.second], proto) == Self.references[proto]!)
  }

  @Test(arguments: TrainingProtocol.allCases)
  func threeShardsInParallelMergeToTheUnshardedResult(_ proto: TrainingProtocol) throws {
    let shards = (0..<3).map { Self.path("shard\($0)-\(proto.rawValue).sqlite") }
    let procs = try (0..<3).map { i in
      try Self.run(["sweep", Self.set, Self.second, "--store", shards[i], "--shard", "\(i)/3"] + Self.sweepArgs(proto), wait: false)
    }
    for p in procs { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
    let counts = try shards.map { try ResultsStore(path: $0).counts().units }
    #expect(counts == [3, 3, 2])
    let merged = Self.path("merged-\(proto.rawValue).sqlite")
    try Self.run(["merge"] + shards + ["-o", merged])
    #expect(try Self.snapshot(merged, sets: [Self.set, Self.second], proto) == Self.references[proto]!)
  }

  /// A blocked sweep (`--alpha-block`: 34 temperatures in blocks of 8, plus the extension
  /// block) split over three shards, merged, then rerun once on the merged store to train the
  /// extension blocks the shards had to leave: exactly the store of the same sweep in one process.
  @Test func shardedBlockedSweepMergesToTheUnshardedResult() throws {
    let args = ["--seeds", "2", "--alphas", "1:100:3", "--alpha-block", "8", "--quiet"]
    let whole = Self.path("blocked-whole.sqlite")
    try Self.run(["sweep", Self.set, Self.second, "--store", whole] + args)
    let shards = (0..<3).map { Self.path("blocked-shard\($0).sqlite") }
    let procs = try (0..<3).map { i in
      try Self.run(["sweep", Self.set, Self.second, "--store", shards[i], "--shard", "\(i)/3"] + args, wait: false)
    }
    for p in procs { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
    // 2 sets × 2 seeds × (5 grid blocks + 1 extension block) = 24 blocks: no shard holds a whole unit.
    #expect(try shards.map { try ResultsStore(path: $0).counts().units } == [0, 0, 0])
    let merged = Self.path("blocked-merged.sqlite")
    try Self.run(["merge"] + shards + ["-o", merged])
    try Self.run(["sweep", Self.set, Self.second, "--store", merged] + args)
    var config = TrainingConfiguration()
    config.alphas = try TemperatureGrid(parsing: "1:100:3").values
    config.chainLength = 8
    let a = try ResultsStore(path: whole), b = try ResultsStore(path: merged)
    for hash in try Self.setHashes([Self.set, Self.second]) {
      let reference = try a.runs(setHash: hash, configurationHash: config.hash)
      #expect(reference.count == 2 && reference.values.allSatisfy { $0.count >= 34 })
      #expect(try b.runs(setHash: hash, configurationHash: config.hash) == reference)
    }
    #expect(try b.counts() == a.counts())
  }

  /// A schema-1 store (before the converged protocol's columns) is upgraded in place: its paper
  /// runs read back unchanged, with the new fields at their paper-run defaults.
  @Test func schemaOneStoreIsUpgradedInPlace() throws {
    let store = Self.path("schema1.sqlite")
    try Self.run(["sweep", Self.second, "--store", store, "--seeds", "1", "--protocol", "paper", "--epochs", "2", "--alphas", "1,2", "--quiet"])
    var config = TrainingConfiguration()
    config.trainingProtocol = .paper
    config.epochs = 2
    config.alphas = [1, 2]
    let hash = try Self.setHashes([Self.second])[0]
    let before = try ResultsStore(path: store).runs(setHash: hash, configurationHash: config.hash)[0]!
    // Back to schema 1: drop the columns schemas 2 and 3 added (units rebuilt with their old key).
    let q = Process()
    q.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    q.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('\(store)'); "
      + "[c.execute('alter table runs drop column ' + k) for k in ('converged', 'iterations', 'grad_norm', 'correct', 'block')]; "
      + "c.execute('create table u1 (set_hash TEXT NOT NULL, config_hash TEXT NOT NULL, seed INTEGER NOT NULL, "
      + "finished_at REAL NOT NULL, seconds REAL NOT NULL, PRIMARY KEY (set_hash, config_hash, seed))'); "
      + "c.execute('insert into u1 select set_hash, config_hash, seed, finished_at, seconds from units'); "
      + "c.execute('drop table units'); c.execute('alter table u1 rename to units'); "
      + "c.execute(\"update meta set value = '1' where key = 'schema_version'\"); c.commit()"]
    q.standardError = FileHandle.nullDevice
    try q.run(); q.waitUntilExit()
    try #require(q.terminationStatus == 0, "python3 with sqlite3 ≥ 3.35 is needed to build a schema-1 store")
    let after = try ResultsStore(path: store).runs(setHash: hash, configurationHash: config.hash)[0]!
    #expect(after == before)
    #expect(after.allSatisfy { $0.converged && $0.iterations == 0 && $0.gradientNorm.isNaN && $0.validationCorrect.isEmpty })
    #expect(try ResultsStore(path: store).counts() == (1, 2))
  }

  @Test func mergeKeepsEveryConfigurationAndRefusesOnlyAConflict() throws {
    let a = Self.path("cfg-a.sqlite"), b = Self.path("cfg-b.sqlite"), out = Self.path("cfg-out.sqlite")
    // A holds two configurations (paper and converged), B a third.
    try Self.run(["sweep", Self.second, "--store", a, "--seeds", "1", "--protocol", "paper", "--epochs", "2", "--alphas", "1,2", "--quiet"])
    try Self.run(["sweep", Self.second, "--store", a, "--seeds", "1", "--alphas", "1,2", "--quiet"])
    try Self.run(["sweep", Self.second, "--store", b, "--seeds", "1", "--alphas", "3,4", "--quiet"])
    let (status, err) = try Self.runCapturing(["merge", a, b, "-o", out])
    #expect(status == 0, "\(err)")
    let merged = try ResultsStore(path: out)
    #expect(try merged.configurationHashes().count == 3)
    #expect(try merged.counts().units == 3)
    // Merging again adds nothing; the output as an input is refused and left alone.
    #expect(try ResultsStore(path: out).merge(from: [try ResultsStore(path: a, readOnly: true)]) == 0)
    let (again, againErr) = try Self.runCapturing(["merge", a, out, "-o", out])
    #expect(again != 0 && againErr.contains("both an input and the output"))
    // A conflict: the same unit with other numbers (one run's accuracy edited).
    let c = Self.path("cfg-c.sqlite")
    try FileManager.default.copyItem(atPath: b, toPath: c)
    let edit = Process()
    edit.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    edit.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('\(c)'); c.execute('update runs set best_accuracy = best_accuracy + 0.01 where slot = 0'); c.commit()"]
    try edit.run(); edit.waitUntilExit()
    try #require(edit.terminationStatus == 0)
    let fresh = Self.path("cfg-conflict.sqlite")
    let (conflict, conflictErr) = try Self.runCapturing(["merge", b, c, "-o", fresh])
    #expect(conflict != 0 && conflictErr.contains("with different runs") && conflictErr.contains("cfg-c.sqlite"), "\(conflictErr)")
    #expect(!FileManager.default.fileExists(atPath: fresh), "a failed merge leaves no new output behind")
  }

  @Test func aReadOnlyStoreReadsEverythingCachedAndRefusesWrites() throws {
    let path = Self.path("ro.sqlite")
    try Self.run(["sweep", Self.second, "--store", path, "--seeds", "1", "--alphas", "1,2", "--quiet"])
    let writable = try ResultsStore(path: path)
    let hashes = try writable.configurationHashes()
    let ro = try ResultsStore(path: path, readOnly: true)
    #expect(ro.isReadOnly)
    #expect(try ro.configurationHashes() == hashes && ro.counts() == writable.counts())
    #expect(throws: StoreError.self) {
      try ro.saveStatistics(setHash: "x", pluginsHash: "y", [.init(id: "dim", value: 1, note: nil)])
    }
    do { try ro.saveStatistics(setHash: "x", pluginsHash: "y", []) } catch let e as StoreError {
      #expect(e.description.contains("read-only"))
    }
  }

  @Test func ctrlCSaysHowManyUnitsWereSavedAndARerunResumes() throws {
    let store = Self.path("interrupted.sqlite")
    // Ctrl-C right after the second unit is committed (TEMPCTL_TEST_SIGNAL_AFTER_UNITS), not on a timer.
    let p = Process()
    p.executableURL = Self.binary
    p.arguments = ["sweep", Self.set, Self.second, "--store", store] + Self.sweepArgs(.converged)
    p.environment = ProcessInfo.processInfo.environment.merging(["TEMPCTL_TEST_SIGNAL_AFTER_UNITS": "2:INT"]) { _, new in new }
    let err = Pipe()
    p.standardError = err; p.standardOutput = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationReason == .exit && p.terminationStatus == 130)
    let saved = try ResultsStore(path: store).counts().units
    #expect(saved == 2)
    #expect(text.contains("interrupted: 2 of 8 units saved to \(store)"), "\(text)")
    #expect(text.contains("Rerun the same command to resume"))
    try Self.run(["sweep", Self.set, Self.second, "--store", store] + Self.sweepArgs(.converged))
    #expect(try Self.snapshot(store, sets: [Self.set, Self.second], .converged) == Self.references[.converged]!)
  }

  @Test func holdingsListEverySetAndConfiguration() throws {
    _ = Self.references   // builds the reference stores, whatever test runs first
    let s = try ResultsStore(path: Self.path("reference-converged.sqlite"), readOnly: true)
    let h = try s.holdings()
    #expect(h.count == 2)
    #expect(Set(h.map(\.set.name)) == ["set", "second"])
    #expect(h.allSatisfy { $0.seeds == [0, 1, 2, 3] && $0.runs == 4 * 34 && $0.unconvergedRuns == 0 && $0.configurationText.hasPrefix("protocol=converged") })
    #expect(try s.history(configurationHash: h[0].configurationHash).map { ($0.iterations ?? 0) > 0 && $0.secondsPerWork > 0 && $0.shortestUnit > 0 && $0.units == 8 } == true)
    #expect(try s.history(configurationHash: "nothing") == nil)
  }

  static func runCapturing(_ args: [String]) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    let err = Pipe()
    p.standardError = err; p.standardOutput = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return (p.terminationStatus, text)
  }

  @Test func corruptAndForeignFilesGiveClearErrors() throws {
    let junk = Self.path("junk.sqlite")
    try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: junk))
    #expect(throws: StoreError.self) { try ResultsStore(path: junk) }
    do { _ = try ResultsStore(path: junk) } catch let e as StoreError {
      #expect(e.description.contains("not a readable tempctl store"))
    }
    // A valid SQLite file of another application, then one of another schema version.
    let foreign = Self.path("foreign.sqlite")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('\(foreign)'); c.execute('create table t (x)'); c.commit()"]
    try p.run(); p.waitUntilExit()
    if p.terminationStatus == 0 {
      #expect(throws: StoreError.self) { try ResultsStore(path: foreign) }
    }
    let old = Self.path("old.sqlite")
    let s = try ResultsStore(path: old)
    _ = s
    let q = Process()
    q.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    q.arguments = ["python3", "-c", "import sqlite3; c = sqlite3.connect('\(old)'); c.execute(\"update meta set value = '0' where key = 'schema_version'\"); c.commit()"]
    try q.run(); q.waitUntilExit()
    if q.terminationStatus == 0 {
      do { _ = try ResultsStore(path: old); Issue.record("expected a schema error") } catch let e as StoreError {
        #expect(e.description.contains("schema 0 is not the schema \(ResultsStore.schemaVersion)"))
      }
    }
  }
}

import EmbeddingIO
