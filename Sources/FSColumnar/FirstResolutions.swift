import FSSnapshot

/// Every first close's resolution time (first close − `created_at`, in seconds, clamped
/// to 32 bits), grouped by the local day of the close, days ascending and rows ascending
/// within a day, with where each day's group starts. So the first resolutions of a day
/// range are one slice, as the full resolutions of a range are one slice of
/// ``SLAColumns/closedDuration``, and their statistics come from the slice and its
/// ``DurationSketch`` (``DurationSketches/firstResolution``) instead of a pass over every
/// ticket's ``CloseHistory/firstClose``. Built from the history at load; 4 bytes per first
/// close and per day.
public struct FirstResolutions: Sendable, Equatable {
    /// Day number (``LocalTime``) of the first group; 0 when there are none.
    public let firstDay: Int64
    /// Index in ``durations`` where the group of day `firstDay + k` starts, for `k` in
    /// `0...days`: nondecreasing from 0, the last entry is the count.
    public let dayStarts: Column<Int32>
    public let durations: Column<Int32>

    /// The first resolutions of `history`'s tickets, their creation times from `store`.
    /// - Complexity: O(tickets + days): a counting sort by day.
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
        let days = Int64(self.days)
        func start(_ day: Int64) -> Int {
            // Days before the first group start at 0, days after the last at the count.
            let k = day < firstDay ? 0 : min(day - firstDay, days)
            return Int(dayStarts[Int(k)])
        }
        let lo = start(range.lowerBound)
        // `upperBound + 1` without overflowing: a range ending at or after the last group's day ends at the count.
        let hi = range.upperBound >= firstDay + days ? Int(dayStarts[Int(days)]) : start(range.upperBound + 1)
        return lo..<max(lo, hi)
    }

    /// What is wrong with the columns for `tickets` tickets, or nil: each group lies inside
    /// ``durations`` and after the one before.
    func layoutProblem(tickets: Int) -> String? {
        guard let first = dayStarts.first, first == 0, Int(dayStarts[dayStarts.count - 1]) == durations.count,
            durations.count <= tickets, zip(dayStarts.dropLast(), dayStarts.dropFirst()).allSatisfy({ $0 <= $1 })
        else { return "first resolutions" }
        return nil
    }

    public var byteCount: Int { dayStarts.byteCount + durations.byteCount }
}
