import FSColumnar
import FSGenerator
import FSRender
import FSReports
import FSSnapshot
import Foundation

/// A small hand-built helpdesk for the dashboard's golden files and safety checks.
///
/// `now` is Wednesday 2026-03-04 10:00, so the presets are: last 7 days Feb 26 – Mar 4,
/// last 30 days Feb 3 – Mar 4, last 90 days Dec 5, 2025 – Mar 4 (weekly bars), month to
/// date Mar 1 – 4.
///
/// Agents: 1 Ada Lovelace (has a photo URL and an email, neither may be published);
/// 2 a hostile name (`<script>alert(1)</script>` / `"><img src=x onerror=alert(1)>`);
/// 3 `Tom & Jerry` with no last name; 4 Idle Agent (nothing at all). Customers 10 and 11
/// have names and emails that must never reach the site.
///
/// | ticket | agent | status | created          | resolved         | waiting since    |
/// |--------|-------|--------|------------------|------------------|------------------|
/// | 1      | 1     | closed | 2026-02-27 09:00 | 2026-03-02 15:00 |                  |
/// | 2      | 2     | active | 2026-03-03 11:00 |                  | 2026-03-03 11:00 |
/// | 3      | 3     | new    | 2026-03-04 08:30 |                  | 2026-03-04 08:30 |
/// | 4      | 1     | closed | 2025-12-20 10:00 | 2026-01-05 12:00 |                  |
/// | 5      | —     | active | 2026-02-10 16:00 |                  |                  |
/// | 6      | 2     | closed | 2026-03-01 07:00 | 2026-03-04 09:00 |                  |
enum DashboardFixture {
    static func t(_ s: String) -> Int64 { LocalTime.parse(s)! }

    static let now = t("2026-03-04 10:00:00")
    static let lastSync = t("2026-03-04 09:45:00")

    static let hostileFirst = "<script>alert(1)</script>"
    static let hostileLast = "\"><img src=x onerror=alert(1)>"
    static let ampersandName = "Tom & Jerry"
    static let customerStrings = [
        "Carla", "Customerson", "carla@customer.example", "Dmitri", "Clientov", "dmitri@client.example",
    ]
    static let agentSecrets = ["ada@agents.example", "avatars.example"]

    static let persons = [
        Person(
            id: 1, personType: "agent", firstName: "Ada", lastName: "Lovelace", email: "ada@agents.example",
            photo: "https://avatars.example/ada.png"),
        Person(id: 2, personType: "agent", firstName: hostileFirst, lastName: hostileLast),
        Person(id: 3, personType: "agent", firstName: ampersandName, lastName: nil),
        Person(id: 4, personType: "agent", firstName: "Idle", lastName: "Agent"),
        Person(id: 10, personType: "customer", firstName: "Carla", lastName: "Customerson", email: "carla@customer.example"),
        Person(id: 11, personType: "customer", firstName: "Dmitri", lastName: "Clientov", email: "dmitri@client.example"),
    ]

    static let tickets = [
        Ticket(
            id: 1, customerId: 10, agentId: 1, mailboxId: 1, productId: 1, status: "closed",
            createdAt: t("2026-02-27 09:00:00"), resolvedAt: t("2026-03-02 15:00:00"),
            lastAgentResponse: t("2026-03-02 14:00:00"), lastCustomerResponse: t("2026-03-01 08:00:00")),
        Ticket(
            id: 2, customerId: 11, agentId: 2, mailboxId: 1, productId: 1, status: "active",
            createdAt: t("2026-03-03 11:00:00"), lastCustomerResponse: t("2026-03-03 11:00:00"),
            waitingSince: t("2026-03-03 11:00:00")),
        Ticket(
            id: 3, customerId: 10, agentId: 3, mailboxId: 1, productId: 1, status: "new",
            createdAt: t("2026-03-04 08:30:00"), lastCustomerResponse: t("2026-03-04 08:30:00"),
            waitingSince: t("2026-03-04 08:30:00")),
        Ticket(
            id: 4, customerId: 11, agentId: 1, mailboxId: 1, productId: 1, status: "closed",
            createdAt: t("2025-12-20 10:00:00"), resolvedAt: t("2026-01-05 12:00:00")),
        Ticket(
            id: 5, customerId: 11, agentId: nil, mailboxId: 1, productId: 1, status: "active",
            createdAt: t("2026-02-10 16:00:00")),
        Ticket(
            id: 6, customerId: 10, agentId: 2, mailboxId: 1, productId: 1, status: "closed",
            createdAt: t("2026-03-01 07:00:00"), resolvedAt: t("2026-03-04 09:00:00")),
    ]

