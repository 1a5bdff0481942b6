import FSColumnar
import FSRender
import FSReports
import FSSnapshot

/// The SQL baseline of backlog: the interval boundaries from the system notes (the
/// generator writes one for every close and reopen; a closed ticket without any closes at
/// `resolved_at`), clamped to `created_at`, counted per day by SQLite with the open count
/// as a running sum; aging by two grouped queries. Swift only fills the days without rows.
extension BenchSQL {
    static func backlogSQL(product: Bool) -> String {
        let filter = product ? " AND t.product_id = :product" : ""
        return """
            WITH ev AS (
                SELECT max(c.created_at, t.created_at) AS at, c.system_kind = 'reopen' AS reopen
                FROM conversations c JOIN tickets t ON t.id = c.ticket_id
                WHERE c.conversation_type = 'internal_info' AND c.system_kind IN ('close', 'reopen')\(filter)
                UNION ALL
                SELECT max(coalesce(t.resolved_at, t.created_at), t.created_at), 0 FROM tickets t
                WHERE t.status = 'closed'\(filter) AND NOT EXISTS (SELECT 1 FROM conversations c
                    WHERE c.ticket_id = t.id AND c.conversation_type = 'internal_info' AND c.system_kind IN ('close', 'reopen'))
            ),
            d AS (
                SELECT t.created_at / 86400 AS day, 1 AS c, 0 AS x, 0 AS r FROM tickets t WHERE t.created_at < :end\(filter)
                UNION ALL
                SELECT at / 86400, 0, 1 - reopen, reopen FROM ev WHERE at < :end
            ),
            g AS (SELECT day, sum(c) AS c, sum(x) AS x, sum(r) AS r FROM d GROUP BY day)
            SELECT day, c, x, r, sum(c - x + r) OVER (ORDER BY day) FROM g ORDER BY day
            """
    }

    static func agingSQL(age: String, waiting: Bool, product: Bool) -> String {
        """
        SELECT CASE WHEN a < 86400 THEN 0 WHEN a < 259200 THEN 1 WHEN a < 604800 THEN 2 WHEN a < 2592000 THEN 3
            ELSE 4 END AS b, count(*)
        FROM (SELECT :now - \(age) AS a FROM tickets t WHERE t.status != 'closed'\(product ? " AND t.product_id = :product" : "")
            \(waiting ? "AND t.waiting_since IS NOT NULL AND (t.last_agent_response IS NULL OR t.last_agent_response < t.last_customer_response OR t.status = 'new')" : ""))
        GROUP BY b
        """
    }

    func backlog(_ request: Backlog.Request) throws -> Backlog.Result {
        let range = request.range!
        let s = try database.prepare(Self.backlogSQL(product: request.productId != nil))
        try s.bind(.integer((range.upperBound + 1) * LocalTime.secondsPerDay), named: ":end")
        if let p = request.productId { try s.bind(.integer(p), named: ":product") }
        // Rows per day with the running open count; days without a row carry the previous count.
        var rows: [Int64: (c: Int, x: Int, r: Int, open: Int)] = [:]
        var open = 0
        while try s.step() {
            let day = s.int64(0)
            let row = (Int(s.int64(1)), Int(s.int64(2)), Int(s.int64(3)), Int(s.int64(4)))
            if day < range.lowerBound { open = row.3 } else { rows[day] = row }
        }
        var days: [Backlog.Day] = []
        for day in range {
            if let row = rows[day] { open = row.open }
            days.append(
                Backlog.Day(
                    day: day, open: open, created: rows[day]?.c ?? 0, closed: rows[day]?.x ?? 0, reopened: rows[day]?.r ?? 0))
        }
        func aging(_ age: String, waiting: Bool) throws -> [Int] {
            let a = try database.prepare(Self.agingSQL(age: age, waiting: waiting, product: request.productId != nil))
            try a.bind(.integer(request.now), named: ":now")
            if let p = request.productId { try a.bind(.integer(p), named: ":product") }
            var counts = [0, 0, 0, 0, 0]
            while try a.step() { counts[Int(a.int64(0))] = Int(a.int64(1)) }
            return counts
        }
        return Backlog.Result(
            from: range.lowerBound, to: range.upperBound, days: days,
            agingOpen: try aging("t.created_at", waiting: false), agingWaiting: try aging("t.waiting_since", waiting: true))
    }
}

/// `fsreport bench`'s backlog figures: the report over 30 days and all time, without and
/// with a product filter, against its SQL baseline (cross-checked equal) and the
/// bandwidth bound.
enum BacklogBench {
    struct Row {
        var label: String
        var range: String
        var columnar: Timing
        var sql: Timing
        var bytes: Int
        var matches: Bool
    }

    struct Figures {
        var historyLoad: Timing
        var historyBytes: Int
        var conversations: Int
        var rows: [Row]

