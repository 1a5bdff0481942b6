import FSColumnar
import FSSnapshot

/// The report kernels: pure functions of a ``ColumnarStore`` and a ``ReportRequest``.
/// Each touches only the rows of its range (binary search on sorted columns), with no
/// allocation or hashing per row. Definitions: `SEMANTICS.md`.
public enum Reports {
    /// Computes one report.
    /// - Throws: ``ReportError`` for requests the store cannot answer (unknown ids, a
    ///   reversed range, a personal report without an agent, a filter it does not take).
    public static func run(_ name: ReportName, store: ColumnarStore, request: ReportRequest) throws -> ReportResult {
        try validate(name, store: store, request: request)
        let range = request.range(for: name)
        switch name {
        case .overall:
            return .overall(overall(store))
        case .myOverall:
            return .overall(myOverall(store, agent: try agentIndex(store, request.agentId)))
        case .ticketsGrowth:
            return .series(ticketsGrowth(store, request: request, range: range!))
        case .resolveGrowth, .myResolveGrowth:
            return .series(resolveGrowth(store, request: request, range: range!))
        case .responseGrowth, .myResponseGrowth:
            return .series(responseGrowth(store, request: request, range: range!))
        case .agentsSummary:
            let only = try request.agentId.map { try agentIndex(store, $0) }
            return .agents(agentsSummary(store, range: range!, now: request.now, only: only, keepEmpty: false))
        case .mySummary:
            let agent = try agentIndex(store, request.agentId)
            return .agents(agentsSummary(store, range: range!, now: request.now, only: agent, keepEmpty: true))
        case .stats:
            return .stats(stats(store, request: request, range: range))
        case .dayTimeStats:
            return .dayTime(dayTimeStats(store, request: request, range: range))
        case .productSummary:
            return .groups(groupSummaries(store, range: range!, dimension: .product))
        case .mailboxSummary:
            return .groups(groupSummaries(store, range: range!, dimension: .mailbox))
        }
    }

    static func validate(_ name: ReportName, store: ColumnarStore, request: ReportRequest) throws {
        if let from = request.from, let to = request.to, from > to {
            throw ReportError.fromAfterTo(from: LocalTime.formatDate(day: from), to: LocalTime.formatDate(day: to))
        }
        if name.rangeIsOptional, (request.from == nil) != (request.to == nil) {
            throw ReportError.rangeNeedsBothEnds(report: name.rawValue)
        }
        if name.takesRange, !name.rangeIsOptional, request.range(for: name) == nil {
            let today = LocalTime.day(request.now)
            throw ReportError.fromAfterTo(
                from: LocalTime.formatDate(day: request.from ?? today),
                to: LocalTime.formatDate(day: request.to ?? today))
        }
        if !name.takesRange, request.from != nil || request.to != nil {
            throw ReportError.optionNotApplicable(option: "--from/--to", report: name.rawValue)
        }
        if name.isPersonal, request.agentId == nil { throw ReportError.agentRequired(report: name.rawValue) }
        if !name.takesAgent, request.agentId != nil {
            throw ReportError.optionNotApplicable(option: "--agent", report: name.rawValue)
        }
        if name == .dayTimeStats {
            let type = request.dayTimeType ?? .ticket
            if request.agentId != nil, type != .agentResponse { throw ReportError.agentNotForType(type: type.rawValue) }
        } else if request.dayTimeType != nil {
            throw ReportError.optionNotApplicable(option: "--type", report: name.rawValue)
        }
        if let id = request.agentId { _ = try agentIndex(store, id) }
        if !name.takesTicketFilters {
            if request.productId != nil { throw ReportError.optionNotApplicable(option: "--product", report: name.rawValue) }
            if request.mailboxId != nil { throw ReportError.optionNotApplicable(option: "--mailbox", report: name.rawValue) }
        }
        if let id = request.productId, store.productIndex(id: id) == nil { throw ReportError.unknownProduct(id: id) }
        if let id = request.mailboxId, store.mailboxIndex(id: id) == nil { throw ReportError.unknownMailbox(id: id) }
        if !name.isSeries, request.interval != .auto {
            throw ReportError.optionNotApplicable(option: "--interval", report: name.rawValue)
        }
    }

