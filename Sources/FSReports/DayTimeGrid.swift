/// day-time-stats: counts per weekday (Monday first) and hour of the day, site-local.
public struct DayTimeGrid: Sendable, Equatable {
    /// Row labels in order, as the endpoint's keys.
    public static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    /// Column labels: `"0:00"` … `"23:00"`, not zero-padded.
    public static let hours = (0..<24).map { "\($0):00" }

    public var type: DayTimeType
    /// The inclusive day range counted; nil for all time.
    public var range: ClosedRange<Int64>?
    /// `counts[weekday * 24 + hour]`, weekday 0 = Monday.
    public var counts: [Int]

    public init(type: DayTimeType, range: ClosedRange<Int64>?, counts: [Int]) {
        precondition(counts.count == 7 * 24)
        self.type = type
        self.range = range
        self.counts = counts
    }

    /// The count of one cell (`weekday` 0 = Monday, `hour` 0–23).
    public func count(weekday: Int, hour: Int) -> Int { counts[weekday * 24 + hour] }

    public var total: Int { counts.reduce(0, +) }

    /// How many times each weekday (0 = Monday) occurs in `range`: the divisor of the
    /// "average per occurrence" figures. Nil for all time.
    public var weekdayOccurrences: [Int]? {
        guard let range else { return nil }
        var result = [Int](repeating: 0, count: 7)
        for day in range { result[Self.weekday(day: day)] += 1 }
        return result
    }

    /// Weekday of a site-local day number, 0 = Monday (1970-01-01 was a Thursday).
    public static func weekday(day: Int64) -> Int { Int(((day % 7) + 7 + 3) % 7) }
}