        /// Targets: ≥ 100× SQL and ≤ 3× the bound (issue 13).
        func text(bandwidth: Double) -> String {
            var out = "\nBacklog: median of runs; bound = bytes a scan reads ÷ the measured read bandwidth\n"
            out += BenchFormat.table(
                ["report", "range", "columnar", "SQL", "SQL/columnar", "bytes", "bound", "columnar/bound", "result"],
                rows.map { r in
                    let bound = Double(r.bytes) / bandwidth
                    let speedup = r.sql.median / r.columnar.median
                    let over = r.columnar.median / bound
                    return [
                        r.label, r.range, BenchFormat.duration(r.columnar.median), BenchFormat.duration(r.sql.median),
                        BenchFormat.ratio(speedup), BenchFormat.bytes(Double(r.bytes)), BenchFormat.duration(bound),
                        BenchFormat.ratio(over),
                        r.matches ? (speedup >= 100 && over <= 3 ? "ok" : "ok, target missed") : "MISMATCH",
                    ]
                })
            out += String(
                format: "  close history (with the open intervals): loaded in %@, %@, %.2f bytes per conversation\n",
                BenchFormat.duration(historyLoad.median), BenchFormat.bytes(Double(historyBytes)),
                Double(historyBytes) / Double(max(conversations, 1)))
            return out
        }
    }

    static func measure(
        store: ColumnarStore, snapshot: Snapshot, sql: BenchSQL, now: Int64, runs: Int, sqlRuns: Int, log: (String) -> Void
    ) throws -> (Figures, [String]) {
        var failures: [String] = []
        let (load, history) = try Timing.measure(runs: min(runs, 3), floor: 0) {
            try CloseHistory.load(snapshot, store: store)
        }
        let today = LocalTime.day(now)
        let first = LocalTime.day(store.ticketCreatedAt.first ?? now)
        var rows: [Row] = []
        for (label, from) in [("30 days", today - 29), ("all", min(first, today))] {
            for product in [nil] + store.productIDs.prefix(1).map(Optional.some) as [Int64?] {
                let name = "backlog" + (product == nil ? "" : " --product")
                log("\(name) \(label)")
                let request = Backlog.Request(from: from, to: today, productId: product, now: now)
                let (timing, result) = try Timing.measure(runs: runs) {
                    try Backlog.run(store: store, history: history, request: request)
                }
                let (sqlTiming, expected) = try Timing.measure(runs: sqlRuns, floor: 0) { try sql.backlog(request) }
                let matches = result == expected
                if !matches {
                    failures.append("\(name) \(label)")
                    log("MISMATCH: \(name) over \(label): the columnar result differs from SQL")
                    log("  columnar: \(String(describing: result).prefix(600))")
                    log("  sql:      \(String(describing: expected).prefix(600))")
                }
                rows.append(
                    Row(
                        label: name, range: label, columnar: timing, sql: sqlTiming,
                        bytes: bytes(store, history, from: from, to: today, filtered: product != nil), matches: matches))
            }
        }
        return (
            Figures(historyLoad: load, historyBytes: history.byteCount, conversations: store.conversationCount, rows: rows),
            failures
        )
    }

    /// Bytes a scan reads: per ticket created in range its 8-byte time; per close of the
    /// range its time (8 bytes from the store's resolved_at list, 4 from the history's
    /// extra and stale lists) and per reopen 4; per open ticket now the aging columns (row
    /// 4, created_at, waiting_since, last agent and customer response 8 each, status 1). A
    /// filter adds its 4-byte code per ticket created, 8 bytes (row and code) per event,
    /// and the same 8 per entry on the cheaper side of the open count before the range.
    static func bytes(_ store: ColumnarStore, _ history: CloseHistory, from: Int64, to: Int64, filtered: Bool) -> Int {
        let start = from * LocalTime.secondsPerDay
        let end = (to + 1) * LocalTime.secondsPerDay
        func count(_ sorted: Column<Int64>) -> (before: Int, inRange: Int) {
            let lo = lowerBound(sorted, start, in: 0..<sorted.count)
            return (lo, lowerBound(sorted, end, in: lo..<sorted.count) - lo)
        }
        func count(_ times: Column<UInt32>) -> (before: Int, inRange: Int) {
            let lo = history.countBefore(times, start)
            return (lo, history.countBefore(times, end) - lo)
        }
        let created = count(store.ticketCreatedAt)
        let resolved = count(store.closedResolvedAt)
        let small = [count(history.extraCloseTime), count(history.staleCloseTime), count(history.openTime)]
        let smallInRange = small.map(\.inRange).reduce(0, +)
        let events = resolved.inRange + smallInRange
        var bytes = created.inRange * 8 + resolved.inRange * 8 + smallInRange * 4
        bytes += store.openRows.count * 37
        if filtered {
            let before = created.before + resolved.before + small.map(\.before).reduce(0, +)
            let total =
                store.ticketCount + store.closedResolvedAt.count + history.extraCloseTime.count
                + history.staleCloseTime.count + history.openTime.count
            let after = total - before + history.openNow.count
            bytes += created.inRange * 4 + events * 8 + min(before, after) * 8
        }
        return bytes
    }
}
