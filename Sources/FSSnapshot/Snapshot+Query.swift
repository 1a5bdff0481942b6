import CSQLite
import Foundation

/// Why a saved query's SQL was refused before it ran.
public enum QueryCompileError: Error, CustomStringConvertible, Sendable {
    /// SQLite could not compile it: its message (a syntax error, an unknown column, ...).
    case sqlite(SQLiteError)
    /// Only comments or whitespace.
    case empty
    /// More than one statement; `trailing` is the start of the second one.
    case multipleStatements(trailing: String)
    /// The statement would change the database (`sqlite3_stmt_readonly` is false).
    case writes(verb: String)
    /// The statement uses something a read-only report may not: ATTACH, PRAGMA, a
    /// transaction, ... (`action` names it).
    case forbidden(action: String)
    /// Anonymous `?` parameters cannot be bound by name.
    case anonymousParameter

    public var description: String {
        switch self {
        case .sqlite(let error):
            return "SQLite error \(error.code): \(error.message)"
        case .empty:
            return "the file holds no SQL statement"
        case .multipleStatements(let trailing):
            return "the file holds more than one statement (a second one starts at \"\(trailing)\"); "
                + "a saved query is exactly one SELECT"
        case .writes(let verb):
            return "the statement would change the snapshot (\(verb)); saved queries may only read"
        case .forbidden(let action):
            return "the statement uses \(action), which saved queries may not; they may only read with SELECT"
        case .anonymousParameter:
            return "the statement uses an anonymous ? parameter; name it (:agent) and pass --param agent=VALUE"
        }
    }
}

/// Collects the first action the authorizer denied while a query compiled.
private final class DeniedAction {
    var action: String?
}

extension Snapshot {
    /// Compiles the SQL of a saved query on this snapshot's connection (see
    /// ``Database/prepareQuery(_:)``); open the snapshot ``Mode/readOnly`` to run it.
    /// - Throws: ``QueryCompileError``.
    public func prepareQuery(_ sql: String) throws -> Statement {
        try database.prepareQuery(sql)
    }
}

extension Database {
    /// Compiles the SQL of a saved query: exactly one statement that only reads.
    ///
    /// Four guards, any one of which is enough on its own: the statement must be the only
    /// one in the text; `sqlite3_stmt_readonly` must say it writes nothing; an authorizer
    /// allows only reading tables and calling functions while it compiles (no ATTACH,
    /// PRAGMA, transactions or writes); and a connection opened with ``Mode/readOnly``
    /// (`SQLITE_OPEN_READONLY`, `PRAGMA query_only`) could not write anyway.
    /// - Throws: ``QueryCompileError``.
    public func prepareQuery(_ sql: String) throws -> Statement {
        // 1. One statement: compile the first, then look at what follows it.
        let first: String
        let trailing: String
        do {
            var utf8 = Array(sql.utf8CString)
            var statement: OpaquePointer?
            var tailOffset = 0
            let rc = utf8.withUnsafeMutableBufferPointer { buffer -> Int32 in
                var tail: UnsafePointer<CChar>?
                let base = UnsafePointer(buffer.baseAddress!)
                let rc = sqlite3_prepare_v2(handle, base, -1, &statement, &tail)
                tailOffset = tail.map { $0 - base } ?? buffer.count - 1
                return rc
            }
            defer { sqlite3_finalize(statement) }
            guard rc == SQLITE_OK else { throw QueryCompileError.sqlite(error(sql: nil)) }
            guard statement != nil else { throw QueryCompileError.empty }
            utf8.removeLast()  // the NUL
            let bytes = utf8.map { UInt8(bitPattern: $0) }
            first = String(decoding: bytes[..<tailOffset], as: UTF8.self)
            trailing = String(decoding: bytes[tailOffset...], as: UTF8.self)
        }
        if containsStatement(trailing) {
            let start = Database.stripLeadingComments(trailing).split(separator: "\n").first ?? ""
            throw QueryCompileError.multipleStatements(
                trailing: String(start.trimmingCharacters(in: .whitespacesAndNewlines).prefix(40)))
        }

        // 2. It must not write.
        let plain = try compile(first, denied: nil)
        guard plain.isReadOnly else {
            var verb = Database.leadingWords(first)
            if verb.hasPrefix("WITH") {
                // The authorizer names the write hiding behind the common table expressions.
                let denied = DeniedAction()
                _ = try? compile(first, denied: denied)
                verb = "WITH ... " + (denied.action ?? "a write")
            }
            throw QueryCompileError.writes(verb: verb)
        }
        // 3. Compile again under the authorizer: reading and functions only.
        let guarded = try compile(first, denied: DeniedAction())
        if plain.hasAnonymousParameters { throw QueryCompileError.anonymousParameter }
        return guarded
    }

