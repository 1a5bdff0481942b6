import FSSnapshot

extension Kernels {
    /// Adds each row of a time-ordered slice to its weekday × hour cell (`counts[weekday *
    /// 24 + hour]`, Monday first): one division per run of rows in the same hour, whose end
    /// is found by exponential probing, so long runs cost a few probes.
    @inlinable
    package static func addHoursOfWeek(_ rows: Range<Int>, counts: UnsafeMutableBufferPointer<Int>, time: (Int) -> Int64) {
        // 1970-01-01 00:00 was a Thursday: shifting by three days puts Monday 00:00 at hour 0 of a week.
        let shift: Int64 = 3 * LocalTime.secondsPerDay
        var i = rows.lowerBound
        let hi = rows.upperBound
        while i < hi {
            let shifted = time(i) + shift
            let hour = shifted >= 0 ? shifted / 3600 : (shifted - 3599) / 3600
            let cell = Int(((hour % 168) + 168) % 168)
            let boundary = (hour + 1) * 3600 - shift
            let next = firstNotBelow(i + 1, hi) { time($0) < boundary }
            counts[cell] += next - i
            i = next
        }
    }
}
