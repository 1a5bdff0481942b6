import Foundation
import Testing

@testable import FSExtract
@testable import FSGenerator
@testable import FSTestSupport

@Suite("Adaptive concurrency")
struct AdaptiveConcurrencyTests {
    @Test("halves on 429/503 and timeouts, once per round; climbs back one step per healthy round, never above the limit")
    func steps() {
        let pacing = AdaptiveConcurrency(maximum: 8)
        #expect(pacing.limit == 8)
        pacing.record(status: 429, seconds: 0.1)
        #expect(pacing.limit == 4)
        // A burst of 429s in the same round is one signal: 4 answers must pass first.
        pacing.record(status: 429, seconds: 0.1)
        pacing.record(status: 503, seconds: 0.1)
        #expect(pacing.limit == 4)
        pacing.record(status: 200, seconds: 0.1)
        pacing.record(status: nil, seconds: 30)  // a timeout, the 4th answer of the round
        #expect(pacing.limit == 2)
        // Healthy answers: one step up per 2 × limit of them (4 at limit 2, 6 at 3, ...).
        for _ in 0..<4 { pacing.record(status: 200, seconds: 0.1) }
        #expect(pacing.limit == 3)
        for _ in 0..<(6 + 8 + 10 + 12 + 14 + 100) { pacing.record(status: 200, seconds: 0.1) }
        #expect(pacing.limit == 8)
        #expect(pacing.lowestLimit == 2)
    }

    @Test("steps down while answers take more than twice the fastest")
    func latency() {
        let pacing = AdaptiveConcurrency(maximum: 4)
        for _ in 0..<10 { pacing.record(status: 200, seconds: 0.05) }
        #expect(pacing.limit == 4)
        // Answers slow to 0.5 s: the mean passes 2 × 0.05 within a few, then one step
        // down per round of `limit` answers, to 1 and no lower.
        for _ in 0..<40 { pacing.record(status: 200, seconds: 0.5) }
        #expect(pacing.limit == 1)
    }

    @Test("a rate-limiting site: the run backs off, converges and says so")
    func rateLimitedSite() async throws {
        var configuration = FluentSupportEmulator.Configuration()
        configuration.faults = EmulatorFaults(rateLimitEvery: 5, retryAfterSeconds: 0, kinds: [.ticketDetail])
        let site = try Site(tickets: 120, configuration: configuration)
        let summary = try await site.extract(site.options(concurrency: 8))
        #expect(summary.concurrencyLimit == 8)
        #expect((summary.lowestConcurrency ?? 8) < 8)
        #expect(summary.line.contains("details/s (backed off to"))
        try expectSnapshotMatches(site.dbPath, site.emulator)
    }
}
