import FSReports

/// The index page's backlog card: open tickets at the end of each day with the day's
/// inflow (created) and outflow (closed), and the aging of open and waiting tickets now.
extension DashboardHTML {
    /// Bucket labels of the aging charts, as the page shows them.
    static let ageLabels = ["0–1 d", "1–3 d", "3–7 d", "7–30 d", "30 d+"]
    static let ageWords = ["under 1 day", "1 to 3 days", "3 to 7 days", "7 to 30 days", "30 days or more"]

    /// The card of one preset; empty when the backlog was not computed.
    func backlog(_ range: DashboardRange) -> String {
        guard let backlog = range.backlog, let last = backlog.days.last else { return "" }
        let preset = range.preset
        let index = DashboardHTML.chartIndex(preset)
        let headingId = "backlog-\(preset.id)"
        let today = DashboardCalendar.day(data.now)
        let when = DashboardFormat.range(preset.from, preset.to)
        var out = ByteWriter(capacity: 16_384 + backlog.days.count * 600)
        out.raw("<div class=\"tablecard backlog\"><h3 id=\"\(headingId)\">Backlog</h3>")
        out.raw("<p class=\"downloads\">Tickets open at the end of each day (23:59:59 site time), ")
        out.text(when)
        out.raw(", with the tickets created and closed that day; ages are as of now. Download ")
        out.raw("<a href=\"\(root)\(SitePaths.backlogCSV(preset))\" download>CSV</a> ")
        out.raw("<a href=\"\(root)\(SitePaths.backlogJSON(preset))\">JSON</a></p><div class=\"charts\">\n")

        func dayBars(_ value: (Backlog.Day) -> Int, _ singular: String, _ plural: String) -> [BarChart.Bar] {
            backlog.days.map { d in
                let n = value(d)
                var tooltip = "\(DashboardFormat.shortDayWithWeekday(d.day)): \(DashboardFormat.count(n)) "
                tooltip += n == 1 ? singular : plural
                if d.day == today { tooltip += " (today, so far)" }
                return BarChart.Bar(
                    axisLabel: DashboardFormat.shortDate(d.day), tooltip: tooltip, value: n, partial: d.day == today)
            }
        }
        let created = backlog.days.reduce(0) { $0 + $1.created }
        let closed = backlog.days.reduce(0) { $0 + $1.closed }
        let reopened = backlog.days.reduce(0) { $0 + $1.reopened }
        let peak = backlog.days.max { ($0.open, $1.day) < ($1.open, $0.day) }!
        figure(
            &out, id: "c\(index)bo", series: "responses", heading: "Open at end of day", note: "per day",
            headline: last.open, key: "backlog-open",
            title: "Open tickets at the end of each day, \(preset.title.lowercased()) (\(when))",
            summary: "\(DashboardFormat.count(backlog.days.first!.open)) open at the end of the first day, "
                + "\(DashboardFormat.count(last.open)) at the end of the last; highest \(DashboardFormat.count(peak.open)) "
                + "on \(DashboardFormat.shortDayWithWeekday(peak.day)).",
            bars: dayBars(\.open, "open ticket", "open tickets"), showMean: false)
        figure(
            &out, id: "c\(index)bi", series: "created", heading: "Inflow: created", note: "per day", headline: created,
            key: "backlog-created", title: "Tickets created per day, \(preset.title.lowercased()) (\(when))",
            summary:
                "\(DashboardFormat.count(created)) created in total over \(DashboardFormat.plural(backlog.days.count, "day")).",
            bars: dayBars(\.created, "ticket created", "tickets created"))
        figure(
            &out, id: "c\(index)bx", series: "resolved", heading: "Outflow: closed", note: "per day, every close",
            headline: closed, key: "backlog-closed",
            title: "Closes per day, \(preset.title.lowercased()) (\(when))",
            summary: "\(DashboardFormat.count(closed)) closes and \(DashboardFormat.count(reopened)) reopens in total.",
            bars: dayBars(\.closed, "close", "closes"))
        func ageBars(_ counts: [Int], _ noun: String) -> [BarChart.Bar] {
            counts.enumerated().map { i, n in
                BarChart.Bar(
                    axisLabel: Self.ageLabels[i], tooltip: "\(DashboardFormat.count(n)) \(noun) \(Self.ageWords[i])",
                    value: n, partial: false)
            }
        }
        let open = backlog.agingOpen.reduce(0, +)
        let waiting = backlog.agingWaiting.reduce(0, +)
        figure(
            &out, id: "c\(index)ao", series: "responses", heading: "Open tickets by age", note: "now, since created",
            headline: open, key: "aging-open", title: "Open tickets now by time since they were created",
            summary: ageSummary(backlog.agingOpen, total: open), bars: ageBars(backlog.agingOpen, "open"))
        figure(
            &out, id: "c\(index)aw", series: "created", heading: "Waiting tickets by wait", note: "now, since waiting",
            headline: waiting, key: "aging-waiting", title: "Tickets waiting on an agent now by time waited",
            summary: ageSummary(backlog.agingWaiting, total: waiting), bars: ageBars(backlog.agingWaiting, "waiting"))
        out.raw("</div>")

        // One data table for the three day charts.
        out.raw("<details><summary>Data table</summary><div class=\"scroll\"><table><caption class=\"sr\">Backlog per day, ")
        out.text(when)
        out.raw("</caption><thead><tr><th scope=\"col\">Day</th>")
        for h in ["Open at end", "Created", "Closed", "Reopened"] { out.raw("<th scope=\"col\" class=\"n\">\(h)</th>") }
        out.raw("</tr></thead><tbody>")
        for d in backlog.days {
            out.raw("<tr><th scope=\"row\">")
            out.text(DashboardFormat.shortDayWithWeekday(d.day))
            out.raw("</th>")
            for (key, n) in [("open", d.open), ("created", d.created), ("closed", d.closed), ("reopened", d.reopened)] {
                out.raw("<td class=\"n\" data-k=\"\(key)\">")
                out.grouped(n)
                out.raw("</td>")
            }
            out.raw("</tr>")
        }
        out.raw("</tbody></table></div></details></div>\n")
        return out.string
    }

    private func ageSummary(_ counts: [Int], total: Int) -> String {
        guard total > 0 else { return "None now." }
        return "\(DashboardFormat.count(total)) in total: "
            + zip(Self.ageWords, counts).map { "\(DashboardFormat.count($1)) \($0)" }.joined(separator: ", ") + "."
    }

    /// A chart card like the growth charts': heading, note, headline figure, the bars.
    private func figure(
        _ out: inout ByteWriter, id: String, series: String, heading: String, note: String, headline: Int, key: String,
        title: String, summary: String, bars: [BarChart.Bar], showMean: Bool = true
    ) {
        out.raw("<figure aria-labelledby=\"\(id)-h\"><figcaption><div><h3 id=\"\(id)-h\">")
        out.text(heading)
        out.raw("</h3><span class=\"note\">")
        out.text(note)
        out.raw("</span></div><span class=\"total\" data-k=\"\(key)\">")
        out.grouped(headline)
        out.raw("</span></figcaption>")
        BarChart(id: id, title: title, summary: summary, series: series, bars: bars, showMean: showMean).render(into: &out)
        out.raw("</figure>\n")
    }
}
