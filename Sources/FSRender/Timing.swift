import Foundation

/// The one clock of every timing fsreport prints (`fsreport dashboard --timings` and
/// `fsreport-bench`): monotonic nanoseconds.
package enum MonotonicClock {
    @inlinable
    package static func now() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// Seconds `body` takes once.
    @inlinable
    package static func time<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
        let start = now()
        let value = try body()
        return (Double(now() - start) / 1e9, value)
    }
}

/// Samples of one measured operation, in seconds, and the one median of them.
package struct Timing: Sendable {
    package var samples: [Double]

    @inlinable
    package init(samples: [Double]) { self.samples = samples }

    /// The middle sample; the mean of the two middle ones for an even count; NaN for none.
    package var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    package var min: Double { samples.min() ?? .nan }

    /// Runs `body` once to warm up, then `runs` samples. A sample repeats `body` until at
    /// least `floor` seconds have passed and reports the mean per call, so microsecond
    /// kernels are not measured at the clock's resolution.
    @inlinable
    package static func measure<T>(runs: Int, floor: Double = 0.002, _ body: () throws -> T) rethrows -> (Timing, T) {
        let first = try MonotonicClock.time(body)
        let repeats = first.seconds >= floor ? 1 : Swift.min(100_000, Int((floor / Swift.max(first.seconds, 1e-8)).rounded(.up)))
        var samples: [Double] = []
        var value = first.value
        for _ in 0..<Swift.max(runs, 1) {
            let start = MonotonicClock.now()
            for _ in 0..<repeats { value = try body() }
            samples.append(Double(MonotonicClock.now() - start) / 1e9 / Double(repeats))
        }
        return (Timing(samples: samples), value)
    }
}
