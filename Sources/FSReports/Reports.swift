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
        }
    }

    static func validate(_ name: ReportName, store: ColumnarStore, request: ReportRequest) throws {
        if let from = request.from, let to = request.to, from > to {
            throw ReportError.fromAfterTo(from: LocalTime.formatDate(day: from), to: LocalTime.formatDate(day: to))
        }
        if name.takesRange, request.range(for: name) == nil {
            let today = LocalTime.day(request.now)
            throw ReportError.fromAfterTo(
                from: LocalTime.formatDate(day: request.from ?? today),
                to: LocalTime.formatDate(day: request.to ?? today))
        }
        if !name.takesRange, request.from != nil || request.to != nil {
            throw ReportError.optionNotApplicable(option: "--from/--to", report: name.rawValue)
        }
        if name.isPersonal, request.agentId == nil { throw ReportError.agentRequired(report: name.rawValue) }
        if name == .overall, request.agentId != nil {
            throw ReportError.optionNotApplicable(option: "--agent", report: name.rawValue)
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
        var byStatus = [Int](repeating: 0, count: 4)
        store.ticketStatus.withUnsafeBufferPointer { status in
            for s in status { byStatus[Int(s)] += 1 }
        }
        var responses = 0
        store.conversationType.withUnsafeBufferPointer { types in
            for t in types where t == ConversationTypeCode.response { responses += 1 }
        }
        return [
            OverallItem(key: "new_tickets", title: "New Tickets", count: byStatus[Int(TicketStatusCode.new)]),
            OverallItem(key: "active_tickets", title: "Active Tickets", count: byStatus[Int(TicketStatusCode.active)]),
            OverallItem(key: "closed_tickets", title: "Closed Tickets", count: byStatus[Int(TicketStatusCode.closed)]),
            OverallItem(key: "responses", title: "Responses", count: responses),
        ]
    }

    static func myOverall(_ store: ColumnarStore, agent: Int32) -> [OverallItem] {
        let rows = store.conversationRange(person: Int(agent))
        let interactions = distinctResponseTickets(store, rows: rows, stamp: nil)
        var closed = 0
        store.ticketAgent.withUnsafeBufferPointer { agents in
            store.ticketStatus.withUnsafeBufferPointer { status in
                for row in 0..<agents.count where agents[row] == agent && status[row] == TicketStatusCode.closed {
                    closed += 1
                }
            }
        }
        return [
            OverallItem(key: "replies_count", title: "Total Replies", count: rows.count),
            OverallItem(key: "interactions_count", title: "Total Interactions", count: interactions),
            OverallItem(key: "total_closed", title: "Total Closed", count: closed),
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

        @inline(__always)
        func accepts(_ store: ColumnarStore, row: Int) -> Bool {
            if let agent, store.ticketAgent[row] != agent { return false }
            if let product, store.ticketProduct[row] != product { return false }
            if let mailbox, store.ticketMailbox[row] != mailbox { return false }
            return true
        }
    }

    static func ticketsGrowth(_ store: ColumnarStore, request: ReportRequest, range: ClosedRange<Int64>) -> Series {
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        let filter = TicketFilter(store, request)
        var counts = [Int](repeating: 0, count: buckets.count)
        let created = store.ticketCreatedAt
        let lo = lowerBound(created, buckets.start, in: 0..<created.count)
        let hi = lowerBound(created, buckets.end, in: lo..<created.count)
        created.withUnsafeBufferPointer { created in
            for row in lo..<hi where filter.isEmpty || filter.accepts(store, row: row) {
                counts[buckets.bucket(created[row])] += 1
            }
        }
        return buckets.series(counts)
    }

    static func resolveGrowth(_ store: ColumnarStore, request: ReportRequest, range: ClosedRange<Int64>) -> Series {
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        let filter = TicketFilter(store, request)
        var counts = [Int](repeating: 0, count: buckets.count)
        let resolved = store.closedResolvedAt
        let lo = lowerBound(resolved, buckets.start, in: 0..<resolved.count)
        let hi = lowerBound(resolved, buckets.end, in: lo..<resolved.count)
        resolved.withUnsafeBufferPointer { resolved in
            store.closedRows.withUnsafeBufferPointer { rows in
                for i in lo..<hi where filter.isEmpty || filter.accepts(store, row: Int(rows[i])) {
                    counts[buckets.bucket(resolved[i])] += 1
                }
            }
        }
        return buckets.series(counts)
    }

    static func responseGrowth(_ store: ColumnarStore, request: ReportRequest, range: ClosedRange<Int64>) -> Series {
        let buckets = Buckets(from: range.lowerBound, to: range.upperBound, interval: request.interval)
        var filter = TicketFilter(store, request)
        let agents = filter.agent.map { [$0] } ?? store.agentIndexes
        filter.agent = nil  // the author is the agent here, not the ticket's assignee
        var counts = [Int](repeating: 0, count: buckets.count)
        store.conversationCreatedAt.withUnsafeBufferPointer { created in
            store.conversationType.withUnsafeBufferPointer { types in
                store.conversationTicket.withUnsafeBufferPointer { tickets in
                    for agent in agents {
                        let group = store.conversationRange(person: Int(agent))
                        let lo = lowerBound(store.conversationCreatedAt, buckets.start, in: group)
                        let hi = lowerBound(store.conversationCreatedAt, buckets.end, in: lo..<group.upperBound)
                        for i in lo..<hi where types[i] == ConversationTypeCode.response {
                            if filter.hasTicketDimension && !filter.accepts(store, row: Int(tickets[i])) { continue }
                            counts[buckets.bucket(created[i])] += 1
                        }
                    }
                }
            }
        }
        return buckets.series(counts)
    }

    // MARK: agents-summary

    /// Distinct tickets among the `response` rows of one person's slice, using a per-ticket
    /// stamp array instead of a hash set.
    static func distinctResponseTickets(_ store: ColumnarStore, rows: Range<Int>, stamp: UnsafeMutableBufferPointer<Int32>?) -> Int {
        guard !rows.isEmpty else { return 0 }
        if let stamp {
            return countDistinct(store, rows: rows, stamp: stamp, mark: Int32(truncatingIfNeeded: rows.lowerBound))
        }
        var local = [Int32](repeating: -1, count: store.ticketCount)
        return local.withUnsafeMutableBufferPointer { countDistinct(store, rows: rows, stamp: $0, mark: 0) }
    }

    private static func countDistinct(
        _ store: ColumnarStore, rows: Range<Int>, stamp: UnsafeMutableBufferPointer<Int32>, mark: Int32
    ) -> Int {
        var distinct = 0
        store.conversationType.withUnsafeBufferPointer { types in
            store.conversationTicket.withUnsafeBufferPointer { tickets in
                for i in rows where types[i] == ConversationTypeCode.response {
                    let t = Int(tickets[i])
                    if stamp[t] != mark {
                        stamp[t] = mark
                        distinct += 1
                    }
                }
            }
        }
        return distinct
    }

    static func agentsSummary(
        _ store: ColumnarStore, range: ClosedRange<Int64>, now: Int64, only: Int32?, keepEmpty: Bool
    ) -> [AgentSummary] {
        let persons = store.personCount
        var closed = [Int](repeating: 0, count: persons)
        var opens = [Int](repeating: 0, count: persons)
        var waiting = [Int](repeating: 0, count: persons)
        var waitingSum = [Int64](repeating: 0, count: persons)
        var oldest = [Int64](repeating: .max, count: persons)

        let start = range.lowerBound * LocalTime.secondsPerDay
        let end = (range.upperBound + 1) * LocalTime.secondsPerDay
        let lo = lowerBound(store.closedResolvedAt, start, in: 0..<store.closedResolvedAt.count)
        let hi = lowerBound(store.closedResolvedAt, end, in: lo..<store.closedResolvedAt.count)
        store.closedRows.withUnsafeBufferPointer { rows in
            for i in lo..<hi {
                let a = store.ticketAgent[Int(rows[i])]
                if a >= 0 { closed[Int(a)] += 1 }
            }
        }
        for r in store.openRows {
            let row = Int(r)
            let a = Int(store.ticketAgent[row])
            guard a >= 0 else { continue }
            opens[a] += 1
            let since = store.ticketWaitingSince[row]
            guard since != ColumnarStore.null else { continue }
            let lastAgent = store.ticketLastAgentResponse[row]
            let lastCustomer = store.ticketLastCustomerResponse[row]
            // SQL: last_agent_response IS NULL OR last_agent_response < last_customer_response
            // OR status = 'new' (a NULL last_customer_response makes the comparison false).
            let isWaiting =
                lastAgent == ColumnarStore.null
                || (lastCustomer != ColumnarStore.null && lastAgent < lastCustomer)
                || store.ticketStatus[row] == TicketStatusCode.new
            guard isWaiting else { continue }
            waiting[a] += 1
            waitingSum[a] += since
            oldest[a] = min(oldest[a], since)
        }

        var stamp = [Int32](repeating: -1, count: store.ticketCount)
        let agents = only.map { [$0] } ?? store.agentIndexes
        var result: [AgentSummary] = []
        stamp.withUnsafeMutableBufferPointer { stamp in
            for agent in agents {
                let a = Int(agent)
                let group = store.conversationRange(person: a)
                let from = lowerBound(store.conversationCreatedAt, start, in: group)
                let to = lowerBound(store.conversationCreatedAt, end, in: from..<group.upperBound)
                var responses = 0
                store.conversationType.withUnsafeBufferPointer { types in
                    for i in from..<to where types[i] == ConversationTypeCode.response { responses += 1 }
                }
                guard keepEmpty || responses > 0 || closed[a] > 0 || opens[a] > 0 else { continue }
                let interactions = distinctResponseTickets(store, rows: from..<to, stamp: stamp)
                let count = waiting[a]
                result.append(
                    AgentSummary(
                        id: store.personIDs[a], firstName: store.personFirstName[a], lastName: store.personLastName[a],
                        photo: store.personPhoto[a], interactions: interactions, responses: responses, opens: opens[a],
                        closed: closed[a], waitingTickets: count,
                        averageWaitingNumerator: count > 0 ? now * Int64(count) - waitingSum[a] : nil,
                        maxWaitingSeconds: count > 0 ? now - oldest[a] : nil))
            }
        }
        return result
    }
}
