import FSColumnar
import FSReports
import FSSnapshot
import Testing

/// stats, day-time-stats, product-summary and mailbox-summary on ``Fixture`` plus:
/// - T10: no product, no mailbox, unassigned, new, created 2026-11-19 15:00:00, with a customer
///   message (12, customer 10, 15:00) and Ada's reply (13, 16:00);
/// - T11: product 3 "Legacy", mailbox 2, closed, created 2025-06-01 10:00, resolved 2025-06-02 10:00
///   (a product with a ticket but nothing in any range below);
/// - product 4 "Unused", with no ticket at all.
///
/// Weekdays: 2026-01-01 was a Thursday, so 2026-11-17 is a Tuesday (320 days later, 320 = 45·7 + 5),
/// 11-18 Wednesday, 11-19 Thursday, 11-20 Friday; 2026-10-05 a Monday.
@Suite struct PluginReportsTests {
    static let extraTickets = [
        Ticket(
            id: 10, customerId: 10, agentId: nil, mailboxId: nil, productId: nil, status: "new",
            createdAt: Fixture.t("2026-11-19 15:00:00")),
        Ticket(
            id: 11, customerId: 11, agentId: nil, mailboxId: 2, productId: 3, status: "closed",
            createdAt: Fixture.t("2025-06-01 10:00:00"), resolvedAt: Fixture.t("2025-06-02 10:00:00")),
    ]
    static let extraConversations = [
        Conversation(
            id: 12, ticketId: 10, personId: 10, conversationType: "response", createdAt: Fixture.t("2026-11-19 15:00:00")),
        Conversation(
            id: 13, ticketId: 10, personId: 1, conversationType: "response", createdAt: Fixture.t("2026-11-19 16:00:00")),
    ]

    static let store: ColumnarStore = {
        var builder = ColumnarBuilder()
        Fixture.persons.forEach { builder.addPerson($0) }
        [NamedEntity(id: 1, name: "Main"), NamedEntity(id: 2, name: "Billing")].forEach { builder.addMailbox($0) }
        [
            NamedEntity(id: 1, name: "Widget"), NamedEntity(id: 2, name: "Cloud"), NamedEntity(id: 3, name: "Legacy"),
            NamedEntity(id: 4, name: "Unused"),
        ].forEach { builder.addProduct($0) }
        (Fixture.tickets + extraTickets).reversed().forEach { builder.addTicket($0) }
        (Fixture.conversations + extraConversations).reversed().forEach { builder.add($0) }
        return builder.build()
    }()

    static func run(_ name: ReportName, _ request: ReportRequest) throws -> ReportResult {
        try Reports.run(name, store: store, request: request)
    }

    static func stats(_ request: ReportRequest) throws -> [(String, Int)] {
        guard case .stats(let items) = try run(.stats, request) else { fatalError("not stats") }
        return items.map { ($0.key, $0.count) }
    }

    static func grid(_ type: DayTimeType, from: String? = nil, to: String? = nil, agent: Int64? = nil) throws -> DayTimeGrid {
        var request = Fixture.request(from: from, to: to, agent: agent)
        request.dayTimeType = type
        guard case .dayTime(let grid) = try run(.dayTimeStats, request) else { fatalError("not a grid") }
        return grid
    }

    static func groups(_ name: ReportName, from: String, to: String) throws -> [GroupSummary] {
        guard case .groups(let groups) = try run(name, Fixture.request(from: from, to: to)) else { fatalError("not groups") }
        return groups.entries
    }

    /// Cells as `[weekday: [hour: count]]` without zeros (weekday 0 = Monday).
    static func nonZero(_ grid: DayTimeGrid) -> [Int: [Int: Int]] {
        var result: [Int: [Int: Int]] = [:]
        for d in 0..<7 {
            for h in 0..<24 where grid.count(weekday: d, hour: h) > 0 {
                result[d, default: [:]][h] = grid.count(weekday: d, hour: h)
            }
        }
        return result
    }

    // MARK: stats

    @Test func statsIsACohortOfTicketsCreatedInRange() throws {
        // Created on 11-19: T2 (00:00:00, closed), T3 (active), T10 (new); T1 (11-18 23:59:59) is the day before.
        // Responses on 11-19 by anyone: 2 (00:00:00), 4, 6 (23:59:59), 7, 8 (customer), 12 (customer), 13 = 7;
        // 3 (internal_info) and 5 (note) are not responses; 9 (11-20 00:00:00) is the next day.
        let items = try Self.stats(Fixture.request(from: "2026-11-19", to: "2026-11-19"))
        #expect(items.map(\.0) == ["new_tickets", "active_tickets", "closed_tickets", "responses", "open_tickets"])
        #expect(items.map(\.1) == [1, 1, 1, 7, 2])
    }

