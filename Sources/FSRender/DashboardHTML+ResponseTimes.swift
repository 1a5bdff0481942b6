import FSReports

/// The "Response times" block: first on the index page's panels and on agent pages
/// (SEMANTICS.md, "Beyond the plugin"), and the per-agent columns of the agents table.
extension DashboardHTML {
    /// Cards for median (and p90) first response, reply time and resolution with the
    /// change on the preceding period, unanswered tickets now, the FRT distribution and
    /// the median FRT per bucket (the charts on the index only: agent pages show the cards,
    /// which keeps the demo's site within its size budget).
    /// - Parameter subject: the agent's name on agent pages (already plain text; escaped here).
    func responseTimesSection(_ rt: DashboardResponseTimes, preset: DashboardPreset, subject: String?) -> String {
        let id = "rt-\(preset.id)"
        let days = preset.days
        var out = "<div class=\"rtimes\" role=\"group\" aria-labelledby=\"\(id)\"><h3 id=\"\(id)\">Response times</h3>"
        out += "<div class=\"cards\">"
        out += durationCard(
            "frt", label: "First response", rt.current.firstResponse, previous: rt.previous.firstResponse, days: days,
            noun: "ticket", key: "first_response")
        out += durationCard(
            "reply", label: "Reply time", rt.current.replyTime, previous: rt.previous.replyTime, days: days, noun: "reply",
            nouns: "replies",
            key: "reply_time")
        out += durationCard(
            "resolution", label: "Resolution", rt.resolution, previous: rt.previousResolution, days: days,
            noun: "resolved ticket", key: "resolution")
        out += card(
            "waiting", label: "Unanswered now", value: rt.current.unansweredNow, sub: "not closed, no agent reply yet",
            key: "unanswered_now")
        out += "</div>\n"
        if subject == nil {
            out += "<div class=\"charts\">\n"
            out += distributionFigure(rt.current.firstResponse, id: "\(id)-dist", preset: preset, subject: subject)
            out += seriesFigure(rt, id: "\(id)-med", preset: preset, subject: subject)
            out += "</div>"
        }
        out += "</div>\n"
        return out
    }

    /// A card whose value is a median duration, with the p90, the sample size and the change.
    func durationCard(
        _ kind: String, label: String, _ stats: DurationStats, previous: DurationStats, days: Int, noun: String,
        nouns: String? = nil, key: String
    ) -> String {
        var out = "<div class=\"card k-\(kind)\"><p class=\"label\">\(htmlEscape(label)) <span class=\"id\">median</span></p>"
        if let median = stats.median {
            out += "<p class=\"value\" data-k=\"\(key)_median\" data-seconds=\"\(median)\">"
            out += "\(htmlEscape(DashboardFormat.compactDuration(median)))</p>"
        } else {
            out +=
                "<p class=\"value\" data-k=\"\(key)_median\"><span aria-hidden=\"true\">—</span><span class=\"sr\">none</span></p>"
        }
        var sub = DashboardFormat.plural(stats.n, noun, nouns)
        if let p90 = stats.p90 { sub = "p90 \(DashboardFormat.compactDuration(p90)) · " + sub }
        out += "<p class=\"sub\">\(htmlEscape(sub))</p>"
        if let median = stats.median, let before = previous.median,
            let change = DashboardHTML.change(Int(median), previous: Int(before), days: days)
        {
            out += "<p class=\"sub chg\">\(change)</p>"
        }
        return out + "</div>"
    }

    /// The first responses of the range per duration bucket, as a bar chart.
    func distributionFigure(_ stats: DurationStats, id: String, preset: DashboardPreset, subject: String?) -> String {
        let of = subject.map { " for \($0)" } ?? ""
        let title = "First response times\(of), \(preset.title.lowercased()) (\(DashboardFormat.range(preset.from, preset.to)))"
        let bars = zip(DurationStats.bucketLabels, stats.buckets).map { label, n in
            BarChart.Bar(axisLabel: label, tooltip: "\(label): \(DashboardFormat.plural(n, "ticket"))", value: n, partial: false)
        }
        var summary = "\(DashboardFormat.plural(stats.n, "first response")) by how long the customer waited."
        if let most = zip(DurationStats.bucketLabels, stats.buckets).max(by: { $0.1 < $1.1 }), most.1 > 0 {
            summary += " Most often \(most.0): \(DashboardFormat.count(most.1))."
        }
        let chart = BarChart(id: id, title: title, summary: summary, series: "responses", bars: bars, showMean: false)
        var rows = ""
        for bar in bars { rows += "<tr><th scope=\"row\">\(bar.axisLabel)</th><td class=\"n\">\(bar.value)</td></tr>" }
        return figure(
            id: id, heading: "First response distribution", note: "tickets by wait", total: DashboardFormat.count(stats.n),
            chart: chart, title: title, columns: ("Wait", "Tickets"), rows: rows)
    }

