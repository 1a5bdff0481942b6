import FSCLI
import FSColumnar
import FSRender
import FSReports
import FSSnapshot

/// The SQL baseline of response-times: first response samples of a range with the clock
/// walk in window functions, as a careful analyst would write it over the snapshot.
extension BenchSQL {
    static let firstResponseSQL = """
        WITH r AS (
            SELECT c.ticket_id, c.created_at AS at, c.id, coalesce(p.person_type = 'agent', 0) AS agent,
                t.created_at AS created
            FROM conversations c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN persons p ON p.id = c.person_id
            WHERE c.conversation_type = 'response' AND c.created_at >= t.created_at),
        o AS (SELECT *, row_number() OVER (PARTITION BY ticket_id ORDER BY at, id) AS k FROM r WHERE agent)
        SELECT at - created AS d FROM o WHERE k = 1 AND at >= :start AND at < :end ORDER BY d
        """

    /// `n` and the median of first response over a day range, by SQL.
    func firstResponse(from: Int64, to: Int64) throws -> (n: Int, median: Int64?) {
        let s = try database.prepare(Self.firstResponseSQL)
        try s.bind(.integer(from * LocalTime.secondsPerDay), named: ":start")
        try s.bind(.integer((to + 1) * LocalTime.secondsPerDay), named: ":end")
        var values: [Int64] = []
        while try s.step() { values.append(s.int64(0)) }
        return (values.count, DurationStats(sorted: values).median)
    }
}

extension BenchSQL {
    /// `n` and the median of full resolution over a day range, by SQL: the closed tickets
    /// resolved in range, `resolved_at − created_at`.
    func fullResolution(from: Int64, to: Int64) throws -> (n: Int, median: Int64?) {
        let s = try database.prepare(
            """
            SELECT resolved_at - created_at AS d FROM tickets
            WHERE status = 'closed' AND resolved_at >= :start AND resolved_at < :end ORDER BY d
            """)
        try s.bind(.integer(from * LocalTime.secondsPerDay), named: ":start")
        try s.bind(.integer((to + 1) * LocalTime.secondsPerDay), named: ":end")
        var values: [Int64] = []
        while try s.step() { values.append(s.int64(0)) }
        return (values.count, DurationStats(sorted: values).median)
    }
}

/// `fsreport bench`'s response- and resolution-time figures: the report columns' size and
/// build time, and each whole report (30 days, all time) against its SQL baseline
/// (cross-checked: `n` and median must be equal) and the bandwidth bound of the bytes
/// the report's slices hold.
enum ResponseTimesBench {
    /// `fsreport-bench response-times`: the table of ``run(store:reports:build:sql:now:runs:sqlRuns:bandwidth:log:)``
    /// on a snapshot already generated (by the `reports` section), its columns from the cache.
    static func section(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let e = try ExistingSnapshot(args, env)
        let (runs, sqlRuns, now, snapshot, store, reports) = (e.runs, e.sqlRuns, e.now, e.snapshot, e.store, e.reports)
        let log: (String) -> Void = { env.stderr.line("bench: " + $0) }
        let outcome = try run(
            store: store, reports: reports, build: .nan, sql: BenchSQL(database: snapshot.database), now: now,
            runs: Int(runs), sqlRuns: Int(sqlRuns), bandwidth: MemoryBandwidth.measure().read, log: log)
        env.stdout.write(outcome.table)
        for failure in outcome.failures { env.stderr.line("bench: FAILED: \(failure)") }
        return outcome.failures.isEmpty ? ExitCode.ok : ExitCode.failure
    }

    struct Outcome {
        var failures: [String]
        var table: String
    }

