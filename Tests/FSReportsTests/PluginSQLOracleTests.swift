import FSColumnar
import FSReports
import FSSnapshot
import Testing

/// The plugin's other reports computed a second way: plain SQL over the generated snapshot
/// of ``SQLOracleTests`` (SQLite's `strftime` finds weekdays and hours here), which must
/// agree exactly with the kernels.
@Suite struct PluginSQLOracleTests {
    typealias Oracle = SQLOracleTests

    /// Day ranges checked: all time (nil), the last 30 days, one day, 400 days, and one in the past.
    static let ranges: [(Int64, Int64)?] = [
        nil, (Oracle.today - 29, Oracle.today), (Oracle.today - 3, Oracle.today - 3), (Oracle.today - 399, Oracle.today),
        (Oracle.today - 20, Oracle.today - 10),
    ]

    static func bounds(_ range: (Int64, Int64)?) -> [String: SQLValue] {
        [
            ":start": .integer(range.map { $0.0 * 86_400 } ?? Int64.min),
            ":end": .integer(range.map { ($0.1 + 1) * 86_400 } ?? Int64.max),
        ]
    }

    static func request(_ range: (Int64, Int64)?, agent: Int64? = nil, product: Int64? = nil, mailbox: Int64? = nil)
        -> ReportRequest
    {
        ReportRequest(from: range?.0, to: range?.1, agentId: agent, productId: product, mailboxId: mailbox, now: Oracle.now)
    }

    static func ids(_ table: String, _ condition: String = "1") throws -> [Int64] {
        try Oracle.rows("SELECT id FROM \(table) WHERE \(condition) ORDER BY id").map { Oracle.int($0[0]) }
    }

    /// stats in SQL: a cohort of tickets created in range, by current status.
    static func sqlStats(_ range: (Int64, Int64)?, agent: Int64?, product: Int64?, mailbox: Int64?) throws -> [String: Int] {
        var values = bounds(range)
        var filter = ""
        if let agent {
            filter += " AND t.agent_id = :a"
            values[":a"] = .integer(agent)
        }
        if let product {
            filter += " AND t.product_id = :p"
            values[":p"] = .integer(product)
        }
        if let mailbox {
            filter += " AND t.mailbox_id = :m"
            values[":m"] = .integer(mailbox)
        }
        let cohort = "FROM tickets t WHERE t.created_at >= :start AND t.created_at < :end\(filter)"
        let r = try Oracle.rows(
            """
            SELECT (SELECT count(*) \(cohort) AND t.status = 'new'), (SELECT count(*) \(cohort) AND t.status = 'active'),
                   (SELECT count(*) \(cohort) AND t.status = 'closed'), (SELECT count(*) \(cohort) AND t.status != 'closed'),
                   (SELECT count(*) FROM \(Oracle.conversations) c JOIN tickets t ON t.id = c.ticket_id
                    WHERE c.conversation_type = 'response' AND c.created_at >= :start AND c.created_at < :end\(filter)),
                   (SELECT count(*) FROM \(Oracle.conversations) c WHERE c.person_id = :a
                    AND c.created_at >= :start AND c.created_at < :end)
            """, values.merging([":a": values[":a"] ?? .null]) { a, _ in a })[0].map { Int(Oracle.int($0)) }
        var result = [
            "new_tickets": r[0], "active_tickets": r[1], "closed_tickets": r[2], "open_tickets": r[3], "responses": r[4],
        ]
        if agent != nil { result["total_replies"] = r[5] }
        return result
    }

