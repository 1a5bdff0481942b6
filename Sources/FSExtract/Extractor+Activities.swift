import FSSnapshot
import Foundation

extension Extractor {
    /// What the activity walk learnt besides its rows.
    struct ActivityOutcome {
        /// The walk reached the end of the log without reaching the cursor, and the oldest
        /// row left is newer than the one after the cursor: the site pruned rows this
        /// snapshot never saw, so changes they recorded may be unknown.
        var gap = false
        /// The site's activity log is switched off (`settings.disable_logs`).
        var loggingDisabled = false
    }

    /// Fetches the activity log newest first, down to the last id a completed run saw
    /// (`activity_cursor`), one transaction per page. The cursor moves only when the walk
    /// is complete, so an interrupted walk is redone, never left with a gap. Rows added
    /// while walking shift pages down (seen twice: harmless); rows pruned while walking
    /// shift them up and may skip some, so a walk whose `total` dropped is repeated.
    /// - Parameter markNamed: mark every ticket a new row names (a create, response, note,
    ///   close, re-open, assignment or deletion) for a detail fetch, in the rows' transaction.
    func fetchActivities(_ state: RunState, markNamed: Bool) async throws -> ActivityOutcome {
        let snapshot = state.snapshot!
        let cursor = try storage { try snapshot.syncState(SyncKey.activityCursor).flatMap { Int64($0) } }
        var highest = cursor ?? 0
        var added: Set<Int64> = []
        var outcome = ActivityOutcome()
        progress?(.activities, 0, nil)
        // Of the last walk: whether it met the cursor, and the oldest id it saw.
        var reachedCursor = false
        var oldest: Int64?
        for _ in 1...3 {
            var page = 1
            var firstTotal: Int64?
            var shrank = false
            reachedCursor = false
            oldest = nil
            while true {
                let url = api.url(
                    "fluent-support/v2/activity-logger",
                    query: [("per_page", String(options.perPage)), ("page", String(page))])
                let (result, disabled) = try await client.fetch(url) { r in
                    (try decoder.activitiesPage(r.body), page == 1 ? APIDecoder.activityLoggingDisabled(r.body) : false)
                }
                if disabled { outcome.loggingDisabled = true }
                if let total = result.total {
                    if let first = firstTotal, total < first { shrank = true }
                    firstTotal = firstTotal ?? total
                }
                progress?(.activities, page, result.lastPage.map { Int($0) })
                let fresh = result.rows.filter { a in cursor.map { a.id > $0 } ?? true }
                if let low = result.rows.map(\.id).min() { oldest = min(oldest ?? low, low) }
                if !fresh.isEmpty {
                    try storage {
                        try snapshot.write { writer in
                            for a in fresh {
                                try writer.upsert(a)
                                if markNamed, a.objectType == "ticket", let id = a.objectId {
                                    try snapshot.setSyncStateIfAbsent(SyncKey.pending(id), PendingReason.verify)
                                }
                            }
                        }
                    }
                    for a in fresh {
                        added.insert(a.id)
                        highest = max(highest, a.id)
                    }
                }
                reachedCursor = fresh.count < result.rows.count
                if reachedCursor || result.rows.isEmpty || result.rows.count < Int(result.perPage ?? Int64(options.perPage)) {
                    break
                }
                page += 1
            }
            if !shrank { break }
        }
        if let cursor, !reachedCursor, (oldest ?? Int64.max) > cursor + 1 { outcome.gap = true }
        summary.activitiesNew += added.count
        if highest > (cursor ?? 0) {
            try storage {
                try snapshot.write { _ in try snapshot.setSyncState(SyncKey.activityCursor, String(highest)) }
            }
        }
        return outcome
    }
}
