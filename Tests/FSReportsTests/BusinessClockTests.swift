import FSReports
import FSSnapshot
import Foundation
import Testing

/// `bh(a, b)` (SEMANTICS.md, "Business hours"): hand-derived fixtures, then an oracle that
/// walks real minutes with Foundation's calendar and must equal the week arithmetic.
@Suite("business hours")
struct BusinessClockTests {
    static func t(_ s: String) -> Int64 { LocalTime.parse(s)! }

    static func window(_ s: String) -> BusinessSchedule.Window { try! BusinessSchedule.Window.parse(s).get() }

    /// Windows per weekday key; missing keys are closed days.
    static func schedule(_ days: [String: [String]], holidays: [String] = [], zone: String? = nil) throws
        -> BusinessSchedule
    {
        try BusinessSchedule(
            windows: BusinessSchedule.weekdayKeys.map { (days[$0] ?? []).map(window) },
            holidays: holidays.map { LocalTime.parseDate($0)! }, timeZone: zone)
    }

    static let weekdays = ["mon", "tue", "wed", "thu", "fri"]

    static func clock(_ s: BusinessSchedule, site: String = "UTC", table: Bool = true) -> BusinessClock {
        BusinessClock(
            schedule: s, site: ZoneOffsets(identifier: site)!, zone: s.timeZone.map { ZoneOffsets(identifier: $0)! },
            days: table ? LocalTime.parseDate("2026-01-01")!...LocalTime.parseDate("2027-01-31")! : nil)
    }

    static func officeHours(holidays: [String] = []) throws -> BusinessSchedule {
        try schedule(Dictionary(uniqueKeysWithValues: weekdays.map { ($0, ["09:00-17:00"]) }), holidays: holidays)
    }

    @Test("a Friday-evening ticket answered Monday morning counts Monday's hour and a half")
    func fridayToMonday() throws {
        for table in [true, false] {
            let c = Self.clock(try Self.officeHours(), table: table)
            // 2026-11-20 is a Friday. Fri 18:00 → Mon 10:30: only Mon 09:00–10:30 = 5400 s.
            #expect(c.seconds(from: Self.t("2026-11-20 18:00:00"), to: Self.t("2026-11-23 10:30:00")) == 5400)
            // Fri 16:00 → Mon 10:00: Fri 16–17 (3600) + Mon 9–10 (3600) = 7200.
            #expect(c.seconds(from: Self.t("2026-11-20 16:00:00"), to: Self.t("2026-11-23 10:00:00")) == 7200)
            // Opened Saturday 10:00, answered Sunday 20:00: all outside hours → 0.
            #expect(c.seconds(from: Self.t("2026-11-21 10:00:00"), to: Self.t("2026-11-22 20:00:00")) == 0)
            // Opened and answered the same evening, Mon 18:00 → 19:00: 0.
            #expect(c.seconds(from: Self.t("2026-11-23 18:00:00"), to: Self.t("2026-11-23 19:00:00")) == 0)
            // Seconds inside a window: Mon 09:00:10 → 09:00:50 = 40.
            #expect(c.seconds(from: Self.t("2026-11-23 09:00:10"), to: Self.t("2026-11-23 09:00:50")) == 40)
            // Two whole weeks from a Monday: 2 × 5 × 8 h = 288000 s.
            #expect(c.seconds(from: Self.t("2026-11-16 00:00:00"), to: Self.t("2026-11-30 00:00:00")) == 288_000)
            // Reversed or empty: 0.
            #expect(c.seconds(from: Self.t("2026-11-23 12:00:00"), to: Self.t("2026-11-23 10:00:00")) == 0)
        }
    }

