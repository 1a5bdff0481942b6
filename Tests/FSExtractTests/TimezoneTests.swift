import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

@Suite("Site timezones")
struct TimezoneTests {
    /// Adds tickets (each with one agent response) at the given local times.
    static func add(_ times: [String], to dataset: inout HelpdeskDataset) -> [Int64] {
        var ticketId = (dataset.tickets.map(\.id).max() ?? 0) + 1
        var conversationId = (dataset.conversations.map(\.id).max() ?? 0) + 1
        var ids: [Int64] = []
        for text in times {
            let t = LocalTime.parse(text)!
            dataset.tickets.append(
                Ticket(
                    id: ticketId, customerId: 20, agentId: 2, mailboxId: 1, status: "active", priority: "normal",
                    clientPriority: "normal", createdAt: t, updatedAt: t + 60, lastAgentResponse: t + 60,
                    lastCustomerResponse: t, waitingSince: t + 60, responseCount: 1, firstResponseTime: 60,
                    previewResponseId: conversationId))
            dataset.conversations.append(
                Conversation(id: conversationId, ticketId: ticketId, personId: 2, conversationType: "response", createdAt: t + 60)
            )
            ids.append(ticketId)
            ticketId += 1
            conversationId += 1
        }
        return ids
    }

    @Test("tickets around both DST changes keep their New York wall-clock times")
    func newYorkDST() async throws {
        var added: [Int64] = []
        let site = try Site(tickets: 60) { dataset in
            added = Self.add(
                [
                    "2026-03-08 01:30:00", "2026-03-08 03:30:00", "2026-11-01 00:59:30", "2026-11-01 01:30:00",
                    "2026-11-01 02:30:00", "2026-03-08 02:30:00",
                ], to: &dataset)
        }
        try await site.extract(site.options())
        try expectSnapshotMatches(site.dbPath, site.emulator)
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        var created: [Int64: Int64] = [:]
        try snapshot.forEachTicket { created[$0.id] = $0.createdAt }
        #expect(
            added.map { created[$0].map(LocalTime.format) } == [
                "2026-03-08 01:30:00", "2026-03-08 03:30:00", "2026-11-01 00:59:30", "2026-11-01 01:30:00",
                "2026-11-01 02:30:00",
                // 02:30 does not exist that day: a real site stores what PHP makes of it.
                "2026-03-08 03:30:00",
            ])
        // 00:59:30 + 60 s crosses into the repeated hour: still local 01:00:30.
        let conversation = try snapshot.conversations(ofTicket: added[2]).first
        #expect(conversation.map { LocalTime.format($0.createdAt) } == "2026-11-01 01:00:30")
    }

    @Test("a site with only gmt_offset (timezone_string empty) uses the fixed offset")
    func gmtOffset() async throws {
        var configuration = FluentSupportEmulator.Configuration()
        configuration.timezoneString = ""
        let site = try Site(tickets: 50, timezone: "5.5", configuration: configuration)
        try await site.extract(site.options())
        try expectSnapshotMatches(site.dbPath, site.emulator)
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try snapshot.siteClock().timeZone.secondsFromGMT() == 19_800)
    }

    @Test("--timezone overrides the site's, and a later change of timezone forces a full run")
    func override() async throws {
        let site = try Site(tickets: 30)
        var options = site.options()
        options.timezone = "UTC"
        try await site.extract(options)
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try snapshot.meta(MetaKey.timezone) == SiteClock.utc.identifier)
        let first = try #require(site.emulator.dataset.tickets.first)
        var stored: Int64?
        try snapshot.forEachTicket { if $0.id == first.id { stored = $0.createdAt } }
        #expect(stored == site.emulator.clock.unixSeconds(local: first.createdAt))  // UTC wall clock

        site.emulator.resetCounts()
        let summary = try await site.extract(site.options(recheckDays: 0))
        #expect(summary.full)
        #expect(site.emulator.requestCount(.ticketDetail) == 30)
        try expectSnapshotMatches(site.dbPath, site.emulator)
    }
}
