import FSCLI
import FSColumnar
import FSGenerator
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// `fsreport-bench reports`: every figure of issue 6 paired with its baseline, measured in
/// one run on one snapshot.
///
/// - generator throughput (conversation rows per second into the snapshot);
/// - snapshot → columns load, and the column cache's write and read;
/// - every report of SEMANTICS.md over a 30-day window and over the whole range: the
///   columnar kernel against the same report as SQL on the snapshot in this process (also
///   a cross-check: the results must be equal), and against the memory-bandwidth bound of
///   the bytes a scan of the report's rows would read;
/// - memory: column bytes per conversation, the resident growth of a cache load, peak RSS;
/// - one cold `fsreport report agents-summary` process against the `sqlite3` command line.
///
/// Exits 1 when a result differs from SQL or the cache does not round-trip; times are
/// printed, never asserted.
enum BenchReports {
    static let scaleKey = "bench_scale"
    static let generatorKey = "bench_generator"

    /// What the benchmark snapshot was generated with; recorded in its meta table.
    struct Scale: Equatable {
        var tickets: Int
        var conversationsPerTicket: Double
        var agents: Int
        var days: Int
        var seed: UInt64
        var now: Int64

        var metaValue: String {
            "v1 tickets=\(tickets) conversations-per-ticket=\(conversationsPerTicket) agents=\(agents) days=\(days) "
                + "seed=\(seed) now=\(LocalTime.format(now))"
        }
    }

    struct Options {
        var scale: Scale
        var path: String
        var runs: Int
        var sqlRuns: Int
        var bulkLoad: Bool
        var json: Bool
    }

    static func options(_ args: ParsedArguments, _ env: Environment) throws -> Options {
        func integer(_ name: String, _ fallback: Int64, _ range: ClosedRange<Int64>) throws -> Int {
            Int(try args.value(name).map { try ArgumentValue.integer($0, option: name, range: range) } ?? fallback)
        }
        let tickets = try integer("tickets", 1_000_000, 1...50_000_000)
        let perTicket =
            try args.value("conversations-per-ticket").map { text -> Double in
                guard let v = Double(text), v >= 1, v <= 100 else {
                    throw CLIError.usage("--conversations-per-ticket \"\(text)\" is not a number from 1 to 100")
                }
                return v
            } ?? 10
        let now =
            try args.value("now").map { try ArgumentValue.timestamp($0, option: "now") }
            ?? LocalTime.parse("2026-11-20 12:00:00")!
        let runs = try integer("runs", 5, 1...1000)
        let scale = Scale(
            tickets: tickets, conversationsPerTicket: perTicket, agents: try integer("agents", 200, 1...10_000),
            days: try integer("days", 730, 1...3650), seed: UInt64(try integer("seed", 42, 0...Int64.max)), now: now)
        return Options(
            scale: scale, path: env.path(args.value("db") ?? ".fsreport/bench-\(tickets).sqlite"), runs: runs,
            sqlRuns: try integer("sql-runs", Int64(min(runs, 3)), 1...1000), bulkLoad: args.flag("bulk-load"),
            json: args.flag("json"))
    }

