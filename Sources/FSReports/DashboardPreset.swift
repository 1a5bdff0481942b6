import FSSnapshot

/// A date range the dashboard precomputes: the last 7, 30 or 90 days, or the month to date,
/// each ending today (site-local, from `now`) and inclusive of today.
public struct DashboardPreset: Sendable, Equatable, Hashable {
    public enum Kind: String, CaseIterable, Sendable {
        case last7Days = "last-7-days"
        case last30Days = "last-30-days"
        case last90Days = "last-90-days"
        case monthToDate = "month-to-date"

        /// Shown first, and when a page is opened without a `#range` fragment.
        public static let `default`: Kind = .last30Days

        /// The tab label, e.g. "Last 7 days".
        public var title: String {
            switch self {
            case .last7Days: return "Last 7 days"
            case .last30Days: return "Last 30 days"
            case .last90Days: return "Last 90 days"
            case .monthToDate: return "Month to date"
            }
        }
    }

    public var kind: Kind
    /// First day, inclusive (day number, ``LocalTime``).
    public var from: Int64
    /// Last day, inclusive: today.
    public var to: Int64

    public init(kind: Kind, from: Int64, to: Int64) {
        precondition(from <= to)
        self.kind = kind
        self.from = from
        self.to = to
    }

    /// The preset ending on `today`: `N` days means today and the `N − 1` days before it;
    /// month to date starts on the 1st of today's month.
    public init(_ kind: Kind, today: Int64) {
        switch kind {
        case .last7Days: self.init(kind: kind, from: today - 6, to: today)
        case .last30Days: self.init(kind: kind, from: today - 29, to: today)
        case .last90Days: self.init(kind: kind, from: today - 89, to: today)
        case .monthToDate:
            let c = LocalTime.civil(today)
            self.init(kind: kind, from: LocalTime.days(year: c.year, month: c.month, day: 1), to: today)
        }
    }

    /// Every preset for `now`, in tab order.
    public static func all(now: Int64) -> [DashboardPreset] {
        let today = LocalTime.day(now)
        return Kind.allCases.map { DashboardPreset($0, today: today) }
    }

    /// The fragment and file-name slug, e.g. `last-7-days`.
    public var id: String { kind.rawValue }

    /// Where a report's body over this preset lives under a static site's `api/` (no
    /// extension): `ranges/<preset>/` and ``ReportName/apiPath(agentId:type:)``.
    public func apiPath(_ report: ReportName, agentId: Int64? = nil, type: DayTimeType? = nil) -> String {
        "ranges/\(id)/" + report.apiPath(agentId: agentId, type: type)
    }
    public var title: String { kind.title }
    /// Number of calendar days covered.
    public var days: Int { Int(to - from + 1) }

    /// A request for `report` over this range (interval `auto`, as the live endpoint).
    public func request(now: Int64, agentId: Int64? = nil) -> ReportRequest {
        ReportRequest(from: from, to: to, agentId: agentId, now: now)
    }
}
