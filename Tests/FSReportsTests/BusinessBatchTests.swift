import FSColumnar
import FSReports
import FSSnapshot
import Foundation
import Testing

/// The batch form `BusinessTime.seconds(_:rows:from:to:)` against an oracle that walks real
/// seconds minute by minute with Foundation's calendar, and against the one-sample form,
/// on samples aimed at every path of the day table: ordinary days, closed days (weekends,
/// holidays), DST days, days outside the table, `b ≤ a`, times off the minute, and
/// per-mailbox schedules (one in another timezone than the site's). Batches above 100,000
/// samples run on two threads, so both sizes are checked.
@Suite("business time batch")
struct BusinessBatchTests {
    static let site = "America/New_York"
    static let store = Fixture.store()
    /// 2026-11-20 12:00: the table runs from 2025-12-30 (the day before the first ticket,
    /// 2025-12-31) to 2026-11-22.
    static let now = Fixture.t("2026-11-20 12:00:00")

    static func window(_ s: String) -> BusinessSchedule.Window { try! BusinessSchedule.Window.parse(s).get() }

    /// Mon–Fri 09:00–12:00 and 13:00–17:00 on the site's clock; Fri 2026-07-03 and
    /// Mon 2026-03-09 (the day after spring forward) are holidays.
    static let office = try! BusinessSchedule(
        windows: (0..<7).map { $0 < 5 ? [window("09:00-12:00"), window("13:00-17:00")] : [] },
        holidays: [Fixture.d("2026-03-09"), Fixture.d("2026-07-03")])
    /// A night shift Sun–Thu 22:00–06:00 and Saturday 10:00–14:00; Wed 2026-06-17 a holiday.
    static let nights = try! BusinessSchedule(
        windows: (0..<7).map { $0 == 5 ? [window("10:00-14:00")] : $0 == 4 ? [] : [window("22:00-06:00+1")] },
        holidays: [Fixture.d("2026-06-17")])
    /// Mon–Fri 08:00–16:00 in Berlin, with Berlin's 2026-10-26 a holiday: no day of a New York
    /// site shares its offset, so every day takes the general path.
    static let berlin = try! BusinessSchedule(
        windows: (0..<7).map { $0 < 5 ? [window("08:00-16:00")] : [] }, holidays: [Fixture.d("2026-10-26")],
        timeZone: "Europe/Berlin")

    static func business(_ hours: BusinessHours) -> BusinessTime {
        try! BusinessTime(hours, store: store, site: ZoneOffsets(identifier: site)!, now: now)
    }

    /// ``BusinessClockTests/oracle(_:site:a:b:)`` on this suite's site.
    static func oracle(_ s: BusinessSchedule, a: Int64, b: Int64) -> Int64 {
        BusinessClockTests.oracle(s, site: site, a: a, b: b)
    }

    /// Days that hit each path: ordinary weekdays, a weekend, holidays of each schedule,
    /// New York's and Berlin's DST days, the table's first and last days, and days before
    /// and after it (one of them a DST day).
    static let anchors = [
        "2026-06-15", "2026-06-16", "2026-06-17", "2026-06-13", "2026-06-14", "2026-07-03", "2026-03-09",
        "2026-10-26", "2026-03-08", "2026-11-01", "2026-03-29", "2026-10-25", "2025-12-30", "2025-12-29",
        "2025-06-01", "2026-11-22", "2026-11-23", "2027-03-14", "2028-03-01",
    ].map(Fixture.d)

    struct Sample {
        var row: Int32
        var a: Int64
        var b: Int64
    }

    /// Samples around every anchor, on the minute and off it, some reversed or empty, on
    /// rows of both mailboxes (a fixed seed, so a failure repeats).
    static let samples: [Sample] = {
        var seed: UInt64 = 0x5EED_B17E
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var out: [Sample] = []
        for anchor in anchors {
            for k in 0..<16 {
                let row = Int32(next(store.ticketCount))
                var a = anchor * 86_400 + Int64(next(2 * 1440) - 720) * 60
                // Spans from −6 h to +40 h; one sample in four empty or reversed.
                var b = a + Int64(k % 4 == 0 ? -next(360) : next(40 * 60)) * 60
                if k % 2 == 1 {
                    a += Int64(next(60))
                    b += Int64(next(60))
                }
                out.append(Sample(row: row, a: a, b: b))
            }
            // A whole week from the anchor's midnight, and an empty interval.
            out.append(Sample(row: Int32(next(store.ticketCount)), a: anchor * 86_400, b: (anchor + 7) * 86_400))
            out.append(Sample(row: Int32(next(store.ticketCount)), a: anchor * 86_400 + 37_000, b: anchor * 86_400 + 37_000))
        }
        return out
    }()

