import FSColumnar
import FSSnapshot
import Testing

/// ``FirstResolutions`` on hand-made histories: each first close's resolution time in the
/// group of its day, and day ranges as slices.
@Suite struct FirstResolutionsTests {
    static let day = LocalTime.secondsPerDay

    /// Six tickets: 1, 2 and 5 first closed on day 10 (5 reopened on day 11 and open
    /// since), 3 never closed, 4 closed at the last second of day 12, 6 closed on day 13
    /// with no event (at `resolved_at`). Store rows are in creation order: 2, 5, 1, 3, 4, 6.
    static func columns() -> FirstResolutions {
        var b = ColumnarBuilder()
        b.addPerson(Person(id: 1, personType: "agent"))
        let d = Self.day
        b.addTicket(Ticket(id: 1, status: "closed", createdAt: 10 * d + 100, resolvedAt: 10 * d + 600))
        b.addTicket(Ticket(id: 2, status: "closed", createdAt: 9 * d + 82_800, resolvedAt: 10 * d + 3_000))
        b.addTicket(Ticket(id: 3, status: "active", createdAt: 11 * d))
        b.addTicket(Ticket(id: 4, status: "closed", createdAt: 11 * d + 86_399, resolvedAt: 12 * d + 86_399))
        b.addTicket(Ticket(id: 5, status: "active", createdAt: 10 * d, resolvedAt: 10 * d + 7))
        b.addTicket(Ticket(id: 6, status: "closed", createdAt: 13 * d, resolvedAt: 13 * d + 60))
        let store = b.build()
        let history = CloseHistory(
            store: store,
            events: [
                .init(ticketId: 1, at: 10 * d + 600, reopen: false, fromActivity: true),
                .init(ticketId: 2, at: 10 * d + 3_000, reopen: false, fromActivity: true),
                .init(ticketId: 4, at: 12 * d + 86_399, reopen: false, fromActivity: true),
                .init(ticketId: 5, at: 10 * d + 7, reopen: false, fromActivity: true),
                .init(ticketId: 5, at: 11 * d, reopen: true, fromActivity: true),
            ])
        #expect(store.ticketIDs == [2, 5, 1, 3, 4, 6])
        return FirstResolutions(history: history, store: store)
    }

    @Test func eachFirstCloseIsInTheGroupOfItsDay() {
        let f = Self.columns()
        #expect(f.firstDay == 10 && f.days == 4)
        // Day 10 sorted: ticket 5 (7), 1 (600 − 100 = 500), 2 (86 400 + 3 000 − 82 800 = 6 600);
        // day 11: none; day 12: ticket 4 (86 400 exactly); day 13: ticket 6 (60).
        #expect(Array(f.dayStarts) == [0, 3, 3, 4, 5])
        #expect(Array(f.durations) == [7, 500, 6_600, 86_400, 60])
    }

    @Test func dayRangesAreSlices() {
        let f = Self.columns()
        #expect(f.range(days: 10...10) == 0..<3)
        #expect(f.range(days: 11...11) == 3..<3)
        #expect(f.range(days: 11...12) == 3..<4)
        #expect(f.range(days: 0...9) == 0..<0)
        #expect(f.range(days: 14...20) == 5..<5)
        #expect(f.range(days: 5...500) == 0..<5)
        #expect(f.range(days: 13...Int64.max) == 4..<5)
        #expect(f.range(days: Int64.min...10) == 0..<3)
        // The runs are the non-empty days' groups.
        #expect(f.runs(days: 10...13) == [0..<3, 3..<4, 4..<5])
        #expect(f.runs(days: 11...12) == [3..<4])
        #expect(f.runs(days: 11...11).isEmpty && f.runs(days: 0...9).isEmpty)
        #expect(f.runs(days: 13...Int64.max) == [4..<5])
    }

    @Test func noFirstCloseNoGroups() {
        var b = ColumnarBuilder()
        b.addPerson(Person(id: 1, personType: "agent"))
        b.addTicket(Ticket(id: 1, status: "active", createdAt: 1000))
        let store = b.build()
        let f = FirstResolutions(history: CloseHistory(store: store, events: []), store: store)
        #expect(f.durations.isEmpty && f.days == 0 && f.range(days: 0...100) == 0..<0)
    }
}
