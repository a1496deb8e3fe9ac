import ClassifierCore
import Foundation
import GRDB

/// The results store: one SQLite file (WAL mode, through GRDB) holding finished sweep units.
///
/// A unit is (embedding set content hash, configuration hash, seed); its runs (one per
/// temperature slot) are written in the same transaction as the unit row, so a unit is either
/// wholly present or absent — an interrupted sweep loses at most the unit in progress, and a rerun
/// skips every finished unit. Several processes may write one store at once: SQLite's locking
/// serialises the transactions (busy timeout 60 s) and `INSERT OR IGNORE` keeps the first copy of
/// a unit that two processes both finished.
public final class ResultsStore {
  public static let schemaVersion = 2
  public let path: String
  var db: DatabasePool!

  /// Opens (creating if needed) the store at `path`.
  public init(path: String) throws {
    self.path = path
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
      } catch let e as DatabaseError {
        throw Self.classify(e, path: path)
      }
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

  private func migrate() throws {
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

  /// Whether the unit is finished.
  public func hasUnit(setHash: String, configurationHash: String, seed: UInt64) throws -> Bool {
    try read { db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM units WHERE set_hash = ? AND config_hash = ? AND seed = ?",
                        arguments: [setHash, configurationHash, Int64(bitPattern: seed)]) ?? false
    }
  }

  /// Records a finished unit and its runs in one transaction (kept once if already present).
  public func saveUnit(set: SetInfo, configuration: TrainingConfiguration, seed: UInt64, runs: [RunResult], seconds: Double) throws {
    try write { db in
      try db.execute(sql: "INSERT OR IGNORE INTO embedding_sets VALUES (?, ?, ?, ?, ?, ?)",
                     arguments: [set.hash, set.name, set.trainCount, set.validationCount, set.dimension, set.classCount])
      try db.execute(sql: "INSERT OR IGNORE INTO configurations VALUES (?, ?)",
                     arguments: [configuration.hash, configuration.canonicalText])
      let s = Int64(bitPattern: seed)
      try db.execute(sql: "INSERT OR IGNORE INTO units VALUES (?, ?, ?, ?, ?)",
                     arguments: [set.hash, configuration.hash, s, Date().timeIntervalSince1970, seconds])
      guard db.changesCount == 1 else { return }   // another process finished it first
      for (slot, r) in runs.enumerated() {
        let curve = "[" + r.curve.map { "\($0)" }.joined(separator: ",") + "]"
        try db.execute(sql: "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [set.hash, configuration.hash, s, slot, r.alpha, r.learned, r.bestAccuracy,
                                   r.bestEpoch, r.finalAccuracy, r.finalLoss, r.finalAlpha, curve, r.converged, r.iterations,
                                   r.gradientNorm.isFinite ? r.gradientNorm : nil, r.validationCorrect])
      }
    }
  }

  /// The runs of every finished seed of (set, configuration), by seed.
  public func runs(setHash: String, configurationHash: String) throws -> [UInt64: [RunResult]] {
    try read { db in
      let rows = try Row.fetchAll(db, sql: """
        SELECT seed, alpha, learned, best_accuracy, best_epoch, final_accuracy, final_loss, final_alpha, curve,
          converged, iterations, grad_norm, correct
        FROM runs WHERE set_hash = ? AND config_hash = ? ORDER BY seed, slot
        """, arguments: [setHash, configurationHash])
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

  /// Counts of rows, for checks and `merge`'s summary.
  public func counts() throws -> (units: Int, runs: Int) {
    try read { db in
      (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM units") ?? 0, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0)
    }
  }

  /// The configuration hashes present.
  public func configurationHashes() throws -> [String] {
    try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT config_hash FROM units ORDER BY config_hash") }
  }

  /// Copies every unit (with its runs, sets and configurations) of `other` that this store lacks.
  /// Returns the number of units added.
  @discardableResult
  public func merge(from other: ResultsStore) throws -> Int {
    let (sets, configs, units, runs) = try other.read { db in
      (try Row.fetchAll(db, sql: "SELECT * FROM embedding_sets"), try Row.fetchAll(db, sql: "SELECT * FROM configurations"),
       try Row.fetchAll(db, sql: "SELECT * FROM units"), try Row.fetchAll(db, sql: "SELECT * FROM runs"))
    }
    return try write { db in
      for r in sets { try db.execute(sql: "INSERT OR IGNORE INTO embedding_sets VALUES (?, ?, ?, ?, ?, ?)", arguments: StatementArguments(r.databaseValues)) }
      for r in configs { try db.execute(sql: "INSERT OR IGNORE INTO configurations VALUES (?, ?)", arguments: StatementArguments(r.databaseValues)) }
      var added = Set<String>()
      for r in units {
        try db.execute(sql: "INSERT OR IGNORE INTO units VALUES (?, ?, ?, ?, ?)", arguments: StatementArguments(r.databaseValues))
        if db.changesCount == 1 { added.insert("\(r["set_hash"] as String)|\(r["config_hash"] as String)|\(r["seed"] as Int64)") }
      }
      for r in runs where added.contains("\(r["set_hash"] as String)|\(r["config_hash"] as String)|\(r["seed"] as Int64)") {
        try db.execute(sql: "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: StatementArguments(r.databaseValues))
      }
      return added.count
    }
  }
}
