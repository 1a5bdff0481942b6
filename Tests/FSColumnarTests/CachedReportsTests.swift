import FSColumnar
import FSGenerator
import FSReports
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// Every report gives the same result on the store built from the snapshot and on the
/// store read back from the column cache.
@Suite struct CachedReportsTests {
    static let now = LocalTime.parse("2026-11-20 15:42:10")!

    /// Requests covering every report: default ranges, a month, the whole history with
    /// hourly and weekly buckets, filters, and each agent for the personal reports.
    static func requests(_ store: ColumnarStore) -> [(ReportName, ReportRequest)] {
        let today = LocalTime.day(now)
        let ranges: [(Int64?, Int64?, Interval)] = [
            (nil, nil, .auto), (today - 30, today, .auto), (today - 250, today, .auto), (today - 6, today, .hour),
            (today - 90, today - 3, .week), (today - 1, today - 1, .auto),
        ]
        var out: [(ReportName, ReportRequest)] = [(.overall, ReportRequest(now: now))]
        for (from, to, interval) in ranges {
            for name in [ReportName.ticketsGrowth, .resolveGrowth, .responseGrowth] {
                out.append((name, ReportRequest(from: from, to: to, interval: interval, now: now)))
                out.append(
                    (name, ReportRequest(from: from, to: to, productId: store.productIDs.first, interval: interval, now: now)))
                out.append(
                    (name, ReportRequest(from: from, to: to, mailboxId: store.mailboxIDs.last, interval: interval, now: now)))
            }
            if interval == .auto { out.append((.agentsSummary, ReportRequest(from: from, to: to, now: now))) }
        }
        for agent in store.agentIndexes.map({ store.personIDs[Int($0)] }) {
            out.append((.myOverall, ReportRequest(agentId: agent, now: now)))
            out.append((.ticketsGrowth, ReportRequest(agentId: agent, now: now)))
            for (from, to, interval) in ranges {
                out.append((.myResolveGrowth, ReportRequest(from: from, to: to, agentId: agent, interval: interval, now: now)))
                out.append((.myResponseGrowth, ReportRequest(from: from, to: to, agentId: agent, interval: interval, now: now)))
                if interval == .auto { out.append((.mySummary, ReportRequest(from: from, to: to, agentId: agent, now: now))) }
            }
        }
        return out
    }

    @Test func everyReportIsIdenticalWithAndWithoutTheCache() throws {
        try withTemporaryDirectory { directory in
            let path = try ColumnCacheTests.generatedSnapshot(in: directory, seed: 5, tickets: 3000)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            let direct = try ColumnarStore.load(from: snapshot)
            #expect(try ColumnarStore.load(from: snapshot, cache: cache).source != .cache)
            let cached = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(cached.source == .cache)

            let requests = Self.requests(direct)
            #expect(requests.count > 150)
            var nonEmpty = 0
            for (name, request) in requests {
                let expected = try Reports.run(name, store: direct, request: request)
                let actual = try Reports.run(name, store: cached.store, request: request)
                #expect(actual == expected, "\(name.rawValue) \(request)")
                if case .series(let s) = expected, s.total > 0 { nonEmpty += 1 }
            }
            #expect(nonEmpty > 50, "the fixture should exercise the series")
        }
    }
}
