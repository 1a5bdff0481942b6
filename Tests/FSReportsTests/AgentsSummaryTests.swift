import FSColumnar
import FSReports
import Testing

@Suite struct AgentsSummaryTests {
    @Test func summaryOverTwoDays() throws {
        let agents = try Fixture.agents(.agentsSummary, Fixture.request(from: "2026-11-19", to: "2026-11-20"))
        // Cy (3) has nothing at all and is omitted; Dee (4) has nothing in range but open tickets.
        #expect(agents.map(\.id) == [1, 2, 4])

        let ada = agents[0]
        // closed: T1 (11-19 00:00:00) and T2 (11-19 23:59:59); no open tickets; responses in
        // range 2, 4, 6 (3 is internal_info, 5 a note) on T1, T2.
        #expect((ada.closed, ada.opens, ada.responses, ada.interactions, ada.waitingTickets) == (2, 0, 3, 2, 0))
        #expect(ada.averageWaiting == nil && ada.maxWaiting == nil && ada.averageWaitingSeconds == nil)

        let bob = agents[1]
        // closed: T7 (11-20 11:00); T3 is re-opened. opens: T3. responses 7 (11-19), 9 (11-20);
        // 10 (11-17) is outside. interactions: T3, T7.
        #expect((bob.closed, bob.opens, bob.responses, bob.interactions) == (1, 1, 2, 2))
        // Waiting: T3 (last agent 09:00 < last customer 12:00) since 11-19 12:00, now 11-20 12:00:
        // 86,400 s. 7,200 < 86,400 < 172,800 → ceil(86,400 / 3,600) = "24 hours"; max: 1 day.
        #expect(bob.waitingTickets == 1)
        #expect(bob.averageWaitingSeconds == 86_400)
        #expect(bob.maxWaitingSeconds == 86_400)
        #expect(bob.averageWaiting == "24 hours")
        #expect(bob.maxWaiting == "1 day")
        // "Bob" + " " + "Baker " = "Bob Baker ", trimmed at both ends as PHP trim does.
        #expect(bob.fullName == "Bob Baker")

        let dee = agents[2]
        // opens: T5, T6. Only T6 waits (T5's agent answered after the customer). Since
        // 10-10 00:00 to 11-20 12:00 = 41.5 days = 3,585,600 s → 41.5 / 30 rounds to 1 month.
        #expect((dee.closed, dee.opens, dee.responses, dee.interactions, dee.waitingTickets) == (0, 2, 0, 0, 1))
        #expect(dee.maxWaitingSeconds == 3_585_600)
        #expect(dee.averageWaiting == "1 month")
        #expect(dee.maxWaiting == "1 month")
    }

    @Test func averageIsOverAllWaitingTicketsAndMaxIsTheOldest() throws {
        // Give Bob a second waiting ticket since 11-20 06:00 (6 h before now).
        var tickets = Fixture.tickets
        tickets.append(
            .init(
                id: 20, agentId: 2, status: "new", createdAt: Fixture.t("2026-11-20 06:00:00"),
                lastCustomerResponse: Fixture.t("2026-11-20 06:00:00"), waitingSince: Fixture.t("2026-11-20 06:00:00")))
        let agents = try Fixture.agents(
            .agentsSummary, Fixture.request(from: "2026-11-20", to: "2026-11-20"), store: Fixture.store(tickets: tickets))
        let bob = try #require(agents.first { $0.id == 2 })
        // Waiting 86,400 s and 21,600 s: mean 54,000 s = 15 h → "15 hours"; max 86,400 → "1 day".
        #expect(bob.waitingTickets == 2)
        #expect(bob.opens == 2)
        #expect(bob.averageWaitingSeconds == 54_000)
        #expect(bob.averageWaiting == "15 hours")
        #expect(bob.maxWaiting == "1 day")
    }

    @Test func rangeEndsAreInclusiveAtMidnight() throws {
        // Only 11-19: Ada's 2 (00:00:00) and 6 (23:59:59) are both inside, with 4.
        let day = try Fixture.agents(.agentsSummary, Fixture.request(from: "2026-11-19", to: "2026-11-19"))
        #expect(day.first { $0.id == 1 }?.responses == 3)
        // Only 11-18: Ada answered nothing, closed nothing, has no open ticket → omitted.
        let before = try Fixture.agents(.agentsSummary, Fixture.request(from: "2026-11-18", to: "2026-11-18"))
        #expect(before.map(\.id) == [2, 4])  // Bob and Dee have open tickets
    }