    static func run(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let options = try options(args, env)
        let log: (String) -> Void = { env.stderr.line("bench: " + $0) }
        var failures: [String] = []

        var generator = try prepareSnapshot(options, log: log)
        generator?.inMemory = inMemoryGeneration(options.scale, log: log)
        let snapshot = try CommandSupport.openSnapshot(options.path, mode: .readOnly)

        // Snapshot → columns (peak memory counted from here: the generator's is not ours).
        ProcessMemory.resetPeak()
        log("loading the snapshot into columns")
        var fromSnapshot: ColumnarStore?
        let loadRuns = options.scale.tickets > 200_000 ? min(options.runs, 3) : options.runs
        let (load, loaded) = try Timing.measure(runs: loadRuns, floor: 0) { try ColumnarStore.load(from: snapshot) }
        fromSnapshot = loaded
        let peakAfterLoad = ProcessMemory.bytes("VmHWM")
        let rows = loaded.ticketCount + loaded.conversationCount

        // Column cache: write once, read `runs` times.
        let cache = ColumnCache(snapshotPath: options.path)
        let key = try ColumnCache.Key.current(snapshot)
        log("building the report columns")
        let (reportBuild, built) = try Timing.measure(runs: min(loadRuns, 2), floor: 0) {
            try snapshot.reading { try ReportColumns.load(snapshot, store: loaded) }
        }
        let write = try MonotonicClock.time { try cache.write(loaded, reports: built, key: key) }
        let cacheBytes = (try? FileManager.default.attributesOfItem(atPath: cache.path)[.size] as? Int) ?? 0
        let (cacheRead, _) = Timing.measure(runs: options.runs, floor: 0) { cache.read(expecting: key) }
        ProcessMemory.trim()
        let rssBefore = ProcessMemory.bytes("VmRSS") ?? 0
        guard case .success(let cached) = cache.read(expecting: key) else {
            throw CLIError.runtime("the column cache just written at \(cache.path) did not read back")
        }
        let (store, reports) = cached
        let rssGrowth = (ProcessMemory.bytes("VmRSS") ?? 0) - rssBefore
        let roundTrip = store == fromSnapshot && reports == built
        if !roundTrip { failures.append("column cache does not round-trip") }
        fromSnapshot = nil
        ProcessMemory.trim()
        log(
            "load \(BenchFormat.duration(load.median)), cache write \(BenchFormat.duration(write.seconds)), "
                + "cache read \(BenchFormat.duration(cacheRead.median))")

        // Reports. The SQL baseline gets SQLite's best read path: memory-mapped I/O and a
        // large page cache (set only now, so the load above ran as `fsreport report` does).
        try snapshot.database.execute("PRAGMA mmap_size = 8589934592; PRAGMA cache_size = -1048576;")
        let sql = BenchSQL(database: snapshot.database)
        let cases = benchCases(store, now: options.scale.now)
        let volumes = Volumes(store, ranges: Array(Set(cases.compactMap(\.range))))
        var measured: [(BenchCase, Timing, Timing, Bool)] = []
        for c in cases {
            log("\(c.label) \(c.rangeLabel)")
            let (columnar, result) = try Timing.measure(runs: options.runs) {
                try Reports.run(c.name, store: store, request: c.request)
            }
            let (sqlTiming, expected) = try Timing.measure(runs: options.sqlRuns, floor: 0) {
                try sql.run(c.name, request: c.request)
            }
            let matches = result == expected
            if !matches {
                failures.append("\(c.label) \(c.rangeLabel)")
                env.stderr.line("bench: MISMATCH: \(c.label) over \(c.rangeLabel): the columnar result differs from SQL")
                env.stderr.line("bench:   columnar: \(String(describing: result).prefix(600))")
                env.stderr.line("bench:   sql:      \(String(describing: expected).prefix(600))")
            }
            measured.append((c, columnar, sqlTiming, matches))
        }

        let bandwidthRead = MemoryBandwidth.measure().read
        let responseTimes = try ResponseTimesBench.run(
            store: store, reports: reports, build: reportBuild.median, sql: sql, now: options.scale.now,
            runs: options.runs, sqlRuns: options.sqlRuns, bandwidth: bandwidthRead, log: log)
        failures += responseTimes.failures
        let (backlog, backlogFailures) = try BacklogBench.measure(
            store: store, snapshot: snapshot, sql: sql, now: options.scale.now, runs: options.runs,
            sqlRuns: options.sqlRuns, log: log)
        failures += backlogFailures
        failures += try SLABench.run(
            store: store, reports: reports, snapshot: snapshot, sql: sql, now: options.scale.now, runs: options.runs,
            sqlRuns: options.sqlRuns, log: log)

        // Cold processes.
        let cold = try coldProcesses(options, store: store, log: log)
        let peak = ProcessMemory.bytes("VmHWM") ?? 0

        // Bandwidth last, so its buffers do not count in the peak above.
        let bandwidth = MemoryBandwidth.measure()
        log(String(format: "memory bandwidth: read %.1f GB/s, copy %.1f GB/s", bandwidth.read / 1e9, bandwidth.copy / 1e9))
        let results = measured.map { c, columnar, sql, matches in
            let bytes = volumes.bytes(c)
            return CaseResult(
                benchCase: c, columnar: columnar, sql: sql, bytes: bytes, bound: Double(bytes) / bandwidth.read, matches: matches)
        }

        let report = Figures(
            options: options, generator: generator, store: store, rows: rows, load: load, cacheWrite: write.seconds,
            cacheRead: cacheRead, cacheBytes: cacheBytes, roundTrip: roundTrip, rssGrowth: rssGrowth,
            peakAfterLoad: peakAfterLoad ?? 0, peak: peak, bandwidth: bandwidth, results: results, cold: cold)
        env.stdout.write(options.json ? report.json().serialized() : report.text() + responseTimes.table)
        if !options.json { env.stdout.write(backlog.text(bandwidth: bandwidth.read)) }
        for failure in failures { env.stderr.line("bench: FAILED: \(failure)") }
        return failures.isEmpty ? ExitCode.ok : ExitCode.failure
    }

    // MARK: The snapshot