    @Test(arguments: ranges.indices)
    func statsMatchesSQL(rangeIndex: Int) throws {
        let range = Self.ranges[rangeIndex]
        let agents = try Self.ids("persons", "person_type = 'agent'")
        let products = try Self.ids("products")
        let mailboxes = try Self.ids("mailboxes")
        var cases: [(Int64?, Int64?, Int64?)] = [(nil, nil, nil)]
        cases += agents.prefix(3).map { ($0, nil, nil) }
        cases += products.map { (nil, $0, nil) }
        cases += mailboxes.map { (nil, nil, $0) }
        if let a = agents.first, let p = products.first { cases.append((a, p, nil)) }
        for (agent, product, mailbox) in cases {
            let result = try Reports.run(
                .stats, store: Oracle.fixture.store,
                request: Self.request(range, agent: agent, product: product, mailbox: mailbox))
            guard case .stats(let items) = result else {
                Issue.record("not stats")
                return
            }
            let actual = Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0.count) })
            #expect(
                actual == (try Self.sqlStats(range, agent: agent, product: product, mailbox: mailbox)),
                "agent \(String(describing: agent)) product \(String(describing: product)) mailbox \(String(describing: mailbox))"
            )
            #expect((items.first?.key == "total_replies") == (agent != nil))
        }
    }

    /// day-time-stats in SQL: `strftime('%w')` is 0 on Sunday, so Monday-first is `(w + 6) % 7`.
    static func sqlGrid(_ type: DayTimeType, _ range: (Int64, Int64)?, agent: Int64?) throws -> [Int] {
        func cell(_ column: String) -> String {
            "((CAST(strftime('%w', \(column), 'unixepoch') AS INTEGER) + 6) % 7) * 24 + CAST(strftime('%H', \(column), 'unixepoch') AS INTEGER)"
        }
        var values = bounds(range)
        let sql: String
        switch type {
        case .ticket:
            sql =
                "SELECT \(cell("created_at")), count(*) FROM tickets WHERE created_at >= :start AND created_at < :end GROUP BY 1"
        case .agentResponse, .customerResponse:
            let personType = type == .agentResponse ? "agent" : "customer"
            var condition = "p.person_type = '\(personType)'"
            if let agent {
                condition += " AND c.person_id = :a"
                values[":a"] = .integer(agent)
            }
            sql = """
                SELECT \(cell("c.created_at")), count(*) FROM \(Oracle.conversations) c JOIN persons p ON p.id = c.person_id
                WHERE c.conversation_type = 'response' AND \(condition) AND c.created_at >= :start AND c.created_at < :end
                GROUP BY 1
                """
        }
        var counts = [Int](repeating: 0, count: 168)
        for row in try Oracle.rows(sql, values) { counts[Int(Oracle.int(row[0]))] = Int(Oracle.int(row[1])) }
        return counts
    }

    @Test(arguments: ranges.indices)
    func dayTimeStatsMatchesSQL(rangeIndex: Int) throws {
        let range = Self.ranges[rangeIndex]
        let agent = try Self.ids("persons", "person_type = 'agent'").first
        for (type, agent) in [
            (DayTimeType.ticket, nil), (.agentResponse, nil), (.agentResponse, agent), (.customerResponse, nil),
        ] {
            var request = Self.request(range, agent: agent)
            request.dayTimeType = type
            guard case .dayTime(let grid) = try Reports.run(.dayTimeStats, store: Oracle.fixture.store, request: request) else {
                Issue.record("not a grid")
                return
            }
            let expected = try Self.sqlGrid(type, range, agent: agent)
            #expect(grid.counts == expected, "\(type.rawValue) agent \(String(describing: agent))")
            if range == nil || range!.1 - range!.0 > 20 { #expect(expected.reduce(0, +) > 0, "the fixture should fill \(type)") }
        }
    }

    /// product-summary / mailbox-summary in SQL, one correlated subquery per number.
    static func sqlGroups(_ dimension: GroupSummaries.Dimension, _ range: (Int64, Int64)) throws -> [GroupSummary] {
        let column = dimension == .product ? "product_id" : "mailbox_id"
        let table = dimension == .product ? "products" : "mailboxes"
        let inRange = "c.created_at >= :start AND c.created_at < :end"
        let onGroup = "FROM \(Oracle.conversations) c JOIN tickets t ON t.id = c.ticket_id WHERE t.\(column) = g.id"
        return try Oracle.rows(
            """
            SELECT g.id, g.name,
              (SELECT count(*) \(onGroup) AND \(inRange)),
              (SELECT count(*) FROM tickets t WHERE t.\(column) = g.id AND t.status != 'closed'
                 AND t.created_at >= :start AND t.created_at < :end),
              (SELECT count(*) FROM tickets t WHERE t.\(column) = g.id AND t.status = 'closed'
                 AND t.resolved_at >= :start AND t.resolved_at < :end),
              (SELECT count(DISTINCT c.ticket_id) \(onGroup) AND c.conversation_type = 'response' AND \(inRange)),
              (SELECT count(*) \(onGroup) AND c.conversation_type = 'response' AND \(inRange)
                 AND c.person_id IN (SELECT id FROM persons WHERE person_type = 'agent'))
            FROM \(table) g WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.\(column) = g.id) ORDER BY g.id
            """, bounds(range)
        ).map { r in
            GroupSummary(
                id: Oracle.int(r[0]), name: Oracle.text(r[1]), responses: Int(Oracle.int(r[2])), opens: Int(Oracle.int(r[3])),
                closed: Int(Oracle.int(r[4])), interactions: Int(Oracle.int(r[5])), agentResponses: Int(Oracle.int(r[6])))
        }
    }

    @Test(arguments: ranges.indices.dropFirst())
    func summariesMatchSQL(rangeIndex: Int) throws {
        let range = Self.ranges[rangeIndex]!
        for (name, dimension) in [(ReportName.productSummary, GroupSummaries.Dimension.product), (.mailboxSummary, .mailbox)] {
            guard case .groups(let groups) = try Reports.run(name, store: Oracle.fixture.store, request: Self.request(range))
            else {
                Issue.record("not groups")
                return
            }
            let expected = try Self.sqlGroups(dimension, range)
            #expect(groups.entries == expected, "\(name.rawValue)")
            #expect(!expected.isEmpty)
            if range.1 - range.0 > 20 {
                #expect(expected.allSatisfy { $0.responses > $0.agentResponses }, "notes and customers should count in responses")
            }
        }
    }
}
