import FSReports

/// The index page's product and mailbox tables and the busiest-times heatmap.
extension DashboardHTML {
    /// product-summary or mailbox-summary as a table: every column, agents' responses first.
    func groupTable(_ groups: GroupSummaries, preset: DashboardPreset) -> String {
        let isProduct = groups.dimension == .product
        let noun = isProduct ? "Product" : "Mailbox"
        let headingId = "\(isProduct ? "products" : "mailboxes")-\(preset.id)"
        let report: ReportName = isProduct ? .productSummary : .mailboxSummary
        var out = "<div class=\"tablecard\"><h3 id=\"\(headingId)\">\(isProduct ? "Products" : "Mailboxes")</h3>"
        out += "<p class=\"downloads\">Every \(noun.lowercased()) with a ticket; open tickets are those created in the range. "
        out += "Download <a href=\"\(root)\(SitePaths.csv(report: report, agentId: nil, preset: preset.id))\" download>CSV</a> "
        out += "<a href=\"\(root)\(SitePaths.rangeJSON(preset, report))\">JSON</a></p>"
        out += "<div class=\"scroll\"><table aria-labelledby=\"\(headingId)\"><thead><tr><th scope=\"col\">\(noun)</th>"
        for h in ["Responses", "All conversations", "Interactions", "Open", "Closed"] {
            out += "<th scope=\"col\" class=\"n\">\(h)</th>"
        }
        out += "</tr></thead><tbody>\n"
        for g in groups.entries {
            out += "<tr data-\(groups.dimension.rawValue)=\"\(g.id)\"><th scope=\"row\">\(htmlEscape(g.name)) "
            out += "<span class=\"id\">#\(g.id)</span></th>"
            for (key, value) in [
                ("agent_responses", g.agentResponses), ("responses", g.responses), ("interactions", g.interactions),
                ("opens", g.opens), ("closed", g.closed),
            ] {
                out += "<td class=\"n\" data-k=\"\(key)\">\(DashboardFormat.count(value))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>"
        if groups.entries.isEmpty { out += "<p>No \(noun.lowercased()) has a ticket yet.</p>" }
        return out + "</div>\n"
    }

    /// What each heatmap counts: tab label and the noun of its cell descriptions.
    static let heatKinds: [(type: DayTimeType, label: String, singular: String, plural: String)] = [
        (.ticket, "Tickets created", "ticket created", "tickets created"),
        (.agentResponse, "Agent replies", "agent reply", "agent replies"),
        (.customerResponse, "Customer messages", "customer message", "customer messages"),
    ]

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Busiest times: one weekday × hour grid per kind, switched by radio buttons and CSS
    /// (no JavaScript), each with a data table of weekday totals and averages.
    func heatmap(_ range: DashboardRange) -> String {
        let preset = range.preset
        let headingId = "busy-\(preset.id)"
        var out = "<div class=\"tablecard heatcard\"><h3 id=\"\(headingId)\">Busiest times</h3>"
        out += "<p class=\"downloads\">By weekday and hour of the day, site time, "
        out += "\(htmlEscape(DashboardFormat.range(preset.from, preset.to))). Darker is busier.</p>"
        out += "<div class=\"heatwrap\">"
        for (i, kind) in Self.heatKinds.enumerated() {
            out += "<input type=\"radio\" class=\"hs hs\(i)\" name=\"heat-\(preset.id)\" "
            out += "id=\"heat-\(preset.id)-\(kind.type.rawValue)\"\(i == 0 ? " checked" : "")>"
        }
        out += "<div class=\"heattabs\" role=\"group\" aria-label=\"What the grid counts\">"
        for (i, kind) in Self.heatKinds.enumerated() {
            out += "<label class=\"l\(i)\" for=\"heat-\(preset.id)-\(kind.type.rawValue)\">\(kind.label)</label>"
        }
        out += "</div>"
        for (i, kind) in Self.heatKinds.enumerated() {
            guard let grid = range.dayTime(kind.type) else { continue }
            out += heatGrid(grid, index: i, kind: kind, preset: preset)
        }
        out += "</div></div>\n"
        return out
    }

    private func heatGrid(
        _ grid: DayTimeGrid, index: Int, kind: (type: DayTimeType, label: String, singular: String, plural: String),
        preset: DashboardPreset
    ) -> String {
        let maxCell = max(grid.counts.max() ?? 0, 1)
        let occurrences = grid.weekdayOccurrences ?? [Int](repeating: 0, count: 7)
        let caption = "\(kind.label) by weekday and hour, \(preset.title.lowercased())"
        var out = ByteWriter(capacity: 16_384)
        out.raw("<div class=\"heatgrid hg\(index)\" data-type=\"\(kind.type.rawValue)\">")
        out.raw("<div class=\"scroll\"><table class=\"heat\"><caption class=\"sr\">")
        out.text(caption)
        out.raw("</caption><thead><tr><th scope=\"col\">Day</th>")
        for h in 0..<24 { out.raw("<th scope=\"col\">\(h)</th>") }
        out.raw("<th scope=\"col\" class=\"n\">Total</th><th scope=\"col\" class=\"n\">Avg.</th></tr></thead><tbody>")
        var rows = ByteWriter(capacity: 2048)
        for d in 0..<7 {
            let name = DayTimeGrid.weekdays[d]
            out.raw("<tr><th scope=\"row\">\(name)</th>")
            var total = 0
            var busiest = (count: 0, hour: 0)
            for h in 0..<24 {
                let n = grid.count(weekday: d, hour: h)
                total += n
                if n > busiest.count { busiest = (n, h) }
                let level = n == 0 ? 0 : min(5, (n * 5 + maxCell - 1) / maxCell)
                // The row and column headers name the cell; its shade class is the only extra markup.
                out.raw(level == 0 ? "<td>" : "<td class=\"h\(level)\">")
                if n > 0 { out.raw(DashboardFormat.count(n)) }
                out.raw("</td>")
            }
            let average = occurrences[d] > 0 ? DashboardFormat.decimal(Double(total) / Double(occurrences[d])) : "—"
            out.raw("<td class=\"n\" data-k=\"total\">\(DashboardFormat.count(total))</td>")
            out.raw("<td class=\"n\" data-k=\"average\">\(average)</td></tr>")
            rows.raw("<tr><th scope=\"row\">\(Self.weekdayNames[d])</th><td class=\"n\">\(occurrences[d])</td>")
            rows.raw("<td class=\"n\">\(DashboardFormat.count(total))</td><td class=\"n\">\(average)</td><td>")
            rows.raw(
                busiest.count == 0 ? "—" : "\(DashboardFormat.two(busiest.hour)):00 (\(DashboardFormat.count(busiest.count)))")
            rows.raw("</td></tr>")
        }
        out.raw("</tbody></table></div>")
        out.raw("<details><summary>Data table</summary><div class=\"scroll\"><table><caption class=\"sr\">")
        out.text(caption + ": weekday totals")
        out.raw("</caption><thead><tr><th scope=\"col\">Weekday</th><th scope=\"col\" class=\"n\">Days in range</th>")
        out.raw("<th scope=\"col\" class=\"n\">Total</th><th scope=\"col\" class=\"n\">Average per day</th>")
        out.raw("<th scope=\"col\">Busiest hour</th></tr></thead><tbody>")
        out.raw(rows.string)
        out.raw("</tbody></table></div></details>")
        let csv = SitePaths.csv(report: .dayTimeStats, agentId: nil, preset: preset.id, type: kind.type)
        out.raw("<p class=\"downloads\">Download <a href=\"\(root)\(csv)\" download>CSV</a> ")
        out.raw("<a href=\"\(root)\(SitePaths.dayTimeJSON(preset, kind.type))\">JSON</a></p></div>")
        return out.string
    }
}