    static func agentIndex(_ store: ColumnarStore, _ id: Int64?) throws -> Int32 {
        guard let id else { throw ReportError.agentRequired(report: "this report") }
        guard let index = store.personIndex(id: id), store.personIsAgent[Int(index)] else {
            throw ReportError.unknownAgent(id: id)
        }
        return index
    }

    // MARK: overall

    static func overall(_ store: ColumnarStore) -> [OverallItem] {
        let byStatus = store.ticketStatus.withUnsafeBufferPointer { Kernels.histogram4($0) }
        // Responses are the rows of the response groups, which come first.
        let responses = store.responseEnd
        return [
            OverallItem(key: "new_tickets", title: "New Tickets", count: byStatus[Int(TicketStatusCode.new)]),
            OverallItem(key: "active_tickets", title: "Active Tickets", count: byStatus[Int(TicketStatusCode.active)]),
            OverallItem(key: "closed_tickets", title: "Closed Tickets", count: byStatus[Int(TicketStatusCode.closed)]),
            OverallItem(key: "responses", title: "Responses", count: responses),
        ]
    }

    static func myOverall(_ store: ColumnarStore, agent: Int32) -> [OverallItem] {
        let a = Int(agent)
        let responses = store.responseRange(person: a)
        let interactions = store.conversationPrevSameTicket.withUnsafeBufferPointer {
            Kernels.countBelow($0, responses, responses.lowerBound)
        }
        return [
            OverallItem(key: "replies_count", title: "Total Replies", count: store.conversationCount(person: a)),
            OverallItem(key: "interactions_count", title: "Total Interactions", count: interactions),
            OverallItem(key: "total_closed", title: "Total Closed", count: store.assigneeClosedRange(person: a).count),
        ]
    }

    // MARK: Growth series

    /// Ticket filter codes resolved once per request; `nil` means "any".
    struct TicketFilter {
        var agent: Int32?
        var product: Int32?
        var mailbox: Int32?

        init(_ store: ColumnarStore, _ request: ReportRequest) {
            agent = request.agentId.flatMap { store.personIndex(id: $0) }
            product = request.productId.flatMap { store.productIndex(id: $0) }
            mailbox = request.mailboxId.flatMap { store.mailboxIndex(id: $0) }
        }

        var isEmpty: Bool { agent == nil && product == nil && mailbox == nil }
        var hasTicketDimension: Bool { product != nil || mailbox != nil }

        /// Tickets among `rows` that pass the filter: one vectorised pass over the
        /// filtered column of the slice (a branch-free pass over each when there are several).
        func count(_ columns: TicketColumns, rows: Range<Int>) -> Int {
            switch (agent, product, mailbox) {
            case (nil, nil, nil): return rows.count
            case (let a?, nil, nil): return Kernels.countEqual(columns.agent, rows, a)
            case (nil, let p?, nil): return Kernels.countEqual(columns.product, rows, p)
            case (nil, nil, let m?): return Kernels.countEqual(columns.mailbox, rows, m)
            default:
                var c = 0
                for i in rows where columns.accepts(i, agent: agent, product: product, mailbox: mailbox) { c += 1 }
                return c
            }
        }

        /// Entries of `indexes[range]` (ticket rows) whose ticket passes the filter.
        func count(_ columns: TicketColumns, indexes: UnsafeBufferPointer<Int32>, _ range: Range<Int>) -> Int {
            switch (agent, product, mailbox) {
            case (nil, nil, nil): return range.count
            case (let a?, nil, nil): return Kernels.countEqual(columns.agent, at: indexes, range, a)
            case (nil, let p?, nil): return Kernels.countEqual(columns.product, at: indexes, range, p)
            case (nil, nil, let m?): return Kernels.countEqual(columns.mailbox, at: indexes, range, m)
            default:
                var c = 0
                for i in range {
                    c &+= columns.accepts(Int(indexes[i]), agent: agent, product: product, mailbox: mailbox) ? 1 : 0
                }
                return c
            }
        }
    }

    /// The ticket columns filters read, borrowed for the duration of one kernel.
    struct TicketColumns {
        let agent: UnsafeBufferPointer<Int32>
        let product: UnsafeBufferPointer<Int32>
        let mailbox: UnsafeBufferPointer<Int32>

        @inline(__always)
        func accepts(_ row: Int, agent a: Int32?, product p: Int32?, mailbox m: Int32?) -> Bool {
            (a == nil || agent[row] == a!) && (p == nil || product[row] == p!) && (m == nil || mailbox[row] == m!)
        }