    @Test func statsWithoutRangeIsAllTime() throws {
        // new T4, T6, T10 = 3; active T3, T5 = 2; closed T1, T2, T7, T8, T11 = 5; open = 11 − 5 = 6 (T9
        // "pending" is open but neither new nor active); responses: 1, 2, 4, 6–13 minus none = 11.
        #expect(try Self.stats(Fixture.request()).map(\.1) == [3, 2, 5, 11, 6])
    }

    @Test func statsWithAgentAddsTotalRepliesFirst() throws {
        // Ada's tickets created 11-19: T2 (closed). Responses on Ada's tickets (T1, T2) on 11-19: 2, 4, 6 = 3
        // (conversation 2 is on T1, created the day before: the filter is on tickets, not on their date).
        // Total replies: everything Ada wrote on 11-19, any type, any ticket: 2, 3, 4, 5, 6, 13 = 6.
        let items = try Self.stats(Fixture.request(from: "2026-11-19", to: "2026-11-19", agent: 1))
        #expect(
            items.map(\.0) == ["total_replies", "new_tickets", "active_tickets", "closed_tickets", "responses", "open_tickets"])
        #expect(items.map(\.1) == [6, 0, 0, 1, 3, 0])
    }

    @Test func statsWithProductFilter() throws {
        // Product 1 tickets created 11-18..11-20: T1 (closed, 11-18 23:59:59), T3 (active), T4 (new): open 2.
        // Responses on product-1 tickets in range: 1 (23:59:59), 2, 7, 8, 9 (11-20 00:00:00) = 5; 10 is 11-17.
        #expect(try Self.stats(Fixture.request(from: "2026-11-18", to: "2026-11-20", product: 1)).map(\.1) == [1, 1, 1, 5, 2])
    }

    @Test func statsOverAnEmptyRangeIsZero() throws {
        #expect(try Self.stats(Fixture.request(from: "2026-11-21", to: "2026-11-25")).map(\.1) == [0, 0, 0, 0, 0])
    }

    // MARK: day-time-stats

    @Test func ticketGridPutsMidnightBoundariesInTheirOwnCells() throws {
        // T1 2026-11-18 23:59:59 → Wed 23:00; T2 11-19 00:00:00 → Thu 0:00; T3 Thu 8:00; T10 Thu 15:00; T4 Fri 9:00.
        let grid = try Self.grid(.ticket, from: "2026-11-18", to: "2026-11-20")
        #expect(Self.nonZero(grid) == [2: [23: 1], 3: [0: 1, 8: 1, 15: 1], 4: [9: 1]])
        #expect(grid.counts.count == 168)
        #expect(grid.weekdayOccurrences == [0, 0, 1, 1, 1, 0, 0])
    }

    @Test func agentResponseGrid() throws {
        // Agents' responses 11-18..11-20: 2 Thu 0:00, 4 Thu 12:00, 6 Thu 23:59:59 → 23:00, 7 Thu 9:00,
        // 9 Fri 00:00:00 → 0:00, 13 Thu 16:00. Notes (5), internal_info (3) and customers (1, 8, 12) never count.
        let grid = try Self.grid(.agentResponse, from: "2026-11-18", to: "2026-11-20")
        #expect(Self.nonZero(grid) == [3: [0: 1, 9: 1, 12: 1, 16: 1, 23: 1], 4: [0: 1]])
        // --agent 2 (Bob): 7 Thu 9:00 and 9 Fri 0:00.
        #expect(
            Self.nonZero(try Self.grid(.agentResponse, from: "2026-11-18", to: "2026-11-20", agent: 2)) == [3: [9: 1], 4: [0: 1]])
        // All time adds 10 (Bob, Tue 11-17 10:00) and 11 (Dee, Mon 10-05 10:00): 6 + 2 = 8.
        let all = try Self.grid(.agentResponse)
        #expect(all.total == 8)
        #expect(all.count(weekday: 1, hour: 10) == 1)
        #expect(all.count(weekday: 0, hour: 10) == 1)
        #expect(all.weekdayOccurrences == nil)
    }

    @Test func customerResponseGrid() throws {
        // Customers' responses: 1 (11-18 23:59:59) Wed 23:00, 8 Thu 12:00, 12 Thu 15:00.
        #expect(
            Self.nonZero(try Self.grid(.customerResponse, from: "2026-11-18", to: "2026-11-20"))
                == [2: [23: 1], 3: [12: 1, 15: 1]])
    }

    @Test func emptyRangeGridIsAllZeros() throws {
        let grid = try Self.grid(.ticket, from: "2026-11-21", to: "2026-11-25")
        #expect(grid.counts == [Int](repeating: 0, count: 168))
        // 11-21 Sat, 22 Sun, 23 Mon, 24 Tue, 25 Wed.
        #expect(grid.weekdayOccurrences == [1, 1, 1, 0, 0, 1, 1])
    }

    @Test func agentOnATypeThatRefusesIt() throws {
        for type in [DayTimeType.ticket, .customerResponse] {
            #expect(throws: ReportError.agentNotForType(type: type.rawValue)) { try Self.grid(type, agent: 1) }
        }
        #expect(throws: ReportError.optionNotApplicable(option: "--agent", report: "product-summary")) {
            try Self.run(.productSummary, Fixture.request(agent: 1))
        }
        #expect(throws: ReportError.rangeNeedsBothEnds(report: "day-time-stats")) {
            try Self.run(.dayTimeStats, Fixture.request(from: "2026-11-18"))
        }
    }

    // MARK: product-summary, mailbox-summary

    @Test func productSummaryOverOneDay() throws {
        let entries = try Self.groups(.productSummary, from: "2026-11-19", to: "2026-11-19")
        // Products with a ticket ever: 1, 2, 3 (4 has none and is left out).
        #expect(entries.map(\.id) == [1, 2, 3])
        #expect(entries.map(\.name) == ["Widget", "Cloud", "Legacy"])
        // Widget (T1, T3, T4, T6–T9): closed T1 (resolved 11-19 00:00:00; T3 is active despite its
        // resolved_at); opens T3; responses, all types: 2, 3 (internal_info), 7, 8 = 4; agent responses 2, 7;
        // interactions T1, T3.
        #expect(
            entries[0]
                == GroupSummary(id: 1, name: "Widget", responses: 4, opens: 1, closed: 1, interactions: 2, agentResponses: 2))
        // Cloud (T2, T5): closed T2 (11-19 23:59:59); opens none (T5 was created in October);
        // responses 4, 5 (note), 6 = 3; agent responses 4, 6; interactions T2.
        #expect(
            entries[1]
                == GroupSummary(id: 2, name: "Cloud", responses: 3, opens: 0, closed: 1, interactions: 1, agentResponses: 2))
        // Legacy: its only ticket is from 2025; still listed, with zeros. T10 (no product) is in no group.
        #expect(
            entries[2]
                == GroupSummary(id: 3, name: "Legacy", responses: 0, opens: 0, closed: 0, interactions: 0, agentResponses: 0))
    }

    @Test func mailboxSummaryOverOneDay() throws {
        let entries = try Self.groups(.mailboxSummary, from: "2026-11-19", to: "2026-11-19")
        // Main (T1, T3, T5–T9): as Widget on this day. Billing (T2, T4, T11): as Cloud (T4 is from 11-20).
        #expect(
            entries == [
                GroupSummary(id: 1, name: "Main", responses: 4, opens: 1, closed: 1, interactions: 2, agentResponses: 2),
                GroupSummary(id: 2, name: "Billing", responses: 3, opens: 0, closed: 1, interactions: 1, agentResponses: 2),
            ])
    }

    @Test func summariesOverAnEmptyRangeListEveryGroupWithZeros() throws {
        let entries = try Self.groups(.productSummary, from: "2026-11-21", to: "2026-11-25")
        #expect(entries.map(\.id) == [1, 2, 3])
        #expect(entries.allSatisfy { $0.responses + $0.opens + $0.closed + $0.interactions + $0.agentResponses == 0 })
    }

    @Test func summaryDefaultsToToday() throws {
        // Today is 11-20: Widget: T4 created (new) → opens 1; T7 resolved 11:00 → closed 1; conversation 9
        // (Bob, T7, 00:00:00) → responses 1, agent responses 1, interactions 1.
        guard case .groups(let groups) = try Self.run(.productSummary, Fixture.request()) else { return }
        #expect(
            groups.entries[0]
                == GroupSummary(id: 1, name: "Widget", responses: 1, opens: 1, closed: 1, interactions: 1, agentResponses: 1))
    }
}
