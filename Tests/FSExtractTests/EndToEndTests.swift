import FSColumnar
import FSReports
import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

@Suite("End to end over HTTP")
struct EndToEndTests {
    @Test("extract, then the snapshot's rows equal the site's")
    func rowsEqual() async throws {
        let site = try Site()
        let summary = try await site.extract(site.options())
        try expectSnapshotMatches(site.dbPath, site.emulator)
        #expect(summary.full)
        #expect(summary.detailsFetched == site.emulator.dataset.tickets.count)
        #expect(site.emulator.requestCount(.ticketDetail) == site.emulator.dataset.tickets.count)
        let snapshot = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try snapshot.meta(MetaKey.timezone) == "America/New_York")
        #expect(try snapshot.meta(MetaKey.siteURL) == site.emulator.baseURL.absoluteString)
        #expect(try snapshot.meta(MetaKey.lastSyncAt) == "2026-11-20 17:00:00")
        #expect(try snapshot.meta(MetaKey.source) == "extract")
        // The client asked for gzip and read it.
        #expect(site.emulator.requestLog.filter { $0.kind == .ticketDetail }.allSatisfy { $0.gzipped })
        #expect(site.emulator.requestLog.allSatisfy { $0.userAgent == "fsreport/test" })
    }

    @Test("a second extraction of the same snapshot is refused while one runs")
    func locked() async throws {
        let site = try Site(tickets: 10)
        var holder: WorkingCopy? = try WorkingCopy(target: site.dbPath)
        await #expect {
            try await site.extract(site.options())
        } throws: { error in
            guard case ExtractError.locked = error else { return false }
            return (error as! ExtractError).kind == .locked
        }
        withExtendedLifetime(holder) {}
        holder = nil
        try await site.extract(site.options())  // released
    }

    @Test("bodies over the size cap stop the run without retrying")
    func sizeCap() async throws {
        let site = try Site(tickets: 10)
        var options = site.options()
        options.maxBodyBytes = 4_000
        await #expect {
            try await site.extract(options)
        } throws: { error in
            "\(error)".contains("exceeds") && "\(error)".contains("/wp-json/fluent-support/v2/")
        }
        #expect(site.emulator.totalRequests < 6)
    }

    /// Any redirect, to https or down to plain http, stops the run at its first request.
    @Test(
        "a redirect is not followed: the credentials stay with --site",
        arguments: ["https://elsewhere.example", "http://elsewhere.example", "http://127.0.0.1:9"])
    func redirect(_ target: String) async throws {
        var configuration = FluentSupportEmulator.Configuration()
        configuration.redirectTo = target
        let site = try Site(tickets: 10, configuration: configuration)
        await #expect {
            try await site.extract(site.options())
        } throws: { error in
            guard case ExtractError.redirected(_, let status, let location) = error else { return false }
            return status == 301 && location == "\(target)/wp-json/"
        }
        #expect(site.emulator.totalRequests == 1)
        #expect(!FileManager.default.fileExists(atPath: site.dbPath))
    }
}

@Suite("Reports from the snapshot equal reports from the site's data")
struct ReportEqualityTests {
    /// The store built straight from the site's data, as the site's own reports see it.
    static func store(_ dataset: HelpdeskDataset) -> ColumnarStore {
        var builder = ColumnarBuilder()
        for p in dataset.persons { builder.addPerson(p) }
        for m in dataset.mailboxes { builder.addMailbox(m) }
        for p in dataset.products { builder.addProduct(p) }
        for t in dataset.tickets { builder.addTicket(t) }
        for c in dataset.conversations { builder.add(c) }
        return builder.build()
    }

    @Test("every report, default ranges and a few explicit ones, after a full and an incremental run")
    func everyReport() async throws {
        let site = try Site(tickets: 300, days: 90)
        try await site.extract(site.options(concurrency: 8))
        try compare(site, now: Site.now)

        // Change the site and sync incrementally: the reports follow.
        let e = site.emulator
        let t = Site.now + 900
        e.addConversation(ticketId: e.ticketIDs[250], personId: 3, at: t, closes: true)
        e.addConversation(ticketId: e.ticketIDs[260], personId: 4, at: t + 60)
        e.deleteTicket(id: e.ticketIDs[270], at: t + 120)
        let created = e.insertTicket(customerId: 30, agentId: 5, productId: 1, at: t + 180)
        e.addConversation(ticketId: created.id, personId: 5, at: t + 240)
        try await site.extract(site.options(now: t + 3600))
        try compare(site, now: t + 3600)
    }

    func compare(_ site: Site, now: Int64) throws {
        let fromSnapshot = try ColumnarStore.load(from: Snapshot(path: site.dbPath, mode: .readOnly))
        let fromSite = Self.store(site.emulator.dataset)
        let a = try Reports.defaultExports(store: fromSnapshot, now: now)
        let b = try Reports.defaultExports(store: fromSite, now: now)
        #expect(a.map(\.path) == b.map(\.path))
        for (x, y) in zip(a, b) { #expect(x.result == y.result, "\(x.path)") }
        #expect(a.count > 5)

        let today = LocalTime.day(now)
        let ranges: [(Int64, Int64)] = [(today - 89, today), (today - 6, today), (today, today)]
        for name in ReportName.allCases where name.takesRange {
            for (from, to) in ranges {
                var request = ReportRequest(from: from, to: to, now: now)
                if name.isPersonal { request.agentId = 2 }
                let x = try Reports.run(name, store: fromSnapshot, request: request)
                let y = try Reports.run(name, store: fromSite, request: request)
                #expect(x == y, "\(name.rawValue) \(LocalTime.formatDate(day: from))...\(LocalTime.formatDate(day: to))")
            }
        }
    }
}
