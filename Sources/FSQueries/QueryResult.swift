import FSSnapshot

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
