import FSColumnar
import FSSnapshot

/// `bh(a, b)`: the business seconds of `[a, b)` under a ``BusinessSchedule``, by arithmetic
/// over weeks (SEMANTICS.md, "Business hours").
///
/// Times in the store are site-local wall-clock seconds (``LocalTime``). Business time is
/// counted in real elapsed seconds: a stored time is read as an instant on the site's
/// clock the way PHP reads it (an ambiguous fall-back time is its first occurrence, a time
/// in a spring-forward gap lands after the gap), and that instant is placed on the
/// schedule's wall clock in the schedule's timezone. So a window `01:00-05:00` holds three
/// business hours on a spring-forward night and five on a fall-back night, and a schedule
/// in another timezone than the site's follows its own DST dates.
///
/// How: `B(u)`, the business seconds from a fixed origin to instant `u`, is
/// - `weekly(s)`: whole weeks × the week's business seconds, plus a per-minute cumulative
///   table of one week (10,080 entries) at the wall-clock time `s`;
/// - minus the holidays before `s` (a prefix sum over the sorted dates, and the part of a
///   holiday containing `s`);
/// - minus, for every DST transition of the schedule's timezone before `u`, the
///   business seconds of wall-clock time it skipped (spring) or repeated (fall, negative).
/// Then `bh(a, b) = B(b) − B(a)`. For the days given at construction a per-day table
/// folds all of that into one entry, so a timestamp on a table day costs an unsigned
/// division or two by constants and three loads with no branch on the kind of day; DST
/// days, holidays in another timezone, and days outside the table take the general path
/// (a few binary searches).
public struct BusinessClock: Sendable {
    public let schedule: BusinessSchedule
    let site: ZoneOffsets
    let zone: ZoneOffsets
    /// Business seconds of the week before each minute (Monday 00:00 = minute 0); 10,081 entries.
    let minuteCum: [Int32]
    let weekTotal: Int64
    let holidayDays: [Int64]
    /// Business seconds lost to the holidays before index `i`.
    let holidayLoss: [Int64]
    /// Correction after each transition of the schedule's zone (`count + 1` entries).
    private(set) var correction: [Int64]
    /// The per-day table's first second (its first site-local midnight) and its length in
    /// seconds; at most `UInt32.max`, so an offset into it is 32 bits.
    private(set) var firstSecond: Int64
    private(set) var tableSeconds: UInt64
    /// Per day of the table: `base << 16 | start`, where `start` is where the day's minutes
    /// begin in ``dayMinutes`` and `B(t) = base + 60·dayMinutes[start + m] + r·step` for
    /// minute `m` and second `r` of the day (`step` the next entry's difference, 0 or 1);
    /// ``generalDay`` for a day that takes the general path.
    private(set) var dayEntry: [Int64]
    /// Open minutes of the week before each minute (``minuteCum`` / 60, 10,081 entries),
    /// then a flat stretch of 1,441 zeros where the days with no business time point.
    let dayMinutes: [UInt16]

    /// The flag of a ``dayEntry`` that takes the general path (a `start` is below 2¹⁵).
    static let generalDay: Int64 = 0x8000
    /// Where the flat stretch of ``dayMinutes`` begins.
    static let closedStart = 10_081

    static let week: Int64 = 7 * 86_400
    /// Seconds from the Monday before the epoch (1969-12-29) to 1970-01-01.
    static let mondayShift: Int64 = 3 * 86_400

