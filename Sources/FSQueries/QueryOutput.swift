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
    /// numbers and NULL as null, keys in column order.
    static func json(_ result: QueryResult, query: QueryFile) -> String {
        var out = "{\n"
        out += "  \"query\": \(string(query.name)),\n"
        out += "  \"title\": \(query.title.map(string) ?? "null"),\n"
        out += "  \"params\": {"
        out += result.bound.map { "\(string($0.name)): \(value($0.value))" }.joined(separator: ", ")
        out += "},\n"
        out += "  \"columns\": [" + result.columns.map(string).joined(separator: ", ") + "],\n"
        out += "  \"rows\": ["
        for (i, row) in result.rows.enumerated() {
            out += i == 0 ? "\n    {" : ",\n    {"
            out += zip(result.columns, row).map { "\(string($0)): \(value($1))" }.joined(separator: ", ")
            out += "}"
        }
        out += result.rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    static func value(_ v: SQLValue) -> String {
        switch v {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? String(d) : "null"
        case .text(let s): return string(s)
        }
    }

    /// A JSON string literal (also safe inside HTML: `<`, `>`, `&` escaped).
    static func string(_ s: String) -> String {
        JSONValue.string(s).serialized(pretty: false)
    }
}