    /// The median first response of each bucket of the range, in minutes.
    func seriesFigure(_ rt: DashboardResponseTimes, id: String, preset: DashboardPreset, subject: String?) -> String {
        let interval = Buckets.autoInterval(days: preset.to - preset.from)
        let of = subject.map { " for \($0)" } ?? ""
        let title =
            "Median first response in minutes\(of), \(preset.title.lowercased()) "
            + "(\(DashboardFormat.range(preset.from, preset.to)))"
        var bars: [BarChart.Bar] = []
        var rows = ""
        for (i, (label, median)) in zip(rt.seriesLabels, rt.seriesMedians).enumerated() {
            let axis: String
            switch interval {
            case .day, .auto: axis = DashboardFormat.shortDate(preset.from + Int64(i))
            case .week: axis = DashboardFormat.shortDate(preset.from + 7 * Int64(i))
            case .hour: axis = String(label.prefix(5))
            case .month: axis = label
            }
            let text = median.map(DashboardFormat.compactDuration) ?? "no first responses"
            bars.append(
                BarChart.Bar(
                    axisLabel: axis, tooltip: "\(axis): \(text)", value: median.map { Int(($0 + 30) / 60) } ?? 0,
                    partial: median == nil))
            rows += "<tr><th scope=\"row\">\(htmlEscape(axis))</th><td class=\"n\">\(htmlEscape(text))</td></tr>"
        }
        let summary =
            "Median first response per bucket; the whole range's median is "
            + (rt.current.firstResponse.median.map(DashboardFormat.compactDuration) ?? "none") + "."
        let chart = BarChart(id: id, title: title, summary: summary, series: "resolved", bars: bars, showMean: false)
        return figure(
            id: id, heading: "Median first response over time", note: "minutes",
            total: rt.current.firstResponse.median.map(DashboardFormat.compactDuration) ?? "—", chart: chart, title: title,
            columns: ("Period", "Median"), rows: rows)
    }

    private func figure(
        id: String, heading: String, note: String, total: String, chart: BarChart, title: String,
        columns: (String, String), rows: String
    ) -> String {
        var out = "<figure aria-labelledby=\"\(id)-h\"><figcaption><div><h4 id=\"\(id)-h\">\(htmlEscape(heading))</h4>"
        out += "<span class=\"note\">\(htmlEscape(note))</span></div>"
        out += "<span class=\"total\">\(htmlEscape(total))</span></figcaption>"
        chart.render(into: &out)
        out += "<details><summary>Data table</summary><div class=\"scroll\"><table><caption class=\"sr\">"
        out += "\(htmlEscape(title))</caption><thead><tr><th scope=\"col\">\(columns.0)</th>"
        out += "<th scope=\"col\" class=\"n\">\(columns.1)</th></tr></thead><tbody>\(rows)</tbody></table></div></details>"
        return out + "</figure>\n"
    }

    // MARK: Agents table

    /// Header cells of the agents table's response-time columns.
    static let responseTimeHeaders = ["First response", "Reply time", "Resolution"]

    /// The agent's median first response, reply time and resolution (p90 below), or dashes.
    func responseTimeCells(_ times: DashboardAgentTimes?) -> String {
        let t = times ?? DashboardAgentTimes()
        var out = ""
        for (stats, key) in [(t.firstResponse, "first_response"), (t.replyTime, "reply_time"), (t.resolution, "resolution")] {
            guard let median = stats.median, let p90 = stats.p90 else {
                out +=
                    "<td class=\"n\" data-k=\"\(key)_median\"><span aria-hidden=\"true\">—</span><span class=\"sr\">none</span></td>"
                continue
            }
            out += "<td class=\"n\" data-k=\"\(key)_median\" data-seconds=\"\(median)\">"
            out +=
                "\(DashboardFormat.compactDuration(median))<span class=\"sub\">p90 \(DashboardFormat.compactDuration(p90))</span></td>"
        }
        return out
    }
}