    /// The three configurations: one schedule; per mailbox, both on the site's clock; per
    /// mailbox, the default one in Berlin.
    static let configurations: [(String, BusinessHours)] = [
        ("office", BusinessHours(schedule: office)),
        ("office, mailbox 2 nights", BusinessHours(schedule: office, mailboxes: [2: nights])),
        ("berlin, mailbox 1 nights", BusinessHours(schedule: berlin, mailboxes: [1: nights])),
    ]

    /// The schedule of a sample's ticket, from the fixture's mailbox ids.
    static func schedule(_ hours: BusinessHours, row: Int32) -> BusinessSchedule {
        let code = store.ticketMailbox[Int(row)]
        return code >= 0 ? hours.mailboxes[store.mailboxIDs[Int(code)]] ?? hours.schedule : hours.schedule
    }

    /// The oracle's figure of every sample, per configuration.
    static let expected: [[Int64]] = configurations.map { _, hours in
        samples.map { oracle(schedule(hours, row: $0.row), a: $0.a, b: $0.b) }
    }

    @Test("the samples reach every path", arguments: [0, 1, 2])
    func coverage(_ index: Int) {
        let wanted = Self.expected[index]
        // Some samples count, some are zero while longer than nothing; both mailboxes are used.
        #expect(wanted.contains { $0 > 0 })
        #expect(zip(Self.samples, wanted).contains { $0.b > $0.a && $1 == 0 })
        #expect(Set(Self.samples.map { Self.store.ticketMailbox[Int($0.row)] }).count == 2)
        // Hand-derived spot checks of the oracle: Mon 2026-06-15 09:00 → 17:00 in the office is
        // 7 h; Fri 2026-07-03 (a holiday) has none; Sun 2026-03-08 (spring forward) 00:00 →
        // Mon 00:00 on the night shift is 22:00–24:00 = 2 h.
        #expect(Self.oracle(Self.office, a: Fixture.t("2026-06-15 09:00:00"), b: Fixture.t("2026-06-15 17:00:00")) == 25_200)
        #expect(Self.oracle(Self.office, a: Fixture.t("2026-07-03 00:00:00"), b: Fixture.t("2026-07-04 00:00:00")) == 0)
        #expect(Self.oracle(Self.nights, a: Fixture.t("2026-03-08 00:00:00"), b: Fixture.t("2026-03-09 00:00:00")) == 7200)
        // Off the minute: Mon 09:00:30 → 09:01:15 is 45 s.
        #expect(Self.oracle(Self.office, a: Fixture.t("2026-06-15 09:00:30"), b: Fixture.t("2026-06-15 09:01:15")) == 45)
    }

    @Test("small batches equal the oracle and the one-sample form", arguments: [0, 1, 2])
    func small(_ index: Int) {
        let (name, hours) = Self.configurations[index]
        let business = Self.business(hours)
        let wanted = Self.expected[index]
        let scalar = Self.samples.map { business.seconds(Self.store, row: Int($0.row), from: $0.a, to: $0.b) }
        #expect(scalar == wanted, "\(name): the one-sample form")
        for count in [0, 1, 7, Self.samples.count] {
            let part = Self.samples.prefix(count)
            let got = business.seconds(
                Self.store, rows: part.map(\.row), from: part.map(\.a), to: part.map(\.b))
            #expect(got == Array(wanted.prefix(count)), "\(name): \(count) samples")
        }
        for (sample, want) in zip(Self.samples, wanted) where sample.b > sample.a {
            // A clock without a day table takes the general path for every time.
            let plain = BusinessClock(
                schedule: Self.schedule(hours, row: sample.row), site: ZoneOffsets(identifier: Self.site)!,
                zone: Self.schedule(hours, row: sample.row).timeZone.map { ZoneOffsets(identifier: $0)! })
            #expect(plain.seconds(from: sample.a, to: sample.b) == want, "\(name): without the table")
        }
    }

    @Test("a batch of more than 100,000 samples (two threads) equals the oracle", arguments: [0, 1, 2])
    func large(_ index: Int) {
        let (name, hours) = Self.configurations[index]
        let business = Self.business(hours)
        // Every sample repeated in a stride through an odd count, so both halves see every path.
        let count = 120_001
        let pick = (0..<count).map { ($0 * 7) % Self.samples.count }
        let got = business.seconds(
            Self.store, rows: pick.map { Self.samples[$0].row }, from: pick.map { Self.samples[$0].a },
            to: pick.map { Self.samples[$0].b })
        let wanted = pick.map { Self.expected[index][$0] }
        #expect(got.count == count)
        let wrong = zip(got, wanted).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        let (differing, firstWrong) = (wrong.count, wrong.first ?? -1)
        #expect(differing == 0, "\(name): the first differing sample is \(firstWrong)")
    }
}
