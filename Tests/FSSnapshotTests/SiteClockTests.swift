import FSSnapshot
import Testing

@Suite struct SiteClockTests {
    let newYork = SiteClock(identifier: "America/New_York")!
    let berlin = SiteClock(identifier: "Europe/Berlin")!

    func t(_ s: String) -> Int64 { LocalTime.parse(s)! }

    @Test func instantsBecomeLocalWallClockWithDST() {
        // 2026-07-24 12:21:23 UTC is 08:21:23 EDT (UTC−4); 2026-01-10 12:00 UTC is 07:00 EST (UTC−5).
        #expect(newYork.local(unixSeconds: t("2026-07-24 12:21:23")) == t("2026-07-24 08:21:23"))
        #expect(newYork.local(unixSeconds: t("2026-01-10 12:00:00")) == t("2026-01-10 07:00:00"))
        #expect(berlin.local(unixSeconds: t("2026-07-24 12:00:00")) == t("2026-07-24 14:00:00"))
    }

    @Test func localTimesRoundTripOutsideTransitions() {
        for s in [
            "2026-03-08 01:59:59", "2026-03-08 03:00:00", "2026-11-01 00:30:00", "2026-11-01 02:00:00", "2026-06-01 12:00:00",
        ] {
            #expect(newYork.local(unixSeconds: newYork.unixSeconds(local: t(s))) == t(s), "\(s)")
        }
    }

    @Test func springForwardGapShiftsForward() {
        // New York skips 02:00–02:59 on 2026-03-08: 02:30 is read with EST (−5) → 07:30 UTC = 03:30 EDT.
        #expect(newYork.unixSeconds(local: t("2026-03-08 02:30:00")) == t("2026-03-08 07:30:00"))
        #expect(newYork.unixSeconds(local: t("2026-03-08 02:00:00")) == t("2026-03-08 07:00:00"))
        // Berlin skips 02:00–02:59 on 2026-03-29: 02:30 read with CET (+1) → 01:30 UTC = 03:30 CEST.
        #expect(berlin.unixSeconds(local: t("2026-03-29 02:30:00")) == t("2026-03-29 01:30:00"))
    }

    @Test func fallBackHourIsItsFirstOccurrence() {
        // 01:30 happens twice in New York on 2026-11-01; the first is EDT (−4) → 05:30 UTC.
        #expect(newYork.unixSeconds(local: t("2026-11-01 01:30:00")) == t("2026-11-01 05:30:00"))
        // Berlin repeats 02:30 on 2026-10-25; the first is CEST (+2) → 00:30 UTC.
        #expect(berlin.unixSeconds(local: t("2026-10-25 02:30:00")) == t("2026-10-25 00:30:00"))
    }

    @Test func offsetsAndNames() {
        #expect(SiteClock(identifier: "5.5")!.local(unixSeconds: 0) == 19_800)
        #expect(SiteClock(identifier: "-4")!.local(unixSeconds: 0) == -14_400)
        #expect(SiteClock(identifier: "Mars/Olympus") == nil)
        #expect(SiteClock(identifier: "") == nil)
    }
}
