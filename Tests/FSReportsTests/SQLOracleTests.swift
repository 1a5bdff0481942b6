import FSColumnar
import FSGenerator
import FSReports
import FSSnapshot
import Foundation
import Testing

/// An independent oracle: every report computed by the columnar kernels equals the same
/// report written as plain SQL over the snapshot (SQLite's own date functions do the
/// bucketing here, not ``Buckets``).
@Suite struct SQLOracleTests {
    static let now = LocalTime.parse("2026-11-20 15:42:10")!

    /// One generated snapshot shared by the suite's tests (read-only after creation).
    static let fixture: (path: String, store: ColumnarStore) = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fsreport-oracle-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("snapshot.sqlite").path
        let writer = try! Snapshot(path: path, mode: .create)
        try! HelpdeskGenerator.write(GeneratorConfig(seed: 7, tickets: 4000, agents: 9, days: 400, now: now), to: writer)
        let snapshot = try! Snapshot(path: path, mode: .readOnly)
        return (path, try! ColumnarStore.load(from: snapshot))
    }()

    /// Runs SQL on a connection of its own (tests run in parallel; connections are not shared).
    static func rows(_ sql: String, _ values: [String: SQLValue] = [:]) throws -> [[SQLValue]] {
        let db = try Database(path: fixture.path, mode: .readOnly)
        let statement = try db.prepare(sql)
        for (name, value) in values { try statement.bind(value, named: name) }
        var rows: [[SQLValue]] = []
        while try statement.step() {
            rows.append((0..<Int32(statement.columnCount)).map { statement.value($0) })
        }
        return rows
    }

    static func int(_ v: SQLValue) -> Int64 {
        if case .integer(let i) = v { return i }
        return 0
    }

    static func text(_ v: SQLValue) -> String {
        if case .text(let s) = v { return s }
        return ""
    }

    /// Conversations as the reports see them: those of tickets in the snapshot (the store
    /// drops orphans, since the site deletes a ticket's conversations with it).
    static let conversations = "(SELECT * FROM conversations WHERE ticket_id IN (SELECT id FROM tickets))"

    static let today = LocalTime.day(now)
    static let ranges: [(from: Int64, to: Int64, interval: Interval)] = [
        (today - 30, today, .auto),  // day
        (today - 3, today - 3, .auto),  // hour
        (today - 90, today, .auto),  // week
        (today - 399, today, .auto),  // month, across a year boundary
        (today - 45, today - 10, .week),
        (today - 70, today, .month),
        (today - 6, today, .hour),  // hour of day over several days
    ]

    /// The SQL expression of a bucket label for a timestamp column.
    static func labelSQL(_ column: String, interval: Interval, from: Int64, to: Int64) -> String {
        let effective = interval == .auto ? Buckets.autoInterval(days: to - from) : interval
        switch effective {
        case .hour:
            return "printf('%s:00 - %s:59', strftime('%H', \(column), 'unixepoch'), strftime('%H', \(column), 'unixepoch'))"
        case .week:
            return "date(:fromDate, '+' || (((\(column) / 86400) - :fromDay) / 7 * 7) || ' days')"
        case .month:
            return """
                (CASE CAST(strftime('%m', \(column), 'unixepoch') AS INTEGER) WHEN 1 THEN 'Jan' WHEN 2 THEN 'Feb'
                WHEN 3 THEN 'Mar' WHEN 4 THEN 'Apr' WHEN 5 THEN 'May' WHEN 6 THEN 'Jun' WHEN 7 THEN 'Jul'
                WHEN 8 THEN 'Aug' WHEN 9 THEN 'Sep' WHEN 10 THEN 'Oct' WHEN 11 THEN 'Nov' ELSE 'Dec' END)
                || ' ' || strftime('%Y', \(column), 'unixepoch')
                """
        default: return "date(\(column), 'unixepoch')"
        }
    }

    /// Runs a grouped count and checks it against the series: equal counts for every label
    /// SQL sees, and zeros everywhere else.
    static func check(series: Series, sql: String, extra: [String: SQLValue] = [:]) throws {
        var values = extra
        values[":start"] = .integer(series.from * 86_400)
        values[":end"] = .integer((series.to + 1) * 86_400)
        values[":fromDate"] = .text(LocalTime.formatDate(day: series.from))
        values[":fromDay"] = .integer(series.from)
        var expected: [String: Int] = [:]
        for row in try rows(sql, values) { expected[text(row[0])] = Int(int(row[1])) }
        let actual = Dictionary(uniqueKeysWithValues: zip(series.labels, series.counts))
        #expect(Set(expected.keys).isSubset(of: Set(series.labels)), "SQL produced labels the series lacks")
        for (label, count) in actual {
            #expect(count == expected[label] ?? 0, "label \(label)")
        }
        #expect(series.total == expected.values.reduce(0, +))
    }

    @Test func overallMatchesSQL() throws {
        let store = Self.fixture.store
        guard case .overall(let items) = try Reports.run(.overall, store: store, request: ReportRequest(now: Self.now))
        else { Issue.record("not overall"); return }
        let counts = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0.count) })
        let sql = try Self.rows(
            """
            SELECT (SELECT count(*) FROM tickets WHERE status = 'new'), (SELECT count(*) FROM tickets WHERE status = 'active'),
                   (SELECT count(*) FROM tickets WHERE status = 'closed'),
                   (SELECT count(*) FROM \(Self.conversations) WHERE conversation_type = 'response')
            """)[0].map { Int(Self.int($0)) }
        #expect([counts["new_tickets"], counts["active_tickets"], counts["closed_tickets"], counts["responses"]] == sql)
        #expect(sql.allSatisfy { $0 > 0 }, "the fixture should exercise every counter")
    }

    @Test(arguments: ranges.indices)
    func growthMatchesSQL(rangeIndex: Int) throws {
        let (from, to, interval) = Self.ranges[rangeIndex]
        let store = Self.fixture.store
        let request = ReportRequest(from: from, to: to, interval: interval, now: Self.now)
        let created = Self.labelSQL("created_at", interval: interval, from: from, to: to)
        let resolved = Self.labelSQL("resolved_at", interval: interval, from: from, to: to)
        let responded = Self.labelSQL("c.created_at", interval: interval, from: from, to: to)

        try Self.check(
            series: try Fixture.series(.ticketsGrowth, request, store: store),
            sql: "SELECT \(created), count(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY 1")
        try Self.check(
            series: try Fixture.series(.resolveGrowth, request, store: store),
            sql: """
                SELECT \(resolved), count(*) FROM tickets WHERE status = 'closed' AND resolved_at >= :start
                AND resolved_at < :end GROUP BY 1
                """)
        try Self.check(
            series: try Fixture.series(.responseGrowth, request, store: store),
            sql: """
                SELECT \(responded), count(*) FROM \(Self.conversations) c JOIN persons p ON p.id = c.person_id
                WHERE p.person_type = 'agent' AND c.conversation_type = 'response' AND c.created_at >= :start
                AND c.created_at < :end GROUP BY 1
                """)
    }

    @Test func filteredGrowthMatchesSQL() throws {
        let store = Self.fixture.store
        let (from, to) = (Self.today - 60, Self.today)
        let agents = try Self.rows("SELECT id FROM persons WHERE person_type = 'agent' ORDER BY id").map { Self.int($0[0]) }
        let products = try Self.rows("SELECT id FROM products ORDER BY id").map { Self.int($0[0]) }
        let mailboxes = try Self.rows("SELECT id FROM mailboxes ORDER BY id").map { Self.int($0[0]) }
        let label = Self.labelSQL("created_at", interval: .auto, from: from, to: to)
        for agent in agents.prefix(3) {
            let request = ReportRequest(from: from, to: to, agentId: agent, now: Self.now)
            try Self.check(
                series: try Fixture.series(.ticketsGrowth, request, store: store),
                sql:
                    "SELECT \(label), count(*) FROM tickets WHERE agent_id = :a AND created_at >= :start AND created_at < :end GROUP BY 1",
                extra: [":a": .integer(agent)])
            try Self.check(
                series: try Fixture.series(.myResolveGrowth, request, store: store),
                sql: """
                    SELECT \(Self.labelSQL("resolved_at", interval: .auto, from: from, to: to)), count(*) FROM tickets
                    WHERE agent_id = :a AND status = 'closed' AND resolved_at >= :start AND resolved_at < :end GROUP BY 1
                    """,
                extra: [":a": .integer(agent)])
            try Self.check(
                series: try Fixture.series(.myResponseGrowth, request, store: store),
                sql: """
                    SELECT \(Self.labelSQL("created_at", interval: .auto, from: from, to: to)), count(*) FROM \(Self.conversations)
                    WHERE person_id = :a AND conversation_type = 'response' AND created_at >= :start AND created_at < :end
                    GROUP BY 1
                    """,
                extra: [":a": .integer(agent)])
        }
        for product in products {
            let request = ReportRequest(from: from, to: to, productId: product, now: Self.now)
            try Self.check(
                series: try Fixture.series(.responseGrowth, request, store: store),
                sql: """
                    SELECT \(Self.labelSQL("c.created_at", interval: .auto, from: from, to: to)), count(*)
                    FROM \(Self.conversations) c JOIN persons p ON p.id = c.person_id JOIN tickets t ON t.id = c.ticket_id
                    WHERE p.person_type = 'agent' AND c.conversation_type = 'response' AND t.product_id = :p
                    AND c.created_at >= :start AND c.created_at < :end GROUP BY 1
                    """,
                extra: [":p": .integer(product)])
        }
        for mailbox in mailboxes {
            let request = ReportRequest(from: from, to: to, mailboxId: mailbox, now: Self.now)
            try Self.check(
                series: try Fixture.series(.resolveGrowth, request, store: store),
                sql: """
                    SELECT \(Self.labelSQL("resolved_at", interval: .auto, from: from, to: to)), count(*) FROM tickets
                    WHERE mailbox_id = :m AND status = 'closed' AND resolved_at >= :start AND resolved_at < :end GROUP BY 1
                    """,
                extra: [":m": .integer(mailbox)])
        }
    }

    /// agents-summary straight from SQL.
    static func sqlSummary(from: Int64, to: Int64, only: Int64? = nil) throws -> [AgentSummary] {
        let waiting = """
            t.status != 'closed' AND t.waiting_since IS NOT NULL AND (t.last_agent_response IS NULL
            OR t.last_agent_response < t.last_customer_response OR t.status = 'new')
            """
        let sql = """
            SELECT p.id, p.first_name, p.last_name, p.photo,
              (SELECT count(*) FROM tickets t WHERE t.agent_id = p.id AND t.status = 'closed'
                 AND t.resolved_at >= :start AND t.resolved_at < :end),
              (SELECT count(*) FROM tickets t WHERE t.agent_id = p.id AND t.status != 'closed'),
              (SELECT count(*) FROM \(Self.conversations) c WHERE c.person_id = p.id AND c.conversation_type = 'response'
                 AND c.created_at >= :start AND c.created_at < :end),
              (SELECT count(DISTINCT c.ticket_id) FROM \(Self.conversations) c WHERE c.person_id = p.id
                 AND c.conversation_type = 'response' AND c.created_at >= :start AND c.created_at < :end),
              (SELECT count(*) FROM tickets t WHERE t.agent_id = p.id AND \(waiting)),
              (SELECT sum(t.waiting_since) FROM tickets t WHERE t.agent_id = p.id AND \(waiting)),
              (SELECT min(t.waiting_since) FROM tickets t WHERE t.agent_id = p.id AND \(waiting))
            FROM persons p
            WHERE p.person_type = 'agent' AND (:only IS NULL OR p.id = :only)
            ORDER BY p.id
            """
        let values: [String: SQLValue] = [
            ":start": .integer(from * 86_400), ":end": .integer((to + 1) * 86_400), ":only": only.map(SQLValue.integer) ?? .null,
        ]
        return try rows(sql, values).compactMap { r in
            let closed = Int(int(r[4])), opens = Int(int(r[5])), responses = Int(int(r[6]))
            guard only != nil || closed + opens + responses > 0 else { return nil }
            let waiting = Int(int(r[8]))
            func optionalText(_ v: SQLValue) -> String? { v == .null ? nil : text(v) }
            return AgentSummary(
                id: int(r[0]), firstName: optionalText(r[1]), lastName: optionalText(r[2]), photo: optionalText(r[3]),
                interactions: Int(int(r[7])), responses: responses, opens: opens, closed: closed, waitingTickets: waiting,
                averageWaitingNumerator: waiting > 0 ? now * Int64(waiting) - int(r[9]) : nil,
                maxWaitingSeconds: waiting > 0 ? now - int(r[10]) : nil)
        }
    }

    @Test(arguments: [(0, 0), (1, 0), (30, 0), (400, 0), (20, 10)] as [(Int64, Int64)])
    func agentsSummaryMatchesSQL(daysBack: Int64, endBack: Int64) throws {
        let (from, to) = (Self.today - daysBack, Self.today - endBack)
        let actual = try Fixture.agents(
            .agentsSummary, ReportRequest(from: from, to: to, now: Self.now), store: Self.fixture.store)
        let expected = try Self.sqlSummary(from: from, to: to)
        #expect(actual == expected)
        #expect(actual.contains { $0.waitingTickets > 0 }, "the fixture should have waiting tickets")
    }

    @Test func personalReportsMatchSQL() throws {
        let store = Self.fixture.store
        for agent in try Self.rows("SELECT id FROM persons WHERE person_type = 'agent'").map({ Self.int($0[0]) }) {
            let my = try Fixture.overall(.myOverall, ReportRequest(agentId: agent, now: Self.now), store: store)
            let sql = try Self.rows(
                """
                SELECT (SELECT count(*) FROM \(Self.conversations) WHERE person_id = :a),
                       (SELECT count(DISTINCT ticket_id) FROM \(Self.conversations) WHERE person_id = :a AND conversation_type = 'response'),
                       (SELECT count(*) FROM tickets WHERE agent_id = :a AND status = 'closed')
                """, [":a": .integer(agent)])[0].map { Int(Self.int($0)) }
            #expect([my["replies_count"], my["interactions_count"], my["total_closed"]] == sql)
            let summary = try Fixture.agents(
                .mySummary, ReportRequest(from: Self.today - 30, to: Self.today, agentId: agent, now: Self.now), store: store)
            #expect(summary == (try Self.sqlSummary(from: Self.today - 30, to: Self.today, only: agent)))
        }
    }
}
