import FSRender
import FSSnapshot

/// Renders a ``QueryResult`` as JSON, CSV or an aligned terminal table.
public enum QueryOutput {
    public static let formats = ["json", "csv", "table"]

    public static func render(_ result: QueryResult, query: QueryFile, format: String) -> String {
        switch format {
        case "csv": return CSV.render(header: result.columns, rows: result.rows.map { $0.map(cell) })
        case "table": return TextTable.render(table(result))
        default: return json(result, query: query)
        }
    }

    /// A cell as text: NULL is empty, reals in their shortest exact form.
    static func cell(_ value: SQLValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let v): return String(v)
        case .real(let v): return v.isFinite ? String(v) : ""
        case .text(let v): return v
        }
    }

    static func table(_ result: QueryResult) -> ReportTable {
        var numeric = Set<Int>()
        for index in result.columns.indices {
            var sawNumber = false
            var allNumbers = true
            for row in result.rows {
                switch row[index] {
                case .integer, .real: sawNumber = true
                case .null: break
                case .text: allNumbers = false
                }
            }
            if sawNumber && allNumbers { numeric.insert(index) }
        }
        return ReportTable(header: result.columns, rows: result.rows.map { $0.map(cell) }, numeric: numeric)
    }

    /// `{"query", "title", "params", "columns", "rows": [{column: value}]}`, numbers as JSON
    /// numbers and NULL as null, keys in column order; params, columns and each row on one line.
    static func json(_ result: QueryResult, query: QueryFile) -> String {
        JSONValue.object([
            ("query", .string(query.name)),
            ("title", query.title.map(JSONValue.string) ?? .null),
            ("params", .object(result.bound.map { ($0.name, value($0.value)) })),
            ("columns", .array(result.columns.map(JSONValue.string))),
            ("rows", .array(result.rows.map { row in .object(zip(result.columns, row).map { ($0, value($1)) }) })),
        ]).serialized(rows: true)
    }

    static func value(_ v: SQLValue) -> JSONValue {
        switch v {
        case .null: return .null
        case .integer(let i): return .int(i)
        case .real(let d): return .double(d)
        case .text(let s): return .string(s)
        }
    }
}