    static let conversations = [
        Conversation(id: 1, ticketId: 1, personId: 10, conversationType: "response", createdAt: t("2026-02-27 09:00:00")),
        Conversation(id: 2, ticketId: 1, personId: 1, conversationType: "response", createdAt: t("2026-02-27 10:00:00")),
        Conversation(id: 3, ticketId: 1, personId: 1, conversationType: "note", createdAt: t("2026-02-28 10:00:00")),
        Conversation(id: 4, ticketId: 1, personId: 10, conversationType: "response", createdAt: t("2026-03-01 08:00:00")),
        Conversation(id: 5, ticketId: 1, personId: 1, conversationType: "response", createdAt: t("2026-03-02 14:00:00")),
        Conversation(id: 6, ticketId: 2, personId: 11, conversationType: "response", createdAt: t("2026-03-03 11:00:00")),
        Conversation(id: 7, ticketId: 3, personId: 10, conversationType: "response", createdAt: t("2026-03-04 08:30:00")),
        Conversation(id: 8, ticketId: 4, personId: 11, conversationType: "response", createdAt: t("2025-12-20 10:00:00")),
        Conversation(id: 9, ticketId: 4, personId: 1, conversationType: "response", createdAt: t("2025-12-21 09:00:00")),
        Conversation(id: 10, ticketId: 4, personId: 1, conversationType: "response", createdAt: t("2026-01-05 11:00:00")),
        Conversation(id: 11, ticketId: 6, personId: 10, conversationType: "response", createdAt: t("2026-03-01 07:00:00")),
        Conversation(id: 12, ticketId: 6, personId: 2, conversationType: "response", createdAt: t("2026-03-02 09:00:00")),
        Conversation(id: 13, ticketId: 6, personId: 3, conversationType: "response", createdAt: t("2026-03-03 09:00:00")),
        Conversation(id: 14, ticketId: 6, personId: 2, conversationType: "response", createdAt: t("2026-03-04 08:00:00")),
    ]

    static var store: ColumnarStore {
        var builder = ColumnarBuilder()
        for p in persons { builder.addPerson(p) }
        builder.addMailbox(NamedEntity(id: 1, name: "Support"))
        builder.addProduct(NamedEntity(id: 1, name: "Widget"))
        for ticket in tickets { builder.addTicket(ticket) }
        for c in conversations { builder.add(c) }
        return builder.build()
    }

    static var data: DashboardData {
        get throws { try DashboardData.compute(store: store, reports: reports(store), now: now, lastSync: lastSync) }
    }

    /// The report columns of the fixture: no close events (closed tickets close at
    /// `resolved_at`), no priorities, no stored first response times.
    static func reports(_ store: ColumnarStore) -> ReportColumns {
        ReportColumns(
            responses: ResponseColumns(store), history: CloseHistory(store: store, events: []),
            tickets: TicketExtras(priority: [Int16](repeating: -1, count: store.ticketCount), priorityNames: []),
            storedFirstResponse: [Int32](repeating: TicketExtras.nullSeconds, count: store.ticketCount), store: store)
    }

    /// Fixed stamps, so rendered bytes do not depend on the clock.
    static func options(stale: Bool = false, reason: String? = nil) -> SiteOptions {
        SiteOptions(
            generatedAt: Date(timeIntervalSince1970: 1_772_618_400), version: "test", timezone: "Europe/Berlin",
            stale: stale, staleReason: reason)
    }

    /// The demo's helpdesk (3,000 tickets, 8 agents), built in memory.
    static func demoStore(tickets: Int = 3000, now: Int64) -> ColumnarStore {
        let dataset = HelpdeskGenerator.generate(GeneratorConfig(seed: 42, tickets: tickets, now: now))
        var builder = ColumnarBuilder()
        for p in dataset.persons { builder.addPerson(p) }
        for m in dataset.mailboxes { builder.addMailbox(m) }
        for p in dataset.products { builder.addProduct(p) }
        for ticket in dataset.tickets { builder.addTicket(ticket) }
        for c in dataset.conversations { builder.add(c) }
        return builder.build()
    }

    static let demoNow = t("2026-11-20 15:30:00")
}

/// Test paths: the package root, temporary directories, the artifacts folder.
enum TestPaths {
    /// The package root (three levels above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Screenshots and actual outputs of failed golden comparisons (not committed).
    static var artifacts: URL {
        let url = packageRoot.appendingPathComponent(".build/test-artifacts")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

}

/// Every regular file under a directory, as (relative path, bytes).
func siteFiles(under root: URL) throws -> [(path: String, data: Data)] {
    let fm = FileManager.default
    var result: [(String, Data)] = []
    guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    let base = root.standardizedFileURL.path
    for case let url as URL in walker {
        guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
        let path = url.standardizedFileURL.path
        result.append((String(path.dropFirst(base.count + 1)), try Data(contentsOf: url)))
    }
    return result.sorted { $0.0 < $1.0 }
}
