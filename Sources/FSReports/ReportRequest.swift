import FSSnapshot

/// The reports this tool computes, by their CLI names.
public enum ReportName: String, CaseIterable, Sendable {
    case overall
    case ticketsGrowth = "tickets-growth"
    case resolveGrowth = "resolve-growth"
    case responseGrowth = "response-growth"
    case agentsSummary = "agents-summary"
    case myOverall = "my-overall"
    case myResolveGrowth = "my-resolve-growth"
    case myResponseGrowth = "my-response-growth"
    case mySummary = "my-summary"
    case stats
    case dayTimeStats = "day-time-stats"
    case productSummary = "product-summary"
    case mailboxSummary = "mailbox-summary"

    /// Personal reports need `--agent`.
    public var isPersonal: Bool { rawValue.hasPrefix("my-") }

    /// The live endpoint whose body `--format json` reproduces.
    public var endpoint: String {
        switch self {
        case .overall: return "/reports"
        case .ticketsGrowth: return "/reports/tickets-growth"
        case .resolveGrowth: return "/reports/tickets-resolve-growth"
        case .responseGrowth: return "/reports/response-growth"
        case .agentsSummary: return "/reports/agents-summary"
        case .myOverall: return "/my-reports"
        case .myResolveGrowth: return "/my-reports/tickets-resolve-growth"
        case .myResponseGrowth: return "/my-reports/response-growth"
        case .mySummary: return "/my-reports/my-summary"
        case .stats: return "/reports/stats"
        case .dayTimeStats: return "/reports/day-time-stats"
        case .productSummary: return "/product-reports/product-reports-summary"
        case .mailboxSummary: return "/mailbox-reports/mailbox-reports-summary"
        }
    }

    /// Where the body of this report lives under a static site's `api/` (no extension): the
    /// live endpoint's path with the agent's id after `my-reports` and day-time-stats' type
    /// as a last segment, e.g. `reports/tickets-growth`, `my-reports/3/my-summary`,
    /// `reports/day-time-stats/ticket`. The one place, with ``endpoint``, that spells them.
    public func apiPath(agentId: Int64? = nil, type: DayTimeType? = nil) -> String {
        var path = String(endpoint.dropFirst())
        if isPersonal, let agentId {
            let rest = path.dropFirst("my-reports".count)
            path = "my-reports/\(agentId)" + rest
        }
        if let type { path += "/\(type.rawValue)" }
        return path
    }

    /// Whether the report takes a date range (`--from`/`--to`).
    public var takesRange: Bool {
        switch self {
        case .overall, .myOverall: return false
        default: return true
        }
    }

    /// Whether the range may be left out entirely, meaning all time (`stats`,
    /// `day-time-stats`); such a range needs both ends or neither.
    public var rangeIsOptional: Bool { self == .stats || self == .dayTimeStats }

    /// Whether `--agent` applies (day-time-stats: only with `--type agent-response`).
    public var takesAgent: Bool {
        switch self {
        case .overall, .productSummary, .mailboxSummary: return false
        default: return true
        }
    }

    /// Whether `--interval` applies.
    public var isSeries: Bool {
        switch self {
        case .ticketsGrowth, .resolveGrowth, .responseGrowth, .myResolveGrowth, .myResponseGrowth: return true
        default: return false
        }
    }

    /// Whether `--product` / `--mailbox` filters apply.
    public var takesTicketFilters: Bool {
        switch self {
        case .ticketsGrowth, .resolveGrowth, .responseGrowth, .myResolveGrowth, .myResponseGrowth, .stats: return true
        default: return false
        }
    }

    /// A one-line description for `--help` and the dashboard.
    public var summary: String {
        switch self {
        case .overall: return "tickets by current status, and all responses (no date range)"
        case .ticketsGrowth: return "tickets created per period"
        case .resolveGrowth: return "closed tickets per period of their resolved_at"
        case .responseGrowth: return "agents' responses per period"
        case .agentsSummary: return "per agent: responses, interactions, open, closed, waiting tickets"
        case .myOverall: return "one agent's replies, interactions and closed tickets (all time)"
        case .myResolveGrowth: return "one agent's closed tickets per period"
        case .myResponseGrowth: return "one agent's responses per period"
        case .mySummary: return "one agent's agents-summary entry"
        case .stats: return "tickets created in the range by current status, and responses (no range: all time)"
        case .dayTimeStats: return "weekday × hour grid of tickets, agent or customer responses (--type)"
        case .productSummary: return "per product: responses, open and closed tickets, interactions"
        case .mailboxSummary: return "per mailbox: responses, open and closed tickets, interactions"
        }
    }
}

