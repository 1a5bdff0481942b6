import FSSnapshot

/// The two middle values of each day's first response times (ranks `⌊(n − 1)/2⌋` and
/// `⌈(n − 1)/2⌉` of the day's `n` sorted durations), from the first day with a first
/// response to the last, so a daily series of median FRT is a lookup per day instead of a
/// selection per day. The interpolation between the two is the report's; `n` is the
/// length of the day's slice of ``ResponseColumns/frtRows``. 8 bytes per day.
public struct DayMiddles: Sendable, Equatable {
    /// Day number (``LocalTime``) of entry 0; 0 when there are none.
    public let firstDay: Int64
    public let low: Column<Int32>
    public let high: Column<Int32>

    /// The middles of the first responses of `responses`, day by day.
    /// - Complexity: O(n log(n per day)): each day's durations are sorted once.
    public init(_ responses: ResponseColumns) {
        let rows = responses.frtRows
        guard !rows.isEmpty else {
            self.init(firstDay: 0, low: Column(), high: Column())
            return
        }
        let first = LocalTime.day(responses.firstReplyAt[Int(rows[0])])
        let last = LocalTime.day(responses.firstReplyAt[Int(rows[rows.count - 1])])
        var low = [Int32](repeating: 0, count: Int(last - first + 1))
        var high = low
        var start = 0
        var day: [Int32] = []
        while start < rows.count {
            let d = LocalTime.day(responses.firstReplyAt[Int(rows[start])])
            var end = start + 1
            while end < rows.count, LocalTime.day(responses.firstReplyAt[Int(rows[end])]) == d { end += 1 }
            day.removeAll(keepingCapacity: true)
            day.append(contentsOf: responses.frtDuration[start..<end])
            day.sort()
            let n = day.count
            low[Int(d - first)] = day[(n - 1) / 2]
            high[Int(d - first)] = day[n / 2]
            start = end
        }
        self.init(firstDay: first, low: Column(low), high: Column(high))
    }

    init(firstDay: Int64, low: Column<Int32>, high: Column<Int32>) {
        self.firstDay = firstDay
        self.low = low
        self.high = high
    }

    /// The two middle values of `day`'s first responses; nil for a day outside the list.
    /// Meaningless for a day without any (its slice is empty).
    @inline(__always)
    public func middles(day: Int64) -> (Int32, Int32)? {
        let k = day - firstDay
        guard k >= 0, k < Int64(low.count) else { return nil }
        return (low[Int(k)], high[Int(k)])
    }

    /// Whether these can be the middles of `responses` (the span of their first-response
    /// days; middles of other columns are not to be used).
    public func describes(_ responses: ResponseColumns) -> Bool {
        let rows = responses.frtRows
        guard let first = rows.first, let last = rows.last else { return low.isEmpty }
        return firstDay == LocalTime.day(responses.firstReplyAt[Int(first)])
            && Int64(low.count) == LocalTime.day(responses.firstReplyAt[Int(last)]) - firstDay + 1
    }

    public var byteCount: Int { low.byteCount + high.byteCount }
}
