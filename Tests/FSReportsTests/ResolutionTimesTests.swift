import FSColumnar
import FSRender
import FSReports
import FSSnapshot
import Testing

/// resolution-times on a hand-made helpdesk (SEMANTICS.md, "Resolution time", "Close /
/// reopen history"); persons are ``Fixture/persons`` (Ada 1; customer 10).
/// - R1 closed, created 11-10 00:00, resolved 11-12 00:00. Activities: close 11-11 00:00,
///   reopen 11-11 06:00, close 11-12 00:00. Ada 11-10 01:00, customer 11-11 06:00, Ada
///   11-11 12:00: 2 agent replies, 1 customer message. Full 2 d = 172800, first 1 d = 86400.
/// - R2 closed, created 11-11 00:00, resolved 02:00, no event (resolved_at is the history),
///   no reply: zero-touch. Full = first = 7200.
/// - R3 closed, created 11-11 10:00, resolved 11:00; a system-note close at 11:00; Ada 10:30:
///   one-touch. Full = first = 3600.
/// - R4 active (re-opened), created 11-01, resolved_at 11-05 kept: system notes close 11-05
///   00:00, reopen 11-12 00:00 (7 d = 604800 after its close). Not in the cohort.
@Suite("resolution-times")
struct ResolutionTimesTests {
    static func t(_ s: String) -> Int64 { Fixture.t("2026-" + s) }

    static let tickets = [
        Ticket(
            id: 201, customerId: 10, agentId: 1, mailboxId: 1, status: "closed", createdAt: t("11-10 00:00:00"),
            resolvedAt: t("11-12 00:00:00")),
        Ticket(
            id: 202, customerId: 10, agentId: 1, mailboxId: 1, status: "closed", createdAt: t("11-11 00:00:00"),
            resolvedAt: t("11-11 02:00:00")),
        Ticket(
            id: 203, customerId: 10, agentId: 2, mailboxId: 2, status: "closed", createdAt: t("11-11 10:00:00"),
            resolvedAt: t("11-11 11:00:00")),
        Ticket(
            id: 204, customerId: 10, agentId: 2, mailboxId: 2, status: "active", createdAt: t("11-01 00:00:00"),
            resolvedAt: t("11-05 00:00:00")),
    ]

    static let conversations = [
        Conversation(id: 1, ticketId: 201, personId: 1, conversationType: "response", createdAt: t("11-10 01:00:00")),
        Conversation(id: 2, ticketId: 201, personId: 10, conversationType: "response", createdAt: t("11-11 06:00:00")),
        Conversation(id: 3, ticketId: 201, personId: 1, conversationType: "response", createdAt: t("11-11 12:00:00")),
        Conversation(id: 4, ticketId: 203, personId: 1, conversationType: "response", createdAt: t("11-11 10:30:00")),
    ]

    static func e(_ ticket: Int64, _ at: String, reopen: Bool = false, activity: Bool) -> CloseHistory.Event {
        .init(ticketId: ticket, at: t(at), reopen: reopen, fromActivity: activity)
    }

    static let store = Fixture.store(tickets: tickets, conversations: conversations)
    static let history = CloseHistory(
        store: store,
        events: [
            e(201, "11-11 00:00:00", activity: true), e(201, "11-11 06:00:00", reopen: true, activity: true),
            e(201, "11-12 00:00:00", activity: true), e(203, "11-11 11:00:00", activity: false),
            e(204, "11-05 00:00:00", activity: false), e(204, "11-12 00:00:00", reopen: true, activity: false),
        ])
    static let extras = ResponseTimes.TicketExtras(
        priority: [Int16](repeating: -1, count: 4), priorityNames: [])

    func run(_ from: String, _ to: String, agent: Int64? = nil, by: ResponseTimes.Dimension? = nil) throws
        -> ResolutionTimes.Result
    {
        try ResolutionTimes.run(
            store: Self.store, replies: ResponseColumns(Self.store), history: Self.history, extras: Self.extras,
            request: .init(
                from: Fixture.d("2026-" + from), to: Fixture.d("2026-" + to), agentId: agent, by: by,
                now: Self.t("11-20 00:00:00")))
    }

    @Test("full vs first resolution, replies, touches, reopens and the weakest history")
    func summary() throws {
        let s = try run("11-10", "11-12").summary
        #expect(s.closed == 3)
        // Full [3600, 7200, 172800]: mean 183600 / 3 = 61200; p90 h = 1.8: 7200 + 0.8 · 165600 = 139680.
        #expect(
            s.full == DurationStats(n: 3, mean: 61200, median: 7200, p90: 139_680, max: 172_800, buckets: [0, 2, 0, 0, 1, 0, 0]))
        // First [3600, 7200, 86400]: mean 97200 / 3 = 32400; p90 7200 + 0.8 · 79200 = 70560.
        #expect(
            s.first == DurationStats(n: 3, mean: 32400, median: 7200, p90: 70560, max: 86400, buckets: [0, 2, 0, 0, 1, 0, 0]))
        // Agent replies 2, 0, 1: mean 1.00, median 1.00. Customer messages 1, 0, 0: mean 0.33, median 0.00.
        #expect(s.agentReplies.meanHundredths == 100 && s.agentReplies.medianHundredths == 100)
        #expect(s.agentReplies.counts == [1, 1, 1, 0])
        #expect(s.customerMessages.meanHundredths == 33 && s.customerMessages.medianHundredths == 0)
        #expect(s.customerMessages.counts == [2, 1, 0, 0])
        #expect(s.oneTouch == 1 && s.zeroTouch == 1)  // R3; R2
        #expect(s.reopened == 1)  // R1
        // R1's reopen 6 h after its close and R4's 7 d after: median (21600 + 604800) / 2 = 313200.
        #expect(s.reopenEvents == 2 && s.closeToReopenMedian == 313_200)
        #expect(s.history == .resolvedAt)  // R2 needed resolved_at
    }

    @Test("one day without R1's last close: history from system notes only (R3) and resolved_at (R2)")
    func oneDay() throws {
        let s = try run("11-11", "11-11").summary
        #expect(s.closed == 2 && s.full.max == 7200)
        // First closes on 11-11: R1 (86400), R2 (7200), R3 (3600).
        #expect(s.first.n == 3)
        #expect(s.reopenEvents == 1 && s.closeToReopenMedian == 21600)
        let bob = try run("11-11", "11-11", agent: 2).summary
        #expect(bob.closed == 1 && bob.history == .systemNotes && bob.reopenEvents == 0)
    }

    @Test("groups by assignee, and the JSON body's decimals")
    func groupsAndJSON() throws {
        let r = try run("11-10", "11-12", by: .agent)
        #expect(r.groups?.map(\.id) == [1, 2] && r.groups?.map(\.closed) == [2, 1])
        let text = ResolutionTimesOutput.json(r).serialized(pretty: false)
        #expect(text.contains(#""customer_messages":{"mean":0.33,"median":0.00,"0":2,"1":1,"2":0,"3+":0}"#))
        #expect(text.contains(#""history":"resolved_at""#))
        #expect(JSONValue.fixed(-105, places: 2).serialized(pretty: false) == "-1.05")
    }
}
