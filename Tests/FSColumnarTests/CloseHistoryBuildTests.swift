import FSColumnar
import FSSnapshot
import Testing

/// ``CloseHistory`` on hand-made events: the two sources merged, redundant events
/// dropped, `resolved_at` as the last resort.
@Suite struct CloseHistoryBuildTests {
    static func store(_ tickets: [Ticket]) -> ColumnarStore {
        var b = ColumnarBuilder()
        b.addPerson(Person(id: 1, personType: "agent"))
        tickets.forEach { b.addTicket($0) }
        return b.build()
    }

    static let tickets = [
        // 1: activity close at 1000 and its system note at 1030 (one event); a note reopen at
        //    5000; an activity reopen at 5020 (its twin); a second close at 9000 (activity).
        Ticket(id: 1, status: "closed", createdAt: 100, resolvedAt: 9000),
        // 2: system notes only: close 2000, close 2500 (already closed: dropped), reopen 3000.
        Ticket(id: 2, status: "active", createdAt: 200, resolvedAt: 2000),
        // 3: closed, no event: resolved_at is its one close.
        Ticket(id: 3, status: "closed", createdAt: 300, resolvedAt: 4000),
        // 4: open, no event: never closed.
        Ticket(id: 4, status: "active", createdAt: 400),
    ]

    static func e(_ t: Int64, _ at: Int64, reopen: Bool = false, activity: Bool) -> CloseHistory.Event {
        .init(ticketId: t, at: at, reopen: reopen, fromActivity: activity)
    }

    @Test func sourcesMergedAndRedundantEventsDropped() {
        let store = Self.store(Self.tickets)
        let h = CloseHistory(
            store: store,
            events: [
                Self.e(1, 1000, activity: true), Self.e(1, 1030, activity: false),
                Self.e(1, 5000, reopen: true, activity: false), Self.e(1, 5020, reopen: true, activity: true),
                Self.e(1, 9000, activity: true), Self.e(2, 2000, activity: false), Self.e(2, 2500, activity: false),
                Self.e(2, 3000, reopen: true, activity: false), Self.e(99, 10, activity: true),  // deleted ticket
            ])
        let rows = Dictionary(uniqueKeysWithValues: store.ticketIDs.enumerated().map { ($1, $0) })
        func row(_ id: Int64) -> Int { rows[id]! }
        #expect(h.firstClose[row(1)] == 1000 && h.reopens[row(1)] == 1 && h.source[row(1)] == .activities)
        #expect(h.firstClose[row(2)] == 2000 && h.reopens[row(2)] == 1 && h.source[row(2)] == .systemNotes)
        #expect(h.firstClose[row(3)] == 4000 && h.reopens[row(3)] == 0 && h.source[row(3)] == .resolvedAt)
        #expect(h.firstClose[row(4)] == ColumnarStore.null && h.source[row(4)] == .none)
        #expect(CloseHistory.Source.resolvedAt.name == "resolved_at" && CloseHistory.Source.systemNotes.name == "system-notes")
    }
}
