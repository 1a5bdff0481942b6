import FSReports
import Testing

@testable import FSRender

/// The dashboard's attainment text: one decimal, rounded once (halves up) from the counts.
@Suite struct SLAAttainmentTests {
    @Test(arguments: [
        // 19,989 / 20,000 = 99.945 % → 99.9 % (rounding 9,995 ten-thousandths again gave 100.0 %).
        (19_989, 11, "99.9%"),
        // 1,999 / 2,000 = 99.95 % → halves up → 100.0 %.
        (1_999, 1, "100.0%"),
        // 2 / 3 = 66.666… % → 66.7 %.
        (2, 1, "66.7%"),
        (0, 4, "0.0%"),
        (5, 0, "100.0%"),
    ])
    func rounding(met: Int, breached: Int, text: String) {
        #expect(DashboardHTML.attainment(SLA.Counts(met: met, breached: breached)) == text)
    }

    @Test func noSamplesIsADash() {
        #expect(DashboardHTML.attainment(SLA.Counts()) == "—")
    }
}
