import FSColumnar
import FSGenerator
import FSSnapshot
import FSTestSupport
import Foundation
import Testing

/// The report columns (response samples, close history, priorities) travel in the column
/// cache with the store: read back equal to a fresh build, rebuilt when the snapshot
/// changes, and an older format's file is never read as this one.
@Suite struct ReportColumnsCacheTests {
    @Test func roundTripEqualsAFreshBuild() throws {
        try withTemporaryDirectory { directory in
            let path = try ColumnCacheTests.generatedSnapshot(in: directory)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            let first = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(first.source == .snapshot(miss: .missing, written: true))
            let second = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(second.source == .cache)
            // Built a second, independent way: straight from the snapshot, no cache involved.
            let store = try ColumnarStore.load(from: snapshot)
            let fresh = try ReportColumns.load(snapshot, store: store)
            #expect(second.reports == fresh)
            #expect(first.reports == fresh)
            // The fixture exercises every column: samples, reopens, priorities, unanswered tickets.
            let r = second.reports
            #expect(r.responses.sampleEnd.count > 1000 && r.responses.frtRows.count > 1000)
            #expect(r.history.reopenRow.count > 0 && !r.tickets.priorityNames.isEmpty)
            #expect(r.responses.unanswered.count > 0)
            #expect((0..<store.ticketCount).contains { r.history.firstClose[$0] != ColumnarStore.null })
            // ...and the SLA's running reply clocks and the backlog's open-interval lists.
            #expect(r.responses.pendingRows.count > 0 && r.responses.pendingSince.count == r.responses.pendingRows.count)
            #expect(r.history.extraCloseRow.count > 0 && r.history.openRow.count > 0)
            #expect(r.history.openNow.count > 0 && r.history.waitingRow.count > 0)
        }
    }

    @Test func aChangedSnapshotRebuildsTheReportColumns() throws {
        try withTemporaryDirectory { directory in
            let path = try ColumnCacheTests.generatedSnapshot(in: directory)
            let cache = ColumnCache(snapshotPath: path)
            let before = try ColumnarStore.load(from: try Snapshot(path: path, mode: .readOnly), cache: cache)
            // A new unanswered ticket with a priority no other ticket has.
            let writer = try Snapshot(path: path, mode: .readWrite)
            try writer.write { w in
                try w.upsert(
                    Ticket(id: 999_999, agentId: 1, status: "new", priority: "urgent-test", createdAt: ColumnCacheTests.now - 60))
            }
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let after = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(after.source == .snapshot(miss: .stale, written: true))
            #expect(after.reports.responses.unanswered.count == before.reports.responses.unanswered.count + 1)
            #expect(after.reports.tickets.priorityNames.contains("urgent-test"))
            #expect(after.reports == (try ReportColumns.load(snapshot, store: try ColumnarStore.load(from: snapshot))))
            let again = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(again.source == .cache && again.reports == after.reports)
        }
    }

    @Test func aFormatTwoFileIsRebuiltNotMisread() throws {
        try withTemporaryDirectory { directory in
            let path = try ColumnCacheTests.generatedSnapshot(in: directory)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            _ = try ColumnarStore.load(from: snapshot, cache: cache)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cache.path)))
            bytes[8] = 2  // the format version (little-endian) after the 8-byte magic: the format before report columns
            try Data(bytes).write(to: URL(fileURLWithPath: cache.path))
            let reloaded = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(reloaded.source == .snapshot(miss: .version(2), written: true))
            #expect(ColumnCache.formatVersion == 3)
        }
    }
}