    @Test("a holiday has no business time")
    func holiday() throws {
        // Thu 2026-12-24 16:00 → Mon 12-28 10:00 with Fri 12-25 a holiday: Thu 16–17 (3600) + Mon 9–10 (3600).
        let with = Self.clock(try Self.officeHours(holidays: ["2026-12-25"]))
        #expect(with.seconds(from: Self.t("2026-12-24 16:00:00"), to: Self.t("2026-12-28 10:00:00")) == 7200)
        // Without the holiday Friday adds 8 h: 7200 + 28800.
        let without = Self.clock(try Self.officeHours())
        #expect(without.seconds(from: Self.t("2026-12-24 16:00:00"), to: Self.t("2026-12-28 10:00:00")) == 36_000)
        // Inside the holiday itself: 0.
        #expect(with.seconds(from: Self.t("2026-12-25 08:00:00"), to: Self.t("2026-12-25 18:00:00")) == 0)
    }

    @Test("two windows a day skip the lunch break")
    func twoWindows() throws {
        let c = Self.clock(try Self.schedule(["mon": ["09:00-12:00", "13:00-17:00"]]))
        // Mon 11:00 → 14:30: 11–12 (3600) + 13–14:30 (5400) = 9000.
        #expect(c.seconds(from: Self.t("2026-11-23 11:00:00"), to: Self.t("2026-11-23 14:30:00")) == 9000)
        // Inside the break: 12:10 → 12:50 = 0.
        #expect(c.seconds(from: Self.t("2026-11-23 12:10:00"), to: Self.t("2026-11-23 12:50:00")) == 0)
        // The whole week: 3 h + 4 h = 25200.
        #expect(c.seconds(from: Self.t("2026-11-23 00:00:00"), to: Self.t("2026-11-30 00:00:00")) == 25_200)
    }

    @Test("a window across midnight belongs to the day it starts and runs into the next")
    func overMidnight() throws {
        let night = try Self.schedule(
            Dictionary(uniqueKeysWithValues: BusinessSchedule.weekdayKeys.map { ($0, ["22:00-06:00+1"]) }))
        let c = Self.clock(night)
        // Tue 21:00 → Wed 07:00: 22:00–06:00 = 8 h.
        #expect(c.seconds(from: Self.t("2026-11-17 21:00:00"), to: Self.t("2026-11-18 07:00:00")) == 28_800)
        // Sunday's window runs into Monday (the week's wrap): Sun 23:00 → Mon 01:00 = 2 h.
        #expect(c.seconds(from: Self.t("2026-11-22 23:00:00"), to: Self.t("2026-11-23 01:00:00")) == 7200)
        // Only Friday's night shift, with Saturday a holiday: Fri 22:00–24:00 counts, Sat 00–06 does not.
        let friday = Self.clock(try Self.schedule(["fri": ["22:00-06:00+1"]], holidays: ["2026-11-21"]))
        #expect(friday.seconds(from: Self.t("2026-11-20 12:00:00"), to: Self.t("2026-11-21 12:00:00")) == 7200)
    }

    @Test("a DST change inside a window: real seconds count")
    func daylightSaving() throws {
        // Site and schedule in New York, every day 01:00–05:00.
        let early = try Self.schedule(
            Dictionary(uniqueKeysWithValues: BusinessSchedule.weekdayKeys.map { ($0, ["01:00-05:00"]) }))
        for table in [true, false] {
            let c = Self.clock(early, site: "America/New_York", table: table)
            // 2026-03-08 02:00 EST jumps to 03:00 EDT: 01:00–02:00 (1 h) + 03:00–05:00 (2 h) = 10800.
            #expect(c.seconds(from: Self.t("2026-03-08 00:00:00"), to: Self.t("2026-03-08 12:00:00")) == 10_800)
            // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01–02 EDT, 01–02 EST, 02–05 EST = 5 h.
            #expect(c.seconds(from: Self.t("2026-11-01 00:00:00"), to: Self.t("2026-11-01 12:00:00")) == 18_000)
            // A stored time in the spring gap, 02:30, reads as 03:30 EDT: 03:30 → 04:00 = 1800.
            #expect(c.seconds(from: Self.t("2026-03-08 02:30:00"), to: Self.t("2026-03-08 04:00:00")) == 1800)
            // An ordinary day: 4 h.
            #expect(c.seconds(from: Self.t("2026-03-10 00:00:00"), to: Self.t("2026-03-10 12:00:00")) == 14_400)
        }
        // A UTC site with a New York schedule, Mon–Fri 09:00–17:00 New York time.
        let ny = try Self.schedule(
            Dictionary(uniqueKeysWithValues: Self.weekdays.map { ($0, ["09:00-17:00"]) }), zone: "America/New_York")
        let c = Self.clock(ny, site: "UTC")
        // Mon 2026-11-16 (EST, UTC−5): 09:00–17:00 New York is 14:00–22:00 UTC.
        #expect(c.seconds(from: Self.t("2026-11-16 14:00:00"), to: Self.t("2026-11-16 22:00:00")) == 28_800)
        #expect(c.seconds(from: Self.t("2026-11-16 00:00:00"), to: Self.t("2026-11-16 14:00:00")) == 0)
        // Mon 2026-07-13 (EDT, UTC−4): 13:00–21:00 UTC; 14:00–22:00 UTC holds 7 h.
        #expect(c.seconds(from: Self.t("2026-07-13 14:00:00"), to: Self.t("2026-07-13 22:00:00")) == 25_200)
    }

