import FSColumnar
import FSSnapshot

/// Every report body a static export publishes, keyed by the path of its live endpoint.
public struct ReportExport: Sendable {
    /// Path under `api/` without extension, e.g. `reports/tickets-growth`, `my-reports/3/my-summary`.
    public var path: String
    public var name: ReportName
    public var request: ReportRequest
    public var result: ReportResult
}

extension Reports {
    /// The default view of every report: each global report, and each personal report
    /// for every agent, with the reports' default ranges relative to `now`.
    /// - Complexity: one kernel run per report and agent.
    public static func defaultExports(store: ColumnarStore, now: Int64) throws -> [ReportExport] {
        var exports: [ReportExport] = []
        func add(_ name: ReportName, agent: Int64? = nil, type: DayTimeType? = nil) throws {
            let request = ReportRequest(agentId: agent, now: now, dayTimeType: type)
            exports.append(
                ReportExport(
                    path: name.apiPath(agentId: agent, type: type), name: name, request: request,
                    result: try run(name, store: store, request: request)))
        }
        try add(.overall)
        try add(.ticketsGrowth)
        try add(.resolveGrowth)
        try add(.responseGrowth)
        try add(.agentsSummary)
        // The plugin's other reports: stats and day-time-stats over all time, summaries for today.
        try add(.stats)
        for type in DayTimeType.allCases { try add(.dayTimeStats, type: type) }
        try add(.productSummary)
        try add(.mailboxSummary)
        for agent in store.agentIndexes {
            let id = store.personIDs[Int(agent)]
            try add(.myOverall, agent: id)
            try add(.myResolveGrowth, agent: id)
            try add(.myResponseGrowth, agent: id)
            try add(.mySummary, agent: id)
        }
        return exports
    }
}