    /// - Parameters:
    ///   - siteTimeZone: the site's clock, which stored times are read on.
    ///   - scheduleTimeZone: the clock the windows are read on (the site's when nil).
    ///   - days: site-local days to tabulate for speed (any time is still answered exactly).
    public init(
        schedule: BusinessSchedule, site: ZoneOffsets, zone: ZoneOffsets? = nil, days: ClosedRange<Int64>? = nil
    ) {
        self.schedule = schedule
        self.site = site
        let zone = zone ?? site
        self.zone = zone
        let open = schedule.weekBitmap
        var cum = [Int32](repeating: 0, count: open.count + 1)
        for m in 0..<open.count { cum[m + 1] = cum[m] + (open[m] ? 60 : 0) }
        minuteCum = cum
        dayMinutes = cum.map { UInt16($0 / 60) } + [UInt16](repeating: 0, count: 1441)
        weekTotal = Int64(cum[open.count])
        holidayDays = schedule.holidays
        var loss = [Int64](repeating: 0, count: schedule.holidays.count + 1)
        for (i, h) in schedule.holidays.enumerated() {
            loss[i + 1] =
                loss[i] + Self.weekly((h + 1) * LocalTime.secondsPerDay, cum, weekTotal)
                - Self.weekly(h * LocalTime.secondsPerDay, cum, weekTotal)
        }
        holidayLoss = loss
        correction = []
        firstSecond = 0
        tableSeconds = 0
        dayEntry = []
        var corr = [Int64](repeating: 0, count: zone.transitions.count + 1)
        for k in zone.transitions.indices {
            let u = zone.transitions[k]
            let old = k == 0 ? zone.initialOffset : zone.offsets[k - 1]
            corr[k + 1] = corr[k] + wall(u + zone.offsets[k]) - wall(u + old)
        }
        correction = corr
        guard let days else { return }
        // Offsets into the table stay 32-bit: at most 49,710 days (136 years) are tabulated.
        let count = min(Int(days.upperBound - days.lowerBound + 1), Int(UInt32.max) / Int(LocalTime.secondsPerDay))
        var entries = [Int64](repeating: Self.generalDay, count: count)
        for i in 0..<count {
            let d = days.lowerBound + Int64(i)
            let start = d * LocalTime.secondsPerDay
            let u0 = site.unixSeconds(local: start)
            let u1 = site.unixSeconds(local: start + LocalTime.secondsPerDay)
            let margin = LocalTime.secondsPerDay
            guard !site.changes(betweenUnix: u0 - margin, and: u1 + margin),
                !zone.changes(betweenUnix: u0 - margin, and: u1 + margin),
                site.offset(atUnix: u0) == zone.offset(atUnix: u0)
            else { continue }
            let base = instant(u0)
            if isHoliday(d) || weekly(start + LocalTime.secondsPerDay) == weekly(start) {
                // No business time: the flat stretch, so B(t) = base all day.
                entries[i] = base << 16 | Int64(Self.closedStart)
            } else {
                // B(t) = base + weekly(t) − weekly(start) = base − cum[dow·1440] + cum[minute of t] + partial.
                let start = Int(Self.weekday(d)) * 1440
                entries[i] = (base - Int64(cum[start])) << 16 | Int64(start)
            }
        }
        firstSecond = days.lowerBound * LocalTime.secondsPerDay
        tableSeconds = UInt64(count) * UInt64(LocalTime.secondsPerDay)
        dayEntry = entries
    }

    /// Monday 0 … Sunday 6 of a day number.
    @inline(__always)
    static func weekday(_ day: Int64) -> Int64 {
        let r = (day + 3) % 7
        return r < 0 ? r + 7 : r
    }

    @inline(__always)
    static func weekly(_ s: Int64, _ cum: [Int32], _ total: Int64) -> Int64 {
        let x = s + mondayShift
        var w = x / week
        if x % week < 0 { w -= 1 }
        let r = x - w * week
        let m = Int(r / 60)
        let inside = cum[m + 1] != cum[m]
        return w * total + Int64(cum[m]) + (inside ? r % 60 : 0)
    }

    /// Business seconds of the weekly pattern (no holidays) from the origin to wall-clock `s`.
    @inline(__always)
    func weekly(_ s: Int64) -> Int64 { Self.weekly(s, minuteCum, weekTotal) }

    func isHoliday(_ day: Int64) -> Bool {
        let i = lowerBound(holidayDays, day, in: 0..<holidayDays.count)
        return i < holidayDays.count && holidayDays[i] == day
    }

    /// Business seconds from the origin to wall-clock `s` of the schedule's zone, holidays out.
    @inline(__always)
    func wall(_ s: Int64) -> Int64 {
        guard !holidayDays.isEmpty else { return weekly(s) }
        let d = LocalTime.day(s)
        let i = lowerBound(holidayDays, d, in: 0..<holidayDays.count)
        var lost = holidayLoss[i]
        if i < holidayDays.count, holidayDays[i] == d { lost += weekly(s) - weekly(d * LocalTime.secondsPerDay) }
        return weekly(s) - lost
    }

    /// `B(u)`: business seconds from the origin to instant `u` (Unix seconds).
    @inline(__always)
    func instant(_ u: Int64) -> Int64 {
        let k = zone.transitionCount(atUnix: u)
        let offset = k == 0 ? zone.initialOffset : zone.offsets[k - 1]
        return wall(u + offset) - correction[k]
    }

    /// Business seconds from the origin to site-local time `t`; differences of two are `bh`.
    @inline(__always)
    public func cumulative(_ t: Int64) -> Int64 {
        let u = UInt64(bitPattern: t &- firstSecond)
        if u < tableSeconds {
            let v = dayEntry.withUnsafeBufferPointer { e in
                dayMinutes.withUnsafeBufferPointer { m in DayTable(entries: e, minutes: m).cumulative(UInt32(u)) }
            }
            if v != DayTable.general { return v }
        }
        return instant(site.unixSeconds(local: t))
    }

    /// `bh(a, b)`: business seconds of the site-local interval `[a, b)`; 0 when `b ≤ a`.
    @inline(__always)
    public func seconds(from a: Int64, to b: Int64) -> Int64 {
        guard b > a else { return 0 }
        return Swift.max(0, cumulative(b) - cumulative(a))
    }
}

