import FSSnapshot

/// Every first close's resolution time (first close − `created_at`, in seconds, clamped
/// to 32 bits), grouped by the local day of the close, days ascending and each day's
/// group sorted ascending, with where each day's group starts. So the first resolutions
/// of a day range are one slice, as the full resolutions of a range are one slice of
/// ``SLAColumns/closedDuration``, and their statistics come from the slice and its
/// ``DurationSketch`` (``DurationSketches/firstResolution``) instead of a pass over every
/// ticket's ``CloseHistory/firstClose``; the values of a quantile's slot are one run of
/// each day's group, found by binary search. Built from the history at load; 4 bytes per
/// first close and per day.
public struct FirstResolutions: Sendable, Equatable {
    /// Day number (``LocalTime``) of the first group; 0 when there are none.
    public let firstDay: Int64
    /// Index in ``durations`` where the group of day `firstDay + k` starts, for `k` in
    /// `0...days`: nondecreasing from 0, the last entry is the count.
    public let dayStarts: Column<Int32>
    public let durations: Column<Int32>

    /// The first resolutions of `history`'s tickets, their creation times from `store`.
    /// - Complexity: O(tickets + days) for a counting sort by day, then a sort of each day.
    public init(history: CloseHistory, store: ColumnarStore) {
        let closes = history.firstClose
        var lowDay = Int64.max
        var highDay = Int64.min
        for t in closes where t != ColumnarStore.null {
            let d = LocalTime.day(t)
            lowDay = min(lowDay, d)
            highDay = max(highDay, d)
        }
        guard lowDay <= highDay else {
            self.init(firstDay: 0, dayStarts: [0], durations: Column())
            return
        }
        var starts = [Int32](repeating: 0, count: Int(highDay - lowDay) + 2)
        for t in closes where t != ColumnarStore.null { starts[Int(LocalTime.day(t) - lowDay) + 1] += 1 }
        for k in 1..<starts.count { starts[k] += starts[k - 1] }
        var next = starts
        var durations = [Int32](repeating: 0, count: Int(starts[starts.count - 1]))
        store.ticketCreatedAt.withUnsafeBufferPointer { created in
            for row in 0..<closes.count {
                let t = closes[row]
                guard t != ColumnarStore.null else { continue }
                let k = Int(LocalTime.day(t) - lowDay)
                durations[Int(next[k])] = Int32(clamping: t - created[row])
                next[k] += 1
            }
        }
        durations.withUnsafeMutableBufferPointer { d in
            for k in 0..<(starts.count - 1) {
                var group = UnsafeMutableBufferPointer(rebasing: d[Int(starts[k])..<Int(starts[k + 1])])
                group.sort()
            }
        }
        self.init(firstDay: lowDay, dayStarts: Column(starts), durations: Column(durations))
    }

    init(firstDay: Int64, dayStarts: Column<Int32>, durations: Column<Int32>) {
        self.firstDay = firstDay
        self.dayStarts = dayStarts
        self.durations = durations
    }

    /// Days from ``firstDay`` the groups cover.
    public var days: Int { dayStarts.count - 1 }

    /// The slice of ``durations`` holding the first closes of the days `days`.
    /// - Complexity: O(1).
    public func range(days range: ClosedRange<Int64>) -> Range<Int> {
        let g = groups(days: range)
        return Int(dayStarts[g.lowerBound])..<Int(dayStarts[g.upperBound])
    }

    /// The days' groups of the slice ``range(days:)`` gives, each sorted ascending.
    public func runs(days range: ClosedRange<Int64>) -> [Range<Int>] {
        groups(days: range).map { Int(dayStarts[$0])..<Int(dayStarts[$0 + 1]) }.filter { !$0.isEmpty }
    }

    /// The indexes of the groups of the days `range` (days before the first group and after
    /// the last have none).
    func groups(days range: ClosedRange<Int64>) -> Range<Int> {
        let days = Int64(self.days)
        func index(_ day: Int64) -> Int { Int(day < firstDay ? 0 : min(day - firstDay, days)) }
        let lo = index(range.lowerBound)
        // `upperBound + 1` without overflowing: a range ending on or after the last group's day takes it.
        let hi = range.upperBound >= firstDay + days ? Int(days) : index(range.upperBound + 1)
        return lo..<max(lo, hi)
    }

    /// What is wrong with the columns for `tickets` tickets, or nil: each group lies inside
    /// ``durations`` after the one before, and is sorted.
    func layoutProblem(tickets: Int) -> String? {
        guard let first = dayStarts.first, first == 0, Int(dayStarts[dayStarts.count - 1]) == durations.count,
            durations.count <= tickets, zip(dayStarts.dropLast(), dayStarts.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return "first resolutions" }
        for k in 0..<days {
            let group = durations[Int(dayStarts[k])..<Int(dayStarts[k + 1])]
            guard zip(group.dropLast(), group.dropFirst()).allSatisfy({ $0 <= $1 }) else { return "first resolutions" }
        }
        return nil
    }

    public var byteCount: Int { dayStarts.byteCount + durations.byteCount }
}
