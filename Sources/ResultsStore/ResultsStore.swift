import ClassifierCore
import Foundation
import GRDB

/// The results store: one SQLite file (WAL mode, through GRDB) holding finished sweep units.
///
/// A unit is (embedding set content hash, configuration hash, seed), stored as one block — or, for
/// a blocked configuration (`TrainingConfiguration.isBlocked`), as `unitBlocks` blocks of
/// neighbouring temperatures, each its own row with its runs; a seed counts as finished when all
/// its blocks are present. A block's runs (one per temperature slot, numbered across the whole
/// unit) are written in the same transaction as its row, so a block is either wholly present or
/// absent — an interrupted sweep loses at most the unit in progress, and a rerun
/// skips every finished unit. Several processes may write one store at once: SQLite's locking
/// serialises the transactions (busy timeout 60 s) and `INSERT OR IGNORE` keeps the first copy of
/// a unit that two processes both finished.
///
/// A store that cannot be written (a read-only file, folder or file system) opens read-only:
/// everything cached in it can be read, and a write is refused with `StoreError.readOnly`.
/// (SQLite cannot open a WAL database in place without writing its index file, so a read-only
/// store is read from a private copy made at open and deleted with the store.)
public final class ResultsStore {
  public static let schemaVersion = 3
  public let path: String
  /// True when the store could not be opened for writing (or `readOnly` was asked for).
  public private(set) var isReadOnly = false
  var db: (any DatabaseWriter)!
  private var privateCopy: URL?

