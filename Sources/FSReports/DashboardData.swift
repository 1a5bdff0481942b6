import FSColumnar
import FSSnapshot

/// Every report the static dashboard shows or publishes, computed once from a store.
///
/// Pure data: the renderer (FSRender) turns it into pages, JSON and CSV files without
/// computing anything else. Build it with ``compute(store:now:lastSync:)``.
public struct DashboardData: Sendable {
    /// Site-local wall-clock seconds the reports were computed for.
    public var now: Int64
    /// Site-local time of the snapshot's last completed sync (meta `last_sync_at`).
    public var lastSync: Int64?
    /// `overall` (tickets by current status, all responses): no date range.
    public var overall: [OverallItem]
    /// One entry per preset, in tab order.
    public var ranges: [DashboardRange]
    /// Every agent of the snapshot (person type `agent`), by ascending id.
    public var agents: [DashboardAgent]
    /// The reports with the live endpoints' default ranges (no query string).
    public var defaultExports: [ReportExport]
    /// Size of the snapshot the reports were computed from.
    public var counts: Counts

    public struct Counts: Sendable, Equatable {
        public var tickets: Int
        public var conversations: Int
        public var agents: Int
    }

    public init(
        now: Int64, lastSync: Int64?, overall: [OverallItem], ranges: [DashboardRange], agents: [DashboardAgent],
        defaultExports: [ReportExport], counts: Counts
    ) {
        self.now = now
        self.lastSync = lastSync
        self.overall = overall
        self.ranges = ranges
        self.agents = agents
        self.defaultExports = defaultExports
        self.counts = counts
    }

    /// Computes the overall counts, every preset's growth series and agents summary, and
    /// each agent's personal reports for every preset.
    /// - Parameters:
    ///   - now: site-local "now"; presets end on its day.
    ///   - lastSync: site-local time of the last sync, shown as "data as of".
    /// - Complexity: one kernel run per report, preset and agent: O((presets × agents) ×
    ///   kernel), each kernel touching only its range's rows.
    ///   - reports: the store's report columns; with them every preset gets its
    ///     ``DashboardRange/responseTimes``.
    public static func compute(
        store: ColumnarStore, reports: ReportColumns? = nil, now: Int64, lastSync: Int64?
    ) throws -> DashboardData {
        let presets = DashboardPreset.all(now: now)
        let overall = try items(Reports.run(.overall, store: store, request: ReportRequest(now: now)))
        var ranges: [DashboardRange] = []
        for preset in presets {
            let request = preset.request(now: now)
            // The same number of days just before the range, for the "vs previous" change.
            let before = ReportRequest(from: preset.from - Int64(preset.days), to: preset.from - 1, interval: .month, now: now)
            let previous = DashboardTotals(
                created: try series(Reports.run(.ticketsGrowth, store: store, request: before)).total,
                resolved: try series(Reports.run(.resolveGrowth, store: store, request: before)).total,
                agentResponses: try series(Reports.run(.responseGrowth, store: store, request: before)).total)
            var dashboardRange = DashboardRange(
                preset: preset,
                ticketsGrowth: try series(Reports.run(.ticketsGrowth, store: store, request: request)),
                resolveGrowth: try series(Reports.run(.resolveGrowth, store: store, request: request)),
                responseGrowth: try series(Reports.run(.responseGrowth, store: store, request: request)),
                agentsSummary: try agents(Reports.run(.agentsSummary, store: store, request: request)),
                previous: previous)
            try dashboardRange.addPluginReports(store: store, request: request)
            ranges.append(dashboardRange)
        }
        var dashboardAgents: [DashboardAgent] = []
        for index in store.agentIndexes {
            let a = Int(index)
            let id = store.personIDs[a]
            let mine = try items(Reports.run(.myOverall, store: store, request: ReportRequest(agentId: id, now: now)))
            var agentRanges: [DashboardAgentRange] = []
            for preset in presets {
                let request = preset.request(now: now, agentId: id)
                let summary = try agents(Reports.run(.mySummary, store: store, request: request))
                agentRanges.append(
                    DashboardAgentRange(
                        preset: preset,
                        resolveGrowth: try series(Reports.run(.myResolveGrowth, store: store, request: request)),
                        responseGrowth: try series(Reports.run(.myResponseGrowth, store: store, request: request)),
                        summary: summary[0]))
            }
            dashboardAgents.append(
                DashboardAgent(
                    id: id, firstName: store.personFirstName[a], lastName: store.personLastName[a], overall: mine,
                    ranges: agentRanges))
        }
        var data = DashboardData(
            now: now, lastSync: lastSync, overall: overall, ranges: ranges, agents: dashboardAgents,
            defaultExports: try Reports.defaultExports(store: store, now: now),
            counts: Counts(
                tickets: store.ticketCount, conversations: store.conversationCount, agents: dashboardAgents.count))
        if let reports { try data.addResponseTimes(store: store, reports: reports) }
        return data
    }

    /// The preset shown when a page opens without a fragment: last 30 days, else the first
    /// one kept (callers may drop presets from ``ranges``); nil when none is left.
    public var defaultRange: DashboardRange? {
        ranges.first { $0.preset.kind == .default } ?? ranges.first
    }