        static func with<R>(_ store: ColumnarStore, _ body: (TicketColumns) -> R) -> R {
            store.ticketAgent.withUnsafeBufferPointer { agent in
                store.ticketProduct.withUnsafeBufferPointer { product in
                    store.ticketMailbox.withUnsafeBufferPointer { mailbox in
                        body(TicketColumns(agent: agent, product: product, mailbox: mailbox))
                    }
                }
            }
        }
    }

    /// Adds the rows of each segment of a time-sorted slice to its bucket.
    /// - Parameters:
    ///   - below: whether the row at an index is earlier than boundary `s`.
    ///   - add: the contribution of rows `lo ..< hi` of segment `s` (their count, or the
    ///     count of those passing a filter).
    @inline(__always)
    static func countSegments(
        _ range: Range<Int>, segments: Int, buckets: UnsafeBufferPointer<Int32>, counts: inout [Int],
        below: (_ index: Int, _ boundary: Int) -> Bool, add: (_ rows: Range<Int>) -> Int
    ) {
        var position = Kernels.firstNotBelow(range.lowerBound, range.upperBound) { below($0, 0) }
        guard position < range.upperBound else { return }
        for s in 0..<segments {
            let next = Kernels.firstNotBelow(position, range.upperBound) { below($0, s + 1) }
            if next > position { counts[Int(buckets[s])] += add(position..<next) }
            position = next
            if position == range.upperBound { break }
        }
    }

    static func ticketsGrowth(_ store: ColumnarStore, request: ReportRequest, range: ClosedRange<Int64>) -> Series {
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        let (boundaries, owners) = buckets.segments()
        let filter = TicketFilter(store, request)
        var counts = [Int](repeating: 0, count: buckets.count)
        TicketColumns.with(store) { columns in
            store.ticketCreatedAt.withUnsafeBufferPointer { created in
                boundaries.withUnsafeBufferPointer { bounds in
                    owners.withUnsafeBufferPointer { owners in
                        countSegments(
                            0..<created.count, segments: owners.count, buckets: owners, counts: &counts,
                            below: { created[$0] < bounds[$1] }, add: { filter.count(columns, rows: $0) })
                    }
                }
            }
        }
        return buckets.series(counts)
    }

    static func resolveGrowth(_ store: ColumnarStore, request: ReportRequest, range: ClosedRange<Int64>) -> Series {
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        let (boundaries, owners) = buckets.segments()
        let filter = TicketFilter(store, request)
        var counts = [Int](repeating: 0, count: buckets.count)
        boundaries.withUnsafeBufferPointer { bounds in
            owners.withUnsafeBufferPointer { owners in
                if let agent = filter.agent, !filter.hasTicketDimension {
                    // One assignee: their closed tickets are one slice ordered by resolved_at.
                    store.assigneeClosedResolvedAt.withUnsafeBufferPointer { resolved in
                        countSegments(
                            store.assigneeClosedRange(person: Int(agent)), segments: owners.count, buckets: owners,
                            counts: &counts, below: { resolved[$0] < bounds[$1] }, add: { $0.count })
                    }
                } else {
                    TicketColumns.with(store) { columns in
                        store.closedResolvedAt.withUnsafeBufferPointer { resolved in
                            store.closedRows.withUnsafeBufferPointer { rows in
                                countSegments(
                                    0..<resolved.count, segments: owners.count, buckets: owners, counts: &counts,
                                    below: { resolved[$0] < bounds[$1] },
                                    add: { filter.isEmpty ? $0.count : filter.count(columns, indexes: rows, $0) })
                            }
                        }
                    }
                }
            }
        }
        return buckets.series(counts)
    }

    static func responseGrowth(_ store: ColumnarStore, request: ReportRequest, range: ClosedRange<Int64>) -> Series {
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        let (boundaries, owners) = buckets.segments()
        let keys = boundaries.map { store.conversationKey($0) }
        var filter = TicketFilter(store, request)
        let agents = filter.agent.map { [$0] } ?? store.agentIndexes
        filter.agent = nil  // the author is the agent here, not the ticket's assignee
        var counts = [Int](repeating: 0, count: buckets.count)
        TicketColumns.with(store) { columns in
            store.conversationTime.withUnsafeBufferPointer { time in
                store.conversationTicket.withUnsafeBufferPointer { tickets in
                    keys.withUnsafeBufferPointer { keys in
                        owners.withUnsafeBufferPointer { owners in
                            for agent in agents {
                                countSegments(
                                    store.responseRange(person: Int(agent)), segments: owners.count, buckets: owners,
                                    counts: &counts, below: { UInt64(time[$0]) < keys[$1] },
                                    add: { filter.isEmpty ? $0.count : filter.count(columns, indexes: tickets, $0) })
                            }
                        }
                    }
                }
            }
        }
        return buckets.series(counts)
    }

