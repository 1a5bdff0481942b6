import FSReports

/// The JSON bodies of the live `/reports` endpoints (SEMANTICS.md), with numbers as JSON
/// numbers and the agents-summary additions (`*_seconds`, no emails).
public enum ReportJSON {
    /// Options that differ between the CLI and the publishable site.
    public struct Options: Sendable {
        /// Keep agents' `photo` URLs (the CLI does); the static site sends `null`, so it
        /// makes no external requests.
        public var includePhotos: Bool

        public init(includePhotos: Bool = true) { self.includePhotos = includePhotos }
    }

    public static func value(_ result: ReportResult, options: Options = Options()) -> JSONValue {
        switch result {
        case .overall(let items):
            return .object([
                (
                    "overall_reports",
                    .object(items.map { ($0.key, .object([("title", .string($0.title)), ("count", .int(Int64($0.count)))])) })
                )
            ])
        case .series(let series):
            return .object([
                ("stats", .object(zip(series.labels, series.counts).map { ($0, .int(Int64($1))) }))
            ])
        case .agents(let agents):
            return .object([("summary", .array(agents.map { agent($0, options: options) }))])
        case .stats(let items):
            return .object([
                (
                    "overall_reports",
                    .object(
                        items.map {
                            (
                                $0.key,
                                .object([
                                    ("title", .string($0.title)), ("key", .string($0.key)), ("count", .int(Int64($0.count))),
                                ])
                            )
                        })
                )
            ])
        case .dayTime(let grid):
            return .object([
                (
                    "stats",
                    .object(
                        DayTimeGrid.weekdays.enumerated().map { d, day in
                            (
                                day,
                                .object(
                                    DayTimeGrid.hours.enumerated().map { ($1, .int(Int64(grid.count(weekday: d, hour: $0)))) })
                            )
                        })
                )
            ])
        case .groups(let groups):
            return .object([("summary", .array(groups.entries.map { group($0, dimension: groups.dimension) }))])
        }
    }

    /// One product (`title`) or mailbox (`name`, `settings`) entry; `agent_responses` is ours.
    public static func group(_ g: GroupSummary, dimension: GroupSummaries.Dimension) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .int(g.id))]
        switch dimension {
        case .product: members.append(("title", .string(g.name)))
        case .mailbox: members += [("name", .string(g.name)), ("settings", .array([]))]
        }
        members += [
            (
                "stats",
                .object([
                    ("responses", .int(Int64(g.responses))),
                    ("opens", .int(Int64(g.opens))),
                    ("closed", .int(Int64(g.closed))),
                    ("interactions", .int(Int64(g.interactions))),
                    ("agent_responses", .int(Int64(g.agentResponses))),
                ])
            ),
            ("active_stat", .string("")),
        ]
        return .object(members)
    }

    public static func agent(_ a: AgentSummary, options: Options = Options()) -> JSONValue {
        let nothing = a.waitingTickets == 0
        return .object([
            ("id", .int(a.id)),
            ("first_name", a.firstName.map(JSONValue.string) ?? .null),
            ("last_name", a.lastName.map(JSONValue.string) ?? .null),
            (
                "stats",
                .object([
                    ("interactions", .int(Int64(a.interactions))),
                    ("responses", .int(Int64(a.responses))),
                    ("opens", .int(Int64(a.opens))),
                    ("closed", .int(Int64(a.closed))),
                    ("waiting_tickets", .int(Int64(a.waitingTickets))),
                ])
            ),
            (
                "active_stat",
                .object([
                    ("average_waiting", nothing ? .int(0) : .string(a.averageWaiting ?? "")),
                    ("max_waiting", nothing ? .int(0) : .string(a.maxWaiting ?? "")),
                    ("waiting_tickets", .int(Int64(a.waitingTickets))),
                    ("average_waiting_seconds", a.averageWaitingSeconds.map(JSONValue.int) ?? .null),
                    ("max_waiting_seconds", a.maxWaitingSeconds.map(JSONValue.int) ?? .null),
                ])
            ),
            ("full_name", .string(a.fullName)),
            ("photo", options.includePhotos ? (a.photo.map(JSONValue.string) ?? .null) : .null),
        ])
    }
}