    @Test func defaultRangeIsToday() throws {
        let agents = try Fixture.agents(.agentsSummary, Fixture.request())
        // Today 11-20: Bob answered 9 and closed T7.
        let bob = try #require(agents.first { $0.id == 2 })
        #expect((bob.responses, bob.closed) == (1, 1))
        #expect(agents.first { $0.id == 1 } == nil)
    }

    @Test func mySummaryKeepsAnAgentWithNothing() throws {
        let cy = try Fixture.agents(.mySummary, Fixture.request(agent: 3))
        #expect(cy.count == 1)
        #expect(cy[0].id == 3)
        #expect((cy[0].responses, cy[0].interactions, cy[0].opens, cy[0].closed, cy[0].waitingTickets) == (0, 0, 0, 0, 0))
        let bob = try Fixture.agents(.mySummary, Fixture.request(from: "2026-11-19", to: "2026-11-20", agent: 2))
        let all = try Fixture.agents(.agentsSummary, Fixture.request(from: "2026-11-19", to: "2026-11-20"))
        #expect(bob == [all[1]])
    }

    @Test func emptyStore() throws {
        #expect(try Fixture.agents(.agentsSummary, Fixture.request(), store: ColumnarBuilder().build()).isEmpty)
    }
}

@Suite struct RequestErrorTests {
    @Test(arguments: [
        (
            ReportName.ticketsGrowth, Fixture.request(from: "2026-11-20", to: "2026-11-19"),
            ReportError.fromAfterTo(from: "2026-11-20", to: "2026-11-19")
        ),
        (.myOverall, Fixture.request(), .agentRequired(report: "my-overall")),
        (.mySummary, Fixture.request(), .agentRequired(report: "my-summary")),
        (.myResolveGrowth, Fixture.request(agent: 10), .unknownAgent(id: 10)),  // a customer
        (.ticketsGrowth, Fixture.request(agent: 99), .unknownAgent(id: 99)),
        (.ticketsGrowth, Fixture.request(product: 9), .unknownProduct(id: 9)),
        (.resolveGrowth, Fixture.request(mailbox: 9), .unknownMailbox(id: 9)),
        (.overall, Fixture.request(from: "2026-11-01"), .optionNotApplicable(option: "--from/--to", report: "overall")),
        (.agentsSummary, Fixture.request(product: 1), .optionNotApplicable(option: "--product", report: "agents-summary")),
        (.agentsSummary, Fixture.request(interval: .week), .optionNotApplicable(option: "--interval", report: "agents-summary")),
    ])
    func rejects(name: ReportName, request: ReportRequest, expected: ReportError) {
        #expect(throws: expected) { try Reports.run(name, store: Fixture.store(), request: request) }
    }

    @Test func fromAfterDefaultToIsRejected() {
        // --from tomorrow with no --to: to defaults to today, so from > to.
        #expect(throws: ReportError.fromAfterTo(from: "2026-11-21", to: "2026-11-20")) {
            try Reports.run(.ticketsGrowth, store: Fixture.store(), request: Fixture.request(from: "2026-11-21"))
        }
    }

    @Test func fullNameIsTrimmedAtBothEndsOnly() {
        func name(_ first: String?, _ last: String?) -> String {
            AgentSummary(
                id: 1, firstName: first, lastName: last, photo: nil, interactions: 0, responses: 0, opens: 0, closed: 0,
                waitingTickets: 0, averageWaitingNumerator: nil, maxWaitingSeconds: nil
            ).fullName
        }
        // "Michael " + " " + "Torres": the inner two spaces stay.
        #expect(name("Michael ", "Torres") == "Michael  Torres")
        // An empty or missing part leaves a lone space at one end, which goes.
        #expect(name("", "Torres") == "Torres")
        #expect(name("Ada", nil) == "Ada")
        #expect(name(nil, nil) == "")
        // PHP trim also strips tab, newline, carriage return, NUL and vertical tab.
        #expect(name("\tAda", "Admin\n") == "Ada Admin")
    }
}
