extension Snapshot {
    /// Runs `body` in bulk-load mode, for filling a snapshot with millions of rows (the
    /// generator, a first full extract): the `conversations(ticket_id)` index is dropped
    /// and rebuilt once at the end (one sort instead of a b-tree insert per row), and
    /// `synchronous = OFF` while it runs. Writes still go through ``write(_:)`` inside
    /// `body`, with their transactions and generation bumps; readers see the same rows as
    /// without bulk mode. The index comes back even when `body` throws.
    ///
    /// A crash during bulk mode can lose the last transactions (never corrupt the file:
    /// the WAL still orders commits), which is acceptable for data that is being rebuilt.
    /// - Parameter deferIndexes: drop and rebuild the secondary indexes (default true).
    public func bulkLoad<T>(deferIndexes: Bool = true, _ body: () throws -> T) throws -> T {
        try database.execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;")
        if deferIndexes { try database.execute("DROP INDEX IF EXISTS conversations_ticket") }
        func restore() throws {
            if deferIndexes {
                try database.execute("CREATE INDEX IF NOT EXISTS conversations_ticket ON conversations(ticket_id)")
            }
            try database.execute("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;")
        }
        let value: T
        do {
            value = try body()
        } catch {
            try? restore()
            throw error
        }
        try restore()
        return value
    }
}