    /// Generator figures: measured now, or recorded when the snapshot was generated.
    struct GeneratorFigures {
        var seconds: Double
        var tickets: Int
        var conversations: Int
        var fresh: Bool
        var bulkLoad: Bool
        /// Rows per second of the same generator building rows in memory only (no SQLite).
        var inMemory: Double?
        var conversationsPerSecond: Double { Double(conversations) / seconds }
    }

    /// The generator alone, in memory, on at most 100,000 tickets of the same shape: tells
    /// whether the snapshot writes or the row generation limit the rows per second.
    static func inMemoryGeneration(_ s: Scale, log: (String) -> Void) -> Double {
        var config = GeneratorConfig(
            seed: s.seed, tickets: min(s.tickets, 100_000), agents: s.agents, days: s.days, now: s.now)
        config.conversationsPerTicket = s.conversationsPerTicket
        let (seconds, dataset) = MonotonicClock.time { HelpdeskGenerator.generate(config) }
        let rate = Double(dataset.conversations.count) / seconds
        log("generator in memory: \(BenchFormat.rate(rate)) conversation rows/s")
        return rate
    }

    /// Reuses the snapshot at `options.path` when it was generated at this scale, else
    /// generates it (only over a file this benchmark created, never over someone's data).
    static func prepareSnapshot(_ options: Options, log: (String) -> Void) throws -> GeneratorFigures? {
        let fm = FileManager.default
        let path = options.path
        if fm.fileExists(atPath: path) {
            let existing = try CommandSupport.openSnapshot(path, mode: .readOnly)
            let scale = try existing.meta(scaleKey)
            guard let scale else {
                throw CLIError.usage(
                    "\(path) exists and was not generated by `fsreport-bench`; pass another --db or remove it")
            }
            if scale == options.scale.metaValue {
                log("reusing \(path) (\(scale))")
                let parts = (try existing.meta(generatorKey) ?? "").split(separator: " ")
                guard parts.count >= 3, let s = Double(parts[0]), let t = Int(parts[1]), let c = Int(parts[2]) else { return nil }
                return GeneratorFigures(
                    seconds: s, tickets: t, conversations: c, fresh: false, bulkLoad: parts.count > 3 && parts[3] == "bulk")
            }
            log("\(path) was generated at another scale; regenerating")
        }
        SnapshotFiles.remove(path, includingDatabase: true)
        try? fm.removeItem(atPath: path + ".columns")
        let s = options.scale
        var config = GeneratorConfig(seed: s.seed, tickets: s.tickets, agents: s.agents, days: s.days, now: s.now)
        config.conversationsPerTicket = s.conversationsPerTicket
        log("generating \(s.tickets) tickets × \(s.conversationsPerTicket) conversations into \(path)")
        let snapshot = try CommandSupport.openSnapshot(path, mode: .create)
        let generate = { try HelpdeskGenerator.write(config, to: snapshot) }
        let (seconds, counts) = try MonotonicClock.time { options.bulkLoad ? try snapshot.bulkLoad(generate) : try generate() }
        let figures = GeneratorFigures(
            seconds: seconds, tickets: counts.tickets, conversations: counts.conversations, fresh: true,
            bulkLoad: options.bulkLoad)
        try snapshot.write { _ in
            try snapshot.setMeta(scaleKey, s.metaValue)
            try snapshot.setMeta(
                generatorKey, "\(seconds) \(counts.tickets) \(counts.conversations) \(options.bulkLoad ? "bulk" : "plain")")
        }
        try snapshot.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log(
            "generated \(counts.conversations) conversations in \(BenchFormat.duration(seconds)) "
                + "(\(BenchFormat.rate(figures.conversationsPerSecond)) rows/s)")
        return figures
    }

    // MARK: Cases

    struct BenchCase: Sendable {
        var label: String
        var name: ReportName
        var request: ReportRequest
        /// The inclusive day range, nil for all-time reports.
        var range: ClosedRange<Int64>?
        var rangeLabel: String
        /// Filter columns a scan would read besides the report's own (agent, product, mailbox).
        var filters: Int
    }

