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
/// folds all of that into one entry, so a timestamp on an ordinary day costs a division
/// and two loads; DST days, holidays in another timezone, and days outside the table take
/// the general path (a few binary searches).
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
    /// The per-day table: first day, and per day the kind (0 general path, 1 ordinary day,
    /// 2 a day with no business time) and its base.
    private(set) var firstDay: Int64
    private(set) var dayKind: [UInt8]
    private(set) var dayBase: [Int64]

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
        firstDay = 0
        dayKind = []
        dayBase = []
        var corr = [Int64](repeating: 0, count: zone.transitions.count + 1)
        for k in zone.transitions.indices {
            let u = zone.transitions[k]
            let old = k == 0 ? zone.initialOffset : zone.offsets[k - 1]
            corr[k + 1] = corr[k] + wall(u + zone.offsets[k]) - wall(u + old)
        }
        correction = corr
        guard let days else { return }
        var kinds = [UInt8](repeating: 0, count: Int(days.upperBound - days.lowerBound + 1))
        var bases = [Int64](repeating: 0, count: kinds.count)
        for (i, d) in days.enumerated() {
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
                kinds[i] = 2
                bases[i] = base
            } else {
                kinds[i] = 1
                // B(t) = base + weekly(t) − weekly(start) = base − cum[dow·1440] + cum[minute of t] + partial.
                bases[i] = base - Int64(cum[Int(Self.weekday(d)) * 1440])
            }
        }
        firstDay = days.lowerBound
        dayKind = kinds
        dayBase = bases
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
        let d = LocalTime.day(t)
        let i = d &- firstDay
        if i >= 0, i < dayKind.count {
            let kind = dayKind[Int(i)]
            if kind == 1 {
                let sec = t - d * LocalTime.secondsPerDay
                let m = Int(Self.weekday(d) * 1440 + sec / 60)
                return minuteCum.withUnsafeBufferPointer { cum in
                    let inside = cum[m + 1] != cum[m]
                    return dayBase[Int(i)] + Int64(cum[m]) + (inside ? sec % 60 : 0)
                }
            }
            if kind == 2 { return dayBase[Int(i)] }
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

extension BusinessClock {
    /// `bh(a[i], b[i])` for every `i` into `out`: the batch form of ``seconds(from:to:)``,
    /// with the day and minute tables' buffers taken once for the whole batch (a sample on a
    /// table day costs one division, a modulo and three loads); other days fall back to
    /// ``cumulative(_:)``.
    public func seconds(
        from a: UnsafeBufferPointer<Int64>, to b: UnsafeBufferPointer<Int64>, into out: UnsafeMutableBufferPointer<Int64>
    ) {
        precondition(a.count == b.count && b.count == out.count)
        let first = firstDay
        dayKind.withUnsafeBufferPointer { kinds in
            dayBase.withUnsafeBufferPointer { bases in
                minuteCum.withUnsafeBufferPointer { cum in
                    @inline(__always) func at(_ t: Int64) -> Int64 {
                        let d = LocalTime.day(t)
                        let i = d &- first
                        if i >= 0, i < kinds.count {
                            let kind = kinds[Int(i)]
                            if kind == 1 {
                                let sec = t - d * LocalTime.secondsPerDay
                                let m = Int(Self.weekday(d) * 1440 + sec / 60)
                                let inside = cum[m + 1] != cum[m]
                                return bases[Int(i)] + Int64(cum[m]) + (inside ? sec % 60 : 0)
                            }
                            if kind == 2 { return bases[Int(i)] }
                        }
                        return cumulative(t)
                    }
                    for k in 0..<a.count {
                        let (x, y) = (a[k], b[k])
                        out[k] = y > x ? Swift.max(0, at(y) - at(x)) : 0
                    }
                }
            }
        }
    }
}
