import FSColumnar
import FSReports
import Testing

@Suite struct OverallTests {
    @Test func countsTicketsByCurrentStatusAndEveryResponse() throws {
        let counts = try Fixture.overall(.overall, Fixture.request())
        // new: T4, T6. active: T3 (re-opened), T5. closed: T1, T2, T7, T8. T9 "pending" is none of them.
        #expect(counts["new_tickets"] == 2)
        #expect(counts["active_tickets"] == 2)
        #expect(counts["closed_tickets"] == 4)
        // Type "response" by anyone: conversations 1, 2, 4, 6, 7, 8, 9, 10, 11 = 9
        // (3 is internal_info, 5 is a note).
        #expect(counts["responses"] == 9)
    }

    @Test func keepsTheEndpointsOrderAndTitles() throws {
        guard case .overall(let items) = try Reports.run(.overall, store: Fixture.store(), request: Fixture.request())
        else { Issue.record("not overall"); return }
        #expect(items.map(\.key) == ["new_tickets", "active_tickets", "closed_tickets", "responses"])
        #expect(items.map(\.title) == ["New Tickets", "Active Tickets", "Closed Tickets", "Responses"])
    }

    @Test func emptyStoreGivesZeros() throws {
        let counts = try Fixture.overall(.overall, Fixture.request(), store: ColumnarBuilder().build())
        #expect(counts == ["new_tickets": 0, "active_tickets": 0, "closed_tickets": 0, "responses": 0])
    }

    @Test func myOverallCountsEveryConversationTypeForReplies() throws {
        // Ada wrote 2, 3 (internal_info), 4, 5 (note), 6: 5 replies; responses on T1, T2: 2
        // interactions; closed tickets assigned to her: T1, T2.
        #expect(
            try Fixture.overall(.myOverall, Fixture.request(agent: 1))
                == ["replies_count": 5, "interactions_count": 2, "total_closed": 2])
        // Bob wrote 7, 9, 10 on T3, T7, T1: 3 replies, 3 interactions; T7 closed (T3 re-opened).
        #expect(
            try Fixture.overall(.myOverall, Fixture.request(agent: 2))
                == ["replies_count": 3, "interactions_count": 3, "total_closed": 1])
        #expect(
            try Fixture.overall(.myOverall, Fixture.request(agent: 3))
                == ["replies_count": 0, "interactions_count": 0, "total_closed": 0])
    }
}
