import FSColumnar
import FSSnapshot

/// The plugin's other reports (SEMANTICS.md, "The plugin's other reports"): stats,
/// day-time-stats, product-summary and mailbox-summary. Like the seed's kernels, each
/// reads only the rows of its range: a slice of the creation-ordered tickets, a slice of
/// the resolved-ordered closed tickets, and one binary-searched slice per conversation
/// group.
extension Reports {
    /// `[start, end)` in site-local seconds of an inclusive day range; everything for nil.
    static func seconds(_ range: ClosedRange<Int64>?) -> (start: Int64, end: Int64) {
        guard let range else { return (.min, .max) }
        return (range.lowerBound * LocalTime.secondsPerDay, (range.upperBound + 1) * LocalTime.secondsPerDay)
    }

    /// Rows of `sorted` (ascending) whose value is in `[start, end)`.
    static func slice(_ sorted: Column<Int64>, _ start: Int64, _ end: Int64) -> Range<Int> {
        sorted.withUnsafeBufferPointer { values in
            let lo = lowerBound(values, start, in: 0..<values.count)
            return lo..<lowerBound(values, end, in: lo..<values.count)
        }
    }

    /// Rows of one time-ordered conversation group whose time key is in `[a, b)`.
    @inline(__always)
    static func slice(_ time: UnsafeBufferPointer<UInt32>, _ group: Range<Int>, _ a: UInt64, _ b: UInt64) -> Range<Int> {
        guard let first = group.first else { return group }
        // Most small groups (a customer's few messages) lie wholly before, inside or after the
        // range; the last row alone settles "before", the usual case for a recent range.
        let highest = UInt64(time[group.upperBound - 1])
        if highest < a { return group.upperBound..<group.upperBound }
        let lowest = UInt64(time[first])
        if lowest >= b { return group.upperBound..<group.upperBound }
        if lowest >= a, highest < b { return group }
        let lo = lowerBound(time, key: a, in: group)
        return lo..<lowerBound(time, key: b, in: lo..<group.upperBound)
    }

    /// Conversation rows of group `g` (kind `g / (personCount + 1)`, author `g % (personCount + 1)`).
    @inline(__always)
    static func group(_ offsets: UnsafeBufferPointer<Int32>, _ g: Int) -> Range<Int> {
        Int(offsets[g])..<Int(offsets[g + 1])
    }

    // MARK: stats

    static func stats(_ store: ColumnarStore, request: ReportRequest, range: ClosedRange<Int64>?) -> [OverallItem] {
        let (start, end) = seconds(range)
        let filter = TicketFilter(store, request)
        let created = slice(store.ticketCreatedAt, start, end)
        let (a, b) = (store.conversationKey(start), store.conversationKey(end))
        var byStatus = [0, 0, 0, 0]
        var responses = 0
        var totalReplies = 0
        TicketColumns.with(store) { columns in
            store.ticketStatus.withUnsafeBufferPointer { status in
                if filter.isEmpty {
                    byStatus = Kernels.histogram4(UnsafeBufferPointer(rebasing: status[created]))
                } else {
                    for i in created
                    where columns.accepts(i, agent: filter.agent, product: filter.product, mailbox: filter.mailbox) {
                        byStatus[Int(min(status[i], 3))] += 1
                    }
                }
            }
            store.conversationTime.withUnsafeBufferPointer { time in
                store.conversationTicket.withUnsafeBufferPointer { tickets in
                    store.conversationOffsets.withUnsafeBufferPointer { offsets in
                        if range == nil, filter.isEmpty {
                            responses = store.responseEnd
                        } else {
                            // Responses by anyone: every author's response group, the authorless one too.
                            for p in 0...store.personCount {
                                let rows = slice(time, group(offsets, p), a, b)
                                if rows.isEmpty { continue }
                                responses += filter.isEmpty ? rows.count : filter.count(columns, indexes: tickets, rows)
                            }
                        }
                        if let agent = filter.agent {
                            let p = Int(agent)
                            totalReplies =
                                slice(time, store.responseRange(person: p), a, b).count
                                + slice(time, store.otherConversationRange(person: p), a, b).count
                        }
                    }
                }
            }
        }
        let closed = byStatus[Int(TicketStatusCode.closed)]
        var items: [OverallItem] = []
        if filter.agent != nil {
            items.append(OverallItem(key: "total_replies", title: "Total Replies", count: totalReplies))
        }
        items += [
            OverallItem(key: "new_tickets", title: "New Tickets", count: byStatus[Int(TicketStatusCode.new)]),
            OverallItem(key: "active_tickets", title: "Active Tickets", count: byStatus[Int(TicketStatusCode.active)]),
            OverallItem(key: "closed_tickets", title: "Closed Tickets", count: closed),
            OverallItem(key: "responses", title: "Responses", count: responses),
            OverallItem(key: "open_tickets", title: "Open Tickets", count: byStatus.reduce(0, +) - closed),
        ]
        return items
    }

    // MARK: day-time-stats

