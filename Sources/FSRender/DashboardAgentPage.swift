import FSReports

/// `agents/<id>.html`: one agent's personal reports (my-overall, and per preset the
/// my-summary entry with the resolve and response series), with a link back.
enum DashboardAgentPage {
    static func render(_ agent: DashboardAgent, data: DashboardData, options: SiteOptions) -> String {
        let page = DashboardHTML(data: data, options: options, root: "../", presets: agent.ranges.map(\.preset))
        let name = DashboardFormat.displayName(id: agent.id, firstName: agent.firstName, lastName: agent.lastName)
        var out = ""
        out.reserveCapacity(96_000)
        out += page.head(title: "\(name) · \(DashboardHTML.siteTitle)")
        out += page.anchors
        out += "<div class=\"page\">\n<header class=\"masthead\"><div class=\"wrap\"><div>"
        out += "<p class=\"eyebrow\"><a href=\"../\(SitePaths.index)\">← \(DashboardHTML.siteTitle)</a> · agent #\(agent.id)</p>"
        out += "<h1>\(page.avatar(id: agent.id, firstName: agent.firstName, lastName: agent.lastName))"
        out += "<span>\(htmlEscape(name))</span></h1></div>"
        out += page.asOf + "</div></header>\n"
        out += page.staleBanner
        out += "<main class=\"wrap\">\n"

        out += "<section aria-labelledby=\"all-time\"><div class=\"sectionhead\"><h2 id=\"all-time\">All time</h2>"
        out += "<span class=\"range\">everything this agent has done</span></div><div class=\"cards\">"
        let kinds = ["replies_count": "responses", "interactions_count": "created", "total_closed": "closed"]
        let subs = [
            "replies_count": "replies and notes", "interactions_count": "different tickets replied to",
            "total_closed": "assigned and closed now",
        ]
        for item in agent.overall {
            out += page.card(kinds[item.key] ?? "total", label: item.title, value: item.count, sub: subs[item.key], key: item.key)
        }
        out += "</div><p class=\"downloads\">Download "
        out += "<a href=\"../\(SitePaths.csv(report: .myOverall, agentId: agent.id, preset: nil))\" download>CSV</a> "
        out += "<a href=\"../api/my-reports/\(agent.id).json\">JSON</a></p></section>\n"

        for range in agent.ranges {
            out += panel(range, agent: agent, name: name, page: page)
        }
        out += "<p><a href=\"../\(SitePaths.index)#definitions\">What these numbers mean</a> · "
        out += "<a href=\"../\(SitePaths.index)\">Back to the helpdesk dashboard</a></p>\n"
        out += "</main>\n" + page.footer + DashboardHTML.end
        return out
    }

    static func panel(_ range: DashboardAgentRange, agent: DashboardAgent, name: String, page: DashboardHTML) -> String {
        let preset = range.preset
        let id = preset.id
        let s = range.summary
        var out = page.panelOpen(preset, headingId: "h-\(id)")
        if let times = range.responseTimes { out += page.responseTimesSection(times, preset: preset, subject: name) }
        out += "<div class=\"cards\">"
        out += page.card(
            "responses", label: "Responses", value: s.responses, sub: DashboardHTML.perDay(s.responses, days: preset.days),
            key: "responses")
        out += page.card("created", label: "Interactions", value: s.interactions, sub: "different tickets", key: "interactions")
        out += page.card("resolved", label: "Closed", value: s.closed, sub: "resolved in this range", key: "closed")
        out += page.card("active", label: "Open", value: s.opens, sub: "assigned, not closed, now", key: "opens")
        var waiting = "nothing waiting now"
        if let average = s.averageWaiting, let avgSeconds = s.averageWaitingSeconds, let longest = s.maxWaiting,
            let maxSeconds = s.maxWaitingSeconds
        {
            waiting =
                "avg \(average) (\(DashboardFormat.compactDuration(avgSeconds))) · longest \(longest) "
                + "(\(DashboardFormat.compactDuration(maxSeconds)))"
        }
        out += page.card("waiting", label: "Waiting", value: s.waitingTickets, sub: waiting, key: "waiting_tickets")
        out += "</div>\n<div class=\"charts\">\n"
        let index = DashboardHTML.chartIndex(preset)
        out += page.chartFigure(
            id: "c\(index)r", kind: .resolved, series: range.resolveGrowth, preset: preset, subject: name,
            csv: SitePaths.csv(report: .myResolveGrowth, agentId: agent.id, preset: id),
            json: SitePaths.rangeJSON(preset, .myResolveGrowth, agentId: agent.id))
        out += page.chartFigure(
            id: "c\(index)s", kind: .myResponses, series: range.responseGrowth, preset: preset, subject: name,
            csv: SitePaths.csv(report: .myResponseGrowth, agentId: agent.id, preset: id),
            json: SitePaths.rangeJSON(preset, .myResponseGrowth, agentId: agent.id))
        let team = page.data.ranges.first { $0.preset == preset }?.agentsSummary ?? [s]
        out += comparison(s, team: team, preset: preset, agent: agent, page: page)
        out += "</div>\n</section>\n"
        return out
    }

