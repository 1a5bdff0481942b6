import FSReports

/// Rows and columns of a report, shared by the CSV and terminal-table renderers.
public struct ReportTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    /// Columns that hold numbers (right-aligned in terminal tables).
    public var numeric: Set<Int>

    public init(header: [String], rows: [[String]], numeric: Set<Int>) {
        self.header = header
        self.rows = rows
        self.numeric = numeric
    }

    /// One row per counter, bucket or agent; agents-summary flattened into columns.
    public init(_ result: ReportResult) {
        switch result {
        case .overall(let items):
            self.init(header: ["key", "title", "count"], rows: items.map { [$0.key, $0.title, String($0.count)] }, numeric: [2])
        case .series(let series):
            self.init(
                header: ["period", "count"], rows: zip(series.labels, series.counts).map { [$0, String($1)] },
                numeric: [1])
        case .agents(let agents):
            self.init(
                header: [
                    "id", "first_name", "last_name", "full_name", "interactions", "responses", "opens", "closed",
                    "waiting_tickets", "average_waiting", "max_waiting", "average_waiting_seconds",
                    "max_waiting_seconds",
                ],
                rows: agents.map { a in
                    [
                        String(a.id), a.firstName ?? "", a.lastName ?? "", a.fullName, String(a.interactions),
                        String(a.responses), String(a.opens), String(a.closed), String(a.waitingTickets),
                        a.averageWaiting ?? "0", a.maxWaiting ?? "0", a.averageWaitingSeconds.map(String.init) ?? "",
                        a.maxWaitingSeconds.map(String.init) ?? "",
                    ]
                },
                numeric: [0, 4, 5, 6, 7, 8, 11, 12])
        case .stats(let items):
            self.init(header: ["key", "title", "count"], rows: items.map { [$0.key, $0.title, String($0.count)] }, numeric: [2])
        case .dayTime(let grid):
            // 7 rows (Monday first) × 24 hour columns.
            self.init(
                header: ["day"] + DayTimeGrid.hours,
                rows: DayTimeGrid.weekdays.enumerated().map { d, day in
                    [day] + (0..<24).map { String(grid.count(weekday: d, hour: $0)) }
                },
                numeric: Set(1...24))
        case .groups(let groups):
            self.init(
                header: [
                    "id", groups.dimension == .product ? "title" : "name", "responses", "agent_responses", "opens", "closed",
                    "interactions",
                ],
                rows: groups.entries.map { g in
                    [
                        String(g.id), g.name, String(g.responses), String(g.agentResponses), String(g.opens), String(g.closed),
                        String(g.interactions),
                    ]
                },
                numeric: [0, 2, 3, 4, 5, 6])
        }
    }
}
