import FSReports
import Foundation

/// Times computing the dashboard's reports against rendering its files (in memory, then
/// also written to disk), for `fsreport-bench` and `fsreport dashboard --timings`.
public enum DashboardBenchmark {
    public struct Result: Sendable {
        /// Median seconds of ``DashboardData/compute(store:now:lastSync:)`` (via `compute`).
        public var compute: Double
        /// Median seconds of ``SiteWriter/render(_:options:)``: all pages, JSON, CSV in memory.
        public var render: Double
        public var files: Int
        public var bytes: Int
        public var iterations: Int

        /// One line: `dashboard: compute 12.1 ms, render 3.4 ms (0.28× compute), 298 files, 612 KB`.
        public var summary: String {
            let ratio = compute > 0 ? render / compute : 0
            return "dashboard: compute reports \(ms(compute)), render site \(ms(render)) "
                + "(render/compute = \(String(format: "%.2f", ratio))×), \(files) files, "
                + "\(String(format: "%.0f", Double(bytes) / 1024)) KiB, median of \(iterations)"
        }

        private func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
    }

    /// Runs `compute` and the renderer `iterations` times each and reports the medians.
    @discardableResult
    /// - Parameters:
    ///   - compute: builds the data, e.g. `{ try DashboardData.compute(store: store, now: now, lastSync: nil) }`.
    ///   - log: receives the summary line.
    public static func run(
        iterations: Int = 5, options: SiteOptions = SiteOptions(version: "bench"),
        compute: () throws -> DashboardData, log: (String) -> Void = { print($0) }
    ) rethrows -> Result {
        precondition(iterations > 0)
        var computeTimes = Timing(samples: [])
        var renderTimes = Timing(samples: [])
        var data = try compute()
        var files: [SiteWriter.File] = []
        for _ in 0..<iterations {
            let computed = try MonotonicClock.time(compute)
            data = computed.value
            let rendered = MonotonicClock.time { SiteWriter.render(data, options: options).files }
            files = rendered.value
            computeTimes.samples.append(computed.seconds)
            renderTimes.samples.append(rendered.seconds)
        }
        let result = Result(
            compute: computeTimes.median, render: renderTimes.median, files: files.count,
            bytes: files.reduce(0) { $0 + $1.contents.utf8.count }, iterations: iterations)
        log(result.summary)
        return result
    }
}
