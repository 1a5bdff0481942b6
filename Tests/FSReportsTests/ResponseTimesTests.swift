import FSColumnar
import FSReports
import FSSnapshot
import Testing

/// response-times on a hand-made helpdesk (SEMANTICS.md, "First response time", "Reply
/// time", "Shared rules"); every figure derived by hand below.
///
/// Persons are ``Fixture/persons`` (agents 1 Ada, 2 Bob; customers 10, 11).
/// - T101 (Ada, mbox 1, prod 1, normal, stored FRT 3600), created 11-10 08:00: Ada 09:00
///   (FRT 3600), Ada 09:30 (answered twice: no sample), customer 10:00, 11:00, 12:00 (three
///   times: the clock runs from 10:00), Ada note 12:30 and an internal_info 12:40 (ignored),
///   Bob 14:00 → reply sample 4 h = 14400 s, Bob's, dated 11-10.
/// - T102 (Bob, mbox 2, prod 2, critical, stored FRT 100), created 11-10 10:00: Bob 09:50
///   (before created_at: skipped for the clock, still an agent reply), Bob 11-11 00:00:00 →
///   FRT 14 h = 50400, dated 11-11; stored 100 differs by more than 60 s.
/// - T103 (Ada, mbox 1, closed), created 11-10 23:59:59, no reply: unanswered, not now.
/// - T104 (nobody, mbox 1, new), created 11-11 00:00:00, one customer message: unanswered, and now.
/// - T105 (Ada, mbox 1, normal, no stored FRT), created 11-09 23:59:59, Ada 11-10 00:00:00 → FRT 1 s, dated 11-10.
@Suite("response-times")
struct ResponseTimesTests {
    static func t(_ s: String) -> Int64 { Fixture.t("2026-" + s) }

    static let tickets = [
        Ticket(
            id: 101, customerId: 10, agentId: 1, mailboxId: 1, productId: 1, status: "active", priority: "normal",
            createdAt: t("11-10 08:00:00"), firstResponseTime: 3600),
        Ticket(
            id: 102, customerId: 11, agentId: 2, mailboxId: 2, productId: 2, status: "active", priority: "critical",
            createdAt: t("11-10 10:00:00"), firstResponseTime: 100),
        Ticket(
            id: 103, customerId: 10, agentId: 1, mailboxId: 1, productId: 1, status: "closed", priority: "normal",
            createdAt: t("11-10 23:59:59"), resolvedAt: t("11-11 01:00:00")),
        Ticket(id: 104, customerId: 11, mailboxId: 1, status: "new", createdAt: t("11-11 00:00:00")),
        Ticket(
            id: 105, customerId: 10, agentId: 1, mailboxId: 1, productId: 1, status: "active", priority: "normal",
            createdAt: t("11-09 23:59:59")),
    ]

    static func c(_ id: Int64, _ ticket: Int64, _ person: Int64, _ at: String, _ type: String = "response") -> Conversation {
        Conversation(id: id, ticketId: ticket, personId: person, conversationType: type, createdAt: t(at))
    }

    static let conversations = [
        c(1, 101, 1, "11-10 09:00:00"), c(2, 101, 1, "11-10 09:30:00"), c(3, 101, 10, "11-10 10:00:00"),
        c(4, 101, 10, "11-10 11:00:00"), c(5, 101, 10, "11-10 12:00:00"), c(6, 101, 1, "11-10 12:30:00", "note"),
        c(7, 101, 1, "11-10 12:40:00", "internal_info"), c(8, 101, 2, "11-10 14:00:00"),
        c(9, 102, 2, "11-10 09:50:00"), c(10, 102, 2, "11-11 00:00:00"), c(11, 104, 11, "11-11 00:00:00"),
        c(12, 105, 1, "11-10 00:00:00"),
    ]

    static let store = Fixture.store(tickets: tickets, conversations: conversations)
    static let columns = ResponseColumns(store)

    /// The extras and stored first response times placed at the store's rows, as
    /// ``ResponseTimes/TicketExtras/read`` does.
    static let read: (extras: ResponseTimes.TicketExtras, stored: [Int32]) = {
        let names = ["normal", "critical"]
        var priority: [Int16] = []
        var stored: [Int32] = []
        for id in store.ticketIDs {
            let ticket = tickets.first { $0.id == id }!
            priority.append(ticket.priority.flatMap { names.firstIndex(of: $0) }.map(Int16.init) ?? -1)
            stored.append(ticket.firstResponseTime.map { Int32($0) } ?? ResponseTimes.TicketExtras.nullSeconds)
        }
        return (.init(priority: priority, priorityNames: names), stored)
    }()
    static let extras = read.extras

    func run(
        _ from: String, _ to: String, agent: Int64? = nil, mailbox: Int64? = nil, priority: String? = nil,
        by: ResponseTimes.Dimension? = nil, compare: Bool = false
    ) throws -> ResponseTimes.Result {
        try ResponseTimes.run(
            store: Self.store, columns: Self.columns, extras: Self.extras, storedFirstResponse: Self.read.stored,
            request: .init(
                from: Fixture.d("2026-" + from), to: Fixture.d("2026-" + to), agentId: agent, mailboxId: mailbox,
                priority: priority, by: by, comparePrevious: compare, interval: .day, now: Self.t("11-20 12:00:00")))
    }