    /// Every report over a 30-day window and over the whole history; personal reports for
    /// the agent with the most responses; two filtered variants.
    static func benchCases(_ store: ColumnarStore, now: Int64) -> [BenchCase] {
        let today = LocalTime.day(now)
        let first = store.ticketCreatedAt.first.map(LocalTime.day) ?? today
        let ranges: [(ClosedRange<Int64>, String)] = [(today - 29...today, "30 days"), (min(first, today)...today, "all")]
        let agent = store.agentIndexes.max {
            store.responseRange(person: Int($0)).count < store.responseRange(person: Int($1)).count
        }
        .map { store.personIDs[Int($0)] }
        let product = store.productIDs.first
        let mailbox = store.mailboxIDs.first
        var cases = [
            BenchCase(label: "overall", name: .overall, request: ReportRequest(now: now), range: nil, rangeLabel: "—", filters: 0)
        ]
        if let agent {
            cases.append(
                BenchCase(
                    label: "my-overall", name: .myOverall, request: ReportRequest(agentId: agent, now: now), range: nil,
                    rangeLabel: "—", filters: 0))
        }
        for (range, label) in ranges {
            func add(
                _ name: ReportName, _ suffix: String = "", agent: Int64? = nil, product: Int64? = nil, mailbox: Int64? = nil,
                type: DayTimeType? = nil
            ) {
                let request = ReportRequest(
                    from: range.lowerBound, to: range.upperBound, agentId: agent, productId: product, mailboxId: mailbox,
                    now: now,
                    dayTimeType: type)
                let filters = [agent, product, mailbox].compactMap { $0 }.count
                cases.append(
                    BenchCase(
                        label: name.rawValue + suffix, name: name, request: request, range: range, rangeLabel: label,
                        filters: filters))
            }
            add(.ticketsGrowth)
            if let product { add(.ticketsGrowth, " --product", product: product) }
            add(.resolveGrowth)
            add(.responseGrowth)
            if let mailbox { add(.responseGrowth, " --mailbox", mailbox: mailbox) }
            add(.agentsSummary)
            if let agent {
                add(.myResolveGrowth, agent: agent)
                add(.myResponseGrowth, agent: agent)
                add(.mySummary, agent: agent)
            }
            add(.stats)
            if let agent { add(.stats, " --agent", agent: agent) }
            add(.dayTimeStats, " ticket", type: .ticket)
            add(.dayTimeStats, " agent-response", type: .agentResponse)
            add(.dayTimeStats, " customer-response", type: .customerResponse)
            add(.productSummary)
            add(.mailboxSummary)
        }
        return cases
    }

    /// Row counts behind the bandwidth bound: how many rows a scan of each report's range
    /// must read, and how wide those rows are in this store's encoding.
    struct Volumes {
        var tickets: Int
        var conversations: Int
        var open: Int
        var created: [ClosedRange<Int64>: Int] = [:]
        var resolved: [ClosedRange<Int64>: Int] = [:]
        var written: [ClosedRange<Int64>: Int] = [:]

        init(_ store: ColumnarStore, ranges: [ClosedRange<Int64>]) {
            tickets = store.ticketCount
            conversations = store.conversationCount
            open = store.openRows.count
            for range in ranges {
                let start = range.lowerBound * LocalTime.secondsPerDay
                let end = (range.upperBound + 1) * LocalTime.secondsPerDay
                func count(_ sorted: Column<Int64>) -> Int {
                    let lo = lowerBound(sorted, start, in: 0..<sorted.count)
                    return lowerBound(sorted, end, in: lo..<sorted.count) - lo
                }
                created[range] = count(store.ticketCreatedAt)
                resolved[range] = count(store.closedResolvedAt)
                let (a, b) = (store.conversationKey(start), store.conversationKey(end))
                written[range] = store.conversationTime.withUnsafeBufferPointer { time in
                    var n = 0
                    for t in time { n &+= UInt64(t) >= a && UInt64(t) < b ? 1 : 0 }
                    return n
                }
            }
        }

        /// Bytes a scan over the report's rows reads (tickets: 8-byte timestamps, 4-byte
        /// codes, 1-byte status; conversations: 4-byte time, 1-byte type, 4-byte author,
        /// 4-byte ticket): the input of the bandwidth bound.
        func bytes(_ c: BenchCase) -> Int {
            let r = c.range
            switch c.name {
            case .overall: return tickets + conversations
            case .myOverall: return conversations * 9 + tickets * 5
            case .ticketsGrowth: return created[r!]! * (8 + 4 * c.filters)
            case .resolveGrowth, .myResolveGrowth: return resolved[r!]! * (8 + 4 * c.filters)
            case .responseGrowth, .myResponseGrowth:
                let ticketFilter = c.request.productId != nil || c.request.mailboxId != nil
                return written[r!]! * (9 + (ticketFilter ? 8 : 0))
            case .agentsSummary, .mySummary: return resolved[r!]! * 12 + open * 29 + written[r!]! * 13
            // Tickets created in range: status (1 byte) and each filter's code; conversations in
            // range: time and type (5 bytes), plus ticket and its code with a filter.
            case .stats:
                return created[r!]! * (1 + 4 * c.filters) + written[r!]! * (5 + (c.filters > 0 ? 8 : 0))
            case .dayTimeStats:
                return c.request.dayTimeType == .ticket ? created[r!]! * 8 : written[r!]! * 9
            // Closed: row and code; created: status and code; conversations: time, type, author,
            // ticket and the ticket's code.
            case .productSummary, .mailboxSummary: return resolved[r!]! * 8 + created[r!]! * 5 + written[r!]! * 17
            }
        }
    }

