import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real response bodies of a Fluent Support 2.0.1 site (`Samples/`, copied from
/// `shared/samples/`): the production decoder must read each of them, and the emulator
/// must answer in the same shapes. A real server's bytes win over any document.
@Suite("Real sample bodies")
struct SampleBodiesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples")
    static let names = [
        "wp-json-index.json", "tickets-page.json", "ticket-detail.json", "activity-page.json", "agents.json",
        "mailboxes.json", "products.json", "error-401.json",
    ]

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// The sample site's timezone (samples/README.md).
    let decoder = APIDecoder(clock: SiteClock(identifier: "America/New_York")!)

    func local(_ text: String) -> Int64 { LocalTime.parse(text)! }

    @Test("the copies equal shared/samples when it is beside the checkout")
    func copiesAreCurrent() throws {
        let shared = Self.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/samples")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        for name in Self.names {
            let original = try Data(contentsOf: shared.appendingPathComponent(name))
            #expect(Array(original) == (try Self.sample(name)), "Samples/\(name) differs from shared/samples/\(name)")
        }
    }

    @Test("the REST index: timezone, offset, namespaces")
    func index() throws {
        let index = try decoder.siteIndex(try Self.sample("wp-json-index.json"))
        #expect(index.timezoneString == "America/New_York")
        #expect(index.gmtOffset == -5)
        #expect(index.namespaces.contains("fluent-support/v2"))
        #expect(index.namespaces.count == 5)
    }

    @Test("a tickets page: string ids and counts, ISO instants to New York time, plain strings kept")
    func ticketsPage() throws {
        let page = try decoder.ticketsPage(try Self.sample("tickets-page.json"))
        #expect(page.total == 1522 && page.perPage == 100 && page.currentPage == 2 && page.lastPage == 16)
        #expect(page.rows.map(\.ticket.id) == [101, 102])
        let t = page.rows[0].ticket
        #expect(t.customerId == 138 && t.agentId == 4 && t.mailboxId == 1 && t.productId == 2)
        #expect(t.status == "closed" && t.priority == "medium" && t.clientPriority == "medium")
        // "2026-08-01T04:00:00+00:00" in August is EDT (UTC−4): 00:00:00 local.
        #expect(t.createdAt == local("2026-08-01 00:00:00"))
        // "2026-08-02T21:44:35+00:00" − 4 h = 17:44:35 (updated_at and waiting_since).
        #expect(t.updatedAt == local("2026-08-02 17:44:35"))
        #expect(t.waitingSince == local("2026-08-02 17:44:35"))
        // Plain local strings as stored.
        #expect(t.resolvedAt == local("2026-08-02 17:44:35"))
        #expect(t.lastAgentResponse == local("2026-08-02 17:44:35"))
        #expect(t.lastCustomerResponse == local("2026-08-02 00:31:37"))
        #expect(t.closedBy == 138)
        #expect(t.responseCount == 3 && t.firstResponseTime == 86803 && t.totalCloseTime == 150275)
        #expect(t.previewResponseId == 467)
        // 150275 s = 1 d 17:44:35 after 2026-08-01 00:00:00: resolved_at agrees with total_close_time.
        #expect(t.resolvedAt! - t.createdAt == 150275)
        let customer = try #require(page.rows[0].persons.first { $0.id == 138 })
        #expect(customer.personType == "customer" && customer.firstName == "Benjamin" && customer.lastName == "White")
        #expect(customer.email == "benjamin.white.138@customer.test")
        let agent = try #require(page.rows[0].persons.first { $0.id == 4 })
        #expect(agent.personType == "agent" && agent.firstName == "Dave")
        // Ticket 102: 08:10:34Z − 4 h = 04:10:34, the same as its last_customer_response.
        let second = page.rows[1].ticket
        #expect(second.createdAt == local("2026-08-01 04:10:34"))
        #expect(second.lastCustomerResponse == second.createdAt)
        #expect(second.priority == "critical" && second.clientPriority == "normal" && second.agentId == 2)
    }

    @Test("a ticket detail: every response type, newest first, with its author")
    func ticketDetail() throws {
        let detail = try decoder.ticketDetail(try Self.sample("ticket-detail.json"), id: 1000)
        let ticket = try #require(detail.ticket)
        // 2026-10-10T23:10:28Z − 4 h (EDT until 1 November) = 19:10:28.
        #expect(ticket.createdAt == local("2026-10-10 19:10:28"))
        #expect(ticket.resolvedAt == local("2026-10-13 09:43:55"))
        #expect(ticket.agentId == 4 && ticket.status == "closed")
        #expect(detail.conversations.map(\.id) == [5308, 5307, 5306, 5302, 5283, 5236, 5160, 5131])
        #expect(
            detail.conversations.map(\.conversationType) == [
                "internal_info", "response", "note", "response", "response", "response", "response", "internal_info",
            ])
        #expect(detail.conversations.map(\.personId) == [4, 4, 4, 138, 4, 138, 4, 1])
        #expect(detail.conversations.allSatisfy { $0.ticketId == 1000 })
        // The closing system line: 13:43:55Z − 4 h, the same instant as resolved_at.
        #expect(detail.conversations[0].createdAt == local("2026-10-13 09:43:55"))
        #expect(detail.conversations[7].createdAt == local("2026-10-10 19:13:20"))
        let authors = Dictionary(detail.persons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(authors[138]?.personType == "customer" && authors[1]?.firstName == "Ada")
        #expect(authors[4]?.personType == "agent")
    }

    @Test("an activity page: string ids, instants across the DST change")
    func activities() throws {
        let page = try decoder.activitiesPage(try Self.sample("activity-page.json"))
        #expect(page.total == 2440 && page.perPage == 100 && page.lastPage == 25)
        let first = try #require(page.rows.first)
        #expect(first.id == 2440 && first.personId == 2 && first.personType == "agent")
        #expect(first.eventType == "fluent_support/agent_assigned_to_ticket")
        #expect(first.objectType == "ticket" && first.objectId == 1522)
        // 2026-11-21T04:56:31Z is after the fall-back: EST (UTC−5), the previous evening.
        #expect(first.createdAt == local("2026-11-20 23:56:31"))
        #expect(page.rows.map(\.id) == page.rows.map(\.id).sorted(by: >))
    }

    @Test("agents: wrapped, every agent with name, email and photo")
    func agents() throws {
        let page = try decoder.agentsPage(try Self.sample("agents.json"))
        #expect(page.total == 5 && page.perPage == 15 && page.lastPage == 1)
        #expect(page.rows.map(\.id) == [1, 2, 3, 4, 5])
        #expect(page.rows.map { $0.firstName ?? "" } == ["Ada", "Bob", "Carol", "Dave", "Erin"])
        #expect(page.rows.allSatisfy { $0.personType == "agent" && $0.photo?.hasPrefix("https://") == true })
        #expect(page.rows[1].email == "bob.agent@example.test")
    }

    @Test("products: wrapped under \"products\" as 2.0.1 sends it; the server's per_page wins")
    func products() throws {
        let page = try decoder.productsPage(try Self.sample("products.json"))
        #expect(page.rows == [NamedEntity(id: 3, name: "Billing Portal"), NamedEntity(id: 2, name: "Widget Cloud")])
        // Asked for per_page=100, the server answered 15: 2 rows < 15 ends the walk.
        #expect(page.perPage == 15 && page.total == 3 && page.lastPage == 1)
    }

    @Test("mailboxes and the 401 body")
    func mailboxesAndErrors() throws {
        #expect(
            try decoder.mailboxes(try Self.sample("mailboxes.json")) == [
                NamedEntity(id: 1, name: "Main Support"), NamedEntity(id: 2, name: "Billing Desk"),
            ])
        let error = try Self.sample("error-401.json")
        #expect(APIDecoder.errorCode(error) == "rest_forbidden")
        #expect(APIDecoder.errorMessage(error) == "Sorry, you are not allowed to do that.")
    }

    @Test("every list also reads the top-level envelope of the seed's document")
    func topLevelEnvelopes() throws {
        let products = #"{"current_page":1,"data":[{"id":"7","title":"Kit "}],"last_page":1,"per_page":10,"total":1}"#
        #expect(try decoder.productsPage(Array(products.utf8)).rows == [NamedEntity(id: 7, name: "Kit ")])
        let agents = #"{"data":[{"id":2,"first_name":"Bo ","last_name":null}],"total":"1","per_page":"15"}"#
        let agentPage = try decoder.agentsPage(Array(agents.utf8))
        #expect(agentPage.rows.map(\.firstName) == ["Bo "] && agentPage.total == 1 && agentPage.perPage == 15)
        let activities = #"{"data":[{"id":9,"event_type":"x","created_at":"2026-01-05 10:00:00"}],"total":1}"#
        #expect(try decoder.activitiesPage(Array(activities.utf8)).rows.map(\.createdAt) == [local("2026-01-05 10:00:00")])
        let tickets = #"{"data":[{"id":5,"status":"new","created_at":"2026-01-05 10:00:00"}],"total":1}"#
        #expect(try decoder.ticketsPage(Array(tickets.utf8)).rows.map(\.ticket.id) == [5])
        // Neither shape: a clear failure, not an empty page.
        #expect(throws: APIDecoder.Failure.self) { try decoder.productsPage(Array(#"{"products":[]}"#.utf8)) }
        #expect(throws: APIDecoder.Failure.self) { try decoder.ticketsPage(Array(#"{"code":"x","data":{"status":200}}"#.utf8)) }
    }

    // MARK: The emulator speaks like the samples

    /// The JSON type of every key path, recursively; arrays by their first element.
    static func shape(_ s: inout JSONScanner, path: String, into result: inout [String: String]) throws {
        let kind = try s.peekKind()
        result[path] = "\(kind)"
        switch kind {
        case .object:
            try s.readObject { s, key in try shape(&s, path: path + "." + key, into: &result) }
        case .array:
            var first = true
            try s.readArray { s in
                if first {
                    try shape(&s, path: path + "[]", into: &result)
                    first = false
                } else {
                    try s.skipValue()
                }
            }
        default:
            try s.skipValue()
        }
    }

    static func shape(of bytes: [UInt8]) throws -> [String: String] {
        var result: [String: String] = [:]
        var s = JSONScanner(bytes)
        try shape(&s, path: "$", into: &result)
        try s.finish()
        return result
    }

    /// Key paths that only one side has, and paths whose types differ (a null on either
    /// side matches anything: nullable fields).
    static func differences(sample: [String: String], emulator: [String: String], ignoring: Set<String> = [])
        -> [String]
    {
        var out: [String] = []
        // Below a null on one side the other side's keys cannot be compared.
        func underNull(_ path: String, _ other: [String: String]) -> Bool {
            other.contains { key, type in
                type == "null" && path.hasPrefix(key + ".") || path.hasPrefix(key + "[]") && type == "null"
            }
        }
        for (path, type) in sample where !ignoring.contains(path) {
            guard let mine = emulator[path] else {
                if !underNull(path, emulator) { out.append("emulator lacks \(path)") }
                continue
            }
            if mine != type, mine != "null", type != "null" { out.append("\(path): sample \(type), emulator \(mine)") }
        }
        for path in emulator.keys where sample[path] == nil && !ignoring.contains(path) && !underNull(path, sample) {
            out.append("sample lacks \(path)")
        }
        return out.sorted()
    }

    func get(_ emulator: FluentSupportEmulator, _ path: String) async throws -> [UInt8] {
        var request = URLRequest(url: URL(string: emulator.baseURL.absoluteString + path)!)
        let token = Data("\(emulator.user):\(emulator.password)".utf8).base64EncodedString()
        request.setValue("Basic \(token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(path)")
        return Array(data)
    }

    @Test(
        "the emulator's bodies have the samples' keys and value types",
        arguments: [
            ("wp-json-index.json", "/wp-json/"),
            ("tickets-page.json", "/wp-json/fluent-support/v2/tickets?per_page=100&page=1&order_by=id&order_type=ASC"),
            ("activity-page.json", "/wp-json/fluent-support/v2/activity-logger?per_page=100&page=1"),
            ("agents.json", "/wp-json/fluent-support/v2/agents"),
            ("mailboxes.json", "/wp-json/fluent-support/v2/mailboxes"),
            ("products.json", "/wp-json/fluent-support/v2/products?per_page=100&page=1"),
        ])
    func emulatorShapes(sample name: String, path: String) async throws {
        let site = try Site(tickets: 120)
        let body = try await get(site.emulator, path)
        let differences = Self.differences(
            sample: try Self.shape(of: try Self.sample(name)), emulator: try Self.shape(of: body),
            // The sample site's own extra settings and permission names vary by installation.
            ignoring: Self.installationSpecific)
        #expect(differences.isEmpty, "\(name): \(differences.joined(separator: "; "))")
    }

    @Test("the emulator's ticket detail has the sample's keys and value types")
    func emulatorDetailShape() async throws {
        let site = try Site(tickets: 120)
        // A closed ticket with responses, a product and an agent, like the sample's.
        let ticket = try #require(
            site.emulator.dataset.tickets.first { t in
                t.status == "closed" && t.productId != nil && t.agentId != nil && t.closedBy != nil
            })
        let body = try await get(site.emulator, "/wp-json/fluent-support/v2/tickets/\(ticket.id)")
        let differences = Self.differences(
            sample: try Self.shape(of: try Self.sample("ticket-detail.json")), emulator: try Self.shape(of: body),
            ignoring: Self.installationSpecific)
        #expect(differences.isEmpty, "\(differences.joined(separator: "; "))")
    }

    /// Keys whose presence depends on the sample site's installation, not on the API.
    static let installationSpecific: Set<String> = []
}
