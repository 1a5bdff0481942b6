import FSReports
import Testing

@Suite struct HumanDurationTests {
    @Test(
        arguments: [
            (0, "1 second"), (1, "1 second"), (45, "45 seconds"), (59, "59 seconds"),
            (60, "1 min"), (89, "1 min"), (90, "2 mins"),  // 1.5 rounds away from zero
            (89 * 60, "1 hour"),  // 89 min = 1.48 h
            (2 * 3600, "2 hours"), (47 * 3600, "2 days"),  // 47 h = 1.96 days
            (7 * 86_400 - 1, "7 days"), (7 * 86_400, "1 week"),
            (30 * 86_400 - 1, "4 weeks"), (30 * 86_400, "1 month"),
            (365 * 86_400 - 1, "12 months"), (365 * 86_400, "1 year"), (3 * 365 * 86_400, "3 years"),
            (-120, "2 mins"),  // WordPress takes the absolute difference
        ] as [(Int64, String)])
    func wording(seconds: Int64, expected: String) {
        #expect(HumanDuration.string(numerator: seconds, denominator: 1) == expected)
    }

    @Test(
        arguments: [
            (7_200, "2 hours"),  // not above 7,200: the human wording
            (7_201, "3 hours"),  // ceil(7,201 / 3,600)
            (86_400, "24 hours"), (172_799, "48 hours"),
            (172_800, "2 days"),  // not below 172,800: the human wording
            (600, "10 mins"),
        ] as [(Int64, String)])
    func averageWaiting(seconds: Int64, expected: String) {
        #expect(HumanDuration.averageWaiting(numerator: seconds, denominator: 1) == expected)
    }

    @Test func exactFractionsDecideBoundaries() {
        // (7,200 + 7,201) / 2 = 7,200.5 s > 7,200 → ceil(2.0001 h) = "3 hours".
        #expect(HumanDuration.averageWaiting(numerator: 14_401, denominator: 2) == "3 hours")
        // 179 s / 2 = 89.5 s → 1.49 min → "1 min"; 181 / 2 = 90.5 s → "2 mins".
        #expect(HumanDuration.string(numerator: 179, denominator: 2) == "1 min")
        #expect(HumanDuration.string(numerator: 181, denominator: 2) == "2 mins")
    }
}
