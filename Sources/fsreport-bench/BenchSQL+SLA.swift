import FSCLI
import FSColumnar
import FSRender
import FSReports
import FSSnapshot

/// The SQL baseline of `report sla` on the calendar clock: the reply-clock walk in window
/// functions, targets as CASE expressions over `priority`, the open tickets past a target
/// at `:now`. Equal results to the columnar report are required (a cross-check).
extension BenchSQL {
    /// Every reply-clock sample: `ticket_id, at, frt (1 for the first), duration`.
    static let replySamplesSQL = """
        WITH r AS (
            SELECT c.ticket_id, c.created_at AS at, c.id, coalesce(p.person_type = 'agent', 0) AS agent,
                t.created_at AS created
            FROM conversations c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN persons p ON p.id = c.person_id
            WHERE c.conversation_type = 'response' AND c.created_at >= t.created_at),
        o AS (
            SELECT ticket_id, at, id, agent, created, row_number() OVER w AS k, lag(agent) OVER w AS prev_agent
            FROM r WINDOW w AS (PARTITION BY ticket_id ORDER BY at, id)),
        q AS (
            SELECT *, max(CASE WHEN agent THEN k END) OVER (
                PARTITION BY ticket_id ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_k
            FROM o)
        SELECT q.ticket_id, q.at, q.prev_k IS NULL AS frt,
            q.at - CASE WHEN q.prev_k IS NULL THEN q.created ELSE st.at END AS duration
        FROM q LEFT JOIN o st ON st.ticket_id = q.ticket_id AND st.k = q.prev_k + 1
        WHERE q.agent AND coalesce(q.prev_agent, 0) = 0
        """

    /// Open tickets whose reply clock runs: `ticket_id, since` (the first customer message
    /// after the last agent reply, once the ticket has one).
    static let pendingSQL = """
        WITH r AS (
            SELECT c.ticket_id, c.created_at AS at, c.id, coalesce(p.person_type = 'agent', 0) AS agent
            FROM conversations c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN persons p ON p.id = c.person_id
            WHERE c.conversation_type = 'response' AND c.created_at >= t.created_at AND t.status != 'closed'),
        o AS (SELECT *, row_number() OVER (PARTITION BY ticket_id ORDER BY at, id) AS k FROM r),
        last AS (SELECT ticket_id, max(k) AS k FROM o WHERE agent GROUP BY ticket_id)
        SELECT o.ticket_id, min(o.at) AS since FROM o JOIN last ON last.ticket_id = o.ticket_id AND o.k > last.k
        GROUP BY o.ticket_id
        """

    /// `CASE priority WHEN ... END` of one kind's targets (NULL for priorities without one).
    static func targetSQL(_ t: SLATargets.Target, column: String) -> String {
        let whens = t.byPriority.sorted { $0.key < $1.key }.map { "WHEN '\($0.key)' THEN \($0.value)" }
        let fallback = t.defaultSeconds.map(String.init) ?? "NULL"
        return whens.isEmpty ? "(\(fallback))" : "CASE \(column) \(whens.joined(separator: " ")) ELSE \(fallback) END"
    }