    /// True when `text` holds a statement (not only whitespace and comments).
    private func containsStatement(_ text: String) -> Bool {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, text, -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        // A syntax error in the second statement still means there is a second statement.
        return rc != SQLITE_OK || statement != nil
    }

    private func compile(_ sql: String, denied: DeniedAction?) throws -> Statement {
        guard let denied else {
            do { return try prepare(sql) } catch let error as SQLiteError { throw QueryCompileError.sqlite(error) }
        }
        let context = Unmanaged.passUnretained(denied).toOpaque()
        sqlite3_set_authorizer(
            handle,
            { context, action, _, detail, _, _ in
                switch action {
                case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
                    return SQLITE_OK
                case SQLITE_FUNCTION:
                    // load_extension is off by default; refuse it by name all the same.
                    let name = detail.map { String(cString: $0) } ?? ""
                    if name.lowercased() != "load_extension" { return SQLITE_OK }
                default:
                    break
                }
                let box = Unmanaged<DeniedAction>.fromOpaque(context!).takeUnretainedValue()
                if box.action == nil { box.action = Database.actionName(action) }
                return SQLITE_DENY
            }, context)
        defer { sqlite3_set_authorizer(handle, nil, nil) }
        do {
            return try withExtendedLifetime(denied) { try prepare(sql) }
        } catch let error as SQLiteError {
            if let action = denied.action { throw QueryCompileError.forbidden(action: action) }
            throw QueryCompileError.sqlite(error)
        }
    }

    /// The statement's first keywords, for messages (`DELETE FROM`, `UPDATE`, ...).
    static func leadingWords(_ sql: String) -> String {
        let words = stripLeadingComments(sql).split(whereSeparator: { $0.isWhitespace || $0 == "(" }).prefix(2)
            .map { $0.uppercased() }
        guard let verb = words.first else { return "" }
        let twoWords: Set = ["CREATE", "DROP", "ALTER", "INSERT", "REPLACE", "VACUUM", "DELETE"]
        return twoWords.contains(verb) && words.count > 1 ? "\(verb) \(words[1])" : verb
    }

    static func stripLeadingComments(_ sql: String) -> Substring {
        var rest = Substring(sql)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            if rest.hasPrefix("--") {
                rest = rest.drop(while: { $0 != "\n" })
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                return rest
            }
        }
    }

    static func actionName(_ action: Int32) -> String {
        switch action {
        case SQLITE_ATTACH: return "ATTACH"
        case SQLITE_DETACH: return "DETACH"
        case SQLITE_PRAGMA: return "PRAGMA"
        case SQLITE_TRANSACTION: return "a transaction statement"
        case SQLITE_SAVEPOINT: return "a savepoint"
        case SQLITE_INSERT: return "INSERT"
        case SQLITE_UPDATE: return "UPDATE"
        case SQLITE_DELETE: return "DELETE"
        case SQLITE_FUNCTION: return "load_extension()"
        case SQLITE_ANALYZE: return "ANALYZE"
        case SQLITE_REINDEX: return "REINDEX"
        case SQLITE_ALTER_TABLE: return "ALTER TABLE"
        case SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_TABLE: return "DROP TABLE"
        case SQLITE_DROP_INDEX, SQLITE_DROP_TEMP_INDEX: return "DROP INDEX"
        case SQLITE_DROP_VIEW, SQLITE_DROP_TEMP_VIEW: return "DROP VIEW"
        case SQLITE_DROP_TRIGGER, SQLITE_DROP_TEMP_TRIGGER: return "DROP TRIGGER"
        case SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_TABLE: return "CREATE TABLE"
        case SQLITE_CREATE_INDEX, SQLITE_CREATE_TEMP_INDEX: return "CREATE INDEX"
        case SQLITE_CREATE_VIEW, SQLITE_CREATE_TEMP_VIEW: return "CREATE VIEW"
        case SQLITE_CREATE_TRIGGER, SQLITE_CREATE_TEMP_TRIGGER: return "CREATE TRIGGER"
        case SQLITE_CREATE_VTABLE, SQLITE_DROP_VTABLE: return "a virtual table change"
        default: return "a schema change or other non-read operation (authorizer action \(action))"
        }
    }
}

extension Statement {
    /// True when the statement has a `?` or `?NNN` parameter, which has no name to bind by.
    public var hasAnonymousParameters: Bool {
        (0..<sqlite3_bind_parameter_count(handle)).contains { index in
            guard let name = sqlite3_bind_parameter_name(handle, index + 1) else { return true }
            return name.pointee == CChar(UInt8(ascii: "?"))
        }
    }

    /// The declared type of a result column (`INTEGER`, `TEXT`), or nil for an expression.
    public func declaredType(_ index: Int) -> String? {
        sqlite3_column_decltype(handle, Int32(index)).map { String(cString: $0) }
    }
}
