import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

@Suite("Incremental sync")
struct IncrementalTests {
    @Test("after 1% of the tickets change, about 1% of the details are fetched, deletions included")
    func onePercent() async throws {
        let site = try Site(tickets: 400)
        let e = site.emulator
        try await site.extract(site.options())
        let t0 = Site.now + 600
        let ids = e.ticketIDs
        // 1. an agent answers; 2. an internal note (only preview_response moves);
        // 3. a deleted ticket; 4. a new ticket with a reply; 5. a priority change.
        e.addConversation(ticketId: ids[10], personId: 2, at: t0)
        e.addConversation(ticketId: ids[50], personId: 3, type: "note", at: t0 + 10)
        e.deleteTicket(id: ids[90], at: t0 + 20)
        let created = e.insertTicket(customerId: 20, agentId: 1, productId: 2, at: t0 + 30)
        e.addConversation(ticketId: created.id, personId: 1, at: t0 + 40)
        e.updateTicket(id: ids[200], touch: t0 + 50) { $0.priority = "critical" }
        e.resetCounts()

        var options = site.options(recheckDays: 0, now: t0 + 3600)
        options.overlapSeconds = 0
        let summary = try await site.extract(options)
        // Four changed tickets' details, plus the one request that finds the deleted one gone.
        #expect(e.requestCount(.ticketDetail) == 5)
        #expect(summary.detailsFetched == 4)
        #expect(summary.ticketsDeleted == 1)
        #expect(summary.ticketsNew == 1)
        #expect(summary.ticketsChanged == 3)
        #expect(!summary.full)
        try expectSnapshotMatches(site.dbPath, e)

        // Nothing changed: no details at all.
        e.resetCounts()
        options.now = { Date(timeIntervalSince1970: TimeInterval(e.clock.unixSeconds(local: t0 + 7200))) }
        try await site.extract(options)
        #expect(e.requestCount(.ticketDetail) == 0)
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("a ticket deleted between the listing and its detail (422) leaves the snapshot")
    func deletedMidRun() async throws {
        let site = try Site(tickets: 100)
        let e = site.emulator
        e.onRequest = { kind, count in
            if kind == .ticketDetail && count == 1 { e.deleteTicket(id: 90, at: Site.now + 30) }
        }
        let summary = try await site.extract(site.options(concurrency: 2))
        #expect(summary.ticketsDeleted == 1)
        #expect(e.requestLog.contains { $0.kind == .ticketDetail && $0.target.hasSuffix("/tickets/90") && $0.status == 422 })
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("a job down for three weeks: the window reaches back from the previous run's start, not from now")
    func windowAfterDowntime() async throws {
        let site = try Site(tickets: 200)
        let e = site.emulator
        try await site.extract(site.options())
        let data = e.dataset
        // A ticket last updated 10 days before the first run: inside its 14-day window
        // then, and inside the next run's window only if that window starts from the first
        // run's start (21 days later, now − 14 d is 7 days *after* the first run).
        let tenDays = Site.now - 10 * LocalTime.secondsPerDay
        let target = try #require(
            data.tickets.first { t in
                let u = t.updatedAt ?? t.createdAt
                return u < tenDays && u >= tenDays - LocalTime.secondsPerDay
                    && data.conversations.contains { $0.ticketId == t.id }
            })
        let deleted = try #require(data.conversations.first { $0.ticketId == target.id })
        e.deleteConversation(id: deleted.id, ticketId: target.id)
        e.resetCounts()

        let threeWeeksLater = Site.now + 21 * LocalTime.secondsPerDay
        var options = site.options(recheckDays: 14, now: threeWeeksLater)
        options.overlapSeconds = 0
        try await site.extract(options)
        // Every ticket updated since Site.now − 14 d is fetched again (the same set the
        // first run's window held), the target among them.
        let expected = data.tickets.filter { ($0.updatedAt ?? $0.createdAt) >= Site.now - 14 * LocalTime.secondsPerDay }
        #expect(e.requestCount(.ticketDetail) == expected.count)
        #expect(e.requestLog.contains { $0.kind == .ticketDetail && $0.target.hasSuffix("/tickets/\(target.id)") })
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try !snapshot.conversations(ofTicket: target.id).contains { $0.id == deleted.id })
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("the recent window re-fetches recently updated tickets: deleted responses disappear")
    func recentWindow() async throws {
        let site = try Site(tickets: 200)
        let e = site.emulator
        try await site.extract(site.options())
        let data = e.dataset
        let now2 = Site.now + 3600
        // The window reaches back 14 days from the previous run's start (Site.now).
        let window = Site.now - 14 * LocalTime.secondsPerDay
        let recent = data.tickets.filter { ($0.updatedAt ?? $0.createdAt) >= window }
        let old = data.tickets.filter { ($0.updatedAt ?? $0.createdAt) < window - LocalTime.secondsPerDay }
        // A response deleted on a recent ticket and on an old one: no other trace.
        let recentConversation = try #require(data.conversations.first { c in recent.contains { $0.id == c.ticketId } })
        let oldConversation = try #require(data.conversations.first { c in old.contains { $0.id == c.ticketId } })
        e.deleteConversation(id: recentConversation.id, ticketId: recentConversation.ticketId)
        e.deleteConversation(id: oldConversation.id, ticketId: oldConversation.ticketId)
        e.resetCounts()

        var options = site.options(recheckDays: 14, now: now2)
        options.overlapSeconds = 0
        try await site.extract(options)
        #expect(e.requestCount(.ticketDetail) == recent.count)
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try !snapshot.conversations(ofTicket: recentConversation.ticketId).contains { $0.id == recentConversation.id })
        // The old ticket keeps the deleted response until a full sweep.
        #expect(try snapshot.conversations(ofTicket: oldConversation.ticketId).contains { $0.id == oldConversation.id })

        e.resetCounts()
        let summary = try await site.extract(site.options(full: true, now: now2 + 60))
        #expect(summary.full)
        #expect(e.requestCount(.ticketDetail) == e.dataset.tickets.count)
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("the overlap re-fetches tickets updated just before the previous run started")
    func overlap() async throws {
        let site = try Site(tickets: 120)
        let e = site.emulator
        try await site.extract(site.options())
        e.resetCounts()
        let options = site.options(recheckDays: 0, now: Site.now + 86_400)  // default overlap: 1 hour
        try await site.extract(options)
        let expected = e.dataset.tickets.filter { ($0.updatedAt ?? $0.createdAt) >= Site.now - 3600 }.count
        #expect(e.requestCount(.ticketDetail) == expected)
    }

    @Test("only activity rows newer than the last run's are fetched")
    func activities() async throws {
        let site = try Site(tickets: 150)
        let e = site.emulator
        try await site.extract(site.options(perPage: 20))
        let pagesFirst = e.requestCount(.activities)
        #expect(pagesFirst >= 3)
        e.addConversation(ticketId: e.ticketIDs[3], personId: 2, at: Site.now + 100)
        e.resetCounts()
        let summary = try await site.extract(site.options(perPage: 20, recheckDays: 0, now: Site.now + 200))
        // The walk that finds the new row, and the end-of-run catch-up: one page each.
        #expect(e.requestCount(.activities) == 2)
        #expect(summary.activitiesNew == 1)
        try expectSnapshotMatches(site.dbPath, e)
    }
}