    /// The SLA summary of a day range by SQL (calendar clock).
    func sla(_ targets: SLATargets, from: Int64, to: Int64, now: Int64) throws -> [SLATargets.Kind: SLA.Counts] {
        let start = from * LocalTime.secondsPerDay
        let end = (to + 1) * LocalTime.secondsPerDay
        var result: [SLATargets.Kind: SLA.Counts] = [:]
        for kind in targets.kinds { result[kind] = SLA.Counts() }
        func add(_ kind: SLATargets.Kind, _ sql: String, _ apply: (inout SLA.Counts, Int64, Int) -> Void) throws {
            let s = try database.prepare(sql)
            try s.bind(.integer(start), named: ":start")
            try s.bind(.integer(end), named: ":end")
            try s.bind(.integer(now), named: ":now")
            while try s.step() { apply(&result[kind]!, s.int64(0), Int(s.int64(1))) }
        }
        func met(_ c: inout SLA.Counts, _ ok: Int64, _ n: Int) {
            if ok == 1 { c.met += n } else { c.breached += n }
        }
        if let t = targets.targets[.firstResponse] {
            let target = Self.targetSQL(t, column: "t.priority")
            try add(
                .firstResponse,
                """
                SELECT s.duration <= \(target), count(*) FROM (\(Self.replySamplesSQL)) s JOIN tickets t ON t.id = s.ticket_id
                WHERE s.frt AND s.at >= :start AND s.at < :end AND \(target) IS NOT NULL GROUP BY 1
                """, met)
            try add(
                .firstResponse,
                """
                SELECT 0, count(*) FROM tickets t WHERE t.status != 'closed' AND \(target) IS NOT NULL
                AND :now - t.created_at > \(target) AND NOT EXISTS (
                    SELECT 1 FROM conversations c JOIN persons p ON p.id = c.person_id
                    WHERE c.ticket_id = t.id AND c.conversation_type = 'response' AND p.person_type = 'agent'
                    AND c.created_at >= t.created_at)
                """
            ) { c, _, n in c.breachedOpen += n }
        }
        if let t = targets.targets[.nextResponse] {
            let target = Self.targetSQL(t, column: "t.priority")
            try add(
                .nextResponse,
                """
                SELECT s.duration <= \(target), count(*) FROM (\(Self.replySamplesSQL)) s JOIN tickets t ON t.id = s.ticket_id
                WHERE NOT s.frt AND s.at >= :start AND s.at < :end AND \(target) IS NOT NULL GROUP BY 1
                """, met)
            try add(
                .nextResponse,
                """
                SELECT 0, count(*) FROM (\(Self.pendingSQL)) w JOIN tickets t ON t.id = w.ticket_id
                WHERE \(target) IS NOT NULL AND :now - w.since > \(target)
                """
            ) { c, _, n in c.breachedOpen += n }
        }
        if let t = targets.targets[.resolution] {
            let target = Self.targetSQL(t, column: "priority")
            try add(
                .resolution,
                """
                SELECT resolved_at - created_at <= \(target), count(*) FROM tickets
                WHERE status = 'closed' AND resolved_at >= :start AND resolved_at < :end AND \(target) IS NOT NULL GROUP BY 1
                """, met)
            try add(
                .resolution,
                """
                SELECT 0, count(*) FROM tickets WHERE status != 'closed' AND \(target) IS NOT NULL
                AND :now - created_at > \(target)
                """
            ) { c, _, n in c.breachedOpen += n }
        }
        return result
    }
}

/// `fsreport-bench`'s SLA figures: the report (30 days, all time) against its SQL and the
/// bandwidth bound of the bytes it reads, and business time over every sample of all time.
enum SLABench {
    static let targets = SLATargets(
        clock: .calendar,
        targets: [
            .firstResponse: .init(byPriority: ["critical": 3600, "medium": 4 * 3600], defaultSeconds: 8 * 3600),
            .nextResponse: .init(defaultSeconds: 8 * 3600),
            .resolution: .init(byPriority: ["critical": 24 * 3600], defaultSeconds: 120 * 3600),
        ])

    /// Mon–Fri 09:00–12:00 and 13:00–17:00, a holiday, in New York (the generator's site clock is read as given).
    static func schedule() -> BusinessSchedule {
        let day = [BusinessSchedule.Window(start: 540, end: 720), BusinessSchedule.Window(start: 780, end: 1020)]
        return try! BusinessSchedule(
            windows: (0..<7).map { $0 < 5 ? day : [] }, holidays: [LocalTime.parseDate("2026-11-26")!],
            timeZone: "America/New_York")
    }

    /// `fsreport-bench sla`: the SLA table and business time on a snapshot already
    /// generated (by the `reports` section), its columns from the cache.
    static func section(_ args: ParsedArguments, _ env: Environment) throws -> Int32 {
        let e = try ExistingSnapshot(args, env)
        let (runs, sqlRuns, now, snapshot, store, reports) = (e.runs, e.sqlRuns, e.now, e.snapshot, e.store, e.reports)
        let failures = try run(
            store: store, reports: reports, snapshot: snapshot, sql: BenchSQL(database: snapshot.database), now: now,
            runs: Int(runs), sqlRuns: Int(sqlRuns)
        ) { env.stderr.line("bench: " + $0) }
        for failure in failures { env.stderr.line("bench: FAILED: \(failure)") }
        return failures.isEmpty ? ExitCode.ok : ExitCode.failure
    }

