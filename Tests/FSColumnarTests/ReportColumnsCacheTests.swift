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
            // ...and the SLA's priority codes and resolution times beside the FRT and closed lists.
            #expect(r.sla.fits(store, r.responses) && r.sla.closedDuration.count > 1000)
            #expect(r.sla != SLAColumns() && Set(r.sla.frtPriority).count > 1)
        }
    }

    @Test func slaColumnsAreEachSamplesPriorityAndResolutionTime() throws {
        try withTemporaryDirectory { directory in
            let path = try ColumnCacheTests.generatedSnapshot(in: directory)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            _ = try ColumnarStore.load(from: snapshot, cache: cache)
            let loaded = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(loaded.source == .cache)
            let (store, r) = (loaded.store, loaded.reports)
            // Looked up row by row from the snapshot's own tickets, not from the columns.
            var byID: [Int64: Ticket] = [:]
            try snapshot.forEachTicket { byID[$0.id] = $0 }
            let names = r.tickets.priorityNames
            func code(_ row: Int32) -> UInt8 {
                guard let p = byID[store.ticketIDs[Int(row)]]!.priority else { return 0 }
                return UInt8(names.firstIndex(of: p)! + 1)
            }
            #expect(r.sla.frtPriority.count == r.responses.frtRows.count)
            #expect(zip(r.responses.frtRows, r.sla.frtPriority).allSatisfy { code($0) == $1 })
            #expect(r.sla.closedPriority.count == store.closedRows.count)
            #expect(zip(store.closedRows, r.sla.closedPriority).allSatisfy { code($0) == $1 })
            for (row, duration) in zip(store.closedRows, r.sla.closedDuration) {
                let t = byID[store.ticketIDs[Int(row)]]!
                #expect(Int64(duration) == t.resolvedAt! - t.createdAt)
            }
            // One byte per code: none is 0, codes from 254 on share the last one.
            #expect(SLAColumns.code(-1) == 0 && SLAColumns.code(0) == 1 && SLAColumns.code(253) == 254)
            #expect(SLAColumns.code(254) == SLAColumns.overflowCode && SLAColumns.code(.max) == SLAColumns.overflowCode)
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

    /// Format 2 had no report columns, format 3 no SLA columns, format 4 no duration
    /// sketches, format 5 no first resolutions by day (and the stored first response times).
    @Test(arguments: [UInt8(2), 3, 4, 5])
    func anOlderFormatsFileIsRebuiltNotMisread(_ version: UInt8) throws {
        try withTemporaryDirectory { directory in
            let path = try ColumnCacheTests.generatedSnapshot(in: directory)
            let snapshot = try Snapshot(path: path, mode: .readOnly)
            let cache = ColumnCache(snapshotPath: path)
            _ = try ColumnarStore.load(from: snapshot, cache: cache)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: cache.path)))
            bytes[8] = version  // the format version (little-endian) after the 8-byte magic
            try Data(bytes).write(to: URL(fileURLWithPath: cache.path))
            let reloaded = try ColumnarStore.load(from: snapshot, cache: cache)
            #expect(reloaded.source == .snapshot(miss: .version(UInt32(version)), written: true))
            #expect(reloaded.reports.sla.fits(reloaded.store, reloaded.reports.responses))
            #expect(ColumnCache.formatVersion == 6)
        }
    }
}