    @Test("one day: FRT of T101 and T105, T101's reply clocked from the first of three customer messages")
    func oneDay() throws {
        let s = try run("11-10", "11-10").summary
        // FRT sorted [1, 3600]: mean 3601 / 2 = 1800.5 → 1801 (halves up); median at h = 0.5:
        // 1 + 0.5 · 3599 = 1800.5 → 1801; p90 at h = 0.9: 1 + 0.9 · 3599 = 3240.1 → 3240.
        #expect(
            s.firstResponse
                == DurationStats(n: 2, mean: 1801, median: 1801, p90: 3240, max: 3600, buckets: [1, 1, 0, 0, 0, 0, 0]))
        // One reply sample: 14:00 − 10:00 = 14400, the 4-8h bucket's lower bound.
        #expect(
            s.replyTime
                == DurationStats(n: 1, mean: 14400, median: 14400, p90: 14400, max: 14400, buckets: [0, 0, 1, 0, 0, 0, 0]))
        // Created on 11-10 without any agent reply: T103 only (T102's early reply counts).
        #expect(s.unanswered == 1)
        // Not closed and never answered: T104.
        #expect(s.unansweredNow == 1)
        // T101's stored 3600 equals ours; T105 has none.
        #expect(s.storedDiffers == 0)
    }

    @Test("the next day: T102's reply at 00:00:00 belongs to 11-11, its stored FRT differs")
    func nextDay() throws {
        let s = try run("11-11", "11-11").summary
        // 11-11 00:00 − 11-10 10:00 = 14 h = 50400, in 8-24h.
        #expect(
            s.firstResponse
                == DurationStats(n: 1, mean: 50400, median: 50400, p90: 50400, max: 50400, buckets: [0, 0, 0, 1, 0, 0, 0]))
        #expect(s.replyTime.n == 0 && s.replyTime.median == nil && s.replyTime.mean == nil && s.replyTime.max == nil)
        #expect(s.unanswered == 1)  // T104
        #expect(s.storedDiffers == 1)  // |100 − 50400| > 60
    }

    @Test("groups by agent: the writer of the reply, not the assignee")
    func byAgent() throws {
        let groups = try #require(try run("11-10", "11-11", by: .agent).groups)
        #expect(groups.map(\.id) == [1, 2])
        #expect(groups.map(\.name) == ["Ada Admin", "Bob Baker "])
        // Ada: FRT [1, 3600]; Bob: FRT [50400] and T101's reply 14400 though T101 is Ada's.
        #expect(groups[0].firstResponse.n == 2 && groups[0].replyTime.n == 0)
        #expect(groups[1].firstResponse.median == 50400 && groups[1].replyTime.median == 14400)
    }

    @Test("filters: --agent is the reply's writer, --priority and --mailbox the ticket's")
    func filters() throws {
        let bob = try run("11-10", "11-11", agent: 2).summary
        #expect(bob.firstResponse.n == 1 && bob.replyTime.n == 1)
        #expect(bob.unanswered == 0)  // Bob is the assignee of no unanswered ticket
        let critical = try run("11-10", "11-11", priority: "critical").summary
        #expect(critical.firstResponse.max == 50400 && critical.replyTime.n == 0)
        let billing = try run("11-10", "11-11", mailbox: 2).summary
        #expect(billing.firstResponse.n == 1 && billing.unanswered == 0 && billing.unansweredNow == 0)
        #expect(throws: ReportError.unknownPriority(name: "urgent", known: ["normal", "critical"])) {
            try run("11-10", "11-11", priority: "urgent")
        }
    }

    @Test("series: the median FRT of each day's first replies; compare previous: the day before")
    func seriesAndCompare() throws {
        let r = try run("11-10", "11-11")
        #expect(r.series.map(\.median) == [1801, 50400])
        let c = try run("11-11", "11-11", compare: true)
        #expect(c.previous == (try run("11-10", "11-10")).summary)
    }

    @Test("a reversed range and an unknown agent are the user's errors")
    func errors() {
        #expect(throws: ReportError.self) { try run("11-11", "11-10") }
        #expect(throws: ReportError.self) { try run("11-10", "11-11", agent: 10) }  // a customer
    }

    @Test(
        "statistics blocks: n = 0, 1, 2, 10 with ties; R-7, halves up",
        arguments: [
            ([Int64](), DurationStats(n: 0, mean: nil, median: nil, p90: nil, max: nil, buckets: [0, 0, 0, 0, 0, 0, 0])),
            ([5], DurationStats(n: 1, mean: 5, median: 5, p90: 5, max: 5, buckets: [1, 0, 0, 0, 0, 0, 0])),
            // mean 2.5 → 3; median 2.5 → 3; p90 at h = 0.9: 4.5 → 5.
            ([5, 0], DurationStats(n: 2, mean: 3, median: 3, p90: 5, max: 5, buckets: [2, 0, 0, 0, 0, 0, 0])),
            // Sum 1230 → mean 123; median h = 4.5: (20 + 30) / 2 = 25; p90 h = 8.1: 60 + 0.1 · 940 = 154.
            (
                [1000, 10, 0, 10, 20, 10, 30, 40, 50, 60],
                DurationStats(n: 10, mean: 123, median: 25, p90: 154, max: 1000, buckets: [10, 0, 0, 0, 0, 0, 0])
            ),
            // Bucket edges: 3599 | 3600, 86399 | 86400, 604799 | 604800. Sum 1389597 / 6 = 231599.5 → 231600;
            // median h = 2.5: 86399.5 → 86400; p90 h = 4.5: 604799.5 → 604800.
            (
                [3599, 3600, 86_399, 86_400, 604_799, 604_800],
                DurationStats(n: 6, mean: 231_600, median: 86_400, p90: 604_800, max: 604_800, buckets: [1, 1, 0, 1, 1, 1, 1])
            ),
        ])
    func statistics(_ values: [Int64], _ expected: DurationStats) {
        #expect(DurationStats(values) == expected)
    }
}
