import CSQLite

/// Every committed write to a snapshot, by any SQLite client (fsreport, the `sqlite3`
/// shell, a database browser, a script), in WAL or rollback-journal mode, changes its
/// ``ChangeStamp``, so caches derived from the snapshot can tell they are stale.
///
/// How: migration 2 adds a one-row table `change_counter(id, writes, token)` and, on every
/// other table, `AFTER INSERT / UPDATE / DELETE` triggers that add one to `writes` and
/// draw a new random `token`. Triggers are part of the schema, so they run for every
/// client's SQL in the same transaction as the write, and nothing else needs to agree.
/// The stamp also carries `PRAGMA schema_version`, which moves whenever a trigger (or any
/// other schema object) is dropped or created, and a snapshot whose triggers are missing
/// or altered has no stamp at all: a cache is then never trusted. The random token makes
/// two copies of one snapshot that took different writes (then one copied over the other)
/// look different even though they counted as many writes.
extension Snapshot {
    /// What identifies one committed state of the snapshot's rows.
    public struct ChangeStamp: Sendable, Equatable {
        /// Rows written since migration 2 (plus one per bulk transaction).
        public var writes: Int64
        /// Redrawn by every write.
        public var token: Int64
        /// `PRAGMA schema_version`: moves with every schema change, triggers included.
        public var schemaCookie: Int64

        public init(writes: Int64, token: Int64, schemaCookie: Int64) {
            self.writes = writes
            self.token = token
            self.schemaCookie = schemaCookie
        }
    }

    /// The change stamp now, or nil when this snapshot does not record its writes (a schema
    /// before migration 2 opened read-only, or a change trigger dropped or altered by hand).
    /// - Complexity: a few rows of `sqlite_master` plus one row of `change_counter`.
    public func changeStamp() throws -> ChangeStamp? {
        try reading {
            guard try changeTriggersIntact() else { return nil }
            let s = try database.prepare("SELECT writes, token FROM change_counter WHERE id = 1")
            guard try s.step() else { return nil }
            return ChangeStamp(
                writes: s.int64(0), token: s.int64(1),
                schemaCookie: try database.scalarInt("PRAGMA schema_version") ?? 0)
        }
    }

    /// Runs `body` like ``write(_:)``, in one transaction, but without the per-row change
    /// triggers of `tables`: for loaders that insert millions of rows (the generator). The
    /// triggers are dropped and created again inside the transaction, so no other
    /// connection ever sees the snapshot without them, and the change counter moves once
    /// for the whole of it. Writes to other tables in `body` are counted as usual.
    /// - Parameter tables: the tables `body` fills (default: every table); fewer tables,
    ///   fewer schema statements per transaction (about 40 µs each).
    public func bulkWrite<T>(tables: [String]? = nil, _ body: (SnapshotWriter) throws -> T) throws -> T {
        let triggers = ChangeCounter.triggers(on: tables)
        return try write { writer in
            try database.execute(triggers.map { "DROP TRIGGER IF EXISTS \($0.name)" }.joined(separator: ";\n"))
            let result = try body(writer)
            try database.execute((triggers.map(\.sql) + [ChangeCounter.bumpSQL]).joined(separator: ";\n"))
            return result
        }
    }

    /// Creates the change triggers that are missing or were altered (opening for writing
    /// calls it after the migrations, so a snapshot whose triggers were dropped by hand
    /// records its writes again).
    func repairChangeTriggers() throws {
        guard schemaVersion >= ChangeCounter.migrationVersion, try !changeTriggersIntact() else { return }
        try database.transaction {
            try database.execute(ChangeCounter.dropTriggersSQL)
            try database.execute(ChangeCounter.createTriggersSQL + ";\n" + ChangeCounter.bumpSQL)
        }
    }

    /// Whether every change trigger exists with exactly the text migration 2 gave it.
    private func changeTriggersIntact() throws -> Bool {
        guard schemaVersion >= ChangeCounter.migrationVersion else { return false }
        let s = try database.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        var found: [String: String] = [:]
        while try s.step() {
            if let name = s.text(0), let sql = s.text(1) { found[name] = sql }
        }
        return ChangeCounter.triggers.allSatisfy { found[$0.name] == $0.sql }
    }
}

/// The SQL of the change counter, spelled once for the migration, the repair and the bulk writer.
enum ChangeCounter {
    /// The schema version that adds it.
    static let migrationVersion = 2

    /// Every table whose rows a write can change: all but `change_counter` itself.
    static let countedTables = [
        "meta", "sync_state", "persons", "mailboxes", "products", "tickets", "conversations", "activities",
    ]

    static let bumpSQL = "UPDATE change_counter SET writes = writes + 1, token = random() WHERE id = 1"

    /// `(table, name, CREATE TRIGGER ...)` for every counted table and event.
    static let triggers: [(table: String, name: String, sql: String)] = countedTables.flatMap { table in
        ["insert", "update", "delete"].map { event in
            let name = "\(table)_\(event)_counted"
            return (table, name, "CREATE TRIGGER \(name) AFTER \(event.uppercased()) ON \(table) BEGIN \(bumpSQL); END")
        }
    }

    /// The triggers of `tables` (nil: of every counted table).
    /// - Precondition: every name is one of ``countedTables``.
    static func triggers(on tables: [String]?) -> [(table: String, name: String, sql: String)] {
        guard let tables else { return triggers }
        precondition(tables.allSatisfy(countedTables.contains), "not a counted table: \(tables)")
        return triggers.filter { tables.contains($0.table) }
    }

    static let createTriggersSQL = triggers.map(\.sql).joined(separator: ";\n")
    static let dropTriggersSQL = triggers.map { "DROP TRIGGER IF EXISTS \($0.name)" }.joined(separator: ";\n")

    static let migration = Migrator.Migration(
        name: "count-every-write",
        sql: """
            CREATE TABLE change_counter (
                id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
                writes INTEGER NOT NULL,
                token INTEGER NOT NULL
            );
            INSERT INTO change_counter(id, writes, token) VALUES (1, 0, random());
            \(createTriggersSQL);
            """,
        neededForReading: false)
}