    struct CaseResult {
        var benchCase: BenchCase
        var columnar: Timing
        var sql: Timing
        var bytes: Int
        var bound: Double
        var matches: Bool

        var speedup: Double { sql.median / columnar.median }
        var overBound: Double { columnar.median / bound }
        var meetsTargets: Bool { speedup >= 50 && overBound <= 3 }
    }

    // MARK: Cold processes

    struct ColdFigures {
        var range: ClosedRange<Int64>
        var fsreport: Timing
        var fsreportWithoutCache: Timing
        var sqlite3: Timing?
        var sqlite3Rows: Int?
        var expectedRows: Int
    }

    /// One `fsreport report agents-summary` process per run (column cache warm, page cache
    /// warm), once without the cache, and the same query with the `sqlite3` command line.
    static func coldProcesses(_ options: Options, store: ColumnarStore, log: (String) -> Void) throws -> ColdFigures {
        let today = LocalTime.day(options.scale.now)
        let range = today - 29...today
        let executable = try fsreportExecutable()
        let arguments = [
            "report", "agents-summary", "--db", options.path, "--from", LocalTime.formatDate(day: range.lowerBound),
            "--to", LocalTime.formatDate(day: range.upperBound), "--now", LocalTime.format(options.scale.now), "--format", "json",
        ]
        log("cold process: \(executable) \(arguments.joined(separator: " "))")
        let (fsreport, _) = try Timing.measure(runs: options.runs, floor: 0) { try spawn(executable, arguments) }
        let (withoutCache, _) = try Timing.measure(runs: 1, floor: 0) {
            try spawn(executable, arguments, environment: ["FSREPORT_COLUMN_CACHE": "off"])
        }
        let expected = try Reports.run(
            .agentsSummary, store: store,
            request: ReportRequest(from: range.lowerBound, to: range.upperBound, now: options.scale.now))
        var expectedRows = 0
        if case .agents(let agents) = expected { expectedRows = agents.count }

        guard let sqlite3 = findExecutable("sqlite3") else {
            log("sqlite3 is not installed: no command-line comparison")
            return ColdFigures(range: range, fsreport: fsreport, fsreportWithoutCache: withoutCache, expectedRows: expectedRows)
        }
        let script = """
            .output /dev/null
            PRAGMA mmap_size = 8589934592;
            PRAGMA cache_size = -1048576;
            .output stdout
            .parameter set :start \(range.lowerBound * LocalTime.secondsPerDay)
            .parameter set :end \((range.upperBound + 1) * LocalTime.secondsPerDay)
            \(BenchSQL.agentsSummarySQL(agent: false, keepEmpty: false));

            """
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsreport-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptPath = directory.appendingPathComponent("agents-summary.sql").path
        let outputPath = directory.appendingPathComponent("out.txt").path
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        log("cold process: sqlite3 -batch -readonly \(options.path) < agents-summary.sql")
        let (timing, _) = try Timing.measure(runs: options.sqlRuns, floor: 0) {
            try spawn(sqlite3, ["-batch", "-readonly", options.path], stdin: scriptPath, stdout: outputPath)
        }
        let lines = (try? String(contentsOfFile: outputPath, encoding: .utf8))?.split(separator: "\n").count
        return ColdFigures(
            range: range, fsreport: fsreport, fsreportWithoutCache: withoutCache, sqlite3: timing, sqlite3Rows: lines,
            expectedRows: expectedRows)
    }

    /// Runs a process to completion with output discarded (or sent to `stdout`).
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        stdout: String? = nil
    ) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let stdout {
            _ = FileManager.default.createFile(atPath: stdout, contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: stdout)
        } else {
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        }
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        process.standardInput = stdin.flatMap { FileHandle(forReadingAtPath: $0) } ?? FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIError.runtime("\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
    }

    /// The `fsreport` built next to this benchmark (`swift build` puts both in one folder),
    /// else the one on PATH.
    static func fsreportExecutable() throws -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let sibling = URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("fsreport").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        if let onPath = findExecutable("fsreport") { return onPath }
        throw CLIError.runtime(
            "no fsreport executable next to \(own) or on PATH; build it first with `swift build -c release`")
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
