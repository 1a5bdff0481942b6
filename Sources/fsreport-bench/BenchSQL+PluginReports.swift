import FSCLI
import FSReports
import FSSnapshot

/// The plugin's other reports (stats, day-time-stats, product and mailbox summaries) as
/// SQL over the snapshot: the bench's baseline and cross-check for their kernels.
extension BenchSQL {
    /// `[start, end)` bound to `:start` / `:end`; all time for nil.
    static func bindRange(_ s: Statement, _ range: ClosedRange<Int64>?) throws {
        try s.bind(.integer(range.map { $0.lowerBound * LocalTime.secondsPerDay } ?? .min), named: ":start")
        try s.bind(.integer(range.map { ($0.upperBound + 1) * LocalTime.secondsPerDay } ?? .max), named: ":end")
    }

    func stats(_ request: ReportRequest, range: ClosedRange<Int64>?) throws -> [OverallItem] {
        var filters: [String] = []
        if request.agentId != nil { filters.append("t.agent_id = :agent") }
        if request.productId != nil { filters.append("t.product_id = :product") }
        if request.mailboxId != nil { filters.append("t.mailbox_id = :mailbox") }
        let ticketFilter = filters.map { " AND " + $0 }.joined()
        let s = try database.prepare(
            """
            SELECT (SELECT coalesce(sum(t.status = 'new'), 0) FROM tickets t
                    WHERE t.created_at >= :start AND t.created_at < :end\(ticketFilter)),
                   (SELECT coalesce(sum(t.status = 'active'), 0) FROM tickets t
                    WHERE t.created_at >= :start AND t.created_at < :end\(ticketFilter)),
                   (SELECT coalesce(sum(t.status = 'closed'), 0) FROM tickets t
                    WHERE t.created_at >= :start AND t.created_at < :end\(ticketFilter)),
                   (SELECT count(*) FROM tickets t WHERE t.created_at >= :start AND t.created_at < :end\(ticketFilter)),
                   (SELECT count(*) FROM conversations c WHERE c.conversation_type = 'response'
                    AND c.created_at >= :start AND c.created_at < :end
                    AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id\(ticketFilter))),
                   \(request.agentId == nil ? "0" : """
                    (SELECT count(*) FROM conversations c WHERE c.person_id = :agent
                     AND c.created_at >= :start AND c.created_at < :end AND \(Self.ticketExists))
                    """)
            """)
        try Self.bindRange(s, range)
        if let id = request.agentId { try s.bind(.integer(id), named: ":agent") }
        if let id = request.productId { try s.bind(.integer(id), named: ":product") }
        if let id = request.mailboxId { try s.bind(.integer(id), named: ":mailbox") }
        _ = try s.step()
        var items: [OverallItem] = []
        if request.agentId != nil {
            items.append(OverallItem(key: "total_replies", title: "Total Replies", count: Int(s.int64(5))))
        }
        return items + [
            OverallItem(key: "new_tickets", title: "New Tickets", count: Int(s.int64(0))),
            OverallItem(key: "active_tickets", title: "Active Tickets", count: Int(s.int64(1))),
            OverallItem(key: "closed_tickets", title: "Closed Tickets", count: Int(s.int64(2))),
            OverallItem(key: "responses", title: "Responses", count: Int(s.int64(4))),
            OverallItem(key: "open_tickets", title: "Open Tickets", count: Int(s.int64(3) - s.int64(2))),
        ]
    }

    /// Cells by `((t + 3 days) / 1 h) mod 168`: Monday 00:00 is cell 0 (1970-01-01 was a Thursday).
    func dayTimeStats(_ request: ReportRequest, range: ClosedRange<Int64>?) throws -> DayTimeGrid {
        let type = request.dayTimeType ?? .ticket
        let cell = "(((%@ + 259200) / 3600) % 168 + 168) % 168"
        let sql: String
        switch type {
        case .ticket:
            sql = """
                SELECT \(cell.replacingOccurrences(of: "%@", with: "created_at")), count(*) FROM tickets
                WHERE created_at >= :start AND created_at < :end GROUP BY 1
                """
        case .agentResponse, .customerResponse:
            let person =
                type == .agentResponse
                ? "p.person_type = 'agent'" + (request.agentId != nil ? " AND c.person_id = :agent" : "")
                : "c.person_id IS NOT NULL AND (p.person_type IS NULL OR p.person_type != 'agent')"
            sql = """
                SELECT \(cell.replacingOccurrences(of: "%@", with: "c.created_at")), count(*) FROM conversations c
                LEFT JOIN persons p ON p.id = c.person_id
                WHERE c.conversation_type = 'response' AND c.created_at >= :start AND c.created_at < :end
                AND \(person) AND \(Self.ticketExists) GROUP BY 1
                """
        }
        let s = try database.prepare(sql)
        try Self.bindRange(s, range)
        if let id = request.agentId, type == .agentResponse { try s.bind(.integer(id), named: ":agent") }
        var counts = [Int](repeating: 0, count: 168)
        while try s.step() { counts[Int(s.int64(0))] += Int(s.int64(1)) }
        return DayTimeGrid(type: type, range: range, counts: counts)
    }

    func groupSummaries(range: ClosedRange<Int64>, dimension: GroupSummaries.Dimension) throws -> GroupSummaries {
        let column = dimension == .product ? "product_id" : "mailbox_id"
        let table = dimension == .product ? "products" : "mailboxes"
        let s = try database.prepare(
            """
            WITH ticket_counts AS (
                SELECT \(column) AS id, coalesce(sum(status != 'closed' AND created_at >= :start AND created_at < :end), 0) AS opens,
                       coalesce(sum(status = 'closed' AND resolved_at >= :start AND resolved_at < :end), 0) AS closed
                FROM tickets WHERE \(column) IS NOT NULL GROUP BY \(column)
            ),
            conversation_counts AS (
                SELECT t.\(column) AS id, count(*) AS responses,
                       coalesce(sum(c.conversation_type = 'response' AND p.person_type = 'agent'), 0) AS agent_responses,
                       count(DISTINCT CASE WHEN c.conversation_type = 'response' THEN c.ticket_id END) AS interactions
                FROM conversations c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN persons p ON p.id = c.person_id
                WHERE c.created_at >= :start AND c.created_at < :end GROUP BY t.\(column)
            )
            SELECT g.id, g.name, coalesce(cc.responses, 0), tc.opens, tc.closed, coalesce(cc.interactions, 0),
                   coalesce(cc.agent_responses, 0)
            FROM \(table) g JOIN ticket_counts tc ON tc.id = g.id LEFT JOIN conversation_counts cc ON cc.id = g.id
            ORDER BY g.id
            """)
        try Self.bindRange(s, range)
        var entries: [GroupSummary] = []
        while try s.step() {
            entries.append(
                GroupSummary(
                    id: s.int64(0), name: s.text(1) ?? "", responses: Int(s.int64(2)), opens: Int(s.int64(3)),
                    closed: Int(s.int64(4)), interactions: Int(s.int64(5)), agentResponses: Int(s.int64(6))))
        }
        return GroupSummaries(dimension: dimension, entries: entries)
    }
}
