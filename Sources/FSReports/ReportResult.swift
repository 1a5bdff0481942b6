/// A computed report, independent of any output format.
public enum ReportResult: Sendable, Equatable {
    /// `{"overall_reports": {key: {"title", "count"}, ...}}`
    case overall([OverallItem])
    /// `{"stats": {label: count, ...}}`
    case series(Series)
    /// `{"summary": [agent, ...]}`
    case agents([AgentSummary])
    /// `/reports/stats`: `{"overall_reports": {key: {"title", "key", "count"}, ...}}`
    case stats([OverallItem])
    /// `{"stats": {"Mon": {"0:00": n, ...}, ...}}`
    case dayTime(DayTimeGrid)
    /// `{"summary": [product or mailbox, ...]}`
    case groups(GroupSummaries)
}

/// One counter of an overall report.
public struct OverallItem: Sendable, Equatable {
    public var key: String
    public var title: String
    public var count: Int

    public init(key: String, title: String, count: Int) {
        self.key = key
        self.title = title
        self.count = count
    }
}

/// A growth series: labelled buckets in chronological order.
public struct Series: Sendable, Equatable {
    public var interval: Interval
    /// The inclusive day range covered (day numbers).
    public var from: Int64
    public var to: Int64
    public var labels: [String]
    public var counts: [Int]

    public init(interval: Interval, from: Int64, to: Int64, labels: [String], counts: [Int]) {
        self.interval = interval
        self.from = from
        self.to = to
        self.labels = labels
        self.counts = counts
    }

    public var total: Int { counts.reduce(0, +) }
}

/// One agent's entry of agents-summary / my-summary.
public struct AgentSummary: Sendable, Equatable {
    public var id: Int64
    public var firstName: String?
    public var lastName: String?
    public var photo: String?
    public var interactions: Int
    public var responses: Int
    public var opens: Int
    public var closed: Int
    public var waitingTickets: Int
    /// `now − mean(waiting_since)` in seconds, as a fraction `numerator / waitingTickets`
    /// (exact; nil with no waiting tickets).
    public var averageWaitingNumerator: Int64?
    /// `now − min(waiting_since)` in seconds (nil with no waiting tickets).
    public var maxWaitingSeconds: Int64?

    public init(
        id: Int64, firstName: String?, lastName: String?, photo: String?, interactions: Int, responses: Int,
        opens: Int, closed: Int, waitingTickets: Int, averageWaitingNumerator: Int64?, maxWaitingSeconds: Int64?
    ) {
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.photo = photo
        self.interactions = interactions
        self.responses = responses
        self.opens = opens
        self.closed = closed
        self.waitingTickets = waitingTickets
        self.averageWaitingNumerator = averageWaitingNumerator
        self.maxWaitingSeconds = maxWaitingSeconds
    }

    /// First and last name joined by one space, then trimmed at both ends as PHP `trim`
    /// does (inner spaces stay).
    public var fullName: String { phpTrim((firstName ?? "") + " " + (lastName ?? "")) }

    /// Mean waiting time in whole seconds (rounded half away from zero).
    public var averageWaitingSeconds: Int64? {
        averageWaitingNumerator.map { HumanDuration.roundedDivision($0, Int64(waitingTickets)) }
    }

    /// `"<n> hours"` between 2 h and 48 h (exclusive), else the human duration; nil when
    /// there is nothing waiting (the endpoint then sends the number 0).
    public var averageWaiting: String? {
        guard let numerator = averageWaitingNumerator, waitingTickets > 0 else { return nil }
        return HumanDuration.averageWaiting(numerator: numerator, denominator: Int64(waitingTickets))
    }

    /// Human duration of the oldest waiting ticket; nil when nothing waits.
    public var maxWaiting: String? {
        maxWaitingSeconds.map { HumanDuration.string(numerator: $0, denominator: 1) }
    }
}
