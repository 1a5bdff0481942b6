import Dispatch
import FSSnapshot

extension ColumnarStore {
    /// Builds the store from a snapshot: one pass per table inside one read transaction
    /// (so the rows are one committed state), then the layout is done in memory with
    /// radix sorts and direct id tables, no hashing per row.
    ///
    /// With many conversations, a second read-only connection scans the upper part of the
    /// conversation ids on a second thread while the first reads everything else; both
    /// read transactions must see the same ``Snapshot/ContentStamp`` and
    /// ``Snapshot/ChangeStamp``, else (a write
    /// committed between their starts) the load runs again on one connection.
    /// - Complexity: O(t + c) for t tickets and c conversations, plus SQLite's row reads.
    public static func load(from snapshot: Snapshot) throws -> ColumnarStore {
        try load(from: snapshot, parallelAbove: 200_000)
    }

    static func load(from snapshot: Snapshot, parallelAbove threshold: Int64) throws -> ColumnarStore {
        if let ids = try snapshot.conversationIDRange(), ids.upperBound - ids.lowerBound >= threshold,
            let store = try parallelLoad(snapshot, ids: ids)
        {
            return store
        }
        return try snapshot.reading {
            var builder = ColumnarBuilder()
            try builder.addRows(from: snapshot)
            return builder.build()
        }
    }

    /// One thread per connection; nil when the second connection cannot be opened or saw
    /// another committed state.
    private static func parallelLoad(_ snapshot: Snapshot, ids: ClosedRange<Int64>) throws -> ColumnarStore? {
        guard let second = try? Snapshot(path: snapshot.path, mode: .readOnly) else { return nil }
        // The first thread also reads persons and tickets (about a tenth of the rows but
        // wider), so it takes a little less than half of the conversations.
        let split = ids.lowerBound + Int64(Double(ids.upperBound - ids.lowerBound) * 0.44)
        final class Job: @unchecked Sendable {
            let snapshot: Snapshot
            let ids: ClosedRange<Int64>
            let everything: Bool
            /// Room for every conversation in the first builder, which receives the second's.
            var reserve: Int64 = 0
            var builder = ColumnarBuilder()
            var stamp: Snapshot.ContentStamp?
            var changes: Snapshot.ChangeStamp?
            var error: (any Error)?
            init(_ snapshot: Snapshot, _ ids: ClosedRange<Int64>, everything: Bool) {
                self.snapshot = snapshot
                self.ids = ids
                self.everything = everything
            }
            func run() {
                do {
                    try snapshot.reading {
                        stamp = try snapshot.contentStamp()
                        changes = try snapshot.changeStamp()
                        try builder.addRows(
                            from: snapshot, conversationIDs: ids, everything: everything, reserve: everything ? reserve : nil)
                    }
                } catch {
                    self.error = error
                }
            }
        }
        let jobs = [
            Job(snapshot, ids.lowerBound...split, everything: true),
            Job(second, (split + 1)...ids.upperBound, everything: false),
        ]
        jobs[0].reserve = ids.upperBound - ids.lowerBound + 1
        DispatchQueue.concurrentPerform(iterations: 2) { jobs[$0].run() }
        if let error = jobs[0].error ?? jobs[1].error { throw error }
        // Without a change stamp another client's write between the two starts would go unseen.
        guard jobs[0].stamp == jobs[1].stamp, jobs[0].changes != nil, jobs[0].changes == jobs[1].changes else { return nil }
        var builder = jobs[0].builder
        builder.appendConversations(of: jobs[1].builder)
        jobs[1].builder = ColumnarBuilder()
        return builder.build()
    }
}
