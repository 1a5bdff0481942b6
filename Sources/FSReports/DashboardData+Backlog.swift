import FSColumnar

extension DashboardData {
    /// Adds the backlog of every preset. Kept apart from ``compute(store:now:lastSync:)``
    /// because the open intervals come from the snapshot's close/reopen events, which the
    /// store does not hold.
    public mutating func addBacklog(store: ColumnarStore, history: CloseHistory) throws {
        for i in ranges.indices {
            let preset = ranges[i].preset
            ranges[i].backlog = try Backlog.run(
                store: store, history: history, request: Backlog.Request(from: preset.from, to: preset.to, now: now))
        }
    }
}
