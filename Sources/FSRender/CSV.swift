import Foundation

/// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote or line
/// break, and cells that a spreadsheet would run as a formula neutralised.
public enum CSV {
    public static func render(_ table: ReportTable) -> String {
        render(header: table.header, rows: table.rows)
    }

    public static func render(header: [String], rows: [[String]]) -> String {
        var out = ByteWriter(capacity: 64 + rows.count * 48)
        line(header, into: &out)
        for row in rows { line(row, into: &out) }
        return out.string
    }

    static func line(_ fields: [String]) -> String {
        var out = ByteWriter(capacity: 64)
        line(fields, into: &out)
        return out.string
    }

    static func line(_ fields: [String], into out: inout ByteWriter) {
        for (i, value) in fields.enumerated() {
            if i > 0 { out.raw(",") }
            // Plain cells (digits, letters, spaces, dots...) are written as they are.
            if let first = value.utf8.first, first != UInt8(ascii: "="), first != UInt8(ascii: "+"),
                first != UInt8(ascii: "-"), first != UInt8(ascii: "@"), first != 0x09, first != 0x0D,
                !value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
            {
                out.raw(value)
            } else {
                out.raw(field(value))
            }
        }
        out.raw("\r\n")
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
