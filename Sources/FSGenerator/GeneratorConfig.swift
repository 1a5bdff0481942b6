import FSSnapshot

/// What ``HelpdeskGenerator`` builds: how many rows, over which period, from which seed.
/// The same configuration always gives the same rows.
public struct GeneratorConfig: Sendable {
    /// Seed of every random choice.
    public var seed: UInt64
    public var tickets: Int
    /// Agents get ids `1...agents`; at least 1.
    public var agents: Int
    /// Customers get ids after the agents; at least 1.
    public var customers: Int
    /// History length: tickets are created over `[now - days, now]`.
    public var days: Int
    /// Site-local seconds (``LocalTime``); no timestamp is later than this.
    public var now: Int64
    /// The site's IANA timezone, recorded in the snapshot's metadata.
    public var timezone: String
    /// Mean number of conversations (responses of both sides, notes, close events) per
    /// ticket, before the cut at `now` (which trims the newest tickets a little).
    public var conversationsPerTicket: Double
    /// Activity-log rows are kept for the last `activityDays` days (sites prune them
    /// after 14 days by default); `0` keeps none.
    public var activityDays: Int

    public init(
        seed: UInt64 = 42, tickets: Int = 3000, agents: Int = 8, customers: Int? = nil, days: Int = 120,
        now: Int64, timezone: String = "America/New_York", conversationsPerTicket: Double = 4,
        activityDays: Int = 14
    ) {
        self.seed = seed
        self.tickets = tickets
        self.agents = agents
        self.customers = customers ?? max(50, tickets / 4)
        self.days = days
        self.now = now
        self.timezone = timezone
        self.conversationsPerTicket = conversationsPerTicket
        self.activityDays = activityDays
    }

    /// The first instant tickets may be created at.
    var start: Int64 { now - Int64(max(days, 1)) * LocalTime.secondsPerDay }
}
