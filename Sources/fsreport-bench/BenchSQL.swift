import FSCLI
import FSReports
import FSSnapshot

/// The reports of SEMANTICS.md written as SQL over the snapshot: the baseline `fsreport
/// bench` times the columnar kernels against, and an independent cross-check of their
/// results (the same ``ReportResult`` must come out).
///
/// SQLite does the scanning, filtering and aggregation; Swift only maps the at most a few
/// thousand grouped rows (one per day, or per hour) to the report's buckets. Like the
/// columnar store, the queries ignore conversations whose ticket is not in the snapshot
/// (`EXISTS` on the ticket's primary key).
struct BenchSQL {
    let database: Database

    /// Computes `name` for `request` (already validated by the kernels' run).
    func run(_ name: ReportName, request: ReportRequest) throws -> ReportResult {
        let range = request.range(for: name)
        switch name {
        case .overall: return .overall(try overall())
        case .myOverall: return .overall(try myOverall(agent: request.agentId!))
        case .ticketsGrowth:
            return .series(try series(range!, request, table: .tickets(timestamp: "created_at", closedOnly: false)))
        case .resolveGrowth, .myResolveGrowth:
            return .series(try series(range!, request, table: .tickets(timestamp: "resolved_at", closedOnly: true)))
        case .responseGrowth, .myResponseGrowth:
            return .series(try series(range!, request, table: .responses))
        case .agentsSummary:
            return .agents(try agentsSummary(range!, now: request.now, agent: request.agentId, keepEmpty: false))
        case .mySummary:
            return .agents(try agentsSummary(range!, now: request.now, agent: request.agentId, keepEmpty: true))
        case .stats: return .stats(try stats(request, range: range))
        case .dayTimeStats: return .dayTime(try dayTimeStats(request, range: range))
        case .productSummary: return .groups(try groupSummaries(range: range!, dimension: .product))
        case .mailboxSummary: return .groups(try groupSummaries(range: range!, dimension: .mailbox))
        }
    }

    static let ticketExists = "EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id)"

    func overall() throws -> [OverallItem] {
        let s = try database.prepare(
            """
            SELECT (SELECT coalesce(sum(status = 'new'), 0) FROM tickets),
                   (SELECT coalesce(sum(status = 'active'), 0) FROM tickets),
                   (SELECT coalesce(sum(status = 'closed'), 0) FROM tickets),
                   (SELECT count(*) FROM conversations c WHERE conversation_type = 'response' AND \(Self.ticketExists))
            """)
        _ = try s.step()
        return [
            OverallItem(key: "new_tickets", title: "New Tickets", count: Int(s.int64(0))),
            OverallItem(key: "active_tickets", title: "Active Tickets", count: Int(s.int64(1))),
            OverallItem(key: "closed_tickets", title: "Closed Tickets", count: Int(s.int64(2))),
            OverallItem(key: "responses", title: "Responses", count: Int(s.int64(3))),
        ]
    }

    func myOverall(agent: Int64) throws -> [OverallItem] {
        let s = try database.prepare(
            """
            SELECT (SELECT count(*) FROM conversations c WHERE person_id = :agent AND \(Self.ticketExists)),
                   (SELECT count(DISTINCT ticket_id) FROM conversations c
                    WHERE person_id = :agent AND conversation_type = 'response' AND \(Self.ticketExists)),
                   (SELECT count(*) FROM tickets WHERE agent_id = :agent AND status = 'closed')
            """)
        try s.bind(.integer(agent), named: ":agent")
        _ = try s.step()
        return [
            OverallItem(key: "replies_count", title: "Total Replies", count: Int(s.int64(0))),
            OverallItem(key: "interactions_count", title: "Total Interactions", count: Int(s.int64(1))),
            OverallItem(key: "total_closed", title: "Total Closed", count: Int(s.int64(2))),
        ]
    }

    enum SeriesTable {
        case tickets(timestamp: String, closedOnly: Bool)
        case responses
    }

