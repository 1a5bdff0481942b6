import CSQLite

/// A value bound to or read from SQL.
public enum SQLValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var description: String {
        switch self {
        case .null: return ""
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .text(let v): return v
        }
    }
}

private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A compiled statement; finalized when released.
public final class Statement {
    let handle: OpaquePointer
    let database: Database
    public let sql: String

    init(database: Database, sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw database.error(sql: sql)
        }
        self.handle = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// True when the statement cannot change the database (`sqlite3_stmt_readonly`).
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// Names of the statement's parameters (`:from`, `:to`, ...), in index order.
    public var parameterNames: [String] {
        (0..<sqlite3_bind_parameter_count(handle)).compactMap { index in
            sqlite3_bind_parameter_name(handle, index + 1).map { String(cString: $0) }
        }
    }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ index: Int) -> String {
        String(cString: sqlite3_column_name(handle, Int32(index)))
    }

    // MARK: Binding

    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: Int32(offset + 1)) }
    }

    /// Binds by parameter name (with its prefix, e.g. `:from`).
    public func bind(_ value: SQLValue, named name: String) throws {
        let index = sqlite3_bind_parameter_index(handle, name)
        guard index > 0 else { return }
        try bind(value, at: index)
    }

    public func bind(_ value: SQLValue, at index: Int32) throws {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
        case .real(let v): rc = sqlite3_bind_double(handle, index, v)
        case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, transient)
        }
        guard rc == SQLITE_OK else { throw database.error(sql: sql) }
    }

    @inline(__always)
    public func bind(_ value: Int64?, at index: Int32) throws {
        let rc = value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index)
        guard rc == SQLITE_OK else { throw database.error(sql: sql) }
    }

    @inline(__always)
    public func bind(_ value: String?, at index: Int32) throws {
        let rc = value.map { sqlite3_bind_text(handle, index, $0, -1, transient) } ?? sqlite3_bind_null(handle, index)
        guard rc == SQLITE_OK else { throw database.error(sql: sql) }
    }

    // MARK: Stepping

    /// Advances one row: true for `SQLITE_ROW`, false for `SQLITE_DONE`; throws otherwise.
    @discardableResult
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(sql: sql)
        }
    }

    /// Runs a statement that returns no rows, then resets it for reuse.
    public func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    // MARK: Reading

    @inline(__always)
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    @inline(__always)
    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    @inline(__always)
    public func int64OrNil(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    public func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    public func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(int64(column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        default: return .text(text(column) ?? "")
        }
    }
}
