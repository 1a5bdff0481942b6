import FSColumnar
import FSGenerator
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// `fsreport demo`: builds a realistic synthetic helpdesk into its own snapshot and writes
/// every report under `output/`.
enum DemoCommand {
    static let defaultDB = ".fsreport/demo.sqlite"
    static let timezone = "America/New_York"

    static let spec = CommandSpec(
        name: "demo",
        summary: "Generate a synthetic helpdesk and write every report under output/.",
        usage: """
            fsreport demo [--output DIR] [--db PATH] [--seed N] [--tickets N] [--days N] [--agents N] \
            [--conversations-per-ticket X] [--snapshot-only] [--now TIMESTAMP]
            """,
        options: [
            OptionSpec("output", value: "DIR", help: "Where the reports and the site go.", default: "output"),
            OptionSpec("db", value: "PATH", help: "The demo's own snapshot (never $FSREPORT_DB).", default: defaultDB),
            OptionSpec("seed", value: "N", help: "Random seed; the same seed gives the same helpdesk.", default: "42"),
            OptionSpec("tickets", value: "N", help: "How many tickets to generate.", default: "3000"),
            OptionSpec("days", value: "N", help: "Days of history, ending at now.", default: "120"),
            OptionSpec("conversations-per-ticket", value: "X", help: "Average conversations per ticket.", default: "4"),
            OptionSpec("agents", value: "N", help: "How many agents.", default: "8"),
            OptionSpec("snapshot-only", help: "Only build the snapshot; write no output."),
            OptionSpec(
                "now", value: "TIMESTAMP", help: "Site-local \"YYYY-MM-DD HH:MM:SS\" the data ends at.",
                default: "the current time in \(timezone)"),
        ])

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let seed = try args.value("seed").map { try ArgumentValue.integer($0, option: "seed", range: 0...Int64.max) } ?? 42
        let tickets =
            try args.value("tickets").map { try ArgumentValue.integer($0, option: "tickets", range: 1...50_000_000) } ?? 3000
        let days = try args.value("days").map { try ArgumentValue.integer($0, option: "days", range: 1...3650) } ?? 120
        let agents = try args.value("agents").map { try ArgumentValue.integer($0, option: "agents", range: 1...10_000) } ?? 8
        let perTicket = try args.value("conversations-per-ticket").map { text -> Double in
            guard let v = Double(text), v >= 1, v <= 100 else {
                throw CLIError.usage("--conversations-per-ticket \"\(text)\" is not a number from 1 to 100")
            }
            return v
        }
        let clock = SiteClock(identifier: timezone)!
        let now = try CommandSupport.now(args, clock: clock, env: env)
        let dbPath = env.path(args.value("db") ?? defaultDB)
        let output = env.path(args.value("output") ?? "output")

        var config = GeneratorConfig(
            seed: UInt64(seed), tickets: Int(tickets), agents: Int(agents), days: Int(days), now: now, timezone: timezone)
        if let perTicket { config.conversationsPerTicket = perTicket }
        let started = Date()
        let counts = try buildSnapshot(config, at: dbPath, env: env)
        env.stderr.line(
            "demo: \(counts.tickets) tickets, \(counts.conversations) conversations, \(counts.persons) persons → "
                + "\(dbPath) (\(String(format: "%.1f", Date().timeIntervalSince(started))) s)")
        if args.flag("snapshot-only") { return ExitCode.ok }

        let snapshot = try CommandSupport.openSnapshot(dbPath, mode: .readOnly)
        let (store, reports) = try CommandSupport.loadColumns(snapshot)
        // A sample schedule and targets beside the site, so the SLA panel is filled and the
        // file can be copied as a start (`--sla output/sla.json`).
        let slaPath = (output as NSString).appendingPathComponent("sla.json")
        try AtomicWriter.write(sampleSLA, to: slaPath)
        let sla = try SLAConfig.load(path: slaPath, option: "--sla")
        let files = try SiteOutput.write(
            snapshot: snapshot, store: store, reports: reports, now: now, outputDirectory: output, env: env, sla: sla)
        env.stderr.line(
            "demo: wrote \(files) files under \(output)/site (now = \(LocalTime.format(now)) \(timezone)); "
                + "sample business hours and SLA targets in \(slaPath)")
        return ExitCode.ok
    }

    /// The demo's business hours and SLA targets (docs/nightly.md, "Business hours and SLA targets").
    static let sampleSLA = """
        {
          "business_hours": {
            "timezone": "\(timezone)",
            "mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"], "thu": ["09:00-17:00"],
            "fri": ["09:00-17:00"], "sat": [], "sun": [],
            "holidays": ["2026-11-26", "2026-12-25", "2027-01-01"]
          },
          "sla": {
            "clock": "business",
            "first_response": {"critical": "1h", "medium": "4h", "default": "8h"},
            "next_response": {"default": "8h"},
            "resolution": {"critical": "24h", "default": "120h"}
          }
        }

        """

    /// Generates into a temporary sibling file and renames it over `path`, so a failed or
    /// interrupted run leaves the previous demo snapshot as it was.
    static func buildSnapshot(_ config: GeneratorConfig, at path: String, env: Environment) throws -> HelpdeskDataset.Counts {
        try refuseForeignFile(at: path)
        let temporary = "\(path).building-\(getpid())"
        SnapshotFiles.remove(temporary, includingDatabase: true)
        let counts: HelpdeskDataset.Counts
        do {
            let progress = Progress(label: "generating", console: env.stderr)
            // In a function of its own so the connection is closed before the rename below.
            func generate() throws -> HelpdeskDataset.Counts {
                let snapshot = try CommandSupport.openSnapshot(temporary, mode: .create)
                let counts = try HelpdeskGenerator.write(config, to: snapshot) { done, total in
                    progress.update(done: done, total: total)
                }
                progress.finish()
                try snapshot.checkpoint()
                return counts
            }
            counts = try generate()
        } catch {
            SnapshotFiles.remove(temporary, includingDatabase: true)
            throw error
        }
        // The old file's WAL must not outlive it: a stale -wal next to the new file would
        // be replayed into it. (The new file is owner-only: the snapshot creates its folder
        // 0700 and the file 0600.)
        SnapshotFiles.remove(path)
        SnapshotFiles.remove(temporary)
        guard rename(temporary, path) == 0 else {
            throw CLIError.runtime("cannot move the new demo snapshot to \(path): \(String(cString: strerror(errno)))")
        }
        return counts
    }
}

extension DemoCommand {
    /// The demo replaces only its own snapshots: an existing file at `path` that is not a
    /// snapshot the demo generated (a real extraction, another program's file) is refused.
    static func refuseForeignFile(at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let source: String?
        do {
            source = try Snapshot(path: path, mode: .readOnly).meta(MetaKey.source)
        } catch {
            source = nil
        }
        guard source == "demo" else {
            throw CLIError.usage(
                "\(path) exists and is not a demo snapshot (\(source.map { "source: \($0)" } ?? "not generated by the demo")); "
                    + "the demo never overwrites other data",
                hint: "pass a new --db for the demo, or move the file away")
        }
    }
}