    static func run(
        store: ColumnarStore, reports: ReportColumns, snapshot: Snapshot, sql: BenchSQL, now: Int64, runs: Int,
        sqlRuns: Int, log: (String) -> Void
    ) throws -> [String] {
        var failures: [String] = []
        let columns = reports.responses
        let extras = reports.tickets
        let history = reports.history
        let bandwidth = MemoryBandwidth.measure(runs: 3)
        let today = LocalTime.day(now)
        let first = LocalTime.day(store.ticketCreatedAt.first ?? now)
        var rows: [[String]] = []
        for (label, from) in [("30 days", today - 29), ("all time", first)] {
            let request = ResponseTimes.Request(from: from, to: today, now: now)
            let (timing, result) = try Timing.measure(runs: runs) {
                try SLA.run(
                    store: store, reports: reports, targets: targets, business: nil, request: request, listBreaches: false)
            }
            let (sqlTiming, expected) = try Timing.measure(runs: sqlRuns, floor: 0) {
                try sql.sla(targets, from: from, to: today, now: now)
            }
            let matches = result.summary == expected
            if !matches {
                failures.append("sla \(label)")
                log("MISMATCH: sla \(label): columnar \(result.summary), sql \(expected)")
            }
            // Bytes the calendar kernel reads (column widths): per FRT its duration (4) and
            // priority code (1, `SLAColumns`); per reply sample its duration (4), plus its
            // ticket (4) and that ticket's priority (2) unless one target holds for every
            // priority (these targets: 8 h); per full resolution its duration and priority
            // code (4 + 1, `SLAColumns`); per open ticket its row (4), agent-reply count (2),
            // created_at (8), priority (2); per running clock its row (4), start (4), status
            // (1), priority (2). The bound is one thread's bandwidth; the kernel splits slices
            // of more than `SLA.parallelSamples` samples over two threads, so it can beat it.
            // Before `SLAColumns` the kernel read each FRT's row (4) and gathered its
            // priority (2), and each resolution's row (4), resolved_at (8) and the ticket's
            // created_at (8) and priority (2): 10 and 22 bytes.
            let seconds = (from * LocalTime.secondsPerDay)..<((today + 1) * LocalTime.secondsPerDay)
            let frt = columns.frtRange(seconds).count
            let replies = columns.sampleRange(seconds).count
            let closed = result.summary[.resolution].map { $0.met + $0.breached } ?? 0
            let replyBytes = targets.targets[.nextResponse]?.byPriority.isEmpty == true ? 4 : 10
            let bytes =
                frt * 5 + replies * replyBytes + closed * 5 + store.openRows.count * 16 + columns.pendingRows.count * 11
            let bound = Double(bytes) / bandwidth.read
            rows.append([
                "sla \(label)", BenchFormat.duration(timing.median), BenchFormat.duration(sqlTiming.median),
                BenchFormat.ratio(sqlTiming.median / timing.median), BenchFormat.duration(bound),
                BenchFormat.ratio(timing.median / bound), matches ? "equal" : "MISMATCH",
            ])
        }
        log(
            "SLA (calendar clock; \(BenchFormat.grouped(store.ticketCount)) tickets):\n"
                + BenchFormat.table(["report", "columnar", "SQL", "SQL / columnar", "bound", "columnar / bound", "vs SQL"], rows))

        // Business time of every duration sample of all time: FRT, reply, full and first resolution.
        let site = ZoneOffsets(try snapshot.siteClock().timeZone)
        let (build, business) = try MonotonicClock.time {
            try BusinessTime(BusinessHours(schedule: schedule()), store: store, site: site, now: now)
        }
        var rowsOf: [Int32] = []
        var starts: [Int64] = []
        var ends: [Int64] = []
        for i in 0..<columns.frtRows.count {
            let row = Int(columns.frtRows[i])
            rowsOf.append(Int32(row))
            starts.append(store.ticketCreatedAt[row])
            ends.append(columns.firstReplyAt[row])
        }
        for i in 0..<columns.sampleEnd.count {
            rowsOf.append(columns.sampleTicket[i])
            ends.append(columns.sampleEndAt(i))
            starts.append(columns.sampleEndAt(i) - Int64(columns.sampleDuration[i]))
        }
        for i in 0..<store.closedRows.count {
            let row = Int(store.closedRows[i])
            rowsOf.append(Int32(row))
            starts.append(store.ticketCreatedAt[row])
            ends.append(store.closedResolvedAt[i])
        }
        for row in 0..<store.ticketCount where history.firstClose[row] != ColumnarStore.null {
            rowsOf.append(Int32(row))
            starts.append(store.ticketCreatedAt[row])
            ends.append(history.firstClose[row])
        }
        let (timing, total) = Timing.measure(runs: runs) {
            business.seconds(store, rows: rowsOf, from: starts, to: ends).reduce(0, &+)
        }
        let perSample = timing.median / Double(max(starts.count, 1))
        log(
            "business time: \(BenchFormat.grouped(starts.count)) samples (all time) in \(BenchFormat.duration(timing.median)) "
                + String(
                    format: "(%.1f ns each; target < 50 ms), tables built in %@; %.1f%% of calendar time", perSample * 1e9,
                    BenchFormat.duration(build),
                    100 * Double(total) / Double(max(1, zip(starts, ends).reduce(0) { $0 + $1.1 - $1.0 }))))
        // The split of that call: the batch into a buffer allocated (and touched) beforehand,
        // and the sum the timed call adds; the rest is the output array's allocation.
        var ready = [Int64](repeating: -1, count: starts.count)
        let (kernel, _) = Timing.measure(runs: runs) {
            rowsOf.withUnsafeBufferPointer { r in
                starts.withUnsafeBufferPointer { a in
                    ends.withUnsafeBufferPointer { b in
                        ready.withUnsafeMutableBufferPointer { business.seconds(store, rows: r, from: a, to: b, into: $0) }
                    }
                }
            }
        }
        let (sum, _) = Timing.measure(runs: runs) { ready.reduce(0, &+) }
        // The scalar form, one sample at a time, must give the same figures.
        let scalar = (0..<starts.count).map { business.seconds(store, row: Int(rowsOf[$0]), from: starts[$0], to: ends[$0]) }
        if scalar != ready {
            failures.append("business time batch")
            log("MISMATCH: business time: the batch form differs from the scalar form")
        }
        // Per-mailbox schedules: every other mailbox on a longer week (Monday to Saturday 08:00-20:00).
        let other = try BusinessSchedule(
            windows: (0..<7).map { $0 < 6 ? [BusinessSchedule.Window(start: 480, end: 1200)] : [] },
            timeZone: "America/New_York")
        let perMailbox = try BusinessTime(
            BusinessHours(
                schedule: schedule(),
                mailboxes: Dictionary(
                    uniqueKeysWithValues: store.mailboxIDs.enumerated().filter { $0.offset % 2 == 1 }.map { ($0.element, other) })
            ),
            store: store, site: site, now: now)
        let (mailboxTiming, mailboxResult) = Timing.measure(runs: runs) {
            perMailbox.seconds(store, rows: rowsOf, from: starts, to: ends)
        }
        let mailboxScalar = (0..<starts.count).map {
            perMailbox.seconds(store, row: Int(rowsOf[$0]), from: starts[$0], to: ends[$0])
        }
        if mailboxScalar != mailboxResult {
            failures.append("business time per mailbox")
            log("MISMATCH: business time per mailbox: the batch form differs from the scalar form")
        }
        log(
            "  of which: the batch into a ready buffer \(BenchFormat.duration(kernel.median)), the sum "
                + "\(BenchFormat.duration(sum.median)), the output array's allocation the rest; per-mailbox schedules "
                + "(\(BenchFormat.grouped(perMailbox.hours.mailboxes.count)) of \(BenchFormat.grouped(store.mailboxIDs.count)) "
                + "mailboxes on a longer week) \(BenchFormat.duration(mailboxTiming.median)); "
                + (scalar == ready && mailboxScalar == mailboxResult ? "equal to the scalar form" : "MISMATCH"))
        return failures
    }
}
