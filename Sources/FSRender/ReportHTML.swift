import FSReports

/// A single report as a small self-contained HTML page (`fsreport report --format html`).
public enum ReportHTML {
    public static func page(title: String, result: ReportResult) -> String {
        let table = ReportTable(result)
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(htmlEscape(title))</title>
            <style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1b1f24;background:#fff}
            table{border-collapse:collapse}th,td{padding:.3rem .6rem;border-bottom:1px solid #d0d7de;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            @media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th,td{border-color:#30363d}}</style>
            </head><body><h1>\(htmlEscape(title))</h1>
            <table><thead><tr>
            """
        for h in table.header { html += "<th scope=\"col\">\(htmlEscape(h))</th>" }
        html += "</tr></thead><tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for (i, cell) in row.enumerated() {
                html += table.numeric.contains(i) ? "<td class=\"n\">\(htmlEscape(cell))</td>" : "<td>\(htmlEscape(cell))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table></body></html>\n"
        return html
    }
}