    @Test("window texts: same-day, +1, and the refused forms")
    func parsing() {
        #expect(Self.window("09:00-17:00") == .init(start: 540, end: 1020))
        #expect(Self.window("17:00-24:00") == .init(start: 1020, end: 1440))
        #expect(Self.window("22:00-06:00+1") == .init(start: 1320, end: 1800))
        #expect(Self.window("22:00-06:00+1").description == "22:00-06:00+1")
        for bad in ["17:00-09:00", "09:00-09:00", "9:00-17:00", "09:00-17:60", "25:00-26:00", "09:00-10:00+1", "x"] {
            guard case .failure = BusinessSchedule.Window.parse(bad) else {
                Issue.record("\(bad) was accepted")
                continue
            }
        }
        #expect(throws: ScheduleError.self) { try Self.schedule(["mon": ["09:00-12:00", "11:00-13:00"]]) }
        // Monday's night shift runs into Tuesday's early window.
        #expect(throws: ScheduleError.self) { try Self.schedule(["mon": ["22:00-06:00+1"], "tue": ["05:00-07:00"]]) }
        // Sunday's night shift wraps into Monday.
        #expect(throws: ScheduleError.self) { try Self.schedule(["sun": ["22:00-06:00+1"], "mon": ["05:00-07:00"]]) }
        // Touching windows are fine.
        #expect(throws: Never.self) { try Self.schedule(["mon": ["09:00-12:00", "12:00-13:00"]]) }
    }

    // MARK: The oracle

