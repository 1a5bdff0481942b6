import FSSnapshot
import Foundation

extension Extractor {
    /// Fetches the activity log newest first, down to the last id a completed run saw
    /// (`activity_cursor`), one transaction per page. The cursor moves only when the walk
    /// is complete, so an interrupted walk is redone, never left with a gap. Rows added
    /// while walking shift pages down (seen twice: harmless); rows pruned while walking
    /// shift them up and may skip some, so a walk whose `total` dropped is repeated.
    func fetchActivities(_ state: RunState) async throws {
        let snapshot = state.snapshot!
        let cursor = try storage { try snapshot.syncState(SyncKey.activityCursor).flatMap { Int64($0) } }
        var highest = cursor ?? 0
        var added: Set<Int64> = []
        progress?(.activities, 0, nil)
        for _ in 1...3 {
            var page = 1
            var firstTotal: Int64?
            var shrank = false
            while true {
                let url = api.url(
                    "fluent-support/v2/activity-logger",
                    query: [("per_page", String(options.perPage)), ("page", String(page))])
                let result = try await client.fetch(url) { r in try decoder.activitiesPage(r.body) }
                if let total = result.total {
                    if let first = firstTotal, total < first { shrank = true }
                    firstTotal = firstTotal ?? total
                }
                progress?(.activities, page, result.lastPage.map { Int($0) })
                let fresh = result.rows.filter { a in cursor.map { a.id > $0 } ?? true }
                if !fresh.isEmpty {
                    try storage {
                        try snapshot.write { writer in
                            for a in fresh { try writer.upsert(a) }
                        }
                    }
                    for a in fresh {
                        added.insert(a.id)
                        highest = max(highest, a.id)
                    }
                }
                let reachedCursor = fresh.count < result.rows.count
                if reachedCursor || result.rows.isEmpty || result.rows.count < Int(result.perPage ?? Int64(options.perPage)) {
                    break
                }
                page += 1
            }
            if !shrank { break }
        }
        summary.activitiesNew = added.count
        if highest > (cursor ?? 0) {
            try storage {
                try snapshot.write { _ in try snapshot.setSyncState(SyncKey.activityCursor, String(highest)) }
            }
        }
    }
}
