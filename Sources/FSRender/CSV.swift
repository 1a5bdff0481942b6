import Foundation

/// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line
/// break, and cells that a spreadsheet would run as a formula neutralised.
public enum CSV {
    public static func render(_ table: ReportTable) -> String {
        render(header: table.header, rows: table.rows)
    }

    public static func render(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One cell. A cell starting with `=`, `+`, `-`, `@`, tab or carriage return is
    /// prefixed with `'` so spreadsheets show it as text, except plain numbers
    /// (`-3`, `+1.5`), which stay numbers.
    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isNumber(v) {
            v = "'" + v
        }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    static func isNumber(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard !body.isEmpty else { return false }
        var dot = false
        for c in body {
            if c == "." {
                if dot { return false }
                dot = true
            } else if !c.isASCII || !c.isNumber {
                return false
            }
        }
        return true
    }
}
