import FSSnapshot
import Foundation

/// The values a saved query can bind: the range, `now`, and `--param KEY=VALUE` pairs.
///
/// Built-in names (site-local, see ``LocalTime``):
/// - `:from`, `:to` — the range's dates as `YYYY-MM-DD` text, inclusive;
/// - `:from_ts`, `:to_ts` — the range as site-local seconds, half-open
///   `[from 00:00:00, to + 1 day 00:00:00)`, to compare with the integer columns directly;
/// - `:now` (`YYYY-MM-DD HH:MM:SS`) and `:now_ts` (seconds).
public struct QueryParameters: Sendable, Equatable {
    /// Day numbers of the inclusive range.
    public var fromDay: Int64
    public var toDay: Int64
    /// Site-local seconds.
    public var now: Int64
    /// `--param` values by name (without prefix), as typed.
    public var values: [String: String] = [:]

    public static let builtinNames = ["from", "to", "from_ts", "to_ts", "now", "now_ts"]

    /// The default range is `to` = today, `from` = `to` − 30 days.
    public init(fromDay: Int64? = nil, toDay: Int64? = nil, now: Int64, values: [String: String] = [:]) {
        let to = toDay ?? LocalTime.day(now)
        self.toDay = to
        self.fromDay = fromDay ?? to - 30
        self.now = now
        self.values = values
    }

    package var builtins: [String: SQLValue] {
        [
            "from": .text(LocalTime.formatDate(day: fromDay)),
            "to": .text(LocalTime.formatDate(day: toDay)),
            "from_ts": .integer(fromDay * LocalTime.secondsPerDay),
            "to_ts": .integer((toDay + 1) * LocalTime.secondsPerDay),
            "now": .text(LocalTime.format(now)),
            "now_ts": .integer(now),
        ]
    }

    /// How a typed value is bound: whole numbers as integers, decimals as reals, the rest as
    /// text. In a header default (`allowNull`), `null` binds NULL and `'quoted'` is text.
    package static func sqlValue(_ text: String, allowNull: Bool) -> SQLValue {
        if allowNull, text.lowercased() == "null" { return .null }
        if let v = Int64(text), String(v) == text { return .integer(v) }
        if text.contains("."), let v = Double(text), v.isFinite,
            text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" })
        {
            return .real(v)
        }
        if allowNull, text.count >= 2, text.first == "'", text.last == "'" {
            return .text(String(text.dropFirst().dropLast()))
        }
        return .text(text)
    }

    /// Parses `KEY=VALUE` arguments of `--param`.
    /// - Throws: a ``QueryError`` naming the bad pair.
    public static func parsePairs(_ pairs: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "=") else {
                throw QueryError.badInput("--param \"\(pair)\" is not KEY=VALUE (e.g. --param agent=3)")
            }
            var key = String(pair[..<eq]).trimmingCharacters(in: .whitespaces)
            if let first = key.first, ":@$".contains(first) { key.removeFirst() }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw QueryError.badInput("--param \"\(pair)\": \"\(key)\" is not a parameter name (letters, digits, _)")
            }
            if key == "from" || key == "to" {
                throw QueryError.badInput("--param \(key)=... : give the range with --\(key) DATE")
            }
            if builtinNames.contains(key) {
                throw QueryError.badInput("--param \(key)=... : :\(key) is computed from --from, --to and --now")
            }
            guard values[key] == nil else { throw QueryError.badInput("--param \(key) given twice") }
            values[key] = String(pair[pair.index(after: eq)...])
        }
        return values
    }
}

/// Rows a query returned, with column names and SQLite's own value types.
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[SQLValue]]
    /// The values bound, by name (for the JSON output's `params`).
    public var bound: [(name: String, value: SQLValue)]

    public init(columns: [String], rows: [[SQLValue]], bound: [(name: String, value: SQLValue)]) {
        self.columns = columns
        self.rows = rows
        self.bound = bound
    }

    public static func == (a: QueryResult, b: QueryResult) -> Bool {
        a.columns == b.columns && a.rows == b.rows && a.bound.map(\.name) == b.bound.map(\.name)
            && a.bound.map(\.value) == b.bound.map(\.value)
    }
}

/// Compiles, checks, binds and runs one saved query on a read-only snapshot.
public enum QueryRunner {
    /// - Returns: the rows, and the `--param` names the statement does not use.
    /// - Throws: ``QueryError``s naming the file: bad input for a compile failure, a second
    ///   statement, a write, or a missing parameter; failed for SQLite failures while stepping.
    public static func run(_ query: QueryFile, on snapshot: Snapshot, parameters: QueryParameters) throws -> (
        result: QueryResult, unused: [String]
    ) {
        let statement: Statement
        do {
            statement = try snapshot.prepareQuery(query.sql)
        } catch let error as QueryCompileError {
            throw QueryError.badInput("query \(query.path): \(error)", hint: hint(for: error))
        }
        let builtins = parameters.builtins
        let defaults = Dictionary(query.params.map { ($0.name, $0.defaultValue) }, uniquingKeysWith: { a, _ in a })
        var bound: [(String, SQLValue)] = []
        var used = Set<String>()
        for placeholder in statement.parameterNames {
            let name = String(placeholder.dropFirst())
            let value: SQLValue
            if let given = parameters.values[name] {
                value = QueryParameters.sqlValue(given, allowNull: false)
            } else if let builtin = builtins[name] {
                value = builtin
            } else if let fallback = defaults[name], let fallback {
                value = QueryParameters.sqlValue(fallback, allowNull: true)
            } else {
                throw QueryError.badInput(
                    "query \(query.path) needs parameter \(placeholder); pass --param \(name)=VALUE",
                    hint: "built-in parameters: " + QueryParameters.builtinNames.map { ":\($0)" }.joined(separator: ", "))
            }
            try statement.bind(value, named: placeholder)
            if used.insert(name).inserted { bound.append((name, value)) }
        }
        let unused = parameters.values.keys.filter { !used.contains($0) }.sorted()

        var columns: [String] = []
        var seen: [String: Int] = [:]
        for index in 0..<statement.columnCount {
            var name = statement.columnName(index)
            if let count = seen[name] {
                seen[name] = count + 1
                name += "_\(count + 1)"
            } else {
                seen[name] = 1
            }
            columns.append(name)
        }
        var rows: [[SQLValue]] = []
        do {
            while try statement.step() {
                rows.append((0..<Int32(columns.count)).map { statement.value($0) })
            }
        } catch let error as SQLiteError {
            // Reaching here with a write would mean every guard failed; query_only refuses it.
            // SQLITE_MISMATCH (20): a bound value of the wrong type, e.g. `--param limit=abc`.
            let primary = error.code & 0xFF
            let kind: QueryError.Kind = primary == 8 || primary == 20 ? .badInput : .failed  // 8: SQLITE_READONLY
            let hint =
                primary == 20 ? "check the --param values: \(bound.map { ":\($0.0)=\($0.1)" }.joined(separator: " "))" : nil
            throw QueryError(kind, "query \(query.path): SQLite error \(error.code): \(error.message)", hint: hint)
        }
        return (QueryResult(columns: columns, rows: rows, bound: bound), unused)
    }

    static func hint(for error: QueryCompileError) -> String? {
        switch error {
        case .sqlite: return "fix the SQL in the file; the snapshot's tables are described in docs/queries.md"
        case .multipleStatements: return "split it into one file per statement"
        case .writes, .forbidden: return "the snapshot is opened read-only; nothing was changed"
        case .empty, .anonymousParameter: return nil
        }
    }
}
