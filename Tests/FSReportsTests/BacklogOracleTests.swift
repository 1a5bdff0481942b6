import FSColumnar
import FSReports
import FSSnapshot
import Testing

/// backlog against an independent recomputation over the generated snapshot of
/// ``SQLOracleTests``: each ticket's open intervals are rebuilt from SQL rows (the tickets
/// and their close/reopen system notes, which the generator writes for every event), then
/// every day is counted by scanning all intervals — no sorted arrays, no prefix counts.
@Suite struct BacklogOracleTests {
    typealias Oracle = SQLOracleTests

    struct Interval {
        var start: Int64
        var end: Int64?  // nil: still open
        var reopen: Bool
    }

    struct Ticket {
        var created: Int64
        var agent: Int64?
        var product: Int64?
        var mailbox: Int64?
        var intervals: [Interval]
    }

    /// Every ticket with its intervals, by the rules of SEMANTICS.md and ``Backlog``.
    static let tickets: [Ticket] = {
        var events: [Int64: [(at: Int64, reopen: Bool)]] = [:]
        for row in try! Oracle.rows(
            """
            SELECT ticket_id, created_at, system_kind = 'reopen' FROM conversations
            WHERE system_kind IN ('close', 'reopen') AND ticket_id IN (SELECT id FROM tickets)
            ORDER BY ticket_id, created_at, id
            """)
        {
            events[Oracle.int(row[0]), default: []].append((Oracle.int(row[1]), Oracle.int(row[2]) == 1))
        }
        func optional(_ v: SQLValue) -> Int64? { if case .integer(let i) = v { return i } else { return nil } }
        return try! Oracle.rows(
            "SELECT id, created_at, status, resolved_at, agent_id, product_id, mailbox_id FROM tickets"
        ).map { row in
            let created = Oracle.int(row[1])
            var intervals = [Interval(start: created, end: nil, reopen: false)]
            let list = events[Oracle.int(row[0])] ?? []
            for e in list {
                let at = max(e.at, created)
                if !e.reopen, intervals[intervals.count - 1].end == nil {
                    intervals[intervals.count - 1].end = at
                } else if e.reopen, intervals[intervals.count - 1].end != nil {
                    intervals.append(Interval(start: at, end: nil, reopen: true))
                }
            }
            if list.isEmpty, Oracle.text(row[2]) == "closed" {
                intervals[0].end = max(optional(row[3]) ?? created, created)
            }
            return Ticket(
                created: created, agent: optional(row[4]), product: optional(row[5]), mailbox: optional(row[6]),
                intervals: intervals)
        }
    }()

    /// The kernel's history, read as `fsreport` does (activities and system notes merged).
    static let history = try! CloseHistory.load(
        try! Snapshot(path: Oracle.fixture.path, mode: .readOnly), store: Oracle.fixture.store)

    /// Per day `[open, created, closed, reopened]` by scanning every ticket's intervals.
    static func scan(_ from: Int64, _ to: Int64, _ keep: (Ticket) -> Bool) -> [[Int]] {
        let kept = tickets.filter(keep)
        return (from...to).map { day in
            let start = day * 86_400
            let last = start + 86_399
            var open = 0
            var created = 0
            var closed = 0
            var reopened = 0
            for t in kept {
                if t.created >= start, t.created <= last { created += 1 }
                for i in t.intervals {
                    if i.start <= last, i.end.map({ $0 > last }) ?? true { open += 1 }
                    if let end = i.end, end >= start, end <= last { closed += 1 }
                    if i.reopen, i.start >= start, i.start <= last { reopened += 1 }
                }
            }
            return [open, created, closed, reopened]
        }
    }

    static let today = LocalTime.day(Oracle.now)

    @Test(
        arguments: [
            (today - 29, today, nil, nil, nil), (today - 399, today, nil, nil, nil), (today - 60, today - 20, 3, nil, nil),
            (today - 200, today, nil, 2, nil), (today - 10, today + 3, nil, nil, 1), (today - 120, today - 90, 4, 1, nil),
            (today - 90, today, 5, nil, 2),
            (today - 500, today - 390, nil, nil, 2),
        ] as [(Int64, Int64, Int64?, Int64?, Int64?)])
    func reportEqualsAScanOfTheIntervals(_ from: Int64, _ to: Int64, _ agent: Int64?, _ product: Int64?, _ mailbox: Int64?)
        throws
    {
        let store = Oracle.fixture.store
        let agentId = agent.map { store.personIDs[Int(store.agentIndexes[Int($0)])] }
        let productId = product.map { store.productIDs[Int($0) - 1] }
        let mailboxId = mailbox.map { store.mailboxIDs[Int($0) - 1] }
        let r = try Backlog.run(
            store: store, history: Self.history,
            request: .init(
                from: from, to: to, agentId: agentId, productId: productId, mailboxId: mailboxId, now: Oracle.now))
        let expected = Self.scan(from, to) { t in
            (agentId == nil || t.agent == agentId) && (productId == nil || t.product == productId)
                && (mailboxId == nil || t.mailbox == mailboxId)
        }
        #expect(r.days.map { [$0.open, $0.created, $0.closed, $0.reopened] } == expected)
        #expect(r.days.contains { $0.open > 0 } && r.days.contains { $0.closed > 0 })
        // The identity, day by day, from the day before the range.
        let before = Self.scan(from - 1, from - 1) { t in
            (agentId == nil || t.agent == agentId) && (productId == nil || t.product == productId)
                && (mailboxId == nil || t.mailbox == mailboxId)
        }[0][0]
        for (k, d) in r.days.enumerated() {
            let previous = k == 0 ? before : r.days[k - 1].open
            #expect(d.open - previous == d.created - d.closed + d.reopened)
        }
    }

    @Test func theGeneratedHistoryReopensAndAgrees() throws {
        #expect(Self.tickets.contains { $0.intervals.count > 1 })
        // The history agrees with the current status: open at the end of today = tickets not closed.
        let r = try Backlog.run(store: Oracle.fixture.store, history: Self.history, request: .init(now: Oracle.now))
        let open = try Oracle.rows("SELECT count(*) FROM tickets WHERE status != 'closed'")
        #expect(r.days.last!.open == Int(Oracle.int(open[0][0])))
    }

    @Test func agingEqualsSQL() throws {
        let r = try Backlog.run(store: Oracle.fixture.store, history: Self.history, request: .init(now: Oracle.now))
        func buckets(_ age: String, _ condition: String) throws -> [Int] {
            let rows = try Oracle.rows(
                """
                SELECT CASE WHEN a < 86400 THEN 0 WHEN a < 259200 THEN 1 WHEN a < 604800 THEN 2
                    WHEN a < 2592000 THEN 3 ELSE 4 END AS b, count(*)
                FROM (SELECT :now - \(age) AS a FROM tickets WHERE status != 'closed' AND \(condition)) GROUP BY b
                """, [":now": .integer(Oracle.now)])
            var counts = [0, 0, 0, 0, 0]
            for row in rows { counts[Int(Oracle.int(row[0]))] = Int(Oracle.int(row[1])) }
            return counts
        }
        #expect(r.agingOpen == (try buckets("created_at", "1")))
        let waiting = try buckets(
            "waiting_since",
            "waiting_since IS NOT NULL AND (last_agent_response IS NULL "
                + "OR last_agent_response < last_customer_response OR status = 'new')")
        #expect(r.agingWaiting == waiting)
        #expect(r.agingOpen.reduce(0, +) > 0 && r.agingWaiting.reduce(0, +) > 0)
    }
}
