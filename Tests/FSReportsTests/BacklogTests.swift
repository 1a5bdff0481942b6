import FSColumnar
import FSRender
import FSReports
import FSSnapshot
import Testing

/// backlog on a hand-made helpdesk (SEMANTICS.md, "Backlog"); persons are
/// ``Fixture/persons`` (agents 1 Ada, 2 Bob), mailboxes and products 1, 2. Open intervals
/// (events clamped to `created_at`):
/// - B1 Ada m1 p1 closed: created 11-09 10:00; close 11-10 09:00, reopen 11-11 12:00, close
///   11-12 23:59:59 → [11-09 10:00, 11-10 09:00), [11-11 12:00, 11-12 23:59:59).
/// - B2 Ada m2 p2 closed: created 11-10 08:00, closed 11-10 17:00 (system note): same day.
/// - B3 Bob m1 p1 active: created 11-11 00:00:00, no event → [11-11 00:00, ∞).
/// - B4 Bob m1 p2 closed: created 11-08 12:00, no event, resolved_at 11-13 00:00:00 → the
///   history is resolved_at: [11-08 12:00, 11-13 00:00:00).
/// - B5 unassigned m2 p1 new: created 11-12 23:59:59 → [11-12 23:59:59, ∞).
/// - B6 Ada m1 p1 closed: created 11-11 10:00, its close logged at 09:00 (before created_at)
///   counts at 10:00 → empty interval; created and closed on 11-11.
/// - B7 Bob m1 p1 closed: created 11-13 00:00:00, no event, no resolved_at → closes at
///   created_at: empty interval.
/// - B8 Bob m1 p1 active: created 11-14 09:00, after the range.
/// A close of ticket 99 (not in the snapshot: deleted) is ignored.
@Suite("backlog")
struct BacklogTests {
    static func t(_ s: String) -> Int64 { Fixture.t("2026-" + s) }
    static func d(_ s: String) -> Int64 { Fixture.d("2026-" + s) }

    static let tickets = [
        Ticket(
            id: 301, agentId: 1, mailboxId: 1, productId: 1, status: "closed", createdAt: t("11-09 10:00:00"),
            resolvedAt: t("11-12 23:59:59")),
        Ticket(
            id: 302, agentId: 1, mailboxId: 2, productId: 2, status: "closed", createdAt: t("11-10 08:00:00"),
            resolvedAt: t("11-10 17:00:00")),
        Ticket(id: 303, agentId: 2, mailboxId: 1, productId: 1, status: "active", createdAt: t("11-11 00:00:00")),
        Ticket(
            id: 304, agentId: 2, mailboxId: 1, productId: 2, status: "closed", createdAt: t("11-08 12:00:00"),
            resolvedAt: t("11-13 00:00:00")),
        Ticket(id: 305, agentId: nil, mailboxId: 2, productId: 1, status: "new", createdAt: t("11-12 23:59:59")),
        Ticket(
            id: 306, agentId: 1, mailboxId: 1, productId: 1, status: "closed", createdAt: t("11-11 10:00:00"),
            resolvedAt: t("11-11 09:00:00")),
        Ticket(id: 307, agentId: 2, mailboxId: 1, productId: 1, status: "closed", createdAt: t("11-13 00:00:00")),
        Ticket(id: 308, agentId: 2, mailboxId: 1, productId: 1, status: "active", createdAt: t("11-14 09:00:00")),
    ]

    static func e(_ ticket: Int64, _ at: String, reopen: Bool = false, activity: Bool = true) -> CloseHistory.Event {
        .init(ticketId: ticket, at: t(at), reopen: reopen, fromActivity: activity)
    }

    static let store = Fixture.store(tickets: tickets, conversations: [])
    static let history = CloseHistory(
        store: store,
        events: [
            e(99, "11-10 10:00:00"), e(301, "11-10 09:00:00"), e(301, "11-11 12:00:00", reopen: true),
            e(301, "11-12 23:59:59"), e(302, "11-10 17:00:00", activity: false), e(306, "11-11 09:00:00"),
        ])

    static func run(
        _ from: String = "11-09", _ to: String = "11-13", agent: Int64? = nil, product: Int64? = nil,
        mailbox: Int64? = nil
    ) throws -> Backlog.Result {
        try Backlog.run(
            store: store, history: history,
            request: .init(
                from: d(from), to: d(to), agentId: agent, productId: product, mailboxId: mailbox, now: Fixture.now))
    }

