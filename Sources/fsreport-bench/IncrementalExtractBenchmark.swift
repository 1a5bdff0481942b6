import FSCLI
import FSExtract
import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation

/// What one nightly run costs at several site sizes with the same day of activity:
/// requests, bytes and wall time of the incremental run (changes only) and of the old
/// strategy (every ticket page listed), against the emulator answering like a real
/// WordPress (100 ms per request, 4 PHP workers). Not a test: run it from a release build.
///
/// Each size is generated with the same tickets per day (so the 14-day recheck window
/// holds about as many tickets at every size: only the history is longer), written
/// straight into a day-1 snapshot recorded as a completed extraction
/// (``SnapshotAdoption``), then the day's activity is applied to the emulator.
public enum IncrementalExtractBenchmark {
    /// The day between two nightly runs.
    public struct Day: Sendable {
        public var changedTickets = 300
        public var notes = 50
        public var deletedResponses = 5
        public var deletedTickets = 3
        public init() {}
    }

    /// One measured run.
    public struct Measurement: Sendable {
        public var tickets: Int
        public var strategy: String
        public var requests: Int
        public var listPages: Int
        public var details: Int
        public var bytes: Int
        public var seconds: Double
    }

    /// - Parameters:
    ///   - sizes: ticket counts of the generated sites.
    ///   - ticketsPerDay: the same at every size (history length = size / rate).
    ///   - oldUpTo: run the old full-listing strategy only up to this size (it is slow by
    ///     design: one 100 ms request per 100 tickets).
    @discardableResult
    public static func run(
        sizes: [Int], ticketsPerDay: Int = 80, day: Day = Day(), latency: TimeInterval = 0.1, workers: Int = 4,
        concurrency: Int = 4, oldUpTo: Int = .max, output: (String) -> Void = { print($0) }
    ) throws -> [Measurement] {
        let now = LocalTime.parse("2026-11-20 12:00:00")!
        let root = NSTemporaryDirectory() + "fsreport-incremental-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        output(
            "incremental extract benchmark: \(ticketsPerDay) tickets/day at every size; the day: "
                + "\(day.changedTickets) changed tickets, \(day.notes) notes, \(day.deletedResponses) deleted responses, "
                + "\(day.deletedTickets) deleted tickets; emulator \(Int(latency * 1000)) ms per request, \(workers) workers; "
                + "--concurrency \(concurrency), --per-page 100, --recheck-days 14")
        var results: [Measurement] = []
        for size in sizes {
            let started = Date()
            let config = GeneratorConfig(
                seed: 42, tickets: size, agents: 12, days: max(30, size / ticketsPerDay), now: now, timezone: "UTC")
            let emulator = FluentSupportEmulator(dataset: HelpdeskGenerator.generate(config), configuration: quietServer())
            try emulator.start()
            defer { emulator.stop() }
            let day1 = root + "/day1-\(size).sqlite"
            let snapshot = try Snapshot(path: day1, mode: .create)
            try HelpdeskGenerator.write(config, to: snapshot)
            try snapshot.checkpoint()
            try SnapshotAdoption.markExtracted(path: day1, site: emulator.baseURL, timezone: "UTC", started: now)
            let applied = applyDay(day, to: emulator, after: now)
            output(
                "\(size) tickets: generated, day-1 snapshot written and the day applied (\(applied) changes) in "
                    + String(format: "%.1f s", Date().timeIntervalSince(started)))
            emulator.reconfigure {
                $0.latency = latency
                $0.workers = workers
            }
            for (strategy, sweepDays) in [("changes", 7), ("old: every page", 0)] {
                if sweepDays == 0 && size > oldUpTo { continue }
                let path = root + "/run-\(size)-\(sweepDays).sqlite"
                try? FileManager.default.removeItem(atPath: path)
                try FileManager.default.copyItem(atPath: day1, toPath: path)
                var options = ExtractOptions(
                    site: emulator.baseURL, credentials: Credentials(user: emulator.user, password: emulator.password),
                    databasePath: path)
                options.concurrency = concurrency
                options.perPage = 100
                options.sweepDays = sweepDays
                options.userAgent = "fsreport-bench"
                let instant = Date(timeIntervalSince1970: TimeInterval(emulator.clock.unixSeconds(local: now + 86_400)))
                options.now = { instant }
                emulator.resetCounts()
                let t0 = Date()
                let summary = try Extractor(options: options).runBlocking()
                let m = Measurement(
                    tickets: size, strategy: strategy, requests: emulator.totalRequests,
                    listPages: emulator.requestCount(.ticketList), details: emulator.requestCount(.ticketDetail),
                    bytes: emulator.bytesServed, seconds: Date().timeIntervalSince(t0))
                results.append(m)
                output(
                    String(
                        format: "  %-15@ %7d requests (%6d ticket pages, %5d details)  %8.1f MiB  %7.1f s",
                        strategy as NSString, m.requests, m.listPages, m.details, Double(m.bytes) / 1_048_576, m.seconds)
                        + "\n    " + summary.line)
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        let incremental = results.filter { $0.strategy == "changes" }
        if let small = incremental.first, let large = incremental.last, large.tickets > small.tickets {
            let ratio = Double(large.requests) / Double(small.requests)
            output(
                String(
                    format: "target: requests at %d tickets ≤ 1.2 × at %d: %.2f× — %@", large.tickets, small.tickets, ratio,
                    (ratio <= 1.2 ? "met" : "missed") as NSString))
        }
        if let million = incremental.first(where: { $0.tickets >= 1_000_000 }) {
            output(
                "target: ≤ 2,000 requests at \(million.tickets) tickets: \(million.requests) — "
                    + (million.requests <= 2000 ? "met" : "missed"))
        }
        return results
    }

    static func quietServer() -> FluentSupportEmulator.Configuration {
        var configuration = FluentSupportEmulator.Configuration()
        configuration.recordLog = false
        return configuration
    }

    /// One day of a helpdesk between two runs, on the tickets most recently active:
    /// replies of both sides, closes, re-opens, priority changes; notes (half of them on
    /// older tickets, which only the activity log reveals); deleted responses; deleted
    /// tickets. Returns the number of changes.
    static func applyDay(_ day: Day, to emulator: FluentSupportEmulator, after now: Int64) -> Int {
        let tickets = emulator.dataset.tickets
        let conversations = emulator.dataset.conversations
        let recent = tickets.sorted { ($0.updatedAt ?? $0.createdAt) > ($1.updatedAt ?? $1.createdAt) }
        var t = now + 60
        var applied = 0
        func next() -> Int64 {
            t += 97
            applied += 1
            return t
        }
        let agents = Array(1...12).map(Int64.init)
        for (i, ticket) in recent.prefix(day.changedTickets).enumerated() {
            let agent = ticket.agentId ?? agents[i % agents.count]
            switch i % 10 {
            case 0...4: emulator.addConversation(ticketId: ticket.id, personId: agent, at: next())
            case 5, 6: emulator.addConversation(ticketId: ticket.id, personId: ticket.customerId ?? agent, at: next())
            case 7:
                emulator.addConversation(ticketId: ticket.id, personId: agent, type: "internal_info", at: next(), closes: true)
            case 8:
                if ticket.status == "closed" {
                    emulator.reopenTicket(id: ticket.id, by: agent, at: next())
                } else {
                    emulator.assignTicket(id: ticket.id, to: agents[(i + 1) % agents.count], at: next())
                }
            default: emulator.updateTicket(id: ticket.id, touch: next()) { $0.priority = "critical" }
            }
        }
        let older = recent.dropFirst(day.changedTickets * 10)
        for i in 0..<day.notes {
            let pool = i % 2 == 0 ? Array(recent.dropFirst(day.changedTickets).prefix(day.notes)) : Array(older.prefix(day.notes))
            guard let ticket = pool.isEmpty ? recent.first : pool[i / 2 % pool.count] else { continue }
            emulator.addConversation(ticketId: ticket.id, personId: ticket.agentId ?? 1, type: "note", at: next())
        }
        let recentIDs = Set(recent.prefix(day.changedTickets * 3).map(\.id))
        for c in conversations.lazy.filter({ recentIDs.contains($0.ticketId) }).prefix(day.deletedResponses) {
            emulator.deleteConversation(id: c.id, ticketId: c.ticketId)
            applied += 1
        }
        for ticket in recent.dropFirst(day.changedTickets * 2).prefix(day.deletedTickets) {
            emulator.deleteTicket(id: ticket.id, at: next())
        }
        return applied
    }
}