/// Bucket size of a growth series.
public enum Interval: String, CaseIterable, Sendable {
    case auto, hour, day, week, month
}

/// What `day-time-stats` counts (`--type`).
public enum DayTimeType: String, CaseIterable, Sendable {
    /// Tickets by `created_at`.
    case ticket
    /// Conversations of type `response` written by agents.
    case agentResponse = "agent-response"
    /// Conversations of type `response` written by customers.
    case customerResponse = "customer-response"
}

/// What to compute: range, filters, interval and the site-local `now`.
public struct ReportRequest: Sendable, Equatable {
    /// First day of the range (day number, ``LocalTime``); nil for the report's default.
    public var from: Int64?
    /// Last day of the range, inclusive; nil for the report's default.
    public var to: Int64?
    public var agentId: Int64?
    public var productId: Int64?
    public var mailboxId: Int64?
    public var interval: Interval
    /// Site-local wall-clock seconds.
    public var now: Int64
    /// What day-time-stats counts; nil for other reports (day-time-stats: `ticket`).
    public var dayTimeType: DayTimeType?

    public init(
        from: Int64? = nil, to: Int64? = nil, agentId: Int64? = nil, productId: Int64? = nil,
        mailboxId: Int64? = nil, interval: Interval = .auto, now: Int64, dayTimeType: DayTimeType? = nil
    ) {
        self.from = from
        self.to = to
        self.agentId = agentId
        self.productId = productId
        self.mailboxId = mailboxId
        self.interval = interval
        self.now = now
        self.dayTimeType = dayTimeType
    }

    /// The inclusive day range a report covers, with its defaults filled in: growth
    /// series default to `to` = today and `from` = `to` − 30 days (31 dates), summaries to
    /// today..today. Nil when `from` is after `to`, and for an all-time report
    /// (``ReportName/rangeIsOptional``) asked without a range.
    public func range(for report: ReportName) -> ClosedRange<Int64>? {
        guard report.takesRange else { return nil }
        if report.rangeIsOptional {
            guard let from, let to, from <= to else { return nil }
            return from...to
        }
        let today = LocalTime.day(now)
        let span: Int64 = report.isSeries ? 30 : 0
        let to = self.to ?? today
        let from = self.from ?? (to - span)
        return from <= to ? from...to : nil
    }
}

/// Why a report cannot be computed from a request: all are the user's input.
public enum ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    case fromAfterTo(from: String, to: String)
    case agentRequired(report: String)
    case unknownAgent(id: Int64)
    case unknownProduct(id: Int64)
    case unknownMailbox(id: Int64)
    case optionNotApplicable(option: String, report: String)
    case rangeNeedsBothEnds(report: String)
    case agentNotForType(type: String)
    case unknownPriority(name: String, known: [String])

    public var description: String {
        switch self {
        case .fromAfterTo(let from, let to):
            return "--from \(from) is after --to \(to); the range is inclusive, so swap them or pick a later --to"
        case .agentRequired(let report):
            return "\(report) is a personal report and needs --agent ID (the agent's person id; "
                + "`fsreport report agents-summary` lists them)"
        case .unknownAgent(let id):
            return "--agent \(id) is not an agent in this snapshot (see `fsreport report agents-summary` for ids)"
        case .unknownProduct(let id):
            return "--product \(id) is not a product in this snapshot"
        case .unknownMailbox(let id):
            return "--mailbox \(id) is not a mailbox in this snapshot"
        case .optionNotApplicable(let option, let report):
            return "\(option) does not apply to \(report); see `fsreport report --help` for which report takes what"
        case .rangeNeedsBothEnds(let report):
            return "\(report) takes both --from and --to, or neither for all time"
        case .agentNotForType(let type):
            return "--agent does not apply to day-time-stats --type \(type); it restricts only --type agent-response "
                + "(drop --agent, or use --type agent-response)"
        case .unknownPriority(let name, let known):
            return "--priority \"\(name)\" is no ticket's priority in this snapshot; priorities are "
                + (known.isEmpty ? "none" : known.sorted().joined(separator: ", "))
        }
    }
}
