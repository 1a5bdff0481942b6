import Foundation

/// Small helpers the extractor needs for its checkpoints and change detection.
/// Additive: no schema change (checkpoints live in `sync_state` under key prefixes).
extension Snapshot {
    /// Keys of `sync_state` that start with `prefix`, in key order.
    public func syncStateKeys(prefix: String) throws -> [String] {
        let s = try database.prepare("SELECT key FROM sync_state WHERE substr(key, 1, ?1) = ?2 ORDER BY key")
        try s.bind([.integer(Int64(prefix.utf8.count)), .text(prefix)])
        var keys: [String] = []
        while try s.step() { keys.append(s.text(0) ?? "") }
        return keys
    }

    /// `(key, value)` of every `sync_state` key that starts with `prefix`, in key order.
    public func syncStateEntries(prefix: String) throws -> [(key: String, value: String)] {
        let s = try database.prepare(
            "SELECT key, value FROM sync_state WHERE substr(key, 1, ?1) = ?2 ORDER BY key")
        try s.bind([.integer(Int64(prefix.utf8.count)), .text(prefix)])
        var rows: [(key: String, value: String)] = []
        while try s.step() { rows.append((s.text(0) ?? "", s.text(1) ?? "")) }
        return rows
    }

    /// Removes every `sync_state` key that starts with `prefix`.
    public func deleteSyncState(prefix: String) throws {
        let s = try database.prepare("DELETE FROM sync_state WHERE substr(key, 1, ?1) = ?2")
        try s.bind([.integer(Int64(prefix.utf8.count)), .text(prefix)])
        try s.run()
    }

    /// `(updated_at, preview_response_id)` of the snapshot's tickets with ids in `range`,
    /// keyed by id: what an incremental sync compares a listing page with.
    public func ticketVersions(ids range: ClosedRange<Int64>) throws -> [Int64: (updatedAt: Int64?, previewResponseId: Int64?)] {
        let s = try database.prepare(
            "SELECT id, updated_at, preview_response_id FROM tickets WHERE id BETWEEN ?1 AND ?2")
        try s.bind([.integer(range.lowerBound), .integer(range.upperBound)])
        var rows: [Int64: (updatedAt: Int64?, previewResponseId: Int64?)] = [:]
        while try s.step() { rows[s.int64(0)] = (s.int64OrNil(1), s.int64OrNil(2)) }
        return rows
    }

    /// `created_at` of the snapshot's tickets with ids in `range`.
    public func ticketCreationTimes(ids range: ClosedRange<Int64>) throws -> [Int64: Int64] {
        let s = try database.prepare("SELECT id, created_at FROM tickets WHERE id BETWEEN ?1 AND ?2")
        try s.bind([.integer(range.lowerBound), .integer(range.upperBound)])
        var rows: [Int64: Int64] = [:]
        while try s.step() { rows[s.int64(0)] = s.int64(1) }
        return rows
    }

    /// Ids of the snapshot's tickets whose `updated_at` (else `created_at`) is at or after
    /// `time`, ascending: the recheck window, without listing the site.
    public func ticketIDs(updatedSince time: Int64) throws -> [Int64] {
        let s = try database.prepare("SELECT id FROM tickets WHERE coalesce(updated_at, created_at) >= ?1 ORDER BY id")
        try s.bind([.integer(time)])
        var ids: [Int64] = []
        while try s.step() { ids.append(s.int64(0)) }
        return ids
    }

    /// The latest `updated_at` (else `created_at`) of any ticket: the site's own clock
    /// reading of its last change the snapshot saw.
    public func latestTicketUpdate() throws -> Int64? {
        let s = try database.prepare("SELECT max(coalesce(updated_at, created_at)) FROM tickets")
        guard try s.step() else { return nil }
        return s.int64OrNil(0)
    }

    /// Sets `key` to `value` unless it already has a value.
    public func setSyncStateIfAbsent(_ key: String, _ value: String) throws {
        let s = try database.prepare("INSERT OR IGNORE INTO sync_state (key, value) VALUES (?1, ?2)")
        try s.bind([.text(key), .text(value)])
        try s.run()
    }

    /// Writes a consistent, compacted copy of the snapshot file at `source` to
    /// `destination` (`VACUUM INTO`), safe while other connections read or write; the
    /// source's content is not changed. `destination` must not exist, or be an empty file.
    /// - Throws: `SQLiteError` (a read-only connection cannot run `VACUUM INTO`, so this
    ///   opens its own read-write one).
    public static func copy(from source: String, to destination: String) throws {
        let database = try Database(path: source, mode: .readWrite)
        // VACUUM INTO fills an existing empty file, which keeps the owner-only mode given here
        // (SQLite would create a missing one 0644 minus the umask).
        if !FileManager.default.fileExists(atPath: destination) {
            do {
                try FileModes.createFile(destination, mode: FileModes.privateFile)
            } catch let failure as FileModes.Failure {
                throw SQLiteError(code: 14, message: failure.description, sql: nil)  // SQLITE_CANTOPEN
            }
        }
        let s = try database.prepare("VACUUM INTO ?1")
        try s.bind([.text(destination)])
        try s.run()
    }

    /// Moves the write-ahead log into the main file and truncates it, so the file alone
    /// is the whole snapshot (before renaming or copying it).
    public func checkpoint() throws {
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
