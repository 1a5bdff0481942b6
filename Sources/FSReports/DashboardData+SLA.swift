import FSColumnar

extension DashboardData {
    /// Adds SLA attainment to every preset (``DashboardRange/sla``): the `sla` report over
    /// the preset's days with one group per agent, for the SLA panel and the agents table's
    /// SLA column. Without targets the dashboard shows neither.
    public mutating func addSLA(
        store: ColumnarStore, columns: ResponseColumns, extras: ResponseTimes.TicketExtras, targets: SLATargets,
        business: BusinessTime?
    ) throws {
        for i in ranges.indices {
            let preset = ranges[i].preset
            ranges[i].sla = try SLA.run(
                store: store, columns: columns, extras: extras, targets: targets, business: business,
                request: ResponseTimes.Request(from: preset.from, to: preset.to, by: .agent, now: now), listBreaches: false)
        }
    }
}

extension SLA.Result {
    /// An agent's met and breached samples over every configured kind (nil when the agent has none).
    public func agentCounts(_ id: Int64) -> SLA.Counts? {
        guard let group = groups?.first(where: { $0.id == id }) else { return nil }
        var total = SLA.Counts()
        for kind in kinds {
            total.met += group.counts[kind]?.met ?? 0
            total.breached += group.counts[kind]?.breached ?? 0
            total.breachedOpen += group.counts[kind]?.breachedOpen ?? 0
        }
        return total.met + total.breached == 0 ? nil : total
    }
}
