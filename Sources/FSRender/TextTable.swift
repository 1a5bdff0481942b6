import Foundation

/// Aligned plain text for terminals: a header, a rule, and columns padded to their widest
/// cell (numbers right-aligned). Control characters from the helpdesk are replaced so a
/// name cannot move the cursor.
public enum TextTable {
    public static func render(_ table: ReportTable) -> String {
        let header = table.header.map(clean)
        let rows = table.rows.map { $0.map(clean) }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return table.numeric.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        var out = format(header)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += format(row) }
        if rows.isEmpty { out += "(no rows)\n" }
        return out
    }

    static func clean(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }
}
