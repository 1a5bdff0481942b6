import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

/// A nightly run that costs what changed: the day-2 story of API.md, each kind of change
/// caught with exactly the expected detail requests, and the cases that need a sweep.
@Suite("Change detection between sweeps")
struct ChangeDetectionTests {
    static let perPage = 25

    /// Tickets by a property of the first run's data, distinct from each other.
    struct Picks {
        var ids: [Int64] = []
        mutating func take(_ tickets: [Ticket], _ predicate: (Ticket) -> Bool) throws -> Int64 {
            let t = try #require(tickets.first { predicate($0) && !ids.contains($0.id) })
            ids.append(t.id)
            return t.id
        }
    }

    func updated(_ t: Ticket) -> Int64 { t.updatedAt ?? t.createdAt }

    @Test("every kind of change of the day-2 story is fetched, and nothing else")
    func dayTwo() async throws {
        let site = try Site(tickets: 300)
        let e = site.emulator
        try await site.extract(site.options(perPage: Self.perPage))
        let data = e.dataset
        let day = LocalTime.secondsPerDay
        // The recheck window of the next run: updated in the 2 days before the first run.
        let windowStart = Site.now - 2 * day
        let window = Set(data.tickets.filter { updated($0) >= windowStart }.map(\.id))
        let old = data.tickets.filter { updated($0) < windowStart - day }
        let hasConversations = Set(data.conversations.map(\.ticketId))
        var picks = Picks()
        let answered = try picks.take(old) { $0.status != "closed" || true }
        let customerReply = try picks.take(old) { $0.customerId != nil }
        let noted = try picks.take(old) { _ in true }
        let closed = try picks.take(old) { $0.status != "closed" }
        let reopened = try picks.take(old) { $0.status == "closed" }
        let reprioritised = try picks.take(old) { _ in true }
        let productChanged = try picks.take(old) { _ in true }
        let reassigned = try picks.take(old) { $0.agentId != nil }
        let deletedTicket = try picks.take(old) { _ in true }
        // Edited and deleted responses leave no trace: caught only inside the window.
        let edited = try picks.take(data.tickets) { window.contains($0.id) && hasConversations.contains($0.id) }
        let responseDeletedIn = try picks.take(data.tickets) { window.contains($0.id) && hasConversations.contains($0.id) }
        let responseDeletedOut = try picks.take(old) { hasConversations.contains($0.id) }
        let deletedResponse = try #require(data.conversations.first { $0.ticketId == responseDeletedIn })
        let deletedOutside = try #require(data.conversations.first { $0.ticketId == responseDeletedOut })

        let t0 = Site.now + 600
        let customer = try #require(data.tickets.first { $0.id == customerReply }?.customerId)
        let created = e.insertTicket(customerId: customer, agentId: 2, productId: 1, at: t0)
        e.addConversation(ticketId: answered, personId: 2, at: t0 + 10)
        e.addConversation(ticketId: customerReply, personId: customer, at: t0 + 20)
        e.addConversation(ticketId: noted, personId: 3, type: "note", at: t0 + 30)
        e.addConversation(ticketId: closed, personId: 2, type: "internal_info", at: t0 + 40, closes: true)
        e.reopenTicket(id: reopened, by: 1, at: t0 + 50)
        e.updateTicket(id: reprioritised, touch: t0 + 60) { $0.priority = "critical" }
        e.updateTicket(id: productChanged, touch: t0 + 70) { $0.productId = 3 }
        e.assignTicket(id: reassigned, to: 4, by: 1, at: t0 + 80)
        e.deleteTicket(id: deletedTicket, by: 1, at: t0 + 90)
        e.deleteConversation(id: deletedResponse.id, ticketId: responseDeletedIn)
        e.deleteConversation(id: deletedOutside.id, ticketId: responseDeletedOut)
        _ = edited  // an edit changes only content, which the snapshot does not hold
        e.resetCounts()

        var options = site.options(perPage: Self.perPage, recheckDays: 2, now: t0 + 3600)
        options.overlapSeconds = 0
        let summary = try await site.extract(options)
        #expect(!summary.swept && !summary.full, "\(summary.line)")
        #expect(summary.line.contains("changes only"))

        // Exactly: the created ticket, the nine changed ones (the deleted one answering
        // 422), and the recheck window — each once.
        let changed: Set<Int64> = [
            created.id, answered, customerReply, noted, closed, reopened, reprioritised, productChanged, reassigned,
            deletedTicket,
        ]
        let expected = changed.union(window)
        let fetched = e.requestLog.filter { $0.kind == .ticketDetail }.compactMap { Int64($0.target.split(separator: "/").last!) }
        #expect(fetched.count == expected.count)
        #expect(Set(fetched) == expected)
        #expect(summary.ticketsDeleted == 1 && summary.ticketsNew == 1)
        // The listing stopped near the top: two pages of 25 (the changed rows fill less
        // than one; the second is the page past the mark), not 12 pages.
        #expect(e.requestCount(.ticketList) == 2)
        #expect(e.requestLog.filter { $0.kind == .ticketList }.allSatisfy { _ in true })

        // The snapshot equals the site except the response deleted outside the window,
        // which only a sweep finds.
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try snapshot.conversations(ofTicket: responseDeletedOut).contains { $0.id == deletedOutside.id })
        #expect(try !snapshot.conversations(ofTicket: responseDeletedIn).contains { $0.id == deletedResponse.id })
        #expect(try snapshot.ticketIDs().contains(deletedTicket) == false)

