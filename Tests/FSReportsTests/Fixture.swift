import FSColumnar
import FSReports
import FSSnapshot

/// A small helpdesk whose every report value is derived by hand in the tests.
///
/// Persons: agents 1 Ada, 2 Bob, 3 Cy (nothing at all), 4 Dee (only old open tickets);
/// customers 10, 11. Mailboxes 1, 2; products 1, 2.
///
/// | ticket | agent | mbox | prod | status  | created             | resolved            | waiting since / last agent / last customer |
/// |--------|-------|------|------|---------|---------------------|---------------------|--------------------------------------------|
/// | 1      | 1     | 1    | 1    | closed  | 2026-11-18 23:59:59 | 2026-11-19 00:00:00 |                                            |
/// | 2      | 1     | 2    | 2    | closed  | 2026-11-19 00:00:00 | 2026-11-19 23:59:59 |                                            |
/// | 3      | 2     | 1    | 1    | active* | 2026-11-19 08:00:00 | 2026-11-19 10:00:00 | 11-19 12:00 / 11-19 09:00 / 11-19 12:00    |
/// | 4      | —     | 2    | 1    | new     | 2026-11-20 09:30:00 |                     | 11-20 09:30 / — / 11-20 09:30              |
/// | 5      | 4     | 1    | 2    | active  | 2026-10-01 10:00:00 |                     | 10-05 10:00 / 10-05 10:00 / 10-02 10:00    |
/// | 6      | 4     | 1    | 1    | new     | 2026-10-10 00:00:00 |                     | 10-10 00:00 / — / 10-10 00:00              |
/// | 7      | 2     | 1    | 1    | closed  | 2026-11-10 12:00:00 | 2026-11-20 11:00:00 |                                            |
/// | 8      | —     | 1    | 1    | closed  | 2025-12-31 23:59:59 | 2026-01-01 00:00:00 |                                            |
/// | 9      | —     | 1    | 1    | pending | 2026-01-01 00:00:00 |                     |                                            |
/// (* re-opened: keeps its old resolved_at.)
///
/// Conversations: 1 T1 cust10 response 11-18 23:59:59; 2 T1 Ada response 11-19 00:00:00;
/// 3 T1 Ada internal_info 11-19 00:00:00; 4 T2 Ada response 11-19 12:00; 5 T2 Ada note 11-19 12:30;
/// 6 T2 Ada response 11-19 23:59:59; 7 T3 Bob response 11-19 09:00; 8 T3 cust11 response 11-19 12:00;
/// 9 T7 Bob response 11-20 00:00:00; 10 T1 Bob response 11-17 10:00; 11 T5 Dee response 10-05 10:00.
enum Fixture {
    static let now = t("2026-11-20 12:00:00")

    static func t(_ s: String) -> Int64 { LocalTime.parse(s)! }
    static func d(_ s: String) -> Int64 { LocalTime.parseDate(s)! }

    static let persons = [
        Person(id: 1, personType: "agent", firstName: "Ada", lastName: "Admin", email: "ada@example.test"),
        Person(id: 2, personType: "agent", firstName: "Bob", lastName: "Baker ", email: "bob@example.test"),
        Person(id: 3, personType: "agent", firstName: "Cy", lastName: "Idle"),
        Person(id: 4, personType: "agent", firstName: "Dee", lastName: "Open"),
        Person(id: 10, personType: "customer", firstName: "Carl", lastName: "Customer", email: "carl@customer.test"),
        Person(id: 11, personType: "customer", firstName: "Cleo", lastName: "Client", email: "cleo@customer.test"),
    ]

