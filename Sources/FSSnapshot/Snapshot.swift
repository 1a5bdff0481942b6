import Foundation

/// The durable copy of one helpdesk: a SQLite file owning the schema, its migrations,
/// the upserts the extractor and the generator make, the sync checkpoints, and the
/// reads that load the columnar store.
///
/// Timestamps are INTEGER site-local seconds (``LocalTime``); in SQL,
/// `datetime(created_at, 'unixepoch')` shows them as the site's wall-clock time.
public final class Snapshot {
    /// `PRAGMA application_id` of every snapshot: "FSRP".
    public static let applicationID: Int32 = 0x4653_5250

    /// The connection. Package access: other modules go through `Snapshot`'s methods, so
    /// the schema's tables and SQL stay in this module (tests and the SQL baselines of the
    /// benchmarks still reach it).
    package let database: Database
    public let path: String

    /// How a snapshot is opened.
    public enum Mode: Sendable {
        /// Create when missing, migrate to the current schema, open for writing.
        case create
        /// Must exist; open for writing (migrating an older schema).
        case readWrite
        /// Must exist; `SQLITE_OPEN_READONLY` and `PRAGMA query_only`.
        case readOnly
    }

    /// Opens (or creates) a snapshot.
    /// - Throws: ``SnapshotError`` naming the path when the file is missing, is not a
    ///   snapshot, or has a newer schema than this build knows.
    public init(path: String, mode: Mode) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if !exists && mode != .create { throw SnapshotError.missing(path: path) }
        if isDirectory.boolValue { throw SnapshotError.notASnapshot(path: path, reason: "it is a directory") }
        if exists, mode != .create, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
            throw SnapshotError.notASnapshot(path: path, reason: "the file is empty")
        }
        if !exists {
            // Owner-only from the first byte, whatever the umask: SQLite gives the -wal,
            // -shm and -journal it creates later the main file's permission bits.
            do {
                try SnapshotFiles.createPrivate(path)
            } catch let failure as FileModes.Failure {
                throw SnapshotError.cannotCreate(path: failure.path, reason: failure.reason)
            }
        }
        do {
            database = try Database(path: path, mode: mode == .readOnly ? .readOnly : .readWriteCreate)
        } catch let error as SQLiteError {
            throw SnapshotError.sqlite(path: path, error)
        }
        do {
            try check(isNew: !exists)
            if mode != .readOnly {
                try database.execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;")
                try Snapshot.migrator.migrate(database)
                try repairChangeTriggers()
            }
        } catch let error as SQLiteError {
            // SQLITE_NOTADB (26): the bytes are not a SQLite database; SQLITE_CORRUPT (11):
            // a damaged or truncated one.
            if error.code & 0xFF == 26 {
                throw SnapshotError.notASnapshot(path: path, reason: "the file is not a SQLite database")
            }
            if error.code & 0xFF == 11 {
                throw SnapshotError.notASnapshot(
                    path: path, reason: "the database is damaged or truncated: \(error.message)")
            }
            throw SnapshotError.sqlite(path: path, error)
        }
        try database.execute("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")
    }

    private func check(isNew: Bool) throws {
        let appID = try database.scalarInt("PRAGMA application_id") ?? 0
        let version = Int(try database.scalarInt("PRAGMA user_version") ?? 0)
        if appID == 0 && version == 0 {
            let tables = try database.scalarInt("SELECT count(*) FROM sqlite_master") ?? 0
            guard tables == 0 else {
                throw SnapshotError.notASnapshot(path: path, reason: "a SQLite database of another application")
            }
            return
        }
        guard appID == Int64(Snapshot.applicationID) else {
            throw SnapshotError.notASnapshot(
                path: path, reason: "a SQLite database with application_id \(appID)")
        }
        guard version <= Snapshot.migrator.latestVersion else {
            throw SnapshotError.newerSchema(path: path, found: version, supported: Snapshot.migrator.latestVersion)
        }
        if version < Snapshot.migrator.latestVersion, (try? database.scalarInt("PRAGMA query_only")) == 1,
            Snapshot.migrator.migrations[version...].contains(where: \.neededForReading)
        {
            throw SnapshotError.notASnapshot(
                path: path, reason: "schema version \(version) needs a migration; open it once for writing")
        }
    }

    /// The schema version this snapshot is at.
    public var schemaVersion: Int { Int((try? database.scalarInt("PRAGMA user_version")) ?? 0) }

    // MARK: Metadata and sync state

    /// Site metadata: `timezone`, `site_url`, `generation`, `last_sync_at`, ...
    public func meta(_ key: String) throws -> String? {
        try value(table: "meta", key: key)
    }

    public func setMeta(_ key: String, _ value: String?) throws {
        try setValue(table: "meta", key: key, value: value)
    }

    /// The extractor's checkpoints (cursors, phases), kept apart from site metadata.
    public func syncState(_ key: String) throws -> String? {
        try value(table: "sync_state", key: key)
    }

    public func setSyncState(_ key: String, _ value: String?) throws {
        try setValue(table: "sync_state", key: key, value: value)
    }

    /// The site's clock as recorded by the extractor or generator (UTC when unset).
    public func siteClock() throws -> SiteClock {
        try meta(MetaKey.timezone).flatMap(SiteClock.init(identifier:)) ?? .utc
    }

    /// Increases by one with every write transaction: caches derived from the snapshot
    /// are valid for one generation only.
    public func generation() throws -> Int64 {
        try meta(MetaKey.generation).flatMap { Int64($0) } ?? 0
    }

    private func value(table: String, key: String) throws -> String? {
        let statement = try database.prepare("SELECT value FROM \(table) WHERE key = ?")
        try statement.bind([.text(key)])
        return try statement.step() ? statement.text(0) : nil
    }

    private func setValue(table: String, key: String, value: String?) throws {
        if let value {
            let statement = try database.prepare(
                "INSERT INTO \(table)(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            try statement.bind([.text(key), .text(value)])
            try statement.run()
        } else {
            let statement = try database.prepare("DELETE FROM \(table) WHERE key = ?")
            try statement.bind([.text(key)])
            try statement.run()
        }
    }

    // MARK: Writing

    /// Runs `body` in one transaction with a ``SnapshotWriter``, and bumps the generation.
    /// Nothing of it is visible to readers unless it all commits.
    public func write<T>(_ body: (SnapshotWriter) throws -> T) throws -> T {
        try database.transaction {
            let writer = try SnapshotWriter(database: database)
            let result = try body(writer)
            try setMeta(MetaKey.generation, String(try generation() + 1))
            return result
        }
    }

    /// Row counts per table, for summaries and the manifest.
    public func rowCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in Snapshot.recordTableNames {
            counts[table] = try rowCount(table)
        }
        return counts
    }

    /// The number of rows in `table`.
    package func rowCount<Record>(of table: RecordTable<Record>) throws -> Int {
        try rowCount(table.name)
    }

    private func rowCount(_ table: String) throws -> Int {
        Int(try database.scalarInt("SELECT count(*) FROM \(table)") ?? 0)
    }

    /// Every table of helpdesk records (not `meta` or `sync_state`).
    static let recordTableNames = [
        RecordTable.tickets.name, RecordTable.conversations.name, RecordTable.persons.name,
        RecordTable.mailboxes.name, RecordTable.products.name, RecordTable.activities.name,
    ]
}

/// Well-known keys of the `meta` table.
public enum MetaKey {
    public static let timezone = "timezone"
    public static let siteURL = "site_url"
    /// Where the site's REST index answered (`…/wp-json/` or `…/?rest_route=/`).
    public static let apiRoot = "api_root"
    public static let generation = "generation"
    /// Site-local `YYYY-MM-DD HH:MM:SS` of the last completed sync or generation.
    public static let lastSyncAt = "last_sync_at"
    /// `extract` or `demo`.
    public static let source = "source"
}