    // MARK: agents-summary

    static func agentsSummary(
        _ store: ColumnarStore, range: ClosedRange<Int64>, now: Int64, only: Int32?, keepEmpty: Bool
    ) -> [AgentSummary] {
        let start = range.lowerBound * LocalTime.secondsPerDay
        let end = (range.upperBound + 1) * LocalTime.secondsPerDay
        let startKey = store.conversationKey(start)
        let endKey = store.conversationKey(end)
        let agents = only.map { [$0] } ?? store.agentIndexes
        var result: [AgentSummary] = []
        store.assigneeClosedResolvedAt.withUnsafeBufferPointer { resolved in
            store.conversationTime.withUnsafeBufferPointer { time in
                store.conversationPrevSameTicket.withUnsafeBufferPointer { prev in
                    for agent in agents {
                        let a = Int(agent)
                        let closedGroup = store.assigneeClosedRange(person: a)
                        let closedFrom = lowerBound(resolved, start, in: closedGroup)
                        let closed = lowerBound(resolved, end, in: closedFrom..<closedGroup.upperBound) - closedFrom
                        let opens = store.openRange(person: a).count
                        let responseGroup = store.responseRange(person: a)
                        let from = lowerBound(time, key: startKey, in: responseGroup)
                        let to = lowerBound(time, key: endKey, in: from..<responseGroup.upperBound)
                        let responses = to - from
                        guard keepEmpty || responses > 0 || closed > 0 || opens > 0 else { continue }
                        // Distinct tickets: rows whose previous response on the ticket is before the slice.
                        let interactions = Kernels.countBelow(prev, from..<to, from)
                        let waiting = waitingStats(store, agent: a)
                        result.append(
                            AgentSummary(
                                id: store.personIDs[a], firstName: store.personFirstName[a],
                                lastName: store.personLastName[a], photo: store.personPhoto[a],
                                interactions: interactions, responses: responses, opens: opens, closed: closed,
                                waitingTickets: waiting.count,
                                averageWaitingNumerator: waiting.count > 0 ? now * Int64(waiting.count) - waiting.sum : nil,
                                maxWaitingSeconds: waiting.count > 0 ? now - waiting.oldest : nil))
                    }
                }
            }
        }
        return result
    }

    /// The agent's *waiting* open tickets: count, sum and minimum of `waiting_since`.
    static func waitingStats(_ store: ColumnarStore, agent: Int) -> (count: Int, sum: Int64, oldest: Int64) {
        var count = 0
        var sum: Int64 = 0
        var oldest = Int64.max
        store.openRows.withUnsafeBufferPointer { rows in
            store.ticketWaitingSince.withUnsafeBufferPointer { waitingSince in
                store.ticketLastAgentResponse.withUnsafeBufferPointer { lastAgentResponse in
                    store.ticketLastCustomerResponse.withUnsafeBufferPointer { lastCustomerResponse in
                        store.ticketStatus.withUnsafeBufferPointer { status in
                            for i in store.openRange(person: agent) {
                                let row = Int(rows[i])
                                let since = waitingSince[row]
                                guard since != ColumnarStore.null else { continue }
                                let lastAgent = lastAgentResponse[row]
                                let lastCustomer = lastCustomerResponse[row]
                                // SQL: last_agent_response IS NULL OR last_agent_response < last_customer_response
                                // OR status = 'new' (a NULL last_customer_response makes the comparison false).
                                let isWaiting =
                                    lastAgent == ColumnarStore.null
                                    || (lastCustomer != ColumnarStore.null && lastAgent < lastCustomer)
                                    || status[row] == TicketStatusCode.new
                                guard isWaiting else { continue }
                                count += 1
                                sum += since
                                oldest = min(oldest, since)
                            }
                        }
                    }
                }
            }
        }
        return (count, sum, oldest)
    }
}
