import FSReports

/// The SLA panel of a preset and the agents table's SLA cells; nothing at all without
/// targets (SEMANTICS.md, "SLA").
extension DashboardHTML {
    static let slaKindTitles: [SLATargets.Kind: String] = [
        .firstResponse: "First response", .nextResponse: "Next response", .resolution: "Resolution",
    ]

    /// Attainment as a percentage with one decimal, or a dash without samples.
    static func attainment(_ c: SLA.Counts) -> String {
        let samples = Int64(c.met + c.breached)
        guard samples > 0 else { return "—" }
        // Rounded once, halves up, from the counts (rounding the ten-thousandths again could
        // turn 99.945% into 100.0% with tickets breached).
        let tenths = (Int64(c.met) * 2000 + samples) / (2 * samples)
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// One row per configured target: met, breached, attainment, breached now.
    func slaPanel(_ range: DashboardRange) -> String {
        guard let sla = range.sla else { return "" }
        let id = "sla-\(range.preset.id)"
        var out = "<div class=\"tablecard\"><h3 id=\"\(id)\">SLA targets</h3>"
        out += "<p class=\"downloads\">Waits that ended in the range, on the \(sla.clock.rawValue) clock; "
        out += "breached now is open tickets already past a target.</p>"
        out += "<div class=\"scroll\"><table aria-labelledby=\"\(id)\"><thead><tr><th scope=\"col\">Target</th>"
        for h in ["Met", "Breached", "Attainment", "Breached now"] { out += "<th scope=\"col\" class=\"n\">\(h)</th>" }
        out += "</tr></thead><tbody>\n"
        for kind in sla.kinds {
            let c = sla.summary[kind] ?? SLA.Counts()
            out += "<tr data-sla=\"\(kind.rawValue)\"><th scope=\"row\">\(Self.slaKindTitles[kind] ?? kind.rawValue)</th>"
            out += "<td class=\"n\" data-k=\"met\">\(DashboardFormat.count(c.met))</td>"
            out += "<td class=\"n\" data-k=\"breached\">\(DashboardFormat.count(c.breached))</td>"
            out += "<td class=\"n\" data-k=\"attainment\">\(Self.attainment(c))</td>"
            out += "<td class=\"n\(c.breachedOpen > 0 ? " warm" : "")\" data-k=\"breached_open\">"
            out += "\(DashboardFormat.count(c.breachedOpen))</td></tr>\n"
        }
        out += "</tbody></table></div></div>\n"
        return out
    }

    /// The agents table's SLA header cell (empty without targets).
    static func slaHeader(_ sla: SLA.Result?) -> String {
        sla == nil ? "" : "<th scope=\"col\" class=\"n\">SLA</th>"
    }

    /// An agent's SLA attainment over every configured target (empty without targets).
    static func slaCell(_ sla: SLA.Result?, agent id: Int64) -> String {
        guard let sla else { return "" }
        guard let c = sla.agentCounts(id) else { return "<td class=\"n\" data-k=\"sla\">—</td>" }
        return "<td class=\"n\" data-k=\"sla\" title=\"\(c.met) met, \(c.breached) breached\">\(attainment(c))</td>"
    }
}