    static func dayTimeStats(_ store: ColumnarStore, request: ReportRequest, range: ClosedRange<Int64>?) -> DayTimeGrid {
        let type = request.dayTimeType ?? .ticket
        let (start, end) = seconds(range)
        var counts = [Int](repeating: 0, count: 7 * 24)
        counts.withUnsafeMutableBufferPointer { counts in
            switch type {
            case .ticket:
                let rows = slice(store.ticketCreatedAt, start, end)
                store.ticketCreatedAt.withUnsafeBufferPointer { created in
                    Kernels.addHoursOfWeek(rows, counts: counts) { created[$0] }
                }
            case .agentResponse, .customerResponse:
                // Agents: every agent, or the one of --agent. Customers: every author who is not an
                // agent (the authorless group is no one's), walked without building a list.
                let only = request.agentId.flatMap { store.personIndex(id: $0) }.map { Int($0) }
                let agents = store.agentIndexes
                let (a, b) = (store.conversationKey(start), store.conversationKey(end))
                let base = store.conversationTimeBase
                store.conversationTime.withUnsafeBufferPointer { time in
                    store.conversationOffsets.withUnsafeBufferPointer { offsets in
                        store.personIsAgent.withUnsafeBufferPointer { isAgent in
                            func add(_ p: Int) {
                                let rows = slice(time, group(offsets, p), a, b)
                                if rows.isEmpty { return }
                                Kernels.addHoursOfWeek(rows, counts: counts) { base + Int64(time[$0]) }
                            }
                            if type == .agentResponse {
                                if let only { add(only) } else { for agent in agents { add(Int(agent)) } }
                            } else {
                                for p in 0..<isAgent.count where !isAgent[p] { add(p) }
                            }
                        }
                    }
                }
            }
        }
        return DayTimeGrid(type: type, range: range, counts: counts)
    }

    // MARK: product-summary, mailbox-summary

    static func groupSummaries(
        _ store: ColumnarStore, range: ClosedRange<Int64>, dimension: GroupSummaries.Dimension
    ) -> GroupSummaries {
        let (start, end) = seconds(range)
        let codeColumn = dimension == .product ? store.ticketProduct : store.ticketMailbox
        let ids = dimension == .product ? store.productIDs : store.mailboxIDs
        let names = dimension == .product ? store.productNames : store.mailboxNames
        let n = ids.count
        // Counters indexed by code + 2: codes −2 (unknown id) and −1 (none) belong to no group.
        var responses = [Int](repeating: 0, count: n + 2)
        var agentResponses = responses
        var interactions = responses
        var opens = responses
        var closed = responses
        var hasTicket = [Bool](repeating: false, count: n)
        let (a, b) = (store.conversationKey(start), store.conversationKey(end))
        let perKind = store.personCount + 1
        codeColumn.withUnsafeBufferPointer { codes in
            // Which groups ever had a ticket: stops as soon as every group has been seen.
            var missing = n
            var i = 0
            while missing > 0, i < codes.count {
                let c = Int(codes[i])
                if c >= 0, !hasTicket[c] {
                    hasTicket[c] = true
                    missing -= 1
                }
                i += 1
            }
            // closed: closed tickets resolved in range.
            let resolved = slice(store.closedResolvedAt, start, end)
            store.closedRows.withUnsafeBufferPointer { rows in
                for i in resolved { closed[Int(codes[Int(rows[i])]) + 2] += 1 }
            }
            // opens: tickets not closed, created in range.
            store.ticketStatus.withUnsafeBufferPointer { status in
                for i in slice(store.ticketCreatedAt, start, end) where status[i] != TicketStatusCode.closed {
                    opens[Int(codes[i]) + 2] += 1
                }
            }
            var seen = [UInt64](repeating: 0, count: (store.ticketCount + 63) / 64)
            store.conversationTime.withUnsafeBufferPointer { time in
                store.conversationTicket.withUnsafeBufferPointer { tickets in
                    store.conversationOffsets.withUnsafeBufferPointer { offsets in
                        store.personIsAgent.withUnsafeBufferPointer { isAgent in
                            // Responses: count them, and mark their tickets for interactions.
                            for p in 0..<perKind {
                                let rows = slice(time, group(offsets, p), a, b)
                                if rows.isEmpty { continue }
                                let byAgent = p < isAgent.count && isAgent[p]
                                for i in rows {
                                    let ticket = Int(tickets[i])
                                    let c = Int(codes[ticket]) + 2
                                    responses[c] += 1
                                    if byAgent { agentResponses[c] += 1 }
                                    let (word, bit) = (ticket >> 6, UInt64(1) << UInt64(ticket & 63))
                                    if seen[word] & bit == 0 {
                                        seen[word] |= bit
                                        interactions[c] += 1
                                    }
                                }
                            }
                            // Every other type (notes, internal_info...) counts in the plugin's responses.
                            for g in perKind..<(2 * perKind) {
                                let rows = slice(time, group(offsets, g), a, b)
                                for i in rows { responses[Int(codes[Int(tickets[i])]) + 2] += 1 }
                            }
                        }
                    }
                }
            }
        }
        var entries: [GroupSummary] = []
        for k in 0..<n where hasTicket[k] {
            entries.append(
                GroupSummary(
                    id: ids[k], name: names[k], responses: responses[k + 2], opens: opens[k + 2], closed: closed[k + 2],
                    interactions: interactions[k + 2], agentResponses: agentResponses[k + 2]))
        }
        return GroupSummaries(dimension: dimension, entries: entries)
    }
}