        // A sweep (--full here) makes it exact.
        e.resetCounts()
        let full = try await site.extract(site.options(full: true, perPage: Self.perPage, now: t0 + 7200))
        #expect(full.swept)
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("a quiet night: a handful of requests, no details outside the window")
    func quietNight() async throws {
        let site = try Site(tickets: 300)
        let e = site.emulator
        try await site.extract(site.options(perPage: Self.perPage))
        e.resetCounts()
        var options = site.options(perPage: Self.perPage, recheckDays: 0, now: Site.now + 3600)
        options.overlapSeconds = 0
        let summary = try await site.extract(options)
        #expect(!summary.swept)
        // Index, agents, mailboxes, products, one activity page and its catch-up, the
        // first ticket page and the one past the mark; no detail.
        #expect(e.requestCount(.ticketDetail) == 0)
        #expect(e.requestCount(.ticketList) == 2)
        #expect(e.totalRequests == 8)
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("a pruned activity log (the job was down past delete_days) makes the run a sweep")
    func prunedLogSweeps() async throws {
        let site = try Site(tickets: 200)
        let e = site.emulator
        try await site.extract(site.options(perPage: Self.perPage))
        let cursor = try #require(e.dataset.activities.map(\.id).max())
        // A note (no updated_at move) whose activity row is then pruned with older ones.
        let target = e.ticketIDs[7]
        e.addConversation(ticketId: target, personId: 2, type: "note", at: Site.now + 60)
        e.addConversation(ticketId: e.ticketIDs[8], personId: 2, at: Site.now + 120)
        e.pruneActivities(throughId: cursor + 1)
        e.resetCounts()
        var options = site.options(perPage: Self.perPage, recheckDays: 0, now: Site.now + 3 * LocalTime.secondsPerDay)
        options.overlapSeconds = 0
        let summary = try await site.extract(options)
        #expect(summary.swept)
        #expect(summary.sweepReason == "the site pruned activity rows this snapshot never saw")
        // Every ticket page in id order: 200 / 25 = 8 full pages and the empty ninth.
        #expect(e.requestCount(.ticketList) == 9)
        // The note is found by comparing preview_response in the sweep.
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(
            try snapshot.conversations(ofTicket: target).count == e.dataset.conversations.filter { $0.ticketId == target }.count)
        var tickets: [Ticket] = []
        try snapshot.forEachTicket { tickets.append($0) }
        #expect(tickets == e.dataset.tickets)
        // The snapshot keeps the rows the site pruned: it is the long-term copy.
        let kept = Set(try snapshot.activities().map(\.id))
        #expect(kept.isSuperset(of: e.dataset.activities.map(\.id)) && kept.contains(cursor))
    }

    @Test("an activity log that is switched off, --sweep-days and --full all sweep")
    func otherSweeps() async throws {
        var configuration = FluentSupportEmulator.Configuration()
        configuration.activityLogDisabled = true
        let site = try Site(tickets: 120, configuration: configuration)
        try await site.extract(site.options(perPage: Self.perPage))
        let off = try await site.extract(site.options(perPage: Self.perPage, now: Site.now + 600))
        #expect(off.swept && off.sweepReason == "the site's activity log is off")

        let plain = try Site(tickets: 120)
        try await plain.extract(plain.options(perPage: Self.perPage))
        var options = plain.options(perPage: Self.perPage, now: Site.now + 600)
        let quiet = try await plain.extract(options)
        #expect(!quiet.swept)
        options.now = plain.options(now: Site.now + 8 * 86_400).now
        let weekly = try await plain.extract(options)
        #expect(weekly.swept && weekly.sweepReason == "the last sweep is 7+ days old")
        options.sweepDays = 0
        options.now = plain.options(now: Site.now + 8 * 86_400 + 600).now
        let always = try await plain.extract(options)
        #expect(always.swept && always.sweepReason == "--sweep-days 0")
    }

    @Test("a site that refuses to list by updated_at gets a sweep, not a failure")
    func refusedOrdering() async throws {
        var configuration = FluentSupportEmulator.Configuration()
        configuration.refusesUpdatedAtOrder = true
        let site = try Site(tickets: 100, configuration: configuration)
        try await site.extract(site.options(perPage: Self.perPage))
        site.emulator.addConversation(ticketId: site.emulator.ticketIDs[4], personId: 2, at: Site.now + 60)
        let summary = try await site.extract(site.options(perPage: Self.perPage, now: Site.now + 600))
        #expect(summary.swept && summary.sweepReason == "the site refused the updated_at listing")
        try expectSnapshotMatches(site.dbPath, site.emulator)
    }

    @Test("a changes run that fails part-way resumes without listing again")
    func resumeChanges() async throws {
        let site = try Site(tickets: 200)
        let e = site.emulator
        try await site.extract(site.options(perPage: Self.perPage))
        let before = try Data(contentsOf: URL(fileURLWithPath: site.dbPath))
        let ids = e.ticketIDs
        for (i, id) in ids.prefix(30).enumerated() { e.addConversation(ticketId: id, personId: 2, at: Site.now + 60 + Int64(i)) }
        var options = site.options(concurrency: 1, perPage: Self.perPage, recheckDays: 0, now: Site.now + 3600)
        options.overlapSeconds = 0
        options.detailBatch = 5
        options.retry.maxAttempts = 1
        // The 12th detail fails: batches of 5 are committed before it.
        e.onRequest = { kind, count in
            if kind == .ticketDetail, count == 12 { e.faults = EmulatorFaults(serverErrorEvery: 1, kinds: [.ticketDetail]) }
        }
        e.resetCounts()
        await #expect(throws: ExtractError.self) { try await site.extract(options) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: site.dbPath)) == before)
        e.onRequest = nil
        e.faults = .none
        e.resetCounts()
        options.retry.maxAttempts = 3
        let resumed = try await site.extract(options)
        #expect(resumed.resumed && !resumed.swept)
        #expect(e.requestCount(.ticketList) == 0)
        #expect(e.requestCount(.ticketDetail) <= 30 - 10)
        try expectSnapshotMatches(site.dbPath, e)
    }
}
