/// Ordered, named schema migrations recorded in `PRAGMA user_version`.
struct Migrator {
    struct Migration {
        let name: String
        let sql: String
        /// False when a read-only connection can use the snapshot without this migration.
        var neededForReading = true
    }

    let migrations: [Migration]

    var latestVersion: Int { migrations.count }

    func migrate(_ database: Database) throws {
        let current = Int(try database.scalarInt("PRAGMA user_version") ?? 0)
        guard current < migrations.count else { return }
        try database.transaction {
            for (index, migration) in migrations.enumerated() where index >= current {
                do {
                    try database.execute(migration.sql)
                } catch let error as SQLiteError {
                    throw SQLiteError(
                        code: error.code, message: "\(error.message) (migration \(index + 1) \(migration.name))",
                        sql: error.sql)
                }
            }
            try database.execute("PRAGMA application_id = \(Snapshot.applicationID)")
            try database.execute("PRAGMA user_version = \(migrations.count)")
        }
    }
}

extension Snapshot {
    static let migrator = Migrator(migrations: [
        .init(
            name: "create-core-tables",
            sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE persons (
                    id INTEGER PRIMARY KEY NOT NULL,
                    person_type TEXT NOT NULL,
                    first_name TEXT,
                    last_name TEXT,
                    email TEXT,
                    photo TEXT
                );
                CREATE TABLE mailboxes (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL);
                CREATE TABLE products (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL);
                CREATE TABLE tickets (
                    id INTEGER PRIMARY KEY NOT NULL,
                    customer_id INTEGER,
                    agent_id INTEGER,
                    mailbox_id INTEGER,
                    product_id INTEGER,
                    status TEXT NOT NULL,
                    priority TEXT,
                    client_priority TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER,
                    resolved_at INTEGER,
                    closed_by INTEGER,
                    last_agent_response INTEGER,
                    last_customer_response INTEGER,
                    waiting_since INTEGER,
                    response_count INTEGER NOT NULL DEFAULT 0,
                    first_response_time INTEGER,
                    total_close_time INTEGER,
                    preview_response_id INTEGER
                );
                CREATE INDEX tickets_updated_at ON tickets(updated_at);
                CREATE TABLE conversations (
                    id INTEGER PRIMARY KEY NOT NULL,
                    ticket_id INTEGER NOT NULL,
                    person_id INTEGER,
                    conversation_type TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX conversations_ticket ON conversations(ticket_id);
                CREATE TABLE activities (
                    id INTEGER PRIMARY KEY NOT NULL,
                    person_id INTEGER,
                    person_type TEXT,
                    event_type TEXT NOT NULL,
                    object_type TEXT,
                    object_id INTEGER,
                    created_at INTEGER NOT NULL
                );
                """),
        ChangeCounter.migration,
        .init(
            name: "conversation-system-kind",
            // The recognised kind of an internal_info row (close, reopen, assign, other):
            // with the activity log, the ticket's close/reopen history. A new column on an
            // existing table keeps migration 2's change triggers as they are.
            sql: "ALTER TABLE conversations ADD COLUMN system_kind TEXT"),
    ])
}
