import FSSnapshot

/// Calendar facts the dashboard shows next to report numbers, so the renderer needs no
/// date arithmetic of its own. Days are site-local day numbers (``LocalTime``).
public enum DashboardCalendar {
    /// A civil date with its weekday (0 = Sunday).
    public struct CivilDate: Sendable, Equatable {
        public var year: Int
        public var month: Int
        public var day: Int
        public var weekday: Int
    }

    public static func date(_ day: Int64) -> CivilDate {
        let c = LocalTime.civil(day)
        // 1970-01-01 was a Thursday (4).
        let weekday = Int(((day % 7) + 7 + 4) % 7)
        return CivilDate(year: c.year, month: c.month, day: c.day, weekday: weekday)
    }

    /// Day number of a site-local timestamp.
    public static func day(_ t: Int64) -> Int64 { LocalTime.day(t) }

    /// `YYYY-MM-DD`.
    public static func iso(_ day: Int64) -> String { LocalTime.formatDate(day: day) }

    /// `YYYY-MM-DD HH:MM:SS`.
    public static func timestamp(_ t: Int64) -> String { LocalTime.format(t) }

    /// Parses a site-local `YYYY-MM-DD HH:MM:SS` (e.g. the snapshot's `last_sync_at`).
    public static func parseTimestamp(_ text: String) -> Int64? { LocalTime.parse(text) }
}

/// The span of one bucket of a growth series.
public struct SeriesBucket: Sendable, Equatable {
    /// First and last day covered, inclusive.
    public var first: Int64
    public var last: Int64
    /// For hour buckets, the hour of the day (0–23); nil otherwise.
    public var hour: Int?
    /// The bucket covers less than a whole week or month because the range cuts it.
    public var isCut: Bool

    public init(first: Int64, last: Int64, hour: Int?, isCut: Bool) {
        self.first = first
        self.last = last
        self.hour = hour
        self.isCut = isCut
    }
}

extension Series {
    /// The span of each bucket, in label order: one day for day buckets, the 7-day window
    /// (the last one cut at `to`) for weeks, the calendar month intersected with the
    /// range for months, and the range's single day for hours.
    public var buckets: [SeriesBucket] {
        switch interval {
        case .hour:
            return (0..<counts.count).map { SeriesBucket(first: from, last: to, hour: $0, isCut: false) }
        case .day, .auto:
            return (0..<counts.count).map {
                SeriesBucket(first: from + Int64($0), last: from + Int64($0), hour: nil, isCut: false)
            }
        case .week:
            return (0..<counts.count).map { k in
                let first = from + Int64(k) * 7
                let last = min(first + 6, to)
                return SeriesBucket(first: first, last: last, hour: nil, isCut: last - first < 6)
            }
        case .month:
            var result: [SeriesBucket] = []
            var day = from
            while day <= to, result.count < counts.count {
                let c = LocalTime.civil(day)
                let monthStart = LocalTime.days(year: c.year, month: c.month, day: 1)
                let monthEnd = monthStart + Int64(LocalTime.daysInMonth(year: c.year, month: c.month)) - 1
                let last = min(monthEnd, to)
                result.append(SeriesBucket(first: day, last: last, hour: nil, isCut: day > monthStart || last < monthEnd))
                day = last + 1
            }
            return result
        }
    }
}