  /// Opens the store at `path`, creating it if needed; read-only when asked or when it cannot be written.
  public init(path: String, readOnly: Bool = false) throws {
    self.path = path
    let fm = FileManager.default
    let exists = fm.fileExists(atPath: path)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    guard fm.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
      throw StoreError.database(path: path, reason: "its folder \(folder) does not exist; create it or pass another --store")
    }
    if readOnly || (exists && (!fm.isWritableFile(atPath: path) || !fm.isWritableFile(atPath: folder))) {
      try openCopy()
      return
    }
    var config = Configuration()
    config.busyMode = .timeout(60)
    // Opening switches a new file to WAL mode, which a second process opening at the same moment
    // may find locked: retry for up to a minute.
    var attempt = 0
    while true {
      do {
        db = try DatabasePool(path: path, configuration: config)
        try migrate()
        break
      } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY && attempt < 600 {
        attempt += 1
        usleep(100_000)
      } catch let e as DatabaseError where exists && Self.deniedWriting(e) {
        // A read-only file system (root's permission checks pass, the write does not).
        db = nil
        try openCopy()
        return
      } catch let e as DatabaseError {
        throw Self.classify(e, path: path)
      }
    }
  }

  deinit {
    db = nil
    if let privateCopy { try? FileManager.default.removeItem(at: privateCopy.deletingLastPathComponent()) }
  }

  static func deniedWriting(_ e: DatabaseError) -> Bool {
    [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH, .SQLITE_IOERR].contains(e.resultCode)
  }

  /// Opens a private copy of the store (and of its write-ahead log, which holds committed units
  /// not yet copied into the main file) for reading.
  private func openCopy() throws {
    let fm = FileManager.default
    guard fm.isReadableFile(atPath: path) else {
      throw StoreError.database(path: path, reason: "the store is neither writable nor readable (no such readable file)")
    }
    let dir = fm.temporaryDirectory.appendingPathComponent("tempctl-ro-\(UUID().uuidString)")
    let copy = dir.appendingPathComponent("store.sqlite")
    do {
      try fm.createDirectory(at: dir, withIntermediateDirectories: true)
      try fm.copyItem(atPath: path, toPath: copy.path)
      if fm.isReadableFile(atPath: path + "-wal") { try fm.copyItem(atPath: path + "-wal", toPath: copy.path + "-wal") }
    } catch {
      try? fm.removeItem(at: dir)
      throw StoreError.database(path: path, reason: "cannot read the read-only store into a temporary copy (\((error as NSError).localizedDescription))")
    }
    privateCopy = copy
    isReadOnly = true
    do {
      db = try DatabaseQueue(path: copy.path)
      try migrate()
    } catch let e as DatabaseError {
      throw Self.classify(e, path: path)
    }
  }

  static func classify(_ e: DatabaseError, path: String) -> StoreError {
    switch e.resultCode {
    case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .corrupt(path: path, reason: e.message ?? "\(e.resultCode)")
    default: return .database(path: path, reason: e.message ?? "\(e)")
    }
  }

  /// Runs `body` in an IMMEDIATE transaction: the write lock is taken at the start (waiting on the
  /// busy timeout), so a transaction that reads before it writes cannot fail when another process
  /// wrote in between.
  func write<T>(_ body: (Database) throws -> T) throws -> T {
    if isReadOnly && !migrating { throw StoreError.readOnly(path: path) }
    do {
      return try db.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        return result!
      }
    } catch let e as DatabaseError { throw Self.classify(e, path: path) }
  }

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do { return try db.read(body) } catch let e as DatabaseError { throw Self.classify(e, path: path) }
  }

  /// True while the schema is checked (and, for a read-only store, upgraded in its private copy).
  private var migrating = false

  private func migrate() throws {
    migrating = true
    defer { migrating = false }
    try write { db in
      let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
      if tables.isEmpty {
        try db.execute(sql: """
          CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          INSERT INTO meta VALUES ('application', 'tempctl'), ('schema_version', '\(Self.schemaVersion)');
          CREATE TABLE embedding_sets (hash TEXT PRIMARY KEY, name TEXT NOT NULL, n_train INTEGER NOT NULL,
            n_val INTEGER NOT NULL, dim INTEGER NOT NULL, classes INTEGER NOT NULL);
          CREATE TABLE configurations (hash TEXT PRIMARY KEY, text TEXT NOT NULL);
          CREATE TABLE units (set_hash TEXT NOT NULL, config_hash TEXT NOT NULL, seed INTEGER NOT NULL,
            finished_at REAL NOT NULL, seconds REAL NOT NULL, PRIMARY KEY (set_hash, config_hash, seed));
          CREATE TABLE runs (set_hash TEXT NOT NULL, config_hash TEXT NOT NULL, seed INTEGER NOT NULL,
            slot INTEGER NOT NULL, alpha REAL NOT NULL, learned INTEGER NOT NULL, best_accuracy REAL NOT NULL,
            best_epoch INTEGER NOT NULL, final_accuracy REAL NOT NULL, final_loss REAL NOT NULL,
            final_alpha REAL NOT NULL, curve TEXT NOT NULL, PRIMARY KEY (set_hash, config_hash, seed, slot));
          """)
        try Self.createStatisticsTable(db)
        try Self.addConvergenceColumns(db)
        try Self.addBlocks(db)
        return
      }
      guard tables.contains("meta"),
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'application'") == "tempctl" else {
        throw StoreError.incompatibleSchema(path: path, found: "(not a tempctl store: tables \(tables.sorted().joined(separator: ", ")))", expected: Self.schemaVersion)
      }
      var version = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'schema_version'") ?? "none"
      if version == "1" {   // version 2 added the converged protocol's columns; old runs keep their meaning
        try Self.addConvergenceColumns(db)
        version = "2"
      }
      if version == "2" {   // version 3 stores a unit block by block; every earlier unit is one block
        try Self.addBlocks(db)
        version = "3"
      }
      guard version == String(Self.schemaVersion) else {
        throw StoreError.incompatibleSchema(path: path, found: version, expected: Self.schemaVersion)
      }
      try Self.createStatisticsTable(db)
    }
  }

  /// Schema 2: whether a run converged, its iterations, its final gradient norm and its validation
  /// rows' correctness (converged protocol); paper runs keep the defaults.
  static func addConvergenceColumns(_ db: Database) throws {
    try db.execute(sql: """
      ALTER TABLE runs ADD COLUMN converged INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE runs ADD COLUMN iterations INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE runs ADD COLUMN grad_norm REAL;
      ALTER TABLE runs ADD COLUMN correct TEXT NOT NULL DEFAULT '';
      UPDATE meta SET value = '2' WHERE key = 'schema_version';
      """)
  }

  /// Schema 3: units keyed by block too (`block`, and `blocks`: how many make the seed whole);
  /// runs say which block wrote them. Earlier units are block 0 of 1.
  static func addBlocks(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE units_v3 (set_hash TEXT NOT NULL, config_hash TEXT NOT NULL, seed INTEGER NOT NULL,
        finished_at REAL NOT NULL, seconds REAL NOT NULL, block INTEGER NOT NULL DEFAULT 0, blocks INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (set_hash, config_hash, seed, block));
      INSERT INTO units_v3 SELECT set_hash, config_hash, seed, finished_at, seconds, 0, 1 FROM units;
      DROP TABLE units;
      ALTER TABLE units_v3 RENAME TO units;
      ALTER TABLE runs ADD COLUMN block INTEGER NOT NULL DEFAULT 0;
      UPDATE meta SET value = '3' WHERE key = 'schema_version';
      """)
  }

  static func createStatisticsTable(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE IF NOT EXISTS statistics (set_hash TEXT NOT NULL, plugins_hash TEXT NOT NULL, position INTEGER NOT NULL,
        id TEXT NOT NULL, value REAL, note TEXT, PRIMARY KEY (set_hash, plugins_hash, id))
      """)
  }

  /// A cached statistic: its value, or nil with the reason it is missing, and its note.
  public struct CachedStatistic: Sendable, Equatable {
    public var id: String, value: Double?, note: String?
    public init(id: String, value: Double?, note: String?) { self.id = id; self.value = value; self.note = note }
  }

  /// The cached statistics of a set for a plugins configuration, in feature-vector order; nil if
  /// not computed yet.
  public func statistics(setHash: String, pluginsHash: String) throws -> [CachedStatistic]? {
    let rows = try read { db in
      try Row.fetchAll(db, sql: "SELECT id, value, note FROM statistics WHERE set_hash = ? AND plugins_hash = ? ORDER BY position",
                       arguments: [setHash, pluginsHash])
    }
    return rows.isEmpty ? nil : rows.map { CachedStatistic(id: $0["id"], value: $0["value"], note: $0["note"]) }
  }

  /// Caches a set's statistics (one transaction).
  public func saveStatistics(setHash: String, pluginsHash: String, _ values: [CachedStatistic]) throws {
    try write { db in
      for (i, v) in values.enumerated() {
        try db.execute(sql: "INSERT OR REPLACE INTO statistics VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [setHash, pluginsHash, i, v.id, v.value, v.note])
      }
    }
  }

  /// Describes an embedding set in the store.
  public struct SetInfo: Sendable, Equatable {
    public var hash: String, name: String, trainCount: Int, validationCount: Int, dimension: Int, classCount: Int
    public init(hash: String, name: String, trainCount: Int, validationCount: Int, dimension: Int, classCount: Int) {
      self.hash = hash; self.name = name; self.trainCount = trainCount; self.validationCount = validationCount
      self.dimension = dimension; self.classCount = classCount
    }
  }

  /// The SQL condition, after `GROUP BY` a seed's unit rows, that the seed is finished: all of
  /// its `blocks` blocks are present.
  static let wholeSeed = "HAVING COUNT(*) >= MAX(blocks)"

  /// The blocks of a unit already in the store (block 0 alone for an unblocked configuration).
  public func finishedBlocks(setHash: String, configurationHash: String, seed: UInt64) throws -> Set<Int> {
    try read { db in
      Set(try Int.fetchAll(db, sql: "SELECT block FROM units WHERE set_hash = ? AND config_hash = ? AND seed = ?",
                           arguments: [setHash, configurationHash, Int64(bitPattern: seed)]))
    }
  }

  /// Records a finished block of a unit and its runs in one transaction (kept once if already
  /// present). `slots` numbers the runs within the whole unit (default 0, 1, …); `configuration`'s
  /// `unitBlocks` says how many blocks make the seed whole.
  public func saveUnit(set: SetInfo, configuration: TrainingConfiguration, seed: UInt64, runs: [RunResult], seconds: Double,
                       block: Int = 0, slots: [Int]? = nil) throws {
    let slots = slots ?? Array(runs.indices)
    precondition(slots.count == runs.count)
    try write { db in
      try db.execute(sql: "INSERT OR IGNORE INTO embedding_sets VALUES (?, ?, ?, ?, ?, ?)",
                     arguments: [set.hash, set.name, set.trainCount, set.validationCount, set.dimension, set.classCount])
      try db.execute(sql: "INSERT OR IGNORE INTO configurations VALUES (?, ?)",
                     arguments: [configuration.hash, configuration.canonicalText])
      let s = Int64(bitPattern: seed)
      try db.execute(sql: "INSERT OR IGNORE INTO units VALUES (?, ?, ?, ?, ?, ?, ?)",
                     arguments: [set.hash, configuration.hash, s, Date().timeIntervalSince1970, seconds, block, configuration.unitBlocks])
      guard db.changesCount == 1 else { return }   // another process finished it first
      for (slot, r) in zip(slots, runs) {
        let curve = "[" + r.curve.map { "\($0)" }.joined(separator: ",") + "]"
        try db.execute(sql: "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [set.hash, configuration.hash, s, slot, r.alpha, r.learned, r.bestAccuracy,
                                   r.bestEpoch, r.finalAccuracy, r.finalLoss, r.finalAlpha, curve, r.converged, r.iterations,
                                   r.gradientNorm.isFinite ? r.gradientNorm : nil, r.validationCorrect, block])
      }
    }
  }

  /// The runs of every finished seed of a set under a configuration, resolved for the set's shape
  /// (`TrainingConfiguration.resolved`: a large set's blocks), by seed.
  public func runs(of set: SetInfo, under configuration: TrainingConfiguration) throws -> [UInt64: [RunResult]] {
    try runs(setHash: set.hash, configurationHash: configuration.resolved(dimension: set.dimension, classes: set.classCount).hash)
  }

  /// The runs of the blocks of one seed present so far, in slot order (finished or not): what a
  /// blocked unit's extension block reads of its grid.
  public func blockRuns(setHash: String, configurationHash: String, seed: UInt64) throws -> [RunResult] {
    try fetchRuns(setHash: setHash, configurationHash: configurationHash, seed: seed)[seed] ?? []
  }

  /// The runs of every finished seed of (set, configuration) — every block present — by seed,
  /// in slot order.
  public func runs(setHash: String, configurationHash: String) throws -> [UInt64: [RunResult]] {
    try fetchRuns(setHash: setHash, configurationHash: configurationHash, seed: nil)
  }

  /// Runs by seed: of one seed (whatever blocks are present), or of every finished seed.
  private func fetchRuns(setHash: String, configurationHash: String, seed: UInt64?) throws -> [UInt64: [RunResult]] {
    try read { db in
      let which = seed != nil ? "seed = ?" : """
        seed IN (SELECT seed FROM units WHERE set_hash = ? AND config_hash = ? GROUP BY seed \(Self.wholeSeed))
        """
      var arguments: StatementArguments = [setHash, configurationHash]
      if let seed { arguments += [Int64(bitPattern: seed)] } else { arguments += [setHash, configurationHash] }
      let rows = try Row.fetchAll(db, sql: """
        SELECT seed, alpha, learned, best_accuracy, best_epoch, final_accuracy, final_loss, final_alpha, curve,
          converged, iterations, grad_norm, correct
        FROM runs WHERE set_hash = ? AND config_hash = ? AND \(which) ORDER BY seed, slot
        """, arguments: arguments)
      var out: [UInt64: [RunResult]] = [:]
      for row in rows {
        let curveText: String = row["curve"]
        let curve = curveText.dropFirst().dropLast().split(separator: ",").compactMap { Double($0) }
        var r = RunResult(alpha: row["alpha"], learned: row["learned"], bestAccuracy: row["best_accuracy"],
                          bestEpoch: row["best_epoch"], finalAccuracy: row["final_accuracy"], finalLoss: row["final_loss"],
                          finalAlpha: row["final_alpha"], curve: curve)
        r.converged = row["converged"]
        r.iterations = row["iterations"]
        r.gradientNorm = (row["grad_norm"] as Double?) ?? .nan
        r.validationCorrect = row["correct"]
        out[UInt64(bitPattern: row["seed"]), default: []].append(r)
      }
      return out
    }
  }

  /// Counts, for checks and `merge`'s summary: finished units (every block present) and runs.
  public func counts() throws -> (units: Int, runs: Int) {
    try read { db in
      (try Int.fetchOne(db, sql: """
         SELECT COUNT(*) FROM (SELECT 1 FROM units GROUP BY set_hash, config_hash, seed \(Self.wholeSeed))
         """) ?? 0,
       try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0)
    }
  }

  /// The configuration hashes present.
  public func configurationHashes() throws -> [String] {
    try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT config_hash FROM units ORDER BY config_hash") }
  }

  /// The sets stored under `name` (several when different data was swept under one name).
  public func sets(named name: String) throws -> [SetInfo] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT hash, name, n_train, n_val, dim, classes FROM embedding_sets WHERE name = ? ORDER BY hash", arguments: [name]).map {
        SetInfo(hash: $0["hash"], name: $0["name"], trainCount: $0["n_train"], validationCount: $0["n_val"], dimension: $0["dim"], classCount: $0["classes"])
      }
    }
  }

  /// What the store holds for one (set, configuration): its finished seeds and runs.
  public struct Holding: Sendable {
    public var set: SetInfo
    public var configurationHash: String
    /// The configuration's canonical text (`TrainingConfiguration.canonicalText`).
    public var configurationText: String
    /// Seeds with every block present.
    public var seeds: [UInt64]
    public var runs: Int
    /// Runs that hit the iteration cap.
    public var unconvergedRuns: Int
    public var seconds: Double
    /// Blocks stored of seeds not yet finished (a shard's share of a blocked unit).
    public var unfinishedBlocks: Int = 0
  }

  /// Every (set, configuration) with finished units, by set name then configuration.
  public func holdings() throws -> [Holding] {
    try read { db in
      let rows = try Row.fetchAll(db, sql: """
        SELECT s.hash, s.name, s.n_train, s.n_val, s.dim, s.classes, c.hash AS config_hash, c.text,
          (SELECT group_concat(seed) FROM (SELECT seed FROM units u WHERE u.set_hash = s.hash AND u.config_hash = c.hash
             GROUP BY seed \(Self.wholeSeed) ORDER BY seed)) AS seeds,
          (SELECT COALESCE(SUM(seconds), 0) FROM units u WHERE u.set_hash = s.hash AND u.config_hash = c.hash) AS seconds,
          (SELECT COUNT(*) FROM runs r WHERE r.set_hash = s.hash AND r.config_hash = c.hash) AS runs,
          (SELECT COUNT(*) FROM runs r WHERE r.set_hash = s.hash AND r.config_hash = c.hash AND r.converged = 0) AS unconverged,
          (SELECT COUNT(*) FROM units u WHERE u.set_hash = s.hash AND u.config_hash = c.hash AND u.seed NOT IN
             (SELECT seed FROM units v WHERE v.set_hash = s.hash AND v.config_hash = c.hash GROUP BY seed \(Self.wholeSeed)))
            AS unfinished
        FROM embedding_sets s CROSS JOIN configurations c
        WHERE EXISTS (SELECT 1 FROM units u WHERE u.set_hash = s.hash AND u.config_hash = c.hash)
        ORDER BY s.name, s.hash, c.hash
        """)
      return rows.map { r in
        let seedText: String = r["seeds"] ?? ""
        return Holding(set: SetInfo(hash: r["hash"], name: r["name"], trainCount: r["n_train"], validationCount: r["n_val"],
                                    dimension: r["dim"], classCount: r["classes"]),
                       configurationHash: r["config_hash"], configurationText: r["text"],
                       seeds: seedText.split(separator: ",").compactMap { Int64($0) }.map { UInt64(bitPattern: $0) },
                       runs: r["runs"], unconvergedRuns: r["unconverged"], seconds: r["seconds"], unfinishedBlocks: r["unfinished"])
      }
    }
  }

  /// What this configuration's finished units took, for cost estimates: the mean iterations per
  /// run (converged runs; nil for the paper protocol), the seconds per unit of work, work being
  /// n_train · dim · classes summed over the units (a block counting its share), and the shortest unit's seconds (a unit's
  /// fixed cost). Nil when the store has no unit of it.
  public func history(configurationHash: String) throws -> (iterations: Double?, secondsPerWork: Double, shortestUnit: Double, units: Int)? {
    try read { db in
      guard let work = try Row.fetchOne(db, sql: """
              SELECT SUM(u.seconds) AS seconds, MIN(u.seconds) AS shortest, SUM(CAST(s.n_train AS REAL) * s.dim * s.classes / u.blocks) AS work, COUNT(*) AS n
              FROM units u JOIN embedding_sets s ON s.hash = u.set_hash WHERE u.config_hash = ?
              """, arguments: [configurationHash]),
            let seconds: Double = work["seconds"], let total: Double = work["work"], total > 0 else { return nil }
      let iterations = try Double.fetchOne(db, sql: "SELECT AVG(iterations) FROM runs WHERE config_hash = ? AND iterations > 0",
                                           arguments: [configurationHash])
      return (iterations, seconds / total, work["shortest"] ?? 0, work["n"])
    }
  }

  /// The key of a unit and the text of its runs, for comparing copies of a unit.
  private struct UnitCopy {
    let unit: Row
    let runs: [Row]
    var signature: String { runs.map { $0.databaseValues.map(\.description).joined(separator: "|") }.joined(separator: "\n") }
  }

  private func unitCopies() throws -> (sets: [Row], configs: [Row], units: [String: UnitCopy]) {
    try read { db in
      var runsByUnit: [String: [Row]] = [:]
      for r in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY set_hash, config_hash, seed, block, slot") {
        runsByUnit[Self.unitKey(r), default: []].append(r)
      }
      var units: [String: UnitCopy] = [:]
      for u in try Row.fetchAll(db, sql: "SELECT * FROM units") {
        units[Self.unitKey(u)] = UnitCopy(unit: u, runs: runsByUnit[Self.unitKey(u)] ?? [])
      }
      return (try Row.fetchAll(db, sql: "SELECT * FROM embedding_sets"), try Row.fetchAll(db, sql: "SELECT * FROM configurations"), units)
    }
  }

  private static func unitKey(_ r: Row) -> String {
    "\(r["set_hash"] as String)|\(r["config_hash"] as String)|\(r["seed"] as Int64)|\(r["block"] as Int64)"
  }

  /// Copies every unit (with its runs, sets and configurations) of `others` that this store
  /// lacks, whatever configurations they hold, in one transaction: all or nothing. A unit present
  /// in two places with different runs (the same set, configuration and seed trained to other
  /// numbers — another tempctl version, a damaged file) is a conflict: nothing is written and the
  /// error names the unit and where its copies are. Returns the number of units added.
  @discardableResult
  public func merge(from others: [ResultsStore]) throws -> Int {
    var chosen: [String: (copy: UnitCopy, from: String)] = [:]
    let own = try unitCopies()
    let mine = own.units
    var sets: [Row] = [], configs: [Row] = []
    for other in others {
      let c = try other.unitCopies()
      sets += c.sets; configs += c.configs
      for (key, copy) in c.units {
        let first = mine[key].map { ($0, path) } ?? chosen[key].map { ($0.copy, $0.from) }
        if let (earlier, where_) = first {
          guard earlier.signature == copy.signature else {
            throw StoreError.conflict(unit: Self.describe(key, sets: sets), paths: [where_, other.path])
          }
          continue
        }
        chosen[key] = (copy, other.path)
      }
    }
    var configText: [String: String] = [:]
    for r in own.configs + configs {
      let hash: String = r["hash"], text: String = r["text"]
      if let t = configText[hash], t != text {
        throw StoreError.conflict(unit: "configuration \(hash) (two different texts share its hash)", paths: others.map(\.path))
      }
      configText[hash] = text
    }
    return try write { db in
      for r in sets { try db.execute(sql: "INSERT OR IGNORE INTO embedding_sets VALUES (?, ?, ?, ?, ?, ?)", arguments: StatementArguments(r.databaseValues)) }
      for r in configs { try db.execute(sql: "INSERT OR IGNORE INTO configurations VALUES (?, ?)", arguments: StatementArguments(r.databaseValues)) }
      for (_, c) in chosen {
        try db.execute(sql: "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?)", arguments: StatementArguments(c.copy.unit.databaseValues))
        for r in c.copy.runs {
          try db.execute(sql: "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: StatementArguments(r.databaseValues))
        }
      }
      return chosen.count
    }
  }

  private static func describe(_ key: String, sets: [Row]) -> String {
    let parts = key.split(separator: "|").map(String.init)
    let name = sets.first { ($0["hash"] as String) == parts[0] }.map { $0["name"] as String } ?? parts[0]
    return "set '\(name)', configuration \(parts[1]), seed \(parts[2])" + (parts[3] == "0" ? "" : ", block \(parts[3])")
  }
}
