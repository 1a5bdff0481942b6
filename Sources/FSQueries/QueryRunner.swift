import FSSnapshot
import Foundation

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
