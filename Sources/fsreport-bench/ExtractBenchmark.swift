import FSCLI
import FSExtract
import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation

/// Extraction throughput against the in-process API emulator: a full extraction of a
/// generated helpdesk into a fresh snapshot at each concurrency, printing tickets per
/// second and the process's peak memory during the extraction. Not a test: run it from
/// a release build.
public enum ExtractBenchmark {
    /// One measured extraction.
    public struct Measurement: Sendable {
        public var concurrency: Int
        public var tickets: Int
        public var conversations: Int
        public var seconds: Double
        public var requests: Int
        /// Resident memory before the extraction (the emulator and its dataset).
        public var baselineBytes: Int
        /// Peak resident memory during the extraction (`VmHWM`, reset before it starts
        /// where the kernel allows it).
        public var peakBytes: Int

        public var ticketsPerSecond: Double { Double(tickets) / seconds }
    }

    /// Runs the benchmark.
    /// - Parameters:
    ///   - tickets: tickets of the generated helpdesk (≈4 conversations each).
    ///   - concurrencies: one full extraction per value, each into a new snapshot.
    ///   - perPage: list page size.
    ///   - serverLatency: seconds the emulator waits before each answer (0: as fast as it
    ///     can; a real WordPress answers in 0.05–0.5 s, which is what concurrency hides).
    ///   - directory: where the snapshots go (a temporary directory by default; removed).
    ///   - output: receives one line per measurement and a header.
    @discardableResult
    public static func run(
        tickets: Int = 50_000, concurrencies: [Int] = [1, 8], perPage: Int = 100, serverLatency: TimeInterval = 0,
        directory: String? = nil,
        output: (String) -> Void = { print($0) }
    ) throws -> [Measurement] {
        let now = LocalTime.parse("2026-11-20 17:00:00")!
        let generated = Date()
        let dataset = HelpdeskGenerator.generate(
            GeneratorConfig(seed: 42, tickets: tickets, agents: 12, days: 365, now: now, timezone: "America/New_York"))
        var configuration = FluentSupportEmulator.Configuration()
        configuration.recordLog = false
        configuration.gzip = false
        configuration.latency = serverLatency
        let emulator = FluentSupportEmulator(dataset: dataset, configuration: configuration)
        try emulator.start()
        defer { emulator.stop() }
        output(
            "extract benchmark: \(tickets) tickets, \(dataset.conversations.count) conversations, "
                + "\(dataset.activities.count) activities (generated in \(String(format: "%.1f", Date().timeIntervalSince(generated))) s); "
                + "emulator on \(emulator.baseURL.absoluteString)"
                + (serverLatency > 0 ? " answering after \(Int(serverLatency * 1000)) ms" : ""))

        let root = directory ?? NSTemporaryDirectory() + "fsreport-extract-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: root) } }

        var results: [Measurement] = []
        for concurrency in concurrencies {
            let path = root + "/bench-c\(concurrency).sqlite"
            SnapshotFiles.remove(path, includingDatabase: true)
            SnapshotFiles.remove(path + ".partial", includingDatabase: true)
            try? FileManager.default.removeItem(atPath: path + ".lock")
            var options = ExtractOptions(
                site: emulator.baseURL, credentials: Credentials(user: emulator.user, password: emulator.password),
                databasePath: path)
            options.concurrency = concurrency
            options.perPage = perPage
            options.userAgent = "fsreport-bench"
            let instant = Date(timeIntervalSince1970: TimeInterval(emulator.clock.unixSeconds(local: now)))
            options.now = { instant }
            emulator.resetCounts()
            let baseline = ProcessMemory.bytes("VmRSS") ?? 0
            ProcessMemory.resetPeak()
            let started = Date()
            let summary = try Extractor(options: options).runBlocking()
            let seconds = Date().timeIntervalSince(started)
            let m = Measurement(
                concurrency: concurrency, tickets: summary.ticketsListed, conversations: dataset.conversations.count,
                seconds: seconds, requests: emulator.totalRequests, baselineBytes: baseline,
                peakBytes: ProcessMemory.bytes("VmHWM") ?? 0)
            results.append(m)
            output(
                String(
                    format: "concurrency %2d: %6.0f tickets/s  (%d tickets in %.1f s, %d requests)  peak RSS %.0f MiB, "
                        + "%.0f MiB before the extraction",
                    concurrency, m.ticketsPerSecond, m.tickets, m.seconds, m.requests,
                    Double(m.peakBytes) / 1_048_576, Double(m.baselineBytes) / 1_048_576))
        }
        return results
    }
}
