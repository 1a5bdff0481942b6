import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

/// A small generated helpdesk served by a running emulator.
final class Site {
    static let now = LocalTime.parse("2026-11-20 17:00:00")!

    let emulator: FluentSupportEmulator
    let directory = TemporaryDirectory()
    var dbPath: String { directory.file("snapshot.sqlite") }

    init(
        tickets: Int = 240, seed: UInt64 = 7, days: Int = 60, timezone: String = "America/New_York",
        configuration: FluentSupportEmulator.Configuration = .init(), edit: ((inout HelpdeskDataset) -> Void)? = nil
    ) throws {
        var dataset = HelpdeskGenerator.generate(
            GeneratorConfig(seed: seed, tickets: tickets, agents: 6, days: days, now: Self.now, timezone: timezone))
        edit?(&dataset)
        emulator = FluentSupportEmulator(dataset: dataset, configuration: configuration)
        try emulator.start()
    }

    deinit { emulator.stop() }

    /// Options for a test run: short backoffs, the dataset's "now". The timeout is long
    /// enough never to fire on a loaded machine (so request counts stay exact), except
    /// where a test asks for a short one.
    func options(
        full: Bool = false, concurrency: Int = 4, perPage: Int = 25, recheckDays: Int = 14, now: Int64 = Site.now,
        password: String? = nil, timeout: TimeInterval = 10
    ) -> ExtractOptions {
        var o = ExtractOptions(
            site: emulator.baseURL,
            credentials: Credentials(user: emulator.user, password: password ?? emulator.password),
            databasePath: dbPath)
        o.full = full
        o.concurrency = concurrency
        o.perPage = perPage
        o.recheckDays = recheckDays
        let instant = Date(timeIntervalSince1970: TimeInterval(emulator.clock.unixSeconds(local: now)))
        o.now = { instant }
        o.requestTimeout = timeout
        o.retry = RetryPolicy(maxAttempts: 8, baseDelay: 0.01, maxDelay: 0.05, maxRetryAfter: 5)
        o.userAgent = "fsreport/test"
        return o
    }

    @discardableResult
    func extract(_ options: ExtractOptions) async throws -> ExtractSummary {
        try await Extractor(options: options).run()
    }
}

/// Compares a snapshot with the emulator's data row by row.
func expectSnapshotMatches(_ path: String, _ site: FluentSupportEmulator, sourceLocation: SourceLocation = #_sourceLocation)
    throws
{
    let snapshot = try Snapshot(path: path, mode: .readOnly)
    let expected = site.dataset
    var tickets: [Ticket] = []
    try snapshot.forEachTicket { tickets.append($0) }
    #expect(tickets.count == expected.tickets.count, sourceLocation: sourceLocation)
    #expect(tickets == expected.tickets, sourceLocation: sourceLocation)
    // With their system kinds: recognised from the emulator's system text at extraction.
    let conversations = try snapshot.conversations()
    #expect(conversations.count == expected.conversations.count, sourceLocation: sourceLocation)
    #expect(conversations == expected.conversations, sourceLocation: sourceLocation)
    #expect(try snapshot.activities() == expected.activities, sourceLocation: sourceLocation)
    #expect(try snapshot.mailboxes() == expected.mailboxes, sourceLocation: sourceLocation)
    #expect(try snapshot.products() == expected.products, sourceLocation: sourceLocation)
    // Persons: every agent and every person a ticket or conversation refers to, equal to
    // the site's; none the site does not have.
    let persons = try snapshot.persons()
    let byID = Dictionary(uniqueKeysWithValues: expected.persons.map { ($0.id, $0) })
    for p in persons { #expect(byID[p.id] == p, sourceLocation: sourceLocation) }
    var referenced = Set(expected.persons.filter { $0.personType == "agent" }.map(\.id))
    for t in expected.tickets { referenced.formUnion([t.customerId, t.agentId].compactMap { $0 }) }
    for c in expected.conversations { if let p = c.personId { referenced.insert(p) } }
    #expect(referenced.isSubset(of: Set(persons.map(\.id))), sourceLocation: sourceLocation)
    #expect(try snapshot.syncStateKeys(prefix: "pending/").isEmpty, sourceLocation: sourceLocation)
    #expect(try snapshot.syncStateKeys(prefix: "run/").isEmpty, sourceLocation: sourceLocation)
}
