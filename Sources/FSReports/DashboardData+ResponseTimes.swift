import FSColumnar

/// The dashboard's "Response times" figures over one preset (SEMANTICS.md, "Beyond the
/// plugin"): first response, reply time and full resolution with the preceding period of
/// equal length, the FRT distribution, the median FRT per bucket, unanswered tickets now,
/// and (for the whole helpdesk) the same figures per agent.
public struct DashboardResponseTimes: Sendable, Equatable {
    public var current: ResponseTimes.Summary
    public var previous: ResponseTimes.Summary
    /// Full resolution of the tickets resolved in the preset (resolution-times' `full`).
    public var resolution: DurationStats
    public var previousResolution: DurationStats
    /// Labels of the growth reports over the preset and the median FRT of each (nil: none).
    public var seriesLabels: [String]
    public var seriesMedians: [Int64?]
    /// Per agent id: FRT and reply time by the agent who wrote the reply, resolution by
    /// the assignee (as resolution-times `--by agent`). Empty on agent pages.
    public var perAgent: [Int64: DashboardAgentTimes]

    /// The figures over `preset`, for one agent when `agentId` is given.
    public static func compute(
        store: ColumnarStore, reports: ReportColumns, preset: DashboardPreset, agentId: Int64?, now: Int64
    ) throws -> DashboardResponseTimes {
        let request = ResponseTimes.Request(
            from: preset.from, to: preset.to, agentId: agentId, by: agentId == nil ? .agent : nil, comparePrevious: true,
            now: now)
        let response = try ResponseTimes.run(store: store, reports: reports, request: request)
        let resolution = try ResolutionTimes.run(store: store, reports: reports, request: request)
        var perAgent: [Int64: DashboardAgentTimes] = [:]
        for g in response.groups ?? [] {
            guard let id = g.id else { continue }
            perAgent[id, default: DashboardAgentTimes()].firstResponse = g.firstResponse
            perAgent[id, default: DashboardAgentTimes()].replyTime = g.replyTime
        }
        for g in resolution.groups ?? [] {
            guard let id = g.id else { continue }
            perAgent[id, default: DashboardAgentTimes()].resolution = g.full
        }
        return DashboardResponseTimes(
            current: response.summary, previous: response.previous ?? response.summary, resolution: resolution.summary.full,
            previousResolution: resolution.previous?.full ?? resolution.summary.full,
            seriesLabels: response.series.map(\.label), seriesMedians: response.series.map(\.median), perAgent: perAgent)
    }
}

/// One agent's statistics blocks over a preset.
public struct DashboardAgentTimes: Sendable, Equatable {
    public var firstResponse = DurationStats([Int64]())
    public var replyTime = DurationStats([Int64]())
    public var resolution = DurationStats([Int64]())

    public init() {}
}

extension DashboardData {
    /// Adds the response-time figures to every preset and every agent's presets.
    mutating func addResponseTimes(store: ColumnarStore, reports: ReportColumns) throws {
        for i in ranges.indices {
            ranges[i].responseTimes = try DashboardResponseTimes.compute(
                store: store, reports: reports, preset: ranges[i].preset, agentId: nil, now: now)
        }
        for a in agents.indices {
            for r in agents[a].ranges.indices {
                agents[a].ranges[r].responseTimes = try DashboardResponseTimes.compute(
                    store: store, reports: reports, preset: agents[a].ranges[r].preset, agentId: agents[a].id, now: now)
            }
        }
    }
}