/// A clock's per-day table seen through its buffers: the branch-light step of a timestamp
/// on a table day, for loops that take the buffers once.
struct DayTable {
    let entries: UnsafeBufferPointer<Int64>
    let minutes: UnsafeBufferPointer<UInt16>

    /// What ``cumulative(_:)`` answers for a day that takes the general path.
    static let general = Int64.min

    /// `B` at `u` seconds after the table's first second (`u` inside the table), or
    /// ``general``. Unsigned divisions by constants, one load of the day's entry and two
    /// adjacent ones of the minute table; the only branch is the general path's.
    @inline(__always)
    func cumulative(_ u: UInt32) -> Int64 {
        let day = u / 86_400
        let second = u - day * 86_400
        let minute = second / 60
        let entry = entries[Int(day)]
        if entry & BusinessClock.generalDay != 0 { return Self.general }
        let m = Int(entry & 0x7FFF) + Int(minute)
        let c0 = Int64(minutes[m])
        let step = Int64(minutes[m + 1]) - c0
        return (entry >> 16) + 60 * c0 + Int64(second - minute * 60) * step
    }

    /// `bh(x, y)` when both ends lie on table days that do not take the general path,
    /// else -1. Both ends are looked up before `y > x` is tested, so the answer is a
    /// select rather than a branch.
    @inline(__always)
    func seconds(_ x: Int64, _ y: Int64, first: Int64, length: UInt64) -> Int64 {
        let ux = UInt64(bitPattern: x &- first)
        let uy = UInt64(bitPattern: y &- first)
        guard Swift.max(ux, uy) < length else { return -1 }
        let (dx, dy) = (UInt32(ux) / 86_400, UInt32(uy) / 86_400)
        let (ex, ey) = (entries[Int(dx)], entries[Int(dy)])
        guard (ex | ey) & BusinessClock.generalDay == 0 else { return -1 }
        @inline(__always) func at(_ u: UInt32, _ day: UInt32, _ entry: Int64) -> Int64 {
            let second = u - day * 86_400
            let minute = second / 60
            let m = Int(entry & 0x7FFF) + Int(minute)
            let c0 = Int64(minutes[m])
            let step = Int64(minutes[m + 1]) - c0
            return (entry >> 16) + 60 * c0 + Int64(second - minute * 60) * step
        }
        let d = at(UInt32(uy), dy, ey) - at(UInt32(ux), dx, ex)
        return y > x ? Swift.max(0, d) : 0
    }
}

extension BusinessClock {
    /// Batches above this many samples are split in two halves, one per core.
    static let parallelThreshold = 100_000

    /// Runs `body` over `0..<count`: in two halves at once when `count` is above
    /// ``parallelThreshold``, else in one piece.
    static func split(_ count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > parallelThreshold else { return body(0..<count) }
        let half = count / 2
        _ = Parallel.map(2) { part in body(part == 0 ? 0..<half : half..<count) }
    }

    /// ``seconds(from:to:)`` kept out of line, for the batch loops' rare samples off the
    /// table's fast days (inlined, its binary searches would crowd the loop's registers).
    @inline(never)
    func generalSeconds(from a: Int64, to b: Int64) -> Int64 { seconds(from: a, to: b) }

    /// Runs `body` with this clock's table buffers.
    @inline(__always)
    func withDayTable<R>(_ body: (DayTable) -> R) -> R {
        dayEntry.withUnsafeBufferPointer { e in
            dayMinutes.withUnsafeBufferPointer { m in body(DayTable(entries: e, minutes: m)) }
        }
    }

    /// `bh(a[i], b[i])` for every `i` into `out`: the batch form of ``seconds(from:to:)``,
    /// with the day and minute tables' buffers taken once for the whole batch; a sample
    /// with both ends on ordinary or closed table days costs two unsigned divisions by
    /// constants and three loads per end, the others fall back to ``seconds(from:to:)``.
    /// Above 100,000 samples the two halves run on two threads.
    /// - Complexity: O(n), plus the general path's binary searches for its samples.
    public func seconds(
        from a: UnsafeBufferPointer<Int64>, to b: UnsafeBufferPointer<Int64>, into out: UnsafeMutableBufferPointer<Int64>
    ) {
        precondition(a.count == b.count && b.count == out.count)
        let (first, length) = (firstSecond, tableSeconds)
        withDayTable { table in
            let work = UncheckedSendable((a, b, out, table))
            Self.split(a.count) { range in
                let (a, b, out, table) = work.value
                for k in range {
                    let (x, y) = (a[k], b[k])
                    let v = table.seconds(x, y, first: first, length: length)
                    out[k] = v >= 0 ? v : generalSeconds(from: x, to: y)
                }
            }
        }
    }
}
