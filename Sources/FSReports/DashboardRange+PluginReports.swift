import FSColumnar

extension DashboardRange {
    /// Computes stats, the three day-time-stats grids and the product and mailbox summaries
    /// over the preset's range.
    mutating func addPluginReports(store: ColumnarStore, request: ReportRequest) throws {
        guard case .stats(let items) = try Reports.run(.stats, store: store, request: request) else {
            preconditionFailure("expected stats")
        }
        stats = items
        dayTime = try DayTimeType.allCases.map { type in
            var typed = request
            typed.dayTimeType = type
            guard case .dayTime(let grid) = try Reports.run(.dayTimeStats, store: store, request: typed) else {
                preconditionFailure("expected a day-time grid")
            }
            return grid
        }
        guard case .groups(let products) = try Reports.run(.productSummary, store: store, request: request),
            case .groups(let mailboxes) = try Reports.run(.mailboxSummary, store: store, request: request)
        else { preconditionFailure("expected summaries") }
        self.products = products
        self.mailboxes = mailboxes
    }

    /// The grid of one type.
    public func dayTime(_ type: DayTimeType) -> DayTimeGrid? { dayTime.first { $0.type == type } }

    /// The plugin's other reports of this preset, under `ranges/<preset>/...`.
    func pluginExports(now: Int64) -> [ReportExport] {
        let request = preset.request(now: now)
        var result = [
            ReportExport(path: preset.apiPath(.stats), name: .stats, request: request, result: .stats(stats))
        ]
        for grid in dayTime {
            var typed = request
            typed.dayTimeType = grid.type
            result.append(
                ReportExport(
                    path: preset.apiPath(.dayTimeStats, type: grid.type), name: .dayTimeStats, request: typed,
                    result: .dayTime(grid)))
        }
        result.append(
            ReportExport(
                path: preset.apiPath(.productSummary), name: .productSummary, request: request, result: .groups(products)))
        result.append(
            ReportExport(
                path: preset.apiPath(.mailboxSummary), name: .mailboxSummary, request: request, result: .groups(mailboxes)))
        return result
    }
}
