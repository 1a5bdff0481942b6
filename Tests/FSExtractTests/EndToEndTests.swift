import Foundation
import FSColumnar
import FSReports
import FSSnapshot
import Testing
@testable import FSExtract
@testable import FSFixtures

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
    }
}
