import FSSnapshot
import Testing

@testable import FSReports

/// The buckets' fast date labels give exactly what ``LocalTime`` gives.
@Suite struct BucketsTests {
    @Test func fastDateLabelsMatchLocalTime() {
        let days: [Int64] =
            Array(-800_000...(-799_000)) + Array(-1_000...1_000) + Array(20_000...21_500)
            + [
                LocalTime.days(year: 9999, month: 12, day: 31), LocalTime.days(year: 10_000, month: 1, day: 1),
                LocalTime.days(year: 1, month: 1, day: 1),
            ]
        for d in days {
            #expect(Buckets.dateLabel(d) == LocalTime.formatDate(day: d), "day \(d)")
        }
    }
}
