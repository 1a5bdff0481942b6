import CSQLite

/// A failure reported by SQLite: the extended result code, SQLite's message and the SQL
/// being run (never the bound values, which may hold customer data).
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let sql: String?

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " — while executing \(sql.prefix(200))" }
        return text
    }

    /// True for `SQLITE_BUSY` / `SQLITE_LOCKED` and their extended codes.
    public var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
}