    static let tickets = [
        Ticket(
            id: 1, customerId: 10, agentId: 1, mailboxId: 1, productId: 1, status: "closed",
            createdAt: t("2026-11-18 23:59:59"), resolvedAt: t("2026-11-19 00:00:00")),
        Ticket(
            id: 2, customerId: 10, agentId: 1, mailboxId: 2, productId: 2, status: "closed",
            createdAt: t("2026-11-19 00:00:00"), resolvedAt: t("2026-11-19 23:59:59")),
        Ticket(
            id: 3, customerId: 11, agentId: 2, mailboxId: 1, productId: 1, status: "active",
            createdAt: t("2026-11-19 08:00:00"), resolvedAt: t("2026-11-19 10:00:00"),
            lastAgentResponse: t("2026-11-19 09:00:00"), lastCustomerResponse: t("2026-11-19 12:00:00"),
            waitingSince: t("2026-11-19 12:00:00")),
        Ticket(
            id: 4, customerId: 11, agentId: nil, mailboxId: 2, productId: 1, status: "new",
            createdAt: t("2026-11-20 09:30:00"), lastCustomerResponse: t("2026-11-20 09:30:00"),
            waitingSince: t("2026-11-20 09:30:00")),
        Ticket(
            id: 5, customerId: 10, agentId: 4, mailboxId: 1, productId: 2, status: "active",
            createdAt: t("2026-10-01 10:00:00"), lastAgentResponse: t("2026-10-05 10:00:00"),
            lastCustomerResponse: t("2026-10-02 10:00:00"), waitingSince: t("2026-10-05 10:00:00")),
        Ticket(
            id: 6, customerId: 10, agentId: 4, mailboxId: 1, productId: 1, status: "new",
            createdAt: t("2026-10-10 00:00:00"), lastCustomerResponse: t("2026-10-10 00:00:00"),
            waitingSince: t("2026-10-10 00:00:00")),
        Ticket(
            id: 7, customerId: 11, agentId: 2, mailboxId: 1, productId: 1, status: "closed",
            createdAt: t("2026-11-10 12:00:00"), resolvedAt: t("2026-11-20 11:00:00")),
        Ticket(
            id: 8, customerId: 11, agentId: nil, mailboxId: 1, productId: 1, status: "closed",
            createdAt: t("2025-12-31 23:59:59"), resolvedAt: t("2026-01-01 00:00:00")),
        Ticket(
            id: 9, customerId: 11, agentId: nil, mailboxId: 1, productId: 1, status: "pending",
            createdAt: t("2026-01-01 00:00:00")),
    ]

    static let conversations = [
        Conversation(id: 1, ticketId: 1, personId: 10, conversationType: "response", createdAt: t("2026-11-18 23:59:59")),
        Conversation(id: 2, ticketId: 1, personId: 1, conversationType: "response", createdAt: t("2026-11-19 00:00:00")),
        Conversation(id: 3, ticketId: 1, personId: 1, conversationType: "internal_info", createdAt: t("2026-11-19 00:00:00")),
        Conversation(id: 4, ticketId: 2, personId: 1, conversationType: "response", createdAt: t("2026-11-19 12:00:00")),
        Conversation(id: 5, ticketId: 2, personId: 1, conversationType: "note", createdAt: t("2026-11-19 12:30:00")),
        Conversation(id: 6, ticketId: 2, personId: 1, conversationType: "response", createdAt: t("2026-11-19 23:59:59")),
        Conversation(id: 7, ticketId: 3, personId: 2, conversationType: "response", createdAt: t("2026-11-19 09:00:00")),
        Conversation(id: 8, ticketId: 3, personId: 11, conversationType: "response", createdAt: t("2026-11-19 12:00:00")),
        Conversation(id: 9, ticketId: 7, personId: 2, conversationType: "response", createdAt: t("2026-11-20 00:00:00")),
        Conversation(id: 10, ticketId: 1, personId: 2, conversationType: "response", createdAt: t("2026-11-17 10:00:00")),
        Conversation(id: 11, ticketId: 5, personId: 4, conversationType: "response", createdAt: t("2026-10-05 10:00:00")),
    ]

    static func store(tickets: [Ticket] = tickets, conversations: [Conversation] = conversations) -> ColumnarStore {
        var builder = ColumnarBuilder()
        persons.forEach { builder.addPerson($0) }
        [NamedEntity(id: 1, name: "Main"), NamedEntity(id: 2, name: "Billing")].forEach { builder.addMailbox($0) }
        [NamedEntity(id: 1, name: "Widget"), NamedEntity(id: 2, name: "Cloud")].forEach { builder.addProduct($0) }
        // Shuffled input order must not matter.
        tickets.reversed().forEach { builder.addTicket($0) }
        conversations.reversed().forEach { builder.add($0) }
        return builder.build()
    }

    static func request(
        from: String? = nil, to: String? = nil, agent: Int64? = nil, product: Int64? = nil, mailbox: Int64? = nil,
        interval: Interval = .auto
    ) -> ReportRequest {
        ReportRequest(
            from: from.map(d), to: to.map(d), agentId: agent, productId: product, mailboxId: mailbox,
            interval: interval, now: now)
    }

    static func series(_ name: ReportName, _ request: ReportRequest, store: ColumnarStore = store()) throws -> Series {
        guard case .series(let s) = try Reports.run(name, store: store, request: request) else {
            fatalError("\(name) is not a series")
        }
        return s
    }

    static func agents(_ name: ReportName, _ request: ReportRequest, store: ColumnarStore = store()) throws -> [AgentSummary] {
        guard case .agents(let a) = try Reports.run(name, store: store, request: request) else {
            fatalError("\(name) is not a summary")
        }
        return a
    }

    static func overall(_ name: ReportName, _ request: ReportRequest, store: ColumnarStore = store()) throws -> [String: Int] {
        guard case .overall(let items) = try Reports.run(name, store: store, request: request) else {
            fatalError("\(name) is not an overall report")
        }
        return Dictionary(uniqueKeysWithValues: items.map { ($0.key, $0.count) })
    }
}