    /// The agent's range figures next to the team's average per listed agent.
    static func comparison(
        _ s: AgentSummary, team: [AgentSummary], preset: DashboardPreset, agent: DashboardAgent, page: DashboardHTML
    ) -> String {
        let headingId = "cmp-\(preset.id)"
        let agents = max(team.count, 1)
        func average(_ value: (AgentSummary) -> Int) -> Double { Double(team.reduce(0) { $0 + value($1) }) / Double(agents) }
        let rows: [(String, String, Int, Double)] = [
            ("Responses", "responses", s.responses, average(\.responses)),
            ("Interactions", "interactions", s.interactions, average(\.interactions)),
            ("Closed", "closed", s.closed, average(\.closed)),
            ("Open", "opens", s.opens, average(\.opens)),
            ("Waiting", "waiting_tickets", s.waitingTickets, average(\.waitingTickets)),
        ]
        let teamResponses = team.reduce(0) { $0 + $1.responses }
        var out = "<figure class=\"compare\" aria-labelledby=\"\(headingId)\"><figcaption><div>"
        out += "<h3 id=\"\(headingId)\">Compared with the team</h3><span class=\"note\">team average of "
        out += "\(DashboardFormat.plural(team.count, "agent")) in the agents table"
        if teamResponses > 0 {
            let share = Int((Double(s.responses) / Double(teamResponses) * 100).rounded())
            out += " · wrote \(share)% of the team's responses"
        }
        out += "</span></div></figcaption><table><thead><tr><th scope=\"col\"><span class=\"sr\">Figure</span></th>"
        out += "<th scope=\"col\" class=\"n\">This agent</th><th scope=\"col\" class=\"n\">Team avg.</th></tr></thead><tbody>"
        for (label, key, mine, avg) in rows {
            let top = max(Double(mine), avg, 1)
            out += "<tr><th scope=\"row\">\(label)<span class=\"pair\" aria-hidden=\"true\">"
            out += "<i class=\"me\" style=\"width:\(Int((Double(mine) / top * 100).rounded()))%\"></i>"
            out += "<i style=\"width:\(Int((avg / top * 100).rounded()))%\"></i></span></th>"
            out += "<td class=\"n\" data-k=\"cmp-\(key)\">\(DashboardFormat.count(mine))</td>"
            out += "<td class=\"n\">\(DashboardFormat.decimal(avg))</td></tr>"
        }
        out += "</tbody></table><p class=\"downloads\">This agent's summary: "
        out += "<a href=\"../\(SitePaths.csv(report: .mySummary, agentId: agent.id, preset: preset.id))\" download>CSV</a> "
        out += "<a href=\"../\(SitePaths.rangeJSON(preset, .mySummary, agentId: agent.id))\">JSON</a></p></figure>\n"
        return out
    }
}
