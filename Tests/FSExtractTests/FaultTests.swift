import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

@Suite("Faults: every profile converges to the site's rows")
struct FaultTests {
    static let profiles: [(String, EmulatorFaults)] = [
        ("500s", EmulatorFaults(serverErrorEvery: 7)),
        ("429 with Retry-After", EmulatorFaults(rateLimitEvery: 60, retryAfterSeconds: 1)),
        ("slower than the timeout", EmulatorFaults(slowEvery: 45, slowDelay: 2.5)),
        ("connections closed mid-body", EmulatorFaults(dropMidBodyEvery: 9)),
        ("truncated JSON", EmulatorFaults(truncateEvery: 8)),
        ("tickets deleted and created between page requests", EmulatorFaults(churnEvery: 2, churnLimit: 3)),
        (
            "all at once",
            EmulatorFaults(
                serverErrorEvery: 13, rateLimitEvery: 97, retryAfterSeconds: 1, slowEvery: 89,
                slowDelay: 2.5, dropMidBodyEvery: 17, truncateEvery: 19, churnEvery: 3, churnLimit: 2)
        ),
    ]

    @Test("fault profile", arguments: profiles.map(\.0))
    func profile(_ name: String) async throws {
        let site = try Site(tickets: 120)
        site.emulator.faults = Self.profiles.first { $0.0 == name }!.1
        let summary = try await site.extract(site.options(concurrency: 4, timeout: 1.0))
        let faults = Self.profiles.first { $0.0 == name }!.1
        if faults.churnEvery > 0 {
            #expect(site.emulator.ticketIDs.count == 120 + faults.churnLimit / 2 - (faults.churnLimit + 1) / 2)
        }
        if faults != EmulatorFaults(churnEvery: faults.churnEvery, churnLimit: faults.churnLimit) {
            #expect(summary.retries > 0)
        }
        try expectSnapshotMatches(site.dbPath, site.emulator)
    }

    @Test("Retry-After is honoured")
    func retryAfter() async throws {
        let site = try Site(tickets: 20)
        let emulator = site.emulator
        emulator.faults = EmulatorFaults(rateLimitEvery: 1, kinds: [.agents])
        emulator.onRequest = { kind, count in
            if kind == .agents && count == 1 { emulator.faults = .none }
        }
        try await site.extract(site.options())
        let agents = site.emulator.requestLog.filter { $0.kind == .agents }
        #expect(agents.count >= 2)
        #expect(agents[0].status == 429)
        #expect(agents[1].time.timeIntervalSince(agents[0].time) >= 0.95)
        try expectSnapshotMatches(site.dbPath, site.emulator)
    }

    @Test("retries are bounded: a site that keeps failing stops the run, snapshot untouched")
    func bounded() async throws {
        let site = try Site(tickets: 20)
        var options = site.options()
        options.retry.maxAttempts = 3
        site.emulator.faults = EmulatorFaults(serverErrorEvery: 1, kinds: [.ticketList])
        await #expect(throws: ExtractError.self) { try await site.extract(options) }
        #expect(site.emulator.requestCount(.ticketList) == 3)
        #expect(!FileManager.default.fileExists(atPath: site.dbPath))
    }

    @Test("a body that is not JSON fails at once with the URL, the status and its first bytes")
    func notJSON() async throws {
        let site = try Site(tickets: 20)
        site.emulator.faults = EmulatorFaults(htmlEvery: 1, kinds: [.ticketList])
        await #expect {
            try await site.extract(site.options())
        } throws: { error in
            let text = "\(error)"
            return text.contains("/wp-json/fluent-support/v2/tickets?per_page=25&page=1")
                && text.contains("(HTTP 200)") && text.contains("the body begins: <!DOCTYPE html> <html><head>")
        }
        #expect(site.emulator.requestCount(.ticketList) == 1)
    }

    @Test("JSON that stays truncated fails after the retries, naming URL, status and first bytes")
    func truncatedForGood() async throws {
        let site = try Site(tickets: 20)
        var options = site.options()
        options.retry.maxAttempts = 3
        site.emulator.faults = EmulatorFaults(truncateEvery: 1, kinds: [.mailboxes])
        await #expect {
            try await site.extract(options)
        } throws: { error in
            let text = "\(error)"
            return text.contains("/wp-json/fluent-support/v2/mailboxes (HTTP 200): invalid JSON")
                && text.contains("the body begins: {\"mailboxes\":[")
        }
        #expect(site.emulator.requestCount(.mailboxes) == 3)
    }

    @Test("tickets inserted and deleted between page requests")
    func shiftingPages() async throws {
        let site = try Site(tickets: 150)
        let emulator = site.emulator
        let later = Site.now + 60
        emulator.onRequest = { kind, count in
            guard kind == .ticketList else { return }
            if count == 2 { emulator.deleteTicket(id: 3, at: later) }  // shifts every later page up
            if count == 4 {
                let t = emulator.insertTicket(customerId: 10, agentId: 2, at: later)
                emulator.addConversation(ticketId: t.id, personId: 2, at: later + 5)
            }
            if count == 5 { emulator.deleteTicket(id: 140, at: later) }  // not listed yet
        }
        let summary = try await site.extract(site.options(perPage: 20))
        try expectSnapshotMatches(site.dbPath, emulator)
        #expect(summary.ticketsDeleted >= 1)

        // A delete and an insert between the same two pages keep `total` equal: the next
        // run sees it.
        emulator.onRequest = { kind, count in
            guard kind == .ticketList, count == 2 else { return }
            emulator.deleteTicket(id: 7, at: later + 100)
            emulator.insertTicket(customerId: 11, at: later + 100)
        }
        emulator.resetCounts()
        try await site.extract(site.options(perPage: 20, now: Site.now + 3600))
        emulator.onRequest = nil
        try await site.extract(site.options(perPage: 20, now: Site.now + 7200))
        try expectSnapshotMatches(site.dbPath, emulator)
    }
}