    /// Business seconds of site-local `[a, b)` under `s` (any seconds, not only whole
    /// minutes) by walking real time: from the instant of `a` (Foundation's site clock) to
    /// that of `b` in steps that end on each real minute, a step counting when its minute
    /// is open on the schedule's clock (weekday, time of day, date from a Gregorian calendar
    /// in the schedule's timezone).
    static func oracle(_ s: BusinessSchedule, site: String, a: Int64, b: Int64) -> Int64 {
        let siteClock = SiteClock(identifier: site)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: s.timeZone ?? site)!
        let holidays = Set(s.holidays)
        var total: Int64 = 0
        var u = siteClock.unixSeconds(local: a)
        let end = siteClock.unixSeconds(local: b)
        while u < end {
            let minuteStart = u - ((u % 60) + 60) % 60
            let next = min(end, minuteStart + 60)
            let c = calendar.dateComponents(
                [.year, .month, .day, .weekday, .hour, .minute],
                from: Date(timeIntervalSince1970: TimeInterval(minuteStart)))
            let day = LocalTime.days(year: c.year!, month: c.month!, day: c.day!)
            let weekday = (c.weekday! + 5) % 7  // Calendar: Sunday 1 … Saturday 7; ours Monday 0.
            let minute = c.hour! * 60 + c.minute!
            let today = s.windows[weekday].contains { minute >= $0.start && minute < min($0.end, 1440) }
            let spill = s.windows[(weekday + 6) % 7].contains { $0.end > 1440 && minute < $0.end - 1440 }
            if !holidays.contains(day), today || spill { total += next - u }
            u = next
        }
        return total
    }

    @Test("the week arithmetic equals a minute-by-minute walk over random schedules and times")
    func oracleAgreement() throws {
        var rng = SystemRandomNumberGenerator()
        var seed = UInt64.random(in: 0...UInt64.max, using: &rng)
        let first = seed
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let zones = ["UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata"]
        // Days around DST changes of these zones in 2026, and an ordinary one.
        let anchors = ["2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01", "2026-06-15"]
        var checked = 0
        for _ in 0..<60 {
            var windows: [[BusinessSchedule.Window]] = Array(repeating: [], count: 7)
            // Random windows on a 30-minute grid, dropped when they would overlap.
            var taken = [Bool](repeating: false, count: 7 * 48)
            for _ in 0..<(1 + next(8)) {
                let day = next(7)
                let start = next(48)
                let length = 1 + next(next(2) == 0 ? 16 : 40)
                let slots = (0..<length).map { (day * 48 + start + $0) % (7 * 48) }
                guard start + length <= 96, !slots.contains(where: { taken[$0] }) else { continue }
                slots.forEach { taken[$0] = true }
                windows[day].append(.init(start: start * 30, end: (start + length) * 30))
            }
            let site = zones[next(zones.count)]
            let zone = next(2) == 0 ? nil : zones[next(zones.count)]
            let anchor = LocalTime.parseDate(anchors[next(anchors.count)])!
            let holidays = (0..<next(3)).map { _ in anchor - 2 + Int64(next(5)) }
            let schedule = try BusinessSchedule(windows: windows, holidays: holidays, timeZone: zone)
            let withTable = Self.clock(schedule, site: site)
            let plain = Self.clock(schedule, site: site, table: false)
            var starts: [Int64] = []
            var ends: [Int64] = []
            var wanted: [Int64] = []
            defer {
                // The batch form agrees with the oracle's figures too, plus one interval past the
                // day table (its fallback) checked against the plain clock.
                let outside = LocalTime.parseDate("2028-03-01")! * 86_400 + Int64(next(1440)) * 60
                starts.append(outside)
                ends.append(outside + Int64(next(3 * 1440)) * 60)
                wanted.append(plain.seconds(from: starts.last!, to: ends.last!))
                var batch = [Int64](repeating: -1, count: starts.count)
                starts.withUnsafeBufferPointer { a in
                    ends.withUnsafeBufferPointer { b in
                        batch.withUnsafeMutableBufferPointer { withTable.seconds(from: a, to: b, into: $0) }
                    }
                }
                #expect(batch == wanted, "seed \(first): the batch form")
            }
            for _ in 0..<4 {
                let a = (anchor - 2) * 86_400 + Int64(next(4 * 1440)) * 60
                let b = a + Int64(next(3 * 1440)) * 60
                let expected = Self.oracle(schedule, site: site, a: a, b: b)
                (starts, ends, wanted) = (starts + [a], ends + [b], wanted + [expected])
                let got = withTable.seconds(from: a, to: b)
                #expect(
                    got == expected,
                    "seed \(first): \(windows) holidays \(holidays) site \(site) zone \(zone ?? "-") \(LocalTime.format(a)) → \(LocalTime.format(b))"
                )
                #expect(plain.seconds(from: a, to: b) == expected, "seed \(first): without the day table")
                checked += 1
            }
        }
        #expect(checked == 240)
    }

    @Test("the zone table reads wall-clock times as SiteClock does")
    func zoneTable() {
        for name in ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"] {
            let table = ZoneOffsets(identifier: name)!
            let clock = SiteClock(identifier: name)!
            // Every 20 minutes through 2026, which crosses each zone's transitions.
            var t = Self.t("2026-01-01 00:00:00")
            while t < Self.t("2027-01-01 00:00:00") {
                #expect(table.unixSeconds(local: t) == clock.unixSeconds(local: t), "\(name) \(LocalTime.format(t))")
                let u = clock.unixSeconds(local: t)
                #expect(table.local(unixSeconds: u) == clock.local(unixSeconds: u))
                t += 1200 * 7
            }
        }
    }
}
