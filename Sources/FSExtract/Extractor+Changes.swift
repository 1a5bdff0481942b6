import FSSnapshot
import Foundation

extension Extractor {
    /// How a run finds what changed on the site.
    enum Strategy: String {
        /// Every ticket page in id order: rows compared with the snapshot, tickets the
        /// listing no longer shows verified. Costs one request per page of the whole site.
        case sweep
        /// Only what changed: tickets listed by `updated_at` newest first down to the
        /// previous run's high-water mark, the tickets the new activity-log rows name
        /// (notes, deletions...), and the recheck window read from the snapshot. Costs
        /// grow with the day's activity, not with the site's size.
        case changes
    }

    /// The strategy of a new run and, for a sweep, why.
    func chooseStrategy(full: Bool, snapshot: Snapshot, started: Int64) throws -> (Strategy, String?) {
        if full { return (.sweep, nil) }
        guard options.sweepDays > 0 else { return (.sweep, "--sweep-days 0") }
        // Before this strategy existed every run was a sweep.
        let lastSweep = try (snapshot.syncState(SyncKey.lastSweepStarted) ?? snapshot.syncState(SyncKey.lastRunStarted))
            .flatMap { Int64($0) }
        guard let lastSweep else { return (.sweep, "no sweep recorded") }
        if started - lastSweep >= Int64(options.sweepDays) * LocalTime.secondsPerDay {
            return (.sweep, "the last sweep is \(options.sweepDays)+ days old")
        }
        if try snapshot.syncState(SyncKey.activityCursor) == nil { return (.sweep, "no activity cursor") }
        return (.changes, nil)
    }

    /// Switches a `changes` run to a sweep (the activity log cannot be trusted to name
    /// every change), persisting it so a resumed run sweeps too.
    func switchToSweep(_ state: inout RunState, reason: String) throws {
        state.strategy = .sweep
        state.sweepReason = reason
        try storage {
            try state.snapshot.write { _ in
                try state.snapshot.setSyncState(SyncKey.runStrategy, Strategy.sweep.rawValue)
                try state.snapshot.setSyncState(SyncKey.runSweepReason, reason)
                try state.snapshot.setSyncState(SyncKey.listingDone, nil)
            }
        }
    }

    /// Lists tickets by `updated_at`, newest first, until one page past the previous
    /// run's high-water mark minus the overlap; upserts the rows and marks the changed
    /// ones pending (as the sweep does); then marks the recheck window from the snapshot.
    ///
    /// Offset paging shifts while it walks: a ticket updated meanwhile jumps to page 1
    /// (already read: the next run sees it, its `updated_at` is past this run's mark); a
    /// deletion shifts rows up and may skip one, so a walk whose `total` moved is done
    /// again (up to 3 times). The extra page past the mark absorbs small shifts.
    func listChanges(_ state: RunState) async throws {
        let snapshot = state.snapshot!
        let highWater = try storage { try snapshot.syncState(SyncKey.highWater).flatMap { Int64($0) } }
        let threshold = (highWater ?? state.previousStart ?? state.started) - options.overlapSeconds
        let overlapFrom = state.previousStart.map { $0 - options.overlapSeconds }
        var listed = Set<Int64>()
        progress?(.listing, 0, nil)
        for _ in 1...3 {
            var totals: Set<Int64> = []
            var page = 1
            var pastMark = false
            while true {
                let url = api.url(
                    "fluent-support/v2/tickets",
                    query: [
                        ("per_page", String(options.perPage)), ("page", String(page)), ("order_by", "updated_at"),
                        ("order_type", "DESC"),
                    ])
                let result = try await client.fetch(url) { r in try decoder.ticketsPage(r.body) }
                if let total = result.total { totals.insert(total) }
                progress?(.listing, page, nil)
                let rows = result.rows.filter { !listed.contains($0.ticket.id) }
                try storage {
                    try upsertListed(rows, snapshot: snapshot) { t in
                        state.full || overlapFrom.map { (t.updatedAt ?? t.createdAt) >= $0 } == true
                    }
                }
                for row in rows { listed.insert(row.ticket.id) }
                if result.rows.count < Int(result.perPage ?? Int64(options.perPage)) || pastMark { break }
                if result.rows.contains(where: { ($0.ticket.updatedAt ?? $0.ticket.createdAt) < threshold }) {
                    pastMark = true
                }
                page += 1
            }
            if totals.count <= 1 { break }
        }
        summary.ticketsListed = listed.count

        // The recheck window, from the snapshot: tickets updated within --recheck-days
        // before the previous run started (deleted and edited responses leave no trace).
        let windowStart =
            min(state.started, state.previousStart ?? state.started) - Int64(options.recheckDays) * LocalTime.secondsPerDay
        try storage {
            let window = try snapshot.ticketIDs(updatedSince: windowStart)
            try snapshot.write { _ in
                for id in window {
                    // A row listed just now is current; any other may be stale.
                    let reason = listed.contains(id) ? PendingReason.listed : PendingReason.verify
                    try snapshot.setSyncStateIfAbsent(SyncKey.pending(id), reason)
                }
                try snapshot.setSyncState(SyncKey.listingDone, "1")
            }
        }
    }

    /// Writes listed rows (and their persons) in one transaction and marks those whose
    /// conversations must be fetched: new, changed (`updated_at` or `preview_response`
    /// moved), or `alsoDue` (the recheck window, the overlap, a full run).
    /// - Parameter then: more writes for the same transaction (a checkpoint mark).
    func upsertListed(
        _ rows: [ListedTicket], snapshot: Snapshot, alsoDue: (Ticket) -> Bool, then: () throws -> Void = {}
    ) throws {
        guard let lo = rows.map(\.ticket.id).min(), let hi = rows.map(\.ticket.id).max() else { return }
        let stored = try snapshot.ticketVersions(ids: lo...hi)
        var persons: [Int64: Person] = [:]
        for row in rows { for p in row.persons { persons[p.id] = p } }
        try snapshot.write { writer in
            for p in persons.values.sorted(by: { $0.id < $1.id }) { try writer.upsert(p) }
            for row in rows {
                let t = row.ticket
                var due = alsoDue(t)
                if let old = stored[t.id] {
                    if old.updatedAt != t.updatedAt || old.previewResponseId != t.previewResponseId {
                        due = true
                        summary.ticketsChanged += 1
                    }
                } else {
                    due = true
                    summary.ticketsNew += 1
                }
                try writer.upsert(t)
                if due { try snapshot.setSyncState(SyncKey.pending(t.id), PendingReason.listed) }
            }
            try then()
        }
    }
}
