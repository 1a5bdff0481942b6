import FSColumnar
import FSSnapshot
import Testing

/// ``DayMiddles`` against the days' durations sorted by hand.
@Suite struct DayMiddlesTests {
    /// Tickets answered on days 100 (three FRTs), 101 (none), 102 (two) and 103 (one).
    static func columns() -> ResponseColumns {
        var builder = ColumnarBuilder()
        builder.addPerson(Person(id: 1, personType: "agent"))
        let day = LocalTime.secondsPerDay
        // (created, first reply): FRTs 600, 60 and 3000 on day 100; 10 and 7200 on day 102; 5 on day 103.
        for created in [
            (100 * day + 1000, 100 * day + 1600), (100 * day + 2000, 100 * day + 2060),
            (100 * day + 3000, 100 * day + 6000), (102 * day, 102 * day + 10), (102 * day + 50, 102 * day + 7250),
            (103 * day + 9, 103 * day + 14),
        ].enumerated() {
            let id = Int64(created.offset + 1)
            builder.addTicket(Ticket(id: id, status: "active", createdAt: created.element.0))
            builder.addConversation(ticketId: id, personId: 1, type: "response", createdAt: created.element.1)
        }
        return ResponseColumns(builder.build())
    }

    @Test func eachDayKeepsItsTwoMiddleValues() {
        let middles = DayMiddles(Self.columns())
        #expect(middles.firstDay == 100 && middles.low.count == 4)
        // Day 100 sorted: 60, 600, 3000 → ranks ⌊2/2⌋ = ⌈2/2⌉ = 1: 600 and 600.
        #expect(middles.middles(day: 100).map { [$0.0, $0.1] } == [600, 600])
        // Day 102 sorted: 10, 7200 → ranks 0 and 1.
        #expect(middles.middles(day: 102).map { [$0.0, $0.1] } == [10, 7200])
        #expect(middles.middles(day: 103).map { [$0.0, $0.1] } == [5, 5])
        #expect(middles.middles(day: 99) == nil && middles.middles(day: 104) == nil)
        #expect(middles.describes(Self.columns()))
    }

    @Test func noFirstResponsesNoDays() {
        var builder = ColumnarBuilder()
        builder.addPerson(Person(id: 1, personType: "agent"))
        let middles = DayMiddles(ResponseColumns(builder.build()))
        #expect(middles.low.isEmpty && middles.middles(day: 0) == nil)
    }
}
