import FSSnapshot

/// Maps a site-local timestamp in `[from, to]` to the index of its bucket.
///
/// Day, week and month buckets go through a per-day lookup table, so the inner loop is
/// one division, one subtraction and one load; hour buckets use the hour of the day
/// (over a multi-day range, the same hour of every day shares a bucket, as the plugin's
/// `HOUR()` grouping does).
public struct Buckets: Sendable {
    public let interval: Interval
    public let from: Int64
    public let to: Int64
    public let labels: [String]
    /// Bucket of each day `from...to` (unused for hours).
    let dayBucket: [Int32]

    /// Lower bound of the covered range in site-local seconds.
    public var start: Int64 { from * LocalTime.secondsPerDay }
    /// Exclusive upper bound in site-local seconds (midnight after `to`).
    public var end: Int64 { (to + 1) * LocalTime.secondsPerDay }

    public init(from: Int64, to: Int64, interval requested: Interval) {
        precondition(from <= to)
        let interval = requested == .auto ? Buckets.autoInterval(days: to - from) : requested
        self.interval = interval
        self.from = from
        self.to = to
        var labels: [String] = []
        var dayBucket: [Int32] = []
        switch interval {
        case .hour:
            labels = (0..<24).map { h in
                let hh = h < 10 ? "0\(h)" : "\(h)"
                return "\(hh):00 - \(hh):59"
            }
        case .day, .auto:
            dayBucket.reserveCapacity(Int(to - from + 1))
            for d in from...to {
                labels.append(Buckets.dateLabel(d))
                dayBucket.append(Int32(d - from))
            }
        case .week:
            for d in from...to {
                let k = (d - from) / 7
                if k == labels.count { labels.append(Buckets.dateLabel(d)) }
                dayBucket.append(Int32(k))
            }
        case .month:
            // One calendar month at a time: its label, then its days of the range.
            dayBucket.reserveCapacity(Int(to - from + 1))
            var d = from
            while d <= to {
                let c = LocalTime.civil(d)
                let next =
                    c.month == 12
                    ? LocalTime.days(year: c.year + 1, month: 1, day: 1)
                    : LocalTime.days(year: c.year, month: c.month + 1, day: 1)
                let last = min(to, next - 1)
                labels.append("\(Buckets.monthNames[c.month - 1]) \(c.year)")
                dayBucket.append(contentsOf: repeatElement(Int32(labels.count - 1), count: Int(last - d + 1)))
                d = last + 1
            }
        }
        self.labels = labels
        self.dayBucket = dayBucket
    }

    public var count: Int { labels.count }

    /// `auto`: 0 days → hour, 1…62 → day, 63…181 → week, ≥ 182 → month.
    public static func autoInterval(days: Int64) -> Interval {
        switch days {
        case ...0: return .hour
        case 1...62: return .day
        case 63...181: return .week
        default: return .month
        }
    }

    /// `YYYY-MM-DD` of a day number, the same text as `LocalTime.formatDate(day:)`,
    /// written into ten bytes at once (labels are most of a small series' cost).
    static func dateLabel(_ day: Int64) -> String {
        let c = LocalTime.civil(day)
        guard (0...9999).contains(c.year) else { return LocalTime.formatDate(day: day) }
        return String(unsafeUninitializedCapacity: 10) { b in
            func put(_ value: Int, _ at: Int, _ width: Int) {
                var v = value
                for k in stride(from: at + width - 1, through: at, by: -1) {
                    b[k] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(c.year, 0, 4)
            b[4] = UInt8(ascii: "-")
            put(c.month, 5, 2)
            b[7] = UInt8(ascii: "-")
            put(c.day, 8, 2)
            return 10
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Bucket index of a timestamp in `[start, end)` (`labels[index]`), for code that
    /// aggregates outside the kernels, e.g. the benchmark's SQL baselines.
    public func index(of t: Int64) -> Int {
        precondition(t >= start && t < end, "timestamp outside the buckets' range")
        return bucket(t)
    }

    /// Bucket of a timestamp known to lie in `[start, end)`.
    @inline(__always)
    func bucket(_ t: Int64) -> Int {
        if interval == .hour { return Int((t - start) % LocalTime.secondsPerDay / 3600) }
        return Int(dayBucket[Int((t - start) / LocalTime.secondsPerDay)])
    }

    /// The range cut into time segments that each lie in one bucket, in time order:
    /// segment `s` is `boundaries[s] ..< boundaries[s + 1]` (site-local seconds) and counts
    /// toward bucket `buckets[s]`. Day, week and month buckets are one segment each; hour
    /// buckets are one segment per day and hour (the same hour of every day shares a bucket).
    /// Kernels over time-sorted columns find the segment boundaries by search and never
    /// bucket rows one by one.
    /// - Complexity: O(buckets), or O(24 · days) for hours.
    func segments() -> (boundaries: [Int64], buckets: [Int32]) {
        var boundaries: [Int64] = []
        var owners: [Int32] = []
        if interval == .hour {
            let hours = Int(to - from + 1) * 24
            boundaries.reserveCapacity(hours + 1)
            owners.reserveCapacity(hours)
            for d in from...to {
                for h in 0..<24 {
                    boundaries.append(d * LocalTime.secondsPerDay + Int64(h) * 3600)
                    owners.append(Int32(h))
                }
            }
        } else {
            var previous: Int32 = -1
            for (offset, b) in dayBucket.enumerated() where b != previous {
                boundaries.append((from + Int64(offset)) * LocalTime.secondsPerDay)
                owners.append(b)
                previous = b
            }
        }
        boundaries.append(end)
        return (boundaries, owners)
    }

    func series(_ counts: [Int]) -> Series {
        Series(interval: interval, from: from, to: to, labels: labels, counts: counts)
    }
}