    /// A growth series: SQL counts per day (or per hour for hourly buckets), Swift adds
    /// those up into the report's buckets.
    func series(_ range: ClosedRange<Int64>, _ request: ReportRequest, table: SeriesTable) throws -> Series {
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        let unit: Int64 = buckets.interval == .hour ? 3600 : 86_400
        var conditions: [String] = []
        let sql: String
        switch table {
        case .tickets(let column, let closedOnly):
            if closedOnly { conditions.append("status = 'closed'") }
            conditions.append("\(column) >= :start AND \(column) < :end")
            if request.agentId != nil { conditions.append("agent_id = :agent") }
            if request.productId != nil { conditions.append("product_id = :product") }
            if request.mailboxId != nil { conditions.append("mailbox_id = :mailbox") }
            sql = "SELECT \(column) / \(unit), count(*) FROM tickets WHERE \(conditions.joined(separator: " AND ")) GROUP BY 1"
        case .responses:
            conditions.append("p.person_type = 'agent' AND c.conversation_type = 'response'")
            conditions.append("c.created_at >= :start AND c.created_at < :end")
            if request.agentId != nil { conditions.append("c.person_id = :agent") }
            let ticketFilter = request.productId != nil || request.mailboxId != nil
            if request.productId != nil { conditions.append("t.product_id = :product") }
            if request.mailboxId != nil { conditions.append("t.mailbox_id = :mailbox") }
            if !ticketFilter { conditions.append(Self.ticketExists) }
            sql = """
                SELECT c.created_at / \(unit), count(*) FROM conversations c JOIN persons p ON p.id = c.person_id
                \(ticketFilter ? "JOIN tickets t ON t.id = c.ticket_id" : "")
                WHERE \(conditions.joined(separator: " AND ")) GROUP BY 1
                """
        }
        let s = try database.prepare(sql)
        try s.bind(.integer(buckets.start), named: ":start")
        try s.bind(.integer(buckets.end), named: ":end")
        if let id = request.agentId { try s.bind(.integer(id), named: ":agent") }
        if let id = request.productId { try s.bind(.integer(id), named: ":product") }
        if let id = request.mailboxId { try s.bind(.integer(id), named: ":mailbox") }
        var counts = [Int](repeating: 0, count: buckets.count)
        while try s.step() {
            counts[buckets.index(of: s.int64(0) * unit)] += Int(s.int64(1))
        }
        return Series(interval: buckets.interval, from: buckets.from, to: buckets.to, labels: buckets.labels, counts: counts)
    }

    /// The agents-summary query: one statement, also what the `sqlite3` command line runs
    /// in the cold-process comparison (`:start`, `:end`, and `:agent` when `agent` is set).
    static func agentsSummarySQL(agent: Bool, keepEmpty: Bool) -> String {
        """
        WITH agents AS (
            SELECT id, first_name, last_name, photo FROM persons WHERE person_type = 'agent'\(agent ? " AND id = :agent" : "")
        ),
        closed AS (
            SELECT agent_id AS id, count(*) AS n FROM tickets
            WHERE status = 'closed' AND resolved_at >= :start AND resolved_at < :end AND agent_id IN (SELECT id FROM agents)
            GROUP BY agent_id
        ),
        open AS (
            SELECT agent_id AS id, count(*) AS n, count(w) AS waiting, sum(w) AS waiting_sum, min(w) AS waiting_min
            FROM (SELECT agent_id, CASE WHEN waiting_since IS NOT NULL AND (last_agent_response IS NULL
                        OR last_agent_response < last_customer_response OR status = 'new') THEN waiting_since END AS w
                  FROM tickets WHERE status != 'closed' AND agent_id IN (SELECT id FROM agents))
            GROUP BY agent_id
        ),
        responses AS (
            SELECT person_id AS id, count(*) AS n, count(DISTINCT ticket_id) AS tickets FROM conversations c
            WHERE conversation_type = 'response' AND created_at >= :start AND created_at < :end
              AND person_id IN (SELECT id FROM agents) AND \(ticketExists)
            GROUP BY person_id
        )
        SELECT a.id, a.first_name, a.last_name, a.photo, coalesce(r.tickets, 0), coalesce(r.n, 0), coalesce(o.n, 0),
               coalesce(c.n, 0), coalesce(o.waiting, 0), o.waiting_sum, o.waiting_min
        FROM agents a LEFT JOIN closed c ON c.id = a.id LEFT JOIN open o ON o.id = a.id LEFT JOIN responses r ON r.id = a.id
        \(keepEmpty ? "" : "WHERE coalesce(c.n, 0) + coalesce(o.n, 0) + coalesce(r.n, 0) > 0")
        ORDER BY a.id
        """
    }

    func agentsSummary(_ range: ClosedRange<Int64>, now: Int64, agent: Int64?, keepEmpty: Bool) throws -> [AgentSummary] {
        let s = try database.prepare(Self.agentsSummarySQL(agent: agent != nil, keepEmpty: keepEmpty))
        try s.bind(.integer(range.lowerBound * LocalTime.secondsPerDay), named: ":start")
        try s.bind(.integer((range.upperBound + 1) * LocalTime.secondsPerDay), named: ":end")
        if let agent { try s.bind(.integer(agent), named: ":agent") }
        var result: [AgentSummary] = []
        while try s.step() {
            let waiting = Int(s.int64(8))
            result.append(
                AgentSummary(
                    id: s.int64(0), firstName: s.text(1), lastName: s.text(2), photo: s.text(3),
                    interactions: Int(s.int64(4)), responses: Int(s.int64(5)), opens: Int(s.int64(6)),
                    closed: Int(s.int64(7)), waitingTickets: waiting,
                    averageWaitingNumerator: waiting > 0 ? now * Int64(waiting) - s.int64(9) : nil,
                    maxWaitingSeconds: waiting > 0 ? now - s.int64(10) : nil))
        }
        return result
    }
}
