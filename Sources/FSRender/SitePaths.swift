import FSReports

/// Where each file of the dashboard site lives, relative to the site root.
///
/// - `api/<endpoint path>.json`: the live endpoints' default views (`api/reports.json`,
///   `api/reports/agents-summary.json`, `api/my-reports/<id>/my-summary.json`, ...).
/// - `api/ranges/<preset>/<endpoint path>.json`: the same endpoints with the preset's
///   `from`/`to`.
/// - `csv/[<preset>-][agent-<id>-]<report>.csv`: one CSV per JSON file.
package enum SitePaths {
    package static let index = "index.html"
    static let manifest = "manifest.json"

    /// Top-level entries a previous site may hold; anything else makes the writer refuse to
    /// replace the folder (it would be deleted with the old site).
    static let topLevelEntries: Set<String> = [index, "agents", "api", "csv", manifest, ".DS_Store"]

    static func agentPage(_ id: Int64) -> String { "agents/\(id).html" }

    /// A saved query's export: `csv/queries/<name>.csv` or `api/queries/<name>.json` (the
    /// `fsreport query <name> --format json` body).
    package static func queryExport(_ name: String, format: String) -> String {
        format == "csv" ? "csv/queries/\(name).csv" : "api/queries/\(name).json"
    }

    static func json(_ export: ReportExport) -> String { "api/\(export.path).json" }

    static func csv(_ export: ReportExport) -> String {
        csv(
            report: export.name, agentId: export.request.agentId, preset: preset(of: export),
            type: export.name == .dayTimeStats ? export.request.dayTimeType : nil)
    }

    /// `type`: day-time-stats has one file per type, e.g. `csv/last-7-days-day-time-stats-ticket.csv`.
    static func csv(report: ReportName, agentId: Int64?, preset: String?, type: DayTimeType? = nil) -> String {
        var parts: [String] = []
        if let preset { parts.append(preset) }
        if let agentId { parts.append("agent-\(agentId)") }
        parts.append(report.rawValue)
        if let type { parts.append(type.rawValue) }
        return "csv/" + parts.joined(separator: "-") + ".csv"
    }

    /// The preset id of a `ranges/<preset>/...` export; nil for a default view.
    static func preset(of export: ReportExport) -> String? {
        guard export.path.hasPrefix("ranges/") else { return nil }
        let rest = export.path.dropFirst(7)
        return String(rest.prefix { $0 != "/" })
    }

    /// JSON of a preset's report, e.g. `api/ranges/last-7-days/reports/tickets-growth.json`.
    static func rangeJSON(_ preset: DashboardPreset, _ report: ReportName, agentId: Int64? = nil) -> String {
        precondition(report != .dayTimeStats, "day-time-stats has one file per --type: use dayTimeJSON")
        precondition(report.takesRange, "\(report.rawValue) takes no range")
        return "api/\(preset.apiPath(report, agentId: agentId)).json"
    }

    /// JSON of a preset's day-time-stats grid, e.g. `api/ranges/last-7-days/reports/day-time-stats/ticket.json`.
    static func dayTimeJSON(_ preset: DashboardPreset, _ type: DayTimeType) -> String {
        "api/\(preset.apiPath(.dayTimeStats, type: type)).json"
    }
}
