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

/// `fsreport bench`'s response-times figures: the derived columns' size and build time,
/// and the whole report (30 days, all time) against its SQL baseline, cross-checked.
enum ResponseTimesBench {
    static func run(
        store: ColumnarStore, snapshot: Snapshot, sql: BenchSQL, now: Int64, runs: Int, log: (String) -> Void
    ) throws -> [String] {
        var failures: [String] = []
        let (build, columns) = Timing.measure(runs: min(runs, 3), floor: 0) { ResponseColumns(store) }
        let history = try CloseHistory.load(snapshot, store: store)
        let extras = try ResponseTimes.TicketExtras.read(snapshot, store: store)
        let conversations = Double(max(store.conversationCount, 1))
        let added = Double(
            columns.byteCount + history.byteCount + extras.byteCount)
        log(
            String(
                format: "response-time columns: built in %@, %.1f bytes per conversation added, %.1f in total (target ≤ 32)",
                BenchFormat.duration(build.median), added / conversations, (Double(store.byteCount) + added) / conversations))
        let today = LocalTime.day(now)
        for (label, from) in [("30 days", today - 29), ("all time", LocalTime.day(store.ticketCreatedAt.first ?? now))] {
            let request = ResponseTimes.Request(from: from, to: today, now: now)
            let (timing, result) = try Timing.measure(runs: runs) {
                try ResponseTimes.run(store: store, columns: columns, extras: extras, request: request)
            }
            let (sqlTiming, expected) = try Timing.measure(runs: min(runs, 2), floor: 0) {
                try sql.firstResponse(from: from, to: today)
            }
            let s = result.summary.firstResponse
            let matches = s.n == expected.n && s.median == expected.median
            if !matches { failures.append("response-times \(label)") }
            log(
                "response-times \(label): \(BenchFormat.duration(timing.median)) (whole report), SQL first response "
                    + "\(BenchFormat.duration(sqlTiming.median)), \(matches ? "equal" : "MISMATCH") (n \(s.n))")
        }
        return failures
    }
}
