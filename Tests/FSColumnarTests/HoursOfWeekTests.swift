import FSColumnar
import FSSnapshot
import Testing

/// The weekday × hour kernel (runs found by exponential probing) counts exactly what a
/// plain per-row loop over calendar dates counts.
@Suite struct HoursOfWeekTests {
    /// Cell of one timestamp the slow way: its calendar day's weekday (via the civil date
    /// and Zeller-free counting from a known Monday) and its hour.
    static func cell(_ t: Int64) -> Int {
        let day = LocalTime.day(t)
        // 2024-01-01 was a Monday.
        let monday = LocalTime.days(year: 2024, month: 1, day: 1)
        let weekday = Int((((day - monday) % 7) + 7) % 7)
        return weekday * 24 + Int((t - day * 86_400) / 3600)
    }

    @Test(arguments: [1, 7, 42])
    func matchesAPlainLoop(seed: UInt64) {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        // Sorted times with long runs inside one hour, single rows, gaps of days, midnights and
        // times before 1970.
        var times: [Int64] = [-86_401, -86_400, -3_601, -1, 0, 3_599, 3_600]
        var t = LocalTime.parse("2026-11-16 23:59:59")!
        for _ in 0..<5_000 {
            switch next() % 4 {
            case 0: t += 0
            case 1: t += Int64(next() % 60)
            case 2: t += Int64(next() % 7_200)
            default: t += Int64(next() % 400_000)
            }
            times.append(t)
        }
        var expected = [Int](repeating: 0, count: 168)
        for time in times { expected[Self.cell(time)] += 1 }
        var counts = [Int](repeating: 0, count: 168)
        counts.withUnsafeMutableBufferPointer { buffer in
            Kernels.addHoursOfWeek(0..<times.count, counts: buffer) { times[$0] }
        }
        #expect(counts == expected)
        #expect(counts.reduce(0, +) == times.count)
    }

    @Test func midnightCells() {
        // 2026-11-18 is a Wednesday: 23:59:59 is Wed 23:00, the next second Thu 0:00.
        #expect(Self.cell(LocalTime.parse("2026-11-18 23:59:59")!) == 2 * 24 + 23)
        var counts = [Int](repeating: 0, count: 168)
        let times = [LocalTime.parse("2026-11-18 23:59:59")!, LocalTime.parse("2026-11-19 00:00:00")!]
        counts.withUnsafeMutableBufferPointer { Kernels.addHoursOfWeek(0..<2, counts: $0) { times[$0] } }
        #expect(counts[2 * 24 + 23] == 1 && counts[3 * 24] == 1)
    }
}
