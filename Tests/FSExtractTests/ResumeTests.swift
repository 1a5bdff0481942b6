import FSSnapshot
import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Killed and resumed")
struct ResumeTests {
    @Test("kill -9 part-way: the snapshot is untouched, and the next run resumes with fewer requests")
    func killAndResume() throws {
        let site = try Site(tickets: 300)
        let e = site.emulator
        let env = ["FSREPORT_USER": e.user, "FSREPORT_APP_PASSWORD": e.password]
        let args = [
            "extract", "--site", e.baseURL.absoluteString, "--db", site.dbPath, "--per-page", "50", "--full",
            "--concurrency", "2",
        ]

        // A complete first run, then a fresh full run's cost as the yardstick.
        #expect(try BinaryRunner.run(args, environment: env, directory: site.directory.path).status == 0)
        e.resetCounts()
        #expect(try BinaryRunner.run(args, environment: env, directory: site.directory.path).status == 0)
        let freshRequests = e.totalRequests
        let freshDetails = e.requestCount(.ticketDetail)
        #expect(freshDetails == 300)
        let before = FileManager.default.contents(atPath: site.dbPath)

        // Killed after 150 details: the snapshot is as it was, the working copy stays.
        let pid = Shared<Int32>(0)
        e.onRequest = { kind, count in
            if kind == .ticketDetail, count == 150, pid.value > 0 { kill(pid.value, SIGKILL) }
        }
        e.resetCounts()
        let killed = try BinaryRunner.run(args, environment: env, directory: site.directory.path) { pid.value = $0 }
        #expect(killed.killed)
        #expect(FileManager.default.contents(atPath: site.dbPath) == before)
        #expect(FileManager.default.fileExists(atPath: site.dbPath + ".partial"))
        let readable = try Snapshot(path: site.dbPath, mode: .readOnly)
        #expect(try readable.rowCounts()["tickets"] == 300)

        // Meanwhile the site changes.
        e.onRequest = nil
        e.addConversation(ticketId: 5, personId: 2, at: Site.now + 60)
        e.deleteTicket(id: 6, at: Site.now + 70)

        e.resetCounts()
        let resumed = try BinaryRunner.run(args, environment: env, directory: site.directory.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resumed"))
        #expect(e.totalRequests < freshRequests)
        // At most half the details again, plus the two tickets the end-of-run activity
        // catch-up names (5 answered, 6 deleted while the run was down).
        #expect(e.requestCount(.ticketDetail) <= freshDetails - 100 + 2)
        #expect(!FileManager.default.fileExists(atPath: site.dbPath + ".partial"))
        // Ticket 5 was fetched before the kill and changed after: this run or the next sees it.
        #expect(
            try BinaryRunner.run(args.filter { $0 != "--full" }, environment: env, directory: site.directory.path).status == 0)
        try expectSnapshotMatches(site.dbPath, e)
    }

    @Test("an in-process run stopped by an error resumes where it stopped")
    func errorAndResume() async throws {
        let site = try Site(tickets: 200)
        let e = site.emulator
        var options = site.options(concurrency: 2)
        options.retry.maxAttempts = 2
        options.detailBatch = 10
        e.onRequest = { kind, count in
            if kind == .ticketDetail && count == 120 { e.faults = EmulatorFaults(serverErrorEvery: 1) }
        }
        await #expect(throws: ExtractError.self) { try await site.extract(options) }
        #expect(!FileManager.default.fileExists(atPath: site.dbPath))
        e.faults = .none
        e.onRequest = nil
        e.resetCounts()
        let summary = try await site.extract(site.options())
        #expect(summary.resumed)
        #expect(e.requestCount(.ticketList) == 0)  // the listing was complete
        #expect(e.requestCount(.ticketDetail) <= 200 - 100)
        try expectSnapshotMatches(site.dbPath, e)
    }
}