    /// Every report body the site publishes: the default views at the live endpoints'
    /// paths, then each preset under `ranges/<preset>/...` with its `from`/`to`.
    public var exports: [ReportExport] {
        var result = defaultExports
        for range in ranges {
            let request = range.preset.request(now: now)
            func export(_ name: ReportName, _ result: ReportResult) -> ReportExport {
                ReportExport(path: range.preset.apiPath(name), name: name, request: request, result: result)
            }
            result.append(export(.ticketsGrowth, .series(range.ticketsGrowth)))
            result.append(export(.resolveGrowth, .series(range.resolveGrowth)))
            result.append(export(.responseGrowth, .series(range.responseGrowth)))
            result.append(export(.agentsSummary, .agents(range.agentsSummary)))
        }
        for range in ranges {
            result += range.pluginExports(now: now)
        }
        for agent in agents {
            for range in agent.ranges {
                let request = range.preset.request(now: now, agentId: agent.id)
                func export(_ name: ReportName, _ result: ReportResult) -> ReportExport {
                    ReportExport(
                        path: range.preset.apiPath(name, agentId: agent.id), name: name, request: request, result: result)
                }
                result.append(export(.myResolveGrowth, .series(range.resolveGrowth)))
                result.append(export(.myResponseGrowth, .series(range.responseGrowth)))
                result.append(export(.mySummary, .agents([range.summary])))
            }
        }
        return result
    }

    private static func items(_ result: ReportResult) -> [OverallItem] {
        guard case .overall(let items) = result else { preconditionFailure("expected an overall report") }
        return items
    }

    private static func series(_ result: ReportResult) -> Series {
        guard case .series(let series) = result else { preconditionFailure("expected a growth series") }
        return series
    }

    private static func agents(_ result: ReportResult) -> [AgentSummary] {
        guard case .agents(let agents) = result else { preconditionFailure("expected an agents summary") }
        return agents
    }
}

/// One preset's reports for the whole helpdesk.
public struct DashboardRange: Sendable, Equatable {
    public var preset: DashboardPreset
    public var ticketsGrowth: Series
    public var resolveGrowth: Series
    public var responseGrowth: Series
    /// agents-summary over the preset, sorted by agent id as the endpoint sends it.
    public var agentsSummary: [AgentSummary]
    /// The three totals over the same number of days just before the preset.
    public var previous: DashboardTotals
    /// `/reports/stats` over the preset: tickets created in it by current status, responses, open.
    public var stats: [OverallItem] = []
    /// day-time-stats over the preset, one grid per type in ``DayTimeType/allCases`` order.
    public var dayTime: [DayTimeGrid] = []
    /// product-summary over the preset.
    public var products = GroupSummaries(dimension: .product, entries: [])
    /// mailbox-summary over the preset.
    public var mailboxes = GroupSummaries(dimension: .mailbox, entries: [])
    /// Response and resolution times over the preset (nil when computed without report columns).
    public var responseTimes: DashboardResponseTimes?
    /// backlog over the preset (aging as of now); nil until ``DashboardData/addBacklog(store:history:)``.
    public var backlog: Backlog.Result?
    /// SLA attainment over the preset, grouped by agent; nil without targets (``DashboardData/addSLA``).
    public var sla: SLA.Result? = nil

    public init(
        preset: DashboardPreset, ticketsGrowth: Series, resolveGrowth: Series, responseGrowth: Series,
        agentsSummary: [AgentSummary], previous: DashboardTotals
    ) {
        self.preset = preset
        self.ticketsGrowth = ticketsGrowth
        self.resolveGrowth = resolveGrowth
        self.responseGrowth = responseGrowth
        self.agentsSummary = agentsSummary
        self.previous = previous
    }

    /// The agents summary ordered for reading: most responses first, then by id.
    public var agentsByResponses: [AgentSummary] {
        agentsSummary.sorted { ($1.responses, $0.id) < ($0.responses, $1.id) }
    }
}

/// Range totals of the three growth series.
public struct DashboardTotals: Sendable, Equatable {
    public var created: Int
    public var resolved: Int
    public var agentResponses: Int

    public init(created: Int, resolved: Int, agentResponses: Int) {
        self.created = created
        self.resolved = resolved
        self.agentResponses = agentResponses
    }
}

/// One agent's personal reports.
public struct DashboardAgent: Sendable, Equatable {
    public var id: Int64
    public var firstName: String?
    public var lastName: String?
    /// my-overall: replies, interactions, closed (all time).
    public var overall: [OverallItem]
    /// Per preset, in tab order.
    public var ranges: [DashboardAgentRange]

    public init(id: Int64, firstName: String?, lastName: String?, overall: [OverallItem], ranges: [DashboardAgentRange]) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.overall = overall
        self.ranges = ranges
    }

    /// First and last name joined by one space and trimmed, as the API's `full_name`.
    public var fullName: String { phpTrim((firstName ?? "") + " " + (lastName ?? "")) }
}

/// One agent's reports over one preset.
public struct DashboardAgentRange: Sendable, Equatable {
    public var preset: DashboardPreset
    public var resolveGrowth: Series
    public var responseGrowth: Series
    /// my-summary's entry (all zeros for an agent with nothing).
    public var summary: AgentSummary
    /// The agent's response and resolution times over the preset (nil without report columns).
    public var responseTimes: DashboardResponseTimes?

    public init(preset: DashboardPreset, resolveGrowth: Series, responseGrowth: Series, summary: AgentSummary) {
        self.preset = preset
        self.resolveGrowth = resolveGrowth
        self.responseGrowth = responseGrowth
        self.summary = summary
    }
}
