import FSReports

/// `index.html`: all-time counts, one panel per preset (range totals, three growth charts,
/// the agents table), links to every agent page, and the definitions.
enum DashboardIndexPage {
    static func render(_ data: DashboardData, options: SiteOptions) -> String {
        let page = DashboardHTML(data: data, options: options, root: "", presets: data.ranges.map(\.preset))
        var title = DashboardHTML.siteTitle
        if let sync = data.lastSync { title += " · data as of \(DashboardFormat.date(DashboardCalendar.day(sync)))" }
        var out = ""
        out.reserveCapacity(160_000)
        out += page.head(title: title, heatmap: true)
        out += page.anchors
        out += "<div class=\"page\">\n<header class=\"masthead\"><div class=\"wrap\"><div>"
        out += "<p class=\"eyebrow\">Fluent Support reports</p><h1>\(DashboardHTML.siteTitle)</h1></div>"
        out += page.asOf + "</div></header>\n"
        out += page.staleBanner
        out += "<main class=\"wrap\">\n"

        // All-time counts.
        out += "<section aria-labelledby=\"all-time\"><div class=\"sectionhead\"><h2 id=\"all-time\">All time</h2>"
        out += "<span class=\"range\">tickets by their current status, and every reply</span></div><div class=\"cards\">"
        let kinds = ["new_tickets": "new", "active_tickets": "active", "closed_tickets": "closed", "responses": "responses"]
        let subs = [
            "new_tickets": "status new now", "active_tickets": "status active now",
            "closed_tickets": "status closed now", "responses": "by agents and customers",
        ]
        for item in data.overall {
            out += page.card(kinds[item.key] ?? "total", label: item.title, value: item.count, sub: subs[item.key], key: item.key)
        }
        out += "</div>"
        out +=
            "<p class=\"downloads\">Download <a href=\"\(SitePaths.csv(report: .overall, agentId: nil, preset: nil))\" download>CSV</a> "
        out += "<a href=\"api/reports.json\">JSON</a></p></section>\n"

        // One panel per preset; the default one is shown without a fragment.
        for range in data.ranges {
            out += panel(range, page: page, data: data)
        }

        // Every agent's page, including agents with nothing in any range.
        out += "<section aria-labelledby=\"agent-pages\"><h2 id=\"agent-pages\">Agent pages</h2><ul class=\"people\">"
        for agent in data.agents {
            out += "<li><a href=\"\(SitePaths.agentPage(agent.id))\">"
            out += page.avatar(id: agent.id, firstName: agent.firstName, lastName: agent.lastName)
            out += htmlEscape(DashboardFormat.displayName(id: agent.id, firstName: agent.firstName, lastName: agent.lastName))
            out += "</a></li>"
        }
        if data.agents.isEmpty { out += "<li>No agents in this snapshot.</li>" }
        out += "</ul></section>\n"

        out += "<section aria-labelledby=\"definitions\"><h2 id=\"definitions\">\(DashboardDefinitions.title)</h2>"
        out += "<div class=\"defs\">\(DashboardDefinitions.html(headingLevel: 3))</div></section>\n"
        out += "</main>\n"
        out += page.footer + DashboardHTML.end
        return out
    }

    static func panel(_ range: DashboardRange, page: DashboardHTML, data: DashboardData) -> String {
        let preset = range.preset
        let id = preset.id
        let index = DashboardHTML.chartIndex(preset)
        var out = page.panelOpen(preset, headingId: "h-\(id)")
        if let times = range.responseTimes { out += page.responseTimesSection(times, preset: preset, subject: nil) }
        let waiting = range.agentsSummary.reduce(0) { $0 + $1.waitingTickets }
        let longest = range.agentsSummary.compactMap(\.maxWaitingSeconds).max()
        out += "<div class=\"cards\">"
        let totals: [(String, String, Int, Int, String)] = [
            ("created", "Tickets created", range.ticketsGrowth.total, range.previous.created, "created"),
            ("resolved", "Tickets resolved", range.resolveGrowth.total, range.previous.resolved, "resolved"),
            ("responses", "Agent responses", range.responseGrowth.total, range.previous.agentResponses, "agent_responses"),
        ]
        for (kind, label, total, previous, key) in totals {
            out += page.card(
                kind, label: label, value: total, sub: DashboardHTML.perDay(total, days: preset.days), key: key,
                change: DashboardHTML.change(total, previous: previous, days: preset.days))
        }
        out += page.card(
            "waiting", label: "Waiting on an agent", value: waiting,
            sub: longest.map { "now · longest \(HumanDuration.string(numerator: $0, denominator: 1))" } ?? "now · none waiting",
            key: "waiting")
        out += "</div>\n<div class=\"charts\">\n"
        out += page.chartFigure(
            id: "c\(index)c", kind: .created, series: range.ticketsGrowth, preset: preset, subject: nil,
            csv: SitePaths.csv(report: .ticketsGrowth, agentId: nil, preset: id),
            json: SitePaths.rangeJSON(preset, .ticketsGrowth))
        out += page.chartFigure(
            id: "c\(index)r", kind: .resolved, series: range.resolveGrowth, preset: preset, subject: nil,
            csv: SitePaths.csv(report: .resolveGrowth, agentId: nil, preset: id),
            json: SitePaths.rangeJSON(preset, .resolveGrowth))
        out += page.chartFigure(
            id: "c\(index)s", kind: .responses, series: range.responseGrowth, preset: preset, subject: nil,
            csv: SitePaths.csv(report: .responseGrowth, agentId: nil, preset: id),
            json: SitePaths.rangeJSON(preset, .responseGrowth))
        out += "</div>\n"
        out += "<div class=\"tablecard\"><h3 id=\"agents-\(id)\">Agents</h3>"
        out += "<p class=\"downloads\">Most responses first. Open and waiting tickets are as of now. Download "
        out += "<a href=\"\(SitePaths.csv(report: .agentsSummary, agentId: nil, preset: id))\" download>CSV</a> "
        out += "<a href=\"\(SitePaths.rangeJSON(preset, .agentsSummary))\">JSON</a></p>"
        out += page.agentsTable(
            range.agentsByResponses, headingId: "agents-\(id)", caption: "No agent activity in this range.",
            linkPreset: preset, times: range.responseTimes?.perAgent, sla: range.sla)
        out += "</div>\n"
        out += page.backlog(range)
        out += page.slaPanel(range)
        out += page.heatmap(range)
        out += page.groupTable(range.products, preset: preset)
        out += page.groupTable(range.mailboxes, preset: preset)
        out += "</section>\n"
        return out
    }
}