    /// `[open, created, closed, reopened]` per day.
    static func rows(_ r: Backlog.Result) -> [[Int]] { r.days.map { [$0.open, $0.created, $0.closed, $0.reopened] } }

    @Test func everyEdgeOfTheIntervals() throws {
        let r = try Self.run()
        #expect(r.days.map(\.day) == (0..<5).map { Self.d("11-09") + Int64($0) })
        // Open at the end of 11-08: B4. Then, day by day (open = previous + created − closed + reopened):
        // 11-09 created B1 → 1 + 1 = 2 (B1, B4).
        // 11-10 created B2; closed B1 09:00 and B2 17:00 → 2 + 1 − 2 = 1 (B4).
        // 11-11 created B3 (00:00:00) and B6; closed B6 (at its created_at); reopened B1 → 1 + 2 − 1 + 1 = 3.
        // 11-12 created B5 at 23:59:59 (open at 23:59:59); closed B1 at 23:59:59 (not open then) → 3 + 1 − 1 = 3.
        // 11-13 created B7; closed B4 at 00:00:00 (resolved_at) and B7 (no resolved_at: at created_at) → 3 + 1 − 2 = 2.
        #expect(Self.rows(r) == [[2, 1, 0, 0], [1, 1, 2, 0], [3, 2, 1, 1], [3, 1, 1, 0], [2, 1, 2, 0]])
    }