    static func run(
        store: ColumnarStore, reports: ReportColumns, build: Double, sql: BenchSQL, now: Int64, runs: Int, sqlRuns: Int,
        bandwidth: Double, log: (String) -> Void
    ) throws -> Outcome {
        var failures: [String] = []
        let conversations = Double(max(store.conversationCount, 1))
        let added = Double(reports.byteCount)
        let memory = String(
            format: "report columns: built in %@, %.2f bytes per conversation added, %.2f in total (target ≤ 32)",
            BenchFormat.duration(build), added / conversations, (Double(store.byteCount) + added) / conversations)
        log(memory)
        let columns = reports.responses
        let today = LocalTime.day(now)
        var rows: [[String]] = []
        for (label, from) in [("30 days", today - 29), ("all time", LocalTime.day(store.ticketCreatedAt.first ?? now))] {
            let request = ResponseTimes.Request(from: from, to: today, now: now)
            let seconds = (from * LocalTime.secondsPerDay)..<((today + 1) * LocalTime.secondsPerDay)
            do {
                log("response-times \(label)")
                let (timing, result) = try Timing.measure(runs: runs) {
                    try ResponseTimes.run(store: store, reports: reports, request: request)
                }
                let (sqlTiming, expected) = try Timing.measure(runs: sqlRuns, floor: 0) {
                    try sql.firstResponse(from: from, to: today)
                }
                let frtSlice = columns.frtRange(seconds)
                let replySlice = columns.sampleRange(seconds)
                let sketches = reports.sketches
                let (frtStats, _) = Timing.measure(runs: runs) {
                    columns.frtDuration.withUnsafeBufferPointer {
                        DurationStats(column: $0, range: frtSlice, sketch: sketches.firstResponse)
                    }
                }
                let (replyStats, _) = Timing.measure(runs: runs) {
                    columns.sampleDuration.withUnsafeBufferPointer {
                        DurationStats(column: $0, range: replySlice, sketch: sketches.reply)
                    }
                }
                log(
                    "  of which FRT block \(BenchFormat.duration(frtStats.median)) (n \(frtSlice.count)), "
                        + "reply block \(BenchFormat.duration(replyStats.median)) (n \(replySlice.count)), one core each"
                )
                let s = result.summary.firstResponse
                let matches = s.n == expected.n && s.median == expected.median
                if !matches { failures.append("response-times \(label)") }
                // The slices read: FRT and reply durations (the count of unanswered tickets
                // still open is kept at load, their rows are not read).
                let bytes = 4 * (columns.frtRange(seconds).count + columns.sampleRange(seconds).count)
                rows.append(
                    row("response-times", label, timing, sqlTiming, bytes, bandwidth, matches, allTime: from != today - 29))
            }
            do {
                log("resolution-times \(label)")
                let (timing, result) = try Timing.measure(runs: runs) {
                    try ResolutionTimes.run(store: store, reports: reports, request: request)
                }
                let (sqlTiming, expected) = try Timing.measure(runs: sqlRuns, floor: 0) {
                    try sql.fullResolution(from: from, to: today)
                }
                let s = result.summary.full
                let matches = s.n == expected.n && s.median == expected.median
                if !matches { failures.append("resolution-times \(label)") }
                // What the report reads: the cohort's resolution times and the range's first
                // resolutions (4 bytes each; the cohort's counts come from the block tallies).
                let cohort = store.closedResolvedAt.withUnsafeBufferPointer { r in
                    lowerBound(r, seconds.upperBound, in: 0..<r.count) - lowerBound(r, seconds.lowerBound, in: 0..<r.count)
                }
                let bytes = 4 * cohort + 4 * result.summary.first.n
                rows.append(
                    row("resolution-times", label, timing, sqlTiming, bytes, bandwidth, matches, allTime: false))
            }
        }
        let table =
            "\nResponse and resolution times (median of \(runs) runs, SQL: \(sqlRuns); whole report vs its SQL baseline)\n"
            + BenchFormat.table(
                ["report", "range", "columnar", "SQL", "SQL/columnar", "bytes", "bound", "columnar/bound", "result"], rows)
            + "  \(memory)\n  targets: ≥ 100× SQL, ≤ 3× bound, response-times all time < 20 ms\n"
        return Outcome(failures: failures, table: table)
    }

    static func row(
        _ report: String, _ label: String, _ timing: Timing, _ sql: Timing, _ bytes: Int, _ bandwidth: Double,
        _ matches: Bool, allTime: Bool
    ) -> [String] {
        let bound = Double(bytes) / bandwidth
        let speedup = sql.median / timing.median
        let over = timing.median / bound
        let meets = speedup >= 100 && over <= 3 && (!allTime || timing.median < 0.020)
        return [
            report, label, BenchFormat.duration(timing.median), BenchFormat.duration(sql.median), BenchFormat.ratio(speedup),
            BenchFormat.bytes(Double(bytes)), BenchFormat.duration(bound), BenchFormat.ratio(over),
            matches ? (meets ? "ok" : "ok, target missed") : "MISMATCH",
        ]
    }
}
