import FSSnapshot
import Foundation

extension Extractor {
    /// Walks the ticket listing, upserting rows and marking pending details page by page,
    /// then marks the snapshot's tickets the listing no longer shows for verification.
    ///
    /// Offset paging shifts when tickets are deleted during the walk (one ticket is
    /// skipped per deletion before the current page); ids are de-duplicated, and the walk
    /// is repeated (up to 3 times) unless every page reported the same `total` and the
    /// distinct ids add up to it. Tickets missing from the walk are never removed on its
    /// word alone: their detail decides (422/404 → deleted, 200 → skipped by the shift).
    func listTickets(_ state: inout RunState) async throws {
        let snapshot = state.snapshot!
        var seen: [Int64] = []
        for walk in 1...3 {
            let result = try await walkTickets(state)
            seen = result.ids
            if result.consistent { break }
            if walk == 3 { break }  // still shifting: verification below keeps it exact
        }
        summary.ticketsListed = seen.count

        // Snapshot tickets the listing did not show: verify each through its detail.
        let known = try storage { try snapshot.ticketIDs() }
        var missing: [Int64] = []
        var j = 0
        for id in known {
            while j < seen.count && seen[j] < id { j += 1 }
            if j >= seen.count || seen[j] != id { missing.append(id) }
        }
        try storage {
            try snapshot.write { _ in
                for id in missing { try snapshot.setSyncState(SyncKey.pending(id), PendingReason.verify) }
                try snapshot.setSyncState(SyncKey.listingDone, "1")
            }
        }
    }

    /// Why a ticket's detail is pending.
    enum PendingReason {
        /// Listed: the row is current, the conversations are not.
        static let listed = "listed"
        /// Not in the listing: the detail says whether it still exists.
        static let verify = "verify"
    }

    private struct Walk {
        var ids: [Int64]
        var consistent: Bool
    }

    /// One pass over every ticket page.
    private func walkTickets(_ state: RunState) async throws -> Walk {
        let snapshot = state.snapshot!
        var ids: [Int64] = []
        var totals: Set<Int64> = []
        var page = 1
        var lastPage: Int?
        var markedThrough = try storage { try snapshot.syncState(SyncKey.markedThrough).flatMap { Int64($0) } ?? 0 }
        // The window reaches back from the previous run's start, so a job that was down for
        // days still re-fetches what changed without a trace since then.
        let recheckFrom =
            min(state.started, state.previousStart ?? state.started)
            - Int64(options.recheckDays) * LocalTime.secondsPerDay
        let overlapFrom = state.previousStart.map { $0 - options.overlapSeconds }
        progress?(.listing, 0, nil)
        while true {
            let url = api.url(
                "fluent-support/v2/tickets",
                query: [
                    ("per_page", String(options.perPage)), ("page", String(page)), ("order_by", "id"),
                    ("order_type", "ASC"),
                ])
            let result = try await client.fetch(url) { r in try decoder.ticketsPage(r.body) }
            if let total = result.total { totals.insert(total) }
            lastPage = result.lastPage.map(Int.init) ?? lastPage
            progress?(.listing, page, lastPage.map { max($0, page) })

            // New ids of this page (pages ascend by id; a shifted page repeats a few).
            var rows: [ListedTicket] = []
            for row in result.rows where !contains(ids, row.ticket.id) {
                rows.append(row)
                insert(&ids, row.ticket.id)
            }
            if !rows.isEmpty {
                let newMark = max(markedThrough, rows.map(\.ticket.id).max()!)
                let marked = markedThrough
                try storage {
                    // Recheck and full marking once per ticket per cycle, even across resumes.
                    try upsertListed(rows, snapshot: snapshot) { t in
                        guard t.id > marked else { return false }
                        let updated = t.updatedAt ?? t.createdAt
                        return state.full || updated >= recheckFrom || overlapFrom.map { updated >= $0 } == true
                    } then: {
                        try snapshot.setSyncState(SyncKey.markedThrough, String(newMark))
                    }
                }
                markedThrough = newMark
            }
            // A short page is the last (the server's `per_page` counts: it may cap ours);
            // a full page with nothing new means the server ignores `page`: stop.
            if result.rows.count < Int(result.perPage ?? Int64(options.perPage)) || rows.isEmpty { break }
            page += 1
        }
        let consistent = totals.count <= 1 && totals.first.map { $0 == Int64(ids.count) } ?? true
        return Walk(ids: ids, consistent: consistent)
    }

    /// Binary search in an ascending array.
    private func contains(_ sorted: [Int64], _ id: Int64) -> Bool {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == id
    }

    /// Inserts keeping the order; appending is the usual case.
    private func insert(_ sorted: inout [Int64], _ id: Int64) {
        if sorted.last.map({ $0 < id }) ?? true {
            sorted.append(id)
            return
        }
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        sorted.insert(id, at: lo)
    }
}