    @Test func filtersByAssigneeMailboxProduct() throws {
        // Ada: B1, B2, B6; nothing open before. 11-09 +1; 11-10 +1 −2; 11-11 +1 −1 +1; 11-12 −1.
        #expect(Self.rows(try Self.run(agent: 1)) == [[1, 1, 0, 0], [0, 1, 2, 0], [1, 1, 1, 1], [0, 0, 1, 0], [0, 0, 0, 0]])
        // Mailbox 2: B2 (11-10, same day), B5 (11-12).
        #expect(
            Self.rows(try Self.run(mailbox: 2)) == [[0, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0], [1, 1, 0, 0], [1, 0, 0, 0]])
        // Product 2: B4 open from before; B2 same day on 11-10; B4 closes 11-13.
        #expect(
            Self.rows(try Self.run(product: 2)) == [[1, 0, 0, 0], [1, 1, 1, 0], [1, 0, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0]])
        // Two filters: Bob and product 1 → B3, B7 (B8 after the range).
        #expect(
            Self.rows(try Self.run(agent: 2, product: 1))
                == [[0, 0, 0, 0], [0, 0, 0, 0], [1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 1, 0]])
    }

    @Test func openBeforeTheRangeFromEitherSide() throws {
        // One day, 11-13, for Bob (B3, B4, B7, B8): the count before the range comes from the end
        // of the history (B3 and B8 open at the end; B8 created after 11-13, B4 closed 11-13 00:00)
        // → open at the end of 11-12: B3, B4 = 2; 11-13: created B7, closed B4 and B7 → 2 + 1 − 2 = 1.
        #expect(Self.rows(try Self.run("11-13", "11-13", agent: 2)) == [[1, 1, 2, 0]])
        // The same day without a filter (binary search): B3, B4, B5 before → 3 + 1 − 2 = 2.
        #expect(Self.rows(try Self.run("11-13", "11-13")) == [[2, 1, 2, 0]])
        // After every event: B3, B5, B8 stay open.
        #expect(Self.rows(try Self.run("11-20", "11-20")) == [[3, 0, 0, 0]])
        #expect(Self.rows(try Self.run("11-20", "11-20", agent: 2)) == [[2, 0, 0, 0]])
        // Before every ticket: nothing.
        #expect(Self.rows(try Self.run("11-01", "11-01", mailbox: 1)) == [[0, 0, 0, 0]])
    }

    @Test func closeHistoryKeepsEveryInterval() {
        let h = Self.history
        let id = Dictionary(uniqueKeysWithValues: Self.store.ticketIDs.enumerated().map { ($0, $1) })
        func list(_ times: Column<UInt32>, _ rows: Column<Int32>) -> [String] {
            zip(times, rows).map { "\(id[Int($1)]!) \(LocalTime.format(h.at($0)))" }
        }
        // The store lists resolved_at of B1 (11-12 23:59:59), B2, B4 and B6 (11-11 09:00). B1, B2 and B4
        // close last at it; B1's first close is extra; B6 closes at its created_at (10:00), so its
        // resolved_at is stale; B7 (no resolved_at) closes at its created_at.
        #expect(
            list(h.extraCloseTime, h.extraCloseRow) == [
                "301 2026-11-10 09:00:00", "306 2026-11-11 10:00:00", "307 2026-11-13 00:00:00",
            ])
        #expect(list(h.staleCloseTime, h.staleCloseRow) == ["306 2026-11-11 09:00:00"])
        #expect(list(h.openTime, h.openRow) == ["301 2026-11-11 12:00:00"])
        #expect(h.openNow.map { id[Int($0)]! } == [303, 305, 308])
        #expect(h.openByStatusOnly.isEmpty && h.closedByStatusOnly.isEmpty && h.waitingRow.isEmpty)
        // 4 listed + 3 extra − 1 stale = 6 closes; 3 of them before 11-12 23:59:59 (B1 09:00, B2, B6).
        #expect(h.closesBefore(Self.t("11-14 00:00:00"), store: Self.store) == 6)
        #expect(h.closesBefore(Self.t("11-12 23:59:59"), store: Self.store) == 3)
        // The resolution reports' first close keeps the logged time (before created_at).
        #expect(h.firstClose[Self.store.ticketIDs.firstIndex(of: 306)!] == Self.t("11-11 09:00:00"))
    }

    /// now = 11-20 12:00:00. Ages (now − created_at) on the bucket edges of 1, 3, 7, 30 days.
    @Test func agingBucketsAreLowerBoundInclusive() throws {
        let now = Fixture.now
        let day: Int64 = 86_400
        func ticket(_ id: Int64, age: Int64, status: String = "active", waiting: Int64? = nil, lastAgent: Int64? = nil)
            -> Ticket
        {
            Ticket(
                id: id, agentId: 1, mailboxId: 1, productId: 1, status: status, createdAt: now - age,
                lastAgentResponse: lastAgent, waitingSince: waiting)
        }
        let tickets = [
            ticket(1, age: day - 1, waiting: now - 1),  // 0-1d; waiting 1 s, no agent reply → 0-1d
            ticket(2, age: day, waiting: now - day, lastAgent: now - 2 * day),  // 1-3d; answered, no customer → not waiting
            ticket(3, age: 3 * day - 1, status: "new", waiting: now - 3 * day, lastAgent: now),  // 1-3d; new → waiting 3-7d
            ticket(4, age: 3 * day),  // 3-7d; no waiting_since → not waiting
            ticket(5, age: 7 * day, waiting: now - 7 * day),  // 7-30d; waiting 7-30d
            ticket(6, age: 30 * day - 1, waiting: now - 30 * day),  // 7-30d; waiting 30d+
            ticket(7, age: 30 * day),  // 30d+
            ticket(8, age: -60, waiting: now + 60),  // created after now: age 0 → 0-1d, waiting 0-1d
            ticket(9, age: 40 * day, status: "closed", waiting: now - 40 * day),  // closed: not open
            // Aging goes by the status now, whatever the history says: 10 is active although its
            // history ends closed (1-3d); 11 is closed although its history ends re-opened (not open).
            ticket(10, age: 2 * day),
            ticket(11, age: 2 * day, status: "closed"),
        ]
        let store = Fixture.store(tickets: tickets, conversations: [])
        let events: [CloseHistory.Event] = [
            .init(ticketId: 10, at: now - day, reopen: false, fromActivity: true),
            .init(ticketId: 11, at: now - day, reopen: false, fromActivity: true),
            .init(ticketId: 11, at: now - 60, reopen: true, fromActivity: true),
        ]
        let history = CloseHistory(store: store, events: events)
        #expect(history.openByStatusOnly.map { store.ticketIDs[Int($0)] } == [10])
        #expect(history.closedByStatusOnly.map { store.ticketIDs[Int($0)] } == [11])
        // Waiting by waiting_since: 6 (now − 30 d), 5, 3, 1, 8 (after now).
        #expect(history.waitingRow.map { store.ticketIDs[Int($0)] } == [6, 5, 3, 1, 8])
        // The series still goes by the history. Today: open at the end = 1…8 (no event, status not
        // closed) and 11 (re-opened at now − 60 s) = 9; created 8 (1 is 1 d − 1 s old: yesterday);
        // reopened 11; 10 and 11 closed yesterday → open at the end of yesterday 9 − 1 − 1 = 7 (1…7).
        // With a filter the count before the day comes from the end state (openNow − 10 + 11).
        for request in [
            Backlog.Request(from: LocalTime.day(now), now: now), .init(from: LocalTime.day(now), mailboxId: 1, now: now),
        ] {
            let r = try Backlog.run(store: store, history: history, request: request)
            #expect(r.days.map { [$0.open, $0.created, $0.closed, $0.reopened] } == [[9, 1, 0, 1]])
        }
        let r = try Backlog.run(store: store, history: history, request: .init(now: now))
        #expect(r.agingOpen == [2, 3, 1, 2, 1])
        #expect(r.agingWaiting == [2, 0, 1, 1, 1])
        // A filter applies (all of these are Ada's; unassigned tickets count without one: see the SQL oracle).
        let other = try Backlog.run(store: store, history: history, request: .init(agentId: 2, now: now))
        #expect(other.agingOpen == [0, 0, 0, 0, 0] && other.agingWaiting == [0, 0, 0, 0, 0])
        // The assignee's path (the store's open group) agrees: all of them are Ada's.
        let ada = try Backlog.run(store: store, history: history, request: .init(agentId: 1, now: now))
        #expect(ada.agingOpen == r.agingOpen && ada.agingWaiting == r.agingWaiting)
        let mailbox = try Backlog.run(store: store, history: history, request: .init(mailboxId: 1, now: now))
        #expect(mailbox.agingOpen == r.agingOpen && mailbox.agingWaiting == r.agingWaiting)
        // Default range: today − 30 … today, like the growth series.
        #expect(r.from == LocalTime.day(now) - 30 && r.to == LocalTime.day(now) && r.days.count == 31)
    }

    @Test func fixtureAging() throws {
        // B3 (created 11-11 00:00, 9 d 12 h), B5 (11-12 23:59:59, 7 d 12:00:01), B8 (11-14 09:00, 6 d 3 h) are open.
        let r = try Self.run()
        #expect(r.agingOpen == [0, 0, 1, 2, 0])
        #expect(r.agingWaiting == [0, 0, 0, 0, 0])  // none has waiting_since
    }

    @Test func unknownIdsAndReversedRange() {
        #expect(throws: ReportError.unknownAgent(id: 10)) { try Self.run(agent: 10) }  // a customer
        #expect(throws: ReportError.unknownProduct(id: 9)) { try Self.run(product: 9) }
        #expect(throws: ReportError.unknownMailbox(id: 9)) { try Self.run(mailbox: 9) }
        #expect(throws: ReportError.fromAfterTo(from: "2026-11-13", to: "2026-11-09")) { try Self.run("11-13", "11-09") }
    }

    @Test func jsonAndTableShapes() throws {
        let r = try Self.run("11-12", "11-13")
        let json = BacklogOutput.json(r).serialized(pretty: false)
        #expect(
            json == #"{"stats":{"2026-11-12":{"open":3,"created":1,"closed":1,"reopened":0},"#
                + #""2026-11-13":{"open":2,"created":1,"closed":2,"reopened":0}},"#
                + #""aging":{"open":{"0-1d":0,"1-3d":0,"3-7d":1,"7-30d":2,"30d+":0},"#
                + #""waiting":{"0-1d":0,"1-3d":0,"3-7d":0,"7-30d":0,"30d+":0}}}"#)
        let csv = CSV.render(BacklogOutput.table(r)).components(separatedBy: "\r\n")
        #expect(csv[0] == "section,key,open,created,closed,reopened,waiting")
        #expect(csv[1] == "day,2026-11-12,3,1,1,0," && csv[2] == "day,2026-11-13,2,1,2,0,")
        #expect(csv[3] == "aging,0-1d,0,,,,0" && csv[7] == "aging,30d+,0,,,,0")
    }
}
