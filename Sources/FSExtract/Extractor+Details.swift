import FSSnapshot
import Foundation

extension Extractor {
    /// What one detail request found.
    enum DetailResult: Sendable {
        case found(id: Int64, detail: TicketDetail, verify: Bool)
        /// 422/404: the site deleted the ticket.
        case gone(id: Int64)
    }

    /// Fetches every pending detail with at most `concurrency` requests in flight, and
    /// commits the results in batches: each batch replaces the conversations of its
    /// tickets (or removes deleted tickets) and clears their pending marks in the same
    /// transaction, so a killed run re-fetches at most one batch.
    func fetchDetails(_ state: RunState) async throws {
        let snapshot = state.snapshot!
        let pending: [(id: Int64, verify: Bool)] = try storage {
            try snapshot.syncStateEntries(prefix: SyncKey.pendingPrefix).compactMap { entry in
                guard let id = Int64(entry.key.dropFirst(SyncKey.pendingPrefix.count)) else { return nil }
                return (id, entry.value == PendingReason.verify)
            }.sorted { $0.id < $1.id }
        }
        let total = pending.count
        progress?(.details, 0, total)
        guard total > 0 else { return }

        let client = self.client
        let decoder = self.decoder
        let options = self.options
        let api = self.api
        var batch: [DetailResult] = []
        var done = 0
        var lastCommit = Date()
        let began = Date()
        let pacing = client.pacing
        defer {
            let seconds = Date().timeIntervalSince(began)
            summary.detailSeconds += seconds
            summary.lowestConcurrency = min(summary.lowestConcurrency ?? pacing.maximum, pacing.lowestLimit)
            summary.concurrencyLimit = pacing.maximum
        }

        try await withThrowingTaskGroup(of: DetailResult.self) { group in
            var next = 0
            var inFlight = 0
            // As many in flight as the site copes with (``AdaptiveConcurrency``).
            func fill() {
                while next < pending.count, inFlight < pacing.limit {
                    let item = pending[next]
                    next += 1
                    inFlight += 1
                    group.addTask {
                        try await Self.fetchDetail(item.id, verify: item.verify, client: client, decoder: decoder, api: api)
                    }
                }
            }
            fill()
            do {
                while let result = try await group.next() {
                    inFlight -= 1
                    batch.append(result)
                    done += 1
                    fill()
                    if batch.count >= options.detailBatch || Date().timeIntervalSince(lastCommit) > 0.5 {
                        try commit(batch, to: snapshot)
                        batch.removeAll(keepingCapacity: true)
                        lastCommit = Date()
                    }
                    progress?(.details, done, total)
                }
            } catch {
                group.cancelAll()
                // Keep what arrived: the next run will not fetch it again.
                if !batch.isEmpty { try? commit(batch, to: snapshot) }
                throw error
            }
        }
        try commit(batch, to: snapshot)
    }

    /// One ticket's detail.
    static func fetchDetail(
        _ id: Int64, verify: Bool, client: HTTPClient, decoder: APIDecoder, api: APIRoot
    ) async throws -> DetailResult {
        let url = api.url("fluent-support/v2/tickets/\(id)")
        return try await client.fetch(url, accept: [200, 404, 422]) { r in
            if r.status == 200 {
                return .found(id: id, detail: try decoder.ticketDetail(r.body, id: id), verify: verify)
            }
            // A 404 from WordPress itself (no such route: plugin deactivated, REST blocked)
            // says nothing about the ticket.
            if r.status == 404, APIDecoder.errorCode(r.body)?.hasPrefix("rest_") == true {
                throw ExtractError.httpStatus(
                    url: r.url.absoluteString, status: r.status, bodyPrefix: ExtractError.prefix(r.body))
            }
            return .gone(id: id)
        }
    }

    private func commit(_ results: [DetailResult], to snapshot: Snapshot) throws {
        guard !results.isEmpty else { return }
        // Every response repeats its author: write each person once per batch.
        var persons: [Int64: Person] = [:]
        for case .found(_, let detail, _) in results {
            for p in detail.persons { persons[p.id] = p }
        }
        try storage {
            try snapshot.write { writer in
                for p in persons.values.sorted(by: { $0.id < $1.id }) { try writer.upsert(p) }
                for result in results {
                    switch result {
                    case .found(let id, let detail, let verify):
                        try writer.replaceConversations(ofTicket: id, with: detail.conversations)
                        if verify, var ticket = detail.ticket {
                            // Not in the listing (skipped by a shifting page, named by the
                            // activity log, in the recheck window): the detail is the
                            // freshest row; its latest response is the preview.
                            ticket.previewResponseId = detail.conversations.map(\.id).max()
                            if let old = try snapshot.ticketVersions(ids: id...id)[id] {
                                if old.updatedAt != ticket.updatedAt || old.previewResponseId != ticket.previewResponseId {
                                    summary.ticketsChanged += 1
                                }
                            } else {
                                summary.ticketsNew += 1
                            }
                            try writer.upsert(ticket)
                        }
                        try snapshot.setSyncState(SyncKey.pending(id), nil)
                        summary.detailsFetched += 1
                    case .gone(let id):
                        // Named again by its `ticket_deleted` row after the listing found it gone.
                        let existed = try !snapshot.ticketVersions(ids: id...id).isEmpty
                        try writer.deleteTicket(id: id)
                        try snapshot.setSyncState(SyncKey.pending(id), nil)
                        if existed { summary.ticketsDeleted += 1 }
                    }
                }
            }
        }
    }
}
